package org.engram.experiments.plot;

import java.math.BigDecimal;
import java.util.Locale;
import org.engram.experiments.metrics.MetricFormat;
import org.engram.simulator.Plural;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDotRenderer;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * A spike raster: one dot per spike at (time, neuron index).
 *
 * <p>Every spike becomes one element of the SVG and PDF, and dots closer than their size merge
 * into lines: {@link #windowStartMs} finds the end of a run that can be drawn, at most
 * {@link #MAX_DOTS} dots and on average one per two dot widths along a neuron's row. A figure holds
 * no more than {@link #MAX_DOTS} dots, and reads a long train in place ({@link Spikes}) rather than copying it.
 */
public final class SpikeRasterPlot {
    /** The most dots a raster should draw, each some 100 bytes of SVG. */
    public static final int MAX_DOTS = 50_000;
    /** The width of the plot area at the default size, in pixels. */
    private static final int ROW_PIXELS = 800;

    /** Window lengths tried, times a power of ten ms, longest first. */
    private static final int[] WINDOW_MULTIPLES = {5, 2, 1};
    /** The shortest window tried is 10^this ms, a microsecond. */
    private static final int SHORTEST_WINDOW_EXPONENT = -3;

    private SpikeRasterPlot() {
    }

    /**
     * Spikes read one by one where they are kept, e.g. by a spike recorder whose train fills much of the heap,
     * so that a raster copies only the spikes it draws.
     */
    public interface Spikes {
        /** {@return the number of spikes} */
        int count();

        /**
         * @param k the spike, from 0 to {@link #count()} - 1, in ascending order of time
         * @return its time (ms)
         */
        double timeMs(int k);

        /**
         * @param k the spike, from 0 to {@link #count()} - 1
         * @return its neuron's index, {@code >= 0}
         */
        int neuron(int k);
    }

    /**
     * Draws the figure of a window {@code [fromMs, toMs]}.
     *
     * @param timesMs     spike times (ms), one per spike, in the window
     * @param neurons     neuron index of each spike, in [0, neuronCount)
     * @param neuronCount number of neurons shown (y range)
     * @param fromMs      start of the window (ms), {@code >= 0}
     * @param toMs        end of the window (ms), {@code > fromMs}
     * @param title       figure title
     * @return the figure at the default size
     */
    public static Figure of(double[] timesMs, int[] neurons, int neuronCount, double fromMs, double toMs,
                            String title) {
        if (timesMs.length != neurons.length) {
            throw new IllegalArgumentException("spike raster: " + timesMs.length + " times but " + neurons.length
                    + " neuron indices");
        }
        for (int k = 0; k < neurons.length; k++) {
            if (neurons[k] < 0 || neurons[k] >= neuronCount) {
                throw new IllegalArgumentException("spike " + k + ": neuron " + neurons[k] + " outside [0, "
                        + neuronCount + ")");
            }
        }
        return of(arrays(timesMs, neurons), neuronCount, fromMs, toMs, title);
    }

    /**
     * Draws the figure of a window {@code [fromMs, toMs]} of a train: its spikes at or after {@code fromMs} of
     * the neurons below {@code neuronCount}, at most {@link #MAX_DOTS} of them, the last ones (which the subtitle
     * says when it leaves some out), so that the figure's data stays small however long the train.
     *
     * @param spikes      the train, its times ascending up to {@code toMs}
     * @param neuronCount number of neurons shown (y range), the first ones; the others' spikes are not drawn
     * @param fromMs      start of the window (ms), {@code >= 0}
     * @param toMs        end of the window (ms), {@code > fromMs}
     * @param title       figure title
     * @return the figure at the default size
     */
    public static Figure of(Spikes spikes, int neuronCount, double fromMs, double toMs, String title) {
        if (!(fromMs >= 0 && toMs > fromMs && toMs < Double.POSITIVE_INFINITY) || neuronCount <= 0) {
            throw new IllegalArgumentException("spike raster: need a window 0 <= from < to ms and neurons > 0, found "
                    + fromMs + " to " + toMs + " ms and " + neuronCount);
        }
        int inWindow = 0;
        for (int k = 0; k < spikes.count(); k++) {
            inWindow += shown(spikes, k, neuronCount, fromMs) ? 1 : 0;
        }
        int drawn = Math.min(inWindow, MAX_DOTS);
        TimeAxis time = TimeAxis.ending(toMs);
        double[][] xy = new double[2][drawn];
        // The window's first spikes beyond the most dots drawn are left out.
        int leftOut = inWindow - drawn;
        for (int k = 0, seen = 0; k < spikes.count(); k++) {
            if (shown(spikes, k, neuronCount, fromMs)) {
                if (seen >= leftOut) {
                    xy[0][seen - leftOut] = time.of(spikes.timeMs(k));
                    xy[1][seen - leftOut] = spikes.neuron(k);
                }
                seen++;
            }
        }
        DefaultXYDataset data = new DefaultXYDataset();
        data.addSeries("spikes", xy);
        NumberAxis x = time.axis(fromMs, toMs);
        NumberAxis y = new NumberAxis("neuron index");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        y.setRange(-0.5, neuronCount - 0.5);
        XYDotRenderer r = new XYDotRenderer();
        int dot = dotPixels(neuronCount);
        r.setDotWidth(dot);
        r.setDotHeight(dot);
        r.setSeriesPaint(0, ChartStyle.color(6));
        XYPlot plot = new XYPlot(data, x, y, r);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, false);
        double meanRateHz = inWindow / (neuronCount * (toMs - fromMs) / 1000.0);
        String window = fromMs == 0 ? trim(toMs) + " ms" : "the " + trim(toMs - fromMs) + " ms from " + trim(fromMs)
                + " to " + trim(toMs) + " ms";
        ChartStyle.subtitle(chart, String.format(Locale.ROOT, "%s from %s in %s; mean rate %.2f Hz%s",
                Plural.count(inWindow, "spike"), Plural.count(neuronCount, "neuron"), window, meanRateHz,
                drawn < inWindow ? "; the last " + drawn + " drawn" : ""));
        return new Figure(ChartStyle.apply(chart), ChartStyle.WIDTH, ChartStyle.HEIGHT);
    }

    /** Whether spike {@code k} is drawn in a window from {@code fromMs}: of a neuron shown, at or after the start. */
    private static boolean shown(Spikes spikes, int k, int neuronCount, double fromMs) {
        int neuron = spikes.neuron(k);
        if (neuron < 0) {
            throw new IllegalArgumentException("spike " + k + ": neuron " + neuron + " is negative");
        }
        return neuron < neuronCount && spikes.timeMs(k) >= fromMs;
    }

    /**
     * The start of the window a raster of a run shows, as {@link #windowStartMs(Spikes, int, double)} finds it
     * for spikes that are all shown.
     *
     * @param timesMs     the spike times in ascending order, each in {@code [0, durationMs]}
     * @param neuronCount the number of neurons shown, {@code > 0}
     * @param durationMs  the run's length (ms), {@code > 0}
     * @return the window's start (ms); spikes at or after it are in the window
     */
    public static double windowStartMs(double[] timesMs, int neuronCount, double durationMs) {
        return windowStartMs(arrays(timesMs, new int[timesMs.length]), neuronCount, durationMs);
    }

    /**
     * The start of the window a raster of a run shows: 0 when the whole run can be drawn, else that
     * of its longest end of 1, 2 or 5 times a power of ten ms that can (the end of a run, past its
     * start's transient). A window can be drawn when it holds at most {@link #MAX_DOTS} spikes and
     * on average one per two dot widths along a neuron's row.
     *
     * @param spikes      the train, its times ascending, each in {@code [0, durationMs]}
     * @param neuronCount the number of neurons shown, the first ones, {@code > 0}; only their spikes count
     * @param durationMs  the run's length (ms), {@code > 0}
     * @return the window's start (ms); spikes at or after it are in the window
     */
    public static double windowStartMs(Spikes spikes, int neuronCount, double durationMs) {
        for (int k = 1; k < spikes.count(); k++) {
            if (spikes.timeMs(k) < spikes.timeMs(k - 1)) {
                throw new IllegalArgumentException("spike raster: times must ascend, found " + spikes.timeMs(k - 1)
                        + " ms before " + spikes.timeMs(k) + " ms");
            }
        }
        long dots = Math.min(MAX_DOTS, (long) neuronCount * ROW_PIXELS / (2 * dotPixels(neuronCount)));
        // A window holds few enough spikes when it starts after the last shown spike but `dots` ones.
        double lastLeftOutMs = Double.NaN;
        for (int k = spikes.count() - 1, after = 0; k >= 0; k--) {
            if (spikes.neuron(k) < neuronCount && ++after > dots) {
                lastLeftOutMs = spikes.timeMs(k);
                break;
            }
        }
        if (Double.isNaN(lastLeftOutMs)) {
            return 0;
        }
        // From the longest such length below the run's down: the first that holds few enough spikes.
        double start = 0;
        for (int exponent = (int) Math.floor(Math.log10(durationMs)); exponent >= SHORTEST_WINDOW_EXPONENT;
             exponent--) {
            for (int multiple : WINDOW_MULTIPLES) {
                // In decimal: 2500.7 - 2000 is 500.7, not 500.6999999999998.
                start = BigDecimal.valueOf(durationMs)
                        .subtract(BigDecimal.valueOf(multiple).scaleByPowerOfTen(exponent))
                        .doubleValue();
                if (start > 0 && start > lastLeftOutMs) {
                    return start;
                }
            }
        }
        // More spikes than that in the last microsecond: the window of a microsecond all the same.
        return Math.max(0, start);
    }

    /** Spikes held in two arrays of the same length, times ascending for a window. */
    static Spikes arrays(double[] timesMs, int[] neurons) {
        return new Spikes() {
            @Override
            public int count() {
                return timesMs.length;
            }

            @Override
            public double timeMs(int k) {
                return timesMs[k];
            }

            @Override
            public int neuron(int k) {
                return neurons[k];
            }
        };
    }

    /** The side of a dot in pixels: smaller as more rows share the plot's height. */
    private static int dotPixels(int neuronCount) {
        return neuronCount > 300 ? 1 : neuronCount > 100 ? 2 : 3;
    }

    /**
     * A time for a subtitle: as written to nine decimals (the spike files' precision), so a
     * difference such as 203.7 - 50.3 reads 153.4, not 153.39999999999998.
     */
    static String trim(double v) {
        return MetricFormat.asWritten(Math.round(v * 1e9) / 1e9);
    }
}
