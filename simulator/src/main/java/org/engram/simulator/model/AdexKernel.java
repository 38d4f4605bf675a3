package org.engram.simulator.model;

import org.engram.simulator.engine.TimeGrid;

/**
 * The grid kernel of the AdEx models: {@link Adex}, whose synapses are currents, and
 * {@link AdexCond}, whose synapses are conductances. Either way the synaptic input is affine in
 * the potential, {@code I_syn = offset - g V}: currents give {@code offset = I_ex + I_in} and
 * {@code g = 0}, conductances {@code offset = g_ex E_ex + g_in E_in} and {@code g = g_ex + g_in};
 * so one integrator serves both, the synaptic variables decaying exactly.
 *
 * <p>Each grid step is split into {@code n = ceil(dt / 0.01 ms)} equal substeps, each a
 * second-order Runge-Kutta (midpoint) step of {@code V} and {@code w}. Its first stage reads the
 * synaptic variables at the substep's start; its second, which alone moves the state, reads
 * currents at the substep's middle and conductances as their exact mean over the substep: with
 * {@code V} fixed a conductance then moves it by exactly its charge, where its middle value is
 * short by {@code (h / tau)^2 / 24} of it (1e-4 at NEST's 0.2 ms), which made a 30 nS PSP's
 * error 7 times larger (1.6e-4 against 2.2e-5 mV; {@code adex} keeps the middle value, to its
 * bits). As in NEST, the right-hand side reads {@code V} as at
 * most {@code v_peak}, so the exponential stays finite. Far up a spike's upstroke the time left to
 * {@code v_peak} is the exponential term's closed-form blow-up time; when it ends inside a substep
 * the spike is placed there and the substep goes on from the reset; below that hand-off, where the
 * exponential grows faster than one midpoint step follows, the substep is taken in pieces of a
 * sixteenth of the time left to the peak (see {@link Adex} for the figures). The midpoint method is
 * stable while the substep times the membrane's rate {@code (g_L + g) / C_m} is at most 2; a
 * neuron whose conductance breaks that bound ({@code g} above {@code 2 C_m / h - g_L}, 56,170 nS
 * for the defaults), or whose state is not finite, fails the run with an
 * {@link ArithmeticException} that names it and its state (the engine wraps it in its
 * {@code KernelFailed}).
 *
 * @param <S> the model's state
 */
final class AdexKernel<S extends AdexState> implements Kernel<S> {

    /** The longest substep (ms). */
    static final double MAX_SUBSTEP_MS = 0.01;

    /** Up a spike's upstroke, midpoint steps of one this many-th of the time left to the peak. */
    static final double UPSTROKE_PIECES = 16;

    /** The largest substep times rate ({@code h lambda}) for which the midpoint method does not grow. */
    static final double STABILITY_LIMIT = 2;

    private final String model;
    private final int substeps;
    private final double h;
    private final double halfDecayEx;
    private final double halfDecayIn;
    /**
     * What the excitatory variable at a substep's start is multiplied by for the second midpoint
     * stage: its decay to the middle (currents) or its mean over the substep (conductances).
     */
    private final double stageEx;
    /** What the inhibitory variable at a substep's start is multiplied by for the second midpoint stage. */
    private final double stageIn;
    /** What one unit of the excitatory variable adds to the affine input's offset: 1 (pA/pA) or E_ex (mV). */
    private final double offsetPerEx;
    /** What one unit of the inhibitory variable adds to the offset: 1 or E_in. */
    private final double offsetPerIn;
    /** What one unit of either variable adds to the input's conductance: 0 for currents, 1 for conductances. */
    private final double conductancePerUnit;
    /** The sign of an inhibitory weight's effect: an inhibitory conductance grows by the weight's magnitude. */
    private final double inhibitorySign;
    /** The largest synaptic conductance (nS) for which a substep is stable. */
    private final double maxConductance;
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

    private AdexKernel(String model, AdexMembrane p, double tauSynEx, double tauSynIn, double offsetPerEx,
                       double offsetPerIn, double conductancePerUnit, TimeGrid grid) {
        this.model = model;
        substeps = grid.substeps(MAX_SUBSTEP_MS);
        h = grid.dtMs() / substeps;
        halfDecayEx = StrictMath.exp(-0.5 * h / tauSynEx);
        halfDecayIn = StrictMath.exp(-0.5 * h / tauSynIn);
        stageEx = conductancePerUnit > 0 ? Conductances.meanOverInterval(h, tauSynEx) : halfDecayEx;
        stageIn = conductancePerUnit > 0 ? Conductances.meanOverInterval(h, tauSynIn) : halfDecayIn;
        this.offsetPerEx = offsetPerEx;
        this.offsetPerIn = offsetPerIn;
        this.conductancePerUnit = conductancePerUnit;
        inhibitorySign = conductancePerUnit > 0 ? -1 : 1;
        maxConductance = STABILITY_LIMIT * p.cM() / h - p.gL();
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
        refractorySteps = grid.wholeSteps(model, "t_ref", p.tRef());
    }

