package org.engram.simulator.model;

/**
 * The input channel a synapse feeds. Models with one synaptic time constant (delta synapses)
 * treat both alike; models with separate time constants (exponential synapses) route each to
 * its own current. The weight's sign is kept as given: an inhibitory weight is negative.
 */
public enum Receptor {
    /** Excitatory input; weights must be {@code >= 0}. */
    EXCITATORY,
    /** Inhibitory input; weights must be {@code <= 0}. */
    INHIBITORY;

    /**
     * Whether a weight has the sign this receptor requires.
     *
     * @param weight the weight
     * @return true if excitatory and {@code weight >= 0}, or inhibitory and {@code weight <= 0}
     */
    public boolean accepts(double weight) {
        return this == EXCITATORY ? weight >= 0 : weight <= 0;
    }
}
