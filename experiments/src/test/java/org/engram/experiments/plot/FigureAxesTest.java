package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.engram.experiments.metrics.AccuracyMatrix;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.data.Range;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;

/**
 * What the figures' axes, colour scales and series styles say, against values worked out by hand: which
 * row and column of a heat map is which task, what colour stands for which accuracy or task, the ranges the
 * axes show, and which error bars they cut.
 */
class FigureAxesTest {
    private static final AccuracyMatrix TWO = AccuracyMatrix.of(new double[][] {{0.9, 0.1}, {0.7, 0.8}});

    /**
     * Task 1 is the first column and the top row: the rows' axis runs downwards, each cell one unit about
     * its task's index, rows named by number and name, columns by number.
     */
    @Test
    void heatMapCellsStandAtTheirTasksWithTheFirstRowOnTop() {
        XYPlot plot = AccuracyHeatMap.of(TWO, List.of("0,1", "2,3"), "t").chart().getXYPlot();
        SymbolAxis columns = (SymbolAxis) plot.getDomainAxis();
        SymbolAxis rows = (SymbolAxis) plot.getRangeAxis();
        assertEquals(new Range(-0.5, 1.5), columns.getRange());
        assertEquals(new Range(-0.5, 1.5), rows.getRange());
        assertTrue(rows.isInverted(), "row 0, after the first task, at the top");
        assertFalse(columns.isInverted());
        assertEquals("1: 0,1", rows.valueToString(0));
        assertEquals("2: 2,3", rows.valueToString(1));
        assertEquals("2", columns.valueToString(1));
    }

    /**
     * The cells' colours are the ColorBrewer Blues anchors F7FBFF, 6BAED6 and 08306B at 0, 50 and 100%,
     * linear between them (25%: halfway between the first two, rounded), and the scale beside the matrix
     * reads 0 to 100%, the values the colours stand for.
     */
    @Test
    void heatMapColoursFollowTheBluesScaleOverZeroToOneHundred() {
        JFreeChart chart = AccuracyHeatMap.of(TWO, List.of("0,1", "2,3"), "t").chart();
        PaintScale scale = ((XYBlockRenderer) chart.getXYPlot().getRenderer()).getPaintScale();
        assertEquals(new Color(0xF7FBFF), scale.getPaint(0));
        assertEquals(new Color(0x6BAED6), scale.getPaint(50));
        assertEquals(new Color(0x08306B), scale.getPaint(100));
        // (0xF7 + 0x6B) / 2 = 177, (0xFB + 0xAE) / 2 = 212.5, (0xFF + 0xD6) / 2 = 234.5, rounded half up.
        assertEquals(new Color(177, 213, 235), scale.getPaint(25));
        PaintScaleLegend legend = colourScale(chart);
        assertEquals(new Range(0, 100), legend.getAxis().getRange());
        assertEquals(scale, legend.getScale());
    }

    /** A name for each task, neither fewer nor more: a name too many would label the wrong task's line or row. */
    @Test
    void taskNamesOfAnotherCountAreRefused() {
        List<String> three = List.of("0,1", "2,3", "4,5");
        assertThrows(IllegalArgumentException.class, () -> AccuracyHeatMap.of(TWO, three, "t"));
        assertThrows(IllegalArgumentException.class, () -> ForgettingPlot.of(TWO, three, "t"));
    }

    /**
     * The forgetting plot's accuracy axis reads 0 to 104% whatever the data (figures of several strategies
     * compare at a glance), its task axis 0.3 of a task past the first and last; a legend names up to ten tasks.
     */
    @Test
    void forgettingAxesAreFixedAndALegendNamesFewTasks() {
        JFreeChart chart = ForgettingPlot.of(TWO, List.of("0,1", "2,3"), "t").chart();
        assertEquals(new Range(0, 104), chart.getXYPlot().getRangeAxis().getRange());
        Range tasks = chart.getXYPlot().getDomainAxis().getRange();
        assertEquals(0.7, tasks.getLowerBound(), 1e-12);
        assertEquals(2.3, tasks.getUpperBound(), 1e-12);
        assertNotNull(chart.getLegend());
    }

