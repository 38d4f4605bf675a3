package org.engram.learning.continual;

import java.util.Arrays;
import org.engram.learning.train.Workers;

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

    /**
     * Output columns handled together: the update's columns and the coefficients of one tile
     * (n and k rows of {@value} values) stay in a core's second-level cache through both passes.
     */
    private static final int TILE = 64;

    private final Workers workers;
    /** Per worker: the scratch space of the tile it projects. */
    private final TileProjector[] tiles;

    /**
     * @param workers the threads that project tiles of output columns side by side
     */
    SubspaceProjector(Workers workers) {
        this.workers = workers;
        this.tiles = new TileProjector[workers.count()];
        for (int w = 0; w < tiles.length; w++) {
            tiles[w] = new TileProjector();
        }
    }

    /**
     * Projects an update in place.
     *
     * <p>Each tile of output columns is projected on its own (columns do not interact), by any
     * worker, four basis rows or four update rows at a time, so each value loaded serves four sums.
     * Every sum still runs over its terms in the order the formula gives (input index for a
     * coefficient, basis row for an element), so the result depends neither on the blocking nor on
     * the number of workers.
     *
     * @param basis   k orthonormal rows of length n, row-major ({@code basis[b * n + i]}); only the first k*n
     *                values are used
     * @param k       the number of basis rows
     * @param n       the layer's inputs
     * @param update  the update, row-major by input ({@code update[i * outputs + o]})
     * @param outputs the layer's outputs
     */
    void project(double[] basis, int k, int n, float[] update, int outputs) {
        if (k == 0) {
            return;
        }
        workers.run((outputs + TILE - 1) / TILE, (tile, worker) -> {
            int lo = tile * TILE;
            tiles[worker].project(basis, k, n, update, outputs, lo, Math.min(TILE, outputs - lo));
        });
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

    /** One worker's coefficients and update rows; projects the columns {@code [lo, lo + width)}. */
    private static final class TileProjector {
        private double[] coeff = new double[0];
        private final double[] rows = new double[4 * TILE];

        void project(double[] basis, int k, int n, float[] update, int outputs, int lo, int width) {
            // Room for up to three unused rows after the k coefficients of a last group of four.
            if (coeff.length < (k + 3) * TILE) {
                coeff = new double[(k + 3) * TILE];
            }
            coefficients(basis, k, n, update, outputs, lo, width);
            subtract(basis, k, n, update, outputs, lo, width);
        }

        /**
         * {@code coeff[b * TILE + o] = sum_i basis[b][i] update[i][lo + o]} for the tile's columns,
         * four basis rows at a time; a last group of fewer rows is padded with zero rows, whose
         * coefficients land in unused rows.
         */
        private void coefficients(double[] basis, int k, int n, float[] update, int outputs, int lo, int width) {
            final double[] c = coeff;
            Arrays.fill(c, 0, k * TILE, 0.0);
            for (int b = 0; b < k; b += 4) {
                final int c0 = b * TILE;
                final int b0 = b * n;
                final int rowsHere = Math.min(4, k - b);
                for (int i = 0; i < n; i++) {
                    final double x0 = basis[b0 + i];
                    final double x1 = rowsHere > 1 ? basis[b0 + n + i] : 0;
                    final double x2 = rowsHere > 2 ? basis[b0 + 2 * n + i] : 0;
                    final double x3 = rowsHere > 3 ? basis[b0 + 3 * n + i] : 0;
                    final int ui = i * outputs + lo;
                    for (int o = 0; o < width; o++) {
                        final double u = update[ui + o];
                        c[c0 + o] += x0 * u;
                        c[c0 + TILE + o] += x1 * u;
                        c[c0 + 2 * TILE + o] += x2 * u;
                        c[c0 + 3 * TILE + o] += x3 * u;
                    }
                }
            }
        }

        /**
         * {@code update[i][lo + o] -= sum_b basis[b][i] coeff[b][o]}, rounded to float once, four
         * update rows at a time; a last group of fewer rows gets zero multiples in its unused rows.
         */
        private void subtract(double[] basis, int k, int n, float[] update, int outputs, int lo, int width) {
            final double[] c = coeff;
            final double[] r = rows;
            for (int i = 0; i < n; i += 4) {
                final int rowsHere = Math.min(4, n - i);
                load(update, i, rowsHere, outputs, lo, width);
                for (int b = 0; b < k; b++) {
                    final int bi = b * n + i;
                    FourRowUpdate.subtract(r, 0, TILE, basis[bi], rowsHere > 1 ? basis[bi + 1] : 0,
                            rowsHere > 2 ? basis[bi + 2] : 0, rowsHere > 3 ? basis[bi + 3] : 0, c, b * TILE, width);
                }
                store(update, i, rowsHere, outputs, lo, width);
            }
        }

        /** Copies update rows {@code [first, first + count)} of the tile into {@link #rows}, one row per TILE. */
        private void load(float[] update, int first, int count, int outputs, int lo, int width) {
            for (int q = 0; q < count; q++) {
                final int ui = (first + q) * outputs + lo;
                for (int o = 0; o < width; o++) {
                    rows[q * TILE + o] = update[ui + o];
                }
            }
        }

        /** Writes {@link #rows} back into update rows {@code [first, first + count)} of the tile, as floats. */
        private void store(float[] update, int first, int count, int outputs, int lo, int width) {
            for (int q = 0; q < count; q++) {
                final int ui = (first + q) * outputs + lo;
                for (int o = 0; o < width; o++) {
                    update[ui + o] = (float) rows[q * TILE + o];
                }
            }
        }
    }
}
