package org.engram.simulator.model;

import org.engram.simulator.Problems;
import org.engram.simulator.engine.TimeGrid;

/**
 * Leaky integrate-and-fire neuron with alpha-shaped current synapses, excitatory and inhibitory
 * each with its own time constant (NEST's {@code iaf_psc_alpha}).
 *
 * <p>Subthreshold dynamics, integrated exactly (Rotter and Diesmann 1999; propagators in
 * {@link AlphaCurrent}):
 * <pre>
 *   tau_m dV/dt = -(V - E_L) + R (I_ex + I_in + I_e + I_ext(t)),   R = tau_m / C_m
 *   dI_x/dt = y_x - I_x / tau_syn_x,   dy_x/dt = -y_x / tau_syn_x
 *   V(t + h)   = E_L + P33 (V - E_L) + P31x y_x + P32x I_x (both receptors) + P30 (I_e + I_ext)
 *   I_x(t + h) = P21x y_x + P22x I_x,   y_x(t + h) = P11x y_x + (e / tau_syn_x) (weights arriving in (t, t + h])
 * </pre>
 * A weight (pA) is the peak of the current it makes, reached {@code tau_syn} after the spike
 * arrives. {@code tau_syn_x == tau_m} is the limit of the propagators, and values close to it are
 * computed without cancellation. When {@code V >= V_th} the neuron spikes, {@code V} is set to
 * {@code V_reset} and held there for {@code t_ref}; the synaptic currents go on while the neuron
 * is refractory.
 *
 * <p>Grid mode: per step, {@code V} is propagated with the currents at the step's start, then the
 * currents are propagated, then the inputs arriving at the step's end are added to {@code y}, then
 * the threshold is checked. Precise mode ({@link ExactPropagation}) finds threshold crossings
 * between events by a bracketed root search on the closed-form {@code V(t)}, on stretches where the
 * total current is monotone (at most four between two events), so that no excursion above threshold
 * is missed; to {@code 1e-13} ms of the time since the neuron's last event (a spike time far into a
 * run carries the ulps of its size, 1e-10 ms at 10^6 ms).
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
 *   <tr><td>tau_syn_ex</td><td>2</td><td>ms</td><td>excitatory synaptic rise time (the current's peak)</td></tr>
 *   <tr><td>tau_syn_in</td><td>2</td><td>ms</td><td>inhibitory synaptic rise time</td></tr>
 * </table>
 *
 * <p>References: S. Rotter and M. Diesmann (1999), Exact digital simulation of time-invariant
 * linear systems with applications to neuronal modeling, Biol. Cybern. 81:381-402. See also
 * {@link LifExp}.
 */
