package org.engram.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A user error: bad configuration, data file, parameter or command-line value.
 *
 * <p>Every error in what a user gives Engram (a config, a data file, a parameter, a command-line
 * value) is of this type or a subclass, so the command line can print its message without a
 * stack trace; so are null or out-of-range arguments of the library's methods
 * ({@link ParameterException}). Calls out of an object's lifecycle or ownership (running a closed
 * engine, building twice, giving a builder a population of another builder) are an
 * {@link IllegalStateException} or {@link IllegalArgumentException}, as in the JDK. The message
 * has the shape
 * {@code <source>: <location>: expected <rule>, found <value>[; hint]} where the parts that are
 * unknown are left out. Broken invariants (bugs) are never reported with this type.
 */
public class EngramException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The file, object or command that held the bad value, or null. */
    private final String source;
    /** The key path, parameter or line, or null. */
    private final String location;
    /** The rule the value had to satisfy, or null for a free-form message. */
    private final String expected;
    /** The value found, or null for a free-form message. */
    private final String found;
    /** A suggestion, or null. */
    private final String hint;
    /** The other parameter the rule is stated against, or null. */
    private final String comparedWith;

    /**
     * Creates a user error from its parts.
     *
     * @param source   the file, object or command that held the bad value, or {@code null}
     * @param location the key path, parameter name or line, or {@code null}
     * @param expected the rule the value had to satisfy
     * @param found    the value that was found, as the user wrote it
     * @param hint     an optional suggestion (for example a valid key), or {@code null}
     */
    public EngramException(String source, String location, String expected, String found, String hint) {
        this(source, location, expected, found, hint, null);
    }

    /**
     * Creates a user error whose rule is stated against another parameter, which a caller that
     * set that parameter can then name as a cause: a delay that is not a whole number of steps
     * of {@code dt}, an upper weight bound not above {@code w_min}.
     *
     * @param source       the file, object or command that held the bad value, or {@code null}
     * @param location     the key path, parameter name or line, or {@code null}
     * @param expected     the rule the value had to satisfy
     * @param found        the value that was found, as the user wrote it
     * @param hint         an optional suggestion, or {@code null}
     * @param comparedWith the other parameter the rule compares the value with, as its owner
     *                     names it (e.g. {@code "dt"}), or {@code null}
     */
    public EngramException(String source, String location, String expected, String found, String hint,
                           String comparedWith) {
        super(format(source, location, expected, found, hint));
        this.source = source;
        this.location = location;
        this.expected = expected;
        this.found = found;
        this.hint = hint;
        this.comparedWith = comparedWith;
    }

    /**
     * Creates a user error with a free-form message (used when the error is not about one value).
     *
     * @param message the whole message
     * @param cause   the underlying cause, or {@code null}
     */
    public EngramException(String message, Throwable cause) {
        super(message, cause);
        this.source = null;
        this.location = null;
        this.expected = null;
        this.found = null;
        this.hint = null;
        this.comparedWith = null;
    }

    /**
     * The message of one error standing for several: their number, then each message on a line of
     * its own, indented.
     *
     * @param problems the errors, at least two
     * @return e.g. {@code "2 problems:\n  a.yaml:3:3: training.epochs: expected ...\n  ..."}
     */
    protected static String listed(List<? extends EngramException> problems) {
        StringBuilder sb = new StringBuilder(problems.size() + " problems:");
        for (EngramException e : problems) {
            sb.append("\n  ").append(e.getMessage());
        }
        return sb.toString();
    }

    /**
     * One error for several, for the {@code all} method of a subclass: the single problems of
     * {@code errors} (an error that stands for several taken apart), the only one itself, else one
     * error made of them all.
     *
     * @param errors  the errors, at least one
     * @param parts   the single problems of one error
     * @param several makes the error that stands for several single problems
     * @param <E>     the error type
     * @return the error
     */
    protected static <E extends EngramException> E joined(List<E> errors, Function<E, List<E>> parts,
                                                          Function<List<E>, E> several) {
        List<E> single = new ArrayList<>();
        for (E e : errors) {
            single.addAll(parts.apply(e));
        }
        if (single.isEmpty()) {
            throw new IllegalArgumentException("no problems to report");
        }
        return single.size() == 1 ? single.get(0) : several.apply(single);
    }

    private static String format(String source, String location, String expected, String found, String hint) {
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(source).append(": ");
        }
        if (location != null && !location.isEmpty()) {
            sb.append(location).append(": ");
        }
        sb.append("expected ").append(expected).append(", found ").append(found);
        if (hint != null) {
            sb.append("; ").append(hint);
        }
        return sb.toString();
    }

    /** {@return the file or object that held the bad value, or {@code null}} */
    public String source() {
        return source;
    }

    /** {@return the key path, parameter or line, or {@code null}} */
    public String location() {
        return location;
    }

    /** {@return the rule the value had to satisfy, or {@code null} for free-form messages} */
    public String expected() {
        return expected;
    }

    /** {@return the value that was found, or {@code null} for free-form messages} */
    public String found() {
        return found;
    }

    /** {@return the hint, or {@code null}} */
    public String hint() {
        return hint;
    }

    /**
     * {@return the other parameter the rule compares the value with (e.g. {@code "dt"} for a time
     * that must be a whole number of steps), or {@code null} when the rule stands alone}
     */
    public String comparedWith() {
        return comparedWith;
    }
}
