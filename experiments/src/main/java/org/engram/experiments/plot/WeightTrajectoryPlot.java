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
 * either side (within the lowest and highest weight), and some synapses' own weights as thin lines.
 * A long recording is drawn at most {@link #MAX_DRAWN_SAMPLES} samples apart, evenly spaced, always
 * with its last.
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
     * The samples of a recording, read in place: the figure copies only the values it draws (at most
     * {@link #MAX_DRAWN_SAMPLES} samples of the mean, the band and {@link #MAX_DRAWN_SYNAPSES} synapses).
     */
    public interface Samples {
        /** {@return how many samples were taken} */
        int count();

        /**
         * {@return the time of a sample (ms), ascending with {@code s}}
         *
         * @param s the sample, in {@code [0, count())}
         */
        double timeMs(int s);

        /**
         * {@return the mean weight at a sample, in the weight unit}
         *
         * @param s the sample
         */
        double mean(int s);

        /**
         * {@return the standard deviation of the weights at a sample}
         *
         * @param s the sample
         */
        double sd(int s);

        /**
         * {@return the lowest weight at a sample}
         *
         * @param s the sample
         */
        double min(int s);

        /**
         * {@return the highest weight at a sample}
         *
         * @param s the sample
         */
        double max(int s);

        /** {@return how many synapses' own weights were kept} */
        int synapseCount();

        /**
         * {@return a kept synapse's legend entry, e.g. {@code synapse 7 (0->3)}}
         *
         * @param k the synapse's place among those kept
         */
        String label(int k);

        /**
         * {@return a kept synapse's weight at a sample}
         *
         * @param k the synapse's place among those kept
         * @param s the sample
         */
        double weight(int k, int s);
    }

    /**
     * Draws the figure. The band of one standard deviation either side of the mean is clipped to the
     * lowest and highest weight at each sample: the weights' spread, not a distribution past the rule's
     * bounds (a mean near {@code w_min} with a wide sd would show weights below it).
     *
     * @param samples the samples, at least two
     * @param yLabel  the axis label with the weights' unit, e.g. {@code weight (mV)}
     * @param title   figure title
     * @return the figure at the default size
     */
    public static Figure of(Samples samples, String yLabel, String title) {
        int n = samples.count();
        if (n < 2) {
            throw new IllegalArgumentException("weight trajectory: need at least two samples, found " + n);
        }
        int stride = (n + MAX_DRAWN_SAMPLES - 1) / MAX_DRAWN_SAMPLES;
        List<Integer> drawn = new ArrayList<>();
        for (int s = 0; s < n; s += stride) {
            drawn.add(s);
        }
        if (drawn.get(drawn.size() - 1) != n - 1) {
            drawn.add(n - 1);
        }
        TimeAxis time = TimeAxis.ending(samples.timeMs(n - 1));
        YIntervalSeries band = new YIntervalSeries("mean \u00B1 sd of all synapses (within their min and max)",
                false, true);
        for (int s : drawn) {
            double m = samples.mean(s);
            band.add(time.of(samples.timeMs(s)), m, Math.max(m - samples.sd(s), samples.min(s)),
                    Math.min(m + samples.sd(s), samples.max(s)));
        }
        YIntervalSeriesCollection bandData = new YIntervalSeriesCollection();
        bandData.addSeries(band);
        DeviationRenderer bandRenderer = new DeviationRenderer(true, false);
        Color c = ChartStyle.color(0);
        bandRenderer.setSeriesPaint(0, c);
        bandRenderer.setSeriesFillPaint(0, c);
        bandRenderer.setSeriesStroke(0, ChartStyle.LINE);
        bandRenderer.setAlpha(BAND_ALPHA);
        NumberAxis x = time.axis(samples.timeMs(0), samples.timeMs(n - 1));
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(bandData, x, y, bandRenderer);
        int shown = Math.min(samples.synapseCount(), MAX_DRAWN_SYNAPSES);
        if (shown > 0) {
            XYSeriesCollection lines = new XYSeriesCollection();
            XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
            for (int k = 0; k < shown; k++) {
                XYSeries line = new XYSeries(samples.label(k), false, true);
                for (int s : drawn) {
                    line.add(time.of(samples.timeMs(s)), samples.weight(k, s));
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
        String sampled = stride > 1 ? String.format(Locale.ROOT, "%d samples, every %d%s drawn", n, stride,
                ordinalSuffix(stride)) : n + " samples";
        String cut = samples.synapseCount() > shown ? String.format(Locale.ROOT, "; lines for the first %d of the %d "
                + "synapses listed", shown, samples.synapseCount()) : "";
        ChartStyle.subtitle(chart, sampled + cut);
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
