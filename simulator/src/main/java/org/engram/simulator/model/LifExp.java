package org.engram.simulator.model;

import org.engram.simulator.Problems;
import org.engram.simulator.engine.TimeGrid;

/**
 * Leaky integrate-and-fire neuron with exponentially decaying current synapses, excitatory and
 * inhibitory each with its own time constant (NEST's {@code iaf_psc_exp}).
 *
 * <p>Subthreshold dynamics, integrated exactly (Rotter and Diesmann 1999):
 * <pre>
 *   tau_m dV/dt = -(V - E_L) + R (I_ex + I_in + I_e + I_ext(t)),   R = tau_m / C_m
 *   dI_ex/dt = -I_ex / tau_syn_ex,   dI_in/dt = -I_in / tau_syn_in
 *   V(t + h)    = E_L + P22 (V - E_L) + P21ex I_ex + P21in I_in + P20 (I_e + I_ext)
 *   I_x(t + h)  = P11x I_x + sum of weights arriving in (t, t + h]
 *   P22 = exp(-h / tau_m),   P20 = R (1 - P22),   P11x = exp(-h / tau_syn_x)
 *   P21x = (exp(-h / tau_m) - exp(-h / tau_syn_x)) / (C_m (1/tau_syn_x - 1/tau_m))
 * </pre>
 * A weight (pA) makes the synaptic current jump. When {@code tau_syn_x == tau_m}, P21x takes its
 * limit {@code h/C_m exp(-h/tau_m)} (the postsynaptic potential becomes alpha-shaped); values
 * close to the singular case are computed without cancellation. When {@code V >= V_th} the
 * neuron spikes, {@code V} is set to {@code V_reset} and held there for {@code t_ref}; the
 * synaptic currents keep decaying and keep receiving input while the neuron is refractory.
 *
 * <p>Grid mode: per step, {@code V} is propagated with the currents at the step's start, then
 * the currents decay, then the inputs arriving at the step's end are added, then the threshold
 * is checked. Precise mode ({@link ExactPropagation}) finds threshold crossings between events
 * by a bracketed root search on the closed-form {@code V(t)} to {@code 1e-13} ms of the time since
 * the neuron's last event (a spike time far into a run carries the ulps of its size, 1e-10 ms at
 * 10^6 ms).
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
 *   <tr><td>tau_syn_ex</td><td>2</td><td>ms</td><td>excitatory synaptic time constant</td></tr>
 *   <tr><td>tau_syn_in</td><td>2</td><td>ms</td><td>inhibitory synaptic time constant</td></tr>
 * </table>
 *
 * <p>References: S. Rotter and M. Diesmann (1999), Exact digital simulation of time-invariant
 * linear systems with applications to neuronal modeling, Biol. Cybern. 81:381-402. See also
 * {@link LifDelta}, {@link AdaptiveLif}.
 */
