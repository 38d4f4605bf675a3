package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.engram.learning.train.WorkerPool;
import org.engram.learning.train.Workers;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OjaSubspaceTest {
    /**
     * Oja's subspace rule as the class documents it, one sample at a time: y = H x,
     * delta_j += y_j (x - H^T y) for the trained rows, v = momentum v + delta / (m mean ||x||^2),
     * H_j += eta v_j, each sum in the order of its index.
     */
    private static void sampleBySample(double[] h, float[][] x, int n, int lo, int hi, int iterations, double eta,
                                       double momentum) {
        int m = x.length;
        double meanSquare = 0;
        for (float[] v : x) {
            for (float e : v) {
                meanSquare += (double) e * e;
            }
        }
        meanSquare /= m;
        double scale = 1.0 / (m * meanSquare);
        double[] velocity = new double[(hi - lo) * n];
        for (int it = 0; it < iterations; it++) {
            double[] delta = new double[(hi - lo) * n];
            for (float[] v : x) {
                double[] y = new double[hi];
                for (int j = 0; j < hi; j++) {
                    double sum = 0;
                    for (int i = 0; i < n; i++) {
                        sum += h[j * n + i] * v[i];
                    }
                    y[j] = sum;
                }
                double[] residual = new double[n];
                for (int i = 0; i < n; i++) {
                    residual[i] = v[i];
                }
                for (int j = 0; j < hi; j++) {
                    for (int i = 0; i < n; i++) {
                        residual[i] -= h[j * n + i] * y[j];
                    }
                }
                for (int j = lo; j < hi; j++) {
                    for (int i = 0; i < n; i++) {
                        delta[(j - lo) * n + i] += y[j] * residual[i];
                    }
                }
            }
            for (int q = 0; q < delta.length; q++) {
                velocity[q] = momentum * velocity[q] + delta[q] * scale;
                h[lo * n + q] += eta * velocity[q];
            }
        }
    }

    /**
     * The trainer forms the responses of several samples together and moves groups of rows on any
     * worker; each sum keeps the one-sample order, so the weights equal the sample-by-sample rule's
     * bit for bit, for batches that do and do not fill the last block, with and without frozen rows,
     * with one or several groups of rows, and on one to three workers.
     */
    @ParameterizedTest
    @CsvSource({"1, 0, 3, 1", "2, 1, 4, 2", "3, 0, 5, 1", "4, 2, 6, 2", "5, 3, 5, 2", "9, 2, 7, 1", "64, 4, 9, 2",
        "13, 0, 20, 3", "64, 4, 30, 1", "64, 4, 30, 2", "61, 11, 37, 3"})
    void blockedTrainingEqualsTheSampleBySampleRuleExactly(int m, int lo, int hi, int threads) {
        int n = 11;
        SplitMixRandom r = new SplitMixRandom(m * 100L + lo * 10L + hi);
        float[][] x = new float[m][n];
        for (float[] v : x) {
            for (int i = 0; i < n; i++) {
                v[i] = r.nextDouble() < 0.3 ? 1 : 0;
            }
        }
        double[] h = new double[hi * n];
        for (int q = 0; q < h.length; q++) {
            h[q] = r.nextGaussian() * 0.3;
        }
        double[] expected = h.clone();
        sampleBySample(expected, x, n, lo, hi, 3, 0.2, 0.9);
        try (WorkerPool workers = new WorkerPool(threads)) {
            OjaSubspace oja = new OjaSubspace(n, workers);
            oja.reset(lo, hi);
            oja.train(h, new ArrayActivity(x), m, 3, 0.2, 0.9);
        }
        assertArrayEquals(expected, h);
    }

    /**
     * A reset starts the trained rows with zero momentum: two batches with a reset between them move
     * the rows as two runs of the sample-by-sample rule from rest do, bit for bit.
     */
    @Test
    void resetStartsFromZeroMomentum() {
        int n = 5;
        SplitMixRandom r = new SplitMixRandom(17);
        float[][] first = gaussianBatch(6, n, r);
        float[][] second = gaussianBatch(6, n, r);
        double[] h = gaussianRows(3, n, r);
        double[] expected = h.clone();
        sampleBySample(expected, first, n, 1, 3, 2, 0.2, 0.9);
        sampleBySample(expected, second, n, 1, 3, 2, 0.2, 0.9);
        OjaSubspace oja = new OjaSubspace(n, Workers.CALLING_THREAD);
        oja.reset(1, 3);
        oja.train(h, new ArrayActivity(first), 6, 2, 0.2, 0.9);
        oja.reset(1, 3);
        oja.train(h, new ArrayActivity(second), 6, 2, 0.2, 0.9);
        assertArrayEquals(expected, h);
    }

    /**
     * A silent batch (every activity vector zero, as a layer whose inputs never fire gives) has no
     * energy to scale its step by and carries no direction: it moves no row and leaves the momentum
     * as it was, so training around it equals training without it, bit for bit (rather than rows of
     * NaN from 0 / 0).
     */
    @Test
    void aSilentBatchChangesNothing() {
        int n = 5;
        SplitMixRandom r = new SplitMixRandom(23);
        float[][] first = gaussianBatch(4, n, r);
        float[][] second = gaussianBatch(4, n, r);
        double[] h = gaussianRows(2, n, r);
        double[] expected = h.clone();
        OjaSubspace straight = new OjaSubspace(n, Workers.CALLING_THREAD);
        straight.reset(0, 2);
        straight.train(expected, new ArrayActivity(first), 4, 2, 0.2, 0.9);
        straight.train(expected, new ArrayActivity(second), 4, 2, 0.2, 0.9);
        OjaSubspace interrupted = new OjaSubspace(n, Workers.CALLING_THREAD);
        interrupted.reset(0, 2);
        interrupted.train(h, new ArrayActivity(first), 4, 2, 0.2, 0.9);
        double[] afterFirst = h.clone();
        interrupted.train(h, new ArrayActivity(new float[4][n]), 4, 2, 0.2, 0.9);
        assertArrayEquals(afterFirst, h, "the silent batch moved a row");
        interrupted.train(h, new ArrayActivity(second), 4, 2, 0.2, 0.9);
        assertArrayEquals(expected, h);
    }

    /**
     * The step is relative to the batch's energy, so the scale of the activity does not matter: a batch
     * scaled by 2^-4 moves the rows exactly as the batch itself does, bit for bit (y, the residual and
     * dH scale by powers of two, which rounds nothing, and the energy's 2^-8 cancels dH's). The batch's
     * mean squared norm is about 5, the scaled one's about 0.02: both must train.
     */
    @Test
    void aBatchScaledByAPowerOfTwoMovesTheRowsAlike() {
        int n = 5;
        SplitMixRandom r = new SplitMixRandom(29);
        float[][] x = gaussianBatch(6, n, r);
        float[][] scaled = new float[x.length][n];
        for (int s = 0; s < x.length; s++) {
            for (int i = 0; i < n; i++) {
                scaled[s][i] = x[s][i] * 0x1p-4f;
            }
        }
        double[] start = gaussianRows(2, n, r);
        double[] h = start.clone();
        double[] hScaled = start.clone();
        for (double[] rows : new double[][] {h, hScaled}) {
            OjaSubspace oja = new OjaSubspace(n, Workers.CALLING_THREAD);
            oja.reset(0, 2);
            oja.train(rows, new ArrayActivity(rows == h ? x : scaled), 6, 2, 0.2, 0.9);
        }
        assertFalse(Arrays.equals(start, h), "the batch moved the rows");
        assertArrayEquals(h, hScaled);
    }

    /** {@return m activity vectors of n standard normal values} */
    private static float[][] gaussianBatch(int m, int n, SplitMixRandom r) {
        float[][] x = new float[m][n];
        for (float[] v : x) {
            for (int i = 0; i < n; i++) {
                v[i] = (float) r.nextGaussian();
            }
        }
        return x;
    }

    /** {@return k lateral rows of n normal values of standard deviation 0.3, row-major} */
    private static double[] gaussianRows(int k, int n, SplitMixRandom r) {
        double[] h = new double[k * n];
        for (int q = 0; q < h.length; q++) {
            h[q] = r.nextGaussian() * 0.3;
        }
        return h;
    }
}
