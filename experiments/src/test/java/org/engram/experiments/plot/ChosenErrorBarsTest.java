package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.engram.experiments.metrics.AccuracyMatrix;
import org.engram.experiments.metrics.ErrorMeasure;
import org.engram.experiments.metrics.SeedSummary;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.statistics.StatisticalCategoryDataset;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;

/**
 * The figures draw the error bars they are asked for, with their ends at the mean plus and minus
 * the spread computed here by hand, and their subtitles say which; the axis's cut bars are counted
 * for that measure.
 */
class ChosenErrorBarsTest {
    /**
     * Three seeds of two tasks. Task 1 after task 2: 0.70, 0.80, 0.75, mean 0.75, sd 0.05 (squared
     * deviations 0.0025 + 0.0025 + 0, over 2). After task 1: 0.9, 1.0, 0.95, mean 0.95, sd 0.05.
     * Task 2 after task 2: 0.8, 0.9, 0.7, mean 0.8, sd 0.1.
     * ACC per seed: (0.70 + 0.8) / 2 = 0.75, (0.80 + 0.9) / 2 = 0.85, (0.75 + 0.7) / 2 = 0.725,
     * mean 2.325 / 3 = 0.775, sd sqrt((0.025^2 + 0.075^2 + 0.05^2) / 2) = sqrt(0.004375).
     */
    private static final List<AccuracyMatrix> SEEDS = List.of(
            AccuracyMatrix.of(new double[][] {{0.90, 0.1}, {0.70, 0.8}}),
            AccuracyMatrix.of(new double[][] {{1.00, 0.2}, {0.80, 0.9}}),
            AccuracyMatrix.of(new double[][] {{0.95, 0.3}, {0.75, 0.7}}));
    /** Values near 1 whose sum carries rounding: ends within 1e-12 of the hand values (in percent, 1e-10). */
    private static final double EPS = 1e-10;

    /** The subtitle with plain spaces for the no-break ones that keep its gaps in SVG. */
    private static String subtitle(Figure f) {
        return PopulationRatePlotTest.subtitle(f).replace('\u00A0', ' ');
    }

    private static YIntervalSeriesCollection data(Figure f) {
        return (YIntervalSeriesCollection) f.chart().getXYPlot().getDataset();
    }

    @Test
    void forgettingBarsOfOneStandardDeviationEndAtTheMeanPlusAndMinusIt() {
        Figure f = ForgettingPlot.of(SEEDS, List.of("0", "1"), "t", ErrorMeasure.SD);
        YIntervalSeriesCollection d = data(f);
        assertEquals(70, d.getStartYValue(0, 1), EPS);
        assertEquals(80, d.getEndYValue(0, 1), EPS);
        assertEquals(90, d.getStartYValue(0, 0), EPS);
        assertEquals(100, d.getEndYValue(0, 0), EPS);
        // With 95% intervals task 1's first bar, to 95 + 4.30 * 5 / sqrt(3) = 107.4, and task 2's, to
        // 80 + 4.30 * 10 / sqrt(3) = 104.8, run past the axis's 104; one standard deviation, to 100 and 90, does not.
        assertTrue(subtitle(f).endsWith("(2 tasks);   bars: one standard deviation over 3 "
                + "seeds"), subtitle(f));
        assertTrue(subtitle(ForgettingPlot.of(SEEDS, List.of("0", "1"), "t"))
                .endsWith("bars: 95% confidence interval over 3 seeds; 2 bars run past the axis (0 to 104%) and are"
                        + " cut"));
    }

    @Test
    void standardErrorBarsAreTheStandardDeviationOverTheRootOfTheSeeds() {
        YIntervalSeriesCollection d = data(ForgettingPlot.of(SEEDS, List.of("0", "1"), "t", ErrorMeasure.SE));
        assertEquals(75 - 5 / Math.sqrt(3), d.getStartYValue(0, 1), EPS);
        assertEquals(75 + 5 / Math.sqrt(3), d.getEndYValue(0, 1), EPS);
    }

    /**
     * Bars that one measure keeps within the axis another runs past it: 0.5, 1, 1 has mean 0.8333 and
     * sd sqrt(0.1667 / 2) = 0.2887, to 112% (cut), its standard error 0.1667, to exactly 100% (whole).
     */
    @Test
    void barsCutAreCountedForTheMeasureDrawn() {
        List<AccuracyMatrix> spread = List.of(AccuracyMatrix.of(new double[][] {{0.5}}),
                AccuracyMatrix.of(new double[][] {{1}}), AccuracyMatrix.of(new double[][] {{1}}));
        assertTrue(subtitle(ForgettingPlot.of(spread, List.of("0"), "t", ErrorMeasure.SD))
                .endsWith("bars: one standard deviation over 3 seeds; 1 bar runs past the axis (0 to 104%) and is"
                        + " cut"));
        assertFalse(subtitle(ForgettingPlot.of(spread, List.of("0"), "t", ErrorMeasure.SE))
                .contains("cut"));
        assertFalse(subtitle(ForgettingPlot.of(spread, List.of("0"), "t", ErrorMeasure.NONE))
                .contains("cut"));
    }

