package org.engram.simulator.model;

import org.engram.simulator.Problems;
import org.engram.simulator.engine.TimeGrid;

/**
 * Leaky integrate-and-fire neuron with exponential current synapses and a spike-triggered
 * adaptive threshold: each spike raises the threshold, which relaxes back with {@code tau_a}.
 *
 * <p>The membrane and synapses are those of {@link LifExp} (same exact propagators); in addition
 * <pre>
 *   threshold(t) = V_th + a(t),   da/dt = -a / tau_a,   a -> a + delta_a at each spike
 *   a(t + h) = exp(-h / tau_a) a(t)
 * </pre>
 * Per step: {@code V} is propagated, the currents decay and receive the step's input, {@code a}
 * decays, then the neuron spikes if {@code V >= V_th + a}: {@code V} is reset and held for
 * {@code t_ref}, and {@code a} jumps by {@code delta_a}. The growing threshold lengthens the
 * intervals of a regularly driven neuron until they settle (spike-frequency adaptation). Grid
 * mode only.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>default</th><th>unit</th><th>meaning</th></tr>
 *   <tr><td>tau_m</td><td>10</td><td>ms</td><td>membrane time constant</td></tr>
 *   <tr><td>c_m</td><td>250</td><td>pF</td><td>membrane capacitance</td></tr>
 *   <tr><td>e_l</td><td>-70</td><td>mV</td><td>resting potential</td></tr>
 *   <tr><td>v_th</td><td>-55</td><td>mV</td><td>threshold at rest</td></tr>
 *   <tr><td>v_reset</td><td>-70</td><td>mV</td><td>reset potential, {@code < v_th}</td></tr>
 *   <tr><td>t_ref</td><td>2</td><td>ms</td><td>refractory period, {@code >= 0}</td></tr>
 *   <tr><td>i_e</td><td>0</td><td>pA</td><td>constant bias current</td></tr>
 *   <tr><td>tau_syn_ex</td><td>2</td><td>ms</td><td>excitatory synaptic time constant</td></tr>
 *   <tr><td>tau_syn_in</td><td>2</td><td>ms</td><td>inhibitory synaptic time constant</td></tr>
 *   <tr><td>tau_a</td><td>100</td><td>ms</td><td>time constant of threshold adaptation</td></tr>
 *   <tr><td>delta_a</td><td>2</td><td>mV</td><td>threshold increase per spike, {@code >= 0}</td></tr>
 * </table>
 *
 * <p>References: S. Rotter and M. Diesmann (1999), Biol. Cybern. 81:381-402 (propagators);
 * R. Kobayashi, Y. Tsubo and S. Shinomoto (2009), Made-to-order spiking neuron model equipped
 * with a multi-timescale adaptive threshold, Front. Comput. Neurosci. 3:9 (adaptive threshold).
 * See also {@link LifExp}.
 */
public final class AdaptiveLif extends AbstractNeuronModel<AdaptiveLif.Params, AdaptiveLif.State> {

    /** The shared instance; the model holds no data. */
    public static final AdaptiveLif MODEL = new AdaptiveLif();

    /** Name used in configs. */
    public static final String NAME = "adaptive_lif";

