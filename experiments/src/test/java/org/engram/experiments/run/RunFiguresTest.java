package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.experiments.metrics.AccuracyMatrix;
import org.engram.experiments.metrics.ErrorBars;
import org.engram.experiments.plot.Figure;
import org.engram.simulator.EngramException;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;

/**
 * A run's figures draw the numbers its metrics.json gives, read here from the reference run's file: the
 * comparison's bars are each strategy's mean ACC and BWT over seeds with their 95% intervals, the average
 * accuracy's last point is the mean ACC, and the titles say over how many seeds.
 */
class RunFiguresTest {
    /** The quickstart reference run, three seeds of five tasks; tests run in the experiments module's folder. */
    private static final Path REFERENCE = Path.of("..", "results", "reference", "quickstart");
    private static final String ACC = "ACC (average accuracy, %)";
    private static final String BWT = "BWT (backward transfer, pp)";

    /**
     * The charts recompute ACC and BWT from the accuracy matrices, metrics.json's means from the seeds' values:
     * the same sums of the same doubles, within a few ulps of 100. The half-widths are half the distance between
     * metrics.json's interval's ends, which round once more.
     */
    @Test
    void theComparisonBarsAreTheMeansAndIntervalsOfMetricsJson() throws IOException {
        JsonNode strategies = JsonFiles.MAPPER.readTree(REFERENCE.resolve("metrics.json").toFile()).get("strategies");
        Map<String, Figure> figures = RunPlots.figures(RunResults.readFinished(REFERENCE), UnaryOperator.identity(),
                Map.of(), ErrorBars.DEFAULT);
        DefaultStatisticalCategoryDataset bars = (DefaultStatisticalCategoryDataset) figures.get("comparison").chart()
                .getCategoryPlot().getDataset();
        YIntervalSeriesCollection average = (YIntervalSeriesCollection) figures.get("average_accuracy").chart()
                .getXYPlot().getDataset();
        List<String> labels = List.of("naive", "ewc", "si", "hlop");
        assertEquals(labels, bars.getColumnKeys());
        for (int k = 0; k < labels.size(); k++) {
            String label = labels.get(k);
            JsonNode over = strategies.get(label).get("aggregate").get("over_seeds");
            for (String metric : List.of("acc", "bwt")) {
                JsonNode spread = over.get(metric);
                String row = metric.equals("acc") ? ACC : BWT;
                assertEquals(100 * spread.get("mean").asDouble(), bars.getMeanValue(row, label).doubleValue(), 1e-12,
                        label + " " + metric);
                assertEquals(50 * (spread.get("ci95_high").asDouble() - spread.get("ci95_low").asDouble()),
                        bars.getStdDevValue(row, label).doubleValue(), 1e-9, label + " " + metric);
            }
            assertEquals(100 * over.get("acc").get("mean").asDouble(), average.getYValue(k, 4), 1e-12,
                    label + ": the last point is ACC");
            assertTrue(figures.get("forgetting_" + label).chart().getTitle().getText().endsWith(
                    ": accuracy on each task as tasks are learned (mean of 3 seeds)"), label);
            assertTrue(figures.get("accuracy_matrix_" + label).chart().getTitle().getText().endsWith(
                    ": accuracy matrix (mean of 3 seeds)"), label);
        }
        assertFalse(figures.containsKey("average_accuracy_validation"), "a run without validation draws none");
        assertFalse(figures.containsKey("learning_curve_validation"), "a run without validation draws none");
        // The heat map's rows name the tasks (classes 0,1 ... classes 8,9) without the word the axis would repeat.
        SymbolAxis rows = (SymbolAxis) figures.get("accuracy_matrix_naive").chart().getXYPlot().getRangeAxis();
        assertEquals(List.of("1: 0,1", "2: 2,3", "3: 4,5", "4: 6,7", "5: 8,9"), List.of(rows.getSymbols()));
    }

    /** A run of two tasks with one seed per strategy, each strategy given as label and name. */
    private static RunResults runOf(String... labelAndName) {
        AccuracyMatrix m = AccuracyMatrix.of(new double[][] {{0.5, 0.5}, {0.5, 1.0}});
        List<RunResults.Strategy> strategies = new java.util.ArrayList<>();
        for (int i = 0; i < labelAndName.length; i += 2) {
            strategies.add(new RunResults.Strategy(labelAndName[i], labelAndName[i + 1], List.of(1L), List.of(m),
                    List.of()));
        }
        return new RunResults(Path.of("r"), "r", "20261201T000000Z-000000", List.of("task 1", "task 2"), strategies,
                List.of(), null, List.of());
    }

