package org.engram.simulator.model;

/**
 * Refractoriness, threshold and reset of the LIF grid kernels, after a first pass has advanced
 * every neuron's potential without branches.
 *
 * <p>Two loops over the neurons, each as cheap as it can be. {@link #holdRefractory} holds the
 * refractory neurons at the reset by arithmetic instead of a branch, so the JIT vectorises it;
 * {@link #fire} then only compares each potential with the threshold, a branch almost never
 * taken. One scalar loop that tested refractoriness neuron by neuron, as the kernels had before,
 * cost more than the vectorised update itself, as refractory neurons lie scattered among the rest.
 *
 * <p>The refractory count is a {@code double} holding a whole number of steps, so that it shares
 * the vector lanes of the potentials: the JIT of Java 17 vectorises no loop that converts an
 * {@code int} to a {@code double}.
 */
final class ThresholdPass {
    private ThresholdPass() {
    }

    /**
     * Holds the refractory neurons at the reset and fires and resets those at or above threshold.
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
        holdRefractory(v, refractory, lo, hi, vReset);
        fire(v, refractory, lo, hi, step, vTh, vReset, refractorySteps, out);
    }

    /**
     * Sets the potential of each refractory neuron to the reset, discarding what the first pass
     * computed (which equals not updating it), and counts its refractoriness down by one step.
     * With {@code f = min(left, 1)}, 0 or 1 for a whole number of steps left,
     * {@code v (1 - f) + reset f} is one of the two exactly (adding a zero product changes no
     * finite value), so the result is what a branch would give.
     *
     * @param v          membrane potentials (mV)
     * @param refractory steps of refractoriness left per neuron, whole numbers
     * @param lo         first neuron
     * @param hi         end neuron, exclusive
     * @param vReset     reset (mV)
     */
    static void holdRefractory(double[] v, double[] refractory, int lo, int hi, double vReset) {
        for (int i = lo; i < hi; i++) {
            double left = refractory[i];
            double f = Math.min(left, 1.0);
            v[i] = v[i] * (1.0 - f) + vReset * f;
            refractory[i] = Math.max(left - 1.0, 0.0);
        }
    }

    /**
     * Fires and resets the neurons at or above threshold. Refractory neurons were held at the
     * reset, below threshold, and so cannot fire.
     */
    private static void fire(double[] v, double[] refractory, int lo, int hi, int step, double vTh, double vReset,
                             int refractorySteps, SpikeSink out) {
        for (int i = lo; i < hi; i++) {
            if (v[i] >= vTh) {
                v[i] = vReset;
                refractory[i] = refractorySteps;
                out.spike(i, step);
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
