package org.engram.simulator.reference;

import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.model.LifExp;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.random.SplitMixRandom;

/**
 * The current-based (CUBA) benchmark network of Vogels and Abbott (2005), as in Brette et al.
 * (2007), benchmark 2: 80% excitatory, 20% inhibitory LIF neurons with exponential current
 * synapses, random connectivity with probability {@code p}, activity sustained by the network.
 *
 * <p>{@code tau_m = 20 ms}, {@code tau_e = 5 ms}, {@code tau_i = 10 ms}, {@code V_t = -50 mV},
 * {@code V_r = -60 mV}, {@code E_L = -49 mV}, {@code t_ref = 5 ms}. Synaptic strengths are given
 * in the benchmark as jumps of the synaptic variable in voltage units, {@code w_e = 1.62 mV} and
 * {@code w_i = -9 mV}; with {@code tau_m dV/dt = -(V - E_L) + g} these become current jumps
 * {@code w C_m / tau_m} (20.25 pA and -112.5 pA for {@code C_m = 250 pF}). Delays are one step;
 * initial potentials are uniform in [V_r, V_t].
 *
 * <p>References: T. P. Vogels and L. F. Abbott (2005), J. Neurosci. 25:10786-10795; R. Brette et
 * al. (2007), Simulation of networks of spiking neurons: a review of tools and strategies, J.
 * Comput. Neurosci. 23:349-398.
 *
 * @param neurons           total number of neurons ({@code >= 5})
 * @param connectionsPerNeuron mean number of synapses per neuron ({@code p = connections / N})
 */
public record CubaNetwork(int neurons, double connectionsPerNeuron) {
    /** The classic size. */
    public static final int CLASSIC_NEURONS = 4_000;
    /** The classic mean out-degree (p = 0.02 at N = 4000). */
    public static final double CLASSIC_CONNECTIONS = 80.0;
    /** Membrane capacitance (pF); only converts voltage-unit weights to currents. */
    public static final double C_M = 250.0;
    /** Membrane time constant (ms). */
    public static final double TAU_M = 20.0;
    /** Excitatory weight in voltage units (mV). */
    public static final double W_E_MV = 1.62;
    /** Inhibitory weight in voltage units (mV). */
    public static final double W_I_MV = -9.0;

    /**
     * Validates the size.
     *
     * @param neurons              total number of neurons ({@code >= 5})
     * @param connectionsPerNeuron mean number of synapses per neuron ({@code p = connections / N})
     */
    public CubaNetwork {
        VogelsAbbottWiring.requireSize("cuba", neurons, connectionsPerNeuron);
    }

    /**
     * The network at a size with 80 synapses per neuron on average.
     *
     * @param neurons total number of neurons, {@code >= 80}
     * @return the description
     */
    public static CubaNetwork of(int neurons) {
        return new CubaNetwork(neurons, CLASSIC_CONNECTIONS);
    }

    /** {@return the connection probability} */
    public double probability() {
        return connectionsPerNeuron / neurons;
    }

    /** {@return the LIF parameters of every neuron} */
    public static LifExp.Params neuronParams() {
        return new LifExp.Params(TAU_M, C_M, -49.0, -50.0, -60.0, 5.0, 0.0, 5.0, 10.0);
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
        double toCurrent = C_M / TAU_M;
        Population<?, ?>[] populations = VogelsAbbottWiring.wire(b, neurons, probability(), LifExp.MODEL,
                neuronParams(), Synapses.excitatory(W_E_MV * toCurrent).delayMs(dtMs),
                Synapses.inhibitory(W_I_MV * toCurrent).delayMs(dtMs));
        UniformRealDistribution v0 = new UniformRealDistribution(new SplitMixRandom(0), -60.0, -50.0);
        for (Population<?, ?> p : populations) {
            b.initialise(p, "v", v0);
        }
        return b.build();
    }
}
