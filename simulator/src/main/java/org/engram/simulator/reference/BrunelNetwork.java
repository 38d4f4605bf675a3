package org.engram.simulator.reference;

import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.ParameterException;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.engram.simulator.random.SplitMixRandom;

/**
 * The sparsely connected excitatory-inhibitory network of Brunel (2000), model A: LIF neurons
 * with delta synapses, fixed in-degrees drawn without repetition, and independent external
 * Poisson drive.
 *
 * <p>At scale 1: {@code N_E = 10000}, {@code N_I = 2500}, {@code C_E = 1000}, {@code C_I = 250},
 * {@code J = 0.1 mV}, inhibitory weight {@code -g J}, delay 1.5 ms, {@code tau_m = 20 ms},
 * {@code theta = 20 mV}, {@code V_reset = 10 mV}, {@code t_ref = 2 ms}, {@code V(0) = 0}; input
 * arriving during the refractory period is discarded. Each neuron receives {@code C_E}
 * independent external trains at {@code nu_ext = eta theta / (J C_E tau_m)}, generated as one
 * Poisson train at {@code C_E nu_ext} (a sum of independent Poisson processes is Poisson).
 * A scale {@code s} multiplies population sizes and in-degrees alike.
 *
 * <p>With {@code g = 5}, {@code eta = 2} (Brunel's Fig. 8C) the network is in the
 * asynchronous-irregular regime by Brunel's classification: single neurons fire irregularly
 * (CV of their intervals about 0.4 at full size), while the population rate, near the border of
 * the fast synchronous-irregular state, carries a weak oscillation near 115 Hz.
 *
 * <p>Reference: N. Brunel (2000), Dynamics of sparsely connected networks of excitatory and
 * inhibitory spiking neurons, J. Comput. Neurosci. 8:183-208.
 *
 * @param scale     size factor ({@code > 0}); 1 is the full 12,500-neuron network
 * @param g         relative inhibitory strength
 * @param eta       external drive relative to threshold
 * @param initialV  whether membrane potentials start uniformly in [0, theta) instead of at 0
 */
public record BrunelNetwork(double scale, double g, double eta, boolean initialV) {
    /** Full-size excitatory population. */
    public static final int N_E = 10_000;
    /** Full-size inhibitory population. */
    public static final int N_I = 2_500;
    /** Excitatory in-degree at full size. */
    public static final int C_E = 1_000;
    /** Inhibitory in-degree at full size. */
    public static final int C_I = 250;
    /** The smallest scale, at which the inhibitory in-degree {@code C_I x scale} rounds up to one input. */
    public static final double SMALLEST_SCALE = 0.5 / C_I;
    /** Excitatory weight (mV). */
    public static final double J = 0.1;
    /** Delay (ms). */
    public static final double DELAY_MS = 1.5;
    /** Membrane time constant (ms). */
    public static final double TAU_M = 20.0;
    /** Threshold (mV). */
    public static final double THETA = 20.0;
    /** Reset (mV). */
    public static final double V_RESET = 10.0;
    /** Refractory period (ms). */
    public static final double T_REF = 2.0;

    /**
     * Validates the arguments.
     *
     * @param scale    size factor ({@code > 0}); 1 is the full 12,500-neuron network
     * @param g        relative inhibitory strength
     * @param eta      external drive relative to threshold
     * @param initialV whether membrane potentials start uniformly in [0, theta) instead of at 0
     */
    public BrunelNetwork {
        ParameterException.requirePositive("brunel", "scale", scale, "factor");
        ParameterException.requireNonNegative("brunel", "g", g, "ratio");
        ParameterException.requireNonNegative("brunel", "eta", eta, "ratio");
        if (scale < SMALLEST_SCALE) {
            throw new ParameterException("brunel", "scale", "a factor giving at least one inhibitory input ("
                    + "scale >= " + SMALLEST_SCALE + ", which rounds C_I x scale up to 1)", scale);
        }
    }

    /**
     * The network of Brunel's Fig. 8C regime (g = 5, eta = 2) at a scale.
     *
     * @param scale size factor; 1 is the full network
     * @return the description
     */
    public static BrunelNetwork asynchronousIrregular(double scale) {
        return new BrunelNetwork(scale, 5.0, 2.0, false);
    }

    /** {@return the number of excitatory neurons} */
    public int excitatory() {
        return (int) Math.round(N_E * scale);
    }

    /** {@return the number of inhibitory neurons} */
    public int inhibitory() {
        return (int) Math.round(N_I * scale);
    }

    /** {@return the excitatory in-degree} */
    public int excitatoryInDegree() {
        return (int) Math.round(C_E * scale);
    }

    /** {@return the inhibitory in-degree} */
    public int inhibitoryInDegree() {
        return (int) Math.round(C_I * scale);
    }

    /** {@return the rate of each neuron's external Poisson train in Hz: {@code C_E nu_ext}} */
    public double externalRateHz() {
        double nuThresholdKhz = THETA / (J * excitatoryInDegree() * TAU_M);
        return eta * nuThresholdKhz * excitatoryInDegree() * 1000.0;
    }

    /**
     * Builds the network.
     *
     * @param dtMs time step in ms (1.5 ms must be a whole number of steps)
     * @param seed the seed
     * @return the network, with populations {@code "exc"} and {@code "inh"}
     */
    public Network build(double dtMs, long seed) {
        NetworkBuilder b = new NetworkBuilder(dtMs).seed(seed);
        LifDelta.Params params = new LifDelta.Params(TAU_M, 250.0, 0.0, THETA, V_RESET, T_REF, 0.0);
        Population<?, ?> exc = b.population("exc", excitatory(), LifDelta.MODEL, params);
        Population<?, ?> inh = b.population("inh", inhibitory(), LifDelta.MODEL, params);
        Synapses excitatorySynapses = Synapses.excitatory(J).delayMs(DELAY_MS);
        Synapses inhibitorySynapses = Synapses.inhibitory(-g * J).delayMs(DELAY_MS);
        var fromExc = Rules.fixedInDegree(excitatoryInDegree()).withAutapses(false).withMultapses(false);
        var fromInh = Rules.fixedInDegree(inhibitoryInDegree()).withAutapses(false).withMultapses(false);
        b.connect("exc->exc", exc, exc, fromExc, excitatorySynapses);
        b.connect("exc->inh", exc, inh, fromExc, excitatorySynapses);
        b.connect("inh->exc", inh, exc, fromInh, inhibitorySynapses);
        b.connect("inh->inh", inh, inh, fromInh, inhibitorySynapses);
        b.poissonInput(exc, externalRateHz(), J, Receptor.EXCITATORY);
        b.poissonInput(inh, externalRateHz(), J, Receptor.EXCITATORY);
        if (initialV) {
            b.initialise(exc, "v", new UniformRealDistribution(new SplitMixRandom(0), 0, THETA));
            b.initialise(inh, "v", new UniformRealDistribution(new SplitMixRandom(0), 0, THETA));
        }
        return b.build();
    }
}
