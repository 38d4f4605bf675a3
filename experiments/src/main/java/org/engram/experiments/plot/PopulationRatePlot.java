package org.engram.experiments.plot;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;

import org.engram.simulator.Plural;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The population firing rate over time: spikes per neuron per second in consecutive time bins,
 * drawn as a step line. A long run's bins are drawn merged, at most {@link #MAX_DRAWN_BINS} steps.
 */
public final class PopulationRatePlot {
    /**
     * The most steps drawn, about one per pixel of the plot's width. More would not show, and each
     * is an element of the SVG and PDF: 1,000 s in 1 ms bins made figures of hundreds of megabytes.
     */
    public static final int MAX_DRAWN_BINS = 1_000;

    private PopulationRatePlot() {
    }

    /**
     * Draws the figure from binned rates, e.g. those of a {@code RateMonitor}. When there are more
     * than {@link #MAX_DRAWN_BINS} bins, each drawn step is the rate of as many consecutive bins
     * together (their spikes over their time), which the subtitle states.
     *
     * @param rates      the rate of each bin in Hz; bin {@code k} starts at {@code k * binMs}
     * @param neurons    population size, {@code > 0}
     * @param durationMs window length (ms), {@code > 0}; the last bin may be shorter
     * @param binMs      bin width (ms), {@code > 0}
     * @param title      figure title
     * @return the figure at the default size
     */
    public static Figure of(double[] rates, int neurons, double durationMs, double binMs, String title) {
        return of(rates, neurons, 0, durationMs, binMs, title);
    }

    /**
     * Draws the figure from binned rates that start at {@code fromMs}, e.g. those of a
     * {@code RateMonitor} added during a run, as {@link #of(double[], int, double, double, String)} does.
     *
     * @param rates  the rate of each bin in Hz; bin {@code k} starts at {@code fromMs + k * binMs}
     * @param neurons population size, {@code > 0}
     * @param fromMs where the first bin starts (ms), {@code >= 0}
     * @param toMs   where the last bin ends (ms), {@code > fromMs}; the last bin may be shorter
     * @param binMs  bin width (ms), {@code > 0}
     * @param title  figure title
     * @return the figure at the default size
     */
    public static Figure of(double[] rates, int neurons, double fromMs, double toMs, double binMs, String title) {
        return of(rates.length, b -> rates[b], neurons, fromMs, toMs, binMs, title);
    }

    /**
     * Draws the figure from binned rates read one by one where they are kept, e.g. from a {@code RateMonitor}
     * whose bins fill much of the heap, as {@link #of(double[], int, double, double, double, String)} does; the
     * figure keeps only the steps it draws.
     *
     * @param bins    the number of bins, {@code > 0}
     * @param rateHz  the rate of bin {@code k} in Hz, for {@code k} from 0 to {@code bins - 1}; bin {@code k}
     *                starts at {@code fromMs + k * binMs}
     * @param neurons population size, {@code > 0}
     * @param fromMs  where the first bin starts (ms), {@code >= 0}
     * @param toMs    where the last bin ends (ms), {@code > fromMs}; the last bin may be shorter
     * @param binMs   bin width (ms), {@code > 0}
     * @param title   figure title
     * @return the figure at the default size
     */
    public static Figure of(int bins, IntToDoubleFunction rateHz, int neurons, double fromMs, double toMs,
                            double binMs, String title) {
        double durationMs = toMs - fromMs;
        if (bins <= 0 || neurons <= 0 || !(fromMs >= 0) || !(durationMs > 0) || !(binMs > 0)) {
            throw new IllegalArgumentException("population rate: need rates, neurons > 0, 0 <= start < end, bin > 0 "
                    + "ms; found " + bins + " bins, " + neurons + ", " + fromMs + " to " + toMs + " ms, "
                    + binMs + " ms");
        }
        int merged = (bins + MAX_DRAWN_BINS - 1) / MAX_DRAWN_BINS;
        TimeAxis time = TimeAxis.ending(toMs);
        XYSeries s = new XYSeries("rate", false, true);
        double total = 0;
        double level = 0;
        for (int first = 0; first < bins; first += merged) {
            double spikes = 0;
            double width = 0;
            for (int k = first; k < Math.min(bins, first + merged); k++) {
                double w = Math.max(0, Math.min(binMs, durationMs - k * binMs));
                spikes += rateHz.applyAsDouble(k) * w;
                width += w;
            }
            total += spikes;
            level = width > 0 ? spikes / width : rateHz.applyAsDouble(first);
            s.add(time.of(fromMs + first * binMs), level);
        }
        // The step renderer draws a level up to the next point, so repeat the last level at the end.
        s.add(time.of(toMs), level);
        NumberAxis x = time.axis(fromMs, toMs);
        NumberAxis y = new NumberAxis("mean rate per neuron (Hz)");
        y.setAutoRangeIncludesZero(true);
        XYStepRenderer r = new XYStepRenderer();
        r.setSeriesPaint(0, ChartStyle.color(0));
        r.setSeriesStroke(0, ChartStyle.LINE);
        XYPlot plot = new XYPlot(new XYSeriesCollection(s), x, y, r);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, false);
        String binWidths = SpikeRasterPlot.trim(binMs) + " ms bins"
                + (merged > 1 ? " drawn merged into " + BigDecimal.valueOf(binMs).multiply(BigDecimal.valueOf(merged))
                .stripTrailingZeros().toPlainString() + " ms" : "");
        ChartStyle.subtitle(chart, String.format(Locale.ROOT, "%s, %s; mean rate %.2f Hz",
                Plural.count(neurons, "neuron"), binWidths, total / durationMs));
        return new Figure(ChartStyle.apply(chart), ChartStyle.WIDTH, ChartStyle.HEIGHT);
    }
}
