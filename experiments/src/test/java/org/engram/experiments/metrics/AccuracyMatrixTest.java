package org.engram.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

/**
 * Every expected value is worked out by hand in the comments; sums of a few doubles near 1 are exact to ~1e-16, so
 * 1e-12 is ample.
 */
class AccuracyMatrixTest {
    private static final double EPS = 1e-12;

    private static final double[][] R3 = {
        {0.9, 0.1, 0.2},
        {0.7, 0.8, 0.3},
        {0.6, 0.5, 0.9}};

    private static final double[][] R4 = {
        {0.8, 0.1, 0.1, 0.1},
        {0.9, 0.7, 0.2, 0.1},
        {0.6, 0.75, 0.9, 0.2},
        {0.5, 0.6, 0.7, 0.95}};

    @Test
    void threeTasksMatchHandComputation() {
        AccuracyMatrix m = AccuracyMatrix.of(R3);
        // ACC = (0.6 + 0.5 + 0.9) / 3 = 2.0 / 3
        assertEquals(2.0 / 3, m.acc(), EPS);
        // BWT = ((0.6 - 0.9) + (0.5 - 0.8)) / 2 = -0.6 / 2 = -0.3
        assertEquals(-0.3, m.bwt(), EPS);
        // FWT with b = (0.1, 0.1, 0.1): ((0.1 - 0.1) + (0.3 - 0.1)) / 2 = 0.1
        assertEquals(0.1, m.fwt(new double[] {0.1, 0.1, 0.1}), EPS);
        // f0 = max(0.9, 0.7) - 0.6 = 0.3; f1 = max(0.1, 0.8) - 0.5 = 0.3; mean 0.3
        assertArrayEquals(new double[] {0.3, 0.3}, m.forgetting(), EPS);
        assertEquals(0.3, m.averageForgetting(), EPS);
        // LA = (0.9 + 0.8 + 0.9) / 3 = 2.6 / 3
        assertEquals(2.6 / 3, m.learningAccuracy(), EPS);
    }

    @Test
    void fourTasksWhereBestAccuracyIsNotOnTheDiagonal() {
        AccuracyMatrix m = AccuracyMatrix.of(R4);
        // ACC = (0.5 + 0.6 + 0.7 + 0.95) / 4 = 2.75 / 4 = 0.6875
        assertEquals(0.6875, m.acc(), EPS);
        // BWT = ((0.5 - 0.8) + (0.6 - 0.7) + (0.7 - 0.9)) / 3 = -0.6 / 3 = -0.2
        assertEquals(-0.2, m.bwt(), EPS);
        // f0 = max(0.8, 0.9, 0.6) - 0.5 = 0.4 (peak after task 1, not on the diagonal)
        // f1 = max(0.1, 0.7, 0.75) - 0.6 = 0.15; f2 = max(0.1, 0.2, 0.9) - 0.7 = 0.2
        assertArrayEquals(new double[] {0.4, 0.15, 0.2}, m.forgetting(), EPS);
        // mean forgetting = 0.75 / 3 = 0.25, larger than -BWT = 0.2
        assertEquals(0.25, m.averageForgetting(), EPS);
        // LA = (0.8 + 0.7 + 0.9 + 0.95) / 4 = 3.35 / 4 = 0.8375
        assertEquals(0.8375, m.learningAccuracy(), EPS);
        // FWT with b = (0.1, 0.1, 0.1, 0.1): ((0.1-0.1) + (0.2-0.1) + (0.2-0.1)) / 3 = 0.2 / 3
        assertEquals(0.2 / 3, m.fwt(new double[] {0.1, 0.1, 0.1, 0.1}), EPS);
        // FWT with b = (0, 0.05, 0.3, 0): ((0.1-0.05) + (0.2-0.3) + (0.2-0)) / 3 = 0.15 / 3 = 0.05
        assertEquals(0.05, m.fwt(new double[] {0, 0.05, 0.3, 0}), EPS);
    }

