package org.engram.simulator.reference;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.engram.simulator.model.LifCondExp;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.random.SplitMixRandom;
import org.engram.simulator.random.TruncatedDistribution;

/**
 * The conductance-based (COBA) benchmark network of Vogels and Abbott (2005), as in Brette et al.
 * (2007), benchmark 1: the random 80/20 network of {@link CubaNetwork}, with neurons whose synapses
 * are exponential conductances ({@link LifCondExp}).
 *
 * <p>{@code tau_m = 20 ms}, {@code C_m = 200 pF} (leak conductance 10 nS), {@code E_L = -60 mV},
 * {@code V_t = -50 mV}, {@code V_r = -60 mV}, {@code t_ref = 5 ms}, {@code E_ex = 0 mV},
 * {@code E_in = -80 mV}, {@code tau_ex = 5 ms}, {@code tau_in = 10 ms}; conductance jumps
 * {@code w_e = 6 nS} and {@code w_i = 67 nS} (0.6 and 6.7 leak conductances; inhibitory weights are
 * written negative, {@code -67}). Delays are one step. Initial conductances are drawn as the
 * benchmark's reference scripts draw them: {@code g_ex} normal with mean 40 nS and sd 15 nS,
 * {@code g_in} normal with mean 200 nS and sd 120 nS, here cut at 0 (a draw below is drawn again),
 * as a negative conductance would drive a neuron away from its reversal potential.
 *
 * <p>Every neuron also receives a bias current of 200 pA (20 mV across the leak conductance, so a
 * lone neuron would settle at -40 mV and fire at 53 Hz), and initial potentials are normal with
 * mean -55 mV and sd 5 mV, as in the COBA benchmark of ANNarchy (Vitay et al. 2015) that simulator
 * comparisons use. Without the bias the network is bistable, and how it is started decides its
 * state: from the initial conductances above ({@code g_in} near 200 nS, twenty leak conductances)
 * and {@code V} normal with mean -65 mV, as in Brette et al.'s Brian script, it falls silent (0.07 Hz
 * over its first second, nearly all in the first 10 ms); started at rest and kicked for 50 ms by
 * external Poisson input, as in NEST's and PyNN's versions, it sustains itself near 19 Hz. The bias
 * makes the benchmark's activity independent of the start.
 *
 * <p>References: T. P. Vogels and L. F. Abbott (2005), J. Neurosci. 25:10786-10795; R. Brette et
 * al. (2007), Simulation of networks of spiking neurons: a review of tools and strategies, J.
 * Comput. Neurosci. 23:349-398; J. Vitay, H. U. Dinkelbach and F. H. Hamker (2015), ANNarchy: a
 * code generation approach to neural simulations on parallel hardware, Front. Neuroinform. 9:19.
 *
 * @param neurons              total number of neurons ({@code >= 5})
 * @param connectionsPerNeuron mean number of synapses per neuron ({@code p = connections / N})
 */
public record CobaNetwork(int neurons, double connectionsPerNeuron) {
    /** Excitatory conductance jump (nS). */
    public static final double W_E_NS = 6.0;
    /** Inhibitory conductance jump (nS), negative as inhibitory weights are. */
    public static final double W_I_NS = -67.0;
    /** Bias current of every neuron (pA): 20 mV across the leak conductance of 10 nS. */
    public static final double BIAS_PA = 200.0;

    /**
     * Validates the size.
     *
     * @param neurons              total number of neurons ({@code >= 5})
     * @param connectionsPerNeuron mean number of synapses per neuron ({@code p = connections / N})
     */
    public CobaNetwork {
        VogelsAbbottWiring.requireSize("coba", neurons, connectionsPerNeuron);
    }

    /**
     * The network at a size with 80 synapses per neuron on average, as {@link CubaNetwork#of}.
     *
     * @param neurons total number of neurons, {@code >= 80}
     * @return the description
     */
    public static CobaNetwork of(int neurons) {
        return new CobaNetwork(neurons, CubaNetwork.CLASSIC_CONNECTIONS);
    }

    /** {@return the connection probability} */
    public double probability() {
        return connectionsPerNeuron / neurons;
    }

    /** {@return the parameters of every neuron} */
    public static LifCondExp.Params neuronParams() {
        return new LifCondExp.Params(20.0, 200.0, -60.0, -50.0, -60.0, 5.0, BIAS_PA, 0.0, -80.0, 5.0, 10.0);
    }

    /**
     * Builds the network.
     *
     * @param dtMs time step in ms (also the delay)
     * @param seed the seed
     * @return the network, with populations {@code "exc"} and {@code "inh"}
     */
    public Network build(double dtMs, long seed) {
        NetworkBuilder b = new NetworkBuilder(dtMs).seed(seed);
        Population<?, ?>[] populations = VogelsAbbottWiring.wire(b, neurons, probability(), LifCondExp.MODEL,
                neuronParams(), Synapses.excitatory(W_E_NS).delayMs(dtMs), Synapses.inhibitory(W_I_NS).delayMs(dtMs));
        for (Population<?, ?> p : populations) {
            b.initialise(p, "v", new NormalDistribution(new SplitMixRandom(0), -55.0, 5.0));
            b.initialise(p, "g_ex", nonNegativeNormal(40.0, 15.0));
            b.initialise(p, "g_in", nonNegativeNormal(200.0, 120.0));
        }
        return b.build();
    }

    private static TruncatedDistribution nonNegativeNormal(double mean, double sd) {
        return new TruncatedDistribution(new NormalDistribution(new SplitMixRandom(0), mean, sd), 0,
                Double.POSITIVE_INFINITY);
    }
}
