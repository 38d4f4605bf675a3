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
 * second-order Runge-Kutta (midpoint) step of {@code V} and {@code w}. Currents enter its first
 * stage at the substep's start and its second at the middle; conductances enter both stages as
 * their exact mean over the substep: with {@code V} fixed a conductance then moves it by exactly
 * its charge, and a 30 nS PSP is within 5.5e-6 mV of a Dormand-Prince solution, where start and
 * middle values left 1.6e-4 mV and start and mean values 2.2e-5 ({@code adex} keeps its values, to
 * their bits). As in NEST, the right-hand side reads {@code V} as at most {@code v_peak} in every
 * term, so the exponential stays finite. Far up a spike's upstroke the time left to
 * {@code v_peak} is the exponential term's closed-form blow-up time; when it ends inside a substep
 * the spike is placed there and the substep goes on from the reset; below that hand-off, where the
 * exponential grows faster than one midpoint step follows, the substep is taken in pieces of a
 * sixteenth of the time left to the peak (see {@link Adex} for the figures). The midpoint method is
 * stable while the step times the membrane's rate {@code (g_L + g) / C_m} is at most 2; a substep
 * whose conductance breaks that bound ({@code g} above {@code 2 C_m / h - g_L}, 56,170 nS for the
 * defaults) is taken in equal pieces of rate times length at most 1, the conductances held at
 * their mean. The bound is one of stability, not of accuracy: near it one step's amplification
 * {@code 1 - h lambda + (h lambda)^2 / 2} tends to 1 where the exact factor is {@code exp(-2)}, so a
 * conductance just under it (tens of thousands of nS, far past any synapse's) relaxes the membrane
 * far too slowly, though never past its equilibrium. A neuron that would need more than
 * {@link #MAX_PIECES} pieces, or whose state is not finite, fails the run with an
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

    /**
     * {@code h lambda} of the pieces a substep too stiff for one midpoint step is taken in: 1, where
     * the method's amplification {@code 1 - h lambda + (h lambda)^2 / 2} is smallest (0.5), so the
     * membrane relaxes as fast as the method can follow, and never past its equilibrium.
     */
    static final double STIFF_PIECE_RATE = 1;

    /**
     * The most pieces a substep is split into: enough for conductances up to some 1.8e9 nS with the
     * defaults; a neuron that would need more fails the run.
     */
    static final int MAX_PIECES = 1 << 16;

    private final String model;
    private final int substeps;
    private final double h;
    private final double halfDecayEx;
    private final double halfDecayIn;
    /**
     * What the excitatory variable at a substep's start is multiplied by for the second midpoint
     * stage (and, for conductances, the first): its decay to the middle (currents) or its mean over
     * the substep (conductances).
     */
    private final double stageEx;
    /** What the inhibitory variable at a substep's start is multiplied by, as {@link #stageEx}. */
    private final double stageIn;
    /** What one unit of the excitatory variable adds to the affine input's offset: 1 (pA/pA) or E_ex (mV). */
    private final double offsetPerEx;
    /** What one unit of the inhibitory variable adds to the offset: 1 or E_in. */
    private final double offsetPerIn;
    /** What one unit of either variable adds to the input's conductance: 0 for currents, 1 for conductances. */
    private final double conductancePerUnit;
    /** The sign of an inhibitory weight's effect: an inhibitory conductance grows by the weight's magnitude. */
    private final double inhibitorySign;
    /** Whether the synaptic variables are conductances, which enter both midpoint stages as their mean. */
    private final boolean conductanceBased;
    /** The largest synaptic conductance (nS) for which a whole substep is stable; above it, pieces. */
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
    private final double cM;
    private final double inverseC;
    private final double membraneTimeMs;
    private final double peakFactor;
    private final double inverseTauW;
    private final double iE;
    private final int refractorySteps;

    private AdexKernel(String model, AdexParameters p, double tauSynEx, double tauSynIn, double offsetPerEx,
                       double offsetPerIn, double conductancePerUnit, TimeGrid grid) {
        this.model = model;
        substeps = grid.substeps(MAX_SUBSTEP_MS);
        h = grid.dtMs() / substeps;
        halfDecayEx = StrictMath.exp(-0.5 * h / tauSynEx);
        halfDecayIn = StrictMath.exp(-0.5 * h / tauSynIn);
        conductanceBased = conductancePerUnit > 0;
        stageEx = conductanceBased ? Conductances.meanOverInterval(h, tauSynEx) : halfDecayEx;
        stageIn = conductanceBased ? Conductances.meanOverInterval(h, tauSynIn) : halfDecayIn;
        this.offsetPerEx = offsetPerEx;
        this.offsetPerIn = offsetPerIn;
        this.conductancePerUnit = conductancePerUnit;
        inhibitorySign = conductanceBased ? -1 : 1;
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
        cM = p.cM();
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
     * @param p        the membrane and adaptation parameters
     * @param tauSynEx excitatory synaptic time constant (ms)
     * @param tauSynIn inhibitory synaptic time constant (ms)
     * @param grid     the time grid
     * @param <S>      the model's state
     * @return the kernel
     */
    static <S extends AdexState> AdexKernel<S> currents(String model, AdexParameters p, double tauSynEx,
                                                        double tauSynIn, TimeGrid grid) {
        return new AdexKernel<>(model, p, tauSynEx, tauSynIn, 1, 1, 0, grid);
    }

    /**
     * The kernel of a model with exponential conductance synapses (nS): an input adds its weight's
     * magnitude to the conductance (inhibitory weights are negative).
     *
     * @param model    the model's name, for messages
     * @param p        the membrane and adaptation parameters
     * @param tauSynEx excitatory synaptic time constant (ms)
     * @param tauSynIn inhibitory synaptic time constant (ms)
     * @param eEx      excitatory reversal potential (mV)
     * @param eIn      inhibitory reversal potential (mV)
     * @param grid     the time grid
     * @param <S>      the model's state
     * @return the kernel
     */
    static <S extends AdexState> AdexKernel<S> conductances(String model, AdexParameters p, double tauSynEx,
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
                    double xEx = ex[i] * halfDecayEx;
                    double xIn = inh[i] * halfDecayIn;
                    double sEx = ex[i] * stageEx;
                    double sIn = inh[i] * stageIn;
                    double middle = offsetPerEx * sEx + offsetPerIn * sIn;
                    double conductance = conductancePerUnit * (sEx + sIn);
                    // Conductances enter both stages as their mean over the substep, currents the first
                    // at the substep's start.
                    double first = conductanceBased ? middle : offsetPerEx * ex[i] + offsetPerIn * inh[i];
                    double longest = conductanceBased && !(conductance <= maxConductance)
                            ? stablePieceMs(s, i, conductance) : h;
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
                        double piece = Math.min(toPeak / UPSTROKE_PIECES, longest);
                        double vHalf = v + 0.5 * piece * membrane(v, w, middle + drive, conductance);
                        double wHalf = w + 0.5 * piece * adaptation(v, w);
                        v += piece * membrane(vHalf, wHalf, middle + drive, conductance);
                        w += piece * adaptation(vHalf, wHalf);
                        left -= piece;
                        toPeak = upstrokeMs(v);
                    }
                    if (holding[i]) {
                        vs[i] = v;
                        ws[i] = advanceW(v, w, left);
                        continue;
                    }
                    // One midpoint step for the rest of the substep, or equal pieces where one is unstable.
                    int pieces = left <= longest ? 1 : (int) Math.ceil(left / longest);
                    double piece = left / pieces;
                    for (int j = 0; j < pieces; j++) {
                        double vMid = v + 0.5 * piece * membrane(v, w, first + drive, conductance);
                        double wMid = w + 0.5 * piece * adaptation(v, w);
                        v += piece * membrane(vMid, wMid, middle + drive, conductance);
                        w += piece * adaptation(vMid, wMid);
                    }
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
                if (!(Double.isFinite(vs[i]) && Double.isFinite(ws[i]) && Double.isFinite(ex[i])
                        && Double.isFinite(inh[i]))) {
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

    /**
     * The longest midpoint step (ms) that damps neuron {@code i}'s membrane as fast as the method
     * can, {@code h (g_L + g) / C_m = }{@link #STIFF_PIECE_RATE}, under a conductance that makes a
     * whole substep unstable.
     *
     * @throws ArithmeticException if the substep would need more than {@link #MAX_PIECES} pieces or
     *                             the conductance is not finite
     */
    private double stablePieceMs(S s, int i, double conductance) {
        double longest = STIFF_PIECE_RATE * cM / (gL + conductance);
        if (!(h / longest <= MAX_PIECES)) {
            throw failed(s, i, Double.isFinite(conductance) ? "a conductance of " + conductance + " nS would split"
                    + " the midpoint substep of " + h + " ms into more than " + MAX_PIECES + " pieces"
                    : "the state is not finite");
        }
        return longest;
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
