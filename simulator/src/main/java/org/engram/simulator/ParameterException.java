package org.engram.simulator;

/**
 * A model, network or engine parameter that breaks its rule, reported when the object is built.
 *
 * <p>Example message: {@code lif_delta: tau_m: expected a number > 0 (ms), found -5.0}.
 */
public class ParameterException extends EngramException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param owner     the model, projection or object whose parameter is wrong (e.g. {@code "lif_exp"})
     * @param parameter the parameter name as the user writes it (e.g. {@code "tau_m"})
     * @param rule      the rule, with unit (e.g. {@code "a number > 0 (ms)"})
     * @param found     the value that was found
     */
    public ParameterException(String owner, String parameter, String rule, Object found) {
        super(owner, parameter, rule, String.valueOf(found), null);
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
        super(owner, parameter, rule, String.valueOf(found), hint);
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
     */
    public static double requirePositive(String owner, String parameter, double value, String unit) {
        if (!(value > 0) || value == Double.POSITIVE_INFINITY) {
            throw new ParameterException(owner, parameter, "a finite number > 0 (" + unit + ")", value);
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
     */
    public static double requireNonNegative(String owner, String parameter, double value, String unit) {
        if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
            throw new ParameterException(owner, parameter, "a finite number >= 0 (" + unit + ")", value);
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
     */
    public static double requireFinite(String owner, String parameter, double value, String unit) {
        if (!Double.isFinite(value)) {
            throw new ParameterException(owner, parameter, "a finite number (" + unit + ")", value);
        }
        return value;
    }
}
