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

    private static final double ROOT_TOLERANCE_MS = 1e-13;
    private static final int MAX_ITERATIONS = 200;

    /** The threshold relative to rest, {@code V_th - E_L} (mV). */
    final double theta;

    private final double tauM;

    /**
     * Creates a search for {@code theta}.
     *
     * @param theta the threshold relative to rest (mV)
     * @param tauM  the membrane time constant (ms)
     */
    CrossingSearch(double theta, double tauM) {
        this.theta = theta;
        this.tauM = tauM;
    }

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

    /** {@return {@code u(s)} in mV, of a neuron that is not refractory, from the start given} */
    abstract double potential(double s, double u0, double bias, double aEx, double bEx, double aIn, double bIn);

    /** {@return {@code u'(s) = (R I(s) - u(s)) / tau_m} in mV/ms, from the start given} */
    abstract double slope(double s, double u0, double bias, double aEx, double bEx, double aIn, double bIn);

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
