package org.engram.simulator.network;

import org.engram.simulator.ParameterException;
import org.engram.simulator.Plural;
import org.engram.simulator.Suggestions;
import org.engram.simulator.model.ExactPropagation;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.model.NeuronState;

/**
 * A group of neurons of one model with the same parameters; its state is held in primitive arrays.
 *
 * @param <P> the parameter record
 * @param <S> the state class
 */
public final class Population<P extends Record, S extends NeuronState> {
    private final int index;
    private final String name;
    private final int firstNeuron;
    private final NeuronModel<P, S> model;
    private final P params;
    private final S state;

    Population(int index, String name, int firstNeuron, int size, NeuronModel<P, S> model, P params) {
        this.index = index;
        this.name = name;
        this.firstNeuron = firstNeuron;
        this.model = model;
        this.params = params;
        if (model.name() == null || model.name().isBlank()) {
            // Results, configs and messages name the model: a model without a name could not be told.
            throw new ParameterException(model.getClass().getName(), "name", "a model name that is not empty",
                    model.name() == null ? "null" : "'" + model.name() + "'");
        }
        if (params == null) {
            throw new ParameterException("population '" + name + "'", "params", "parameters of " + model.name()
                    + " (for instance its defaults())", null);
        }
        if (model.parametersType() == null || !model.parametersType().isInstance(params)) {
            // Possible through raw types only, it failed later with a bare ClassCastException.
            throw new ParameterException("population '" + name + "'", "params", "parameters of " + model.name()
                    + " (" + (model.parametersType() == null ? "its parametersType() is null"
                    : model.parametersType().getName()) + ")", params.getClass().getName());
        }
        S created = model.newState(size, params);
        // newState is a model's own code: a state of another size would give the population another
        // size than the network counts, and every later population neurons that do not exist.
        if (created == null || created.size() != size) {
            throw new ParameterException("model '" + model.name() + "'", "newState", "a state of "
                    + Plural.count(size, "neuron") + ", the size of population '" + name + "'",
                    created == null ? null : Plural.count(created.size(), "neuron"));
        }
        this.state = created;
    }

    /** {@return the population's position in the network, from 0} */
    public int index() {
        return index;
    }

    /** {@return the population's name} */
    public String name() {
        return name;
    }

    /** {@return the number of neurons} */
    public int size() {
        return state.size();
    }

    /** {@return the network-wide index of this population's neuron 0} */
    public int firstNeuron() {
        return firstNeuron;
    }

    /** {@return the neuron model} */
    public NeuronModel<P, S> model() {
        return model;
    }

    /** {@return the parameters} */
    public P params() {
        return params;
    }

    /** {@return the live state (writes change the simulation)} */
    public S state() {
        return state;
    }

    /**
     * The live array of a recordable state variable, as {@link NeuronState#values} gives it, with an
     * error that names this population and its model.
     *
     * @param variable the variable's name, e.g. {@code "v"}
     * @return the array, one element per neuron (writes change the state)
     * @throws ParameterException if the model has no such variable
     */
    public double[] values(String variable) {
        double[] values = state.recordables().get(variable);
        if (values == null) {
            boolean none = state.variableNames().isEmpty();
            throw new ParameterException("population '" + name + "' (" + model.name() + ")", "variable",
                    none ? "a model with state variables (" + model.name() + " has none)"
                            : "one of " + state.variableNames(), variable,
                    Suggestions.didYouMean(variable, state.variableNames()));
        }
        return values;
    }

    /** {@return whether the model can run in precise-time mode} */
    public boolean supportsExactPropagation() {
        return model instanceof ExactPropagation;
    }

    @Override
    public String toString() {
        return name + " (" + model.name() + ", " + Plural.count(size(), "neuron") + ")";
    }
}
