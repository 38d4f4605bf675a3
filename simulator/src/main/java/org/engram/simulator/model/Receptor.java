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

    /**
     * The sign rule, for the message that refuses a weight: with a hint at the other receptor, as a
     * weight of the wrong sign is most often one whose receptor was left out (simulators such as
     * NEST choose the receptor by the sign).
     *
     * @return e.g. {@code "an excitatory weight >= 0 (a negative one needs the inhibitory receptor)"}
     */
    public String weightRule() {
        return this == EXCITATORY ? "an excitatory weight >= 0 (a negative one needs the inhibitory receptor)"
                : "an inhibitory weight <= 0 (a positive one needs the excitatory receptor)";
    }
}