    /** The colour, line and marker the average-accuracy figure of a run draws a strategy's label in. */
    private static String lookOf(RunResults run, String label) {
        XYPlot plot = RunPlots.figures(run, UnaryOperator.identity(), Map.of(), ErrorBars.DEFAULT)
                .get("average_accuracy").chart().getXYPlot();
        int series = plot.getDataset().indexOf(label);
        var r = plot.getRenderer();
        StringBuilder look = new StringBuilder(r.getSeriesPaint(series) + " "
                + java.util.Arrays.toString(((java.awt.BasicStroke) r.getSeriesStroke(series)).getDashArray()));
        double[] c = new double[6];
        for (var it = r.getSeriesShape(series).getPathIterator(null); !it.isDone(); it.next()) {
            look.append(' ').append(it.currentSegment(c)).append(java.util.Arrays.toString(c));
        }
        return look.toString();
    }

    /**
     * A labelled strategy (ewc-1000 of ewc) looks the same in the figures of runs that hold other
     * strategies: it took the styles left free in order, SI's green beside naive and EWC, orange beside SI.
     */
    @Test
    void aLabelledStrategyLooksTheSameInEveryRunsFigures() {
        String split = lookOf(runOf("naive", "naive", "ewc", "ewc", "ewc-1000", "ewc"), "ewc-1000");
        String permuted = lookOf(runOf("si", "si", "ewc-100", "ewc", "ewc-1000", "ewc", "gpm", "gpm"), "ewc-1000");
        assertEquals(split, permuted);
        assertTrue(split.startsWith(new java.awt.Color(0xE69F00).toString()), "EWC's orange: " + split);
        RunResults both = runOf("si", "si", "ewc-100", "ewc", "ewc-1000", "ewc");
        assertFalse(lookOf(both, "si").equals(lookOf(both, "ewc-1000")));
        assertFalse(lookOf(both, "ewc-100").equals(lookOf(both, "ewc-1000")));
    }

    /**
     * A run with validation samples draws their average accuracy in a figure of its own, and their accuracy
     * after each epoch in a learning curve, by hand: seed 1's validation rows (0.8, 0.1), (0.6, 1.0) and
     * seed 2's (1.0, 0.2), (0.4, 0.8) average 0.8 and 1.0 after task 1, 0.8 and 0.6 after task 2, so the
     * points are 90% and 70% (Val. ACC); the test figure keeps the test matrices' 50% and 75%.
     */
    /**
     * A run made before labels 'validation_' + another's were refused: ewc's validation heat map and
     * validation_ewc's test heat map are both accuracy_matrix_validation_ewc, and are refused rather than one
     * drawn over the other.
     */
    @Test
    void twoHeatMapsOfOneFileNameAreRefused() {
        AccuracyMatrix m = AccuracyMatrix.of(new double[][] {{0.5, 0.5}, {0.5, 1.0}});
        List<RunResults.Strategy> strategies = new ArrayList<>();
        for (String label : List.of("ewc", "validation_ewc")) {
            strategies.add(new RunResults.Strategy(label, "ewc", List.of(1L), List.of(m), List.of(m)));
        }
        RunResults run = new RunResults(Path.of("old"), "old", "20261201T000000Z-000000", List.of("task 1", "task 2"),
                strategies, List.of(), null, List.of());
        EngramException e = assertThrows(EngramException.class,
                () -> RunPlots.figures(run, UnaryOperator.identity(), Map.of(), ErrorBars.DEFAULT));
        // The labels are metrics.json's; the figures' folder is plots/ or --out's, so the message names neither.
        assertEquals(Path.of("old", "metrics.json").toString(), e.source(), e.getMessage());
        assertTrue(e.found().startsWith("two figures named accuracy_matrix_validation_ewc ("), e.getMessage());
        assertEquals(ExperimentConfig.validationHeatMapName("ewc"), ExperimentConfig.heatMapName("validation_ewc"));
    }

