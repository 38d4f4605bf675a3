package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GEM's projection against closed forms (one memory gradient: A-GEM's formula; with a margin, its
 * dual variable max(margin, -g.g1 / g1.g1)) and against the primal problem solved by brute force
 * (the closest vector to g that opposes no memory gradient).
 */
class GemProjectionTest {
    /** Two matrices of 3 and 5 weights: 8 entries, more than the at most 5 memory gradients. */
    private static final int[] SHAPE = {3, 5};
    private static final int CASES = 100;

    /**
     * One memory gradient, margin 0: g - (g.g1 / g1.g1) g1 when g.g1 &lt; 0 (A-GEM's projection). Each
     * entry is rounded once to float (half an ulp) and the ridge scales the correction by 1 / (1 + 1e-9).
     */
    @Test
    void oneMemoryGradientWithoutMarginIsAgemsProjection() {
        SplittableRandom rng = new SplittableRandom(5);
        GemProjection projection = new GemProjection(1, 0);
        int projected = 0;
        for (int c = 0; c < CASES; c++) {
            float[][] g = randomGradient(rng);
            double[][] g1 = randomReference(rng);
            double dot = dot(g, g1);
            double norm = dot(g1, g1);
            float[][] before = copy(g);
            boolean changed = projection.project(g, new double[][][] {g1});
            if (dot >= 0) {
                assertFalse(changed, "case " + c);
                for (int l = 0; l < g.length; l++) {
                    assertArrayEquals(before[l], g[l], "case " + c + ": left as it is");
                }
                continue;
            }
            projected++;
            assertTrue(changed, "case " + c);
            for (int l = 0; l < g.length; l++) {
                for (int i = 0; i < g[l].length; i++) {
                    double correction = -dot / norm * g1[l][i];
                    double expected = before[l][i] + correction;
                    assertEquals(expected, g[l][i], Math.ulp((float) expected) / 2 + 1e-9 * Math.abs(correction)
                            + 1e-15, "case " + c + ", matrix " + l + ", entry " + i);
                }
            }
        }
        assertTrue(projected > 10 && projected < CASES - 10, "both branches: " + projected + " projected");
    }

    /**
     * One memory gradient, margin m: the dual minimises 1/2 |g1|^2 v^2 + (g.g1) v over v &ge; m, so
     * v = max(m, -g.g1 / |g1|^2) (up to the ridge's relative 1e-9), and g gains v g1.
     */
    @Test
    void oneMemoryGradientWithMarginAddsAtLeastTheMarginTimesIt() {
        SplittableRandom rng = new SplittableRandom(6);
        double margin = 0.5;
        GemProjection projection = new GemProjection(1, margin);
        int aboveMargin = 0;
        for (int c = 0; c < CASES; c++) {
            float[][] g = randomGradient(rng);
            double[][] g1 = randomReference(rng);
            double dot = dot(g, g1);
            if (dot >= 0) {
                continue;
            }
            float[][] before = copy(g);
            assertTrue(projection.project(g, new double[][][] {g1}));
            double v = Math.max(margin, -dot / dot(g1, g1));
            aboveMargin += v > margin ? 1 : 0;
            assertEquals(v, projection.weight(0), 1e-8 * v, "case " + c);
            for (int l = 0; l < g.length; l++) {
                for (int i = 0; i < g[l].length; i++) {
                    double expected = before[l][i] + v * g1[l][i];
                    assertEquals(expected, g[l][i], Math.ulp((float) expected) / 2 + 1e-8 * Math.abs(v * g1[l][i])
                            + 1e-15, "case " + c);
                }
            }
        }
        assertTrue(aboveMargin > 5, "cases where the margin does not bind: " + aboveMargin);
    }