    /**
     * Parameters of {@link AdaptiveLif}, each a finite number, validated on construction.
     *
     * @param tauM     membrane time constant (ms), {@code > 0}
     * @param cM       membrane capacitance (pF), {@code > 0}
     * @param eL       resting potential (mV)
     * @param vTh      threshold at rest (mV)
     * @param vReset   reset potential (mV), {@code < vTh}
     * @param tRef     refractory period (ms), {@code >= 0}
     * @param iE       constant bias current (pA)
     * @param tauSynEx excitatory synaptic time constant (ms), {@code > 0}
     * @param tauSynIn inhibitory synaptic time constant (ms), {@code > 0}
     * @param tauA     time constant of threshold adaptation (ms), {@code > 0}
     * @param deltaA   threshold increase per spike (mV), {@code >= 0}
     */
    public record Params(double tauM, double cM, double eL, double vTh, double vReset, double tRef, double iE,
                         double tauSynEx, double tauSynIn, double tauA, double deltaA) implements LifMembrane {
        /**
         * Validates every parameter.
         *
         * @param tauM     membrane time constant (ms), {@code > 0}
         * @param cM       membrane capacitance (pF), {@code > 0}
         * @param eL       resting potential (mV)
         * @param vTh      threshold at rest (mV)
         * @param vReset   reset potential (mV), {@code < vTh}
         * @param tRef     refractory period (ms), {@code >= 0}
         * @param iE       constant bias current (pA)
         * @param tauSynEx excitatory synaptic time constant (ms), {@code > 0}
         * @param tauSynIn inhibitory synaptic time constant (ms), {@code > 0}
         * @param tauA     time constant of threshold adaptation (ms), {@code > 0}
         * @param deltaA   threshold increase per spike (mV), {@code >= 0}
         */
        public Params {
            Problems p = LifParameters.membrane(NAME, tauM, cM, eL, vTh, vReset, tRef, iE);
            LifParameters.synapses(p, tauSynEx, tauSynIn);
            p.positive("tau_a", tauA, "ms");
            p.nonNegative("delta_a", deltaA, "mV");
            p.throwIfAny();
        }
    }

    /** State: membrane potential, synaptic currents, threshold adaptation and refractory clock. */
    public static final class State extends IntegrateAndFireState {
        /** Excitatory synaptic current (pA). */
        public final double[] iSynEx;
        /** Inhibitory synaptic current (pA). */
        public final double[] iSynIn;
        /** Threshold increase above {@code v_th} (mV). */
        public final double[] a;

        State(int size, Params p) {
            super(size, p.eL());
            iSynEx = variable("i_syn_ex", "pA");
            iSynIn = variable("i_syn_in", "pA");
            a = variable("a", "mV");
        }
    }

    private AdaptiveLif() {
        super(NAME, "LIF with exponential current synapses and spike-triggered threshold adaptation; grid mode",
                Params.class);
    }

    /** {@inheritDoc} A weight is the peak of an exponential current. */
    @Override
    public String weightUnit() {
        return "pA";
    }

    @Override
    public Params defaults() {
        return new Params(10.0, 250.0, -70.0, -55.0, -70.0, 2.0, 0.0, 2.0, 2.0, 100.0, 2.0);
    }

    @Override
    public State newState(int size, Params params) {
        return new State(size, params);
    }

    @Override
    public Kernel<State> prepare(Params p, TimeGrid grid) {
        return new GridKernel(p, grid);
    }

    private static final class GridKernel extends ExponentialSynapseKernel<State> {
        private final double adaptationDecay;
        private final double deltaA;

        GridKernel(Params p, TimeGrid grid) {
            super(NAME, p, p.tauSynEx(), p.tauSynIn(), grid);
            adaptationDecay = StrictMath.exp(-grid.dtMs() / p.tauA());
            deltaA = p.deltaA();
        }

        @Override
        double[] excitatoryCurrents(State s) {
            return s.iSynEx;
        }

        @Override
        double[] inhibitoryCurrents(State s) {
            return s.iSynIn;
        }

        /** The membrane and currents as {@link LifExp}'s, then the adaptation's decay, refractory neurons' too. */
        @Override
        void advance(State s, int lo, int hi, int row, InputView in, boolean synapticRows) {
            super.advance(s, lo, hi, row, in, synapticRows);
            final double[] a = s.a;
            for (int i = lo; i < hi; i++) {
                a[i] *= adaptationDecay;
            }
        }

        /**
         * The adapted threshold: a neuron fires at {@code V_th + a}, and its spike raises {@code a}. A threshold
         * per neuron is not screened: the neurons are compared one by one either way.
         */
        @Override
        void fire(State s, int lo, int hi, int step, boolean screened, SpikeSink out) {
            final double[] v = s.v;
            final double[] a = s.a;
            final double[] refractory = s.refractorySteps;
            for (int i = lo; i < hi; i++) {
                if (v[i] >= vTh + a[i] && refractory[i] == 0) {
                    v[i] = vReset;
                    a[i] += deltaA;
                    ThresholdPass.startRefractory(s, i, refractorySteps);
                    out.spike(i, step);
                }
            }
        }
    }
}
