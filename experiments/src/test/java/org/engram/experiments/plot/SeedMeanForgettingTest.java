package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.engram.experiments.metrics.AccuracyMatrix;
import org.engram.experiments.metrics.SeedSummary;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;

/**
 * The forgetting plot and heat map of several seeds state their mean metrics as the tables do
 * (each seed's value, then the mean), not the metrics of their mean matrix: forgetting differs
 * because it takes a maximum, ACC, BWT and learning accuracy in the last bit, which can change
 * the last digit printed.
 */
class SeedMeanForgettingTest {
    @Test
    void subtitleGivesTheSeedsMeanForgetting() {
        // Task 0 peaks at 0.9 after task 0 in seed A and after task 1 in seed B, then ends at 0.4:
        // each seed forgets 0.5 of task 0 and nothing of task 1, average (0.5 + 0) / 2 = 0.25.
        // The mean matrix has 0.7 after both, so its forgetting of task 0 is only 0.3, average 0.15.
        AccuracyMatrix a = AccuracyMatrix.of(new double[][] {{0.9, 0, 0}, {0.5, 0.8, 0}, {0.4, 0.8, 0.7}});
        AccuracyMatrix b = AccuracyMatrix.of(new double[][] {{0.5, 0, 0}, {0.9, 0.8, 0}, {0.4, 0.8, 0.7}});
        assertEquals(0.15, AccuracyMatrix.mean(List.of(a, b)).averageForgetting(), 1e-12);
        String svg = ForgettingPlot.of(List.of(a, b), List.of("0", "1", "2"), "two seeds").svg();
        assertTrue(svg.contains("average forgetting +25.0 pp"), "expected the seeds' mean forgetting");
        // ACC is linear in the entries: the mean matrix's ACC is the seeds' mean, (0.4 + 0.8 + 0.7) / 3.
        assertTrue(svg.contains("ACC 63.3%"), "ACC of the mean");
    }

    /**
     * Two seeds whose mean ACC and learning accuracy lie on a rounding boundary. Seed A
     * {{0, 0.65}, {0.55, 0.5}}, seed B {{0.35, 0.1}, {0.9, 0.6}}. Per seed, ACC A = (0.55 + 0.5) / 2 =
     * 0.525, B = (0.9 + 0.6) / 2 = 0.75; their mean 1.275 / 2 = 0.6375 becomes 63.7499999999999929
     * when multiplied by 100, which summary.md prints as 63.7. The mean matrix's last row
     * (0.7250000000000001, 0.55) gives 0.6375000000000001, printed 63.8. Learning accuracy:
     * A (0 + 0.5) / 2 = 0.25, B (0.35 + 0.6) / 2 = 0.475, mean 0.3625: checked the same way below.
     */
    @Test
    void subtitlesPrintTheTablesRoundingOfTheSeedsMean() {
        AccuracyMatrix a = AccuracyMatrix.of(new double[][] {{0, 0.65}, {0.55, 0.5}});
        AccuracyMatrix b = AccuracyMatrix.of(new double[][] {{0.35, 0.1}, {0.9, 0.6}});
        double tableAcc = SeedSummary.of(new double[] {0.525, 0.75}).mean();
        assertEquals("63.7", String.format(Locale.ROOT, "%.1f", 100 * tableAcc), "the table's ACC");
        assertEquals("63.8", String.format(Locale.ROOT, "%.1f", 100 * AccuracyMatrix.mean(List.of(a, b)).acc()),
                "the mean matrix's ACC, which the figures printed before");
        String forgetting = ForgettingPlot.of(List.of(a, b), List.of("0", "1"), "two seeds").svg();
        assertTrue(forgetting.contains("ACC 63.7%"), "forgetting plot: the table's ACC");
        String heat = AccuracyHeatMap.of(List.of(a, b), List.of("0", "1"), "two seeds").svg();
        assertTrue(heat.contains("ACC 63.7%"), "heat map: the table's ACC");
        String tableLa = String.format(Locale.ROOT, "%.1f%%", 100 * SeedSummary.of(new double[] {0.25, 0.475}).mean());
        assertTrue(heat.contains("learning accuracy " + tableLa), "heat map: the table's learning accuracy " + tableLa);
    }

    /**
     * Over seeds, each point is the mean matrix's entry with the Student-t interval of the seeds'
     * entries as its bar, the tasks' points side by side; one run has no bars, its points side by side too.
     */
    @Test
    void eachPointOfSeveralSeedsHasItsIntervalAsABar() {
        AccuracyMatrix a = AccuracyMatrix.of(new double[][] {{0.9, 0.1}, {0.7, 0.8}});
        AccuracyMatrix b = AccuracyMatrix.of(new double[][] {{0.7, 0.2}, {0.5, 0.9}});
        YIntervalSeriesCollection two = (YIntervalSeriesCollection) ForgettingPlot.of(List.of(a, b),
                List.of("0", "1"), "two seeds").chart().getXYPlot().getDataset();
        // Task 1 after task 2: 0.7 and 0.5.
        SeedSummary spread = SeedSummary.of(new double[] {0.7, 0.5});
        assertEquals(60, two.getYValue(0, 1), 1e-12);
        assertEquals(100 * spread.low(), two.getStartYValue(0, 1), 1e-9);
        assertEquals(100 * spread.high(), two.getEndYValue(0, 1), 1e-9);
        assertTrue(two.getXValue(0, 1) < 2 && two.getXValue(1, 0) > 2, "side by side around task 2");
        // Apart, but nearer their own task than halfway to the next; each line named by its task, from 1.
        assertTrue(Math.abs(two.getXValue(0, 1) - 2) < 0.5 && Math.abs(two.getXValue(1, 0) - 2) < 0.5);
        assertEquals("task 1 (0)", two.getSeriesKey(0));
        assertEquals("task 2 (1)", two.getSeriesKey(1));
        // Two seeds give t = 12.7: all three bars reach past the axis, which cuts them, and the subtitle says so.
        assertTrue(PopulationRatePlotTest.subtitle(ForgettingPlot.of(List.of(a, b), List.of("0", "1"), "two seeds"))
                .endsWith("bars: 95% confidence interval over 2 seeds;"
                        + " 3 bars run past the axis (0 to 104%) and are cut"));
        YIntervalSeriesCollection one = (YIntervalSeriesCollection) ForgettingPlot.of(a, List.of("0", "1"), "one")
                .chart().getXYPlot().getDataset();
        // Two tasks 0.04 apart about task 2, as over seeds: 2 - 0.02 and 2 + 0.02.
        assertEquals(2 - 0.02, one.getXValue(0, 1), 1e-12);
        assertEquals(2 + 0.02, one.getXValue(1, 0), 1e-12);
        assertEquals(70, one.getStartYValue(0, 1), 1e-12);
        assertEquals(70, one.getEndYValue(0, 1), 1e-12);
        assertFalse(PopulationRatePlotTest.subtitle(ForgettingPlot.of(a, List.of("0", "1"), "one")).contains("cut"));
    }
}
