package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.engram.experiments.metrics.AccuracyMatrix;
import org.engram.experiments.metrics.SeedSummary;
import org.jfree.data.Range;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;

class AverageAccuracyPlotTest {
    private static final AccuracyMatrix SEED_1 = AccuracyMatrix.of(new double[][] {{0.9, 0.1}, {0.7, 0.8}});
    private static final AccuracyMatrix SEED_2 = AccuracyMatrix.of(new double[][] {{0.7, 0.2}, {0.5, 0.9}});

    /**
     * After task 1 the accuracy on task 1 (0.9 and 0.7), after task 2 the mean over both tasks
     * ((0.7 + 0.8) / 2 and (0.5 + 0.9) / 2): means 0.8 and 0.725, the last the mean ACC; bars the
     * Student-t interval of the two seeds; a strategy of one seed has none.
     */
    @Test
    void eachPointIsTheMeanAccuracyOnTheTasksLearnedSoFar() {
        AverageAccuracyPlot.Strategy two = new AverageAccuracyPlot.Strategy("two", List.of(SEED_1, SEED_2));
        AverageAccuracyPlot.Strategy one = new AverageAccuracyPlot.Strategy("one", List.of(SEED_1));
        YIntervalSeriesCollection data = (YIntervalSeriesCollection) AverageAccuracyPlot.of(List.of(two, one), "t")
                .chart().getXYPlot().getDataset();
        assertEquals(80, data.getYValue(0, 0), 1e-12);
        assertEquals(72.5, data.getYValue(0, 1), 1e-12);
        assertEquals(100 * (SEED_1.acc() + SEED_2.acc()) / 2, data.getYValue(0, 1), 1e-12, "the last point is ACC");
        SeedSummary first = SeedSummary.of(new double[] {0.9, 0.7});
        assertEquals(100 * first.low(), data.getStartYValue(0, 0), 1e-9);
        assertEquals(100 * first.high(), data.getEndYValue(0, 0), 1e-9);
        assertEquals(75, data.getYValue(1, 1), 1e-12);
        assertEquals(data.getYValue(1, 1), data.getStartYValue(1, 1), "one seed: no bar");
        assertEquals(data.getYValue(1, 1), data.getEndYValue(1, 1));
        // Side by side around each task's number, so that their bars do not cover each other.
        assertTrue(data.getXValue(0, 0) < 1 && data.getXValue(1, 0) > 1
                && Math.abs(data.getXValue(0, 0) + data.getXValue(1, 0) - 2) < 1e-12);
        // ... and nearer their own task than halfway to the next.
        assertTrue(Math.abs(data.getXValue(0, 0) - 1) < 0.5 && Math.abs(data.getXValue(1, 1) - 2) < 0.5);
        // Two seeds give t = 12.7: both bars of "two" reach past the axis's ends ([-47, 207] and
        // [41, 104]), which cuts them, and the subtitle says so.
        assertEquals("mean over 1 to 2 seeds, bars: 95% confidence interval (Student t); the last point is ACC; 2 bars "
                + "run past the axis (-4 to 104%) and are cut",
                PopulationRatePlotTest.subtitle(AverageAccuracyPlot.of(List.of(two, one), "t")));
        // Counted against the axis drawn: a bar that ends within it (past 100% in its margin) is drawn whole.
        assertEquals(0, AverageAccuracyPlot.barsPastTheAxis(data, new Range(-50, 210)));
        assertEquals(1, AverageAccuracyPlot.barsPastTheAxis(data, new Range(-50, 110)));
    }

    /** Lines of different numbers of seeds say how many each has, which the subtitle gives only as a range. */
    @Test
    void legendsGiveTheSeedsWhenTheyDiffer() {
        YIntervalSeriesCollection mixed = (YIntervalSeriesCollection) AverageAccuracyPlot.of(List.of(
                new AverageAccuracyPlot.Strategy("two", List.of(SEED_1, SEED_2)),
                new AverageAccuracyPlot.Strategy("one", List.of(SEED_1))), "t").chart().getXYPlot().getDataset();
        assertEquals("two (n=2)", mixed.getSeriesKey(0));
        assertEquals("one (n=1)", mixed.getSeriesKey(1));
        YIntervalSeriesCollection alike = (YIntervalSeriesCollection) AverageAccuracyPlot.of(List.of(
                new AverageAccuracyPlot.Strategy("a", List.of(SEED_1)),
                new AverageAccuracyPlot.Strategy("b", List.of(SEED_2))), "t").chart().getXYPlot().getDataset();
        assertEquals("a", alike.getSeriesKey(0));
    }

    @Test
    void strategiesOfAnotherTaskCountAreRefused() {
        AccuracyMatrix three = AccuracyMatrix.of(new double[][] {{1, 0, 0}, {1, 1, 0}, {1, 1, 1}});
        assertThrows(IllegalArgumentException.class, () -> AverageAccuracyPlot.of(List.of(
                new AverageAccuracyPlot.Strategy("a", List.of(SEED_1)),
                new AverageAccuracyPlot.Strategy("b", List.of(three))), "t"));
        assertThrows(IllegalArgumentException.class,
                () -> new AverageAccuracyPlot.Strategy("c", List.of(SEED_1, three)));
    }
}
