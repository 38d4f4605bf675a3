package org.engram.learning.continual;

import java.util.Arrays;

/**
 * Hebbian learning of a principal subspace by lateral neurons with Oja's subspace rule
 * (Oja 1989), the learning step of HLOP.
 *
 * <p>The k rows of H (row-major, {@code h[j * n + i]}) are the lateral neurons' weights. Rows
 * {@code [lo, hi)} are trained; rows below {@code lo} are frozen but take part in the response and
 * the reconstruction, so the trained rows learn the principal subspace of what the frozen rows do
 * not explain. Per iteration, over the m samples x of a batch:
 * <pre>
 *   y = H x   (rows [0, hi)),     dH_j = (1/m) sum_x y_j (x - H^T y)     for j in [lo, hi)
 *   v &lt;- momentum v + dH,          H_j &lt;- H_j + (eta / mean_x ||x||^2) v_j
 * </pre>
 * Dividing eta by the batch's mean squared norm bounds eta times the largest eigenvalue of the
 * input correlation by eta (the eigenvalue is at most its trace, the mean squared norm), which
 * keeps the rule stable for eta below 1 whatever the scale of the activity.
 */
final class OjaSubspace {
    /** Samples whose updates are formed together, sharing each load of H. */
    private static final int BLOCK = 4;

    private final int n;
    private int lo;
    private int hi;
    private double[] velocity = new double[0];
    private double[] delta = new double[0];
    private double[] y = new double[0];
    private final double[] residual;
    /** The batch's activity vectors, m rows of n, copied once per batch and read every iteration. */
    private float[] inputs = new float[0];

    /**
     * @param n the input dimension
     */
    OjaSubspace(int n) {
        this.n = n;
        this.residual = new double[BLOCK * n];
    }

    /**
     * Starts training rows {@code [lo, hi)} with zero momentum.
     *
     * @param lo first trained row
     * @param hi end of the trained rows
     */
    void reset(int lo, int hi) {
        this.lo = lo;
        this.hi = hi;
        int size = (hi - lo) * n;
        if (velocity.length < size) {
            velocity = new double[size];
            delta = new double[size];
        }
        Arrays.fill(velocity, 0.0);
        if (y.length < BLOCK * hi) {
            y = new double[BLOCK * hi];
        }
    }

    /**
     * Runs Hebbian iterations on the first {@code m} vectors of an activity batch.
     *
     * @param h          the weights, at least {@code hi * n} values; rows [lo, hi) change
     * @param act        the activity
     * @param m          how many of its first samples to use
     * @param iterations the number of iterations
     * @param eta        the learning rate, relative to the batch's mean squared norm
     * @param momentum   the momentum in [0, 1)
     */
    void train(double[] h, LayerActivity act, int m, int iterations, double eta, double momentum) {
        if (hi == lo || m == 0) {
            return;
        }
        if (inputs.length < m * n) {
            inputs = new float[m * n];
        }
        final float[] x = inputs;
        double meanSquare = 0;
        for (int s = 0; s < m; s++) {
            act.copyVector(s, x, s * n);
            for (int i = s * n; i < (s + 1) * n; i++) {
                meanSquare += (double) x[i] * x[i];
            }
        }
        meanSquare /= m;
        if (!(meanSquare > 0)) {
            return;
        }
        final double step = eta / meanSquare;
        final int size = (hi - lo) * n;
        for (int it = 0; it < iterations; it++) {
            Arrays.fill(delta, 0, size, 0.0);
            for (int s = 0; s < m; s += BLOCK) {
                accumulate(h, x, s, Math.min(BLOCK, m - s));
            }
            for (int q = 0; q < size; q++) {
                velocity[q] = momentum * velocity[q] + delta[q] / m;
                h[lo * n + q] += step * velocity[q];
            }
        }
    }

    /**
     * Adds the Oja updates of samples {@code [s, s + count)}, {@code 1 <= count <= }{@value #BLOCK},
     * to {@code delta}. The samples share each load of H (a block short of {@value #BLOCK} samples
     * repeats its last one in the spare lanes, whose results are not used). Every sum keeps the
     * order of one sample at a time (input index for y, row for the residual, sample for delta), so
     * the result does not depend on the blocking.
     */
    private void accumulate(double[] h, float[] x, int s, int count) {
        final int x0 = s * n;
        final int x1 = (s + Math.min(1, count - 1)) * n;
        final int x2 = (s + Math.min(2, count - 1)) * n;
        final int x3 = (s + Math.min(3, count - 1)) * n;
        for (int j = 0; j < hi; j++) {
            final int hj = j * n;
            double y0 = 0;
            double y1 = 0;
            double y2 = 0;
            double y3 = 0;
            for (int i = 0; i < n; i++) {
                final double w = h[hj + i];
                y0 += w * x[x0 + i];
                y1 += w * x[x1 + i];
                y2 += w * x[x2 + i];
                y3 += w * x[x3 + i];
            }
            y[j] = y0;
            y[hi + j] = y1;
            y[2 * hi + j] = y2;
            y[3 * hi + j] = y3;
        }
        final double[] r = residual;
        for (int i = 0; i < n; i++) {
            r[i] = x[x0 + i];
            r[n + i] = x[x1 + i];
            r[2 * n + i] = x[x2 + i];
            r[3 * n + i] = x[x3 + i];
        }
        for (int j = 0; j < hi; j++) {
            FourRowUpdate.subtract(r, n, y[j], y[hi + j], y[2 * hi + j], y[3 * hi + j], h, j * n, n);
        }
        for (int j = lo; j < hi; j++) {
            final int dj = (j - lo) * n;
            for (int q = 0; q < count; q++) {
                final double yj = y[q * hi + j];
                final int rq = q * n;
                for (int i = 0; i < n; i++) {
                    delta[dj + i] += yj * r[rq + i];
                }
            }
        }
    }
}
