package org.engram.simulator.model;

/**
 * An exact kernel of a linear LIF model whose state is an {@link ExactLifState}: the injected current
 * and the refractoriness carried over from grid mode live in that state, the same for each model, a
 * model of one's own too. Its {@code propagate} and {@code nextCrossingMs} read the current with
 * {@link ExactLifState#injectedPa(int)}, and the end of refractoriness in
 * {@link ExactLifState#refractoryUntilMs}, which its {@code fire} sets.
 *
 * @param <S> the state class
 */
public interface ExactLifKernel<S extends ExactLifState> extends ExactKernel<S> {
    @Override
    default double[] injectedCurrentPa(S state) {
        return state.injectedPa;
    }

    /**
     * Refractoriness left in grid steps ends at that many steps of the new clock, or at the end written in
     * {@link ExactLifState#refractoryUntilMs}, if later.
     */
    @Override
    default void continueFromGrid(S state, double dtMs) {
        ThresholdPass.refractoryEnds(state.refractorySteps, state.refractoryUntilMs, dtMs);
    }
}
