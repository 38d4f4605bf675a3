package org.engram.simulator.model;

import org.engram.simulator.Problems;
import org.engram.simulator.engine.TimeGrid;

/**
 * Leaky integrate-and-fire neuron with exponential conductance synapses (NEST's {@code iaf_cond_exp};
 * the neurons of benchmark 1 of Brette et al. 2007, after Vogels and Abbott 2005):
 * <pre>
 *   C_m dV/dt = g_L (E_L - V) + g_ex(t) (E_ex - V) + g_in(t) (E_in - V) + I_e + I(t),   g_L = C_m / tau_m
 *   dg_ex/dt = -g_ex / tau_syn_ex,   dg_in/dt = -g_in / tau_syn_in
 * </pre>
 * A synaptic weight is a conductance jump in nS. As elsewhere in the simulator an inhibitory
 * weight is negative (NEST's sign convention too): it raises {@code g_in} by its magnitude, so both
 * conductances stay {@code >= 0} and a neuron's potential is pulled towards a reversal potential,
 * never past it.
 *
 * <p>The conductances decay exactly. The potential is not linear in the inputs (a conductance
 * multiplies {@code V}), so no propagator moves it exactly; over each step of length {@code h} the
 * kernel replaces each conductance by its exact mean over the step,
 * {@code g (tau / h) (1 - exp(-h / tau))}, and then solves the equation, now with constant
 * coefficients, exactly:
 * <pre>
 *   g_tot = g_L + mean g_ex + mean g_in,   V_inf = (g_L E_L + mean g_ex E_ex + mean g_in E_in + I) / g_tot
 *   V(t + h) = V_inf + (V(t) - V_inf) exp(-h g_tot / C_m)
 * </pre>
 * Below threshold the error is of second order in {@code h} (halving {@code dt} quarters it; a unit
 * test checks this against an adaptive Runge-Kutta solution); spike times, found at the end of the
 * step of the crossing as in every grid model, are off by up to one step. The update is stable for
 * any non-negative conductance: each step moves {@code V} towards {@code V_inf}, a mean of
 * {@code E_ex}, {@code E_in} and {@code E_L + I / g_L} weighted by their conductances, and never past
 * it, so no conductance drives {@code V} beyond its reversal potential. A negative conductance would
 * drive it away instead, so runs refuse one ({@link State#requireValid}); weights cannot make one.
 * Inputs arrive at the end of a step, as in every grid model; a refractory neuron is held at
 * {@code V_reset} while its conductances go on. Grid mode only.
 *
 * <table>
 *   <caption>Parameters (defaults: those of NEST's {@code iaf_cond_exp})</caption>
 *   <tr><th>name</th><th>default</th><th>unit</th><th>meaning</th></tr>
 *   <tr><td>tau_m</td><td>15</td><td>ms</td><td>membrane time constant, {@code C_m / g_L} (NEST's
 *       {@code g_L = 16.67 nS})</td></tr>
 *   <tr><td>c_m</td><td>250</td><td>pF</td><td>membrane capacitance</td></tr>
 *   <tr><td>e_l</td><td>-70</td><td>mV</td><td>resting (leak reversal) potential</td></tr>
 *   <tr><td>v_th</td><td>-55</td><td>mV</td><td>threshold</td></tr>
 *   <tr><td>v_reset</td><td>-60</td><td>mV</td><td>reset potential, {@code < v_th}</td></tr>
 *   <tr><td>t_ref</td><td>2</td><td>ms</td><td>refractory period, {@code >= 0}</td></tr>
 *   <tr><td>i_e</td><td>0</td><td>pA</td><td>constant bias current</td></tr>
 *   <tr><td>e_ex</td><td>0</td><td>mV</td><td>excitatory reversal potential</td></tr>
 *   <tr><td>e_in</td><td>-85</td><td>mV</td><td>inhibitory reversal potential, {@code < e_ex}</td></tr>
 *   <tr><td>tau_syn_ex</td><td>0.2</td><td>ms</td><td>excitatory conductance time constant</td></tr>
 *   <tr><td>tau_syn_in</td><td>2</td><td>ms</td><td>inhibitory conductance time constant</td></tr>
 * </table>
 *
 * <p>References: T. P. Vogels and L. F. Abbott (2005), Signal propagation and logic gating in
 * networks of integrate-and-fire neurons, J. Neurosci. 25:10786-10795; R. Brette et al. (2007),
 * Simulation of networks of spiking neurons: a review of tools and strategies, J. Comput. Neurosci.
 * 23:349-398. See also {@link LifExp}, whose synaptic currents do not depend on {@code V}.
 */