    /**
     * Past ten tasks a colour scale of the tasks' numbers takes the legend's place: task k's band about k on
     * the scale has the colour of task k's line, the k-th of the sequence's colours.
     */
    @Test
    void manyTasksAreToldApartByAScaleWhoseColoursAreTheirLines() {
        int t = ForgettingPlot.NAMED_TASKS + 1;
        List<String> names = new ArrayList<>();
        for (int j = 0; j < t; j++) {
            names.add("p" + j);
        }
        JFreeChart chart = ForgettingPlot.of(lowerTriangle(t), names, "t").chart();
        assertNull(chart.getLegend());
        PaintScaleLegend legend = colourScale(chart);
        assertEquals(new Range(0.5, t + 0.5), legend.getAxis().getRange());
        XYItemRenderer lines = chart.getXYPlot().getRenderer();
        for (int k = 1; k <= t; k++) {
            Color own = ChartStyle.ordered(k - 1, t);
            assertEquals(own, lines.getSeriesPaint(k - 1), "line of task " + k);
            assertEquals(own, legend.getScale().getPaint(k), "scale at task " + k);
            assertEquals(own, legend.getScale().getPaint(k + 0.49), "scale within task " + k + "'s band");
        }
    }

    /**
     * One strategy of one seed: 90% after task 1, (70 + 80) / 2 = 75% after task 2. The accuracy axis runs
     * from the lowest to the highest point with a margin of 4% of that span, at least 1 point: 74 to 91%;
     * the task axis half a task past the first and last.
     */
    @Test
    void averageAccuracyAxesSpanThePointsWithAMargin() {
        XYPlot plot = AverageAccuracyPlot.of(List.of(new AverageAccuracyPlot.Strategy("naive", List.of(TWO))), "t")
                .chart().getXYPlot();
        assertEquals(74, plot.getRangeAxis().getLowerBound(), 1e-9);
        assertEquals(91, plot.getRangeAxis().getUpperBound(), 1e-9);
        assertEquals(new Range(0.5, 2.5), plot.getDomainAxis().getRange());
    }

    /** A bar that ends on the axis's end is drawn whole; one past either end is cut, and each is counted. */
    @Test
    void barsAreCutOnlyPastTheAxisEnds() {
        YIntervalSeries s = new YIntervalSeries("a");
        s.add(1, 50, 40, 60);
        YIntervalSeriesCollection one = new YIntervalSeriesCollection();
        one.addSeries(s);
        assertEquals(0, AverageAccuracyPlot.barsPastTheAxis(one, new Range(40, 60)));
        assertEquals(1, AverageAccuracyPlot.barsPastTheAxis(one, new Range(40.5, 60)));
        assertEquals(1, AverageAccuracyPlot.barsPastTheAxis(one, new Range(40, 59.5)));
        s.add(2, 50, 30, 70);
        assertEquals(2, AverageAccuracyPlot.barsPastTheAxis(one, new Range(40.5, 100)));

        DefaultStatisticalCategoryDataset bars = new DefaultStatisticalCategoryDataset();
        bars.add(50, 10, "ACC", "a");   // its error bar from 40 to 60
        assertEquals(0, StrategyComparisonPlot.barsPastTheAxis(bars, new Range(40, 60)));
        assertEquals(1, StrategyComparisonPlot.barsPastTheAxis(bars, new Range(45, 100)), "past the lower end");
        assertEquals(1, StrategyComparisonPlot.barsPastTheAxis(bars, new Range(-100, 55)), "past the upper end");
        bars.add(-20, 30, "BWT", "a");   // from -50 to 10
        assertEquals(2, StrategyComparisonPlot.barsPastTheAxis(bars, new Range(-45, 55)));
    }

