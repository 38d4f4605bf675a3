package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;

class PercentAxisTest {

    /** The values of the ticks an axis draws over a plot area of 800 x 500 units. */
    private static List<Double> ticks(ValueAxis axis) {
        return refreshed(axis).stream().map(ValueTick::getValue).toList();
    }

    /** The values of the ticks an axis labels (its major ones) over a plot area of 800 x 500 units. */
    static List<Double> labelledTicks(ValueAxis axis) {
        return refreshed(axis).stream().filter(t -> t.getTickType() == TickType.MAJOR).map(ValueTick::getValue)
                .toList();
    }

    private static List<ValueTick> refreshed(ValueAxis axis) {
        Graphics2D g = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB).createGraphics();
        try {
            List<?> ticks = axis.refreshTicks(g, new AxisState(), new Rectangle2D.Double(0, 0, 800, 500),
                    RectangleEdge.LEFT);
            return ticks.stream().map(t -> (ValueTick) t).toList();
        } finally {
            g.dispose();
        }
    }

    /** Past 100 the axis has room but no tick; a plain axis over the same range reads 101. */
    @Test
    void hasNoTickPast100() {
        NumberAxis plain = new NumberAxis("accuracy (%)");
        plain.setRange(86.5, 101.8);
        PercentAxis percent = new PercentAxis("accuracy (%)");
        percent.setRange(86.5, 101.8);
        assertTrue(ticks(plain).contains(101.0), "the plain axis shows the tick the percent axis drops");
        List<Double> kept = ticks(percent);
        assertTrue(kept.contains(100.0) && kept.contains(87.0), kept.toString());
        assertEquals(ticks(plain).stream().filter(v -> v <= 100).toList(), kept);
    }

    /** Training accuracies near 100% (the quick start's) keep the labels' headroom without a tick above 100. */
    @Test
    void anAccuracyLearningCurveReadsAtMost100() {
        LearningCurvePlot.Curve c = new LearningCurvePlot.Curve("naive", new double[] {1, 2, 3, 4},
                new double[] {90.3, 96.8, 87.3, 99.8});
        ValueAxis accuracy = ((XYPlot) LearningCurvePlot.of(List.of(c), "training accuracy (%)", true,
                new int[] {3}, "t").chart().getPlot()).getRangeAxis();
        assertTrue(accuracy.getUpperBound() > 100, "room above the data for the task labels");
        assertTrue(ticks(accuracy).stream().allMatch(v -> v <= 100), ticks(accuracy).toString());
        ValueAxis loss = ((XYPlot) LearningCurvePlot.of(List.of(c), "loss (nats)", false, new int[] {3}, "t")
                .chart().getPlot()).getRangeAxis();
        assertTrue(ticks(loss).stream().anyMatch(v -> v > 100), "a loss axis is not cut at 100");
    }
}
