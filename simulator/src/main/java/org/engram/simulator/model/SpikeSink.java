package org.engram.simulator.model;

/**
 * Receives the spikes a kernel emits; supplied by the engine.
 *
 * <p>Calls for one neuron range must come in time order. Implementations never allocate per call.
 */
public interface SpikeSink {

    /**
     * A grid-mode spike: neuron {@code i} crossed threshold during step {@code step}; its spike
     * time is the end of that step, {@code (step + 1) * dt}.
     *
     * @param i    population-local neuron index
     * @param step the step during which the neuron crossed threshold
     */
    void spike(int i, int step);

    /**
     * A precise-mode spike at an exact, off-grid time.
     *
     * @param i      population-local neuron index
     * @param timeMs the spike time in ms
     */
    void spikeAt(int i, double timeMs);
}
