package org.engram.learning.continual;

import java.util.Arrays;
import org.engram.learning.train.Workers;

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
 *   v &lt;- momentum v + dH / mean_x ||x||^2,          H_j &lt;- H_j + eta v_j
 * </pre>
 * Dividing each batch's dH by that batch's mean squared norm bounds eta times the largest
 * eigenvalue of the input correlation by eta (the eigenvalue is at most its trace, the mean
 * squared norm), so the step does not depend on the scale of the activity. Each batch is divided
 * before it enters the momentum: dividing the momentum sum by the current batch's norm instead
 * multiplied earlier batches' dH by the ratio of their energy to this one's, and the rows grew
 * without bound after a quiet batch, at the default rate too. The momentum adds dH undamped, so a
 * sustained step is about {@code eta / (1 - momentum)} times dH: a momentum near 1 (0.99) can
 * still make the rows oscillate and grow past the finite numbers, even at the default rate, which
 * {@link Hlop} checks after every batch.
 */
final class OjaSubspace {
    /** Samples whose responses are formed together, sharing each load of H. */
    private static final int BLOCK = 4;
    /** Trained rows that one task of the update phase moves. */
    private static final int ROWS_PER_TASK = 8;

    private final int n;
    private final Workers workers;
    private int lo;
    private int hi;
    private double[] velocity = new double[0];
    /** Per worker: one row of dH. */
    private final double[][] deltaRow;
    /** The batch's responses, one row of hi per sample ({@code y[s * hi + j]}), rows padded to a whole block. */
    private double[] y = new double[0];
    /** The batch's residuals {@code x - H^T y}, one row of n per sample, padded like {@link #y}. */
    private double[] residual = new double[0];
    /** The batch's activity vectors, m rows of n, copied once per batch and read every iteration. */
    private float[] inputs = new float[0];

    /**
     * @param n       the input dimension
     * @param workers the threads that share each iteration's work
     */
    OjaSubspace(int n, Workers workers) {
        this.n = n;
        this.workers = workers;
        this.deltaRow = new double[workers.count()][n];
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
        }
        Arrays.fill(velocity, 0.0);
    }

    /**
     * Runs Hebbian iterations on the first {@code m} vectors of an activity batch.
     *
     * <p>An iteration has two phases: the responses and residuals of blocks of samples, then the
     * update of groups of trained rows; the tasks of each phase run on any worker. Every sum runs
     * over its terms in the formula's order (input index for y, row for the residual, sample for
     * dH), so the result depends neither on the blocking nor on the number of workers.
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
        final int blocks = (m + BLOCK - 1) / BLOCK;
        if (y.length < blocks * BLOCK * hi) {
            y = new double[blocks * BLOCK * hi];
        }
        if (residual.length < blocks * BLOCK * n) {
            residual = new double[blocks * BLOCK * n];
        }
        // Each batch's dH is normalised by its own energy before it enters the momentum: scaling the
        // sum of earlier batches' dH by this batch's energy blew up after a quiet batch.
        final double scale = 1.0 / (m * meanSquare);
        final int groups = (hi - lo + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        for (int it = 0; it < iterations; it++) {
            workers.run(blocks, (block, worker) -> respond(h, x, block * BLOCK, Math.min(BLOCK, m - block * BLOCK)));
            workers.run(groups, (group, worker) -> {
                int first = lo + group * ROWS_PER_TASK;
                for (int j = first; j < Math.min(hi, first + ROWS_PER_TASK); j++) {
                    moveRow(h, j, m, scale, eta, momentum, deltaRow[worker]);
                }
            });
        }
    }

    /**
     * Forms {@code y = H x} and {@code x - H^T y} for samples {@code [s, s + count)},
     * {@code 1 <= count <= }{@value #BLOCK}, into their rows of {@link #y} and {@link #residual}.
     * A block short of {@value #BLOCK} samples repeats its last one in the spare lanes, which fill
     * padding rows that are never read.
     */
    private void respond(double[] h, float[] x, int s, int count) {
        final int x0 = s * n;
        final int x1 = (s + Math.min(1, count - 1)) * n;
        final int x2 = (s + Math.min(2, count - 1)) * n;
        final int x3 = (s + Math.min(3, count - 1)) * n;
        final int ys = s * hi;
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
            y[ys + j] = y0;
            y[ys + hi + j] = y1;
            y[ys + 2 * hi + j] = y2;
            y[ys + 3 * hi + j] = y3;
        }
        final double[] r = residual;
        final int rs = s * n;
        for (int i = 0; i < n; i++) {
            r[rs + i] = x[x0 + i];
            r[rs + n + i] = x[x1 + i];
            r[rs + 2 * n + i] = x[x2 + i];
            r[rs + 3 * n + i] = x[x3 + i];
        }
        for (int j = 0; j < hi; j++) {
            FourRowUpdate.subtract(r, rs, n, y[ys + j], y[ys + hi + j], y[ys + 2 * hi + j], y[ys + 3 * hi + j],
                    h, j * n, n);
        }
    }

    /**
     * Moves trained row j: {@code dH_j = sum_s y_sj r_s} over the samples in order (four per pass,
     * added one after another), then the momentum step.
     */
    private void moveRow(double[] h, int j, int m, double scale, double eta, double momentum, double[] d) {
        Arrays.fill(d, 0.0);
        final double[] r = residual;
        int s = 0;
        for (; s + 4 <= m; s += 4) {
            final double y0 = y[s * hi + j];
            final double y1 = y[(s + 1) * hi + j];
            final double y2 = y[(s + 2) * hi + j];
            final double y3 = y[(s + 3) * hi + j];
            final int r0 = s * n;
            for (int i = 0; i < n; i++) {
                // Left to right: ((d + y0 r0) + y1 r1) + ..., the order of one sample at a time.
                d[i] = d[i] + y0 * r[r0 + i] + y1 * r[r0 + n + i] + y2 * r[r0 + 2 * n + i] + y3 * r[r0 + 3 * n + i];
            }
        }
        for (; s < m; s++) {
            final double ys = y[s * hi + j];
            final int rs = s * n;
            for (int i = 0; i < n; i++) {
                d[i] += ys * r[rs + i];
            }
        }
        final int vj = (j - lo) * n;
        final int hj = j * n;
        for (int i = 0; i < n; i++) {
            velocity[vj + i] = momentum * velocity[vj + i] + d[i] * scale;
            h[hj + i] += eta * velocity[vj + i];
        }
    }
}
