package org.engram.simulator.model;

import java.util.Arrays;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Problems;
import org.engram.simulator.engine.TimeGrid;

/**
 * The Hodgkin-Huxley (1952) squid-axon neuron with alpha-shaped current synapses (NEST's
 * {@code hh_psc_alpha}):
 * <pre>
 *   C_m dV/dt = -g_Na m^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_L (V - E_L) + I_syn,ex + I_syn,in + I_e + I(t)
 *   dx/dt = alpha_x(V) (1 - x) - beta_x(V) x,   x = m, h, n
 *   alpha_m = 0.1 (V + 40) / (1 - exp(-(V + 40) / 10)),   beta_m = 4 exp(-(V + 65) / 18)
 *   alpha_h = 0.07 exp(-(V + 65) / 20),                   beta_h = 1 / (1 + exp(-(V + 35) / 10))
 *   alpha_n = 0.01 (V + 55) / (1 - exp(-(V + 55) / 10)),  beta_n = 0.125 exp(-(V + 65) / 80)
 * </pre>
 * with {@code V} in mV and the rates in 1/ms (the paper's rates with the potential shifted to a rest
 * near -65 mV, as NEST documents them); at {@code V = -40} and {@code -55} mV, where {@code alpha_m}
 * and {@code alpha_n} are 0/0, they take their limits, 1 and 0.1. The synaptic currents (pA) are
 * alpha-shaped as in {@link LifAlpha}: a weight is the peak of the current it makes,
 * {@code w (t / tau_syn) e^(1 - t / tau_syn)}, reached {@code tau_syn} after the spike arrives.
 *
 * <p>Integration: each grid step is split into {@code n = ceil(dt / 0.01 ms)} equal substeps (10 for
 * {@code dt = 0.1} ms), each a classical fourth-order Runge-Kutta step of {@code V, m, h, n}, the
 * synaptic currents advanced exactly and evaluated exactly where the method needs them (the substep's
 * start, middle and end). Inputs arrive at the end of a step. The fourth-order method is stable for
 * {@code h lambda} down to -2.78 on the real axis; the membrane's fastest rate is at most
 * {@code (g_na + g_k + g_l) / c_m} (every channel open), so parameters for which that exceeds 278/ms
 * are refused. The gates' rates grow without bound as {@code V} falls ({@code beta_m} e-fold per
 * 18 mV; 278/ms at -141 mV), as deep as a large inhibitory current (the synaptic currents have no
 * reversal potential), a large negative {@code i_e} or a low {@code v_init} takes it. So at each
 * substep's start the kernel bounds the fastest rate of the neuron's equations by their sum (each
 * gate's {@code alpha + beta}, and the membrane's conductance over {@code c_m}; {@code beta_m} makes
 * 99 % of it where it matters) and takes the slope of {@code V} (at the start, and at the end with the
 * current's change): if the substep times that rate exceeds 90 % of 2.78, or {@code V} would fall more
 * than 1.9 mV in it (the margin for the rates' growth, e-fold per 18 mV at most), the substep is split
 * into pieces, each a Runge-Kutta step as long as those bounds allow at its start, the synaptic
 * currents exact at its start, middle and end. Elsewhere, for the defaults wherever {@code V} is above
 * -139.2 mV and falls slower than 190 mV/ms (spikes fall at 67 mV/ms at most; ordinary inputs), a
 * substep is one step as before, to the bit, for a few more arithmetic operations. Below, the pieces
 * grow e-fold per 18 mV: for substeps of 0.01 ms, 2 at -150 mV, 4 at -160, 30 at -200, 468 at -250,
 * 7513 at -300 mV, each costing about what a substep costs (four more exponentials); a neuron whose
 * state would need more than 65536 (below about -339 mV), or is not finite, fails the run with an
 * {@link ArithmeticException} that names it and its state (which the engine wraps in its
 * {@code KernelFailed}). Against a Dormand-Prince 8(5,3) solution of the same equations, {@code V} at
 * the steps' ends is within 1.3e-4 mV while the neuron spikes and 1.2e-8 mV below threshold; substeps
 * of 0.025 ms, which the stability bound would not allow for these defaults, made the error 50 times
 * larger. Where substeps are split it is within 5e-6 mV below -70 mV after 30 nA of inhibition took
 * {@code V} to -181.9 mV, and 1.1e-8 mV while -3 nA of bias holds it at -154.4 mV.
 *
 * <p>Spikes, as NEST detects them: a neuron that is not refractory spikes when, at the end of a
 * substep, {@code V} is at or above 0 mV and lower than at the substep's start, after having risen
 * in the substep before; that is, at the first substep end after a peak of {@code V} above 0 mV,
 * within two substeps (0.02 ms) of the peak. The spike is reported with the step that substep ends
 * in, at the step's end, as every grid model's: between 0 and {@code dt + 0.02} ms after the peak.
 * There is no reset: during the rest of the spike's step and {@code t_ref} after its end no spike
 * is emitted, and the dynamics go on. Unlike NEST, which emits another spike when refractoriness
 * ends while {@code V} is still above 0 mV and falling, a peak gives one spike at most; with NEST's
 * {@code t_ref} of 2 ms, longer than the defaults' downstroke from the peak to 0 mV (0.9 ms), the two
 * agree. A neuron spikes at most once per step. Grid mode only.
 *
 * <table>
 *   <caption>Parameters (defaults: NEST's {@code hh_psc_alpha}, the squid axon on 1e-4 cm^2)</caption>
 *   <tr><th>name</th><th>default</th><th>unit</th><th>meaning</th></tr>
 *   <tr><td>c_m</td><td>100</td><td>pF</td><td>membrane capacitance</td></tr>
 *   <tr><td>g_na</td><td>12000</td><td>nS</td><td>sodium peak conductance</td></tr>
 *   <tr><td>g_k</td><td>3600</td><td>nS</td><td>potassium peak conductance</td></tr>
 *   <tr><td>g_l</td><td>30</td><td>nS</td><td>leak conductance</td></tr>
 *   <tr><td>e_na</td><td>50</td><td>mV</td><td>sodium reversal potential</td></tr>
 *   <tr><td>e_k</td><td>-77</td><td>mV</td><td>potassium reversal potential</td></tr>
 *   <tr><td>e_l</td><td>-54.402</td><td>mV</td><td>leak reversal potential (rest is then near -65 mV)</td></tr>
 *   <tr><td>t_ref</td><td>2</td><td>ms</td><td>refractory period, {@code >= 0}, whole steps</td></tr>
 *   <tr><td>i_e</td><td>0</td><td>pA</td><td>constant bias current</td></tr>
 *   <tr><td>tau_syn_ex</td><td>0.2</td><td>ms</td><td>excitatory synaptic rise time (the current's peak)</td></tr>
 *   <tr><td>tau_syn_in</td><td>2</td><td>ms</td><td>inhibitory synaptic rise time</td></tr>
 *   <tr><td>v_init</td><td>-65</td><td>mV</td><td>initial potential; {@code m, h, n} start at their
 *       steady state there</td></tr>
 * </table>
 *
 * <p>References: A. L. Hodgkin and A. F. Huxley (1952), A quantitative description of membrane
 * current and its application to conduction and excitation in nerve, J. Physiol. 117:500-544.
 */
