package org.engram.simulator.model;

/**
 * The second pass of a LIF grid step, shared by the LIF kernels: refractoriness, threshold and
 * reset, after the first pass has advanced every neuron's potential without branches.
 */
final class ThresholdPass {
    private ThresholdPass() {
    }

    /**
     * Holds refractory neurons at the reset (discarding the potential the first pass computed,
     * which equals not updating them) and fires and resets the neurons at or above threshold.
     *
     * @param v                membrane potentials (mV)
     * @param refractory       steps of refractoriness left per neuron
     * @param lo               first neuron
     * @param hi               end neuron, exclusive
     * @param step             the step being advanced
     * @param vTh              threshold (mV)
     * @param vReset           reset (mV)
     * @param refractorySteps  refractory period in steps
     * @param out              where spikes go
     */
    static void apply(double[] v, int[] refractory, int lo, int hi, int step, double vTh, double vReset,
                      int refractorySteps, SpikeSink out) {
        for (int i = lo; i < hi; i++) {
            if (refractory[i] > 0) {
                refractory[i]--;
                v[i] = vReset;
            } else if (v[i] >= vTh) {
                v[i] = vReset;
                refractory[i] = refractorySteps;
                out.spike(i, step);
            }
        }
    }

    /**
     * The times at which the refractoriness this pass counts in steps ends, for an exact kernel
     * taking over a grid engine's state: the pass holds a neuron with {@code k} steps left for the
     * next {@code k} steps, discarding the input of their ends, so its refractoriness ends at
     * {@code k dt} of the new engine's clock.
     *
     * @param refractory steps of refractoriness left per neuron
     * @param untilMs    receives the end of refractoriness per neuron (ms), minus infinity for none
     * @param dtMs       the time step (ms)
     */
    static void refractoryEnds(int[] refractory, double[] untilMs, double dtMs) {
        for (int i = 0; i < refractory.length; i++) {
            int k = refractory[i];
            untilMs[i] = k > 0 ? k * dtMs : Double.NEGATIVE_INFINITY;
        }
    }
}
