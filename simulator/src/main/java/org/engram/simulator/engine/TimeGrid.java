package org.engram.simulator.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.engram.simulator.ParameterException;

/**
 * The simulation time grid: the one place where milliseconds become integer steps.
 *
 * <p>Step {@code k} covers the interval {@code [k * dt, (k + 1) * dt)}. A duration that must be a
 * whole number of steps (a delay, a grid-mode refractory period) and is not is rejected; the
 * tolerance of {@code 1e-9} steps, plus {@code 1e-15} of the step count for the rounding of the
 * division itself (a few ulps), absorbs the rounding of decimal inputs such as {@code 1.5 / 0.1}.
 *
 * @param dtMs the time step in milliseconds, {@code > 0}
 */
public record TimeGrid(double dtMs) {
    private static final double WHOLE_STEP_TOLERANCE = 1e-9;
    /** The relative rounding of {@code ms / dt}: three roundings of 2^-53 each, with margin. */
    private static final double DIVISION_ROUNDING = 1e-15;

    /** Times this close, relative to their size, are one moment: 4 to 8 ulps ({@link #atOrBefore}). */
    private static final double TIE_RELATIVE = 0x1p-50;

    /** The default time step of 0.1 ms. */
    public static final double DEFAULT_DT_MS = 0.1;

    /**
     * The step's name in errors: the {@link ParameterException#comparedWith} of a value refused for
     * not fitting the grid, which a caller that set the step can name as the cause.
     */
    public static final String DT = "dt";

    /**
     * Validates the step.
     *
     * @param dtMs the time step in milliseconds
     */
    public TimeGrid {
        if (!(dtMs > 0) || !Double.isFinite(dtMs)) {
            throw new ParameterException("time grid", DT, "a finite number > 0 (ms)", dtMs);
        }
    }

    /**
     * The fewest equal substeps into which a model that integrates numerically splits a step so
     * that none is longer than {@code maxSubstepMs}. A step that is a whole number of substeps up to
     * the rounding of decimal inputs is split into that number: {@code 0.07 / 0.005} computes as
     * 14.000000000000002, which gives 14 substeps, not 15.
     *
     * @param maxSubstepMs the longest substep the integration allows, in ms, {@code > 0}
     * @return the number of substeps, at least 1
     * @throws ParameterException unless the longest substep is a finite number {@code > 0}
     */
    public int substeps(double maxSubstepMs) {
        if (!(maxSubstepMs > 0) || !Double.isFinite(maxSubstepMs)) {
            throw ParameterException.outOfRange("time grid", "longest substep", "a finite number > 0 (ms)",
                    maxSubstepMs);
        }
        double ratio = dtMs / maxSubstepMs;
        return (int) Math.max(1, Math.ceil(ratio - (WHOLE_STEP_TOLERANCE + DIVISION_ROUNDING * ratio)));
    }

    /**
     * Converts a duration to a whole number of steps, rejecting durations that are not whole steps.
     *
     * @param owner     who owns the value, for the error message
     * @param parameter the parameter name, for the error message
     * @param ms        the duration in milliseconds, {@code >= 0}
     * @return the number of steps
     * @throws ParameterException if the duration is not finite, negative, more than the int range of
     *                            steps or not a whole number of steps
     */
    public int wholeSteps(String owner, String parameter, double ms) {
        if (!(ms >= 0) || !Double.isFinite(ms)) {
            throw ParameterException.outOfRange(owner, parameter, "a finite number >= 0 (ms)", ms);
        }
        double steps = ms / dtMs;
        // Before rounding: Math.round saturates at Long.MAX_VALUE, beyond which every value looks off the grid.
        if (steps > Integer.MAX_VALUE + 0.5) {
            // In decimal: the limit as dt is written (2147483647 x 0.1 = 214748364.7), not as the double product.
            BigDecimal limitMs = BigDecimal.valueOf(Integer.MAX_VALUE).multiply(BigDecimal.valueOf(dtMs));
            double hours = limitMs.doubleValue() / 3.6e6;
            throw new ParameterException(owner, parameter, "at most " + Integer.MAX_VALUE + " time steps of dt = "
                    + dtMs + " ms (" + limitMs.stripTrailingZeros().toPlainString() + " ms" + (hours >= 1
                    ? String.format(Locale.ROOT, ", %.1f hours", hours) : "") + ")", ms, null, DT);
        }
        if (!isWholeSteps(ms)) {
            throw new ParameterException(owner, parameter,
                    "a whole number of time steps (multiple of dt = " + dtMs + " ms)", ms, null, DT);
        }
        return (int) Math.round(steps);
    }

    /**
     * Tells whether a duration is a whole number of steps, within the rounding that {@link #wholeSteps}
     * allows, whatever its size or sign: for advice on a value refused for another reason.
     *
     * @param ms the duration in milliseconds
     * @return whether {@code ms} is a multiple of dt; false if it is not finite
     */
    public boolean isWholeSteps(double ms) {
        double steps = ms / dtMs;
        return Math.abs(steps - Math.rint(steps)) <= WHOLE_STEP_TOLERANCE + DIVISION_ROUNDING * Math.abs(steps);
    }