public final class HodgkinHuxley extends AbstractNeuronModel<HodgkinHuxley.Params, HodgkinHuxley.State> {

    /** The shared instance; the model holds no data. */
    public static final HodgkinHuxley MODEL = new HodgkinHuxley();

    /** Name used in configs. */
    public static final String NAME = "hh_alpha";

    /** The longest substep (ms). */
    static final double MAX_SUBSTEP_MS = 0.01;

    /** Where the classical Runge-Kutta method's stability region ends on the negative real axis ({@code h lambda}). */
    static final double STABILITY_LIMIT = 2.78;

    /** The largest rate of the membrane the substep keeps stable (1/ms). */
    static final double MAX_MEMBRANE_RATE = STABILITY_LIMIT / MAX_SUBSTEP_MS;

    /**
     * The fraction of {@link #STABILITY_LIMIT} that a Runge-Kutta step takes at its start; the rest
     * is a margin for the rates' growth while {@code V} falls in the step.
     */
    static final double SAFE_FRACTION = 0.9;

    /** The largest {@code h lambda} at a Runge-Kutta step's start. */
    static final double SAFE_STIFFNESS = SAFE_FRACTION * STABILITY_LIMIT;

    /**
     * How far {@code V} may fall in a Runge-Kutta step (mV), 1.9: the rates grow at most e-fold per
     * 18 mV of fall ({@code beta_m}'s), so a step that starts within {@link #SAFE_STIFFNESS} ends
     * within {@link #STABILITY_LIMIT}.
     */
    static final double MAX_FALL_MV = -18 * StrictMath.log(SAFE_FRACTION);

