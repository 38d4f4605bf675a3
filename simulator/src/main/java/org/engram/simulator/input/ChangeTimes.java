package org.engram.simulator.input;

import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;

/**
 * The change times of a piecewise-constant input (a current's amplitudes, a Poisson input's
 * rates): one value per change time, each in force from its time until the next.
 */
final class ChangeTimes {
    private ChangeTimes() {
    }

    /**
     * Checks the shape of a schedule and the order of its times.
     *
     * @param owner     the input, for messages
     * @param timesMs   change times in ms: at least one, {@code >= 0}, strictly increasing
     * @param values    one value per change time
     * @param valuesKey the values' name in messages, e.g. {@code amplitudes_pa}
     * @param value     what one value is, for messages, e.g. {@code amplitude}
     * @throws ParameterException naming the first array or element that breaks a rule
     */
    static void requireSchedule(String owner, double[] timesMs, double[] values, String valuesKey, String value) {
        if (timesMs == null || values == null) {
            throw new ParameterException(owner, timesMs == null ? "times_ms" : valuesKey, "an array (one "
                    + "change time and one " + value + " per change)", "null");
        }
        if (timesMs.length == 0) {
            throw new ParameterException(owner, "times_ms", "at least one change time", "none");
        }
        if (timesMs.length != values.length) {
            throw new ParameterException(owner, valuesKey, "one " + value + " per change time (" + timesMs.length
                    + " times)", values.length);
        }
        for (int k = 0; k < timesMs.length; k++) {
            ParameterException.requireNonNegative(owner, "times_ms[" + k + "]", timesMs[k], "ms");
            if (k > 0 && !(timesMs[k] > timesMs[k - 1])) {
                throw new ParameterException(owner, "times_ms[" + k + "]", "a time > times_ms[" + (k - 1) + "] = "
                        + timesMs[k - 1] + " (ms)", timesMs[k]);
            }
        }
    }

    /**
     * The change times as steps of a time grid.
     *
     * @param grid    the grid
     * @param owner   the input, for messages
     * @param timesMs the change times in ms
     * @return the step at which each value takes over
     * @throws ParameterException naming the change time that is not a whole number of steps, or on
     *                            the step of the one before
     */
    static int[] steps(TimeGrid grid, String owner, double[] timesMs) {
        int[] steps = new int[timesMs.length];
        for (int k = 0; k < steps.length; k++) {
            steps[k] = grid.wholeSteps(owner, "times_ms[" + k + "]", timesMs[k]);
            if (k > 0 && steps[k] == steps[k - 1]) {
                // Two times that round to one step: grid mode would apply the first value for that step
                // and precise mode the second, or neither.
                throw new ParameterException(owner, "times_ms[" + k + "]", "a time at least one step (dt = "
                        + grid.dtMs() + " ms) after times_ms[" + (k - 1) + "] = " + timesMs[k - 1], timesMs[k], null,
                        TimeGrid.DT);
            }
        }
        return steps;
    }
}
