package org.engram.simulator.input;

import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.network.Population;

/**
 * A piecewise-constant current injected into chosen neurons: zero until {@code timesMs[0]}, then
 * {@code amplitudesPa[k]} from {@code timesMs[k]} on. A constant current is one step at time 0;
 * a pulse is two steps, the second back to zero. Change times are whole steps of the network's
 * time grid, checked when the network is built.
 *
 * @param target       the population
 * @param neurons      population-local neurons that receive the current, or {@code null} for all
 * @param timesMs      change times in ms, strictly increasing, {@code >= 0}
 * @param amplitudesPa the current from each change time on, in pA
 */
public record CurrentSource(Population<?, ?> target, int[] neurons, double[] timesMs, double[] amplitudesPa) {
    /** Validates shapes, order and indices. */
    public CurrentSource {
        if (target == null) {
            throw new ParameterException("current source", "target", "a population", "null");
        }
        String owner = "current source into '" + target.name() + "'";
        ChangeTimes.requireSchedule(owner, timesMs, amplitudesPa, "amplitudes_pa", "amplitude");
        for (int k = 0; k < amplitudesPa.length; k++) {
            ParameterException.requireFinite(owner, "amplitudes_pa[" + k + "]", amplitudesPa[k], "pA");
        }
        neurons = requireNeurons(owner, target, neurons);
        timesMs = timesMs.clone();
        amplitudesPa = amplitudesPa.clone();
    }

    /** @return a copy of the neurons, or {@code null} for all */
    @Override
    public int[] neurons() {
        return neurons == null ? null : neurons.clone();
    }

    /** @return a copy of the change times in ms */
    @Override
    public double[] timesMs() {
        return timesMs.clone();
    }

    /** @return a copy of the amplitudes in pA, one per change time */
    @Override
    public double[] amplitudesPa() {
        return amplitudesPa.clone();
    }

    /**
     * Checks the neurons a current goes into, as every current input takes them.
     *
     * @param owner   the input, for messages
     * @param target  the population
     * @param neurons population-local indices, or {@code null} for all
     * @return a copy of the indices, or {@code null}
     * @throws ParameterException for an empty list, an index outside the population, or one listed twice
     */
    static int[] requireNeurons(String owner, Population<?, ?> target, int[] neurons) {
        if (neurons == null) {
            return null;
        }
        if (neurons.length == 0) {
            // It would inject nothing: a list left empty by mistake, not a wish.
            throw new ParameterException(owner, "neurons", "at least one neuron index (null or, in a config, no "
                    + "key: every neuron)", "an empty list");
        }
        boolean[] listed = new boolean[target.size()];
        for (int i : neurons) {
            if (i < 0 || i >= target.size()) {
                throw new ParameterException(owner, "neurons", "indices in [0, " + target.size() + ")", i);
            }
            if (listed[i]) {
                // A neuron listed twice would receive the current twice.
                throw new ParameterException(owner, "neurons", "distinct indices", i + " listed twice");
            }
            listed[i] = true;
        }
        return neurons.clone();
    }

    /**
     * The change times as steps of a time grid.
     *
     * @param grid the grid of the network the source feeds
     * @return the step at which each amplitude takes over
     * @throws ParameterException naming the change time that is not a whole number of steps
     */
    public int[] changeSteps(TimeGrid grid) {
        return ChangeTimes.steps(grid, "current source into '" + target.name() + "'", timesMs);
    }

    /**
     * A constant current from time 0 on.
     *
     * @param target    the population
     * @param neurons   the neurons, or {@code null} for all
     * @param amplitude the current in pA
     * @return the source
     */
    public static CurrentSource constant(Population<?, ?> target, int[] neurons, double amplitude) {
        return new CurrentSource(target, neurons, new double[] {0}, new double[] {amplitude});
    }

    /**
     * A rectangular pulse.
     *
     * @param target    the population
     * @param neurons   the neurons, or {@code null} for all
     * @param startMs   pulse start in ms
     * @param stopMs    pulse end in ms
     * @param amplitude the current in pA
     * @return the source
     */
    public static CurrentSource pulse(Population<?, ?> target, int[] neurons, double startMs, double stopMs,
                                      double amplitude) {
        return new CurrentSource(target, neurons, new double[] {startMs, stopMs}, new double[] {amplitude, 0});
    }
}
