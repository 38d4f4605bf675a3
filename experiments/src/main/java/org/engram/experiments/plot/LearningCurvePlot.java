package org.engram.experiments.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYAnnotationBoundsInfo;
import org.jfree.chart.annotations.XYPolygonAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Per-epoch learning curves (loss or accuracy) over the whole task sequence, with a dashed line
 * where each new task starts, and around a curve that has one a shaded band of its spread (such as
 * one standard deviation over seeds).
 */
public final class LearningCurvePlot {
    /** Opacity of a spread band, light enough that the curves and the other bands show through. */
    private static final float BAND_ALPHA = 0.18f;

    private LearningCurvePlot() {
    }

    /**
     * One curve.
     *
     * @param name   legend entry, e.g. {@code "training loss"} or {@code "test accuracy, task 1"}
     * @param style  the strategy whose colour, line and marker the curve takes ({@code ChartStyle.styles}),
     *               whatever name of one's own the legend shows
     * @param epochs x values: epoch numbers counted over the whole sequence (from 1)
     * @param values y values, one per epoch (in the unit of the y-axis label); NaN leaves a gap
     * @param spread half-width of the band drawn around each value, {@code >= 0}; NaN draws none there
     */
    public record Curve(String name, ChartStyle.Series style, double[] epochs, double[] values, double[] spread) {
        /**
         * Checks that the arrays have one length and the spread is not negative.
         *
         * @param name   legend entry, e.g. {@code "training loss"} or {@code "test accuracy, task 1"}
         * @param style  the strategy whose colour, line and marker the curve takes ({@code ChartStyle.styles}),
         *               whatever name of one's own the legend shows
         * @param epochs x values: epoch numbers counted over the whole sequence (from 1)
         * @param values y values, one per epoch (in the unit of the y-axis label); NaN leaves a gap
         * @param spread half-width of the band drawn around each value, {@code >= 0}; NaN draws none there
         */
        public Curve {
            if (epochs.length != values.length || spread.length != values.length) {
                throw new IllegalArgumentException("curve " + name + ": " + epochs.length + " epochs, "
                        + values.length + " values and " + spread.length + " spreads");
            }
            for (double d : spread) {
                if (d < 0) {
                    throw new IllegalArgumentException("curve " + name + ": a spread of " + d + " (must be >= 0)");
                }
            }
            epochs = epochs.clone();
            values = values.clone();
            spread = spread.clone();
        }

        /**
         * A curve styled as its legend entry names it.
         *
         * @param name   legend entry
         * @param epochs x values
         * @param values y values; NaN leaves a gap
         * @param spread half-width of the band around each value; NaN draws none there
         */
        public Curve(String name, double[] epochs, double[] values, double[] spread) {
            this(name, ChartStyle.Series.of(name), epochs, values, spread);
        }

        /**
         * A curve without a band, styled as its legend entry names it.
         *
         * @param name   legend entry
         * @param epochs x values
         * @param values y values; NaN leaves a gap
         */
        public Curve(String name, double[] epochs, double[] values) {
            this(name, epochs, values, nans(values.length));
        }

