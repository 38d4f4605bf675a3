package org.engram.simulator.model;

/**
 * The search for the first threshold crossing of a current-based LIF neuron left without input, on
 * a stretch where its total current {@code I} is monotone; the base of the exact kernels of
 * {@link LifExp} and {@link LifAlpha}.
 *
 * <p>With {@code u = V - E_L} and {@code tau_m u' = R I - u}, differentiating gives
 * {@code tau_m u'' = R I' - u'}: at a zero of {@code u'} the curvature has the sign of {@code I'}.
 * Where {@code I' < 0} every turning point of {@code u} is a maximum, so {@code u} rises then falls
 * at most once; where {@code I' > 0} it falls then rises at most once. Either way a stretch whose end
 * is at or above threshold holds exactly one crossing, and otherwise a crossing needs an interior
 * maximum ({@code u'} positive at the start, negative at the end), which is located by a root search
 * on {@code u'} and compared with the threshold. The crossing is then bracketed and refined with the
 * Illinois method.
 *
 * <p>{@code u(s) = u_inf + (u0 - u_inf) exp(-s / tau_m) + u_syn(s)} with {@code u_inf = R bias}
 * and {@code u_syn} what the synapses add, the model's part; {@code u'} is computed as
 * {@code (R I_syn(s) - (u0 - u_inf) exp(-s / tau_m) - u_syn(s)) / tau_m}, without the terms
 * {@code R bias} on both sides whose rounding, far into a long interval, outweighs a slope that has
 * decayed with the currents. Past {@value #SETTLED_TIME_CONSTANTS} of the slowest time constants the
 * currents are below rounding and {@code u} only relaxes toward {@code u_inf}:
 * {@link #settledCrossing} searches that tail, so that a model's search of the turning points need
 * not reach into it.
 *
 * <p>A neuron's start travels as arguments, not fields, because one kernel serves every worker at
 * once and a search allocates nothing: {@code u0 = V - E_L} (mV), {@code bias = I_e + I_ext} (pA),
 * and for each receptor its current {@code a} (pA) and, for alpha-shaped synapses, the drive
 * {@code b} of that current (pA/ms; 0 for exponential synapses). Times {@code s} are ms since the
 * start.
 */
abstract class CrossingSearch {
    /** Function code of {@code u(s) - theta} for {@link #evaluate}. */
    static final int ABOVE_THRESHOLD = 0;

    /** Function code of {@code u'(s)} for {@link #evaluate}. */
    static final int SLOPE = 1;

    /** Time constants after which the synaptic currents count as gone: {@code exp(-50)} is 2e-22. */
    static final double SETTLED_TIME_CONSTANTS = 50;

    private static final double ROOT_TOLERANCE_MS = 1e-13;
    private static final int MAX_ITERATIONS = 200;

    /** The threshold relative to rest, {@code V_th - E_L} (mV). */
    final double theta;

    /** The membrane time constant (ms). */
    final double tauM;

    /** The membrane resistance {@code tau_m / C_m} (GOhm, mV/pA). */
    final double resistance;

    /** From how long after a start the currents are gone (ms). */
    private final double settledMs;

    /**
     * Creates a search for {@code theta}.
     *
     * @param theta            the threshold relative to rest (mV)
     * @param tauM             the membrane time constant (ms)
     * @param resistance       the membrane resistance (GOhm)
     * @param slowestSynapseMs the largest synaptic time constant (ms)
     */
    CrossingSearch(double theta, double tauM, double resistance, double slowestSynapseMs) {
        this.theta = theta;
        this.tauM = tauM;
        this.resistance = resistance;
        this.settledMs = SETTLED_TIME_CONSTANTS * Math.max(tauM, slowestSynapseMs);
    }

    /** {@return {@code u_syn(s)}, what the synapses add to {@code u} (mV), from the start given} */
    abstract double synapticPotential(double s, double aEx, double bEx, double aIn, double bIn);

    /** {@return {@code I_syn(s)}, the synaptic current (pA), from the start given} */
    abstract double synapticCurrent(double s, double aEx, double bEx, double aIn, double bIn);

    /**
     * Whether the potential surely stays below threshold for {@code end} ms: with {@code R I <= drive}
     * throughout, {@code tau_m u' <= drive - u}, so {@code u} stays below the relaxation from {@code u0}
     * toward {@code drive}, {@code u0 + (drive - u0) (1 - exp(-end / tau_m))}. Over the short time to a
     * neuron's next input this is far below {@code drive}, which spares most searches of a neuron in a
     * balanced network, whose mean drive lies near threshold.
     *
     * @param u0    the potential at the start, below threshold (mV)
     * @param drive at least {@code R I} at every time of the interval (mV)
     * @param end   the interval's length (ms)
     * @return {@code true} if no crossing is possible
     */
    final boolean staysBelow(double u0, double drive, double end) {
        return drive <= u0 || u0 - (drive - u0) * StrictMath.expm1(-end / tauM) < theta;
    }

