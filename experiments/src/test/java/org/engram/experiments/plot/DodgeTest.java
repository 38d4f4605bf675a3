package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntBinaryOperator;
import org.engram.experiments.metrics.AccuracyMatrix;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

/**
 * Points drawn side by side about one x (the tasks of a forgetting plot, of one seed too, the rows of an
 * average accuracy plot) stay inside the x axis and nearer their own x than the next, however many they
 * are: a 20-task sequence over seeds had drawn its first task's first point past the axis's left end and
 * its last task's only point past the right end, where neither shows.
 */
class DodgeTest {
    @Test
    void everyTaskOfATwentyTaskSequenceIsDrawnInsideTheAxisBesideItsTask() {
        int tasks = 20;
        List<AccuracyMatrix> seeds = List.of(matrix(tasks, 0.0), matrix(tasks, 0.1));
        List<String> names = new ArrayList<>();
        for (int j = 0; j < tasks; j++) {
            names.add(Integer.toString(j));
        }
        XYPlot plot = ForgettingPlot.of(seeds, names, "twenty tasks").chart().getXYPlot();
        // Task j's line starts when it is learned: its item i stands for j + i + 1 tasks learned.
        assertSideBySideWithin(plot, (series, item) -> series + item + 1);
    }

    @Test
    void everyRowOfAComparisonOfTwentyRowsIsDrawnInsideTheAxisBesideItsTask() {
        List<AverageAccuracyPlot.Strategy> rows = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            rows.add(new AverageAccuracyPlot.Strategy("row " + k, List.of(matrix(3, 0.0), matrix(3, 0.1))));
        }
        XYPlot plot = AverageAccuracyPlot.of(rows, "twenty rows").chart().getXYPlot();
        assertSideBySideWithin(plot, (series, item) -> item + 1);
    }

    /**
     * One seed's tasks of one accuracy (here every task at 100% throughout) are drawn side by side as those of
     * several seeds are, five tasks 0.04 apart about each x: their markers had been drawn on top of each other,
     * the earlier tasks' hidden under the last's.
     */
    @Test
    void oneSeedsTasksOfOneAccuracyAreDrawnSideBySide() {
        double[][] perfect = new double[5][5];
        for (double[] row : perfect) {
            Arrays.fill(row, 1.0);
        }
        XYPlot plot = ForgettingPlot.of(AccuracyMatrix.of(perfect), List.of("a", "b", "c", "d", "e"), "one seed")
                .chart().getXYPlot();
        assertSideBySideWithin(plot, (series, item) -> series + item + 1);
        XYDataset data = plot.getDataset();
        assertEquals(5 - 2 * 0.04, data.getXValue(0, 4), 1e-12);
        assertEquals(5 + 2 * 0.04, data.getXValue(4, 0), 1e-12);
        assertEquals(100, data.getYValue(0, 4), 1e-12);
        assertEquals(100, data.getYValue(4, 0), 1e-12);
    }

    /** Few enough to fit keep their step: five tasks 0.04 apart, three rows 0.06 apart, about their x. */
    @Test
    void aFewSeriesKeepTheirStep() {
        XYDataset forgetting = ForgettingPlot.of(List.of(matrix(5, 0.0), matrix(5, 0.1)), List.of("a", "b", "c", "d",
                "e"), "five tasks").chart().getXYPlot().getDataset();
        assertEquals(1 - 2 * 0.04, forgetting.getXValue(0, 0), 1e-12);
        assertEquals(5 + 2 * 0.04, forgetting.getXValue(4, 0), 1e-12);
        List<AverageAccuracyPlot.Strategy> rows = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            rows.add(new AverageAccuracyPlot.Strategy("row " + k, List.of(matrix(2, 0.0), matrix(2, 0.1))));
        }
        XYDataset average = AverageAccuracyPlot.of(rows, "three rows").chart().getXYPlot().getDataset();
        assertEquals(2 - 0.06, average.getXValue(0, 1), 1e-12);
        assertEquals(2, average.getXValue(1, 1), 1e-12);
        assertEquals(2 + 0.06, average.getXValue(2, 1), 1e-12);
    }

    /**
     * Twenty tasks 0.04 apart would span 19 x 0.04 = 0.76, more than the 0.4 allowed: they are squeezed to span
     * exactly 0.4, from -0.2 to 0.2 about their x.
     */
    @Test
    void aGroupTooWideForItsSpanSpansItExactly() {
        assertEquals(-0.2, Dodge.offset(0, 20, 0.04, 0.4), 1e-12);
        assertEquals(0.2, Dodge.offset(19, 20, 0.04, 0.4), 1e-12);
        assertEquals(0, Dodge.offset(0, 1, 0.04, 0.4));
    }

    /**
     * Every point lies within the x axis's range, less than half a task from the x it stands for, and the
     * series about one x keep their order, left to right.
     */
    private static void assertSideBySideWithin(XYPlot plot, IntBinaryOperator standsFor) {
        XYDataset data = plot.getDataset();
        ValueAxis x = plot.getDomainAxis();
        for (int s = 0; s < data.getSeriesCount(); s++) {
            for (int i = 0; i < data.getItemCount(s); i++) {
                double drawn = data.getXValue(s, i);
                int own = standsFor.applyAsInt(s, i);
                String point = "series " + s + " at " + own + ", drawn at " + drawn;
                assertTrue(drawn > x.getLowerBound() && drawn < x.getUpperBound(), point + ", outside the axis "
                        + x.getRange());
                assertTrue(Math.abs(drawn - own) < 0.5, point + ": nearer another x");
                // The previous series' point of the same x, where it has one (its items stand for consecutive x).
                int before = s == 0 ? -1 : own - standsFor.applyAsInt(s - 1, 0);
                if (before >= 0 && before < data.getItemCount(s - 1)) {
                    assertTrue(data.getXValue(s - 1, before) < drawn, point + ": left of the series before it");
                }
            }
        }
    }

    /** A matrix of {@code tasks} tasks, accuracies between 0.3 and 0.9 that differ by {@code shift} between seeds. */
    private static AccuracyMatrix matrix(int tasks, double shift) {
        double[][] r = new double[tasks][tasks];
        for (int i = 0; i < tasks; i++) {
            for (int j = 0; j < tasks; j++) {
                r[i][j] = 0.3 + shift + 0.5 * (i + j) / (2.0 * tasks);
            }
        }
        return AccuracyMatrix.of(r);
    }
}