public final class LifExp extends AbstractNeuronModel<LifExp.Params, LifExp.State>
        implements ExactPropagation<LifExp.Params, LifExp.State> {

    /** The shared instance; the model holds no data. */
    public static final LifExp MODEL = new LifExp();

    /** Name used in configs. */
    public static final String NAME = "lif_exp";

    /**
     * Parameters of {@link LifExp}, each a finite number, validated on construction.
     *
     * @param tauM     membrane time constant (ms), {@code > 0}
     * @param cM       membrane capacitance (pF), {@code > 0}
     * @param eL       resting potential (mV)
     * @param vTh      threshold (mV)
     * @param vReset   reset potential (mV), {@code < vTh}
     * @param tRef     refractory period (ms), {@code >= 0}
     * @param iE       constant bias current (pA)
     * @param tauSynEx excitatory synaptic time constant (ms), {@code > 0}
     * @param tauSynIn inhibitory synaptic time constant (ms), {@code > 0}
     */
    public record Params(double tauM, double cM, double eL, double vTh, double vReset, double tRef, double iE,
                         double tauSynEx, double tauSynIn) implements LifMembrane {
        /**
         * Validates every parameter.
         *
         * @param tauM     membrane time constant (ms), {@code > 0}
         * @param cM       membrane capacitance (pF), {@code > 0}
         * @param eL       resting potential (mV)
         * @param vTh      threshold (mV)
         * @param vReset   reset potential (mV), {@code < vTh}
         * @param tRef     refractory period (ms), {@code >= 0}
         * @param iE       constant bias current (pA)
         * @param tauSynEx excitatory synaptic time constant (ms), {@code > 0}
         * @param tauSynIn inhibitory synaptic time constant (ms), {@code > 0}
         */
        public Params {
            Problems p = LifParameters.membrane(NAME, tauM, cM, eL, vTh, vReset, tRef, iE);
            LifParameters.synapses(p, tauSynEx, tauSynIn);
            p.throwIfAny();
        }
    }

    /** State: membrane potential, synaptic currents and refractory clocks. */
    public static final class State extends ExactLifState {
        /** Excitatory synaptic current (pA). */
        public final double[] iSynEx;
        /** Inhibitory synaptic current (pA). */
        public final double[] iSynIn;

        State(int size, Params p) {
            super(size, p.eL());
            iSynEx = variable("i_syn_ex", "pA");
            iSynIn = variable("i_syn_in", "pA");
        }
    }

    private LifExp() {
        super(NAME, "LIF with exponential current synapses (separate exc/inh time constants), exact integration;"
                + " grid and precise modes", Params.class);
    }

    /** {@inheritDoc} A weight is the peak of an exponential current. */
    @Override
    public String weightUnit() {
        return "pA";
    }

    @Override
    public Params defaults() {
        return new Params(10.0, 250.0, -70.0, -55.0, -70.0, 2.0, 0.0, 2.0, 2.0);
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

    private static final class GridKernel extends ExponentialSynapseKernel<State> {
        GridKernel(Params p, TimeGrid grid) {
            super(NAME, p, p.tauSynEx(), p.tauSynIn(), grid);
        }

        @Override
        double[] excitatoryCurrents(State s) {
            return s.iSynEx;
        }

        @Override
        double[] inhibitoryCurrents(State s) {
            return s.iSynIn;
        }
    }

    /**
     * Exact propagation and threshold search.
     *
     * <p>With {@code u = V - E_L}, currents {@code a_ex, a_in} and potential {@code u0} at a start
     * time, {@code u(s) = u_inf + (u0 - u_inf) exp(-s/tau_m) + a_ex P21ex(s) + a_in P21in(s)} with
     * {@code u_inf = R (I_e + I_ext)}, and {@code tau_m u'(s) = R I(s) - u(s)}, where {@code I} is the
     * synaptic currents plus {@code I_e + I_ext}, the injected current {@code I_ext} constant between
     * events. The first crossing of {@code theta = V_th - E_L} is found without missing a brief
     * excursion above threshold:
     * <ol>
     *   <li>{@code u} stays below its relaxation toward {@code R max I} over the interval
     *       ({@link CrossingSearch#staysBelow}), and there each current is largest at one end: {@code a}
     *       at the start if it is positive, else {@code a exp(-s / tau)} at the end, nearer 0 (an
     *       inhibitory current counts what is left of it); below threshold there is nothing to search
     *       (the common, cheap case).</li>
     *   <li>{@code I'(s)} is a sum of two exponentials and changes sign at most once, at a time
     *       found in closed form; split the interval there.</li>
     *   <li>On each piece, where the current is monotone, {@link CrossingSearch#firstCrossing} finds
     *       the crossing: {@code u} has at most one turning point there.</li>
     * </ol>
     */
    private static final class PreciseKernel extends CrossingSearch implements ExactLifKernel<State> {
        private final ExponentialCurrent ex;
        private final ExponentialCurrent in;
        private final double rateEx;
        private final double rateIn;
        private final double eL;
        private final double iE;
        private final double vReset;
        private final double tRef;

        PreciseKernel(Params p) {
            super(p.vTh() - p.eL(), p.tauM(), p.resistance(), Math.max(p.tauSynEx(), p.tauSynIn()));
            ex = new ExponentialCurrent(p.tauM(), p.tauSynEx(), p.cM());
            in = new ExponentialCurrent(p.tauM(), p.tauSynIn(), p.cM());
            rateEx = 1.0 / p.tauSynEx();
            rateIn = 1.0 / p.tauSynIn();
            eL = p.eL();
            iE = p.iE();
            vReset = p.vReset();
            tRef = p.tRef();
        }

        @Override
        public void propagate(State s, int i, double fromMs, double toMs) {
            double aEx = s.iSynEx[i];
            double aIn = s.iSynIn[i];
            s.iSynEx[i] = aEx * ex.decay(toMs - fromMs);
            s.iSynIn[i] = aIn * in.decay(toMs - fromMs);
            double start = Math.max(fromMs, s.refractoryUntilMs[i]);
            if (toMs <= start) {
                return;
            }
            if (start > fromMs) {
                aEx *= ex.decay(start - fromMs);
                aIn *= in.decay(start - fromMs);
            }
            s.v[i] = eL + potential(toMs - start, s.v[i] - eL, iE + s.injectedPa[i], aEx, 0, aIn, 0);
        }

        @Override
        public double nextCrossingMs(State s, int i, double fromMs, double untilMs) {
            assert Double.isFinite(untilMs) : "the search interval must be finite";
            double start = Math.max(fromMs, s.refractoryUntilMs[i]);
            if (!(start <= untilMs)) {
                return Double.NaN;
            }
            double u0 = s.v[i] - eL;
            if (u0 >= theta) {
                return start;
            }
            double aEx = s.iSynEx[i];
            double aIn = s.iSynIn[i];
            if (start > fromMs) {
                aEx *= ex.decay(start - fromMs);
                aIn *= in.decay(start - fromMs);
            }
            double bias = iE + s.injectedPa[i];
            double end = untilMs - start;
            double drive = resistance * (bias + largestValue(aEx, ex, end) + largestValue(aIn, in, end));
            if (staysBelow(u0, drive, end)) {
                return Double.NaN;
            }
            double searched = searchedPart(end);
            double turn = currentTurn(aEx, aIn);
            double crossing;
            if (!(turn > 0 && turn < searched)) {
                crossing = firstCrossing(0, searched, u0, bias, aEx, 0, aIn, 0);
            } else {
                crossing = firstCrossing(0, turn, u0, bias, aEx, 0, aIn, 0);
                if (Double.isNaN(crossing)) {
                    crossing = firstCrossing(turn, searched, u0, bias, aEx, 0, aIn, 0);
                }
            }
            if (Double.isNaN(crossing)) {
                crossing = settledCrossing(searched, end, u0, bias, aEx, 0, aIn, 0);
            }
            return start + crossing;
        }

        @Override
        public void receive(State s, int i, Receptor receptor, double weight, double timeMs) {
            if (receptor == Receptor.EXCITATORY) {
                s.iSynEx[i] += weight;
            } else {
                s.iSynIn[i] += weight;
            }
        }

        @Override
        public void fire(State s, int i, double timeMs) {
            s.v[i] = vReset;
            s.refractoryUntilMs[i] = timeMs + tRef;
        }

        /** The largest value of a current {@code a exp(-s / tau)} over {@code [0, end]}: at one end. */
        private static double largestValue(double a, ExponentialCurrent current, double end) {
            return a >= 0 ? a : a * current.decay(end);
        }

        /** The time at which the total synaptic current has a turning point, or NaN if it is monotone. */
        private double currentTurn(double aEx, double aIn) {
            double slopeEx = aEx * rateEx;
            double slopeIn = aIn * rateIn;
            if (rateEx == rateIn || !(slopeEx * slopeIn < 0)) {
                return Double.NaN;
            }
            return StrictMath.log(-slopeEx / slopeIn) / (rateEx - rateIn);
        }

        /** Exponential synapses have no drives {@code b}. */
        @Override
        double synapticPotential(double s, double aEx, double bEx, double aIn, double bIn) {
            return aEx * ex.toVoltage(s) + aIn * in.toVoltage(s);
        }

        @Override
        double synapticCurrent(double s, double aEx, double bEx, double aIn, double bIn) {
            return aEx * ex.decay(s) + aIn * in.decay(s);
        }
    }
}
