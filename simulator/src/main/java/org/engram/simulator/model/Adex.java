package org.engram.simulator.model;

import org.engram.simulator.Problems;
import org.engram.simulator.engine.TimeGrid;

/**
 * The adaptive exponential integrate-and-fire neuron of Brette and Gerstner (2005), with exponential
 * current synapses (NEST's {@code aeif_psc_exp}):
 * <pre>
 *   C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_th) / Delta_T) - w + I_syn,ex + I_syn,in + I_e + I(t)
 *   tau_w dw/dt = a (V - E_L) - w
 *   if V >= V_peak: V -> V_reset, w -> w + b
 * </pre>
 * The exponential term makes the upstroke of a spike run away once {@code V} passes {@code v_th};
 * {@code v_peak} only marks where the spike is cut. Synaptic currents (pA) decay with
 * {@code tau_syn_ex} and {@code tau_syn_in} as in {@link LifExp}.
 *
 * <p>Integration: each grid step is split into {@code n = ceil(dt / 0.01 ms)} equal substeps (10 for
 * {@code dt = 0.1} ms), each a second-order Runge-Kutta (midpoint) step of {@code V} and {@code w}
 * with the synaptic currents evaluated exactly where the method needs them. As in NEST, the right-hand
 * side reads {@code V} as at most {@code v_peak}, so the exponential stays finite. Far up a spike's
 * upstroke, where the exponential term outweighs the others by orders of magnitude, the time left to
 * {@code v_peak} is that term's closed-form blow-up time; when it ends inside a substep the spike is
 * placed there and the substep goes on from the reset. Without this the midpoint method, stepping
 * over the upstroke's end, placed spikes up to a substep late, an error that grew spike by spike.
 * Below the hand-off the exponential grows faster than one midpoint step follows (6% short a
 * substep where it grows 2.4-fold, each spike of a train then 0.002 ms late, a lag that added up),
 * so there the substep is taken in pieces of a sixteenth of the time left to the peak. Against a
 * fine Runge-Kutta reference, Naud et al.'s tonic cell at {@code dt = 0.01} ms keeps its 312
 * spikes of 3 s within 0.06 ms (0.12 ms with {@code v_peak = v_th + 5 delta_t}, where the hand-off
 * neglects more); it had drifted 0.7 ms. A spike is reported with the step it happens in, so one
 * close to a step's end may be reported with the next. The
 * midpoint method is stable for time constants down to half a substep, so {@code tau_w} and
 * {@code c_m / g_l} below 0.005 ms are refused.
 *
 * <p>Inputs arrive at the end of a step. With {@code t_ref > 0} the potential stays at
 * {@code v_reset} for the rest of the spike's step and {@code t_ref} more (so, as in the other grid
 * models, {@code t_ref} after the step's end), while {@code w} and the currents go on; a potential
 * written between runs during refractoriness is kept, as in the other models. With {@code t_ref = 0}
 * (the default, as in NEST) a neuron driven hard enough spikes more than once in a step, at most once
 * per substep. Grid mode only. As in NEST, {@code delta_t = 0} is the integrate-and-fire limit: no
 * exponential term, and a spike where {@code V} reaches {@code v_th} ({@code v_peak} is then not
 * used). Unlike NEST, {@code i_syn_in} is negative (an inhibitory weight is), where NEST records a
 * positive current that it subtracts. A neuron whose state ({@code V}, {@code w} or a synaptic
 * current) is not finite after a step fails the run with an {@link ArithmeticException} that names
 * it and its state.
 *
 * <table>
 *   <caption>Parameters (defaults: Brette and Gerstner's 2005 regular-spiking cell, NEST's defaults)</caption>
 *   <tr><th>name</th><th>default</th><th>unit</th><th>meaning</th></tr>
 *   <tr><td>c_m</td><td>281</td><td>pF</td><td>membrane capacitance</td></tr>
 *   <tr><td>g_l</td><td>30</td><td>nS</td><td>leak conductance</td></tr>
 *   <tr><td>e_l</td><td>-70.6</td><td>mV</td><td>leak reversal potential</td></tr>
 *   <tr><td>v_th</td><td>-50.4</td><td>mV</td><td>threshold of the exponential term ({@code V_T})</td></tr>
 *   <tr><td>delta_t</td><td>2</td><td>mV</td><td>slope factor, {@code >= 0} (0: no exponential term,
 *       spikes at {@code v_th})</td></tr>
 *   <tr><td>v_peak</td><td>0</td><td>mV</td><td>spike cut-off, {@code > v_th} and at most
 *       {@code v_th + 500 delta_t}</td></tr>
 *   <tr><td>v_reset</td><td>-60</td><td>mV</td><td>reset potential, {@code < v_peak} ({@code < v_th}
 *       when {@code delta_t = 0})</td></tr>
 *   <tr><td>t_ref</td><td>0</td><td>ms</td><td>refractory period, {@code >= 0}, whole steps</td></tr>
 *   <tr><td>a</td><td>4</td><td>nS</td><td>subthreshold adaptation</td></tr>
 *   <tr><td>b</td><td>80.5</td><td>pA</td><td>spike-triggered adaptation</td></tr>
 *   <tr><td>tau_w</td><td>144</td><td>ms</td><td>adaptation time constant</td></tr>
 *   <tr><td>i_e</td><td>0</td><td>pA</td><td>constant bias current</td></tr>
 *   <tr><td>tau_syn_ex</td><td>0.2</td><td>ms</td><td>excitatory synaptic time constant</td></tr>
 *   <tr><td>tau_syn_in</td><td>2</td><td>ms</td><td>inhibitory synaptic time constant</td></tr>
 * </table>
 *
 * <p>References: R. Brette and W. Gerstner (2005), Adaptive exponential integrate-and-fire model as
 * an effective description of neuronal activity, J. Neurophysiol. 94:3637-3642; R. Naud, N. Marcille,
 * C. Clopath and W. Gerstner (2008), Firing patterns in the adaptive exponential integrate-and-fire
 * model, Biol. Cybern. 99:335-347. See also {@link AdexCond}, the same membrane with conductance synapses.
 */