    /**
     * The most pieces a substep is split into, enough for the gates' rates down to about -339 mV
     * (for substeps of 0.01 ms); a neuron whose state would need more, or is not finite, fails the run.
     */
    static final int MAX_PIECES = 1 << 16;

    /** The potential (mV) at or above which a peak is a spike. */
    static final double SPIKE_LEVEL_MV = 0;

    /** Where {@link #rates} puts {@code alpha_m} among a neuron's rates. */
    static final int ALPHA_M = 0;
    /** Where {@link #rates} puts {@code beta_m}. */
    static final int BETA_M = 1;
    /** Where {@link #rates} puts {@code alpha_h}. */
    static final int ALPHA_H = 2;
    /** Where {@link #rates} puts {@code beta_h}. */
    static final int BETA_H = 3;
    /** Where {@link #rates} puts {@code alpha_n}. */
    static final int ALPHA_N = 4;
    /** Where {@link #rates} puts {@code beta_n}. */
    static final int BETA_N = 5;
    /** The number of rates. */
    static final int RATES = 6;
    /** The most neurons a population may hold: their rates fill one Java array of at most {@code 2^31 - 9}. */
    public static final int MAX_NEURONS = (Integer.MAX_VALUE - 8) / RATES;

    /** {@code e^2}: {@code exp(-(V + 35) / 10) = exp(-(V + 55) / 10) e^2}. */
    private static final double E_SQUARED = StrictMath.exp(2);

    /**
     * Parameters of {@link HodgkinHuxley}, each a finite number, validated on construction.
     *
     * @param cM       membrane capacitance (pF), {@code > 0}
     * @param gNa      sodium peak conductance (nS), {@code >= 0}
     * @param gK       potassium peak conductance (nS), {@code >= 0}
     * @param gL       leak conductance (nS), {@code >= 0}; {@code (gNa + gK + gL) / cM} at most
     *                 {@link #MAX_MEMBRANE_RATE} (1/ms)
     * @param eNa      sodium reversal potential (mV)
     * @param eK       potassium reversal potential (mV)
     * @param eL       leak reversal potential (mV)
     * @param tRef     refractory period (ms), {@code >= 0}
     * @param iE       constant bias current (pA)
     * @param tauSynEx excitatory synaptic rise time (ms), {@code > 0}
     * @param tauSynIn inhibitory synaptic rise time (ms), {@code > 0}
     * @param vInit    initial potential (mV); the gates start at their steady state there
     */
    public record Params(double cM, double gNa, double gK, double gL, double eNa, double eK, double eL, double tRef,
                         double iE, double tauSynEx, double tauSynIn, double vInit) {
        /**
         * Validates every parameter.
         *
         * @param cM       membrane capacitance (pF), {@code > 0}
         * @param gNa      sodium peak conductance (nS), {@code >= 0}
         * @param gK       potassium peak conductance (nS), {@code >= 0}
         * @param gL       leak conductance (nS), {@code >= 0}; {@code (gNa + gK + gL) / cM} at most
         *                 {@link #MAX_MEMBRANE_RATE} (1/ms)
         * @param eNa      sodium reversal potential (mV)
         * @param eK       potassium reversal potential (mV)
         * @param eL       leak reversal potential (mV)
         * @param tRef     refractory period (ms), {@code >= 0}
         * @param iE       constant bias current (pA)
         * @param tauSynEx excitatory synaptic rise time (ms), {@code > 0}
         * @param tauSynIn inhibitory synaptic rise time (ms), {@code > 0}
         * @param vInit    initial potential (mV); the gates start at their steady state there
         */
        public Params {
            Problems p = new Problems(NAME);
            boolean capacitance = p.positive("c_m", cM, "pF");
            boolean conductances = p.nonNegative("g_na", gNa, "nS") & p.nonNegative("g_k", gK, "nS")
                    & p.nonNegative("g_l", gL, "nS");
            if (capacitance && conductances) {
                double rate = (gNa + gK + gL) / cM;
                p.require(rate <= MAX_MEMBRANE_RATE, "c_m", "(g_na + g_k + g_l) / c_m <= " + MAX_MEMBRANE_RATE
                        + " /ms (a faster membrane makes the Runge-Kutta substep of " + MAX_SUBSTEP_MS
                        + " ms unstable)", cM + " pF against " + (gNa + gK + gL) + " nS");
            }
            p.finite("e_na", eNa, "mV");
            p.finite("e_k", eK, "mV");
            p.finite("e_l", eL, "mV");
            p.nonNegative("t_ref", tRef, "ms");
            p.finite("i_e", iE, "pA");
            LifParameters.synapses(p, tauSynEx, tauSynIn);
            p.finite("v_init", vInit, "mV");
            p.throwIfAny();
        }
    }

