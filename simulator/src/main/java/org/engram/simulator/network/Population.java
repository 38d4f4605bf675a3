package org.engram.simulator.network;

import java.util.List;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Suggestions;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.model.ExactKernel;
import org.engram.simulator.model.ExactPropagation;
import org.engram.simulator.model.InputView;
import org.engram.simulator.model.Kernel;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.model.NeuronModels;
import org.engram.simulator.model.NeuronState;
import org.engram.simulator.model.SpikeSink;

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
            throw new ParameterException("model '" + model.name() + "'", "newState", "a state of " + size
                    + " neurons, the size of population '" + name + "'",
                    created == null ? null : created.size() + " neurons");
        }
        this.state = created;
    }

    /** @return the population's position in the network, from 0 */
    public int index() {
        return index;
    }

    /** @return the population's name */
    public String name() {
        return name;
    }

    /** @return the number of neurons */
    public int size() {
        return state.size();
    }

    /** @return the network-wide index of this population's neuron 0 */
    public int firstNeuron() {
        return firstNeuron;
    }

    /** @return the neuron model */
    public NeuronModel<P, S> model() {
        return model;
    }

    /** @return the parameters */
    public P params() {
        return params;
    }

    /** @return the live state (writes change the simulation) */
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

    /** @return whether the model can run in precise-time mode */
    public boolean supportsExactPropagation() {
        return model instanceof ExactPropagation;
    }

    /**
     * Prepares the grid kernel bound to this population's state.
     *
     * @param grid the time grid
     * @return the bound kernel
     * @throws ParameterException if the model gives no kernel
     */
    public GridUpdate prepareGrid(TimeGrid grid) {
        Kernel<S> kernel = requireKernel(model.prepare(params, grid), "prepare");
        return (lo, hi, from, to, in, out) -> kernel.update(state, lo, hi, from, to, in, out);
    }

    /**
     * Prepares the exact kernel bound to this population's state.
     *
     * @param grid the time grid
     * @return the bound kernel
     * @throws ParameterException if the model does not implement {@link ExactPropagation}, or gives no kernel
     */
    @SuppressWarnings("unchecked")
    public ExactUpdate<S> prepareExact(TimeGrid grid) {
        if (!(model instanceof ExactPropagation)) {
            List<String> exact = NeuronModels.all().stream().filter(m -> m instanceof ExactPropagation)
                    .map(NeuronModel::name).toList();
            throw new ParameterException("population '" + name + "'", "model",
                    "a model with exact propagation for precise mode (one of " + exact + ")", model.name(),
                    "run the network in grid mode, or implement ExactPropagation in the model");
        }
        ExactKernel<S> kernel = requireKernel(((ExactPropagation<P, S>) model).prepareExact(params, grid),
                "prepareExact");
        return new ExactUpdate<>(kernel, state);
    }

    /** A model's kernel, refused when null: a model's own code would otherwise fail inside the first run. */
    private <K> K requireKernel(K kernel, String method) {
        if (kernel == null) {
            throw new ParameterException("model '" + model.name() + "'", method, "a kernel for population '" + name
                    + "'", null);
        }
        return kernel;
    }

    /** A grid kernel bound to a population's state. */
    @FunctionalInterface
    public interface GridUpdate {
        /**
         * Advances neurons {@code [lo, hi)} through steps {@code [from, to)}.
         *
         * @param lo   first neuron
         * @param hi   end neuron, exclusive
         * @param from first step
         * @param to   end step, exclusive
         * @param in   input view
         * @param out  spike sink
         */
        void update(int lo, int hi, int from, int to, InputView in, SpikeSink out);
    }

    /**
     * An exact kernel bound to a population's state.
     *
     * @param kernel the kernel
     * @param state  the state
     * @param <S>    the state class
     */
    public record ExactUpdate<S extends NeuronState>(ExactKernel<S> kernel, S state) {
    }

    @Override
    public String toString() {
        return name + " (" + model.name() + ", " + size() + " neurons)";
    }
}