    /**
     * Chaudhry et al. (2018) take the best accuracy over rows l = 1..T-1 (1-based), rows before the task was
     * learned included, as the README says. Here task 1 scores 0.9 after task 0 (before it is learned), 0.6 just
     * after learning it and 0.5 at the end: f_1 = max(0.9, 0.6) - 0.5 = 0.4, where a maximum from the task's own
     * row on (Avalanche) gives 0.6 - 0.5 = 0.1. Task 0: f_0 = max(0.7, 0.8) - 0.4 = 0.4. Mean (0.4 + 0.4) / 2.
     */
    @Test
    void forgettingTakesTheBestEarlierRowEvenBeforeTheTaskWasLearned() {
        AccuracyMatrix m = AccuracyMatrix.of(new double[][] {
            {0.7, 0.9, 0.1},
            {0.8, 0.6, 0.2},
            {0.4, 0.5, 0.9}});
        assertArrayEquals(new double[] {0.4, 0.4}, m.forgetting(), EPS);
        assertEquals(0.4, m.averageForgetting(), EPS);
        // BWT only looks at the diagonal: ((0.4 - 0.7) + (0.5 - 0.6)) / 2 = -0.2
        assertEquals(-0.2, m.bwt(), EPS);
    }

    /**
     * The metrics against the papers' formulas written out again here with 1-based indices, on seeded random
     * matrices of 2 to 6 tasks: GEM (Lopez-Paz and Ranzato 2017, Sec. 2) for ACC, BWT and FWT, Chaudhry et al.
     * (2018) for forgetting. Also the invariant that follows from the definitions: row j is among the rows
     * forgetting maximises over, so f_j >= R[j][j] - R[T-1][j] and mean forgetting >= -BWT. Both sides sum at most
     * six terms in [-1, 1] in a different order: 1e-12 is far above the rounding (~1e-15) and far below any real
     * difference (accuracies here are multiples of 1/1000).
     */
    @Test
    void metricsMatchThePapersDefinitionsOnRandomMatrices() {
        Random random = new Random(20240611L);
        for (int trial = 0; trial < 200; trial++) {
            int t = 2 + random.nextInt(5);
            double[][] r = new double[t][t];
            double[] b = new double[t];
            for (int i = 0; i < t; i++) {
                b[i] = random.nextInt(1001) / 1000.0;
                for (int j = 0; j < t; j++) {
                    r[i][j] = random.nextInt(1001) / 1000.0;
                }
            }
            AccuracyMatrix m = AccuracyMatrix.of(r);
            // R(i, j) 1-based: accuracy on task j after learning task i
            double acc = 0;
            for (int i = 1; i <= t; i++) {
                acc += r[t - 1][i - 1];
            }
            acc /= t;
            double bwt = 0;
            for (int i = 1; i <= t - 1; i++) {
                bwt += r[t - 1][i - 1] - r[i - 1][i - 1];
            }
            bwt /= t - 1;
            double fwt = 0;
            for (int i = 2; i <= t; i++) {
                fwt += r[i - 2][i - 1] - b[i - 1];
            }
            fwt /= t - 1;
            // RWalk: f_j^k = max_{l in 1..k-1} a_{l,j} - a_{k,j} for j < k, F_k = mean over j = 1..k-1; k = T
            double forgetting = 0;
            for (int j = 1; j <= t - 1; j++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int l = 1; l <= t - 1; l++) {
                    best = Math.max(best, r[l - 1][j - 1]);
                }
                double f = best - r[t - 1][j - 1];
                assertEquals(f, m.forgetting(j - 1), EPS);
                assertTrue(f >= r[j - 1][j - 1] - r[t - 1][j - 1]);
                forgetting += f;
            }
            forgetting /= t - 1;
            assertEquals(acc, m.acc(), EPS);
            assertEquals(bwt, m.bwt(), EPS);
            assertEquals(fwt, m.fwt(b), EPS);
            assertEquals(forgetting, m.averageForgetting(), EPS);
            assertTrue(m.averageForgetting() >= -m.bwt() - EPS, "mean forgetting >= -BWT");
        }
    }

    @Test
    void singleTaskHasNoTransferOrForgetting() {
        AccuracyMatrix m = AccuracyMatrix.of(new double[][] {{0.42}});
        assertEquals(0.42, m.acc(), 0);
        assertTrue(Double.isNaN(m.bwt()));
        assertTrue(Double.isNaN(m.fwt(new double[] {0.1})));
        assertTrue(Double.isNaN(m.averageForgetting()));
        assertEquals(0, m.forgetting().length);
    }

    @Test
    void copiesInputAndRejectsBadShapesAndValues() {
        double[][] a = {{0.5, 0.5}, {0.5, 0.5}};
        AccuracyMatrix m = AccuracyMatrix.of(a);
        a[1][0] = 0;
        assertEquals(0.5, m.get(1, 0));
        assertThrows(ParameterException.class, () -> AccuracyMatrix.of(new double[][] {{0.5, 0.5}}));
        ParameterException nan = assertThrows(ParameterException.class,
                () -> AccuracyMatrix.of(new double[][] {{0.5, Double.NaN}, {0.5, 0.5}}));
        assertEquals("R[0][1]", nan.location());
        assertThrows(ParameterException.class, () -> AccuracyMatrix.of(new double[][] {{1.5}}));
        assertThrows(ParameterException.class, () -> m.fwt(new double[] {0.1}));
    }

    /**
     * No tasks, an accuracy below 0 and runs of different task counts are refused by name. A mean of a 1-task and a
     * 2-task matrix must not quietly average the first entry alone (R[0][0] = (0.5 + 0.7) / 2 = 0.6 and nothing
     * else), nor fail on an index in the other order.
     */
    @Test
    void refusesNoTasksANegativeAccuracyAndRunsOfOtherSizes() {
        ParameterException empty = assertThrows(ParameterException.class, () -> AccuracyMatrix.of(new double[0][]));
        assertEquals("rows", empty.location());
        assertEquals("at least one task", empty.expected());
        ParameterException negative = assertThrows(ParameterException.class,
                () -> AccuracyMatrix.of(new double[][] {{0.5, 0.5}, {-0.01, 0.5}}));
        assertEquals("R[1][0]", negative.location());
        assertEquals("-0.01", negative.found());
        AccuracyMatrix one = AccuracyMatrix.of(new double[][] {{0.5}});
        AccuracyMatrix two = AccuracyMatrix.of(new double[][] {{0.7, 0.1}, {0.6, 0.8}});
        for (List<AccuracyMatrix> runs : List.of(List.of(one, two), List.of(two, one))) {
            ParameterException sizes = assertThrows(ParameterException.class, () -> AccuracyMatrix.mean(runs));
            assertEquals("size", sizes.location());
            assertEquals("matrices of one size (" + runs.get(0).size() + ")", sizes.expected());
            assertEquals(String.valueOf(runs.get(1).size()), sizes.found());
        }
    }

    /**
     * Forgetting is of the tasks learned before the last: the last task has no earlier row to have been best in (its
     * f would be max(R[0][2], R[1][2]) - R[2][2] = 0.3 - 0.9), and a negative task is none.
     */
    @Test
    void forgettingIsUndefinedForTheLastTaskAndForNegativeTasks() {
        AccuracyMatrix m = AccuracyMatrix.of(R3);
        IllegalArgumentException last = assertThrows(IllegalArgumentException.class, () -> m.forgetting(2));
        assertEquals("forgetting is defined for tasks 0..1, not 2", last.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.forgetting(-1));
        assertEquals(0.3, m.forgetting(1), EPS);
    }

    /**
     * A task that ends above its accuracy in every earlier row has negative forgetting, as the definition
     * gives: rows {0.5, 0.2} and {0.7, 0.9} give f_0 = max(R[0][0]) - R[1][0] = 0.5 - 0.7 = -0.2.
     */
    @Test
    void forgettingIsNegativeWhenTheFinalAccuracyIsAboveEveryEarlierRow() {
        AccuracyMatrix m = AccuracyMatrix.of(new double[][] {{0.5, 0.2}, {0.7, 0.9}});
        assertEquals(-0.2, m.forgetting(0), EPS);
        assertEquals(-0.2, m.averageForgetting(), EPS);
    }

    @Test
    void aRowIsTheEvaluationAfterOneTaskAndACopy() {
        AccuracyMatrix m = AccuracyMatrix.of(R3);
        double[] row = m.row(1);
        assertArrayEquals(new double[] {0.7, 0.8, 0.3}, row, 0);
        row[0] = 0;
        assertEquals(0.7, m.get(1, 0), 0);
    }

    /**
     * Nine seeds that all score 1 average to exactly 1: adding 1/9 nine times gives
     * 1.0000000000000002, which is no accuracy, so the mean must divide the sum instead.
     */
    @Test
    void meanOfNineFullMarksIsExactlyOne() {
        List<AccuracyMatrix> runs = new ArrayList<>();
        for (int seed = 0; seed < 9; seed++) {
            runs.add(AccuracyMatrix.of(new double[][] {{1, 0.5}, {1, 1}}));
        }
        AccuracyMatrix mean = AccuracyMatrix.mean(runs);
        assertEquals(1.0, mean.get(0, 0), 0);
        assertEquals(0.5, mean.get(0, 1), 0);
        assertEquals(1.0, mean.acc(), 0);
    }

    /** The runs' order moves no bit of the mean matrix (0.1 + 0.2 + 0.3 and 0.3 + 0.2 + 0.1 differ in the last). */
    @Test
    void theMeanMatrixIsTheSameInAnyOrderOfTheRuns() {
        assertTrue((0.1 + 0.2) + 0.3 != (0.3 + 0.2) + 0.1, "entries whose sum depends on its order");
        List<AccuracyMatrix> runs = new ArrayList<>();
        for (double a : new double[] {0.1, 0.2, 0.3}) {
            runs.add(AccuracyMatrix.of(new double[][] {{a, 0.5}, {a, a}}));
        }
        AccuracyMatrix forward = AccuracyMatrix.mean(runs);
        Collections.reverse(runs);
        AccuracyMatrix backward = AccuracyMatrix.mean(runs);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(forward.row(i), backward.row(i), 0);
        }
    }

    @Test
    void meanOverSeedsIsTheMeanOfEachSeedsMetricAndNaNWhereUndefined() {
        // BWT of R3 is -0.3; with R[2][0] = 0.9 (task 0 not forgotten) it is ((0.9 - 0.9) + (0.5 - 0.8)) / 2
        // = -0.15; mean -0.225. One task has no BWT: the mean is NaN, as metrics.json writes null.
        double[][] kept = {R3[0], R3[1], {0.9, 0.5, 0.9}};
        assertEquals(-0.225, AccuracyMatrix.meanOver(List.of(AccuracyMatrix.of(R3), AccuracyMatrix.of(kept)),
                AccuracyMatrix::bwt), EPS);
        assertTrue(Double.isNaN(AccuracyMatrix.meanOver(List.of(AccuracyMatrix.of(new double[][] {{0.5}})),
                AccuracyMatrix::bwt)));
    }

    @Test
    void csvHasHeaderAndOneRowPerTrainedTask() {
        String csv = AccuracyMatrix.of(new double[][] {{0.5, 0.25}, {0.125, 1}}).toCsv();
        assertEquals("after_task,task_0,task_1\n0,0.500000,0.250000\n1,0.125000,1.000000\n", csv);
    }
}