    /**
     * State: membrane potential, gates, synaptic currents and what drives them, refractory clock.
     * There is no reset; the refractory count, as the integrate-and-fire models keep it, only
     * silences spikes.
     */
    public static final class State extends IntegrateAndFireState {
        /** How far past [0, 1] a gate may lie before it is refused: rounding, not a wrong value. */
        private static final double GATE_SLACK = 1e-9;

        /** Sodium activation (1). */
        public final double[] m;
        /** Sodium inactivation (1). */
        public final double[] h;
        /** Potassium activation (1). */
        public final double[] n;
        /** Excitatory synaptic current (pA). */
        public final double[] iSynEx;
        /** Inhibitory synaptic current (pA). */
        public final double[] iSynIn;
        /** What drives the excitatory current, {@code y_ex} (pA/ms). */
        public final double[] dISynEx;
        /** What drives the inhibitory current, {@code y_in} (pA/ms). */
        public final double[] dISynIn;
        /** Whether {@code V} rose in the neuron's last substep: a fall after it is a peak. */
        final boolean[] rising;
        /** The kernel's scratch: whether each neuron spiked in the step being advanced. */
        final boolean[] spikedInStep;
        /** The kernel's scratch: each neuron's six rates at a Runge-Kutta stage. */
        final double[] rates;

        State(int size, Params p) {
            super(size, p.vInit());
            m = variable("m", "1");
            h = variable("h", "1");
            n = variable("n", "1");
            iSynEx = variable("i_syn_ex", "pA");
            iSynIn = variable("i_syn_in", "pA");
            dISynEx = variable("di_syn_ex", "pA/ms");
            dISynIn = variable("di_syn_in", "pA/ms");
            rising = new boolean[size];
            spikedInStep = new boolean[size];
            rates = new double[RATES * size];
            double[] r = new double[RATES];
            HodgkinHuxley.rates(p.vInit(), r, 0);
            // At rest each gate sits at alpha / (alpha + beta).
            Arrays.fill(m, r[ALPHA_M] / (r[ALPHA_M] + r[BETA_M]));
            Arrays.fill(h, r[ALPHA_H] / (r[ALPHA_H] + r[BETA_H]));
            Arrays.fill(n, r[ALPHA_N] / (r[ALPHA_N] + r[BETA_N]));
        }

        /**
         * Refuses a gate outside [0, 1], the fractions of channels a gate can open, which code or a config's
         * initial values may have written (the integration keeps them inside, and 1e-9 past either end is
         * left for its rounding).
         */
        @Override
        public void requireValid(String population) {
            super.requireValid(population);
            requireFraction(population, "m", m);
            requireFraction(population, "h", h);
            requireFraction(population, "n", n);
        }

