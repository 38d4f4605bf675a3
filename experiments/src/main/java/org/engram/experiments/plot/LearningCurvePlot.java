package org.engram.experiments.plot;

import java.awt.Color;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Per-epoch learning curves (loss or accuracy) over the whole task sequence, with a dashed line
 * where each new task starts.
 */
public final class LearningCurvePlot {
    private LearningCurvePlot() {
    }

    /**
     * One curve.
     *
     * @param name   legend entry, e.g. {@code "training loss"} or {@code "test accuracy, task 1"}
     * @param epochs x values: epoch numbers counted over the whole sequence (from 1)
     * @param values y values, one per epoch (in the unit of the y-axis label); NaN leaves a gap
     */
    public record Curve(String name, double[] epochs, double[] values) {
        /** Checks that both arrays have the same length. */
        public Curve {
            if (epochs.length != values.length) {
                throw new IllegalArgumentException("curve " + name + ": " + epochs.length + " epochs but "
                        + values.length + " values");
            }
            epochs = epochs.clone();
            values = values.clone();
        }
    }

    /**
     * Draws the figure.
     *
     * @param curves          the curves
     * @param yLabel          y-axis label with unit, e.g. {@code "training loss (cross-entropy, nats)"} or
     *                        {@code "test accuracy (%)"}
     * @param percent         whether the values are percentages, whose axis has no tick past 100
     * @param taskStartEpochs epoch at which each task after the first begins (may be empty)
     * @param title           figure title
     * @return the figure at the default size
     */
    public static Figure of(List<Curve> curves, String yLabel, boolean percent, int[] taskStartEpochs,
                            String title) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Curve c : curves) {
            XYSeries s = new XYSeries(c.name(), false, true);
            for (int k = 0; k < c.epochs().length; k++) {
                s.add(c.epochs()[k], Double.isNaN(c.values()[k]) ? null : c.values()[k]);
            }
            data.addSeries(s);
        }
        NumberAxis x = new NumberAxis("epoch (over all tasks)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = percent ? new PercentAxis(yLabel) : new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        // headroom so the task labels at the top of the boundary lines do not cover data points
        y.setUpperMargin(0.12);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        int[] styles = ChartStyle.styles(curves.stream().map(Curve::name).toList());
        for (int i = 0; i < curves.size(); i++) {
            r.setSeriesPaint(i, ChartStyle.color(styles[i]));
            r.setSeriesStroke(i, ChartStyle.line(styles[i]));
            r.setSeriesShape(i, ChartStyle.shape(styles[i], 6));
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        for (int k = 0; k < taskStartEpochs.length; k++) {
            // The boundary lies between the last epoch of one task and the first of the next.
            ValueMarker m = new ValueMarker(taskStartEpochs[k] - 0.5, Color.GRAY, ChartStyle.MARKER);
            m.setLabel("task " + (k + 2));
            m.setLabelFont(ChartStyle.TICK);
            m.setLabelPaint(Color.DARK_GRAY);
            m.setLabelBackgroundColor(new Color(255, 255, 255, 200));
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(m);
        }
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        chart.getLegend().setPosition(curves.size() > 6 ? RectangleEdge.RIGHT : RectangleEdge.BOTTOM);
        return new Figure(ChartStyle.apply(chart), ChartStyle.WIDTH, ChartStyle.HEIGHT);
    }
}
