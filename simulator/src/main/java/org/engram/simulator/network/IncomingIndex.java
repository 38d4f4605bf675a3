package org.engram.simulator.network;

/**
 * A projection's synapses grouped by target neuron (compressed sparse columns over the CSR
 * synapse indices): the synapses onto target {@code t} are {@code synapse[colStart[t] ..
 * colStart[t + 1])}, in ascending source order. The arrays are the projection's own, shared and not
 * copied: read them, do not modify them.
 *
 * @param colStart column offsets, length {@code targets + 1}
 * @param synapse  CSR synapse indices grouped by target
 * @param source   the source neuron of each entry of {@code synapse}
 */
public record IncomingIndex(int[] colStart, int[] synapse, int[] source) {

    static IncomingIndex of(Projection projection) {
        int targetCount = projection.target().size();
        int[] rowStart = projection.rowStart();
        int synapses = projection.synapseCount();
        int[] colStart = new int[targetCount + 1];
        for (int k = 0; k < synapses; k++) {
            colStart[projection.target(k) + 1]++;
        }
        for (int t = 0; t < targetCount; t++) {
            colStart[t + 1] += colStart[t];
        }
        int[] fill = colStart.clone();
        int[] synapse = new int[synapses];
        int[] source = new int[synapses];
        for (int s = 0; s + 1 < rowStart.length; s++) {
            for (int k = rowStart[s]; k < rowStart[s + 1]; k++) {
                int slot = fill[projection.target(k)]++;
                synapse[slot] = k;
                source[slot] = s;
            }
        }
        return new IncomingIndex(colStart, synapse, source);
    }
}
