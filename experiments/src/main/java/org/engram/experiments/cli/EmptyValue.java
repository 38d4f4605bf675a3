package org.engram.experiments.cli;

import org.engram.experiments.config.ConfigException;
import picocli.CommandLine;

/**
 * Refuses an option's empty value in the words of an empty text, as a shell variable that is not set
 * gives one: for an option of one value, where a list's words (an empty item) would not apply; and
 * an option's value that is none of its words, an empty one in the same words.
 */
final class EmptyValue {
    private EmptyValue() {
    }

    /**
     * Refuses an empty value.
     *
     * @param value the option's value
     * @param what  what the option takes, e.g. {@code "a seed"}
     * @throws CommandLine.TypeConversionException if the value is empty
     */
    static void refuse(String value, String what) {
        if (value.isEmpty()) {
            throw notOneOf(value, what);
        }
    }

    /**
     * The refusal of a value that is none of the words an option takes, an empty one in the words of
     * {@link #refuse}.
     *
     * @param value the option's value
     * @param words the words it takes, e.g. {@code "grid or precise"}
     * @return the refusal, to throw
     */
    static CommandLine.TypeConversionException notOneOf(String value, String words) {
        return new CommandLine.TypeConversionException("expected " + words + ", found " + (value.isEmpty()
                ? ConfigException.EMPTY_TEXT + " (a shell variable that is not set gives one)" : "'" + value + "'"));
    }
}
