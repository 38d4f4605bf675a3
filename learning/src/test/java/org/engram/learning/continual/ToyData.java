package org.engram.learning.continual;

import org.engram.simulator.random.SplitMixRandom;

/** Synthetic classification tasks for strategy tests. */
final class ToyData {
    private ToyData() {
    }

    /**
     * Gaussian blobs whose class means are random vectors inside the span of given basis rows, so
     * every input lies exactly in that subspace.
     *
     * @param task    the task index
     * @param basis   rows spanning the task's input subspace (each of length n)
     * @param classes the number of classes
     * @param size    the number of samples
     * @param seed    the generator seed
     */
    static ArraySamples inSubspace(int task, float[][] basis, int classes, int size, long seed) {
        return nearSubspace(task, basis, classes, size, 0, seed);
    }

    /** As {@link #inSubspace}, plus isotropic Gaussian noise of standard deviation {@code noise} per input. */
    static ArraySamples nearSubspace(int task, float[][] basis, int classes, int size, double noise, long seed) {
        SplitMixRandom r = new SplitMixRandom(seed);
        int d = basis.length;
        int n = basis[0].length;
        double[][] means = new double[classes][d];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < d; j++) {
                means[c][j] = 2 * r.nextGaussian();
            }
        }
        float[][] x = new float[size][n];
        int[] labels = new int[size];
        for (int s = 0; s < size; s++) {
            int c = s % classes;
            labels[s] = c;
            for (int j = 0; j < d; j++) {
                double coef = means[c][j] + 0.5 * r.nextGaussian();
                for (int i = 0; i < n; i++) {
                    x[s][i] += (float) (coef * basis[j][i]);
                }
            }
            if (noise > 0) {
                for (int i = 0; i < n; i++) {
                    x[s][i] += (float) (noise * r.nextGaussian());
                }
            }
        }
        return new ArraySamples(task, x, labels);
    }

    /** Unit vectors e_from .. e_(from+count-1) in dimension n. */
    static float[][] axes(int n, int from, int count) {
        float[][] b = new float[count][n];
        for (int j = 0; j < count; j++) {
            b[j][from + j] = 1;
        }
        return b;
    }

    /** Random Gaussian vectors in dimension n (not orthogonal). */
    static float[][] randomRows(int count, int n, long seed) {
        SplitMixRandom r = new SplitMixRandom(seed);
        float[][] b = new float[count][n];
        for (int j = 0; j < count; j++) {
            for (int i = 0; i < n; i++) {
                b[j][i] = (float) (r.nextGaussian() / Math.sqrt(n));
            }
        }
        return b;
    }
}
