package org.engram.simulator;

/**
 * A distribution to draw a parameter from, refused as a whole before any draw because none of its
 * draws could be a valid value (weights only of the wrong sign, delays that all round to no step).
 * Its own type so that a caller can tell it from a single drawn value that broke the rule, which
 * it would name as drawn from the distribution.
 */
public class DistributionRefused extends ParameterException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error; the value found is the distribution's support.
     *
     * @param owner        the projection or object the values are drawn for
     * @param parameter    the parameter drawn, e.g. {@code delay}
     * @param rule         what the draws had to be able to give, with unit
     * @param lower        the lower bound of the distribution's support
     * @param upper        the upper bound of the distribution's support
     * @param unit         the unit after the support, e.g. {@code " ms"}, or {@code ""}
     * @param comparedWith the other parameter the rule compares the draws with (e.g. {@code "dt"}), or
     *                     {@code null}
     */
    public DistributionRefused(String owner, String parameter, String rule, double lower, double upper, String unit,
                               String comparedWith) {
        super(owner, parameter, rule, "a distribution over [" + lower + ", " + upper + "]" + unit, null,
                comparedWith);
    }
}