        private static void requireFraction(String population, String gate, double[] values) {
            for (int i = 0; i < values.length; i++) {
                if (!(values[i] >= -GATE_SLACK && values[i] <= 1 + GATE_SLACK)) {
                    throw new ParameterException("population '" + population + "'", gate + "[" + i + "]",
                            "a gate in [0, 1] (the fraction of its channels open)", values[i]);
                }
            }
        }
    }

    private HodgkinHuxley() {
        super(NAME, "Hodgkin-Huxley (1952) with alpha-shaped current synapses, as NEST's hh_psc_alpha; "
                + "Runge-Kutta 4 on 0.01 ms substeps; grid mode", Params.class);
    }

    /**
     * About 2 us a neuron-step: 10 substeps of 4 stages with four exponentials each (more for a
     * neuron below -139.2 mV, whose substeps are split).
     */
    @Override
    public double stepCost() {
        return 2000;
    }

    /** {@inheritDoc} NEST's {@code hh_psc_alpha} sets the initial potential as {@code V_m} (any spelling). */
    @Override
    public String hintFor(String parameter) {
        return parameter.replace("_", "").equalsIgnoreCase("vm") ? NAME + " takes the initial potential as v_init"
                + " (mV), m, h and n starting at their steady state there" : null;
    }

    /** {@inheritDoc} A weight is the peak of an alpha-shaped current. */
    @Override
    public String weightUnit() {
        return "pA";
    }

    @Override
    public Params defaults() {
        return new Params(100.0, 12000.0, 3600.0, 30.0, 50.0, -77.0, -54.402, 2.0, 0.0, 0.2, 2.0, -65.0);
    }

    /**
     * {@inheritDoc} At most {@link #MAX_NEURONS}: the kernel keeps every neuron's rates in one array.
     *
     * @throws ParameterException naming the size, if past that
     */
    @Override
    public State newState(int size, Params params) {
        if (size > MAX_NEURONS) {
            throw new ParameterException(NAME, "size", "at most " + MAX_NEURONS + " neurons in a population (the "
                    + "kernel keeps " + RATES + " rates per neuron in one Java array)", size);
        }
        return new State(size, params);
    }

    @Override
    public Kernel<State> prepare(Params p, TimeGrid grid) {
        return new GridKernel(p, grid);
    }

    /**
     * Writes the six rates (1/ms) at {@code v} (mV) to {@code out[at + ALPHA_M]} and so on, from
     * four transcendental calls where the formulas hold six: {@code beta_h}'s exponential is
     * {@code alpha_n}'s times {@code e^2}, and {@code alpha_h}'s, {@code exp(-(V + 65) / 20)}, is the
     * fourth power of {@code beta_n}'s. {@code alpha_m} and {@code alpha_n}, 0/0 at -40 and -55 mV,
     * take their limits there, 1 and 0.1; {@code expm1} keeps their digits near those points.
     *
     * @param v   the potential (mV)
     * @param out where the rates go
     * @param at  the index of the first
     */
    static void rates(double v, double[] out, int at) {
        double xm = v + 40;
        out[at + ALPHA_M] = xm == 0 ? 1 : 0.1 * xm / -StrictMath.expm1(-xm / 10);
        out[at + BETA_M] = 4 * StrictMath.exp(-(v + 65) / 18);
        double xn = v + 55;
        double nExpm1 = StrictMath.expm1(-xn / 10);
        out[at + ALPHA_N] = xn == 0 ? 0.1 : 0.01 * xn / -nExpm1;
        out[at + BETA_H] = 1 / (1 + (1 + nExpm1) * E_SQUARED);
        double slow = StrictMath.exp(-(v + 65) / 80);
        double slowSquared = slow * slow;
        out[at + ALPHA_H] = 0.07 * (slowSquared * slowSquared);
        out[at + BETA_N] = 0.125 * slow;
    }

    private static final class GridKernel implements Kernel<State> {
        private final int substeps;
        private final double h;
        private final double halfDecayEx;
        private final double halfDecayIn;
        private final double rateEx;
        private final double rateIn;
        private final double jumpEx;
        private final double jumpIn;
        private final double inverseC;
        private final double gNa;
        private final double gK;
        private final double gL;
        private final double eNa;
        private final double eK;
        private final double eL;
        private final double iE;
        private final int refractorySteps;

