package org.engram.simulator.input;

import org.engram.simulator.ParameterException;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.Population;

/**
 * Independent Poisson spike trains into every neuron of a population, each with its own random
 * stream: the external drive of Brunel (2000), where each neuron receives {@code C_E} external
 * synapses firing at {@code nu_ext} (equivalently one train at {@code C_E * nu_ext}).
 *
 * <p>In grid mode the engine draws, per neuron and step, a Poisson count with mean
 * {@code rate * dt}; in precise mode it draws exponential inter-event intervals, so events have
 * exact times. The train of neuron {@code i} comes from stream
 * {@code (seed, POISSON_INPUT, input index, i)} alone.
 *
 * @param target   the population that receives the input
 * @param rateHz   the rate of each neuron's train, in Hz (finite, {@code >= 0})
 * @param weight   the weight of each event, in the target model's unit (mV or pA)
 * @param receptor the receptor; the weight's sign must fit it
 */
public record PoissonInput(Population<?, ?> target, double rateHz, double weight, Receptor receptor) {
    /** Validates the rate and the weight's sign. */
    public PoissonInput {
        if (target == null) {
            throw new ParameterException("poisson input", "target", "a population", "null");
        }
        String owner = "poisson input to '" + target.name() + "'";
        requireRate(target.name(), rateHz);
        if (receptor == null) {
            throw new ParameterException(owner, "receptor", "excitatory or inhibitory", "null");
        }
        ParameterException.requireFinite(owner, "weight", weight, "the target model's unit, mV or pA");
        if (!receptor.accepts(weight)) {
            throw new ParameterException(owner, "weight", receptor.weightRule(), weight);
        }
    }

    /**
     * Checks a rate as the constructor does, so that a config can report a bad rate together with
     * its other problems.
     *
     * @param target the target population's name, for the message
     * @param rateHz the rate of each neuron's train, in Hz
     * @throws ParameterException unless the rate is finite and {@code >= 0}
     */
    public static void requireRate(String target, double rateHz) {
        ParameterException.requireNonNegative("poisson input to '" + target + "'", "rate_hz", rateHz, "Hz");
        ParameterException.requireFinite("poisson input to '" + target + "'", "rate_hz", rateHz, "Hz");
    }
}
