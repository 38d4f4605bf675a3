package org.engram.simulator.input;

import org.engram.simulator.ParameterException;
import org.engram.simulator.Problems;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.Population;

/**
 * Independent Poisson spike trains into every neuron of a population, or into chosen ones, each
 * with its own random stream: the external drive of Brunel (2000), where each neuron receives
 * {@code C_E} external synapses firing at {@code nu_ext} (equivalently one train at
 * {@code C_E * nu_ext}). Chosen neurons are as NEST's {@code poisson_generator} connected to a
 * subset of a population; the neurons left out receive nothing from the input.
 *
 * <p>The rate may change over time, as with NEST's {@code inhomogeneous_poisson_generator}: it is
 * 0 until {@code timesMs[0]}, then {@code ratesHz[k]} from {@code timesMs[k]} on (change times are
 * whole steps of the network's grid, on each engine's clock as for a {@link CurrentSource}). A
 * constant rate is one change at time 0.
 *
 * <p>In grid mode the engine draws, per neuron and step, a Poisson count with mean
 * {@code rate * dt}; in precise mode it draws each event's exact time, rescaling an exponential
 * draw by the rate in force (across a change, the part of the draw the old rate did not use goes
 * on at the new one, which the Poisson process's lack of memory makes exact). The train of neuron
 * {@code i} comes from stream {@code (seed, POISSON_INPUT, input index, i)} alone; in grid mode
 * its count at a step depends on the step and the rate, not on the rates before. Neuron {@code i}
 * therefore receives the same train whether the input drives every neuron or chosen ones among
 * which it is.
 *
 * @param target   the population that receives the input
 * @param neurons  population-local neurons that receive a train, distinct, in any order; or
 *                 {@code null} for every neuron
 * @param timesMs  the times at which the rate changes, in ms: at least one, {@code >= 0},
 *                 strictly increasing
 * @param ratesHz  the rate of each neuron's train from each change time on, in Hz (finite,
 *                 {@code >= 0})
 * @param weight   the weight of each event, in the target model's weight unit (mV, pA or nS)
 * @param receptor the receptor; the weight's sign must fit it
 */
