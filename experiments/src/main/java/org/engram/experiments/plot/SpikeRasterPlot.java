package org.engram.experiments.plot;

import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDotRenderer;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * A spike raster: one dot per spike at (time, neuron index).
 *
 * <p>Every spike becomes one SVG element, so for SVGs of reasonable size pass a window of at most
 * some 10^5 spikes.
 */
public final class SpikeRasterPlot {
    private SpikeRasterPlot() {
    }

    /**
     * Draws the figure.
     *
     * @param timesMs    spike times (ms), one per spike
     * @param neurons    neuron index of each spike, in [0, neuronCount)
     * @param neuronCount number of neurons shown (y range)
     * @param durationMs length of the window shown (ms), {@code > 0}; spikes at [0, durationMs]
     * @param title      figure title
     * @return the figure at the default size
     */
    public static Figure of(double[] timesMs, int[] neurons, int neuronCount, double durationMs, String title) {
        if (timesMs.length != neurons.length) {
            throw new IllegalArgumentException("spike raster: " + timesMs.length + " times but " + neurons.length
                    + " neuron indices");
        }
        if (!(durationMs > 0) || neuronCount <= 0) {
            throw new IllegalArgumentException("spike raster: need duration > 0 ms and neurons > 0, found "
                    + durationMs + " ms and " + neuronCount);
        }
        double[][] xy = new double[2][timesMs.length];
        for (int k = 0; k < timesMs.length; k++) {
            if (neurons[k] < 0 || neurons[k] >= neuronCount) {
                throw new IllegalArgumentException("spike " + k + ": neuron " + neurons[k] + " outside [0, "
                        + neuronCount + ")");
            }
            xy[0][k] = timesMs[k];
            xy[1][k] = neurons[k];
        }
        DefaultXYDataset data = new DefaultXYDataset();
        data.addSeries("spikes", xy);
        NumberAxis x = new NumberAxis("time (ms)");
        x.setRange(0, durationMs);
        NumberAxis y = new NumberAxis("neuron index");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        y.setRange(-0.5, neuronCount - 0.5);
        XYDotRenderer r = new XYDotRenderer();
        int dot = neuronCount > 300 ? 1 : neuronCount > 100 ? 2 : 3;
        r.setDotWidth(dot);
        r.setDotHeight(dot);
        r.setSeriesPaint(0, ChartStyle.color(6));
        XYPlot plot = new XYPlot(data, x, y, r);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, false);
        double meanRateHz = timesMs.length / (neuronCount * durationMs / 1000.0);
        ChartStyle.subtitle(chart, String.format(Locale.ROOT, "%d spikes from %d neurons in %s ms; mean rate %.2f Hz",
                timesMs.length, neuronCount, trim(durationMs), meanRateHz));
        return new Figure(ChartStyle.apply(chart), ChartStyle.WIDTH, ChartStyle.HEIGHT);
    }

    static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
