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
     * Draws the figure from binned rates, e.g. those of a {@code RateMonitor}.
     *
     * @param rates      the rate of each bin in Hz; bin {@code k} starts at {@code k * binMs}
     * @param neurons    population size, {@code > 0}
     * @param durationMs window length (ms), {@code > 0}; the last bin may be shorter
     * @param binMs      bin width (ms), {@code > 0}
     * @param title      figure title
     * @return the figure at the default size
     */
    public static Figure of(double[] rates, int neurons, double durationMs, double binMs, String title) {
        if (rates.length == 0 || neurons <= 0 || !(durationMs > 0) || !(binMs > 0)) {
            throw new IllegalArgumentException("population rate: need rates, neurons > 0, duration > 0 ms, bin > 0 ms; "
                    + "found " + rates.length + " bins, " + neurons + ", " + durationMs + " ms, " + binMs + " ms");
        }
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
