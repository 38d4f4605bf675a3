package org.engram.simulator.model;

import org.engram.simulator.engine.TimeGrid;

/**
 * Leaky integrate-and-fire neuron with delta synapses: every input spike makes the membrane
 * potential jump by the synaptic weight (mV).
 *
 * <p>Subthreshold dynamics, integrated exactly (Rotter and Diesmann 1999):
 * <pre>
 *   tau_m dV/dt = -(V - E_L) + R (I_e + I_ext(t)),   R = tau_m / C_m
 *   V(t + h) = E_L + P22 (V(t) - E_L) + P20 (I_e + I_ext) + sum of jumps arriving in (t, t + h]
 *   P22 = exp(-h / tau_m),   P20 = R (1 - P22)
 * </pre>
 * When {@code V >= V_th} the neuron spikes, {@code V} is set to {@code V_reset} and held there for
 * {@code t_ref}; input arriving while refractory, up to and including the end of the period, is
 * discarded (as in Brunel 2000), in both modes.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>default</th><th>unit</th><th>meaning</th></tr>
 *   <tr><td>tau_m</td><td>10</td><td>ms</td><td>membrane time constant</td></tr>
 *   <tr><td>c_m</td><td>250</td><td>pF</td><td>membrane capacitance</td></tr>
 *   <tr><td>e_l</td><td>-70</td><td>mV</td><td>resting potential</td></tr>
 *   <tr><td>v_th</td><td>-55</td><td>mV</td><td>threshold</td></tr>
 *   <tr><td>v_reset</td><td>-70</td><td>mV</td><td>reset potential, {@code < v_th}</td></tr>
 *   <tr><td>t_ref</td><td>2</td><td>ms</td><td>refractory period, {@code >= 0}</td></tr>
 *   <tr><td>i_e</td><td>0</td><td>pA</td><td>constant bias current</td></tr>
 * </table>
 *
 * <p>References: S. Rotter and M. Diesmann (1999), Exact digital simulation of time-invariant
 * linear systems with applications to neuronal modeling, Biol. Cybern. 81:381-402. N. Brunel
 * (2000), J. Comput. Neurosci. 8:183-208. See also {@link LifExp}.
 */
