package org.engram.simulator;

import java.util.List;

/**
 * A model, network or engine parameter that breaks its rule, reported when the object is built.
 *
 * <p>Example message: {@code lif_delta: tau_m: expected a finite number > 0 (ms), found -5.0}.
 */
public class ParameterException extends EngramException {
    private static final long serialVersionUID = 1L;

    /** The single problems this error stands for: several when made by {@link #all}, else none (itself). */
    private final List<ParameterException> problems;
    /** The entry of a list the value was found at, or null. */
    private final String entry;
    /** Whether the rule is a range of the value's own, which no other parameter moves. */
    private final boolean ownRange;

    /**
     * Creates the error.
     *
     * @param owner     the model, projection or object whose parameter is wrong (e.g. {@code "lif_exp"})
     * @param parameter the parameter name as the user writes it (e.g. {@code "tau_m"})
     * @param rule      the rule, with unit (e.g. {@code "a number > 0 (ms)"})
     * @param found     the value that was found
     */
    public ParameterException(String owner, String parameter, String rule, Object found) {
        this(owner, parameter, rule, found, null, null);
    }

    /**
     * Creates the error with a suggestion.
     *
     * @param owner     the model, projection or object whose parameter is wrong
     * @param parameter the parameter name as the user writes it
     * @param rule      the rule, with unit
     * @param found     the value that was found
     * @param hint      a suggestion such as {@code "did you mean 'lif_exp'?"}, or {@code null}
     */
    public ParameterException(String owner, String parameter, String rule, Object found, String hint) {
        this(owner, parameter, rule, found, hint, null);
    }

    /**
     * Creates the error of a rule stated against another parameter, such as a time that must be a
     * whole number of steps of {@code dt}: a caller that set that parameter can then say so.
     *
     * @param owner        the model, projection or object whose parameter is wrong
     * @param parameter    the parameter name as the user writes it
     * @param rule         the rule, with unit
     * @param found        the value that was found
     * @param hint         a suggestion, or {@code null}
     * @param comparedWith the other parameter the rule compares the value with (e.g. {@code "dt"})
     */
    public ParameterException(String owner, String parameter, String rule, Object found, String hint,
                              String comparedWith) {
        this(owner, parameter, rule, found, hint, comparedWith, false);
    }

    private ParameterException(String owner, String parameter, String rule, Object found, String hint,
                               String comparedWith, boolean ownRange) {
        super(owner, parameter, rule, String.valueOf(found), hint, comparedWith);
        this.problems = List.of();
        this.entry = null;
        this.ownRange = ownRange;
    }

    private ParameterException(ParameterException e, String entry) {
        super(e.source(), e.location(), e.expected(), e.found(), e.hint() == null ? "at " + entry
                : "at " + entry + "; " + e.hint(), e.comparedWith());
        this.problems = List.of();
        this.entry = entry;
        this.ownRange = e.ownRange;
    }

    private ParameterException(List<ParameterException> problems) {
        super(listed(problems), null);
        this.problems = List.copyOf(problems);
        this.entry = null;
        this.ownRange = false;
    }

    /**
     * The error of a value outside a range of its own, which no other parameter moves: a time constant
     * {@code <= 0}, a size of 0, a probability above 1. A caller that set other parameters beside the value
     * then knows that none of them is the cause ({@link #outOfOwnRange()}); a rule that compares the value
     * with another ({@code v_reset < v_th}) is made with a constructor instead.
     *
     * @param owner     the model, projection or object whose parameter is wrong
     * @param parameter the parameter name as the user writes it
     * @param rule      the range, with unit (e.g. {@code "an integer >= 1"})
     * @param found     the value that was found
     * @return the error
     */
    public static ParameterException outOfRange(String owner, String parameter, String rule, Object found) {
        return new ParameterException(owner, parameter, rule, found, null, null, true);
    }