    /**
     * A strategy looks the same in every figure of a run: ewc's learning curve has the colour, line and
     * marker of its line in the average accuracy figure, whatever the other strategies of either.
     */
    @Test
    void aStrategysLearningCurveLooksAsItsAverageAccuracyLine() {
        double[] epochs = {1, 2};
        XYItemRenderer curves = LearningCurvePlot.of(List.of(new LearningCurvePlot.Curve("naive", epochs,
                new double[] {1, 2}), new LearningCurvePlot.Curve("ewc", epochs, new double[] {2, 1})), "loss", false,
                new int[0], "t").chart().getXYPlot().getRenderer();
        XYItemRenderer lines = AverageAccuracyPlot.of(List.of(new AverageAccuracyPlot.Strategy("ewc", List.of(TWO)),
                new AverageAccuracyPlot.Strategy("si", List.of(TWO))), "t").chart().getXYPlot().getRenderer();
        assertEquals(lines.getSeriesPaint(0), curves.getSeriesPaint(1));
        assertEquals(lines.getSeriesStroke(0), curves.getSeriesStroke(1));
        assertEquals(lines.getSeriesShape(0), curves.getSeriesShape(1));
        assertFalse(curves.getSeriesPaint(0).equals(curves.getSeriesPaint(1)), "naive and ewc apart");
    }

    /** Percentages get an axis with no tick past 100; a loss an ordinary one. A curve without a spread has no band. */
    @Test
    void learningCurvesOfPercentagesHaveThePercentAxisAndNoSpreadNoBand() {
        LearningCurvePlot.Curve plain = new LearningCurvePlot.Curve("si", new double[] {1, 2, 3},
                new double[] {90, 95, 99});
        ValueAxis percent = LearningCurvePlot.of(List.of(plain), "accuracy (%)", true, new int[0], "t").chart()
                .getXYPlot().getRangeAxis();
        ValueAxis loss = LearningCurvePlot.of(List.of(plain), "loss", false, new int[0], "t").chart().getXYPlot()
                .getRangeAxis();
        assertTrue(percent instanceof PercentAxis);
        assertFalse(loss instanceof PercentAxis);
        assertTrue(LearningCurvePlot.bands(plain, true).isEmpty());
    }

    /**
     * 3 spikes of 3 neurons in 1 s: 1 Hz a neuron (a window of 2 neurons and 0.5 s, whose product is 1, let the
     * rate be divided or multiplied by it alike); a row per neuron, each one unit about its index.
     */
    @Test
    void rasterRateIsSpikesPerNeuronPerSecondAndEachNeuronHasItsRow() {
        Figure f = SpikeRasterPlot.of(new double[] {100, 200, 300}, new int[] {0, 1, 2}, 3, 0, 1000, "t");
        assertEquals("3 spikes from 3 neurons in 1000 ms; mean rate 1.00 Hz", PopulationRatePlotTest.subtitle(f));
        assertEquals(new Range(-0.5, 2.5), f.chart().getXYPlot().getRangeAxis().getRange());
    }

    /** Bins from 100 ms on: 10 Hz and 20 Hz over 10 ms each, 15 Hz over the 20 ms window, not over 120 ms. */
    @Test
    void populationRateIsAveragedOverTheWindowShown() {
        Figure f = PopulationRatePlot.of(new double[] {10, 20}, 4, 100, 120, 10, "t");
        assertEquals("4 neurons, 10 ms bins; mean rate 15.00 Hz", PopulationRatePlotTest.subtitle(f));
    }

    /** Three series side by side: one step apart, the middle one on its x. */
    @Test
    void threeSeriesStandOneStepApartAboutTheirX() {
        assertEquals(-0.1, Dodge.offset(0, 3, 0.1, 1), 1e-12);
        assertEquals(0, Dodge.offset(1, 3, 0.1, 1), 1e-12);
        assertEquals(0.1, Dodge.offset(2, 3, 0.1, 1), 1e-12);
    }

    private static PaintScaleLegend colourScale(JFreeChart chart) {
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof PaintScaleLegend legend) {
                return legend;
            }
        }
        throw new AssertionError("no colour scale");
    }

    private static AccuracyMatrix lowerTriangle(int n) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = 0.5 + 0.04 * j;
            }
        }
        return AccuracyMatrix.of(a);
    }
}
