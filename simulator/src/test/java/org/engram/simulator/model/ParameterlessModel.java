package org.engram.simulator.model;

/**
 * A neuron model for tests that takes no parameters, so that a test model writes only what it is
 * about: its name, its state and its kernel.
 *
 * @param <S> the state type
 */
public interface ParameterlessModel<S extends NeuronState> extends NeuronModel<ParameterlessModel.None, S> {
    /** The parameters of a model that has none. */
    record None() {
    }

    /**
     * Makes the state of a population.
     *
     * @param size the population's size
     * @return its state
     */
    S newState(int size);

    @Override
    default Class<None> parametersType() {
        return None.class;
    }

    @Override
    default None defaults() {
        return new None();
    }

    @Override
    default S newState(int size, None params) {
        return newState(size);
    }
}