    /**
     * {@return whether the value lies outside a range of its own ({@link #outOfRange}), so that no other
     * parameter can have made it wrong; false where the rule compares it with another parameter, or where
     * the thrower did not say (a model of one's own that throws with a constructor)}
     */
    public boolean outOfOwnRange() {
        return ownRange;
    }

    /**
     * This error, found at an entry of a list the user gave (an explicit list of synapses, a
     * matrix), which the value alone would not find in a long list: the hint names the entry first.
     *
     * @param entry the entry, e.g. {@code "synapse 3 of the rule's list"}
     * @return a copy whose hint starts {@code "at <entry>"} and whose {@link #entry()} returns it
     */
    public ParameterException atEntry(String entry) {
        return new ParameterException(this, entry);
    }

    /** {@return the entry of a list the value was found at (see {@link #atEntry}), or {@code null}} */
    public String entry() {
        return entry;
    }

    /**
     * One error for several problems found together, so that a user sees every bad value of an
     * object at once rather than one per attempt.
     *
     * @param problems at least one; errors made by this method are taken apart into their problems
     * @return the only problem itself (its message unchanged), or an error whose message lists them
     *         all, one per line, and whose {@link #problems()} returns them
     */
    public static ParameterException all(List<ParameterException> problems) {
        return joined(problems, ParameterException::problems, ParameterException::new);
    }

    /**
     * {@return the single problems of this error, each with owner, parameter, rule and value: this
     * error alone, or those it was made of by {@link #all}}
     */
    public List<ParameterException> problems() {
        return problems.isEmpty() ? List.of(this) : problems;
    }

    /**
     * Fails unless {@code value} is a finite number {@code > 0}; NaN and infinity fail too (no time
     * constant, rate or scale is meaningful at infinity, and downstream formulas turn it into
     * zeros or NaN silently).
     *
     * @param owner     model or object name
     * @param parameter parameter name
     * @param value     the value to check
     * @param unit      the unit shown in the message, e.g. {@code "ms"}
     * @return {@code value}
     * @throws ParameterException naming the owner, the parameter and the value, if it is not
     */
    public static double requirePositive(String owner, String parameter, double value, String unit) {
        if (!(value > 0) || value == Double.POSITIVE_INFINITY) {
            throw outOfRange(owner, parameter, "a finite number > 0 (" + unit + ")", value);
        }
        return value;
    }

    /**
     * Fails unless {@code value} is a finite number {@code >= 0}; NaN and infinity fail too.
     *
     * @param owner     model or object name
     * @param parameter parameter name
     * @param value     the value to check
     * @param unit      the unit shown in the message
     * @return {@code value}
     * @throws ParameterException naming the owner, the parameter and the value, if it is not
     */
    public static double requireNonNegative(String owner, String parameter, double value, String unit) {
        if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
            throw outOfRange(owner, parameter, "a finite number >= 0 (" + unit + ")", value);
        }
        return value;
    }

    /**
     * Fails unless the value is a finite number.
     *
     * @param owner     model or object name
     * @param parameter parameter name
     * @param value     the value to check
     * @param unit      the unit shown in the message
     * @return {@code value}
     * @throws ParameterException naming the owner, the parameter and the value, if it is not
     */
    public static double requireFinite(String owner, String parameter, double value, String unit) {
        if (!Double.isFinite(value)) {
            throw outOfRange(owner, parameter, "a finite number (" + unit + ")", value);
        }
        return value;
    }

    /**
     * Fails when an argument is null, naming it, where it would fail later as a bare
     * NullPointerException far from the call.
     *
     * @param owner     model or object name
     * @param parameter parameter name
     * @param value     the value to check
     * @param expected  what was expected, e.g. {@code "an array"}
     * @param <T>       its type
     * @return {@code value}
     * @throws ParameterException naming the owner and the parameter, with what was expected, if it is null
     */
    public static <T> T requireNonNull(String owner, String parameter, T value, String expected) {
        if (value == null) {
            throw new ParameterException(owner, parameter, expected, "null");
        }
        return value;
    }
}
