package org.engram.learning.layered;

/**
 * How the readout layer's activity over the steps becomes one logit per class.
 * {@code s_t} are the readout spikes, {@code v_t} its membrane potentials (before reset), T the steps.
 */
public enum Readout {
    /** {@code o = sum_t s_t}; the readout neurons spike. */
    SPIKE_COUNT(true),
    /** {@code o = (1/T) sum_t v_t}; the readout neurons integrate without spiking. */
    MEAN_MEMBRANE(false),
    /**
     * {@code o = max_(t >= L) v_t}, L the number of hidden layers: the steps before the readout's
     * first input (one step of delay per layer) are left out; the readout neurons integrate without
     * spiking.
     */
    MAX_MEMBRANE(false),
    /**
     * {@code o = r_T}, {@code r_t = lambda r_(t-1) + s_t}, {@code lambda = exp(-dt / tau_trace)}; the readout neurons
     * spike.
     */
    EXP_RATE(true);

    private final boolean spiking;

    Readout(boolean spiking) {
        this.spiking = spiking;
    }

    /** {@return whether the readout neurons spike (and have a threshold and reset)} */
    public boolean spiking() {
        return spiking;
    }
}