public final class LifCondExp extends AbstractNeuronModel<LifCondExp.Params, LifCondExp.State> {

    /** The shared instance; the model holds no data. */
    public static final LifCondExp MODEL = new LifCondExp();

    /** Name used in configs. */
    public static final String NAME = "lif_cond_exp";

    /**
     * Parameters of {@link LifCondExp}, each a finite number, validated on construction.
     *
     * @param tauM     membrane time constant (ms), {@code > 0}; the leak conductance is
     *                 {@code cM / tauM} (nS)
     * @param cM       membrane capacitance (pF), {@code > 0}
     * @param eL       resting potential (mV)
     * @param vTh      threshold (mV)
     * @param vReset   reset potential (mV), {@code < vTh}
     * @param tRef     refractory period (ms), {@code >= 0}
     * @param iE       constant bias current (pA)
     * @param eEx      excitatory reversal potential (mV), finite
     * @param eIn      inhibitory reversal potential (mV), finite, {@code < eEx}
     * @param tauSynEx excitatory conductance time constant (ms), {@code > 0}
     * @param tauSynIn inhibitory conductance time constant (ms), {@code > 0}
     */
    public record Params(double tauM, double cM, double eL, double vTh, double vReset, double tRef, double iE,
                         double eEx, double eIn, double tauSynEx, double tauSynIn) {
        /**
         * Validates every parameter.
         *
         * @param tauM     membrane time constant (ms), {@code > 0}; the leak conductance is
         *                 {@code cM / tauM} (nS)
         * @param cM       membrane capacitance (pF), {@code > 0}
         * @param eL       resting potential (mV)
         * @param vTh      threshold (mV)
         * @param vReset   reset potential (mV), {@code < vTh}
         * @param tRef     refractory period (ms), {@code >= 0}
         * @param iE       constant bias current (pA)
         * @param eEx      excitatory reversal potential (mV), finite
         * @param eIn      inhibitory reversal potential (mV), finite, {@code < eEx}
         * @param tauSynEx excitatory conductance time constant (ms), {@code > 0}
         * @param tauSynIn inhibitory conductance time constant (ms), {@code > 0}
         */
        public Params {
            Problems p = LifParameters.membrane(NAME, tauM, cM, eL, vTh, vReset, tRef, iE);
            LifParameters.reversals(p, eEx, eIn);
            LifParameters.synapses(p, tauSynEx, tauSynIn);
            p.throwIfAny();
        }

        /** {@return the leak conductance {@code c_m / tau_m} in nS} */
        public double leakConductance() {
            return cM / tauM;
        }
    }

    /** State: membrane potential, synaptic conductances and refractory clock. */
    public static final class State extends IntegrateAndFireState {
        /** Excitatory conductance (nS). */
        public final double[] gEx;
        /** Inhibitory conductance (nS), {@code >= 0}: inhibitory weights are negative and add their magnitude. */
        public final double[] gIn;

