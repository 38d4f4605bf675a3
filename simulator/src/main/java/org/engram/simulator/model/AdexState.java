package org.engram.simulator.model;

/**
 * The state the AdEx models share: the potential and refractory clock, the adaptation current
 * {@code w}, the two synaptic variables that decay exponentially (currents in {@link Adex},
 * conductances in {@link AdexCond}, registered under the names and unit each model gives them) and
 * the scratch of {@link AdexKernel}.
 */
abstract class AdexState extends IntegrateAndFireState {
    /** Adaptation current (pA). */
    public final double[] w;
    /** The excitatory synaptic variable, which decays with {@code tau_syn_ex}. */
    final double[] excitatory;
    /** The inhibitory synaptic variable, which decays with {@code tau_syn_in}. */
    final double[] inhibitory;
    /** The kernel's scratch: spikes of each neuron in the step being advanced. */
    final int[] spikesInStep;
    /** The kernel's scratch: whether each neuron's potential is held at the reset for the rest of the step. */
    final boolean[] holding;

    /**
     * Creates the state of {@code size} neurons at rest, registering {@code v}, {@code w} and the
     * synaptic variables in that order.
     *
     * @param size           number of neurons
     * @param restMv         the potential every neuron starts at (mV)
     * @param excitatoryName the excitatory variable's name, e.g. {@code "g_ex"}
     * @param inhibitoryName the inhibitory variable's name
     * @param synapticUnit   their unit, {@code "pA"} or {@code "nS"}
     */
    AdexState(int size, double restMv, String excitatoryName, String inhibitoryName, String synapticUnit) {
        super(size, restMv);
        w = variable("w", "pA");
        excitatory = variable(excitatoryName, synapticUnit);
        inhibitory = variable(inhibitoryName, synapticUnit);
        spikesInStep = new int[size];
        holding = new boolean[size];
    }
}
