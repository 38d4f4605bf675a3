package org.engram.simulator.network.connect;

/** Receives the synapses a {@link Connectivity} rule creates. */
public interface SynapseSink {

    /**
     * Adds a synapse whose weight and delay come from the projection's {@code Synapses} spec.
     *
     * @param source population-local source neuron
     * @param target population-local target neuron
     */
    void add(int source, int target);

    /**
     * Adds a synapse with its own weight and delay (explicit lists and matrices). A NaN weight or
     * delay means "take this one from the projection's {@code Synapses} spec", so a matrix can give
     * weights and leave delays to the spec.
     *
     * @param source  population-local source neuron
     * @param target  population-local target neuron
     * @param weight  the weight in the target model's unit, or NaN for the spec's weight
     * @param delayMs the delay in ms, a whole number of steps, or NaN for the spec's delay
     */
    void add(int source, int target, double weight, double delayMs);
}
