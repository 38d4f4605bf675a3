package org.engram.learning.continual;

/**
 * Solves a small strictly convex quadratic program whose variables share one lower bound,
 * <pre>
 *   minimise  1/2 v^T P v + q^T v   subject to  v_i &ge; b  for every i,
 * </pre>
 * exactly, by a primal active-set method (J. Nocedal and S. J. Wright (2006), Numerical
 * Optimization, 2nd ed., Algorithm 16.3, for bound constraints). It starts with every variable at
 * the bound; each iteration minimises over the variables off the bound with the others held at it
 * (a Cholesky solve of {@code P} restricted to them), steps towards that minimiser as far as the
 * bound allows and fixes the variable that blocks the step; once the minimiser is reached, it
 * frees the fixed variable whose multiplier {@code (P v + q)_i} is most negative, and stops when
 * none is negative. The answer then satisfies the KKT conditions: {@code v >= b}, {@code (P v + q)_i
 * = 0} off the bound and {@code >= 0} on it, up to rounding.
 *
 * <p>Deterministic, and allocation-free once built: every scratch array is sized for the largest
 * problem at construction. Meant for a handful of variables (GEM's earlier tasks).
 */
final class LowerBoundQp {
    /**
     * A multiplier counts as negative below {@code -RELEASE_TOLERANCE} times the sum of the magnitudes
     * of its terms, {@code |q_i| + sum_j |P_ij v_j|}: rounding leaves errors of about n 2^-53 of that
     * sum (more with an ill-conditioned {@code P}), and freeing a variable for such noise would
     * cycle.
     */
    private static final double RELEASE_TOLERANCE = 1e-10;
    private final int capacity;
    private final boolean[] atBound;
    private final int[] free;
    /** The Cholesky factor of {@code P} over the free variables, row-major, lower triangle. */
    private final double[] factor;
    /** The minimiser over the free variables, in the order of {@link #free}. */
    private final double[] target;

    /**
     * Creates a solver for problems of up to {@code capacity} variables.
     *
     * @param capacity the largest number of variables, {@code >= 0}
     */
    LowerBoundQp(int capacity) {
        this.capacity = capacity;
        this.atBound = new boolean[capacity];
        this.free = new int[capacity];
        this.factor = new double[capacity * capacity];
        this.target = new double[capacity];
    }

    /**
     * Solves the problem.
     *
     * @param p the matrix {@code P}, {@code n x n} row-major, symmetric positive definite; read only
     * @param q the linear term, at least {@code n} long; read only
     * @param n the number of variables, at most the capacity
     * @param b the lower bound of every variable, finite
     * @param v receives the minimiser in {@code [0, n)}
     * @throws IllegalStateException if {@code P} is not positive definite over some set of variables,
     *         or the method does not finish (neither happens for a positive definite {@code P})
     */
    void solve(double[] p, double[] q, int n, double b, double[] v) {
        assert n <= capacity;
        for (int i = 0; i < n; i++) {
            v[i] = b;
            atBound[i] = true;
        }
        // Each iteration fixes or frees one variable; a strictly convex problem needs few per variable.
        int limit = 50 * (n + 1);
        for (int iteration = 1; iteration <= limit; iteration++) {
            int nf = 0;
            for (int i = 0; i < n; i++) {
                if (!atBound[i]) {
                    free[nf++] = i;
                }
            }
            if (nf > 0 && stepTowardsFreeMinimiser(p, q, n, b, nf, v)) {
                continue;
            }
            int release = mostNegativeMultiplier(p, q, n, v);
            if (release < 0) {
                return;
            }
            atBound[release] = false;
        }
        throw new IllegalStateException("the active-set method did not finish in " + limit + " iterations");
    }

    /**
     * Moves the free variables towards their minimiser with the others at the bound; returns whether
     * a variable reached the bound on the way (it is fixed there), false when the minimiser was reached.
     */
    private boolean stepTowardsFreeMinimiser(double[] p, double[] q, int n, double b, int nf, double[] v) {
        minimiseOverFree(p, q, n, b, nf);
        double alpha = 1;
        int blocking = -1;
        for (int f = 0; f < nf; f++) {
            int i = free[f];
            if (target[f] < b) {
                double a = (v[i] - b) / (v[i] - target[f]);
                if (a < alpha) {
                    alpha = a;
                    blocking = f;
                }
            }
        }
        if (blocking < 0) {
            for (int f = 0; f < nf; f++) {
                v[free[f]] = target[f];
            }
            return false;
        }
        for (int f = 0; f < nf; f++) {
            int i = free[f];
            v[i] += alpha * (target[f] - v[i]);
            if (f == blocking || v[i] <= b) {
                v[i] = b;
                atBound[i] = true;
            }
        }
        return true;
    }

    /** Solves {@code P_FF x = -(q_F + P_FB b)} into {@link #target} by a Cholesky factorisation of {@code P_FF}. */
    private void minimiseOverFree(double[] p, double[] q, int n, double b, int nf) {
        for (int r = 0; r < nf; r++) {
            int i = free[r];
            for (int c = 0; c <= r; c++) {
                double sum = p[i * n + free[c]];
                for (int k = 0; k < c; k++) {
                    sum -= factor[r * nf + k] * factor[c * nf + k];
                }
                if (c < r) {
                    factor[r * nf + c] = sum / factor[c * nf + c];
                } else if (sum > 0) {
                    factor[r * nf + r] = Math.sqrt(sum);
                } else {
                    throw new IllegalStateException("the matrix is not positive definite: pivot " + sum);
                }
            }
            double rhs = -q[i];
            for (int j = 0; j < n; j++) {
                if (atBound[j]) {
                    rhs -= p[i * n + j] * b;
                }
            }
            target[r] = rhs;
        }
        for (int r = 0; r < nf; r++) {
            double sum = target[r];
            for (int k = 0; k < r; k++) {
                sum -= factor[r * nf + k] * target[k];
            }
            target[r] = sum / factor[r * nf + r];
        }
        for (int r = nf - 1; r >= 0; r--) {
            double sum = target[r];
            for (int k = r + 1; k < nf; k++) {
                sum -= factor[k * nf + r] * target[k];
            }
            target[r] = sum / factor[r * nf + r];
        }
    }

    /** {@return the variable at the bound whose multiplier is most clearly negative, or -1 if none is} */
    private int mostNegativeMultiplier(double[] p, double[] q, int n, double[] v) {
        int release = -1;
        double most = 0;
        for (int i = 0; i < n; i++) {
            if (!atBound[i]) {
                continue;
            }
            double g = q[i];
            double scale = Math.abs(q[i]);
            for (int j = 0; j < n; j++) {
                double term = p[i * n + j] * v[j];
                g += term;
                scale += Math.abs(term);
            }
            if (g < -RELEASE_TOLERANCE * scale && g < most) {
                most = g;
                release = i;
            }
        }
        return release;
    }
}
