package org.engram.simulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.connect.Connectivity;

/** Builds one-projection test networks of {@link LifDelta} populations and checks CSR structure. */
final class Networks {
    /** Time step of every test network (ms). */
    static final double DT_MS = 0.1;

    private Networks() {
    }

    /**
     * A projection from a population onto itself.
     *
     * @param seed network seed
     * @param n    population size
     * @param rule connectivity
     * @param spec synapses
     * @return the built projection
     */
    static Projection within(long seed, int n, Connectivity rule, Synapses spec) {
        NetworkBuilder b = new NetworkBuilder(DT_MS).seed(seed);
        Population<?, ?> p = b.population("p", n, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("p->p", p, p, rule, spec);
        return b.build().projections().get(0);
    }

    /**
     * A projection between two populations.
     *
     * @param seed network seed
     * @param n    source size
     * @param m    target size
     * @param rule connectivity
     * @param spec synapses
     * @return the built projection
     */
    static Projection between(long seed, int n, int m, Connectivity rule, Synapses spec) {
        NetworkBuilder b = new NetworkBuilder(DT_MS).seed(seed);
        Population<?, ?> a = b.population("a", n, LifDelta.MODEL, LifDelta.MODEL.defaults());
        Population<?, ?> c = b.population("b", m, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("a->b", a, c, rule, spec);
        return b.build().projections().get(0);
    }

    /**
     * Asserts the CSR invariants: row offsets start at 0, never decrease and end at the synapse
     * count; targets lie in the target population and do not decrease within a row (strictly
     * increase when {@code distinct}).
     *
     * @param p        the projection
     * @param distinct whether a row may not repeat a target (no multapses)
     */
    static void assertCsr(Projection p, boolean distinct) {
        int[] rowStart = p.rowStart();
        int[] targets = targets(p);
        int m = p.target().size();
        assertEquals(p.source().size() + 1, rowStart.length, "rowStart length");
        assertEquals(0, rowStart[0], "rowStart[0]");
        assertEquals(targets.length, rowStart[rowStart.length - 1], "last row offset");
        for (int s = 0; s + 1 < rowStart.length; s++) {
            assertTrue(rowStart[s] <= rowStart[s + 1], "rowStart decreases at source " + s);
            for (int k = rowStart[s]; k < rowStart[s + 1]; k++) {
                assertTrue(targets[k] >= 0 && targets[k] < m, "target out of range: " + targets[k]);
                if (k > rowStart[s]) {
                    boolean ordered = distinct ? targets[k - 1] < targets[k] : targets[k - 1] <= targets[k];
                    assertTrue(ordered, "row " + s + " not ascending at synapse " + k);
                }
            }
        }
    }

    /**
     * Every synapse's target, whichever width the projection stores them in.
     *
     * @param p the projection
     * @return the targets, one per synapse, in the projection's order
     */
    static int[] targets(Projection p) {
        int[] targets = new int[p.synapseCount()];
        for (int k = 0; k < targets.length; k++) {
            targets[k] = p.target(k);
        }
        return targets;
    }

    /**
     * Counts incoming synapses per target.
     *
     * @param p the projection
     * @return in-degree of every target neuron
     */
    static int[] inDegrees(Projection p) {
        int[] in = new int[p.target().size()];
        for (int t : targets(p)) {
            in[t]++;
        }
        return in;
    }

    /**
     * Counts synapses from a neuron to itself.
     *
     * @param p the projection
     * @return the number of autapses
     */
    static int autapses(Projection p) {
        int count = 0;
        for (int s = 0; s < p.source().size(); s++) {
            for (int k = p.rowStart()[s]; k < p.rowStart()[s + 1]; k++) {
                if (p.target(k) == s) {
                    count++;
                }
            }
        }
        return count;
    }
}