public final class LifAlpha extends AbstractNeuronModel<LifAlpha.Params, LifAlpha.State>
        implements ExactPropagation<LifAlpha.Params, LifAlpha.State> {

    /** The shared instance; the model holds no data. */
    public static final LifAlpha MODEL = new LifAlpha();

    /** Name used in configs. */
    public static final String NAME = "lif_alpha";

    /**
     * Parameters of {@link LifAlpha}, each a finite number, validated on construction.
     *
     * @param tauM     membrane time constant (ms), {@code > 0}
     * @param cM       membrane capacitance (pF), {@code > 0}
     * @param eL       resting potential (mV)
     * @param vTh      threshold (mV)
     * @param vReset   reset potential (mV), {@code < vTh}
     * @param tRef     refractory period (ms), {@code >= 0}
     * @param iE       constant bias current (pA)
     * @param tauSynEx excitatory synaptic rise time (ms), {@code > 0}
     * @param tauSynIn inhibitory synaptic rise time (ms), {@code > 0}
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
         * @param tauSynEx excitatory synaptic rise time (ms), {@code > 0}
         * @param tauSynIn inhibitory synaptic rise time (ms), {@code > 0}
         */
        public Params {
            Problems p = LifParameters.membrane(NAME, tauM, cM, eL, vTh, vReset, tRef, iE);
            LifParameters.synapses(p, tauSynEx, tauSynIn);
            p.throwIfAny();
        }
    }

    /** State: membrane potential, synaptic currents and what drives them, refractory clocks. */
    public static final class State extends ExactLifState {
        /** Excitatory synaptic current (pA). */
        public final double[] iSynEx;
        /** Inhibitory synaptic current (pA). */
        public final double[] iSynIn;
        /** What drives the excitatory current, {@code y_ex} (pA/ms). */
        public final double[] dISynEx;
        /** What drives the inhibitory current, {@code y_in} (pA/ms). */
        public final double[] dISynIn;

        State(int size, Params p) {
            super(size, p.eL());
            iSynEx = variable("i_syn_ex", "pA");
            iSynIn = variable("i_syn_in", "pA");
            dISynEx = variable("di_syn_ex", "pA/ms");
            dISynIn = variable("di_syn_in", "pA/ms");
        }
    }

    private LifAlpha() {
        super(NAME, "LIF with alpha-shaped current synapses (separate exc/inh time constants), exact integration;"
                + " grid and precise modes", Params.class);
    }

    /** {@inheritDoc} A weight is the peak of an alpha-shaped current. */
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

    private static final class GridKernel extends LifGridKernel<State> {
        private final double p31ex;
        private final double p32ex;
        private final double p31in;
        private final double p32in;
        private final double p21ex;
        private final double p21in;
        private final double p11ex;
        private final double p11in;
        private final double jumpEx;
        private final double jumpIn;

        GridKernel(Params p, TimeGrid grid) {
            super(NAME, p, grid);
            double h = grid.dtMs();
            AlphaCurrent ex = new AlphaCurrent(p.tauM(), p.tauSynEx(), p.cM());
            AlphaCurrent in = new AlphaCurrent(p.tauM(), p.tauSynIn(), p.cM());
            p31ex = ex.driveToVoltage(h);
            p32ex = ex.currentToVoltage(h);
            p31in = in.driveToVoltage(h);
            p32in = in.currentToVoltage(h);
            p21ex = ex.toCurrent(h);
            p21in = in.toCurrent(h);
            p11ex = ex.decay(h);
            p11in = in.decay(h);
            jumpEx = ex.jumpPerWeight();
            jumpIn = in.jumpPerWeight();
        }

        /**
         * Branch-free updates of every neuron's potential, then of its currents, which the JIT can
         * vectorise, then refractoriness and threshold ({@link ThresholdPass}). A refractory
         * neuron's potential is not updated (it stays at the reset), while its currents go on and
         * take input as usual. The potentials and the currents are two loops: as one loop over the
         * nine arrays the step took 4.5-6.3 ns a neuron against 2.5 ns (JMH NeuronUpdateBenchmark).
         */
        @Override
        void advance(State s, int lo, int hi, int row, InputView in, boolean synapticRows) {
            final double[] v = s.v;
            final double[] iEx = s.iSynEx;
            final double[] iIn = s.iSynIn;
            final double[] yEx = s.dISynEx;
            final double[] yIn = s.dISynIn;
            for (int i = lo; i < hi; i++) {
                v[i] = eL + membraneDecay * (v[i] - eL) + p31ex * yEx[i] + p32ex * iEx[i]
                        + p31in * yIn[i] + p32in * iIn[i] + currentToPotential * (iE + in.takeCurrent(row, i));
            }
            for (int i = lo; i < hi; i++) {
                double driveEx = yEx[i];
                double driveIn = yIn[i];
                iEx[i] = p21ex * driveEx + p11ex * iEx[i];
                iIn[i] = p21in * driveIn + p11in * iIn[i];
                // The decayed drive plus 0.0 first, in both forms: listed, the input comes after that sum, and a
                // jump that underflows to -0.0 on a -0.0 drive would otherwise leave -0.0 in rows, 0.0 listed.
                double decayedEx = p11ex * driveEx + 0.0;
                double decayedIn = p11in * driveIn + 0.0;
                yEx[i] = synapticRows ? decayedEx + jumpEx * in.takeExcitatory(row, i) : decayedEx;
                yIn[i] = synapticRows ? decayedIn + jumpIn * in.takeInhibitory(row, i) : decayedIn;
            }
        }

        @Override
        void addListed(State s, ListedInput listed) {
            LifGridKernel.addPerReceptor(s.dISynEx, s.dISynIn, jumpEx, jumpIn, listed);
        }
    }

    /**
     * Exact propagation and threshold search.
     *
     * <p>With {@code u = V - E_L}, and for each receptor its current {@code a} and drive {@code b = y}
     * at a start time, the current is {@code I_x(s) = (a + b s) exp(-r_x s)}, {@code r_x = 1 / tau_syn_x},
     * and {@code u(s) = u_inf + (u0 - u_inf) exp(-s / tau_m) + sum over x of (a P32x(s) + b P31x(s))}
     * with {@code u_inf = R (I_e + I_ext)}, the injected current {@code I_ext} constant between events.
     * The first crossing of {@code theta = V_th - E_L} is found without missing a brief excursion above
     * threshold:
     * <ol>
     *   <li>{@code u} stays below its relaxation toward {@code R sup I} over the interval
     *       ({@link CrossingSearch#staysBelow}), and {@code sup I} there is at most the bias plus each
     *       receptor's largest value there, which is in closed form; below threshold there is nothing to
     *       search (the common, cheap case).</li>
     *   <li>Otherwise the interval is split where the total current turns. Each {@code I_x'(s)} is
     *       {@code (c_x + d_x s) exp(-r_x s)}; multiplied by the slower receptor's {@code exp(r s)} their
     *       sum is {@code g(s) = (c + d s) + (c' + d' s) exp(-delta s)}, {@code delta > 0} the rates'
     *       difference. {@code g''} is {@code exp(-delta s)} times a linear function and changes sign at
     *       most once, at a time in closed form; so {@code g'} is monotone on either side of it and has
     *       at most one zero on each, and {@code g} is monotone between those zeros and has at most one
     *       zero on each piece, each found by a root search: the current turns at most three times.</li>
     *   <li>On each stretch between turns, where the current is monotone,
     *       {@link CrossingSearch#firstCrossing} finds the crossing.</li>
     * </ol>
     */
    static final class PreciseKernel extends CrossingSearch implements ExactLifKernel<State> {
        /** Function code of {@code g(s)}, which has the sign of {@code I'(s)}. */
        private static final int CURRENT_TURN = 2;
        /** Function code of {@code g'(s)}. */
        private static final int CURRENT_TURN_SLOPE = 3;

        private final AlphaCurrent ex;
        private final AlphaCurrent in;
        private final double rateEx;
        private final double rateIn;
        private final double jumpEx;
        private final double jumpIn;
        private final double eL;
        private final double iE;
        private final double vReset;
        private final double tRef;
        private final double slowRate;
        private final double fastRate;
        private final double rateGap;
        private final boolean excitationFaster;

        PreciseKernel(Params p) {
            super(p.vTh() - p.eL(), p.tauM(), p.resistance(), Math.max(p.tauSynEx(), p.tauSynIn()));
            ex = new AlphaCurrent(p.tauM(), p.tauSynEx(), p.cM());
            in = new AlphaCurrent(p.tauM(), p.tauSynIn(), p.cM());
            rateEx = 1.0 / p.tauSynEx();
            rateIn = 1.0 / p.tauSynIn();
            jumpEx = ex.jumpPerWeight();
            jumpIn = in.jumpPerWeight();
            eL = p.eL();
            iE = p.iE();
            vReset = p.vReset();
            tRef = p.tRef();
            slowRate = Math.min(rateEx, rateIn);
            fastRate = Math.max(rateEx, rateIn);
            rateGap = fastRate - slowRate;
            excitationFaster = rateEx > rateIn;
        }

        /** The currents and drives move on through refractoriness; the potential from its end. */
        @Override
        public void propagate(State s, int i, double fromMs, double toMs) {
            double aEx = s.iSynEx[i];
            double bEx = s.dISynEx[i];
            double aIn = s.iSynIn[i];
            double bIn = s.dISynIn[i];
            double h = toMs - fromMs;
            double decayEx = ex.decay(h);
            double decayIn = in.decay(h);
            s.iSynEx[i] = (aEx + bEx * h) * decayEx;
            s.dISynEx[i] = bEx * decayEx;
            s.iSynIn[i] = (aIn + bIn * h) * decayIn;
            s.dISynIn[i] = bIn * decayIn;
            double start = Math.max(fromMs, s.refractoryUntilMs[i]);
            if (toMs <= start) {
                return;
            }
            if (start > fromMs) {
                double d = start - fromMs;
                double clampEx = ex.decay(d);
                double clampIn = in.decay(d);
                aEx = (aEx + bEx * d) * clampEx;
                bEx *= clampEx;
                aIn = (aIn + bIn * d) * clampIn;
                bIn *= clampIn;
            }
            s.v[i] = eL + potential(toMs - start, s.v[i] - eL, iE + s.injectedPa[i], aEx, bEx, aIn, bIn);
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
            double bEx = s.dISynEx[i];
            double aIn = s.iSynIn[i];
            double bIn = s.dISynIn[i];
            if (start > fromMs) {
                double d = start - fromMs;
                double decayEx = ex.decay(d);
                double decayIn = in.decay(d);
                aEx = (aEx + bEx * d) * decayEx;
                bEx *= decayEx;
                aIn = (aIn + bIn * d) * decayIn;
                bIn *= decayIn;
            }
            double bias = iE + s.injectedPa[i];
            double end = untilMs - start;
            double drive = resistance * (bias + AlphaCurrent.largestValue(aEx, bEx, rateEx, end)
                    + AlphaCurrent.largestValue(aIn, bIn, rateIn, end));
            if (staysBelow(u0, drive, end)) {
                return Double.NaN;
            }
            double searched = searchedPart(end);
            double crossing = firstCrossingUntil(searched, u0, bias, aEx, bEx, aIn, bIn);
            if (Double.isNaN(crossing)) {
                crossing = settledCrossing(searched, end, u0, bias, aEx, bEx, aIn, bIn);
            }
            return start + crossing;
        }

        @Override
        public void receive(State s, int i, Receptor receptor, double weight, double timeMs) {
            if (receptor == Receptor.EXCITATORY) {
                s.dISynEx[i] += jumpEx * weight;
            } else {
                s.dISynIn[i] += jumpIn * weight;
            }
        }

        @Override
        public void fire(State s, int i, double timeMs) {
            s.v[i] = vReset;
            s.refractoryUntilMs[i] = timeMs + tRef;
        }

        @Override
        double synapticPotential(double s, double aEx, double bEx, double aIn, double bIn) {
            return ex.toVoltage(s, aEx, bEx) + in.toVoltage(s, aIn, bIn);
        }

        @Override
        double synapticCurrent(double s, double aEx, double bEx, double aIn, double bIn) {
            return (aEx + bEx * s) * ex.decay(s) + (aIn + bIn * s) * in.decay(s);
        }

        /**
         * Adds {@link #CURRENT_TURN}, {@code g(s) = (c + d s) + (c' + d' s) exp(-delta s)}, and
         * {@link #CURRENT_TURN_SLOPE}, {@code g'(s) = d + (d' - delta (c' + d' s)) exp(-delta s)}, where
         * a receptor's {@code I'(s) = (c + d s) exp(-r s)} has {@code c = b - r a} and {@code d = -r b}
         * (unprimed: the slower receptor's; primed: the faster one's).
         */
        @Override
        double evaluate(int function, double s, double u0, double bias, double aEx, double bEx, double aIn,
                        double bIn) {
            if (function != CURRENT_TURN && function != CURRENT_TURN_SLOPE) {
                return super.evaluate(function, s, u0, bias, aEx, bEx, aIn, bIn);
            }
            double bSlow = slower(bEx, bIn);
            double bFast = faster(bEx, bIn);
            double c = bSlow - slowRate * slower(aEx, aIn);
            double d = -slowRate * bSlow;
            double cFast = bFast - fastRate * faster(aEx, aIn);
            double dFast = -fastRate * bFast;
            double fastFactor = StrictMath.exp(-rateGap * s);
            return function == CURRENT_TURN
                    ? c + d * s + (cFast + dFast * s) * fastFactor
                    : d + (dFast - rateGap * (cFast + dFast * s)) * fastFactor;
        }

        /** The slower receptor's current or drive; with equal rates, the sum of both receptors'. */
        private double slower(double excitatory, double inhibitory) {
            return rateGap == 0 ? excitatory + inhibitory : excitationFaster ? inhibitory : excitatory;
        }

        /** The faster receptor's current or drive; with equal rates, none. */
        private double faster(double excitatory, double inhibitory) {
            return rateGap == 0 ? 0 : excitationFaster ? excitatory : inhibitory;
        }

        /**
         * {@return where {@code g''(s) = delta exp(-delta s) (delta (c' + d' s) - 2 d')} changes sign, the
         * bend {@code 2 / delta - c' / d'} (ms since the start, of any sign), or NaN where it never does}:
         * {@code g'} is monotone on either side of it
         */
        double bend(double aEx, double bEx, double aIn, double bIn) {
            double bFast = faster(bEx, bIn);
            double cFast = bFast - fastRate * faster(aEx, aIn);
            double dFast = -fastRate * bFast;
            return rateGap > 0 && dFast != 0 ? 2 / rateGap - cFast / dFast : Double.NaN;
        }

        /**
         * The first crossing in {@code [0, end]} (ms since the start), or NaN: the search of each stretch
         * between the current's turns in turn.
         */
        private double firstCrossingUntil(double end, double u0, double bias, double aEx, double bEx, double aIn,
                                          double bIn) {
            double bend = bend(aEx, bEx, aIn, bIn);
            double split = bend > 0 && bend < end ? bend : end;
            double firstPieceEnd = zeroIn(CURRENT_TURN_SLOPE, 0, split, aEx, bEx, aIn, bIn);
            double secondPieceEnd = split < end ? zeroIn(CURRENT_TURN_SLOPE, split, end, aEx, bEx, aIn, bIn)
                    : Double.NaN;
            double stretchStart = 0;
            double pieceStart = 0;
            for (int piece = 0; piece < 3; piece++) {
                double pieceEnd = piece == 0 ? firstPieceEnd : piece == 1 ? secondPieceEnd : end;
                if (Double.isNaN(pieceEnd)) {
                    continue;
                }
                double turn = zeroIn(CURRENT_TURN, pieceStart, pieceEnd, aEx, bEx, aIn, bIn);
                if (!Double.isNaN(turn)) {
                    double crossing = firstCrossing(stretchStart, turn, u0, bias, aEx, bEx, aIn, bIn);
                    if (!Double.isNaN(crossing)) {
                        return crossing;
                    }
                    stretchStart = turn;
                }
                pieceStart = pieceEnd;
            }
            return firstCrossing(stretchStart, end, u0, bias, aEx, bEx, aIn, bIn);
        }

        /**
         * Where a function of the current that is monotone on {@code [lo, hi]} and non-zero at {@code lo}
         * changes sign, or NaN if it does not.
         */
        private double zeroIn(int function, double lo, double hi, double aEx, double bEx, double aIn, double bIn) {
            double atLo = evaluate(function, lo, 0, 0, aEx, bEx, aIn, bIn);
            double atHi = evaluate(function, hi, 0, 0, aEx, bEx, aIn, bIn);
            if (atLo == 0 || (atHi != 0 && (atLo < 0) == (atHi < 0))) {
                return Double.NaN;
            }
            return atHi == 0 ? hi : root(function, lo, hi, 0, 0, aEx, bEx, aIn, bIn);
        }
    }
}