        GridKernel(Params p, TimeGrid grid) {
            substeps = grid.substeps(MAX_SUBSTEP_MS);
            h = grid.dtMs() / substeps;
            halfDecayEx = StrictMath.exp(-0.5 * h / p.tauSynEx());
            halfDecayIn = StrictMath.exp(-0.5 * h / p.tauSynIn());
            rateEx = 1 / p.tauSynEx();
            rateIn = 1 / p.tauSynIn();
            // A weight w adds w e / tau_syn to y, so that its current peaks at w (see AlphaCurrent).
            jumpEx = Math.E / p.tauSynEx();
            jumpIn = Math.E / p.tauSynIn();
            inverseC = 1.0 / p.cM();
            gNa = p.gNa();
            gK = p.gK();
            gL = p.gL();
            eNa = p.eNa();
            eK = p.eK();
            eL = p.eL();
            iE = p.iE();
            refractorySteps = grid.wholeSteps(NAME, "t_ref", p.tRef());
        }

        /**
         * Substep by substep, and inside each substep neuron by neuron (as {@link Adex}'s kernel,
         * so that independent neurons' updates overlap in the processor): the synaptic currents
         * exactly at the substep's start, middle and end, then the four Runge-Kutta stages (or,
         * where one step would not be stable, {@link #advanceInPieces}), then the peak test. Spikes
         * are reported after the step's last substep, in neuron order.
         */
        @Override
        public void update(State s, int lo, int hi, int fromStep, int toStep, InputView in, SpikeSink out) {
            final double[] vs = s.v;
            final double[] ms = s.m;
            final double[] hs = s.h;
            final double[] ns = s.n;
            final double[] iEx = s.iSynEx;
            final double[] iIn = s.iSynIn;
            final double[] yEx = s.dISynEx;
            final double[] yIn = s.dISynIn;
            final double[] refractory = s.refractorySteps;
            final boolean[] rising = s.rising;
            final boolean[] spiked = s.spikedInStep;
            final double[] rates = s.rates;
            final double halfH = 0.5 * h;
            for (int step = fromStep; step < toStep; step++) {
                final int row = in.row(step);
                for (int k = 0; k < substeps; k++) {
                    for (int i = lo; i < hi; i++) {
                        // I(s) = (I + y s) exp(-s / tau), y(s) = y exp(-s / tau), at s = h / 2 and h.
                        double ex0 = iEx[i];
                        double in0 = iIn[i];
                        double yEx0 = yEx[i];
                        double yIn0 = yIn[i];
                        double driveEx = yEx0 * halfDecayEx;
                        double driveIn = yIn0 * halfDecayIn;
                        double midEx = (ex0 + yEx0 * halfH) * halfDecayEx;
                        double midIn = (in0 + yIn0 * halfH) * halfDecayIn;
                        iEx[i] = (midEx + driveEx * halfH) * halfDecayEx;
                        iIn[i] = (midIn + driveIn * halfH) * halfDecayIn;
                        yEx[i] = driveEx * halfDecayEx;
                        yIn[i] = driveIn * halfDecayIn;
                        double drive = iE + in.current(row, i);
                        double v0 = vs[i];
                        double start = ex0 + in0 + drive;
                        double end = iEx[i] + iIn[i] + drive;
                        int at = RATES * i;
                        HodgkinHuxley.rates(v0, rates, at);
                        double slope = slope(v0, ms[i], hs[i], ns[i], start);
                        double slopeEnd = slope + inverseC * (end - start);
                        double v = safe(h, rateBound(rates, at, ms[i], hs[i], ns[i]), Math.min(slope, slopeEnd))
                                ? advance(i, vs, ms, hs, ns, rates, h, slope, midEx + midIn + drive, end)
                                : advanceInPieces(s, i, ex0, yEx0, in0, yIn0, drive, end);
                        boolean falling = v < v0;
                        if (falling && rising[i] && v >= SPIKE_LEVEL_MV && refractory[i] == 0 && !spiked[i]) {
                            spiked[i] = true;
                        }
                        rising[i] = v > v0;
                    }
                }
                for (int i = lo; i < hi; i++) {
                    yEx[i] += jumpEx * in.excitatory(row, i);
                    yIn[i] += jumpIn * in.inhibitory(row, i);
                    if (spiked[i]) {
                        spiked[i] = false;
                        refractory[i] = refractorySteps;
                        out.spike(i, step);
                    } else {
                        refractory[i] = Math.max(refractory[i] - 1, 0);
                    }
                }
            }
        }