        private static double[] nans(int n) {
            double[] out = new double[n];
            Arrays.fill(out, Double.NaN);
            return out;
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
        XYLineAndShapeRenderer r = new BoundaryLabels();
        int[] styles = ChartStyle.styles(curves.stream().map(Curve::style).toList());
        for (int i = 0; i < curves.size(); i++) {
            r.setSeriesPaint(i, ChartStyle.color(styles[i]));
            r.setSeriesStroke(i, ChartStyle.line(styles[i]));
            r.setSeriesShape(i, ChartStyle.shape(styles[i], 6));
        }
        for (int i = 0; i < curves.size(); i++) {
            Color c = ChartStyle.color(styles[i]);
            Color fill = new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.round(255 * BAND_ALPHA));
            for (double[] polygon : bands(curves.get(i), percent)) {
                r.addAnnotation(new Band(polygon, fill), Layer.BACKGROUND);
            }
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        for (int k = 0; k < taskStartEpochs.length; k++) {
            // The boundary lies between the last epoch of one task and the first of the next.
            ValueMarker m = new ValueMarker(taskStartEpochs[k] - 0.5, Color.GRAY, ChartStyle.MARKER);
            m.setLabel(TASK + (k + 2));
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

    /** The words before a boundary's task number, left out where the whole label does not fit. */
    private static final String TASK = "task ";

    /**
     * Draws each task boundary's label as the room to the next boundary (or the plot's edge) allows:
     * {@code task 3}, else {@code 3}, else none. Decided when drawn, since only then is the room
     * known: ten tasks printed a column wide had run their labels into each other.
     */
    private static final class BoundaryLabels extends XYLineAndShapeRenderer {
        private static final long serialVersionUID = 1L;

        BoundaryLabels() {
            super(true, true);
        }

        @Override
        public void drawDomainMarker(Graphics2D g2, XYPlot plot, ValueAxis axis, Marker marker, Rectangle2D area) {
            if (!(marker instanceof ValueMarker m) || m.getLabel() == null) {
                super.drawDomainMarker(g2, plot, axis, marker, area);
                return;
            }
            double next = axis.getUpperBound();
            for (Object other : plot.getDomainMarkers(Layer.FOREGROUND)) {
                double v = ((ValueMarker) other).getValue();
                if (v > m.getValue() && v < next) {
                    next = v;
                }
            }
            RectangleEdge edge = plot.getDomainAxisEdge();
            double room = axis.valueToJava2D(next, area, edge) - axis.valueToJava2D(m.getValue(), area, edge)
                    - m.getLabelOffset().getLeft() - m.getLabelOffset().getRight();
            ValueMarker shown;
            try {
                shown = (ValueMarker) m.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("markers are cloneable", e);
            }
            shown.setLabel(fitted(m.getLabel(), room, m.getLabelFont()));
            super.drawDomainMarker(g2, plot, axis, shown, area);
        }

        /** The label, or its number alone, that fits {@code room}; null when neither does. */
        static String fitted(String label, double room, Font font) {
            if (ChartStyle.textWidth(label, font) <= room) {
                return label;
            }
            String number = label.substring(TASK.length());
            return ChartStyle.textWidth(number, font) <= room ? number : null;
        }
    }

    /**
     * The polygons of a curve's band: one per run of consecutive points that have a value and a
     * spread, along the upper edge and back along the lower one. The band stops at 0, below which
     * neither a loss nor an accuracy goes, and for percentages at 100.
     */
    static List<double[]> bands(Curve c, boolean percent) {
        List<double[]> out = new ArrayList<>();
        int n = c.values().length;
        int k = 0;
        while (k < n) {
            if (!hasBand(c, k)) {
                k++;
                continue;
            }
            int end = k;
            while (end < n && hasBand(c, end)) {
                end++;
            }
            if (end - k >= 2) {
                double[] polygon = new double[4 * (end - k)];
                int m = 0;
                for (int j = k; j < end; j++) {
                    polygon[m++] = c.epochs()[j];
                    double high = c.values()[j] + c.spread()[j];
                    polygon[m++] = percent ? Math.min(100, high) : high;
                }
                for (int j = end - 1; j >= k; j--) {
                    polygon[m++] = c.epochs()[j];
                    polygon[m++] = Math.max(0, c.values()[j] - c.spread()[j]);
                }
                out.add(polygon);
            }
            k = end;
        }
        return out;
    }

    private static boolean hasBand(Curve c, int k) {
        return !Double.isNaN(c.values()[k]) && !Double.isNaN(c.spread()[k]);
    }

    /**
     * A filled band that the axes' automatic range includes, so a band is never cut off. Its ranges
     * follow from the polygon, so the polygon annotation's equality holds for it.
     */
    private static final class Band extends XYPolygonAnnotation implements XYAnnotationBoundsInfo {
        private final Range xRange;
        private final Range yRange;

        Band(double[] polygon, Color fill) {
            super(polygon, null, null, fill);
            double xMin = Double.POSITIVE_INFINITY;
            double xMax = Double.NEGATIVE_INFINITY;
            double yMin = Double.POSITIVE_INFINITY;
            double yMax = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < polygon.length; k += 2) {
                xMin = Math.min(xMin, polygon[k]);
                xMax = Math.max(xMax, polygon[k]);
                yMin = Math.min(yMin, polygon[k + 1]);
                yMax = Math.max(yMax, polygon[k + 1]);
            }
            xRange = new Range(xMin, xMax);
            yRange = new Range(yMin, yMax);
        }

        @Override
        public boolean getIncludeInDataBounds() {
            return true;
        }

        @Override
        public Range getXRange() {
            return xRange;
        }

        @Override
        public Range getYRange() {
            return yRange;
        }
    }
}
