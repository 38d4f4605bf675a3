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
}
