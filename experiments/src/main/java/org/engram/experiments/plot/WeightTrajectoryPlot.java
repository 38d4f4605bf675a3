package org.engram.experiments.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The weights of a plastic projection over time: their mean with a band of one standard deviation
 * either side, and some synapses' own weights as thin lines. A long recording is drawn at most
 * {@link #MAX_DRAWN_SAMPLES} samples apart, evenly spaced, always with its last.
 */
public final class WeightTrajectoryPlot {
    /** The most samples drawn, about one per pixel of the plot's width (see {@link PopulationRatePlot}). */
    public static final int MAX_DRAWN_SAMPLES = 1_000;
    /** The most synapses drawn as lines: more would hide one another and the mean. */
    public static final int MAX_DRAWN_SYNAPSES = 10;
    /** Opacity of the band, light enough that the synapses' lines show through. */
    private static final float BAND_ALPHA = 0.25f;
    private static final BasicStroke THIN = new BasicStroke(1.0f);
    private static final BasicStroke THIN_DASHED = new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            1f, new float[] {4f, 3f}, 0f);
    /** The series colours a synapse's line takes: all but the first, the mean's. */
    private static final int LINE_COLOURS = 7;

    private WeightTrajectoryPlot() {
    }

    /**
     * One synapse's weight over time.
     *
     * @param label   legend entry, e.g. {@code synapse 7 (0->3)}
     * @param weights its weight at each sample
     */
    public record Synapse(String label, double[] weights) {
        /** Copies the weights. */
        public Synapse {
            weights = weights.clone();
        }
    }

    /**
     * Draws the figure.
     *
     * @param timesMs   the time of each sample (ms), ascending, at least two
     * @param mean      the mean weight at each sample, in the weight unit
     * @param sd        the standard deviation of the weights at each sample
     * @param synapses  synapses drawn as lines (the first {@link #MAX_DRAWN_SYNAPSES}), each with a weight per sample
     * @param yLabel    the axis label with the weights' unit, e.g. {@code weight (mV)}
     * @param title     figure title
     * @return the figure at the default size
     */
    public static Figure of(double[] timesMs, double[] mean, double[] sd, List<Synapse> synapses, String yLabel,
                            String title) {
        int n = timesMs.length;
        if (n < 2 || mean.length != n || sd.length != n || synapses.stream().anyMatch(s -> s.weights().length != n)) {
            throw new IllegalArgumentException("weight trajectory: need at least two samples and one value of each "
                    + "series per sample; found " + n + " times, " + mean.length + " means, " + sd.length + " sds");
        }
        int stride = (n + MAX_DRAWN_SAMPLES - 1) / MAX_DRAWN_SAMPLES;
        List<Integer> drawn = new ArrayList<>();
        for (int s = 0; s < n; s += stride) {
            drawn.add(s);
        }
        if (drawn.get(drawn.size() - 1) != n - 1) {
            drawn.add(n - 1);
        }
        TimeAxis time = TimeAxis.ending(timesMs[n - 1]);
        YIntervalSeries band = new YIntervalSeries("mean \u00B1 sd of all synapses", false, true);
        for (int s : drawn) {
            band.add(time.of(timesMs[s]), mean[s], mean[s] - sd[s], mean[s] + sd[s]);
        }
        YIntervalSeriesCollection bandData = new YIntervalSeriesCollection();
        bandData.addSeries(band);
        DeviationRenderer bandRenderer = new DeviationRenderer(true, false);
        Color c = ChartStyle.color(0);
        bandRenderer.setSeriesPaint(0, c);
        bandRenderer.setSeriesFillPaint(0, c);
        bandRenderer.setSeriesStroke(0, ChartStyle.LINE);
        bandRenderer.setAlpha(BAND_ALPHA);
        NumberAxis x = time.axis(timesMs[0], timesMs[n - 1]);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(bandData, x, y, bandRenderer);
        int shown = Math.min(synapses.size(), MAX_DRAWN_SYNAPSES);
        if (shown > 0) {
            XYSeriesCollection lines = new XYSeriesCollection();
            XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
            for (int k = 0; k < shown; k++) {
                XYSeries line = new XYSeries(synapses.get(k).label(), false, true);
                for (int s : drawn) {
                    line.add(time.of(timesMs[s]), synapses.get(k).weights()[s]);
                }
                lines.addSeries(line);
                // The colours after the mean's, then again dashed: none is taken for the mean.
                lineRenderer.setSeriesPaint(k, ChartStyle.color(1 + k % LINE_COLOURS));
                lineRenderer.setSeriesStroke(k, k < LINE_COLOURS ? THIN : THIN_DASHED);
            }
            plot.setDataset(1, lines);
            plot.setRenderer(1, lineRenderer);
        }
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        chart.getLegend().setPosition(shown > 4 ? RectangleEdge.RIGHT : RectangleEdge.BOTTOM);
        String samples = stride > 1 ? String.format(Locale.ROOT, "%d samples, every %d%s drawn", n, stride,
                ordinalSuffix(stride)) : n + " samples";
        String cut = synapses.size() > shown ? String.format(Locale.ROOT, "; lines for the first %d of the %d "
                + "synapses listed", shown, synapses.size()) : "";
        ChartStyle.subtitle(chart, samples + cut);
        return new Figure(ChartStyle.apply(chart), ChartStyle.WIDTH, ChartStyle.HEIGHT);
    }

    /** The suffix of an ordinal number: 2nd, 3rd, 11th, 21st. */
    private static String ordinalSuffix(int k) {
        if (k % 100 >= 11 && k % 100 <= 13) {
            return "th";
        }
        return switch (k % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }
}
