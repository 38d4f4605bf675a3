package org.engram.simulator.model;

/**
 * The propagators of one alpha-shaped synaptic current feeding a leaky membrane, over a time
 * {@code h}: the current {@code I} is driven by a second variable {@code y} that decays with the
 * same time constant,
 * <pre>
 *   dy/dt = -y / tau_s,   dI/dt = y - I / tau_s,   tau_m dV/dt = -(V - E_L) + I / g_L
 *   y(h) = P11 y,   I(h) = P21 y + P22 I,   V(h) - E_L = ... + P31 y + P32 I
 *   P11 = P22 = exp(-h / tau_s),   P21 = h exp(-h / tau_s)
 *   P32 = (exp(-h / tau_m) - exp(-h / tau_s)) / (C_m (1/tau_s - 1/tau_m))       (as for an exponential current)
 *   P31 = (1 / C_m) integral over s in [0, h] of s exp(-s / tau_s) exp(-(h - s) / tau_m)
 * </pre>
 * A weight {@code w} adds {@code w e / tau_s} to {@code y}, so that the current it makes,
 * {@code w (t / tau_s) e^(1 - t / tau_s)}, peaks at {@code w} at {@code t = tau_s} (Rotter and
 * Diesmann 1999; NEST's {@code iaf_psc_alpha}). With {@code g = |1/tau_s - 1/tau_m|},
 * {@code r_slow = min(1/tau_s, 1/tau_m)} and {@code x = g h}, the integral of {@code P31} is
 * {@code exp(-r_slow h) f(x) / g^2} with {@code f(x) = 1 - e^-x (1 + x)} when {@code tau_s <= tau_m}
 * and {@code f(x) = x - 1 + e^-x} otherwise: no exponential grows, and both {@code f} tend to
 * {@code x^2 / 2}, so the singular case {@code tau_s == tau_m} is the limit {@code h^2 / 2 exp(-h / tau)}.
 * Below {@code x = }{@value #SERIES_LIMIT}, where the closed forms lose digits to cancellation,
 * {@code f} is summed from its Taylor series.
 */
final class AlphaCurrent {
    /** Below this {@code x = g h} the series replaces the closed form of {@code f}. */
    static final double SERIES_LIMIT = 0.1;

    /** Terms of the series: the first left out is below {@code 1e-16} of the sum at {@link #SERIES_LIMIT}. */
    private static final int SERIES_TERMS = 14;

    private final ExponentialCurrent exponential;
    private final double tauSyn;
    private final boolean synapseFaster;
    private final double slowRate;
    private final double rateGap;
    private final double inverseCapacitance;

    /**
     * Creates the propagators of a current with time constant {@code tauSyn} on a membrane.
     *
     * @param tauM   membrane time constant (ms)
     * @param tauSyn synaptic time constant (ms)
     * @param cM     membrane capacitance (pF)
     */
    AlphaCurrent(double tauM, double tauSyn, double cM) {
        this.exponential = new ExponentialCurrent(tauM, tauSyn, cM);
        this.tauSyn = tauSyn;
        this.synapseFaster = tauSyn <= tauM;
        this.slowRate = Math.min(1.0 / tauM, 1.0 / tauSyn);
        this.rateGap = Math.abs(tauM - tauSyn) / (tauM * tauSyn);
        this.inverseCapacitance = 1.0 / cM;
    }

    /** {@return what a weight of 1 adds to {@code y}: {@code e / tau_s} (1/ms)} */
    double jumpPerWeight() {
        return Math.E / tauSyn;
    }

    /**
     * {@return {@code P11 = P22 = exp(-h / tau_s)}}
     *
     * @param h the time (ms), {@code >= 0}
     */
    double decay(double h) {
        return exponential.decay(h);
    }

