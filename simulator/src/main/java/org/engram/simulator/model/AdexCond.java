package org.engram.simulator.model;

import org.engram.simulator.Problems;
import org.engram.simulator.engine.TimeGrid;

/**
 * The adaptive exponential integrate-and-fire neuron of Brette and Gerstner (2005) with exponential
 * conductance synapses, the form of their paper (NEST's {@code aeif_cond_exp}):
 * <pre>
 *   C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_th) / Delta_T) - g_ex (V - E_ex) - g_in (V - E_in)
 *               - w + I_e + I(t)
 *   tau_w dw/dt = a (V - E_L) - w
 *   dg_ex/dt = -g_ex / tau_syn_ex,   dg_in/dt = -g_in / tau_syn_in
 *   if V >= V_peak: V -> V_reset, w -> w + b
 * </pre>
 * A synaptic weight is a conductance jump in nS, as in {@link LifCondExp}: an inhibitory weight is
 * negative and raises {@code g_in} by its magnitude, so both conductances stay {@code >= 0} and pull
 * {@code V} towards their reversal potentials. The membrane, its spikes, reset, refractoriness and
 * adaptation are those of {@link Adex}, integrated alike: each grid step split into substeps of at
 * most 0.01 ms, each a midpoint Runge-Kutta step of {@code V} and {@code w}, the conductances
 * decaying exactly and both stages reading them as their exact mean over the substep (a 30 nS PSP
 * at {@code tau_syn_ex} 0.2 ms within 5.5e-6 mV of a Dormand-Prince solution; their start value in
 * the first stage left 2.2e-5 mV, and their middle value in the second, {@code adex}'s choice for
 * its currents, 1.6e-4 mV); the right-hand side reads {@code V} as at most {@code v_peak} in every
 * term (the synaptic ones and {@code w}'s too, as NEST does); spikes far up the upstroke are placed
 * at the exponential term's closed-form blow-up time. Without synaptic input the model is
 * {@link Adex} to the bit. Inputs arrive at the end of a step. The midpoint substep is stable while
 * {@code h (g_L + g_ex + g_in) / C_m <= 2}; a substep whose conductances exceed that (56,170 nS for
 * the defaults, far beyond what synapses of a few nS reach) is taken in equal pieces, each with
 * {@code h (g_L + g) / C_m} at most 1, so {@code V} goes to the reversal potentials and never past
 * them. A neuron that would need more than 65536 pieces (some 1.8e9 nS for the defaults), or whose
 * state is not finite, fails the run with a message that names it and its state. Grid mode only.
 *
 * <table>
 *   <caption>Parameters (defaults: those of NEST's {@code aeif_cond_exp}, Brette and Gerstner's
 *   regular-spiking cell)</caption>
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
 *   <tr><td>e_ex</td><td>0</td><td>mV</td><td>excitatory reversal potential</td></tr>
 *   <tr><td>e_in</td><td>-85</td><td>mV</td><td>inhibitory reversal potential, {@code < e_ex}</td></tr>
 *   <tr><td>tau_syn_ex</td><td>0.2</td><td>ms</td><td>excitatory conductance time constant</td></tr>
 *   <tr><td>tau_syn_in</td><td>2</td><td>ms</td><td>inhibitory conductance time constant</td></tr>
 * </table>
 *
 * <p>References: R. Brette and W. Gerstner (2005), Adaptive exponential integrate-and-fire model as
 * an effective description of neuronal activity, J. Neurophysiol. 94:3637-3642; R. Naud, N. Marcille,
 * C. Clopath and W. Gerstner (2008), Firing patterns in the adaptive exponential integrate-and-fire
 * model, Biol. Cybern. 99:335-347. See also {@link Adex} (current synapses) and {@link LifCondExp}.
 */
public final class AdexCond extends AbstractNeuronModel<AdexCond.Params, AdexCond.State> {

    /** The shared instance; the model holds no data. */
    public static final AdexCond MODEL = new AdexCond();

    /** Name used in configs. */
    public static final String NAME = "adex_cond";

    /**
     * Parameters of {@link AdexCond}, each a finite number, validated on construction.
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
     * @param eEx      excitatory reversal potential (mV)
     * @param eIn      inhibitory reversal potential (mV), {@code < eEx}
     * @param tauSynEx excitatory conductance time constant (ms), {@code > 0}
     * @param tauSynIn inhibitory conductance time constant (ms), {@code > 0}
     */
    public record Params(double cM, double gL, double eL, double vTh, double deltaT, double vPeak, double vReset,
                         double tRef, double a, double b, double tauW, double iE, double eEx, double eIn,
                         double tauSynEx, double tauSynIn)
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
         * @param eEx      excitatory reversal potential (mV)
         * @param eIn      inhibitory reversal potential (mV), {@code < eEx}
         * @param tauSynEx excitatory conductance time constant (ms), {@code > 0}
         * @param tauSynIn inhibitory conductance time constant (ms), {@code > 0}
         */
        public Params {
            Problems p = new Problems(NAME);
            new AdexMembrane(cM, gL, eL, vTh, deltaT, vPeak, vReset, tRef, a, b, tauW, iE).check(p);
            LifParameters.reversals(p, eEx, eIn);
            LifParameters.synapses(p, tauSynEx, tauSynIn);
            p.throwIfAny();
        }
    }

    /** State: membrane potential, adaptation current, synaptic conductances and refractory clock. */
    public static final class State extends AdexState {
        /** Excitatory conductance (nS). */
        public final double[] gEx;
        /** Inhibitory conductance (nS), {@code >= 0}: inhibitory weights are negative and add their magnitude. */
        public final double[] gIn;

        State(int size, Params p) {
            super(size, p.eL(), "g_ex", "g_in", "nS");
            gEx = excitatory;
            gIn = inhibitory;
        }

        /**
         * Refuses a refractory count that is not a whole number of steps and a negative conductance,
         * which code may have written (engines refuse values not finite).
         */
        @Override
        public void requireValid(String population) {
            super.requireValid(population);
            Conductances.requireNonNegative(population, gEx, gIn);
        }
    }

    private AdexCond() {
        super(NAME, "adaptive exponential integrate-and-fire (Brette and Gerstner 2005) with exponential conductance "
                + "synapses (reversal potentials e_ex, e_in; weights in nS), midpoint Runge-Kutta on 0.01 ms "
                + "substeps; grid mode", Params.class);
    }

    /** About as much as {@link Adex}: 10 substeps of two exponentials each. */
    @Override
    public double stepCost() {
        return 300;
    }

    /** {@inheritDoc} The leak is a conductance, as in {@link Adex}. */
    @Override
    public String hintFor(String parameter) {
        return AdexMembrane.hintFor(NAME, parameter);
    }

    /** {@inheritDoc} A weight is a conductance jump. */
    @Override
    public String weightUnit() {
        return "nS";
    }

    @Override
    public Params defaults() {
        return new Params(281.0, 30.0, -70.6, -50.4, 2.0, 0.0, -60.0, 0.0, 4.0, 80.5, 144.0, 0.0, 0.0, -85.0, 0.2,
                2.0);
    }

    @Override
    public State newState(int size, Params params) {
        return new State(size, params);
    }

    @Override
    public Kernel<State> prepare(Params p, TimeGrid grid) {
        return AdexKernel.conductances(NAME, p, p.tauSynEx(), p.tauSynIn(), p.eEx(), p.eIn(), grid);
    }
}
