package org.engram.experiments.cli;

import java.io.PrintWriter;
import org.engram.simulator.ParameterException;

/**
 * Range checks of integer command-line options: a value out of range is a user error naming the
 * option. Real-valued options use {@link ParameterException#requirePositive} and its kin.
 */
final class OptionChecks {
    private OptionChecks() {
    }

    /**
     * Refuses a value below a bound.
     *
     * @param command the command, e.g. {@code "bench train"}
     * @param option  the option, e.g. {@code "--batch"}
     * @param value   its value
     * @param min     the smallest value allowed
     */
    static void atLeast(String command, String option, int value, int min) {
        if (value < min) {
            throw new ParameterException(command, option, "an integer >= " + min, value);
        }
    }

    /**
     * Refuses a value outside a range, both ends included.
     *
     * @param command the command, e.g. {@code "bench cuba"}
     * @param option  the option, e.g. {@code "--threads"}
     * @param value   its value
     * @param min     the smallest value allowed
     * @param max     the largest value allowed
     */
    static void between(String command, String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(command, option, "an integer in [" + min + ", " + max + "]", value);
        }
    }

    /**
     * Notes on standard error a count that asks for more samples than the data has, which then uses
     * all it has: it did so without a word, and the figures read as of the count asked for.
     *
     * @param err       where the note goes
     * @param command   the command, e.g. {@code "bench train"}
     * @param option    the option, e.g. {@code "--limit"}
     * @param asked     its value
     * @param available the samples the data has
     * @param what      what they are, e.g. {@code "training images"}
     */
    static void noteFewer(PrintWriter err, String command, String option, int asked, int available, String what) {
        if (asked > available) {
            err.println("engram " + command + ": note: " + option + " " + asked + " asks for more " + what
                    + " than the data has: its " + available + " are used");
            err.flush();
        }
    }
}
