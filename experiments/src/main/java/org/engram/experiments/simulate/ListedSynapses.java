package org.engram.experiments.simulate;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.engram.simulator.network.Projection;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.engram.simulator.random.SplitMixRandom;

/**
 * The synapses of a {@code record.weights} entry whose own weights are written, by CSR index (the data row of
 * the projection's {@code synapses_<name>.csv}): those listed by index, then those named by their
 * {@code [source, target]} pair, then those drawn at random among the rest, ascending. The draw takes one
 * stream per projection, {@code RandomStreams.of(seed, Purpose.WEIGHT_RECORDING, projection index)}: the same
 * seed picks the same synapses, whatever the thread count and whatever else the config records.
 */
final class ListedSynapses {
    private ListedSynapses() {
    }

    /**
     * {@return the synapses an entry lists, in the order of its columns}
     *
     * @param w          the entry, checked against the built projection ({@link WeightRecordChecks})
     * @param projection the projection it records
     * @param seed       the simulation's seed
     */
    static int[] of(SimulationConfig.WeightSpec w, Projection projection, long seed) {
        int given = w.synapses().length + w.pairs().length;
        int[] listed = Arrays.copyOf(w.synapses(), given + w.sample());
        for (int k = 0; k < w.pairs().length; k++) {
            listed[w.synapses().length + k] = pairSynapse(projection, w.pairs()[k][0], w.pairs()[k][1]);
        }
        int[] drawn = drawn(projection.synapseCount(), Arrays.copyOf(listed, given), w.sample(),
                RandomStreams.of(seed, Purpose.WEIGHT_RECORDING, projection.index()));
        System.arraycopy(drawn, 0, listed, given, drawn.length);
        return listed;
    }

    /**
     * {@return the first synapse (lowest index) from a source neuron to a target neuron, or -1 when none joins them}
     *
     * @param projection the projection
     * @param source     a neuron of its source population
     * @param target     a neuron of its target population
     */
    static int pairSynapse(Projection projection, int source, int target) {
        int[] rowStart = projection.rowStart();
        // Targets ascend within a row: the first of equal ones is the pair's first synapse.
        int lo = rowStart[source];
        int hi = rowStart[source + 1];
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (projection.target(mid) < target) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < rowStart[source + 1] && projection.target(lo) == target ? lo : -1;
    }

    /**
     * {@return the source neuron of a synapse: the CSR row that holds its index}
     *
     * @param projection the projection
     * @param synapse    a synapse index in {@code [0, synapseCount)}
     */
    static int sourceOf(Projection projection, int synapse) {
        int[] rowStart = projection.rowStart();
        int found = Arrays.binarySearch(rowStart, synapse);
        if (found < 0) {
            return -found - 2;   // inside the row that starts before it
        }
        while (found + 1 < rowStart.length && rowStart[found + 1] == synapse) {
            found++;   // rows of no synapses start where the next one does
        }
        return found;
    }

    /**
     * Draws {@code k} distinct indices of {@code [0, n)} outside {@code excluded}, each set of {@code k} equally
     * likely: Floyd's algorithm (Bentley and Floyd, "A sample of brilliance", CACM 1987) over the
     * {@code n - excluded.length} candidates, each then mapped to the index it stands for.
     *
     * @param n        the indices to draw from, {@code [0, n)}
     * @param excluded distinct indices in {@code [0, n)} not to draw
     * @param k        how many, at most {@code n - excluded.length}
     * @param random   the stream
     * @return the indices, ascending
     */
    static int[] drawn(int n, int[] excluded, int k, SplitMixRandom random) {
        int candidates = n - excluded.length;
        Set<Integer> chosen = new HashSet<>();
        for (int j = candidates - k; j < candidates; j++) {
            int t = random.nextInt(j + 1);
            chosen.add(chosen.contains(t) ? j : t);
        }
        int[] skipped = excluded.clone();
        Arrays.sort(skipped);
        int[] out = new int[k];
        int next = 0;
        for (int candidate : chosen) {
            int index = candidate;
            for (int e : skipped) {
                if (e <= index) {
                    index++;   // the excluded index takes no candidate's place: the candidate stands one further
                } else {
                    break;
                }
            }
            out[next++] = index;
        }
        Arrays.sort(out);
        return out;
    }
}
