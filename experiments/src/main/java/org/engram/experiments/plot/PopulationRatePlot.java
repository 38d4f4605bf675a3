package org.engram.experiments.plot;

import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The population firing rate over time: spikes per neuron per second in consecutive time bins,
 * drawn as a step line.
 */
public final class PopulationRatePlot {
    private PopulationRatePlot() {
    }

    /**
     * The rate in each bin: {@code count / (neurons * width_s)}. Bins are {@code [k b, (k+1) b)};
     * the last one ends at {@code durationMs} and may be shorter, and takes the spikes at exactly
     * {@code durationMs}. Spikes outside {@code [0, durationMs]} are not counted.
     *
     * @param timesMs    spike times (ms)
     * @param neurons    population size, {@code > 0}
     * @param durationMs window length (ms), {@code > 0}
     * @param binMs      bin width (ms), {@code > 0}
     * @return one rate (Hz) per bin, {@code ceil(durationMs / binMs)} bins
     */
    public static double[] ratesHz(double[] timesMs, int neurons, double durationMs, double binMs) {
        if (neurons <= 0 || !(durationMs > 0) || !(binMs > 0)) {
            throw new IllegalArgumentException("population rate: need neurons > 0, duration > 0 ms, bin > 0 ms; found "
                    + neurons + ", " + durationMs + " ms, " + binMs + " ms");
        }
        int bins = (int) Math.ceil(durationMs / binMs);
        double[] counts = new double[bins];
        for (double t : timesMs) {
            if (t >= 0 && t <= durationMs) {
                counts[Math.min(bins - 1, (int) (t / binMs))]++;
            }
        }
        double[] rates = new double[bins];
        for (int k = 0; k < bins; k++) {
            double widthMs = Math.min(binMs, durationMs - k * binMs);
            rates[k] = counts[k] / (neurons * widthMs / 1000.0);
        }
        return rates;
    }

    /**
     * Draws the figure.
     *
     * @param timesMs    spike times of the population (ms)
     * @param neurons    population size, {@code > 0}
     * @param durationMs window length (ms), {@code > 0}
     * @param binMs      bin width (ms), {@code > 0}
     * @param title      figure title
     * @return the figure at the default size
     */
    public static Figure of(double[] timesMs, int neurons, double durationMs, double binMs, String title) {
        double[] rates = ratesHz(timesMs, neurons, durationMs, binMs);
        XYSeries s = new XYSeries("rate", false, true);
        double total = 0;
        for (int k = 0; k < rates.length; k++) {
            s.add(k * binMs, rates[k]);
            total += rates[k] * Math.min(binMs, durationMs - k * binMs);
        }
        // The step renderer draws a level up to the next point, so repeat the last level at the end.
        s.add(durationMs, rates[rates.length - 1]);
        NumberAxis x = new NumberAxis("time (ms)");
        x.setRange(0, durationMs);
        NumberAxis y = new NumberAxis("population rate (Hz per neuron)");
        y.setAutoRangeIncludesZero(true);
        XYStepRenderer r = new XYStepRenderer();
        r.setSeriesPaint(0, ChartStyle.color(0));
        r.setSeriesStroke(0, ChartStyle.LINE);
        XYPlot plot = new XYPlot(new XYSeriesCollection(s), x, y, r);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, false);
        ChartStyle.subtitle(chart, String.format(Locale.ROOT, "%d neurons, %s ms bins; mean rate %.2f Hz", neurons,
                SpikeRasterPlot.trim(binMs), total / durationMs));
        return new Figure(ChartStyle.apply(chart), ChartStyle.WIDTH, ChartStyle.HEIGHT);
    }
}
