package org.engram.simulator.model;

/**
 * Moves single neurons between arbitrary times, exactly; used by the engine's precise-time mode.
 *
 * <p>The engine keeps each neuron's current time and calls, for every input event in time order:
 * {@link #nextCrossingMs} up to the event (and {@link #propagate} plus {@link #fire} for each
 * crossing found), then {@link #propagate} to the event and {@link #receive}. A state is always
 * "at" the time of its last call; the kernel itself keeps no per-neuron data. One kernel serves
 * every worker thread at once, each on its own neurons: it holds only derived constants in final
 * fields, and no scratch buffer (a root search's workspace belongs in local variables).
 *
 * @param <S> the state class
 */
public interface ExactKernel<S extends NeuronState> {

    /**
     * Moves neuron {@code i} from {@code fromMs} to {@code toMs} without input, honouring the
     * refractory period (the potential stays clamped until it ends). It may change only the
     * variables the state registered with {@code NeuronState.variable}: to show a neuron at a
     * sample time, or at a run's end, the engine propagates it and then restores those variables.
     * With assertions enabled ({@code java -ea}) the engine propagates each neuron it shows a second
     * time from the restored values and refuses the run where the two differ, as they do when an
     * array kept outside {@code NeuronState.variable} moved.
     *
     * @param state  the state
     * @param i      neuron index
     * @param fromMs the neuron's current time in ms
     * @param toMs   the target time in ms, {@code >= fromMs}
     */
    void propagate(S state, int i, double fromMs, double toMs);

    /**
     * The first time in {@code [fromMs, untilMs]} at which neuron {@code i}, left without input,
     * reaches threshold; a neuron already at or above threshold and not refractory crosses at
     * {@code fromMs}.
     *
     * @param state   the state at {@code fromMs}
     * @param i       neuron index
     * @param fromMs  the neuron's current time in ms
     * @param untilMs the end of the search interval in ms
     * @return the crossing time in ms, or {@code NaN} if there is none in the interval
     */
    double nextCrossingMs(S state, int i, double fromMs, double untilMs);

    /**
     * Applies an input event at the neuron's current time (delta synapses: a voltage jump;
     * current synapses: a current jump). A refractory neuron may discard it.
     *
     * @param state    the state
     * @param i        neuron index
     * @param receptor the receptor
     * @param weight   the weight in the model's weight unit
     * @param timeMs   the event time in ms, equal to the neuron's current time
     */
    void receive(S state, int i, Receptor receptor, double weight, double timeMs);

    /**
     * Emits a spike at the neuron's current time: reset and start the refractory period.
     *
     * @param state  the state
     * @param i      neuron index
     * @param timeMs the spike time in ms
     */
    void fire(S state, int i, double timeMs);

    /**
     * Where the neurons of a state take an injected current: the current that current sources,
     * constant currents, noise and sinusoidal currents feed them, piecewise constant on the grid. It
     * is an array of the state, each neuron's current in pA, added to the model's bias, which
     * {@link #propagate} and {@link #nextCrossingMs} read; the engine writes a neuron's entry at a
     * step's start, with the neuron there, whenever the sum of its current inputs changes, so the
     * kernel integrates it exactly. It is not a variable the engine restores after a sample. The
     * array is the engine's to write: a value written by anyone else is not an input the engine
     * knows of. A kernel without one returns null (the default), and precise mode refuses current
     * inputs into its population.
     *
     * @param state the state
     * @return the state's array of injected currents (pA), one per neuron, or null
     */
    default double[] injectedCurrentPa(S state) {
        return null;
    }

    /**
     * Takes over the state that a grid-mode engine left behind, before a precise-mode engine on
     * the same network runs from its own time 0: turns what only grid mode keeps (such as the
     * steps of refractoriness left) into what this kernel reads. Does nothing by default, for
     * states that mean the same in both modes.
     *
     * @param state the state
     * @param dtMs  the time step in ms
     */
    default void continueFromGrid(S state, double dtMs) {
    }
}
