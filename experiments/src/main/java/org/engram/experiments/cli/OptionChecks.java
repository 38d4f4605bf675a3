package org.engram.experiments.cli;

import org.engram.simulator.ParameterException;

/** Range checks of command-line options: a value out of range is a user error naming the option. */
final class OptionChecks {
    private OptionChecks() {
    }

    /**
     * @param command the command, e.g. {@code "bench train"}
     * @param option  the option, e.g. {@code "--batch"}
     * @param value   its value
     * @param min     the smallest value allowed
     * @return the value
     */
    static int atLeast(String command, String option, int value, int min) {
        if (value < min) {
            throw new ParameterException(command, option, "an integer >= " + min, value);
        }
        return value;
    }

    /**
     * @param command the command
     * @param option  the option
     * @param value   its value
     * @return the value, a finite number {@code > 0}
     */
    static double positive(String command, String option, double value) {
        if (!(value > 0) || value == Double.POSITIVE_INFINITY) {
            throw new ParameterException(command, option, "a finite number > 0", value);
        }
        return value;
    }
}
