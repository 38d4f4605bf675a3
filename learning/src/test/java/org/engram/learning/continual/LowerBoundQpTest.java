package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The active-set solver finds the minimiser that brute force finds: every set of variables held at
 * the bound, the rest solved for exactly (commons-math3's LU decomposition), the feasible answer
 * with the least objective. Its answer also satisfies the KKT conditions.
 */
class LowerBoundQpTest {
    private static final int CASES = 200;

    /**
     * Random problems of n = 1..5 variables, P = A A^T + 0.1 I with A n x 3 (so P is positive definite
     * but of rank 3 plus the ridge for n &gt; 3, as GEM's Gram matrix of more tasks than directions is
     * near), bounds 0, 0.5 and -0.3. Tolerance 1e-9: P's condition number is at most about
     * (9 n + 0.1) / 0.1 &lt; 500 (entries of A in [-1, 1]), so both solutions are accurate to about
     * 500 x n x 2^-52 &lt; 1e-12 relative to values of order 1-100.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void findsTheMinimiserBruteForceFindsAndSatisfiesKkt(int n) {
        SplittableRandom rng = new SplittableRandom(100 + n);
        LowerBoundQp solver = new LowerBoundQp(5);
        double[] bounds = {0, 0.5, -0.3};
        int atBoundSomewhere = 0;
        int freeSomewhere = 0;
        for (int c = 0; c < CASES; c++) {
            double[] p = randomGram(n, 3, 0.1, rng);
            double[] q = randomLinear(n, rng);
            double b = bounds[c % bounds.length];
            double[] v = new double[n];
            solver.solve(p, q, n, b, v);
            double[] expected = bruteForce(p, q, n, b);
            for (int i = 0; i < n; i++) {
                assertEquals(expected[i], v[i], 1e-9, "case " + c + ", variable " + i);
                if (v[i] == b) {
                    atBoundSomewhere++;
                } else {
                    freeSomewhere++;
                }
            }
            assertKkt(p, q, n, b, v, 1e-9, "case " + c);
        }
        // The cases reach both kinds of answer, so neither branch goes untested.
        assertTrue(atBoundSomewhere > 0 && (n == 1 || freeSomewhere > 0), atBoundSomewhere + " " + freeSomewhere);
    }

    /**
     * As many variables as GEM has on a 20-task sequence (10 and 19 earlier tasks), P of rank 8 plus
     * a ridge, as the Gram matrix of more memory gradients than the directions they span: the answer
     * satisfies the KKT conditions, which for a convex problem make it the minimiser, to 1e-9 of
     * their terms.
     */
    @ParameterizedTest
    @ValueSource(ints = {10, 19})
    void solvesProblemsOfManyTasksToTheirKktConditions(int n) {
        assertRandomProblemsMeetKkt(n, 8, 0.1, new double[] {0, 0.5}, 300 + n, 1e-9);
    }

    /**
     * Many variables and a nearly singular P, as GEM's dual on a long sequence whose memory gradients
     * span fewer directions than there are tasks: P = A A^T + 1e-6 I with A n x n/2, bounds below, at
     * and above 0. Here one step is often blocked by several variables at once, and only the nearest
     * block keeps the others from being pushed past the bound and fixed there (a method that took the
     * last block instead cycled on some of these problems and never finished). The answer satisfies
     * the KKT conditions to 1e-6 of their terms: P's condition number is at most about
     * (n n/2 + 1e-6) / 1e-6 &lt; 2.1e8, times rounding 2^-52, about 5e-8.
     */
    @ParameterizedTest
    @ValueSource(ints = {16, 19, 20})
    void solvesNearlySingularProblemsOfManyVariablesToTheirKktConditions(int n) {
        assertRandomProblemsMeetKkt(n, n / 2, 1e-6, new double[] {-1, 0, 0.5, 1}, 500 + n, 1e-6);
    }

    /**
     * Solves {@link #CASES} random problems of n variables, P = {@link #randomGram} of the given rank and
     * ridge, q uniform in [-2, 2], the bound taking the given values in turn, and asserts each answer's
     * KKT conditions to {@code tol} of their terms.
     */
    private static void assertRandomProblemsMeetKkt(int n, int rank, double ridge, double[] bounds, long seed,
            double tol) {
        SplittableRandom rng = new SplittableRandom(seed);
        LowerBoundQp solver = new LowerBoundQp(n);
        for (int c = 0; c < CASES; c++) {
            double[] p = randomGram(n, rank, ridge, rng);
            double[] q = randomLinear(n, rng);
            double b = bounds[c % bounds.length];
            double[] v = new double[n];
            solver.solve(p, q, n, b, v);
            assertKkt(p, q, n, b, v, tol, "case " + c);
        }
    }

    /** {@return n values uniform in [-2, 2]} */
    private static double[] randomLinear(int n, SplittableRandom rng) {
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = 4 * rng.nextDouble() - 2;
        }
        return q;
    }

    /**
     * Nearly dependent rows, as GEM's memory gradients of similar tasks are: GEM's own dual, P = G G^T
     * with each diagonal entry raised by 1e-9 of itself and q = G g, with G n x 2 (n rows in a plane) and g
     * random, condition number about 1e9 n. The minimiser is then poorly determined along P's
     * near-null directions, but the objective is not: the solver's is within 1e-9 of brute force's,
     * relative to the objective's terms (|q| |v| and v^T P v), and it satisfies the KKT conditions to
     * 1e-6 of their terms (rounding, 2^-52, times the condition number).
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5})
    void solvesNearlySingularProblemsToTheLeastObjective(int n) {
        SplittableRandom rng = new SplittableRandom(200 + n);
        LowerBoundQp solver = new LowerBoundQp(n);
        for (int c = 0; c < CASES; c++) {
            double[][] rows = new double[n][2];
            for (double[] row : rows) {
                row[0] = 2 * rng.nextDouble() - 1;
                row[1] = 2 * rng.nextDouble() - 1;
            }
            double[] g = {2 * rng.nextDouble() - 1, 2 * rng.nextDouble() - 1};
            double[] p = new double[n * n];
            double[] q = new double[n];
            for (int i = 0; i < n; i++) {
                q[i] = rows[i][0] * g[0] + rows[i][1] * g[1];
                for (int j = 0; j < n; j++) {
                    p[i * n + j] = rows[i][0] * rows[j][0] + rows[i][1] * rows[j][1];
                }
            }
            for (int i = 0; i < n; i++) {
                p[i * n + i] *= 1 + GemProjection.RIDGE;
            }
            double[] v = new double[n];
            solver.solve(p, q, n, 0.5, v);
            double[] expected = bruteForce(p, q, n, 0.5);
            double scale = norm(q) * norm(expected) + quadratic(p, n, expected);
            assertEquals(objective(p, q, n, expected), objective(p, q, n, v), 1e-9 * scale, "case " + c);
            assertKkt(p, q, n, 0.5, v, 1e-6, "case " + c);
        }
    }

    /**
     * Degenerate problems, whose answer v* puts variables on the bound with a multiplier of exactly 0
     * (q = -P v*, so P v* + q = 0 everywhere): the computed multipliers are rounding noise of either
     * sign, which must not free a variable (freed, one whose minimiser falls a hair below the bound is
     * fixed again at once, and the method cycles). The solver finishes at v*, the unique minimiser of
     * a strictly convex problem, to 1e-9 (P's condition number below 500, as above).
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5})
    void finishesWhereMultipliersOnTheBoundVanish(int n) {
        SplittableRandom rng = new SplittableRandom(400 + n);
        LowerBoundQp solver = new LowerBoundQp(n);
        for (int c = 0; c < CASES; c++) {
            double[] p = randomGram(n, 3, 0.1, rng);
            double b = c % 2 == 0 ? 0 : 0.5;
            double[] answer = new double[n];
            for (int i = 0; i < n; i++) {
                answer[i] = rng.nextBoolean() ? b : b + rng.nextDouble();
            }
            double[] q = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    q[i] -= p[i * n + j] * answer[j];
                }
            }
            double[] v = new double[n];
            solver.solve(p, q, n, b, v);
            assertArrayEquals(answer, v, 1e-9, "case " + c);
        }
    }

    /**
     * A step that the bound blocks moves the other free variables part of the way to their minimiser,
     * worked by hand for P = [[11, 7], [7, 6]], q = (10, 6), b = -1. From (-1, -1) the multipliers are
     * (-8, -7): v1 is freed and goes to its minimiser -3/11 (11 v1 - 7 + 10 = 0); v2's multiplier is
     * then 6 - 21/11 - 6 &lt; 0 and it is freed too. The joint minimiser -P^-1 q = (-18/17, 4/17) puts v1
     * below the bound: the step stops at alpha = (8/11) / (147/187) = 136/147, v1 is fixed at -1 and v2
     * reaches -1 + alpha (4/17 + 1) = 1/7 on the way. Over v2 alone the minimiser is 1/6 (6 v2 - 7 + 6
     * = 0), where v1's multiplier is -11 + 7/6 + 10 = 1/6 &gt; 0: the answer is (-1, 1/6). A step that
     * moved v2 elsewhere (below the bound, so that it too were fixed) would free v1 again and cycle.
     * Tolerance: a few roundings of numbers of order 10 (1e-12).
     */
    @Test
    void aBlockedStepMovesTheOtherFreeVariablesPartWay() {
        double[] p = {11, 7, 7, 6};
        double[] q = {10, 6};
        double[] v = new double[2];
        new LowerBoundQp(2).solve(p, q, 2, -1, v);
        assertArrayEquals(new double[] {-1, 1.0 / 6}, v, 1e-12);
    }

    /**
     * A matrix that is not positive definite over the variables the method frees is refused, not
     * divided by: with P = (0) and q = (-1) the objective -v falls without bound, the variable is
     * freed (its multiplier is -1) and its pivot is exactly 0.
     */
    @Test
    void refusesAZeroPivot() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new LowerBoundQp(1).solve(new double[] {0}, new double[] {-1}, 1, 0, new double[1]));
        assertTrue(e.getMessage().contains("not positive definite"), e.getMessage());
    }

    /** A n x n Gram matrix A A^T + ridge I, A n x rank with entries in [-1, 1], row-major. */
    private static double[] randomGram(int n, int rank, double ridge, SplittableRandom rng) {
        double[][] a = new double[n][rank];
        for (double[] row : a) {
            for (int j = 0; j < rank; j++) {
                row[j] = 2 * rng.nextDouble() - 1;
            }
        }
        double[] p = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = i == j ? ridge : 0;
                for (int k = 0; k < rank; k++) {
                    sum += a[i][k] * a[j][k];
                }
                p[i * n + j] = sum;
            }
        }
        return p;
    }

    /**
     * Every set S of variables at the bound: the others solve P_FF x_F = -(q_F + P_FS b); among the
     * answers with x_F &ge; b, the one of least objective. The minimiser is one of them.
     */
    static double[] bruteForce(double[] p, double[] q, int n, double b) {
        double[] best = null;
        double bestObjective = Double.POSITIVE_INFINITY;
        for (int bound = 0; bound < 1 << n; bound++) {
            double[] x = new double[n];
            int[] freeIdx = new int[n - Integer.bitCount(bound)];
            int nf = 0;
            for (int i = 0; i < n; i++) {
                if ((bound >> i & 1) != 0) {
                    x[i] = b;
                } else {
                    freeIdx[nf++] = i;
                }
            }
            if (nf > 0) {
                RealMatrix a = new Array2DRowRealMatrix(nf, nf);
                RealVector rhs = new ArrayRealVector(nf);
                for (int r = 0; r < nf; r++) {
                    double sum = -q[freeIdx[r]];
                    for (int j = 0; j < n; j++) {
                        if ((bound >> j & 1) != 0) {
                            sum -= p[freeIdx[r] * n + j] * b;
                        }
                    }
                    rhs.setEntry(r, sum);
                    for (int c = 0; c < nf; c++) {
                        a.setEntry(r, c, p[freeIdx[r] * n + freeIdx[c]]);
                    }
                }
                RealVector solved = new LUDecomposition(a, 0).getSolver().solve(rhs);
                boolean feasible = true;
                for (int r = 0; r < nf; r++) {
                    x[freeIdx[r]] = solved.getEntry(r);
                    feasible &= x[freeIdx[r]] >= b;
                }
                if (!feasible) {
                    continue;
                }
            }
            double f = objective(p, q, n, x);
            if (f < bestObjective) {
                bestObjective = f;
                best = x;
            }
        }
        return best;
    }

    static double objective(double[] p, double[] q, int n, double[] v) {
        double f = 0;
        for (int i = 0; i < n; i++) {
            f += q[i] * v[i];
            for (int j = 0; j < n; j++) {
                f += 0.5 * v[i] * p[i * n + j] * v[j];
            }
        }
        return f;
    }

    private static double quadratic(double[] p, int n, double[] v) {
        return Math.abs(2 * (objective(p, new double[n], n, v)));
    }

    private static double norm(double[] x) {
        double s = 0;
        for (double e : x) {
            s += e * e;
        }
        return Math.sqrt(s);
    }

    /**
     * v &ge; b; the gradient P v + q is 0 where v &gt; b and &ge; 0 where v = b, each to {@code tol}
     * times the sum of its terms' magnitudes.
     */
    private static void assertKkt(double[] p, double[] q, int n, double b, double[] v, double tol, String what) {
        for (int i = 0; i < n; i++) {
            assertTrue(v[i] >= b, what + ": v[" + i + "] = " + v[i] + " below " + b);
            double g = q[i];
            double scale = Math.abs(q[i]);
            for (int j = 0; j < n; j++) {
                g += p[i * n + j] * v[j];
                scale += Math.abs(p[i * n + j] * v[j]);
            }
            if (v[i] > b) {
                assertEquals(0, g, tol * scale, what + ": stationary in free variable " + i);
            } else {
                assertTrue(g >= -tol * scale, what + ": multiplier of variable " + i + " = " + g);
            }
        }
    }
}
