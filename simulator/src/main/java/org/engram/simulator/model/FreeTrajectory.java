package org.engram.simulator.model;

/**
 * The potential {@code u(s) = V - E_L} of a current-based LIF neuron left without input for
 * {@code s} ms from a start with {@code u(0) < theta}, and the search for its first crossing of the
 * threshold {@code theta = V_th - E_L} on a stretch where its total current {@code I} is monotone.
 *
 * <p>With {@code tau_m u' = R I - u}, differentiating gives {@code tau_m u'' = R I' - u'}: at a zero
 * of {@code u'} the curvature has the sign of {@code I'}. Where {@code I' < 0} every turning point of
 * {@code u} is a maximum, so {@code u} rises then falls at most once; where {@code I' > 0} it falls
 * then rises at most once. Either way a stretch whose end is at or above threshold holds exactly one
 * crossing, and otherwise a crossing needs an interior maximum ({@code u'} positive at the start,
 * negative at the end), which is located by a root search on {@code u'} and compared with
 * {@code theta}. The crossing is then bracketed and refined with the Illinois method.
 *
 * <p>A model's exact kernel makes one trajectory per search that its cheap bound cannot settle,
 * holding the start values in fields: the kernel itself is shared by every worker and holds no
 * per-neuron data, and a search costs dozens of exponentials, beside which the object is nothing.
 * Subclasses may root-search functions of their own through {@link #evaluate} and {@link #root}.
 */
abstract class FreeTrajectory {
    /** Function code of {@code u(s) - theta} for {@link #evaluate}. */
    static final int ABOVE_THRESHOLD = 0;

    /** Function code of {@code u'(s)} for {@link #evaluate}. */
    static final int SLOPE = 1;

    private static final double ROOT_TOLERANCE_MS = 1e-13;
    private static final int MAX_ITERATIONS = 200;

    /** The threshold relative to rest, {@code V_th - E_L} (mV). */
    final double theta;

    /**
     * Creates a trajectory that searches for {@code theta}.
     *
     * @param theta the threshold relative to rest (mV)
     */
    FreeTrajectory(double theta) {
        this.theta = theta;
    }

    /**
     * {@return {@code u(s)} in mV}
     *
     * @param s the time since the start (ms), {@code >= 0}
     */
    abstract double potential(double s);

    /**
     * {@return {@code u'(s) = (R I(s) - u(s)) / tau_m} in mV/ms}
     *
     * @param s the time since the start (ms), {@code >= 0}
     */
    abstract double slope(double s);

    /**
     * The value of a function that {@link #root} searches: {@link #ABOVE_THRESHOLD} and {@link #SLOPE}
     * here; a subclass that adds codes of its own handles them and passes the others on.
     *
     * @param function the function's code
     * @param s        the time since the start (ms)
     * @return the function's value at {@code s}
     */
    double evaluate(int function, double s) {
        return function == ABOVE_THRESHOLD ? potential(s) - theta : slope(s);
    }

    /**
     * The first crossing in {@code [lo, hi]} (times since the start, ms), where {@code u(lo) < theta}
     * and the total current is monotone.
     *
     * @param lo the stretch's start (ms)
     * @param hi the stretch's end (ms)
     * @return the crossing time since the start (ms), or NaN if there is none
     */
    final double firstCrossing(double lo, double hi) {
        if (potential(hi) >= theta) {
            return root(ABOVE_THRESHOLD, lo, hi);
        }
        if (slope(lo) > 0 && slope(hi) < 0) {
            double peak = root(SLOPE, lo, hi);
            if (potential(peak) >= theta) {
                return root(ABOVE_THRESHOLD, lo, peak);
            }
        }
        return Double.NaN;
    }

    /**
     * Illinois root search of a function whose values at the bracket's ends differ in sign, the end at
     * {@code hi} non-zero or zero: returns the end of the final bracket on the side of {@code hi}
     * (for {@link #ABOVE_THRESHOLD}, a time at which the potential is at or above threshold).
     *
     * @param function the function's code, for {@link #evaluate}
     * @param lo       the bracket's start (ms)
     * @param hi       the bracket's end (ms)
     * @return the root to within {@code 1e-13} ms or a few ulps of {@code hi}
     */
    final double root(int function, double lo, double hi) {
        double fLo = evaluate(function, lo);
        double fHi = evaluate(function, hi);
        boolean loNegative = fLo < 0;
        int lastMoved = 0;
        for (int k = 0; k < MAX_ITERATIONS && hi - lo > Math.max(ROOT_TOLERANCE_MS, 4 * Math.ulp(hi)); k++) {
            double x = hi - fHi * (hi - lo) / (fHi - fLo);
            if (!(x > lo && x < hi)) {
                x = 0.5 * (lo + hi);
            }
            double f = evaluate(function, x);
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