    /**
     * Degenerate memory gradients: one a million times smaller than another keeps its constraint
     * (a ridge relative to the mean diagonal left 99.8% of g . g_2 negative), a zero one is harmless
     * (its constraint always holds and its multiple adds nothing), and two equal ones act as one.
     * By hand: g = (0.5, -1, 0.3 | 0, 0, 0, 0, 0), g_1 = e_1, g_2 = s e_2; g . g_1 > 0 and the
     * projection onto {z : z_2 >= 0} sets the second entry to 0 and leaves the others.
     */
    @Test
    void smallZeroAndRepeatedMemoryGradientsKeepTheirConstraints() {
        double[][] g1 = {{1, 0, 0}, {0, 0, 0, 0, 0}};
        double[][] small = {{0, 1e-6, 0}, {0, 0, 0, 0, 0}};
        double[][] zero = {{0, 0, 0}, {0, 0, 0, 0, 0}};
        float[][] g = {{0.5f, -1f, 0.3f}, {0, 0, 0, 0, 0}};
        GemProjection two = new GemProjection(2, 0);
        assertTrue(two.project(g, new double[][][] {g1, small}));
        assertEquals(0.5f, g[0][0]);
        assertEquals(0, g[0][1], 1e-8);
        assertEquals(0.3f, g[0][2]);
        assertTrue(dot(g, small) >= -1e-14, "g . g_2 = " + dot(g, small));

        float[][] h = {{-1f, 2f, 0.3f}, {0, 0, 0, 0, 0}};
        GemProjection withZero = new GemProjection(2, 0.5);
        assertTrue(withZero.project(h, new double[][][] {g1, zero}));
        // Only g_1 binds: v_1 = max(0.5, 1) = 1 restores h_1 to 0; v_2 sits at the margin and adds nothing.
        assertEquals(0, h[0][0], 1e-8);
        assertEquals(2f, h[0][1]);
        assertEquals(0.5, withZero.weight(1), 1e-12);

        float[][] k = {{-1f, 2f, 0.3f}, {0, 0, 0, 0, 0}};
        GemProjection repeated = new GemProjection(2, 0);
        assertTrue(repeated.project(k, new double[][][] {g1, g1}));
        assertEquals(0, k[0][0], 1e-8);
        assertEquals(1, repeated.weight(0) + repeated.weight(1), 1e-8);
    }

    /**
     * A gradient orthogonal to one memory gradient and agreeing with the other opposes neither, so it
     * is left as it is even with a margin (which binds only on a projected step): g = (1, 0, 2 | ...),
     * g_1 = (2, 0, -1 | ...) with g . g_1 = 0 exactly, g_2 = e_1.
     */
    @Test
    void aGradientOrthogonalToAMemoryGradientIsLeftEvenWithAMargin() {
        double[][] g1 = {{2, 0, -1}, {0, 0, 0, 0, 0}};
        double[][] g2 = {{1, 0, 0}, {0, 0, 0, 0, 0}};
        float[][] g = {{1, 0, 2}, {0, 3, 0, 0, 0}};
        assertFalse(new GemProjection(2, 0.5).project(g, new double[][][] {g1, g2}));
        assertArrayEquals(new float[] {1, 0, 2}, g[0]);
        assertArrayEquals(new float[] {0, 3, 0, 0, 0}, g[1]);
    }

