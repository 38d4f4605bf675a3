package org.engram.simulator.input;

import org.engram.simulator.ParameterException;
import org.engram.simulator.network.Population;

/**
 * A constant current from time 0 on into chosen neurons, each neuron its own amplitude: bias
 * currents that differ from neuron to neuron, where a model's {@code i_e} is one value for its whole
 * population. A neuron takes it as it takes a {@link CurrentSource}'s current from time 0 (the
 * potential one step later already feels it), so a population driven by it is heterogeneous in
 * its drive, and thus in its firing, without one population per value. In grid and precise mode.
 * {@code NetworkBuilder.constantCurrents} also draws the amplitudes from a distribution, one per
 * neuron.
 *
 * @param target       the population
 * @param neurons      population-local neurons that receive a current, or {@code null} for all
 * @param amplitudesPa the currents in pA, finite: the {@code k}-th for the {@code k}-th listed
 *                     neuron, or for neuron {@code k} when all receive one
 */
public record ConstantCurrents(Population<?, ?> target, int[] neurons, double[] amplitudesPa) {
    /**
     * Validates the indices and the amplitudes, one per neuron.
     *
     * @param target       the population
     * @param neurons      population-local neurons that receive a current, or {@code null} for all
     * @param amplitudesPa the currents in pA, finite: the {@code k}-th for the {@code k}-th listed
     *                     neuron, or for neuron {@code k} when all receive one
     */
    public ConstantCurrents {
        int count = amplitudeCount(target, neurons);
        String owner = "constant currents into '" + target.name() + "'";
        neurons = neurons == null ? null : neurons.clone();
        if (amplitudesPa == null || amplitudesPa.length != count) {
            throw new ParameterException(owner, "amplitudes_pa", "one amplitude per neuron that receives one ("
                    + count + (neurons == null ? ", the population's size)" : ", as many as neurons lists)"),
                    amplitudesPa == null ? "null" : amplitudesPa.length + (amplitudesPa.length == 1 ? " amplitude"
                            : " amplitudes"));
        }
        for (int k = 0; k < amplitudesPa.length; k++) {
            ParameterException.requireFinite(owner, "amplitudes_pa[" + k + "]", amplitudesPa[k], "pA");
        }
        amplitudesPa = amplitudesPa.clone();
    }

    /**
     * Checks the target and neurons of constant currents, as they are checked when made, before their
     * amplitudes are drawn.
     *
     * @param target  the population
     * @param neurons population-local neurons that receive a current, or {@code null} for all
     * @return how many amplitudes they take: one per listed neuron, or the population's size
     * @throws ParameterException if the target is null, or a neuron is outside it or listed twice
     */
    public static int amplitudeCount(Population<?, ?> target, int[] neurons) {
        if (target == null) {
            throw new ParameterException("constant currents", "target", "a population", "null");
        }
        ChosenNeurons.require("constant currents into '" + target.name() + "'", target, neurons);
        return neurons == null ? target.size() : neurons.length;
    }

    /** {@return a copy of the neurons, or {@code null} for all} */
    @Override
    public int[] neurons() {
        return neurons == null ? null : neurons.clone();
    }

    /** {@return a copy of the amplitudes in pA, one per neuron that receives one} */
    @Override
    public double[] amplitudesPa() {
        return amplitudesPa.clone();
    }
}
