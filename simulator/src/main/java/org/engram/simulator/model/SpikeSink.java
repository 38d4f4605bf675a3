package org.engram.simulator.model;

/**
 * Receives the spikes a kernel emits; supplied by the engine.
 *
 * <p>A grid kernel's calls for one neuron range come in non-decreasing order of step and, within a
 * step, of neuron index: the order of a loop over steps with a loop over neurons inside it, even
 * for a model whose substeps find crossings in another order (the engine refuses a spike out of
 * that order, naming both). Implementations never allocate per call.
 */
public interface SpikeSink {

    /**
     * A grid-mode spike: neuron {@code i} crossed threshold during step {@code step}; its spike
     * time is the end of that step, {@code (step + 1) * dt}. A neuron may spike several times in a
     * step (a {@code poisson_source} at a high rate does): each call is one spike, which its targets
     * receive, and recorders and listeners see, on its own.
     *
     * @param i    population-local neuron index
     * @param step the step during which the neuron crossed threshold
     */
    void spike(int i, int step);

    /**
     * A precise-mode spike at an exact, off-grid time. Called by the engine, which finds precise
     * spike times through {@link ExactKernel}; a grid kernel calls {@link #spike} only (a grid
     * kernel's call of this method is refused).
     *
     * @param i      population-local neuron index
     * @param timeMs the spike time in ms
     */
    void spikeAt(int i, double timeMs);
}
