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
 * positive current that it subtracts.
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
 *   <tr><td>v_reset</td><td>-60</td><td>mV</td><td>reset potential, {@code < v_peak}</td></tr>
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
 * model, Biol. Cybern. 99:335-347.
 */
public final class Adex extends AbstractNeuronModel<Adex.Params, Adex.State> {

    /** The shared instance; the model holds no data. */
    public static final Adex MODEL = new Adex();

    /** Name used in configs. */
    public static final String NAME = "adex";

    /** Up a spike's upstroke, midpoint steps of one this many-th of the time left to the peak. */
    static final double UPSTROKE_PIECES = 16;

    /** The longest substep (ms). */
    static final double MAX_SUBSTEP_MS = 0.01;

    /** The shortest time constant of w or the membrane: the midpoint method is stable up to {@code h / tau = 2}. */
    static final double MIN_TIME_CONSTANT_MS = MAX_SUBSTEP_MS / 2;

    /** The largest {@code (v_peak - v_th) / delta_t}: the exponential term stays far from overflow. */
    static final double MAX_PEAK_SLOPES = 500;

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
                         double tRef, double a, double b, double tauW, double iE, double tauSynEx, double tauSynIn) {
        /** Validates every parameter. */
        public Params {
            Problems p = new Problems(NAME);
            p.positive("c_m", cM, "pF");
            p.positive("g_l", gL, "nS");
            p.finite("e_l", eL, "mV");
            boolean threshold = p.finite("v_th", vTh, "mV");
            boolean slope = p.nonNegative("delta_t", deltaT, "mV") && p.finite("delta_t", deltaT, "mV");
            if (p.finite("v_peak", vPeak, "mV") && threshold && slope && deltaT > 0) {
                p.require(vPeak > vTh && vPeak <= vTh + MAX_PEAK_SLOPES * deltaT, "v_peak",
                        "a value > v_th = " + vTh + " and <= v_th + " + MAX_PEAK_SLOPES + " delta_t = "
                                + (vTh + MAX_PEAK_SLOPES * deltaT) + " (mV; a margin below the exponential's "
                                + "overflow)",
                        vPeak);
            }
            if (p.finite("v_reset", vReset, "mV") && deltaT > 0 && Double.isFinite(vPeak)) {
                p.require(vReset < vPeak, "v_reset", "a value < v_peak = " + vPeak + " (mV)", vReset);
            } else if (Double.isFinite(vReset) && deltaT == 0 && Double.isFinite(vTh)) {
                p.require(vReset < vTh, "v_reset", "a value < v_th = " + vTh + " (mV; with delta_t = 0 spikes are"
                        + " cut at v_th)", vReset);
            }
            p.nonNegative("t_ref", tRef, "ms");
            p.finite("a", a, "nS");
            p.finite("b", b, "pA");
            if (p.positive("tau_w", tauW, "ms")) {
                p.require(tauW >= MIN_TIME_CONSTANT_MS, "tau_w", "a value >= " + MIN_TIME_CONSTANT_MS
                        + " (ms; a faster w makes the midpoint substep of " + MAX_SUBSTEP_MS + " ms unstable)", tauW);
            }
            if (cM > 0 && gL > 0) {
                p.require(cM / gL >= MIN_TIME_CONSTANT_MS, "c_m", "c_m / g_l >= " + MIN_TIME_CONSTANT_MS
                        + " ms (a faster membrane makes the midpoint substep of " + MAX_SUBSTEP_MS
                        + " ms unstable)", cM + " pF over " + gL + " nS");
            }
            p.finite("i_e", iE, "pA");
            LifParameters.synapses(p, tauSynEx, tauSynIn);
            p.throwIfAny();
        }
    }

    /** State: membrane potential, adaptation current, synaptic currents and refractory clock. */
    public static final class State extends IntegrateAndFireState {
        /** Adaptation current (pA). */
        public final double[] w;
        /** Excitatory synaptic current (pA). */
        public final double[] iSynEx;
        /** Inhibitory synaptic current (pA). */
        public final double[] iSynIn;
        /** The kernel's scratch: spikes of each neuron in the step being advanced. */
        final int[] spikesInStep;
        /** The kernel's scratch: whether each neuron's potential is held at the reset for the rest of the step. */
        final boolean[] holding;

        State(int size, Params p) {
            super(size, p.eL());
            w = variable("w", "pA");
            iSynEx = variable("i_syn_ex", "pA");
            iSynIn = variable("i_syn_in", "pA");
            spikesInStep = new int[size];
            holding = new boolean[size];
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
        return parameter.replace("_", "").equalsIgnoreCase("taum") ? "adex takes the leak as the conductance g_l"
                + " (nS), its membrane time constant being c_m / g_l: tau_m = 9.37 ms with c_m = 281 pF is g_l = 30"
                : null;
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
        return new GridKernel(p, grid);
    }

    private static final class GridKernel implements Kernel<State> {
        private final int substeps;
        private final double h;
        private final double halfDecayEx;
        private final double halfDecayIn;
        private final double gL;
        private final double eL;
        private final double vTh;
        private final double deltaT;
        private final double inverseDeltaT;
        /** Whether the exponential term is there ({@code delta_t > 0}). */
        private final boolean exponential;
        /** Where a spike is cut: {@code v_peak}, or {@code v_th} in the integrate-and-fire limit. */
        private final double vPeak;
        private final double vReset;
        private final double a;
        private final double b;
        private final double inverseC;
        private final double membraneTimeMs;
        private final double peakFactor;
        private final double inverseTauW;
        private final double iE;
        private final int refractorySteps;

        GridKernel(Params p, TimeGrid grid) {
            substeps = grid.substeps(MAX_SUBSTEP_MS);
            h = grid.dtMs() / substeps;
            halfDecayEx = StrictMath.exp(-0.5 * h / p.tauSynEx());
            halfDecayIn = StrictMath.exp(-0.5 * h / p.tauSynIn());
            gL = p.gL();
            eL = p.eL();
            vTh = p.vTh();
            deltaT = p.deltaT();
            exponential = p.deltaT() > 0;
            inverseDeltaT = exponential ? 1.0 / p.deltaT() : 0;
            vPeak = exponential ? p.vPeak() : p.vTh();
            vReset = p.vReset();
            a = p.a();
            b = p.b();
            inverseC = 1.0 / p.cM();
            membraneTimeMs = p.cM() / p.gL();
            peakFactor = exponential ? StrictMath.exp(-(p.vPeak() - p.vTh()) / p.deltaT()) : 0;
            inverseTauW = 1.0 / p.tauW();
            iE = p.iE();
            refractorySteps = grid.wholeSteps(NAME, "t_ref", p.tRef());
        }

        /**
         * Substep by substep, and inside each substep neuron by neuron: the midpoint method on
         * {@code V} and {@code w}, or on {@code w} alone while {@code V} is held at the reset. Looping
         * over neurons innermost lets their independent updates overlap in the processor; one
         * neuron's substeps form a chain of dependent exponentials and divisions, three times slower
         * taken one after another. The spikes found are reported after the last substep, in neuron
         * order, as the kernel contract asks.
         */
        @Override
        public void update(State s, int lo, int hi, int fromStep, int toStep, InputView in, SpikeSink out) {
            final double[] vs = s.v;
            final double[] ws = s.w;
            final double[] ex = s.iSynEx;
            final double[] inh = s.iSynIn;
            final double[] refractory = s.refractorySteps;
            final int[] spikes = s.spikesInStep;
            final boolean[] holding = s.holding;
            for (int step = fromStep; step < toStep; step++) {
                final int row = in.row(step);
                for (int i = lo; i < hi; i++) {
                    holding[i] = refractory[i] > 0;
                }
                for (int k = 0; k < substeps; k++) {
                    for (int i = lo; i < hi; i++) {
                        double start = ex[i] + inh[i];
                        double iEx = ex[i] * halfDecayEx;
                        double iIn = inh[i] * halfDecayIn;
                        double middle = iEx + iIn;
                        ex[i] = iEx * halfDecayEx;
                        inh[i] = iIn * halfDecayIn;
                        double v = vs[i];
                        double w = ws[i];
                        if (holding[i]) {
                            // V stays where it is: at the reset, or at a value written between runs.
                            ws[i] = advanceW(v, w, h);
                            continue;
                        }
                        double drive = iE + in.current(row, i);
                        double left = h;
                        double toPeak = upstrokeMs(v);
                        boolean fired = false;
                        // Up a spike's upstroke the exponential grows faster than one midpoint step follows
                        // (some 6% short a substep where it grows 2.4-fold, a lag that added up spike by spike):
                        // there the substep is taken in pieces of 1 / UPSTROKE_PIECES of the time left to the
                        // peak, until that time ends inside what is left of the substep.
                        while (toPeak < UPSTROKE_PIECES * left) {
                            if (toPeak < left) {
                                // The upstroke ends inside this substep: cut it at its estimated end and go on
                                // from the reset for the rest of the substep.
                                w = advanceW(v, w, toPeak) + b;
                                v = vReset;
                                spikes[i]++;
                                fired = true;
                                left -= toPeak;
                                holding[i] = refractorySteps > 0;
                                break;
                            }
                            double piece = toPeak / UPSTROKE_PIECES;
                            double vHalf = v + 0.5 * piece * membrane(v, w, middle + drive);
                            double wHalf = w + 0.5 * piece * adaptation(v, w);
                            v += piece * membrane(vHalf, wHalf, middle + drive);
                            w += piece * adaptation(vHalf, wHalf);
                            left -= piece;
                            toPeak = upstrokeMs(v);
                        }
                        if (holding[i]) {
                            vs[i] = v;
                            ws[i] = advanceW(v, w, left);
                            continue;
                        }
                        double vMid = v + 0.5 * left * membrane(v, w, start + drive);
                        double wMid = w + 0.5 * left * adaptation(v, w);
                        v += left * membrane(vMid, wMid, middle + drive);
                        w += left * adaptation(vMid, wMid);
                        if (v >= vPeak) {
                            if (fired) {
                                // A second peak in the substep of a spike waits at the peak for the next substep,
                                // whose upstroke time is then 0: at most one spike per substep.
                                v = vPeak;
                            } else {
                                v = vReset;
                                w += b;
                                spikes[i]++;
                                holding[i] = refractorySteps > 0;
                            }
                        }
                        vs[i] = v;
                        ws[i] = w;
                    }
                }
                for (int i = lo; i < hi; i++) {
                    ex[i] += in.excitatory(row, i);
                    inh[i] += in.inhibitory(row, i);
                    refractory[i] = spikes[i] > 0 ? refractorySteps : Math.max(refractory[i] - 1, 0);
                    for (; spikes[i] > 0; spikes[i]--) {
                        out.spike(i, step);
                    }
                }
            }
        }

        /**
         * The time the upstroke from {@code v} takes to reach {@code v_peak} when the exponential
         * term alone drives it: {@code (C / g_L) (exp(-(v - V_T) / Delta_T) - exp(-(v_peak - V_T) / Delta_T))},
         * the solution of {@code C dV/dt = g_L Delta_T exp((V - V_T) / Delta_T)}. Far up the upstroke,
         * where it is shorter than a substep, that term outweighs the others by orders of magnitude;
         * below {@code V_T} it is not computed. The midpoint method, stepping over the upstroke's
         * end, would place the spike up to a substep late, an error that built up spike by spike.
         */
        private double upstrokeMs(double v) {
            if (!exponential || v <= vTh) {
                return Double.POSITIVE_INFINITY;
            }
            double capped = Math.min(v, vPeak);
            return membraneTimeMs * (StrictMath.exp(-(capped - vTh) * inverseDeltaT) - peakFactor);
        }

        /** w after {@code duration} ms of the midpoint method with V fixed at {@code v}. */
        private double advanceW(double v, double w, double duration) {
            double wMid = w + 0.5 * duration * adaptation(v, w);
            return w + duration * adaptation(v, wMid);
        }

        /** dV/dt (mV/ms), reading V as at most {@code v_peak} so the exponential stays finite. */
        private double membrane(double v, double w, double current) {
            double capped = Math.min(v, vPeak);
            double spikeCurrent = exponential ? gL * deltaT * StrictMath.exp((capped - vTh) * inverseDeltaT) : 0;
            return inverseC * (gL * (eL - capped) + spikeCurrent - w + current);
        }

        /** dw/dt (pA/ms), reading V as {@link #membrane} does. */
        private double adaptation(double v, double w) {
            return inverseTauW * (a * (Math.min(v, vPeak) - eL) - w);
        }
    }
}