public final class Adex extends AbstractNeuronModel<Adex.Params, Adex.State> {

    /** The shared instance; the model holds no data. */
    public static final Adex MODEL = new Adex();

    /** Name used in configs. */
    public static final String NAME = "adex";

    /**
     * Parameters of {@link Adex}, each a finite number, validated on construction.
     *
     * @param cM       membrane capacitance (pF), {@code > 0}
     * @param gL       leak conductance (nS), {@code > 0}
     * @param eL       leak reversal potential (mV)
     * @param vTh      threshold of the exponential term (mV)
     * @param deltaT   slope factor (mV), {@code >= 0}; 0 drops the exponential term and cuts spikes at {@code vTh}
     * @param vPeak    spike cut-off (mV), {@code > vTh}, at most {@code vTh + 500 deltaT}; not used when
     *                 {@code deltaT = 0}
     * @param vReset   reset potential (mV), below where spikes are cut
     * @param tRef     refractory period (ms), {@code >= 0}
     * @param a        subthreshold adaptation (nS)
     * @param b        spike-triggered adaptation (pA)
     * @param tauW     adaptation time constant (ms), {@code > 0}
     * @param iE       constant bias current (pA)
     * @param tauSynEx excitatory synaptic time constant (ms), {@code > 0}
     * @param tauSynIn inhibitory synaptic time constant (ms), {@code > 0}
     */
    public record Params(double cM, double gL, double eL, double vTh, double deltaT, double vPeak, double vReset,
                         double tRef, double a, double b, double tauW, double iE, double tauSynEx, double tauSynIn)
            implements AdexParameters {
        /**
         * Validates every parameter.
         *
         * @param cM       membrane capacitance (pF), {@code > 0}
         * @param gL       leak conductance (nS), {@code > 0}
         * @param eL       leak reversal potential (mV)
         * @param vTh      threshold of the exponential term (mV)
         * @param deltaT   slope factor (mV), {@code >= 0}; 0 drops the exponential term and cuts spikes at {@code vTh}
         * @param vPeak    spike cut-off (mV), {@code > vTh}, at most {@code vTh + 500 deltaT}; not used when
         *                 {@code deltaT = 0}
         * @param vReset   reset potential (mV), below where spikes are cut
         * @param tRef     refractory period (ms), {@code >= 0}
         * @param a        subthreshold adaptation (nS)
         * @param b        spike-triggered adaptation (pA)
         * @param tauW     adaptation time constant (ms), {@code > 0}
         * @param iE       constant bias current (pA)
         * @param tauSynEx excitatory synaptic time constant (ms), {@code > 0}
         * @param tauSynIn inhibitory synaptic time constant (ms), {@code > 0}
         */
        public Params {
            Problems p = new Problems(NAME);
            new AdexMembrane(cM, gL, eL, vTh, deltaT, vPeak, vReset, tRef, a, b, tauW, iE).check(p);
            LifParameters.synapses(p, tauSynEx, tauSynIn);
            p.throwIfAny();
        }
    }

    /** State: membrane potential, adaptation current, synaptic currents and refractory clock. */
    public static final class State extends AdexState {
        /** Excitatory synaptic current (pA). */
        public final double[] iSynEx;
        /** Inhibitory synaptic current (pA). */
        public final double[] iSynIn;

        State(int size, Params p) {
            super(size, p.eL(), "i_syn_ex", "i_syn_in", "pA");
            iSynEx = excitatory;
            iSynIn = inhibitory;
        }
    }

    private Adex() {
        super(NAME, "adaptive exponential integrate-and-fire (Brette and Gerstner 2005) with exponential current "
                + "synapses, midpoint Runge-Kutta on 0.01 ms substeps; grid mode", Params.class);
    }

    /** About 0.3-0.4 us a neuron-step: 10 substeps of two exponentials each. */
    @Override
    public double stepCost() {
        return 300;
    }

    /** {@inheritDoc} Adex's leak is a conductance: {@code tau_m} had been told "did you mean 'tau_w'?". */
    @Override
    public String hintFor(String parameter) {
        return AdexMembrane.hintFor(NAME, parameter);
    }

    /** {@inheritDoc} A weight is the peak of an exponential current. */
    @Override
    public String weightUnit() {
        return "pA";
    }

    @Override
    public Params defaults() {
        return new Params(281.0, 30.0, -70.6, -50.4, 2.0, 0.0, -60.0, 0.0, 4.0, 80.5, 144.0, 0.0, 0.2, 2.0);
    }

    @Override
    public State newState(int size, Params params) {
        return new State(size, params);
    }

    @Override
    public Kernel<State> prepare(Params p, TimeGrid grid) {
        return AdexKernel.currents(NAME, p, p.tauSynEx(), p.tauSynIn(), grid);
    }
}