    @Test
    void aValidatedRunDrawsTheValidationAverageAccuracyToo() {
        AccuracyMatrix test = AccuracyMatrix.of(new double[][] {{0.5, 0.5}, {0.5, 1.0}});
        RunResults run = new RunResults(Path.of("v"), "v", "20261201T000000Z-000000", List.of("classes 0,1",
                "classes 2,3"), List.of(new RunResults.Strategy("naive", "naive", List.of(1L, 2L), List.of(test, test),
                        List.of(AccuracyMatrix.of(new double[][] {{0.8, 0.1}, {0.6, 1.0}}),
                                AccuracyMatrix.of(new double[][] {{1.0, 0.2}, {0.4, 0.8}})))),
                List.of(new EpochRecord("naive", 1, 0, 0, 0.3, 0.9, 1, 100), new EpochRecord("naive", 1, 1, 0, 0.3,
                        0.9, 1, 100), new EpochRecord("naive", 2, 0, 0, 0.4, 0.8, 1, 100),
                        new EpochRecord("naive", 2, 1, 0, 0.4, 0.8, 1, 100)), null, List.of(
                        new RunResults.EpochAccuracy("naive", 1, 0, 0, new double[] {0.8, 0.1}),
                        new RunResults.EpochAccuracy("naive", 1, 1, 0, new double[] {0.6, 1.0}),
                        new RunResults.EpochAccuracy("naive", 2, 0, 0, new double[] {1.0, 0.2}),
                        new RunResults.EpochAccuracy("naive", 2, 1, 0, new double[] {0.4, 0.8})));
        Map<String, Figure> figures = RunPlots.figures(run, UnaryOperator.identity(), Map.of(), ErrorBars.DEFAULT);
        Figure validation = figures.get("average_accuracy_validation");
        YIntervalSeriesCollection points = (YIntervalSeriesCollection) validation.chart().getXYPlot().getDataset();
        assertEquals(90, points.getYValue(0, 0), 1e-12);
        assertEquals(70, points.getYValue(0, 1), 1e-12);
        assertEquals("average validation accuracy (%)", validation.chart().getXYPlot().getRangeAxis().getLabel());
        assertTrue(validation.chart().getTitle().getText().endsWith(
                ": average accuracy on the validation samples as tasks are learned"));
        assertTrue(validation.chart().getSubtitles().stream().anyMatch(t -> t instanceof TextTitle title
                && title.getText().contains("the last point is Val. ACC")), "the subtitle names Val. ACC");
        YIntervalSeriesCollection testPoints = (YIntervalSeriesCollection) figures.get("average_accuracy").chart()
                .getXYPlot().getDataset();
        assertEquals(50, testPoints.getYValue(0, 0), 1e-12);
        assertEquals(75, testPoints.getYValue(0, 1), 1e-12);
        assertEquals("average accuracy (%)", figures.get("average_accuracy").chart().getXYPlot().getRangeAxis()
                .getLabel());
        // The epochs' validation accuracies, one epoch per task, average the tasks learned so far: task 1's
        // epoch scores task 1 alone (80 and 100), task 2's both tasks (80 and 60); the curve is their mean.
        XYPlot curve = figures.get("learning_curve_validation").chart().getXYPlot();
        XYSeries naive = ((XYSeriesCollection) curve.getDataset()).getSeries(0);
        assertEquals(2, naive.getItemCount());
        assertEquals(90, naive.getY(0).doubleValue(), 1e-12);
        assertEquals(70, naive.getY(1).doubleValue(), 1e-12);
        assertEquals("validation accuracy (%)", curve.getRangeAxis().getLabel());
    }

    /**
     * One task has no backward transfer and no accuracy "as tasks are learned": a run of one task draws each
     * strategy's forgetting plot and heat map, and learning curves, but no comparison of ACC and BWT and no
     * average-accuracy figure.
     */
    @Test
    void aRunOfOneTaskDrawsNoComparisonOrAverageAccuracy() {
        RunResults one = new RunResults(Path.of("one"), "one", "20261201T000000Z-000000", List.of("classes 0,1"),
                List.of(new RunResults.Strategy("naive", "naive", List.of(1L, 2L), List.of(
                        AccuracyMatrix.of(new double[][] {{0.9}}), AccuracyMatrix.of(new double[][] {{0.8}})),
                        List.of())),
                List.of(new EpochRecord("naive", 1, 0, 0, 0.3, 0.9, 1, 100),
                        new EpochRecord("naive", 2, 0, 0, 0.4, 0.8, 1, 100)), null, List.of());
        Map<String, Figure> figures = RunPlots.figures(one, UnaryOperator.identity(), Map.of(), ErrorBars.DEFAULT);
        assertEquals(List.of("forgetting_naive", "accuracy_matrix_naive", "learning_curve_loss",
                "learning_curve_accuracy"), List.copyOf(figures.keySet()));
    }
}