        /** {@code dV/dt} (mV/ms) at {@code v} (mV), the gates {@code m, hGate, n} and the current (pA). */
        private double slope(double v, double m, double hGate, double n, double current) {
            double m3h = m * m * m * hGate;
            double n2 = n * n;
            return inverseC * (current - gNa * m3h * (v - eNa) - gK * n2 * n2 * (v - eK) - gL * (v - eL));
        }

        /**
         * A bound on the fastest rate (1/ms) of a neuron's equations: the sum of each gate's
         * {@code alpha + beta}, from the rates at {@code rates[at]}, and the membrane's conductance
         * over its capacitance, all positive; cheaper than their largest, which it exceeds by about
         * 1 % where that nears the stability limit ({@code beta_m} dominates there). NaN if the
         * state is not finite.
         */
        private double rateBound(double[] rates, int at, double m, double hGate, double n) {
            double n2 = n * n;
            return inverseC * (gNa * m * m * m * hGate + gK * n2 * n2 + gL) + rates[at + ALPHA_M] + rates[at + BETA_M]
                    + rates[at + ALPHA_H] + rates[at + BETA_H] + rates[at + ALPHA_N] + rates[at + BETA_N];
        }

        /**
         * Whether one Runge-Kutta step of {@code length} ms is safe from a neuron's present state:
         * {@code length} times {@code rateBound} (1/ms) within {@link #SAFE_STIFFNESS} and the fall
         * of {@code V} within {@link #MAX_FALL_MV} at the steeper {@code slopeMin} (mV/ms) of the
         * step's start and end; false if the state is not finite.
         */
        private static boolean safe(double length, double rateBound, double slopeMin) {
            return length * rateBound <= SAFE_STIFFNESS && length * slopeMin >= -MAX_FALL_MV;
        }

        /**
         * Neuron {@code i}'s substep, too stiff for one Runge-Kutta step, as pieces, each the longest
         * that {@link #safe} allows at its start (the slope at its end estimated with the substep's
         * end current), the synaptic currents exact at the pieces' starts, middles and ends; the
         * rates at the substep's start are at {@code s.rates[RATES * i]}.
         *
         * @param ex0   the excitatory current (pA) at the substep's start
         * @param yEx0  its drive (pA/ms)
         * @param in0   the inhibitory current (pA) at the substep's start
         * @param yIn0  its drive (pA/ms)
         * @param drive the bias and external current (pA)
         * @param end   the total current (pA) at the substep's end
         * @return the new potential (mV)
         * @throws ArithmeticException if the state is not finite or a piece would be shorter than
         *                             the substep over {@link #MAX_PIECES}
         */
        private double advanceInPieces(State s, int i, double ex0, double yEx0, double in0, double yIn0,
                                       double drive, double end) {
            int at = RATES * i;
            double start = ex0 + in0 + drive;
            double t = 0;
            while (t < h) {
                double v = s.v[i];
                if (t > 0) {
                    HodgkinHuxley.rates(v, s.rates, at);
                }
                double slope = slope(v, s.m[i], s.h[i], s.n[i], start);
                double slopeEnd = slope + inverseC * (end - start);
                double fall = Math.max(-Math.min(slope, slopeEnd), 0);
                // The longest step that safe(...) allows; NaN if the state is not finite.
                double length = Math.min(SAFE_STIFFNESS / rateBound(s.rates, at, s.m[i], s.h[i], s.n[i]),
                        MAX_FALL_MV / fall);
                if (!(length >= h / MAX_PIECES)) {
                    throw tooStiff(s, i, start, length);
                }
                double next = Math.min(t + length, h);
                double pieceEnd = next == h ? end : synapticCurrent(next, ex0, yEx0, in0, yIn0) + drive;
                double mid = synapticCurrent(0.5 * (t + next), ex0, yEx0, in0, yIn0) + drive;
                advance(i, s.v, s.m, s.h, s.n, s.rates, next - t, slope, mid, pieceEnd);
                start = pieceEnd;
                t = next;
            }
            return s.v[i];
        }