    /**
     * The largest value of a current {@code (a + b s) exp(-r s)} over {@code [0, end]}: its only
     * turning point, where {@code b = r (a + b s)}, is a maximum of {@code b / r exp(-r s)} when
     * {@code b > 0} (before which it rises) and a minimum when {@code b < 0}, so it is largest there or
     * at an end. Bounding over the interval, not all later times, spares the search of a neuron whose
     * current is still rising toward a distant peak, and counts an inhibitory current at its value at
     * an end rather than as 0.
     *
     * @param a    the current at the interval's start (pA)
     * @param b    its drive {@code y} there (pA/ms)
     * @param rate {@code r = 1 / tau_s} (1/ms)
     * @param end  the interval's length (ms), {@code >= 0}
     * @return the largest value (pA)
     */
    static double largestValue(double a, double b, double rate, double end) {
        if (b > 0) {
            double peakTime = 1.0 / rate - a / b;
            if (peakTime > 0 && peakTime < end) {
                return b / rate * StrictMath.exp(-rate * peakTime);
            }
        }
        return Math.max(a, (a + b * end) * StrictMath.exp(-rate * end));
    }

    /**
     * {@return {@code P21 = h exp(-h / tau_s)}: the current that a unit {@code y} adds (ms)}
     *
     * @param h the time (ms), {@code >= 0}
     */
    double toCurrent(double h) {
        return h * exponential.decay(h);
    }

    /**
     * {@return {@code P32}: the potential that a unit current adds (mV per pA)}
     *
     * @param h the time (ms), {@code >= 0} and finite
     */
    double currentToVoltage(double h) {
        return exponential.toVoltage(h);
    }

    /**
     * {@return {@code P31}: the potential that a unit {@code y} adds (mV per pA/ms)}
     *
     * @param h the time (ms), {@code >= 0} and finite
     */
    double driveToVoltage(double h) {
        double x = rateGap * h;
        return StrictMath.exp(-slowRate * h) * driveIntegral(h, x, x < SERIES_LIMIT ? 0 : StrictMath.expm1(-x))
                * inverseCapacitance;
    }

    /**
     * {@return {@code current P32(h) + drive P31(h)}, the potential (mV) that a current (pA) and its
     * drive (pA/ms) add over {@code h}}: the two propagators share their factor {@code exp(-r_slow h)}
     * and {@code expm1(-g h)}, computed once: precise mode evaluates it for every move of a neuron and
     * every step of a threshold search.
     *
     * @param h       the time (ms), {@code >= 0} and finite
     * @param current the current at the start (pA)
     * @param drive   the drive at the start (pA/ms)
     */
    double toVoltage(double h, double current, double drive) {
        double x = rateGap * h;
        double gapExpm1 = x < ExponentialCurrent.SERIES_LIMIT ? 0 : StrictMath.expm1(-x);
        return StrictMath.exp(-slowRate * h) * inverseCapacitance
                * (current * exponential.integral(h, x, gapExpm1) + drive * driveIntegral(h, x, gapExpm1));
    }

    /** The integral of {@code P31} without its factor {@code exp(-r_slow h) / C_m}; {@code gapExpm1} as for P32. */
    private double driveIntegral(double h, double x, double gapExpm1) {
        return x < SERIES_LIMIT ? h * h * series(x, synapseFaster) : closedForm(x, gapExpm1) / (rateGap * rateGap);
    }

    private double closedForm(double x, double gapExpm1) {
        return synapseFaster ? -gapExpm1 - x * StrictMath.exp(-x) : x + gapExpm1;
    }

    /**
     * {@code f(x) / x^2} from the series of {@code f}: {@code sum over n >= 2 of (-1)^n c_n x^(n-2) / n!},
     * {@code c_n = n - 1} for {@code 1 - e^-x (1 + x)} and {@code 1} for {@code x - 1 + e^-x}.
     */
    static double series(double x, boolean synapseFaster) {
        double sum = 0;
        double power = 0.5;   // (-x)^(n-2) / n!, at n = 2
        for (int n = 2; n < 2 + SERIES_TERMS; n++) {
            sum += (synapseFaster ? n - 1 : 1) * power;
            power *= -x / (n + 1);
        }
        return sum;
    }
}
