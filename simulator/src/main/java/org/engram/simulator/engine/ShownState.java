package org.engram.simulator.engine;

import java.util.ArrayList;
import java.util.List;
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
    private final NeuronState state;
    private final double[][] variables;
    private final int width;
    /** Per neuron, its recordable values at its own time. */
    private final double[] own;
    /** Per neuron, the values shown at the end of the last run, to tell which the user changed. */
    private final double[] shown;
    private boolean showing;
    private int revisionShown;

    /**
     * Shows a population's state.
     *
     * @param population the population, whose state it shows
     * @throws ParameterException naming the population, if its neurons' values fill more than one Java array
     */
    ShownState(Population<?, ?> population) {
        this.state = population.state();
        List<double[]> watched = new ArrayList<>(state.recordables().values());
        if (state instanceof ExactLifState lif) {
            // Not recordable, but code may write it between runs: a neuron made refractory then must not fire at
            // the time predicted before.
            watched.add(lif.refractoryUntilMs);
        }
        variables = watched.toArray(new double[0][]);
        width = variables.length;
        requireOneArray(population.name(), state.size(), width);
        own = new double[width * state.size()];
        shown = new double[width * state.size()];
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
