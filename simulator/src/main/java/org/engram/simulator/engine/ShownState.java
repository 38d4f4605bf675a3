package org.engram.simulator.engine;

import java.util.ArrayList;
import java.util.List;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.engram.simulator.model.ExactKernel;
import org.engram.simulator.model.ExactLifState;
import org.engram.simulator.model.NeuronState;
import org.engram.simulator.network.Population;

/**
 * Precise mode: shows a population's neurons at a common time without moving them.
 *
 * <p>Inside a run each neuron lives at its own time, that of its last event, and is propagated
 * exactly from event to event. Propagating in two pieces differs from one piece in the last
 * bits, and a recurrent network amplifies such differences, so looking at the state must not
 * leave a neuron moved: a state sample propagates the neuron to the sample time, reads it and
 * restores it ({@link #hold}, {@link #release}); the end of a run shows every neuron at the
 * current time, so users read the state they expect, and the next run takes back the neurons the
 * user left alone ({@link #show}, {@link #resume}). A run split in pieces, or recorded, thus
 * follows the same trajectory as one unrecorded run. A neuron whose recordable variables, or end of
 * refractoriness ({@link ExactLifState#refractoryUntilMs}), the user changed between runs starts from
 * the changed values at the current time, and so does every neuron of a state that reported other
 * changes ({@link NeuronState#changed}).
 */
final class ShownState {
    private final Population<?, ?> population;
    private final NeuronState state;
    private final double[][] variables;
    private final String[] names;
    private final int width;
    /** Per neuron, its recordable values at its own time. */
    private final double[] own;
    /** Per neuron, the values shown at the end of the last run, to tell which the user changed. */
    private final double[] shown;
    /** Per neuron, its values as last shown; held only with assertions enabled ({@link #showsAgain}). */
    private final double[] seen;
    private boolean showing;
    private int revisionShown;

    /**
     * Shows a population's state.
     *
     * @param population the population, whose state it shows
     * @throws ParameterException naming the population, if its neurons' values fill more than one Java array
     */
    ShownState(Population<?, ?> population) {
        this.population = population;
        this.state = population.state();
        List<double[]> watched = new ArrayList<>(state.recordables().values());
        List<String> watchedNames = new ArrayList<>(state.recordables().keySet());
        if (state instanceof ExactLifState lif) {
            // Not recordable, but code may write it between runs: a neuron made refractory then must not fire at
            // the time predicted before.
            watched.add(lif.refractoryUntilMs);
            watchedNames.add("refractoryUntilMs");
        }
        variables = watched.toArray(new double[0][]);
        names = watchedNames.toArray(new String[0]);
        width = variables.length;
        requireOneArray(population.name(), state.size(), width);
        own = new double[width * state.size()];
        shown = new double[width * state.size()];
        seen = ShownState.class.desiredAssertionStatus() ? new double[width * state.size()] : null;
    }

    /**
     * Refuses a population whose watched values, {@code width} per neuron, would not fit one Java array.
     *
     * @param population the population's name, for the message
     * @param size       its neurons
     * @param width      the values watched per neuron
     * @throws ParameterException naming the population, its size and the width
     */
    static void requireOneArray(String population, int size, int width) {
        if ((long) width * size > Integer.MAX_VALUE - 8) {
            throw new ParameterException("engine", "precise mode", "neurons x values watched per neuron (recordable "
                    + "variables, end of refractoriness) <= " + (Integer.MAX_VALUE - 8) + " per population",
                    "'" + population + "': " + size + " x " + width);
        }
    }

    /**
     * Keeps neuron {@code i}'s values before it is propagated for a sample; distinct neurons may be
     * held concurrently.
     */
    void hold(int i) {
        copy(i, own);
    }

    /** Gives neuron {@code i} back the values it had when held. */
    void release(int i) {
        int at = i * width;
        for (int k = 0; k < width; k++) {
            variables[k][i] = own[at + k];
        }
    }

    /** Ends a run: propagates every neuron to {@code nowMs}, keeping where each was. */
    <S extends NeuronState> void show(BoundKernels.ExactUpdate<S> exact, double[] timeMs, double nowMs) {
        ExactKernel<S> kernel = exact.kernel();
        S state = exact.state();
        for (int i = 0; i < timeMs.length; i++) {
            hold(i);
            if (timeMs[i] < nowMs) {
                kernel.propagate(state, i, timeMs[i], nowMs);
                assert showsAgain(kernel, state, i, timeMs[i], nowMs);
            }
            copy(i, shown);
        }
        revisionShown = state.revision();
        showing = true;
    }

    /**
     * Starts a run after {@link #show}: neurons the user left alone go back to their own time
     * and values; a changed neuron (every neuron, if the state reported a change) starts at
     * {@code nowMs}, its predicted crossing marked stale.
     */
    void resume(double[] timeMs, double[] horizonMs, double nowMs) {
        if (!showing) {
            return;
        }
        boolean restart = state.revision() != revisionShown;
        for (int i = 0; i < timeMs.length; i++) {
            if (!restart && unchanged(i)) {
                release(i);
            } else {
                timeMs[i] = nowMs;
                horizonMs[i] = Double.NEGATIVE_INFINITY;
            }
        }
        showing = false;
    }

    /**
     * Holds an exact kernel to its word that {@code propagate} changes only the values that {@link #release}
     * gives back (the recordable variables, and {@link ExactLifState#refractoryUntilMs}): neuron {@code i},
     * just shown at {@code toMs}, is given back its held values and propagated there again, and must show the
     * same values to the bit. A kernel that also moves an array its state did not register (a synaptic current
     * kept outside {@code NeuronState.variable}) moves that array twice, so that each sample, and each run's
     * end, changed the run: its spikes then differed with the recorders. Called with assertions enabled only
     * ({@code java -ea}, as Maven runs tests), as it propagates each shown neuron twice; the neuron is left
     * shown, as before the call.
     *
     * @return true, for an {@code assert}
     * @throws EngramException naming the population, its model, the neuron and the first value that differed
     */
    <S extends NeuronState> boolean showsAgain(ExactKernel<S> kernel, S state, int i, double fromMs, double toMs) {
        copy(i, seen);
        release(i);
        kernel.propagate(state, i, fromMs, toMs);
        int at = i * width;
        for (int k = 0; k < width; k++) {
            if (Double.doubleToRawLongBits(variables[k][i]) != Double.doubleToRawLongBits(seen[at + k])) {
                throw new EngramException(KernelOwner.of(population), "exact kernel", "propagate(state, " + i + ", "
                        + fromMs + ", " + toMs + ") to change only " + String.join(", ", names) + ", which a state"
                        + " sample and a run's end give back after showing a neuron, so that propagating again"
                        + " from them shows the same", names[k] + "[" + i + "] = " + seen[at + k] + " after one"
                        + " call and " + variables[k][i] + " after the next", "register every array that"
                        + " propagate changes with NeuronState.variable(name, unit)");
            }
        }
        return true;
    }

    private void copy(int i, double[] into) {
        int at = i * width;
        for (int k = 0; k < width; k++) {
            into[at + k] = variables[k][i];
        }
    }

    private boolean unchanged(int i) {
        int at = i * width;
        for (int k = 0; k < width; k++) {
            if (Double.doubleToRawLongBits(variables[k][i]) != Double.doubleToRawLongBits(shown[at + k])) {
                return false;
            }
        }
        return true;
    }
}
