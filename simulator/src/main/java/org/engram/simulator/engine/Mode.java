package org.engram.simulator.engine;

/** How the engine advances neurons. */
public enum Mode {
    /** Every neuron is advanced step by step; spike times are on the grid. */
    GRID,
    /**
     * Linear models are advanced exactly from event to event; spikes carry exact off-grid times
     * and refractoriness ends exactly. Every population's model must implement
     * {@link org.engram.simulator.model.ExactPropagation}.
     */
    PRECISE
}
