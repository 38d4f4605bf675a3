package org.engram.learning.continual;

/**
 * GEM's projection of a step's gradient g against the memory gradients g_1 .. g_t of earlier tasks
 * (the rows of G), over all weight matrices concatenated (Lopez-Paz and Ranzato 2017, Sec. 3: the
 * dual of the projection's quadratic program). If {@code g . g_k >= 0} for every k, g is left as
 * it is. Otherwise the dual problem
 * <pre>
 *   minimise  1/2 v^T (G G^T + R) v + (G g)^T v   subject to  v &ge; margin
 * </pre>
 * is solved exactly ({@link LowerBoundQp}) and {@code g <- G^T v + g}. With margin 0 and r = 0
 * this is the Euclidean projection of g onto the cone {@code {z : G z >= 0}}; the authors' code
 * ({@code project2cone2} in facebookresearch/GradientEpisodicMemory) has the constraint
 * {@code v >= margin} with the margin {@code memory_strength} (0.5 in their experiments), which
 * adds at least that multiple of every memory gradient to a projected step.
 *
 * <p>The ridge keeps {@code G G^T} positive definite where memory gradients are linearly
 * dependent (two equal ones): each diagonal entry {@code g_k . g_k} grows by {@link #RIDGE} times
 * itself, so a memory gradient far smaller than the others keeps its constraint, and a zero one
 * (whose constraint always holds, and whose multiple adds nothing to g) gets the diagonal entry 1.
 * The authors' code adds 0.001 to the diagonal whatever the gradients' scale; a ridge relative to
 * each row treats small and large gradients alike, and at 1e-9 changes v by about a billionth, far
 * below the float rounding of g.
 *
 * <p>Dot products are summed in double, in memory, matrix and weight order; the new gradient is
 * summed in double over the memories in order and rounded once to float. Nothing is allocated per
 * call.
 */
final class GemProjection {
    /** The ridge on each diagonal entry of G G^T, relative to that entry. */
    static final double RIDGE = 1e-9;
    private final int constraints;
    private final double margin;
    /** G g. */
    private final double[] dots;
    /** G G^T + R, row-major. */
    private final double[] gram;
    /** The dual solution v. */
    private final double[] weights;
    private final LowerBoundQp qp;

    /**
     * Creates the projection for a number of earlier tasks, with its scratch arrays.
     *
     * @param constraints the number of memory gradients, {@code >= 0}
     * @param margin      the lower bound on every dual variable ({@code memory_strength}), {@code >= 0}
     */
    GemProjection(int constraints, double margin) {
        this.constraints = constraints;
        this.margin = margin;
        this.dots = new double[constraints];
        this.gram = new double[constraints * constraints];
        this.weights = new double[constraints];
        this.qp = new LowerBoundQp(constraints);
    }

    /**
     * Projects a gradient if it opposes some memory gradient.
     *
     * @param g    per matrix, the gradient (loss per unit weight); changed in place
     * @param refs per memory, per matrix, its mean loss gradient, shaped as {@code g}; read only
     * @return whether {@code g} was changed ({@code g . g_k < 0} for some k)
     */
    boolean project(float[][] g, double[][][] refs) {
        boolean opposed = false;
        for (int k = 0; k < constraints; k++) {
            dots[k] = dot(g, refs[k]);
            opposed |= dots[k] < 0;
        }
        if (!opposed) {
            return false;
        }
        for (int k = 0; k < constraints; k++) {
            for (int j = 0; j <= k; j++) {
                double d = dot(refs[k], refs[j]);
                gram[k * constraints + j] = d;
                gram[j * constraints + k] = d;
            }
            double diagonal = gram[k * constraints + k];
            gram[k * constraints + k] = diagonal > 0 ? diagonal * (1 + RIDGE) : 1;
        }
        qp.solve(gram, dots, constraints, margin, weights);
        for (int l = 0; l < g.length; l++) {
            float[] gl = g[l];
            for (int i = 0; i < gl.length; i++) {
                double sum = gl[i];
                for (int k = 0; k < constraints; k++) {
                    sum += weights[k] * refs[k][l][i];
                }
                gl[i] = (float) sum;
            }
        }
        return true;
    }

    /**
     * {@return the dual variable of a memory gradient in the last projection: the multiple of it added to g}
     *
     * @param k the memory, in {@code [0, constraints)}
     */
    double weight(int k) {
        return weights[k];
    }

    /** {@return {@code a . b} over all matrices, summed in double in matrix and weight order} */
    static double dot(float[][] a, double[][] b) {
        double sum = 0;
        for (int l = 0; l < a.length; l++) {
            float[] al = a[l];
            double[] bl = b[l];
            for (int i = 0; i < al.length; i++) {
                sum += al[i] * bl[i];
            }
        }
        return sum;
    }

    private static double dot(double[][] a, double[][] b) {
        double sum = 0;
        for (int l = 0; l < a.length; l++) {
            double[] al = a[l];
            double[] bl = b[l];
            for (int i = 0; i < al.length; i++) {
                sum += al[i] * bl[i];
            }
        }
        return sum;
    }
}
