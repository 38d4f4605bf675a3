package org.engram.learning.layered;

/** The neuron model of a hidden layer. */
public enum NeuronKind {
    /** Leaky integrate-and-fire with a fixed threshold. */
    LIF,
    /**
     * Adaptive LIF (Bellec et al. 2018): the threshold rises by {@code adaptation} per spike
     * and relaxes with {@code tau_adapt}.
     */
    ADAPTIVE_LIF
}