public record PoissonInput(Population<?, ?> target, int[] neurons, double[] timesMs, double[] ratesHz,
                           double weight, Receptor receptor) {
    /**
     * Validates the schedule, the rates, the weight's sign and the neurons.
     *
     * @param target   the population that receives the input
     * @param neurons  population-local neurons that receive a train, distinct, in any order; or
     *                 {@code null} for every neuron
     * @param timesMs  the times at which the rate changes, in ms: at least one, {@code >= 0},
     *                 strictly increasing
     * @param ratesHz  the rate of each neuron's train from each change time on, in Hz (finite,
     *                 {@code >= 0})
     * @param weight   the weight of each event, in the target model's weight unit (mV, pA or nS)
     * @param receptor the receptor; the weight's sign must fit it
     */
    public PoissonInput {
        if (target == null) {
            throw new ParameterException("poisson input", "target", "a population", "null");
        }
        String owner = owner(target.name());
        // Every problem at once, as a config reports them.
        Problems problems = new Problems(owner);
        double[] times = timesMs;
        double[] rates = ratesHz;
        if (problems.check(() -> ChangeTimes.requireSchedule(owner, times, rates, "rates_hz", "rate"))) {
            for (int k = 0; k < ratesHz.length; k++) {
                problems.nonNegative("rates_hz[" + k + "]", ratesHz[k], "Hz");
            }
        }
        if (problems.require(receptor != null, "receptor", "excitatory or inhibitory", "null")) {
            problems.check(() -> requireWeight(target.name(), weight, receptor));
        }
        int[] given = neurons;
        int[][] chosen = new int[1][];
        problems.check(() -> chosen[0] = ChosenNeurons.require(owner, target, given));
        problems.throwIfAny();
        neurons = chosen[0];
        timesMs = timesMs.clone();
        ratesHz = ratesHz.clone();
    }

    /**
     * Drive into every neuron, at a rate that may change over time.
     *
     * @param target   the population that receives the input
     * @param timesMs  the times at which the rate changes, in ms: at least one, {@code >= 0},
     *                 strictly increasing
     * @param ratesHz  the rate of each neuron's train from each change time on, in Hz (finite,
     *                 {@code >= 0})
     * @param weight   the weight of each event, in the target model's weight unit (mV, pA or nS)
     * @param receptor the receptor; the weight's sign must fit it
     */
    public PoissonInput(Population<?, ?> target, double[] timesMs, double[] ratesHz, double weight,
                        Receptor receptor) {
        this(target, null, timesMs, ratesHz, weight, receptor);
    }

    /** {@return a copy of the neurons that receive a train, or {@code null} for every neuron} */
    @Override
    public int[] neurons() {
        return neurons == null ? null : neurons.clone();
    }

    /** {@return a copy of the change times in ms} */
    @Override
    public double[] timesMs() {
        return timesMs.clone();
    }

    /** {@return a copy of the rates in Hz, one per change time} */
    @Override
    public double[] ratesHz() {
        return ratesHz.clone();
    }

    /**
     * Drive into every neuron at a constant rate from time 0 on.
     *
     * @param target   the population that receives the input
     * @param rateHz   the rate of each neuron's train, in Hz (finite, {@code >= 0})
     * @param weight   the weight of each event, in the target model's weight unit (mV, pA or nS)
     * @param receptor the receptor; the weight's sign must fit it
     */
    public PoissonInput(Population<?, ?> target, double rateHz, double weight, Receptor receptor) {
        this(target, null, rateHz, weight, receptor);
    }

    /**
     * Drive into chosen neurons at a constant rate from time 0 on.
     *
     * @param target   the population that receives the input
     * @param neurons  population-local neurons that receive a train, distinct, in any order; or
     *                 {@code null} for every neuron
     * @param rateHz   the rate of each chosen neuron's train, in Hz (finite, {@code >= 0})
     * @param weight   the weight of each event, in the target model's weight unit (mV, pA or nS)
     * @param receptor the receptor; the weight's sign must fit it
     */
    public PoissonInput(Population<?, ?> target, int[] neurons, double rateHz, double weight, Receptor receptor) {
        this(target, neurons, new double[] {0}, new double[] {checkedRate(target, rateHz)}, weight, receptor);
    }

    /** Checks a constant rate under its own name, before the schedule would call it {@code rates_hz[0]}. */
    private static double checkedRate(Population<?, ?> target, double rateHz) {
        if (target != null) {
            requireRate(target.name(), rateHz);
        }
        return rateHz;
    }

    /**
     * Checks a constant rate as the constructor does, so that a config can report a bad rate
     * together with its other problems.
     *
     * @param target the target population's name, for the message
     * @param rateHz the rate of each neuron's train, in Hz
     * @throws ParameterException unless the rate is finite and {@code >= 0}
     */
    public static void requireRate(String target, double rateHz) {
        ParameterException.requireNonNegative(owner(target), "rate_hz", rateHz, "Hz");
    }

    /**
     * Checks an input's weight as the constructor does, so that a config can report it with its other
     * problems.
     *
     * @param target   the target population's name, for the message
     * @param weight   the weight of each event, in the target model's weight unit
     * @param receptor the receptor, whose sign the weight must have
     * @throws ParameterException if the weight is not finite or has the other sign
     */
    public static void requireWeight(String target, double weight, Receptor receptor) {
        ParameterException.requireFinite(owner(target), "weight", weight, "the target model's unit, mV or pA");
        if (!receptor.accepts(weight)) {
            throw new ParameterException(owner(target), "weight", receptor.weightRule(), weight);
        }
    }

    /**
     * The change times as steps of a time grid.
     *
     * @param grid the grid of the network the input feeds
     * @return the step at which each rate takes over
     * @throws ParameterException naming the change time that is not a whole number of steps
     */
    public int[] changeSteps(TimeGrid grid) {
        return ChangeTimes.steps(grid, owner(target.name()), timesMs);
    }

    /**
     * The name of rate {@code k} in messages: {@code rate_hz} for a constant rate from time 0.
     *
     * @param k the rate's index
     * @return the name
     */
    public String rateKey(int k) {
        return ratesHz.length == 1 && timesMs[0] == 0 ? "rate_hz" : "rates_hz[" + k + "]";
    }

    private static String owner(String target) {
        return "poisson input to '" + target + "'";
    }
}
