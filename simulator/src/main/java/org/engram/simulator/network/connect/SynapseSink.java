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
     * Adds a synapse with its own weight and delay (explicit lists and matrices).
     *
     * @param source  population-local source neuron
     * @param target  population-local target neuron
     * @param weight  the weight in the target model's unit
     * @param delayMs the delay in ms, a whole number of steps
     */
    void add(int source, int target, double weight, double delayMs);
}
