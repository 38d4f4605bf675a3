package org.engram.learning.continual;

import java.util.Arrays;

/**
 * Removes from a layer's update the part that lies in a protected subspace of the input space,
 * for every output neuron: {@code dW[:, o] <- dW[:, o] - B^T B dW[:, o]} where the k rows of
 * {@code B} are an orthonormal basis of the subspace. Then {@code B dW'[:, o] = 0}, so the layer's
 * response {@code W^T x} to any input x inside the subspace does not change. Shared by GPM and HLOP.
 *
 * <p>Sums run in a fixed order (basis vector, then input index) in double precision, and each
 * element is rounded to float once, so the result is reproducible and its component inside the
 * subspace is at the level of float rounding (about 6e-8 of the update's norm).
 */
final class SubspaceProjector {
    /** Relative residual norm below which a candidate vector counts as already in the basis. */
    static final double DEPENDENT = 1e-9;

    private double[] coeff = new double[0];
    private double[] row = new double[0];

    /**
     * Projects an update in place.
     *
     * @param basis   k orthonormal rows of length n, row-major ({@code basis[b * n + i]}); only the first k*n values are used
     * @param k       the number of basis rows
     * @param n       the layer's inputs
     * @param update  the update, row-major by input ({@code update[i * outputs + o]})
     * @param outputs the layer's outputs
     */
    void project(double[] basis, int k, int n, float[] update, int outputs) {
        if (k == 0) {
            return;
        }
        if (coeff.length < k * outputs) {
            coeff = new double[k * outputs];
        }
        if (row.length < outputs) {
            row = new double[outputs];
        }
        final double[] c = coeff;
        final double[] r = row;
        Arrays.fill(c, 0, k * outputs, 0.0);
        for (int b = 0; b < k; b++) {
            final int cb = b * outputs;
            final int bb = b * n;
            for (int i = 0; i < n; i++) {
                final double bi = basis[bb + i];
                final int ui = i * outputs;
                for (int o = 0; o < outputs; o++) {
                    c[cb + o] += bi * update[ui + o];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            final int ui = i * outputs;
            for (int o = 0; o < outputs; o++) {
                r[o] = update[ui + o];
            }
            for (int b = 0; b < k; b++) {
                final double bi = basis[b * n + i];
                final int cb = b * outputs;
                for (int o = 0; o < outputs; o++) {
                    r[o] -= bi * c[cb + o];
                }
            }
            for (int o = 0; o < outputs; o++) {
                update[ui + o] = (float) r[o];
            }
        }
    }

    /**
     * Appends to an orthonormal basis the directions of candidate vectors that it does not span yet
     * (modified Gram-Schmidt, applied twice for stability).
     *
     * @param basis      k orthonormal rows of length n (row-major)
     * @param k          the number of basis rows
     * @param candidates m candidate rows of length n (row-major), not modified
     * @param m          the number of candidates
     * @param n          the vector length
     * @param limit      the most rows to add
     * @return the extended basis, {@code k + r} rows with {@code r <= min(m, limit)}; candidates whose
     *         residual is below {@link #DEPENDENT} of their norm are dropped
     */
    static double[] extend(double[] basis, int k, double[] candidates, int m, int n, int limit) {
        double[] out = Arrays.copyOf(basis, (k + m) * n);
        int rows = k;
        double[] v = new double[n];
        for (int c = 0; c < m && rows - k < limit; c++) {
            System.arraycopy(candidates, c * n, v, 0, n);
            double norm0 = norm(v, 0, n);
            if (!(norm0 > 0)) {
                continue;
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int b = 0; b < rows; b++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += out[b * n + i] * v[i];
                    }
                    for (int i = 0; i < n; i++) {
                        v[i] -= dot * out[b * n + i];
                    }
                }
            }
            double norm = norm(v, 0, n);
            if (norm > DEPENDENT * norm0) {
                for (int i = 0; i < n; i++) {
                    out[rows * n + i] = v[i] / norm;
                }
                rows++;
            }
        }
        return Arrays.copyOf(out, rows * n);
    }

    private static double norm(double[] v, int from, int n) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += v[i] * v[i];
        }
        return Math.sqrt(s);
    }
}
