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

    static IncomingIndex of(int targetCount, int[] rowStart, int[] targets) {
        int[] colStart = new int[targetCount + 1];
        for (int t : targets) {
            colStart[t + 1]++;
        }
        for (int t = 0; t < targetCount; t++) {
            colStart[t + 1] += colStart[t];
        }
        int[] fill = colStart.clone();
        int[] synapse = new int[targets.length];
        int[] source = new int[targets.length];
        for (int s = 0; s + 1 < rowStart.length; s++) {
            for (int k = rowStart[s]; k < rowStart[s + 1]; k++) {
                int slot = fill[targets[k]]++;
                synapse[slot] = k;
                source[slot] = s;
            }
        }
        return new IncomingIndex(colStart, synapse, source);
    }
}