public final class LifDelta extends AbstractNeuronModel<LifDelta.Params, LifDelta.State>
        implements ExactPropagation<LifDelta.Params, LifDelta.State> {

    /** The shared instance; the model holds no data. */
    public static final LifDelta MODEL = new LifDelta();

    /** Name used in configs. */
    public static final String NAME = "lif_delta";

    /**
     * Parameters of {@link LifDelta}, each a finite number, validated on construction.
     *
     * @param tauM   membrane time constant (ms), {@code > 0}
     * @param cM     membrane capacitance (pF), {@code > 0}
     * @param eL     resting potential (mV)
     * @param vTh    threshold (mV)
     * @param vReset reset potential (mV), {@code < vTh}
     * @param tRef   refractory period (ms), {@code >= 0}
     * @param iE     constant bias current (pA)
     */
    public record Params(double tauM, double cM, double eL, double vTh, double vReset, double tRef, double iE)
            implements LifMembrane {
        /**
         * Validates every parameter.
         *
         * @param tauM   membrane time constant (ms), {@code > 0}
         * @param cM     membrane capacitance (pF), {@code > 0}
         * @param eL     resting potential (mV)
         * @param vTh    threshold (mV)
         * @param vReset reset potential (mV), {@code < vTh}
         * @param tRef   refractory period (ms), {@code >= 0}
         * @param iE     constant bias current (pA)
         */
        public Params {
            LifParameters.membrane(NAME, tauM, cM, eL, vTh, vReset, tRef, iE).throwIfAny();
        }
    }

    /** State: membrane potential and refractory clocks. */
    public static final class State extends ExactLifState {
        State(int size, Params p) {
            super(size, p.eL());
        }
    }

    private LifDelta() {
        super(NAME, "LIF with delta synapses (voltage jumps), exact integration; grid and precise modes", Params.class);
    }

    /** {@inheritDoc} A weight is a voltage jump. */
    @Override
    public String weightUnit() {
        return "mV";
    }

    @Override
    public Params defaults() {
        return new Params(10.0, 250.0, -70.0, -55.0, -70.0, 2.0, 0.0);
    }

    @Override
    public State newState(int size, Params params) {
        return new State(size, params);
    }

    @Override
    public Kernel<State> prepare(Params p, TimeGrid grid) {
        return new GridKernel(p, grid);
    }

    @Override
    public ExactKernel<State> prepareExact(Params p, TimeGrid grid) {
        return new PreciseKernel(p);
    }

    private static final class GridKernel extends LifGridKernel<State> {
        GridKernel(Params p, TimeGrid grid) {
            super(NAME, p, grid);
        }

        /**
         * A branch-free subthreshold update of every neuron, which the JIT can vectorise, then
         * refractoriness and threshold ({@link ThresholdPass}). A refractory neuron is not
         * updated: its input is dropped and its potential stays at the reset (or at a value
         * written between runs).
         */
        @Override
        void advance(State s, int lo, int hi, int row, InputView in, boolean synapticRows) {
            final double[] v = s.v;
            for (int i = lo; i < hi; i++) {
                v[i] = relaxed(v[i], in.takeCurrent(row, i)) + (synapticRows ? in.takeExcitatory(row, i) : 0.0)
                        + (synapticRows ? in.takeInhibitory(row, i) : 0.0);
            }
        }

        /** The jumps in {@link #advance}'s order: excitatory, then inhibitory. */
        @Override
        void addListed(State s, ListedInput listed) {
            final double[] v = s.v;
            for (int k = 0; k < listed.count(); k++) {
                int i = listed.neuron(k);
                v[i] = v[i] + listed.excitatory(k) + listed.inhibitory(k);
            }
        }

        /** {@return the potential a step later without synaptic input, from the potential and the injected current} */
        private double relaxed(double v, double current) {
            return eL + membraneDecay * (v - eL) + currentToPotential * (iE + current);
        }
    }

    private static final class PreciseKernel implements ExactLifKernel<State> {
        private final double tauM;
        private final double resistance;
        private final double eL;
        private final double iE;
        private final double vTh;
        private final double vReset;
        private final double tRef;

        PreciseKernel(Params p) {
            tauM = p.tauM();
            resistance = p.resistance();
            eL = p.eL();
            iE = p.iE();
            vTh = p.vTh();
            vReset = p.vReset();
            tRef = p.tRef();
        }

        @Override
        public void propagate(State s, int i, double fromMs, double toMs) {
            double start = fromMs;
            double until = s.refractoryUntilMs[i];
            if (until > start) {
                if (toMs <= until) {
                    return;
                }
                start = until;
            }
            if (toMs <= start) {
                // Over no time at all, V_inf + (v - V_inf) * 1 could still round v by an ulp.
                return;
            }
            double v = s.v[i];
            double vInf = eL + resistance * (iE + s.injectedPa[i]);
            // exp, not expm1: the result is V_inf plus the decayed difference, so no digits cancel, and
            // on Java 17 StrictMath.exp is compiled Java where expm1 is a native call, once per event.
            s.v[i] = vInf + (v - vInf) * StrictMath.exp(-(toMs - start) / tauM);
        }

        @Override
        public double nextCrossingMs(State s, int i, double fromMs, double untilMs) {
            double start = Math.max(fromMs, s.refractoryUntilMs[i]);
            if (start > untilMs) {
                return Double.NaN;
            }
            double v = s.v[i];
            if (v >= vTh) {
                return start;
            }
            // V_inf - V_th, as one difference of relative potentials: R I - (V_th - E_L).
            double drivePastThreshold = resistance * (iE + s.injectedPa[i]) - (vTh - eL);
            if (!(drivePastThreshold > 0)) {
                return Double.NaN;
            }
            // tau ln((V_inf - v) / (V_inf - V_th)) written with log1p: for a long tau_m (a near-perfect
            // integrator) the ratio rounds to 1, and the neuron fired at once.
            double t = start + tauM * StrictMath.log1p((vTh - v) / drivePastThreshold);
            return t <= untilMs ? t : Double.NaN;
        }

        /**
         * Discards input up to and including the end of refractoriness, as grid mode does (its
         * last refractory step drops the input that arrives at the step's end). The end is a sum
         * {@code t_spike + t_ref} rounded once, so an input meant to arrive exactly then may land an
         * ulp either side, which {@link TimeGrid#atOrBefore} counts as the same time.
         */
        @Override
        public void receive(State s, int i, Receptor receptor, double weight, double timeMs) {
            double until = s.refractoryUntilMs[i];
            // -infinity: never spiked.
            if (!TimeGrid.atOrBefore(timeMs, until)) {
                s.v[i] += weight;
            }
        }

        @Override
        public void fire(State s, int i, double timeMs) {
            s.v[i] = vReset;
            s.refractoryUntilMs[i] = timeMs + tRef;
        }
    }
}
