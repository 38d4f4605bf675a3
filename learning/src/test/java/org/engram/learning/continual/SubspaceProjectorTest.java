package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.engram.learning.train.WorkerPool;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubspaceProjectorTest {
    /**
     * The projection, column by column as the formula reads: c_b = sum_i B[b][i] u[i] over i in
     * order, then u[i] - sum_b B[b][i] c_b over b in order, in double, rounded to float once.
     */
    private static float[] columnByColumn(double[] basis, int k, int n, float[] update, int outputs) {
        float[] out = update.clone();
        for (int o = 0; o < outputs; o++) {
            double[] c = new double[k];
            for (int b = 0; b < k; b++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += basis[b * n + i] * update[i * outputs + o];
                }
                c[b] = sum;
            }
            for (int i = 0; i < n; i++) {
                double r = update[i * outputs + o];
                for (int b = 0; b < k; b++) {
                    r -= basis[b * n + i] * c[b];
                }
                out[i * outputs + o] = (float) r;
            }
        }
        return out;
    }

    /**
     * The blocked projection forms every sum in the formula's order, so it equals the column-by-column
     * one bit for bit: for basis and input counts that are and are not multiples of the block of four,
     * output counts below, at and across tiles, and one to three workers sharing the tiles.
     * (Orthonormality does not matter to the arithmetic.)
     */
    @ParameterizedTest
    @CsvSource({"1, 1, 1, 1", "3, 5, 7, 2", "4, 8, 64, 2", "5, 9, 65, 2", "7, 13, 130, 3", "12, 31, 200, 1",
        "12, 31, 200, 3", "0, 6, 3, 2"})
    void blockedProjectionEqualsTheColumnByColumnOneExactly(int k, int n, int outputs, int threads) {
        SplitMixRandom r = new SplitMixRandom(k * 1_000L + n * 10L + outputs);
        double[] basis = new double[k * n];
        for (int q = 0; q < basis.length; q++) {
            basis[q] = r.nextGaussian() / Math.sqrt(n);
        }
        float[] update = new float[n * outputs];
        for (int q = 0; q < update.length; q++) {
            update[q] = (float) r.nextGaussian();
        }
        float[] expected = columnByColumn(basis, k, n, update, outputs);
        try (WorkerPool workers = new WorkerPool(threads)) {
            SubspaceProjector projector = new SubspaceProjector(workers);
            projector.project(basis, k, n, update, outputs);
            assertArrayEquals(expected, update);
            // A second call reuses the projector's buffers.
            float[] again = update.clone();
            projector.project(basis, k, n, again, outputs);
            assertArrayEquals(columnByColumn(basis, k, n, update, outputs), again);
        }
    }

    /**
     * Extending a basis keeps the candidates' directions it lacks, normalised, and drops those whose
     * residual is below 1e-9 of their own norm, whatever that norm: basis e0, candidates
     * (1e6, 1e-5, 0) (residual 1e-11 of its norm: dependent), 0 (dropped), (2, 0, 3) (adds e2). A limit
     * stops early; running out of candidates before the limit returns what was found.
     */
    @Test
    void extendKeepsNewDirectionsAndDropsDependentOnesAtAnyScale() {
        double[] e0 = {1, 0, 0};
        double[] candidates = {1e6, 1e-5, 0, 0, 0, 0, 2, 0, 3};
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 1}, SubspaceProjector.extend(e0, 1, candidates, 3, 3, 3), 0);
        double[] large = {0, 4e6, 3e6, 0, 0, 1};
        assertArrayEquals(new double[] {1, 0, 0, 0, 0.8, 0.6}, SubspaceProjector.extend(e0, 1, large, 2, 3, 1), 0);
    }

    /**
     * Candidates that lie almost in the basis's span (a unit combination of its rows plus 1e-7 of a random
     * direction: kept, as 1e-7 is above the 1e-9 of {@link SubspaceProjector#DEPENDENT}) still extend it
     * to rows orthonormal to 1e-12. One pass of Gram-Schmidt leaves the residual's rounding, about 2^-53
     * of the candidate, in the basis's directions, i.e. 1e-16 / 1e-7 = 1e-9 of the new unit row; the
     * second pass removes it down to a few ulp.
     */
    @Test
    void nearlyDependentCandidatesStillGiveOrthonormalRows() {
        int n = 8;
        SplitMixRandom r = new SplitMixRandom(41);
        double[] raw = new double[3 * n];
        for (int q = 0; q < raw.length; q++) {
            raw[q] = r.nextGaussian();
        }
        double[][] q3 = Subspaces.orthonormalRows(raw, n);
        double[] basis = new double[3 * n];
        for (int b = 0; b < 3; b++) {
            System.arraycopy(q3[b], 0, basis, b * n, n);
        }
        double[] candidates = new double[3 * n];
        for (int c = 0; c < 3; c++) {
            double[] w = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            double norm = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
            for (int i = 0; i < n; i++) {
                candidates[c * n + i] = (w[0] * q3[0][i] + w[1] * q3[1][i] + w[2] * q3[2][i]) / norm
                        + 1e-7 * r.nextGaussian();
            }
        }
        double[] out = SubspaceProjector.extend(basis, 3, candidates, 3, n, 3);
        assertEquals(6 * n, out.length, "every candidate adds a direction");
        for (int a = 0; a < 6; a++) {
            for (int b = 0; b < 6; b++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += out[a * n + i] * out[b * n + i];
                }
                assertEquals(a == b ? 1 : 0, dot, 1e-12, "rows " + a + ", " + b);
            }
        }
    }
}