    /**
     * Two nearly parallel memory gradients, g_1 = e_0 and g_2 = e_0 + d e_1 (d = 3e-5, an angle of
     * 3e-5), and g = -(g_1 + g_2), which lies in the cone's polar: the closest vector to g that opposes
     * neither is 0, both constraints bind and v = (1, 1). The Gram matrix's determinant is d^2 = 9e-10,
     * of the ridge's order: the ridge must add to the diagonal, keeping the matrix positive definite
     * (subtracting it would leave a determinant of d^2 - 2e-9 &lt; 0). The ridge turns the answer's
     * equations into G g' = -R v, |R v| &lt;= 1e-9 |v| (about 1.5e-9), so |g'| &lt;= 1.5e-9 / s_min(G),
     * s_min about d / sqrt(2) = 2.1e-5: below 1e-4. v is (1, 1) up to the rounding of a solve whose
     * condition number is about 4 / d^2 = 4.4e9 (2^-52 times that: 1e-6), and the ridge's share along the
     * small eigenvector of G G^T, on which (1, 1) has a component of order d^2: within 1e-4.
     */
    @Test
    void nearlyParallelMemoryGradientsBothBind() {
        float d = 3e-5f;
        double[][] g1 = {{1, 0, 0}, {0, 0, 0, 0, 0}};
        double[][] g2 = {{1, d, 0}, {0, 0, 0, 0, 0}};
        float[][] g = {{-2, -d, 0}, {0, 0, 0, 0, 0}};
        GemProjection projection = new GemProjection(2, 0);
        assertTrue(projection.project(g, new double[][][] {g1, g2}));
        assertEquals(1, projection.weight(0), 1e-4);
        assertEquals(1, projection.weight(1), 1e-4);
        assertEquals(0, Math.hypot(g[0][0], g[0][1]), 1e-4);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0}, g[1]);
    }

    /**
     * 1 to 5 memory gradients, margin 0: the projected g opposes none of them (g . g_k &ge; -tol), and
     * it is the closest such vector to g: the primal problem min |z - g|^2 subject to G z &ge; 0, solved
     * by brute force over its active sets (z = g - G_A^T (G_A G_A^T)^-1 G_A g for each set A of
     * constraints held at equality, the feasible one nearest g). Tolerance 1e-5 relative to |g|:
     * float rounding of g (2^-24) and the ridge (1e-9 relative) on gradients whose Gram matrix may
     * have a condition number up to about 1e3.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void marginZeroGivesTheClosestGradientThatOpposesNoMemoryGradient(int t) {
        SplittableRandom rng = new SplittableRandom(40 + t);
        GemProjection projection = new GemProjection(t, 0);
        int projected = 0;
        for (int c = 0; c < CASES; c++) {
            float[][] g = randomGradient(rng);
            double[][][] refs = new double[t][][];
            for (int k = 0; k < t; k++) {
                refs[k] = randomReference(rng);
            }
            double[] flatG = flatten(g);
            if (!projection.project(g, refs)) {
                for (double[][] r : refs) {
                    assertTrue(dot(flatG, flatten(r)) >= 0, "case " + c + ": left although it opposes one");
                }
                continue;
            }
            projected++;
            double[] z = flatten(g);
            double size = Math.sqrt(dot(flatG, flatG));
            for (int k = 0; k < t; k++) {
                double[] r = flatten(refs[k]);
                assertTrue(dot(z, r) >= -1e-5 * size * Math.sqrt(dot(r, r)), "case " + c + ": opposes " + k);
            }
            double[] closest = closestNonOpposing(flatG, refs);
            for (int i = 0; i < z.length; i++) {
                assertEquals(closest[i], z[i], 1e-5 * size, "case " + c + ", entry " + i);
            }
        }
        assertTrue(projected > 10, "projected cases: " + projected);
    }

    /** Brute force over the sets of constraints held at equality; the feasible answer closest to g. */
    private static double[] closestNonOpposing(double[] g, double[][][] refs) {
        int t = refs.length;
        double[][] rows = new double[t][];
        for (int k = 0; k < t; k++) {
            rows[k] = flatten(refs[k]);
        }
        double[] best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int set = 0; set < 1 << t; set++) {
            int m = Integer.bitCount(set);
            int[] active = new int[m];
            int a = 0;
            for (int k = 0; k < t; k++) {
                if ((set >> k & 1) != 0) {
                    active[a++] = k;
                }
            }
            double[] z = g.clone();
            if (m > 0) {
                RealMatrix gram = new Array2DRowRealMatrix(m, m);
                double[] rhs = new double[m];
                for (int i = 0; i < m; i++) {
                    rhs[i] = dot(rows[active[i]], g);
                    for (int j = 0; j < m; j++) {
                        gram.setEntry(i, j, dot(rows[active[i]], rows[active[j]]));
                    }
                }
                double[] lambda = new LUDecomposition(gram, 0).getSolver()
                        .solve(new org.apache.commons.math3.linear.ArrayRealVector(rhs)).toArray();
                for (int i = 0; i < m; i++) {
                    for (int e = 0; e < z.length; e++) {
                        z[e] -= lambda[i] * rows[active[i]][e];
                    }
                }
            }
            boolean feasible = true;
            for (double[] r : rows) {
                feasible &= dot(z, r) >= -1e-12 * Math.sqrt(dot(g, g) * dot(r, r));
            }
            double distance = 0;
            for (int e = 0; e < z.length; e++) {
                distance += (z[e] - g[e]) * (z[e] - g[e]);
            }
            if (feasible && distance < bestDistance) {
                bestDistance = distance;
                best = z;
            }
        }
        return best;
    }

    private static float[][] randomGradient(SplittableRandom rng) {
        float[][] g = new float[SHAPE.length][];
        for (int l = 0; l < SHAPE.length; l++) {
            g[l] = new float[SHAPE[l]];
            for (int i = 0; i < SHAPE[l]; i++) {
                g[l][i] = (float) (2 * rng.nextDouble() - 1);
            }
        }
        return g;
    }

    private static double[][] randomReference(SplittableRandom rng) {
        double[][] r = new double[SHAPE.length][];
        for (int l = 0; l < SHAPE.length; l++) {
            r[l] = new double[SHAPE[l]];
            for (int i = 0; i < SHAPE[l]; i++) {
                r[l][i] = 2 * rng.nextDouble() - 1;
            }
        }
        return r;
    }

    private static float[][] copy(float[][] g) {
        float[][] c = new float[g.length][];
        for (int l = 0; l < g.length; l++) {
            c[l] = g[l].clone();
        }
        return c;
    }

    private static double[] flatten(float[][] g) {
        double[] flat = new double[SHAPE[0] + SHAPE[1]];
        int e = 0;
        for (float[] gl : g) {
            for (float x : gl) {
                flat[e++] = x;
            }
        }
        return flat;
    }

    private static double[] flatten(double[][] r) {
        double[] flat = new double[SHAPE[0] + SHAPE[1]];
        int e = 0;
        for (double[] rl : r) {
            for (double x : rl) {
                flat[e++] = x;
            }
        }
        return flat;
    }

    private static double dot(float[][] g, double[][] r) {
        return dot(flatten(g), flatten(r));
    }

    private static double dot(double[][] a, double[][] b) {
        return dot(flatten(a), flatten(b));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