    /**
     * {@return {@code u(s)} in mV, of a neuron that is not refractory, from the start given}: the
     * relaxation toward {@code u_inf} with expm1, which keeps its digits when {@code s / tau_m} is small
     * (a long tau_m, a near-perfect integrator, had rounded it to nothing), and what the synapses add
     */
    final double potential(double s, double u0, double bias, double aEx, double bEx, double aIn, double bIn) {
        double uInf = resistance * bias;
        return u0 - (uInf - u0) * StrictMath.expm1(-s / tauM) + synapticPotential(s, aEx, bEx, aIn, bIn);
    }

    /** {@return {@code u'(s) = (R I(s) - u(s)) / tau_m} in mV/ms, from the start given} */
    final double slope(double s, double u0, double bias, double aEx, double bEx, double aIn, double bIn) {
        double uInf = resistance * bias;
        return (resistance * synapticCurrent(s, aEx, bEx, aIn, bIn) - (u0 - uInf) * StrictMath.exp(-s / tauM)
                - synapticPotential(s, aEx, bEx, aIn, bIn)) / tauM;
    }

    /**
     * {@return how much of an interval of {@code end} ms a model's search of the turning points takes:
     * up to where the currents are gone}
     */
    final double searchedPart(double end) {
        return Math.min(end, settledMs);
    }

    /**
     * The crossing in the tail {@code [searched, end]} past {@link #searchedPart}, where {@code u} only
     * relaxes toward {@code u_inf} and {@code u(searched) < theta}: there if {@code u(end)} is at or above
     * threshold.
     *
     * @return the crossing time since the start (ms), or NaN if there is none
     */
    final double settledCrossing(double searched, double end, double u0, double bias, double aEx, double bEx,
                                 double aIn, double bIn) {
        if (end > searched && potential(end, u0, bias, aEx, bEx, aIn, bIn) >= theta) {
            return root(ABOVE_THRESHOLD, searched, end, u0, bias, aEx, bEx, aIn, bIn);
        }
        return Double.NaN;
    }

    /**
     * The value of a function that {@link #root} searches: {@link #ABOVE_THRESHOLD} and {@link #SLOPE}
     * here; a subclass that adds codes of its own handles them and passes the others on.
     *
     * @return the function's value at {@code s}, from the start given
     */
    double evaluate(int function, double s, double u0, double bias, double aEx, double bEx, double aIn,
                    double bIn) {
        return function == ABOVE_THRESHOLD
                ? potential(s, u0, bias, aEx, bEx, aIn, bIn) - theta
                : slope(s, u0, bias, aEx, bEx, aIn, bIn);
    }

    /**
     * The first crossing in {@code [lo, hi]} where {@code u(lo) < theta} and the total current is
     * monotone.
     *
     * @return the crossing time since the start (ms), or NaN if there is none
     */
    final double firstCrossing(double lo, double hi, double u0, double bias, double aEx, double bEx, double aIn,
                               double bIn) {
        if (potential(hi, u0, bias, aEx, bEx, aIn, bIn) >= theta) {
            return root(ABOVE_THRESHOLD, lo, hi, u0, bias, aEx, bEx, aIn, bIn);
        }
        if (slope(lo, u0, bias, aEx, bEx, aIn, bIn) > 0 && slope(hi, u0, bias, aEx, bEx, aIn, bIn) < 0) {
            double peak = root(SLOPE, lo, hi, u0, bias, aEx, bEx, aIn, bIn);
            if (potential(peak, u0, bias, aEx, bEx, aIn, bIn) >= theta) {
                return root(ABOVE_THRESHOLD, lo, peak, u0, bias, aEx, bEx, aIn, bIn);
            }
        }
        return Double.NaN;
    }

    /**
     * Illinois root search of a function whose values at the bracket's ends differ in sign, or are zero
     * at {@code hi}: returns the end of the final bracket on the side of {@code hi} (for
     * {@link #ABOVE_THRESHOLD}, a time at which the potential is at or above threshold).
     *
     * @return the root to within {@code 1e-13} ms or a few ulps of {@code hi}
     */
    final double root(int function, double lo, double hi, double u0, double bias, double aEx, double bEx,
                      double aIn, double bIn) {
        double fLo = evaluate(function, lo, u0, bias, aEx, bEx, aIn, bIn);
        double fHi = evaluate(function, hi, u0, bias, aEx, bEx, aIn, bIn);
        boolean loNegative = fLo < 0;
        int lastMoved = 0;
        for (int k = 0; k < MAX_ITERATIONS && hi - lo > Math.max(ROOT_TOLERANCE_MS, 4 * Math.ulp(hi)); k++) {
            double x = hi - fHi * (hi - lo) / (fHi - fLo);
            if (!(x > lo && x < hi)) {
                x = 0.5 * (lo + hi);
            }
            double f = evaluate(function, x, u0, bias, aEx, bEx, aIn, bIn);
            if (f == 0) {
                return x;
            }
            if ((f < 0) == loNegative) {
                lo = x;
                fLo = f;
                if (lastMoved < 0) {
                    fHi *= 0.5;
                }
                lastMoved = -1;
            } else {
                hi = x;
                fHi = f;
                if (lastMoved > 0) {
                    fLo *= 0.5;
                }
                lastMoved = 1;
            }
        }
        return hi;
    }
}
