package org.engram.simulator.reference;

import org.engram.simulator.ParameterException;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;

/**
 * The random network that both benchmarks of Vogels and Abbott (2005) share, {@link CubaNetwork}
 * and {@link CobaNetwork}: 80% excitatory and 20% inhibitory neurons of one model, every ordered
 * pair of distinct neurons connected with one probability.
 */
final class VogelsAbbottWiring {
    private VogelsAbbottWiring() {
    }

    /**
     * Checks a size: at least 5 neurons (one inhibitory), a positive mean number of synapses per
     * neuron, at most one per neuron.
     *
     * @param owner                the network's name, for messages
     * @param neurons              total number of neurons
     * @param connectionsPerNeuron mean number of synapses per neuron
     */
    static void requireSize(String owner, int neurons, double connectionsPerNeuron) {
        if (neurons < 5) {
            throw new ParameterException(owner, "neurons", "an integer >= 5", neurons);
        }
        ParameterException.requirePositive(owner, "connections", connectionsPerNeuron, "synapses per neuron");
        if (connectionsPerNeuron > neurons) {
            throw new ParameterException(owner, "connections", "at most the number of neurons (" + neurons + ")",
                    connectionsPerNeuron);
        }
    }

    /**
     * Adds populations {@code "exc"} (80%, rounded) and {@code "inh"} and their four projections,
     * without autapses.
     *
     * @param b           the builder
     * @param neurons     total number of neurons
     * @param probability connection probability
     * @param model       the neuron model of both populations
     * @param params      its parameters
     * @param excitatory  the synapses of excitatory neurons
     * @param inhibitory  the synapses of inhibitory neurons
     * @param <P>         the parameter record
     * @return the excitatory and the inhibitory population
     */
    static <P extends Record> Population<?, ?>[] wire(NetworkBuilder b, int neurons, double probability,
                                                      NeuronModel<P, ?> model, P params, Synapses excitatory,
                                                      Synapses inhibitory) {
        int ne = (int) Math.round(neurons * 0.8);
        Population<?, ?> exc = b.population("exc", ne, model, params);
        Population<?, ?> inh = b.population("inh", neurons - ne, model, params);
        var rule = Rules.fixedProbability(probability).withAutapses(false);
        b.connect("exc->exc", exc, exc, rule, excitatory);
        b.connect("exc->inh", exc, inh, rule, excitatory);
        b.connect("inh->exc", inh, exc, rule, inhibitory);
        b.connect("inh->inh", inh, inh, rule, inhibitory);
        return new Population<?, ?>[] {exc, inh};
    }
}