        State(int size, Params p) {
            super(size, p.eL());
            gEx = variable("g_ex", "nS");
            gIn = variable("g_in", "nS");
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

    private LifCondExp() {
        super(NAME, "LIF with exponential conductance synapses (reversal potentials e_ex, e_in; weights in nS), "
                + "second-order integration; grid mode", Params.class);
    }

    /** About 10 ns a neuron-step (JMH {@code NeuronUpdateBenchmark}): an exponential and a division. */
    @Override
    public double stepCost() {
        return 10;
    }

    /** NEST's {@code iaf_cond_exp} takes the leak as {@code g_L} (any spelling); this model as {@code tau_m}. */
    @Override
    public String hintFor(String parameter) {
        return parameter.replace("_", "").equalsIgnoreCase("gl") ? "lif_cond_exp takes the leak as tau_m = c_m / g_l"
                + " (ms): NEST's g_L = 16.6667 nS with C_m = 250 pF is tau_m = 15" : null;
    }

    /** {@inheritDoc} A weight is a conductance jump. */
    @Override
    public String weightUnit() {
        return "nS";
    }

    @Override
    public Params defaults() {
        return new Params(15.0, 250.0, -70.0, -55.0, -60.0, 2.0, 0.0, 0.0, -85.0, 0.2, 2.0);
    }

    @Override
    public State newState(int size, Params params) {
        return new State(size, params);
    }

    @Override
    public Kernel<State> prepare(Params p, TimeGrid grid) {
        return new GridKernel(p, grid);
    }

    private static final class GridKernel implements Kernel<State> {
        private final double leak;
        private final double leakDrive;
        private final double stepPerCapacitance;
        private final double meanEx;
        private final double meanIn;
        private final double decayEx;
        private final double decayIn;
        private final double eEx;
        private final double eIn;
        private final double vTh;
        private final double vReset;
        private final double iE;
        private final int refractorySteps;

        GridKernel(Params p, TimeGrid grid) {
            double h = grid.dtMs();
            leak = p.leakConductance();
            leakDrive = leak * p.eL();
            stepPerCapacitance = h / p.cM();
            meanEx = Conductances.meanOverInterval(h, p.tauSynEx());
            meanIn = Conductances.meanOverInterval(h, p.tauSynIn());
            decayEx = StrictMath.exp(-h / p.tauSynEx());
            decayIn = StrictMath.exp(-h / p.tauSynIn());
            eEx = p.eEx();
            eIn = p.eIn();
            vTh = p.vTh();
            vReset = p.vReset();
            iE = p.iE();
            refractorySteps = grid.wholeSteps(NAME, "t_ref", p.tRef());
        }

        @Override
        public boolean clearsInput() {
            return true;
        }

        /**
         * The potential, then the conductances, of every neuron without branches, then refractoriness
         * and threshold ({@link ThresholdPass}). A refractory neuron's potential is not updated (it
         * stays at the reset), while its conductances decay and take input as usual.
         */
        @Override
        public void update(State s, int lo, int hi, int fromStep, int toStep, InputView in, SpikeSink out) {
            final double[] v = s.v;
            final double[] gEx = s.gEx;
            final double[] gIn = s.gIn;
            for (int step = fromStep; step < toStep; step++) {
                final int row = in.row(step);
                final HeldPotentials held = HeldPotentials.hold(s, lo, hi);
                for (int i = lo; i < hi; i++) {
                    double ex = meanEx * gEx[i];
                    double inh = meanIn * gIn[i];
                    double total = leak + ex + inh;
                    double target = (leakDrive + ex * eEx + inh * eIn + iE + in.takeCurrent(row, i)) / total;
                    v[i] = target + (v[i] - target) * StrictMath.exp(-stepPerCapacitance * total);
                    gEx[i] = decayEx * gEx[i] + in.takeExcitatory(row, i);
                    // Inhibitory weights are negative; the conductance grows by their magnitude.
                    gIn[i] = decayIn * gIn[i] - in.takeInhibitory(row, i);
                }
                held.release(s);
                ThresholdPass.apply(s, lo, hi, step, vTh, vReset, refractorySteps, out);
            }
        }
    }
}
