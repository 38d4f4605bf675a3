package org.engram.simulator.model;

import org.engram.simulator.ParameterException;

/**
 * What the conductance-based models ({@link LifCondExp}, {@link AdexCond}) share: the mean of an
 * exponentially decaying conductance over an interval, which their integrators read in place of a
 * point value, and the check of their conductances before a run.
 */
final class Conductances {

    private Conductances() {
    }

    /**
     * The mean of {@code exp(-t / tau)} over {@code [0, h]}, {@code (tau / h) (1 - exp(-h / tau))}:
     * times a conductance at the interval's start, its exact mean over the interval.
     *
     * @param h   the interval (ms), {@code > 0}
     * @param tau the conductance's time constant (ms), {@code > 0}
     * @return the factor, in {@code (0, 1)}
     */
    static double meanOverInterval(double h, double tau) {
        return -StrictMath.expm1(-h / tau) * tau / h;
    }

    /**
     * Refuses a negative conductance (a negative one, which code may have written between runs,
     * would drive the potential away from its reversal potential instead of towards it), naming
     * the population, the variable and the neuron.
     *
     * @param population the population's name
     * @param gEx        the excitatory conductances (nS), variable {@code g_ex}
     * @param gIn        the inhibitory conductances (nS), variable {@code g_in}
     * @throws ParameterException at the first negative value
     */
    static void requireNonNegative(String population, double[] gEx, double[] gIn) {
        requireNonNegative(population, "g_ex", gEx);
        requireNonNegative(population, "g_in", gIn);
    }

    private static void requireNonNegative(String population, String variable, double[] conductance) {
        for (int i = 0; i < conductance.length; i++) {
            if (conductance[i] < 0) {
                throw new ParameterException("population '" + population + "'", variable + "[" + i + "]",
                        "a conductance >= 0 (nS; a negative one drives V away from its reversal potential: cut"
                                + " an initial distribution at 0)",
                        conductance[i]);
            }
        }
    }
}