    @Test
    void averageAccuracyBarsFollowTheMeasure() {
        AverageAccuracyPlot.Strategy s = new AverageAccuracyPlot.Strategy("naive", SEEDS);
        Figure f = AverageAccuracyPlot.of(List.of(s), "t", ErrorMeasure.SD);
        YIntervalSeriesCollection d = data(f);
        double sd = 100 * Math.sqrt(0.004375);
        assertEquals(77.5, d.getYValue(0, 1), EPS);
        assertEquals(77.5 - sd, d.getStartYValue(0, 1), EPS);
        assertEquals(77.5 + sd, d.getEndYValue(0, 1), EPS);
        assertEquals("mean over 3 seeds, bars: one standard deviation; the last point is ACC",
                subtitle(f));
    }

    @Test
    void noneDrawsNoBarsAndSaysSo() {
        Figure average = AverageAccuracyPlot.of(List.of(new AverageAccuracyPlot.Strategy("naive", SEEDS)), "t",
                ErrorMeasure.NONE);
        Figure forgetting = ForgettingPlot.of(SEEDS, List.of("0", "1"), "t", ErrorMeasure.NONE);
        for (Figure f : List.of(average, forgetting)) {
            YIntervalSeriesCollection d = data(f);
            for (int s = 0; s < d.getSeriesCount(); s++) {
                for (int i = 0; i < d.getItemCount(s); i++) {
                    assertEquals(d.getYValue(s, i), d.getStartYValue(s, i));
                    assertEquals(d.getYValue(s, i), d.getEndYValue(s, i));
                }
            }
            // Not even the caps of an empty bar around the marker.
            assertFalse(((XYErrorRenderer) f.chart().getXYPlot().getRenderer()).getDrawYError());
        }
        assertEquals("mean over 3 seeds, no error bars; the last point is ACC", subtitle(average));
        assertTrue(subtitle(forgetting).endsWith("(2 tasks);   no error bars"));
        // Without bars the tasks' points still stand apart, 0.04 about their task's number, as markers of one
        // accuracy would cover each other.
        assertEquals(2 - 0.02, data(forgetting).getXValue(0, 1), 1e-12);
        assertEquals(2 + 0.02, data(forgetting).getXValue(1, 0), 1e-12);
    }

    @Test
    void comparisonErrorBarsFollowTheMeasure() {
        SeedSummary acc = SeedSummary.of(new double[] {0.70, 0.80, 0.75});
        SeedSummary bwt = SeedSummary.of(new double[] {-0.1, -0.2, -0.15});
        List<StrategyComparisonPlot.Entry> entries = List.of(new StrategyComparisonPlot.Entry("naive", acc, bwt),
                new StrategyComparisonPlot.Entry("ewc", SeedSummary.of(new double[] {0.9}),
                        SeedSummary.of(new double[] {0.0})));
        Figure sd = StrategyComparisonPlot.of(entries, "t", ErrorMeasure.SD);
        StatisticalCategoryDataset d = (StatisticalCategoryDataset) ((CategoryPlot) sd.chart().getPlot()).getDataset();
        assertEquals(5, d.getStdDevValue(0, 0).doubleValue(), 1e-12);
        assertEquals(5, d.getStdDevValue(1, 0).doubleValue(), 1e-12);
        assertNull(d.getStdDevValue(0, 1), "one seed: no bar");
        assertEquals("bars: mean; error bars: one standard deviation over 3 seeds; bars of one seed have none",
                subtitle(sd));
        Figure none = StrategyComparisonPlot.of(entries, "t", ErrorMeasure.NONE);
        StatisticalCategoryDataset n = (StatisticalCategoryDataset) ((CategoryPlot) none.chart().getPlot())
                .getDataset();
        assertNull(n.getStdDevValue(0, 0));
        assertEquals("bars: mean over 1 to 3 seeds; no error bars", subtitle(none));
    }

    /** With one seed there is nothing to measure: no bars and no word of them, whatever is asked. */
    @Test
    void oneSeedHasNoBarsWhateverTheMeasure() {
        for (ErrorMeasure m : ErrorMeasure.values()) {
            Figure f = ForgettingPlot.of(SEEDS.subList(0, 1), List.of("0", "1"), "t", m);
            YIntervalSeriesCollection d = data(f);
            assertEquals(d.getYValue(0, 1), d.getStartYValue(0, 1), m.word());
            assertEquals(d.getYValue(0, 1), d.getEndYValue(0, 1), m.word());
            assertFalse(subtitle(f).contains("bars"), m.word());
            Figure average = AverageAccuracyPlot.of(List.of(new AverageAccuracyPlot.Strategy("naive",
                    SEEDS.subList(0, 1))), "t", m);
            assertEquals("one seed; the last point is ACC", subtitle(average), m.word());
        }
    }

    /** A figure laid out for print leaves the words to captions.md, which takes them from the description. */
    @Test
    void theDescriptionCaptionsGiveSaysWhatTheBarsAre() {
        Figure printed = ForgettingPlot.of(SEEDS, List.of("0", "1"), "t", ErrorMeasure.SE).printedAt(3.3);
        assertTrue(printed.description().endsWith("bars: one standard error of the mean over 3 seeds"),
                printed.description());
    }
}
