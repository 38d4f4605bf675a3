package org.engram.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the bad values of one object's parameters so that they are reported all at once: each
 * check records its {@link ParameterException} instead of throwing it, and {@link #throwIfAny()}
 * throws one error carrying them all ({@link ParameterException#all}). Meant for the compact
 * constructor of a parameter record:
 * <pre>{@code
 * Problems p = new Problems("network");
 * p.positive("tau_ms", tauMs, "ms");
 * p.atLeastOne("steps", steps);
 * p.throwIfAny();
 * }</pre>
 * A single problem is thrown as it is, with the message its check gives. Each check returns
 * whether it passed, so that a check that needs an earlier one (a list that must exist before its
 * entries are checked) can be skipped.
 */
public final class Problems {
    private final String owner;
    private final List<ParameterException> found = new ArrayList<>();

    /**
     * Starts an empty collection.
     *
     * @param owner the object whose parameters are checked, named in every message (e.g. {@code "network"})
     */
    public Problems(String owner) {
        this.owner = owner;
    }

    /**
     * Runs a check that throws {@link ParameterException}, such as
     * {@code () -> EngineOptions.requireThreads(owner, threads)}, recording its error.
     *
     * @param check the check
     * @return whether it passed
     */
    public boolean check(Runnable check) {
        try {
            check.run();
            return true;
        } catch (ParameterException e) {
            found.addAll(e.problems());
            return false;
        }
    }

    /**
     * Records a problem unless {@code ok}.
     *
     * @param ok        whether the value keeps its rule
     * @param parameter the parameter as the user writes it
     * @param rule      the rule, with unit
     * @param value     the value found
     * @return {@code ok}
     */
    public boolean require(boolean ok, String parameter, String rule, Object value) {
        if (!ok) {
            found.add(new ParameterException(owner, parameter, rule, value));
        }
        return ok;
    }

    /**
     * Records a problem of a rule that compares the value with one other parameter unless {@code ok}, naming
     * that parameter ({@link EngramException#comparedWith()}): a caller that set it can then say so, and one
     * that set another parameter knows that one is no cause.
     *
     * @param ok           whether the value keeps its rule
     * @param parameter    the parameter as the user writes it
     * @param rule         the rule, with unit
     * @param value        the value found
     * @param comparedWith the other parameter, as the user writes it (e.g. {@code "v_th"})
     * @return {@code ok}
     */
    public boolean require(boolean ok, String parameter, String rule, Object value, String comparedWith) {
        if (!ok) {
            found.add(new ParameterException(owner, parameter, rule, value, null, comparedWith));
        }
        return ok;
    }

    /**
     * Records a value outside a range of its own ({@link ParameterException#outOfRange}) unless {@code ok}:
     * a range no other parameter moves, so that a caller that set other parameters beside the value need not
     * name them as a cause. A rule that compares the value with another parameter is a {@link #require}.
     *
     * @param ok        whether the value lies in its range
     * @param parameter the parameter as the user writes it
     * @param range     the range, with unit
     * @param value     the value found
     * @return {@code ok}
     */
    public boolean inRange(boolean ok, String parameter, String range, Object value) {
        if (!ok) {
            found.add(ParameterException.outOfRange(owner, parameter, range, value));
        }
        return ok;
    }

    /**
     * {@link ParameterException#requirePositive}, recorded.
     *
     * @param parameter the parameter
     * @param value     the value
     * @param unit      the unit shown in the message
     * @return whether the value passed
     */
    public boolean positive(String parameter, double value, String unit) {
        return check(() -> ParameterException.requirePositive(owner, parameter, value, unit));
    }

    /**
     * {@link ParameterException#requireNonNegative}, recorded.
     *
     * @param parameter the parameter
     * @param value     the value
     * @param unit      the unit shown in the message
     * @return whether the value passed
     */
    public boolean nonNegative(String parameter, double value, String unit) {
        return check(() -> ParameterException.requireNonNegative(owner, parameter, value, unit));
    }

    /**
     * {@link ParameterException#requireFinite}, recorded.
     *
     * @param parameter the parameter
     * @param value     the value
     * @param unit      the unit shown in the message
     * @return whether the value passed
     */
    public boolean finite(String parameter, double value, String unit) {
        return check(() -> ParameterException.requireFinite(owner, parameter, value, unit));
    }

    /**
     * Records a problem unless a count is at least 1.
     *
     * @param parameter the parameter
     * @param value     the count
     * @return whether it passed
     */
    public boolean atLeastOne(String parameter, int value) {
        return inRange(value >= 1, parameter, "an integer >= 1", value);
    }

    /**
     * Throws the problems recorded, if any.
     *
     * @throws ParameterException the only problem, or one carrying every problem in the order found
     */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw ParameterException.all(found);
        }
    }
}