        /**
         * The failure of neuron {@code i}, whose safe step ({@code length} ms) at an input
         * {@code current} (pA) is too short or NaN.
         */
        private ArithmeticException tooStiff(State s, int i, double current, double length) {
            String state = NAME + " neuron " + i + ": V = " + s.v[i] + " mV, m = " + s.m[i] + ", h = " + s.h[i]
                    + ", n = " + s.n[i] + ", input current " + current + " pA: ";
            boolean finite = Double.isFinite(s.v[i] + s.m[i] + s.h[i] + s.n[i] + current);
            return new ArithmeticException(state + (!finite ? "the state is not finite"
                    : "Runge-Kutta steps would have to be shorter than " + length + " ms to stay stable, the " + h
                    + " ms substep over " + MAX_PIECES + " (the synaptic currents have no reversal potential: a"
                    + " large inhibitory one drives V without bound)"));
        }

        /** The synaptic current (pA) {@code t} ms after a substep's start, from its currents and drives there. */
        private double synapticCurrent(double t, double ex0, double yEx0, double in0, double yIn0) {
            return (ex0 + yEx0 * t) * StrictMath.exp(-t * rateEx) + (in0 + yIn0 * t) * StrictMath.exp(-t * rateIn);
        }

        /**
         * One classical Runge-Kutta step of {@code length} ms of neuron {@code i}'s {@code V, m, h, n},
         * written back, from the rates at its start, already at {@code rates[RATES * i]}, and the slope
         * of {@code V} there (mV/ms); the other stages run through one copy of the right-hand side.
         *
         * @return the new potential (mV)
         */
        private double advance(int i, double[] vs, double[] ms, double[] hs, double[] ns, double[] rates,
                               double length, double startSlope, double midCurrent, double endCurrent) {
            final double v0 = vs[i];
            final double m0 = ms[i];
            final double h0 = hs[i];
            final double n0 = ns[i];
            final int at = RATES * i;
            double v = v0;
            double m = m0;
            double hGate = h0;
            double n = n0;
            double sumV = 0;
            double sumM = 0;
            double sumH = 0;
            double sumN = 0;
            for (int stage = 0; stage < 4; stage++) {
                double dV = startSlope;
                if (stage > 0) {
                    dV = slope(v, m, hGate, n, stage == 3 ? endCurrent : midCurrent);
                    HodgkinHuxley.rates(v, rates, at);
                }
                double dM = rates[at + ALPHA_M] * (1 - m) - rates[at + BETA_M] * m;
                double dH = rates[at + ALPHA_H] * (1 - hGate) - rates[at + BETA_H] * hGate;
                double dN = rates[at + ALPHA_N] * (1 - n) - rates[at + BETA_N] * n;
                // Stages 1 and 4 weigh 1, stages 2 and 3 weigh 2; the next stage's point is at h / 2, h / 2, h.
                double weight = stage == 0 || stage == 3 ? 1 : 2;
                sumV += weight * dV;
                sumM += weight * dM;
                sumH += weight * dH;
                sumN += weight * dN;
                double reach = stage < 2 ? 0.5 * length : length;
                v = v0 + reach * dV;
                m = m0 + reach * dM;
                hGate = h0 + reach * dH;
                n = n0 + reach * dN;
            }
            double sixth = length / 6;
            vs[i] = v0 + sixth * sumV;
            ms[i] = m0 + sixth * sumM;
            hs[i] = h0 + sixth * sumH;
            ns[i] = n0 + sixth * sumN;
            return vs[i];
        }
    }
}
