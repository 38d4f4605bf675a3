package org.engram.simulator.input;

import org.engram.simulator.ParameterException;
import org.engram.simulator.network.Population;

/**
 * A Gaussian white-noise current (as NEST's {@code noise_generator}): at every time step each
 * chosen neuron receives {@code mean + std * z}, a fresh standard normal {@code z} of its own held
 * for the step. As the current changes every step, the fluctuation it causes depends on the step:
 * in a LIF neuron of membrane time constant {@code tau_m} and resistance {@code R}, the potential's
 * stationary standard deviation is {@code R std sqrt((1 - a) / (1 + a))} with
 * {@code a = exp(-dt / tau_m)}. Grid and precise mode draw the same currents. Each neuron draws
 * from its own stream {@code (seed, NOISE_CURRENT, source << 32 | neuron)}, so the noise does not
 * depend on the thread count.
 *
 * @param target  the population
 * @param neurons population-local neurons that receive the current, or {@code null} for all
 * @param meanPa  the mean current in pA, finite
 * @param stdPa   the standard deviation of each step's current in pA, finite and {@code >= 0}
 */
public record NoiseCurrent(Population<?, ?> target, int[] neurons, double meanPa, double stdPa) {
    /**
     * How a NEST {@code noise_generator}'s {@code std} converts to {@code std_pa} here, for hints that name it.
     * NEST 3 holds each value for its {@code dt}, by default 10 resolution steps, where this current draws anew
     * every step: equating the potential's standard deviation above (with {@code a = exp(-dt / tau_m)} for
     * either interval) gives, where {@code tau_m} is much longer than NEST's {@code dt}, a factor
     * {@code sqrt(NEST dt / dt_ms)}, {@code dt_ms} the step of the run here (NEST's resolution when the two
     * simulate on one grid).
     */
    public static final String NEST_STD = "a new value every step, where NEST's holds each for its dt (by default"
            + " 10 x the resolution): for the same membrane fluctuations give std_pa NEST's std x sqrt(NEST's dt /"
            + " dt_ms here), sqrt(10) = 3.16 x by default (near exact where tau_m is much longer than NEST's dt)";

    /**
     * Validates the values and indices.
     *
     * @param target  the population
     * @param neurons population-local neurons that receive the current, or {@code null} for all
     * @param meanPa  the mean current in pA, finite
     * @param stdPa   the standard deviation of each step's current in pA, finite and {@code >= 0}
     */
    public NoiseCurrent {
        if (target == null) {
            throw new ParameterException("noise current", "target", "a population", "null");
        }
        String owner = "noise current into '" + target.name() + "'";
        ParameterException.requireFinite(owner, "mean_pa", meanPa, "pA");
        ParameterException.requireNonNegative(owner, "std_pa", stdPa, "pA");
        ParameterException.requireFinite(owner, "std_pa", stdPa, "pA");
        neurons = ChosenNeurons.require(owner, target, neurons);
    }

    /** {@return a copy of the neurons, or {@code null} for all: the checked list cannot be changed through it} */
    @Override
    public int[] neurons() {
        return neurons == null ? null : neurons.clone();
    }
}
