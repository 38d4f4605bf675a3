package org.engram.simulator.model;

/**
 * The state the AdEx models share: the potential and refractory clock, the adaptation current
 * {@code w}, the two synaptic variables that decay exponentially (currents in {@link Adex},
 * conductances in {@link AdexCond}, each registered under its model's name for it) and the
 * scratch of {@link AdexKernel}.
 */
abstract class AdexState extends IntegrateAndFireState {
    /** Adaptation current (pA). */
    public final double[] w;
    /** The kernel's scratch: spikes of each neuron in the step being advanced. */
    final int[] spikesInStep;
    /** The kernel's scratch: whether each neuron's potential is held at the reset for the rest of the step. */
    final boolean[] holding;

    /**
     * Creates the state of {@code size} neurons at rest, {@code w} registered after {@code v}.
     *
     * @param size   number of neurons
     * @param restMv the potential every neuron starts at (mV)
     */
    AdexState(int size, double restMv) {
        super(size, restMv);
        w = variable("w", "pA");
        spikesInStep = new int[size];
        holding = new boolean[size];
    }

    /** {@return the excitatory synaptic variable, which decays with {@code tau_syn_ex}} */
    abstract double[] excitatory();

    /** {@return the inhibitory synaptic variable, which decays with {@code tau_syn_in}} */
    abstract double[] inhibitory();
}