    /**
     * The kernel of a model with exponential current synapses (pA): an input adds its weight to
     * the current, an inhibitory (negative) one as it is.
     *
     * @param model    the model's name, for messages
     * @param p        the membrane
     * @param tauSynEx excitatory synaptic time constant (ms)
     * @param tauSynIn inhibitory synaptic time constant (ms)
     * @param grid     the time grid
     * @param <S>      the model's state
     * @return the kernel
     */
    static <S extends AdexState> AdexKernel<S> currents(String model, AdexMembrane p, double tauSynEx,
                                                        double tauSynIn, TimeGrid grid) {
        return new AdexKernel<>(model, p, tauSynEx, tauSynIn, 1, 1, 0, grid);
    }

    /**
     * The kernel of a model with exponential conductance synapses (nS): an input adds its weight's
     * magnitude to the conductance (inhibitory weights are negative).
     *
     * @param model    the model's name, for messages
     * @param p        the membrane
     * @param tauSynEx excitatory synaptic time constant (ms)
     * @param tauSynIn inhibitory synaptic time constant (ms)
     * @param eEx      excitatory reversal potential (mV)
     * @param eIn      inhibitory reversal potential (mV)
     * @param grid     the time grid
     * @param <S>      the model's state
     * @return the kernel
     */
    static <S extends AdexState> AdexKernel<S> conductances(String model, AdexMembrane p, double tauSynEx,
                                                            double tauSynIn, double eEx, double eIn, TimeGrid grid) {
        return new AdexKernel<>(model, p, tauSynEx, tauSynIn, eEx, eIn, 1, grid);
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
    public void update(S s, int lo, int hi, int fromStep, int toStep, InputView in, SpikeSink out) {
        final double[] vs = s.v;
        final double[] ws = s.w;
        final double[] ex = s.excitatory;
        final double[] inh = s.inhibitory;
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
                    double start = offsetPerEx * ex[i] + offsetPerIn * inh[i];
                    double startConductance = conductancePerUnit * (ex[i] + inh[i]);
                    if (!(startConductance <= maxConductance)) {
                        throw failed(s, i, "a conductance of " + startConductance + " nS makes the midpoint substep of "
                                + h + " ms unstable (at most " + maxConductance + " nS)");
                    }
                    double xEx = ex[i] * halfDecayEx;
                    double xIn = inh[i] * halfDecayIn;
                    double sEx = ex[i] * stageEx;
                    double sIn = inh[i] * stageIn;
                    double middle = offsetPerEx * sEx + offsetPerIn * sIn;
                    double middleConductance = conductancePerUnit * (sEx + sIn);
                    ex[i] = xEx * halfDecayEx;
                    inh[i] = xIn * halfDecayIn;
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
                        double vHalf = v + 0.5 * piece * membrane(v, w, middle + drive, middleConductance);
                        double wHalf = w + 0.5 * piece * adaptation(v, w);
                        v += piece * membrane(vHalf, wHalf, middle + drive, middleConductance);
                        w += piece * adaptation(vHalf, wHalf);
                        left -= piece;
                        toPeak = upstrokeMs(v);
                    }
                    if (holding[i]) {
                        vs[i] = v;
                        ws[i] = advanceW(v, w, left);
                        continue;
                    }
                    double vMid = v + 0.5 * left * membrane(v, w, start + drive, startConductance);
                    double wMid = w + 0.5 * left * adaptation(v, w);
                    v += left * membrane(vMid, wMid, middle + drive, middleConductance);
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
                if (!Double.isFinite(vs[i] + ws[i])) {
                    throw failed(s, i, "the state is not finite");
                }
                ex[i] += in.excitatory(row, i);
                inh[i] += inhibitorySign * in.inhibitory(row, i);
                refractory[i] = spikes[i] > 0 ? refractorySteps : Math.max(refractory[i] - 1, 0);
                for (; spikes[i] > 0; spikes[i]--) {
                    out.spike(i, step);
                }
            }
        }
    }

    /** The failure of neuron {@code i}, with every variable of its state, and why. */
    private ArithmeticException failed(S s, int i, String why) {
        StringBuilder state = new StringBuilder(model + " neuron " + i + ":");
        for (String name : s.variableNames()) {
            state.append(' ').append(name).append(" = ").append(s.values(name)[i]).append(' ').append(s.unit(name))
                    .append(',');
        }
        state.setLength(state.length() - 1);
        return new ArithmeticException(state + ": " + why);
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

    /**
     * dV/dt (mV/ms) with the input current {@code offset - conductance V} (pA; {@code conductance}
     * in nS), reading V as at most {@code v_peak} so the exponential stays finite. For current
     * synapses the conductance is 0 and the sum is the one of a current alone, to the bit.
     */
    private double membrane(double v, double w, double offset, double conductance) {
        double capped = Math.min(v, vPeak);
        double spikeCurrent = exponential ? gL * deltaT * StrictMath.exp((capped - vTh) * inverseDeltaT) : 0;
        return inverseC * (gL * (eL - capped) + spikeCurrent - w + (offset - conductance * capped));
    }

    /** dw/dt (pA/ms), reading V as {@link #membrane} does. */
    private double adaptation(double v, double w) {
        return inverseTauW * (a * (Math.min(v, vPeak) - eL) - w);
    }
}
