package org.engram.simulator.engine;

import org.engram.simulator.model.ExactKernel;
import org.engram.simulator.model.NeuronState;
import org.engram.simulator.model.Receptor;

/**
 * An exact kernel that passes every call on to another; a test overrides the calls it counts or
 * breaks and calls {@code super} for the rest of the work.
 *
 * @param <S> the model's state
 */
class ForwardingExactKernel<S extends NeuronState> implements ExactKernel<S> {
    private final ExactKernel<S> inner;

    ForwardingExactKernel(ExactKernel<S> inner) {
        this.inner = inner;
    }

    @Override
    public void propagate(S state, int i, double fromMs, double toMs) {
        inner.propagate(state, i, fromMs, toMs);
    }

    @Override
    public double nextCrossingMs(S state, int i, double fromMs, double untilMs) {
        return inner.nextCrossingMs(state, i, fromMs, untilMs);
    }

    @Override
    public void receive(S state, int i, Receptor receptor, double weight, double timeMs) {
        inner.receive(state, i, receptor, weight, timeMs);
    }

    @Override
    public void fire(S state, int i, double timeMs) {
        inner.fire(state, i, timeMs);
    }

    @Override
    public double[] injectedCurrentPa(S state) {
        return inner.injectedCurrentPa(state);
    }

    @Override
    public void continueFromGrid(S state, double dtMs) {
        inner.continueFromGrid(state, dtMs);
    }
}
