package org.engram.simulator.model;

import org.engram.simulator.engine.TimeGrid;

/**
 * Capability of linear subthreshold models: exact integration between events, for the engine's
 * precise-time mode, where spikes have off-grid times.
 *
 * @param <P> the parameter record
 * @param <S> the state class
 */
public interface ExactPropagation<P extends Record, S extends NeuronState> {

    /**
     * Derives the constants of exact propagation.
     *
     * @param params the parameters
     * @param grid   the time grid (only for validation; propagation itself is off-grid)
     * @return the exact kernel
     */
    ExactKernel<S> prepareExact(P params, TimeGrid grid);
}
