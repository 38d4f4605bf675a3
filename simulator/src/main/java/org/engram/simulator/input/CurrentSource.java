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
 * <p>An amplitude acts from the step that starts at its change time: the potential at
 * {@code timesMs[k] + dt} already feels it. NEST's current generators reach a neuron through a
 * connection's delay instead, a step or more later, so the same times act earlier here.
 *
 * @param target       the population
 * @param neurons      population-local neurons that receive the current, or {@code null} for all
 * @param timesMs      change times in ms, strictly increasing, {@code >= 0}
 * @param amplitudesPa the current from each change time on, in pA
 */
public record CurrentSource(Population<?, ?> target, int[] neurons, double[] timesMs, double[] amplitudesPa) {
    /**
     * Validates shapes, order and indices.
     *
     * @param target       the population
     * @param neurons      population-local neurons that receive the current, or {@code null} for all
     * @param timesMs      change times in ms, strictly increasing, {@code >= 0}
     * @param amplitudesPa the current from each change time on, in pA
     */
    public CurrentSource {
        if (target == null) {
            throw new ParameterException("current source", "target", "a population", "null");
        }
        String owner = "current source into '" + target.name() + "'";
        ChangeTimes.requireSchedule(owner, timesMs, amplitudesPa, "amplitudes_pa", "amplitude");
        for (int k = 0; k < amplitudesPa.length; k++) {
            ParameterException.requireFinite(owner, "amplitudes_pa[" + k + "]", amplitudesPa[k], "pA");
        }
        neurons = ChosenNeurons.require(owner, target, neurons);
        timesMs = timesMs.clone();
        amplitudesPa = amplitudesPa.clone();
    }

    /** {@return a copy of the neurons, or {@code null} for all} */
    @Override
    public int[] neurons() {
        return neurons == null ? null : neurons.clone();
    }

    /** {@return a copy of the change times in ms} */
    @Override
    public double[] timesMs() {
        return timesMs.clone();
    }

    /** {@return a copy of the amplitudes in pA, one per change time} */
    @Override
    public double[] amplitudesPa() {
        return amplitudesPa.clone();
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
     * A rectangular pulse: the source with change times {@code {startMs, stopMs}} and amplitudes
     * {@code {amplitude, 0}}, so that messages about its times, here and when the network is built
     * (a time that is not a whole number of steps), name the start {@code times_ms[0]} and the stop
     * {@code times_ms[1]}.
     *
     * @param target    the population
     * @param neurons   the neurons, or {@code null} for all
     * @param startMs   pulse start in ms, {@code >= 0}
     * @param stopMs    pulse end in ms, {@code > startMs}
     * @param amplitude the current in pA
     * @return the source
     * @throws ParameterException if a time breaks its rule, or a neuron is outside the population
     */
    public static CurrentSource pulse(Population<?, ?> target, int[] neurons, double startMs, double stopMs,
                                      double amplitude) {
        return new CurrentSource(target, neurons, new double[] {startMs, stopMs}, new double[] {amplitude, 0});
    }
}
