package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.engram.experiments.metrics.ErrorBars;
import org.engram.experiments.metrics.ErrorMeasure;
import org.engram.experiments.plot.Figure;
import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.annotations.XYPolygonAnnotation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

/**
 * The learning curves' bands are the measure chosen, as the other figures' bars are, computed here
 * by hand from the reference run's {@code log.csv}, and their titles say which.
 */
class LearningCurveBandsTest {
    /** The quickstart reference run, three seeds; tests run in the experiments module's folder. */
    private static final Path REFERENCE = Path.of("..", "results", "reference", "quickstart");
    /** naive's training loss in the first epoch of task 1, seeds 1, 2 and 3, as log.csv has it. */
    private static final double[] FIRST_LOSSES = {0.324958, 0.278239, 0.219882};
    /** t_{0.975, 2} = (2p - 1) / sqrt(2 p (1 - p)) at p = 0.975, the closed form for 2 degrees of freedom. */
    private static final double T_975_2 = 0.95 / Math.sqrt(2 * 0.975 * 0.025);

    private static Figure loss(ErrorBars error) {
        Map<String, Figure> figures = RunPlots.figures(RunResults.readFinished(REFERENCE), UnaryOperator.identity(),
                Map.of(), error);
        return figures.get("learning_curve_loss");
    }

    /** naive's band: the first curve's, one polygon over its ten epochs, up the upper edge and back along the lower. */
    private static double[] naiveBand(Figure f) {
        List<XYAnnotation> bands = ((AbstractXYItemRenderer) f.chart().getXYPlot().getRenderer()).getAnnotations()
                .stream().filter(a -> a instanceof XYPolygonAnnotation).toList();
        return bands.isEmpty() ? null : ((XYPolygonAnnotation) bands.get(0)).getPolygonCoordinates();
    }

    /**
     * Mean and sample sd of the three losses by the textbook formulas: the band at epoch 1 runs from
     * mean - h to mean + h. The log's six decimals are read exactly as written; the sums differ from
     * the code's (which sorts the values first) by a few ulps of 0.3, within 1e-12.
     */
    @Test
    void bandsAreTheChosenMeasureOfTheSeedsLosses() {
        double mean = (FIRST_LOSSES[0] + FIRST_LOSSES[1] + FIRST_LOSSES[2]) / 3;
        double ss = 0;
        for (double v : FIRST_LOSSES) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / 2);
        double[] byDefault = naiveBand(loss(ErrorBars.DEFAULT));
        assertEquals(1, byDefault[0]);
        assertEquals(mean + sd, byDefault[1], 1e-12);
        double[] ci = naiveBand(loss(ErrorBars.of(ErrorMeasure.CI95)));
        assertEquals(mean + T_975_2 * sd / Math.sqrt(3), ci[1], 1e-9);
        assertEquals(Math.max(0, mean - T_975_2 * sd / Math.sqrt(3)), ci[ci.length - 1], 1e-9);
        double[] se = naiveBand(loss(ErrorBars.of(ErrorMeasure.SE)));
        assertEquals(mean + sd / Math.sqrt(3), se[1], 1e-12);
        assertEquals(null, naiveBand(loss(ErrorBars.of(ErrorMeasure.NONE))), "none: no band");
    }

    /**
     * The accuracy curve, in percent, of naive at epoch 4 (task 2's second epoch): the mean of log.csv's training
     * accuracies 0.973333, 0.966667 and 0.968333 of seeds 1 to 3, times 100; each of the four later tasks (two
     * epochs each) starts at the marker half an epoch before its first epoch, 3, 5, 7 and 9. The loss figure
     * draws the losses, as its title says.
     */
    @Test
    void theAccuracyCurveIsTheSeedsMeanInPercentAndEachTaskStartsAtAMarker() {
        Map<String, Figure> figures = RunPlots.figures(RunResults.readFinished(REFERENCE), UnaryOperator.identity(),
                Map.of(), ErrorBars.DEFAULT);
        XYPlot accuracy = figures.get("learning_curve_accuracy").chart().getXYPlot();
        XYSeries naive = ((XYSeriesCollection) accuracy.getDataset()).getSeries(0);
        assertEquals(10, naive.getItemCount(), "five tasks of two epochs");
        assertEquals(4.0, naive.getX(3).doubleValue(), 0);
        // Six decimals read back exactly as written; sums of three, a few ulps of 97 apart.
        assertEquals(100 * (0.973333 + 0.966667 + 0.968333) / 3, naive.getY(3).doubleValue(), 1e-12);
        List<Double> starts = ((Collection<?>) accuracy.getDomainMarkers(Layer.FOREGROUND)).stream()
                .map(m -> ((ValueMarker) m).getValue()).toList();
        assertEquals(List.of(2.5, 4.5, 6.5, 8.5), starts);
        assertTrue(figures.get("learning_curve_accuracy").chart().getTitle().getText().contains(
                ": training accuracy per epoch"));
        Figure loss = figures.get("learning_curve_loss");
        assertTrue(loss.chart().getTitle().getText().contains(": training loss per epoch"));
        assertEquals((FIRST_LOSSES[0] + FIRST_LOSSES[1] + FIRST_LOSSES[2]) / 3, ((XYSeriesCollection) loss.chart()
                .getXYPlot().getDataset()).getSeries(0).getY(0).doubleValue(), 1e-12);
    }

    @Test
    void titlesSayWhatTheBandIs() {
        assertTrue(loss(ErrorBars.DEFAULT).chart().getTitle().getText().endsWith(
                "mean over 3 seeds, band: one standard deviation"));
        assertTrue(loss(ErrorBars.of(ErrorMeasure.CI95)).chart().getTitle().getText().endsWith(
                "mean over 3 seeds, band: 95% confidence interval (Student t)"));
        assertTrue(loss(ErrorBars.of(ErrorMeasure.NONE)).description().contains("mean over 3 seeds, no band"));
    }
}
