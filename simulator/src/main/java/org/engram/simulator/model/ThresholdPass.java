package org.engram.simulator.model;

import org.engram.simulator.ParameterException;

/**
 * Refractoriness, threshold and reset of the LIF grid kernels, in loops the JIT can vectorise.
 *
 * <p>A kernel's first loop advances every neuron without branches and keeps the potential of the
 * refractory ones with {@link #held}, a blend by arithmetic rather than a branch. Then
 * {@link #apply} counts refractoriness down ({@link #countDown}) and compares each potential with
 * the threshold, a branch almost never taken, reading the refractory count only behind it. The
 * kernels had one scalar loop that tested refractoriness neuron by neuron; as refractory neurons
 * lie scattered among the rest, it cost more than the vectorised update itself (1.6 times as much
 * in a profile of the CUBA benchmark).
 *
 * <p>The refractory count is a {@code double} holding a whole number of steps, so that it shares
 * the vector lanes of the potentials: the JIT of Java 17 vectorises no loop that converts an
 * {@code int} to a {@code double}. The count is public state that code may write between runs, so
 * engines check it first ({@link #requireWholeSteps}).
 */
final class ThresholdPass {
    private ThresholdPass() {
    }

    /**
     * The potential at the end of a step: the advanced one, or, while the neuron is refractory, the
     * one it had (a refractory neuron is not updated: it stays at the reset, or at a value written
     * meanwhile, as in precise mode). With {@code f = min(left, 1)}, 0 or 1 for a whole number of
     * steps, {@code advanced (1 - f) + kept f} is one of the two exactly (adding a zero product
     * changes no finite value), so the result is what a branch would give. Both must be finite,
     * which the states check before each run ({@code requireValid}): an infinite one makes NaN.
     *
     * @param advanced       the potential the subthreshold update gives (mV)
     * @param kept           the potential at the start of the step (mV)
     * @param refractoryLeft steps of refractoriness left at the start of the step, a whole number
     * @return the potential at the end of the step
     */
    static double held(double advanced, double kept, double refractoryLeft) {
        double f = Math.min(refractoryLeft, 1.0);
        return advanced * (1.0 - f) + kept * f;
    }

    /**
     * Counts down refractoriness by one step, and fires and resets the neurons at or above
     * threshold that are not refractory. A refractory neuron stays at the reset, below threshold,
     * unless code wrote another potential between runs: one at or above threshold fires when
     * refractoriness ends, as in precise mode.
     *
     * @param v               membrane potentials (mV)
     * @param refractory      steps of refractoriness left per neuron, whole numbers
     * @param lo              first neuron
     * @param hi              end neuron, exclusive
     * @param step            the step being advanced
     * @param vTh             threshold (mV)
     * @param vReset          reset (mV)
     * @param refractorySteps refractory period in steps
     * @param out             where spikes go
     */
    static void apply(double[] v, double[] refractory, int lo, int hi, int step, double vTh, double vReset,
                      int refractorySteps, SpikeSink out) {
        countDown(refractory, lo, hi);
        for (int i = lo; i < hi; i++) {
            if (v[i] >= vTh && refractory[i] == 0) {
                v[i] = vReset;
                refractory[i] = refractorySteps;
                out.spike(i, step);
            }
        }
    }

    /**
     * Counts refractoriness down by one step. A loop of its own: inside a kernel's first loop, the
     * store of the count kept the JIT from vectorising it.
     *
     * @param refractory steps of refractoriness left per neuron, whole numbers
     * @param lo         first neuron
     * @param hi         end neuron, exclusive
     */
    static void countDown(double[] refractory, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            refractory[i] = Math.max(refractory[i] - 1.0, 0.0);
        }
    }

    /**
     * Checks refractory counts that code may have written between runs: a fraction would blend the
     * kept and the advanced potential, a negative count or NaN would corrupt it.
     *
     * @param population the population, for the message
     * @param refractory steps of refractoriness left per neuron
     * @throws ParameterException naming the first neuron whose count is not a whole number of steps
     *                            from 0 to {@link Integer#MAX_VALUE}
     */
    static void requireWholeSteps(String population, double[] refractory) {
        for (int i = 0; i < refractory.length; i++) {
            double k = refractory[i];
            if (!(k >= 0 && k <= Integer.MAX_VALUE && k == Math.rint(k))) {
                throw new ParameterException("population '" + population + "'", "refractorySteps[" + i + "]",
                        "a whole number of steps >= 0 (0: not refractory)", String.valueOf(k));
            }
        }
    }

    /**
     * The times at which the refractoriness counted in steps ends, for an exact kernel taking over
     * a grid engine's state: a neuron with {@code k} steps left is held for the next {@code k}
     * steps, discarding the input of their ends, so its refractoriness ends at {@code k dt} of the
     * new engine's clock.
     *
     * @param refractory steps of refractoriness left per neuron
     * @param untilMs    receives the end of refractoriness per neuron (ms), minus infinity for none
     * @param dtMs       the time step (ms)
     */
    static void refractoryEnds(double[] refractory, double[] untilMs, double dtMs) {
        for (int i = 0; i < refractory.length; i++) {
            double k = refractory[i];
            untilMs[i] = k > 0 ? k * dtMs : Double.NEGATIVE_INFINITY;
        }
    }
}
