package org.engram.simulator.model;

import java.util.Map;
import org.engram.simulator.engine.TimeGrid;

/**
 * A neuron model: its parameters, its state variables and how one neuron advances in time.
 *
 * <p>This is the SPI a user implements to add a model ({@link AbstractNeuronModel} takes the name,
 * description and parameter type in its constructor). A model is stateless: per-neuron data lives
 * in the {@link NeuronState} it creates, derived constants (propagators) in the {@link Kernel} it
 * prepares. Lifecycle: the parameter record validates itself on construction ->
 * {@link #newState} when the network is built -> {@link #prepare} once per engine, when the
 * {@code Engine} is created (every {@code run} of that engine uses the same kernel) -> the kernel's
 * {@code update} over ranges of neurons and steps of the engine's choosing (today one step at a time,
 * in blocks of up to 4,096 neurons; several threads at once on disjoint ranges), so a kernel does
 * no costly setup per call. A model never calls the engine; spikes go to the
 * {@link SpikeSink} the engine supplies.
 *
 * <p>Linear models that can be integrated exactly between events also implement
 * {@link ExactPropagation} and then run in the engine's precise-time mode.
 *
 * @param <P> the parameter record; its components are the parameters in physical units
 * @param <S> the state class
 */
public interface NeuronModel<P extends Record, S extends NeuronState> {

    /**
     * The name by which configs refer to the model.
     *
     * @return e.g. {@code "lif_exp"}
     */
    String name();

    /**
     * A one-line description for {@code engram list} and summaries.
     *
     * @return e.g. {@code "LIF with exponential current synapses (Rotter and Diesmann 1999)"}
     */
    default String description() {
        return name();
    }

    /**
     * Whether the model's neurons take input (synapses, Poisson drive, currents). Spike sources,
     * whose spikes are given or drawn, do not: a network that sends them input is refused, as the
     * input would be dropped without a word.
     *
     * @return true, unless the model only emits spikes
     */
    default boolean takesInput() {
        return true;
    }

    /**
     * The unit of a synaptic weight into this model's neurons, for labels and messages: {@code mV} where a
     * weight makes the potential jump, {@code pA} where it is the peak of a current, {@code nS} where it
     * is a conductance.
     *
     * @return the unit, or {@code null} when the model does not say (the default) or takes no input
     */
    default String weightUnit() {
        return null;
    }

    /**
     * The cost of advancing one neuron by one step, in units of a leaky integrate-and-fire
     * neuron-step (about 1 ns). Engines use it only to decide whether a slice holds enough work to
     * share among threads ({@code EngineOptions.minParallelNeuronSteps()}); results never depend on
     * it. A model that integrates in substeps or calls {@code Math.exp} per neuron says how much more
     * it costs, so that a small population of it is still shared.
     *
     * @return the relative cost, {@code >= 1}; 1 unless the model says otherwise
     */
    default double stepCost() {
        return 1;
    }

    /**
     * What to tell someone who gave a parameter this model does not take, when the model takes the
     * same quantity in another form (another simulator's parameter, say); configs and
     * {@link #defaultsWith} show it in place of the closest name, which would mislead.
     *
     * @param parameter the unknown parameter's name as written (e.g. {@code g_L} or {@code g_l})
     * @return the hint, or {@code null} for none (the default)
     */
    default String hintFor(String parameter) {
        return null;
    }

    /**
     * The parameter record's class, so configs can be converted into it.
     *
     * @return the class of {@code P}
     */
    Class<P> parametersType();

    /**
     * The default parameters.
     *
     * @return a valid parameter record
     */
    P defaults();

    /**
     * The default parameters with some of them changed by name, as configs name them
     * ({@code LifExp.MODEL.defaultsWith(Map.of("v_th", -50.0))}), rather than every value of the
     * record given in order; see {@link ParameterRecords#with(Record, Map)}.
     *
     * @param changes parameter name (snake_case, e.g. {@code tau_syn_ex}, or the record component's
     *                name) to new value, a {@link Number} for a numeric parameter
     * @return a new, validated record; the defaults when there is nothing to change
     * @throws org.engram.simulator.ParameterException naming this model and every unknown parameter
     *         (with the model's {@link #hintFor hint} for it, else the closest name) or value of the
     *         wrong type, or else what the record refuses
     */
    default P defaultsWith(Map<String, ?> changes) {
        return ParameterRecords.with(name(), defaults(), changes, this::hintFor);
    }

    /**
     * Creates the state of {@code size} neurons, at rest.
     *
     * @param size   number of neurons, {@code >= 1}
     * @param params the parameters
     * @return a new state with one array element per neuron
     */
    S newState(int size, P params);

    /**
     * Derives the constants (propagators) for a time step and returns the grid kernel; called when
     * an engine is created, not at each of its runs. Parameters that depend on the step (a
     * refractory period that is not a whole number of steps) are checked here, so the engine's
     * constructor reports them.
     *
     * @param params the parameters
     * @param grid   the time grid
     * @return the kernel that advances neurons on the grid
     */
    Kernel<S> prepare(P params, TimeGrid grid);
}
