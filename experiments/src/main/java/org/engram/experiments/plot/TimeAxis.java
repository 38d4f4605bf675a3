package org.engram.experiments.plot;

import org.jfree.chart.axis.NumberAxis;

/**
 * The time axis of a simulation's figure: in ms, or in s from {@link #SECONDS_FROM_MS} on, where
 * tick labels in ms (1,000,000) grow too wide for the plot's edge.
 *
 * @param unitMs the ms in one unit of the axis: 1 or 1000
 * @param label  the axis label with its unit
 */
record TimeAxis(double unitMs, String label) {
    /** The end time, in ms, from which an axis counts in seconds. */
    static final double SECONDS_FROM_MS = 10_000;

    /**
     * The axis for a window ending at a time.
     *
     * @param endMs the end of the window shown (ms)
     * @return the axis's unit and label
     */
    static TimeAxis ending(double endMs) {
        return endMs >= SECONDS_FROM_MS ? new TimeAxis(1000, "time (s)") : new TimeAxis(1, "time (ms)");
    }

    /**
     * @param ms a time in ms
     * @return the time in the axis's unit
     */
    double of(double ms) {
        return ms / unitMs;
    }

    /**
     * A JFreeChart axis over a window.
     *
     * @param fromMs the start of the window (ms)
     * @param toMs   its end (ms)
     * @return the axis, labelled, over the window in its unit
     */
    NumberAxis axis(double fromMs, double toMs) {
        NumberAxis x = new NumberAxis(label);
        x.setRange(of(fromMs), of(toMs));
        return x;
    }
}
