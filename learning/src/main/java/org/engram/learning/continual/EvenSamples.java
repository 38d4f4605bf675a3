package org.engram.learning.continual;

/**
 * Chooses which samples of a task an importance estimate uses: {@code n} indices spread evenly
 * over the set ({@code floor(k * size / n)}), which is deterministic and needs no random stream.
 */
final class EvenSamples {
    private EvenSamples() {
    }

    /**
     * @param size the number of samples in the set, {@code >= 1}
     * @param n    how many to choose; all of them if {@code n >= size}
     * @return ascending sample indices
     */
    static int[] choose(int size, int n) {
        int m = Math.min(size, n);
        int[] idx = new int[m];
        for (int k = 0; k < m; k++) {
            idx[k] = (int) ((long) k * size / m);
        }
        return idx;
    }
}