    /**
     * Converts a duration that must last at least one step (a run, a bin, a sample's presentation)
     * to a whole number of steps: a duration that rounds to no step, such as 1e-12 ms, is refused
     * like 0 is, where {@link #wholeSteps} would take it as none.
     *
     * @param owner     who owns the value, for the error message
     * @param parameter the parameter name, for the error message
     * @param ms        the duration in milliseconds
     * @return the number of steps, {@code >= 1}
     * @throws ParameterException unless the duration is a whole number of steps, at least one
     */
    public int positiveSteps(String owner, String parameter, double ms) {
        if (!(ms > 0)) {
            throw atLeastOneStep(owner, parameter, ms);
        }
        int steps = wholeSteps(owner, parameter, ms);
        if (steps < 1) {
            throw atLeastOneStep(owner, parameter, ms);
        }
        return steps;
    }

    private ParameterException atLeastOneStep(String owner, String parameter, double ms) {
        return new ParameterException(owner, parameter, "a whole number of time steps, at least one (a multiple of "
                + "dt = " + dtMs + " ms)", ms, null, DT);
    }

    /**
     * Rounds a duration to the nearest whole number of steps (for randomly drawn delays).
     *
     * @param ms the duration in milliseconds
     * @return the nearest number of steps, saturated to the {@code int} range (never wrapped, so an
     *         out-of-range duration stays out of range for the caller's check)
     */
    public int nearestSteps(double ms) {
        long steps = Math.round(ms / dtMs);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, steps));
    }

    /**
     * The step a grid-mode spike at a given time is emitted in: the step whose end is the first grid
     * time at or after it, so that times in {@code (s dt, (s + 1) dt]} fall in step {@code s}, and
     * times from 0 to {@code dt} in step 0. A time within the whole-step tolerance after a grid time
     * (the rounding of a decimal time such as {@code 1234567.89} with {@code dt = 0.01}) counts as
     * that grid time, however late in the run.
     *
     * @param ms a time {@code >= 0} in milliseconds
     * @return the step, saturated at {@link Integer#MAX_VALUE} for times beyond the int range of steps
     */
    public int stepEndingAtOrAfter(double ms) {
        double steps = ms / dtMs;
        double end = Math.ceil(steps - (WHOLE_STEP_TOLERANCE + DIVISION_ROUNDING * steps));
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, end - 1));
    }

    /**
     * The start time of a step.
     *
     * @param step the step index
     * @return {@code step * dt} in milliseconds
     */
    public double timeMs(long step) {
        return step * dtMs;
    }

    /**
     * A time as Engram writes it in files and messages: rounded to 1e-9 ms, so that a time made as
     * steps times dt ({@code 277 * 0.1 = 27.700000000000003}) reads as the step's time (27.7).
     *
     * @param ms a time in milliseconds, within about 9e9 ms of 0
     * @return the time rounded to 1e-9 ms
     */
    public static double shownMs(double ms) {
        return Double.isFinite(ms) ? Math.round(ms * 1e9) / 1e9 : ms;
    }

    /**
     * Appends the time {@code firstMs + k x stepMs} as Engram writes times in files, with 9 decimals, worked out
     * from the shortest decimals of {@code firstMs} and {@code stepMs}: the k-th step, sample or bin at its decimal
     * time. The double {@code firstMs + k * stepMs} misses that decimal by an ulp or so, which from 2^22 ms (70
     * minutes) on is a unit of the ninth decimal: step 41943791 of 0.1 ms computes as 4194379.100000001, which a
     * reader of the file would place after the step's end.
     *
     * @param out     where the text goes
     * @param firstMs the time of {@code k = 0} in ms, finite and {@code >= 0}
     * @param k       the count of steps, {@code >= 0}
     * @param stepMs  the step in ms, finite and {@code > 0}
     * @return {@code out}
     */
    public static StringBuilder appendDecimalMs(StringBuilder out, double firstMs, long k, double stepMs) {
        BigDecimal step = new BigDecimal(Double.toString(stepMs));
        BigDecimal time = new BigDecimal(Double.toString(firstMs)).add(step.multiply(BigDecimal.valueOf(k)));
        return out.append(time.setScale(9, RoundingMode.HALF_UP).toPlainString());
    }

    /**
     * Whether time {@code a} is at or before time {@code b}, counting times a few ulps apart as one
     * moment. Precise mode computes times as sums rounded once (a spike time plus a delay, a spike
     * time plus a refractory period), so two routes to the same moment, such as a spike at 1.7 ms
     * delayed by 1.6 ms and one at 1.1 ms delayed by 2.2 ms, can land an ulp apart.
     *
     * @param a a time in milliseconds
     * @param b a time in milliseconds; {@code -infinity} ("never") is after no finite time
     * @return {@code a <= b}, or {@code a} later than {@code b} by at most 4 to 8 ulps of {@code b}
     */
    public static boolean atOrBefore(double a, double b) {
        // A product rather than Math.ulp: precise mode asks this once per input event.
        return a <= b || (a - b <= Math.abs(b) * TIE_RELATIVE && Double.isFinite(b));
    }
}
