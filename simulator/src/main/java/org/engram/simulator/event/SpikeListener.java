package org.engram.simulator.event;

import org.engram.simulator.network.Population;

/**
 * Receives every spike of a run, the hook through which plasticity rules and monitors follow a
 * simulation without the simulator knowing them.
 *
 * <p>The engine calls {@link #onSpike} once per spike, from one thread, in time order (ties in
 * ascending neuron order), when the spike is delivered. An implementation must not block and should
 * not allocate per call.
 */
public interface SpikeListener {

    /**
     * One spike.
     *
     * @param population the population of the neuron that spiked
     * @param neuron     the population-local index of that neuron
     * @param timeMs     the spike time in ms
     */
    void onSpike(Population<?, ?> population, int neuron, double timeMs);
}
