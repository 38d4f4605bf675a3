package org.engram.simulator.model;

/**
 * The propagators of one exponentially decaying synaptic current feeding a leaky membrane:
 * how much the current decays, and how much membrane potential it adds, over a time {@code h}.
 *
 * <p>With {@code tau_m dV/dt = -(V - E_L) + I/g_L}, {@code dI/dt = -I / tau_s} and {@code I(0) = 1}
 * (Rotter and Diesmann 1999):
 * <pre>
 *   P11(h) = exp(-h / tau_s)
 *   P21(h) = (exp(-h / tau_m) - exp(-h / tau_s)) / (C_m (1/tau_s - 1/tau_m))
 *          = exp(-r_slow h) (1 - exp(-g h)) / (C_m g),   g = |1/tau_s - 1/tau_m|,  r_slow = min(1/tau_s, 1/tau_m)
 * </pre>
 * The second form has no cancellation for any {@code g > 0} (it uses {@code expm1}); when
 * {@code g h} is below {@value #SERIES_LIMIT}, including the singular case {@code tau_s == tau_m},
 * it is replaced by its series {@code exp(-h/tau) h (1 - g h / 2) / C_m}, whose first term is the
 * limit {@code h/C_m exp(-h/tau)} and whose next term, {@code (g h)^2 / 6 < 2e-17}, is below
 * double rounding. Shared by {@link LifExp} and {@link AdaptiveLif}.
 */
final class ExponentialCurrent {
    /** Below this value of {@code g h} the series replaces the expm1 form. */
    static final double SERIES_LIMIT = 1e-8;

    private final double tauSyn;
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
    ExponentialCurrent(double tauM, double tauSyn, double cM) {
        this.tauSyn = tauSyn;
        this.slowRate = Math.min(1.0 / tauM, 1.0 / tauSyn);
        this.rateGap = Math.abs(tauM - tauSyn) / (tauM * tauSyn);
        this.inverseCapacitance = 1.0 / cM;
    }

    /**
     * The current's decay factor {@code P11}.
     *
     * @param h the time (ms), {@code >= 0}
     * @return {@code exp(-h / tau_s)}
     */
    double decay(double h) {
        return StrictMath.exp(-h / tauSyn);
    }

    /**
     * The membrane potential that a unit current adds over {@code h}, {@code P21}.
     *
     * @param h the time (ms), {@code >= 0} and finite
     * @return the propagator in mV per pA
     */
    double toVoltage(double h) {
        double x = rateGap * h;
        return StrictMath.exp(-slowRate * h) * integral(h, x, x < SERIES_LIMIT ? 0 : StrictMath.expm1(-x))
                * inverseCapacitance;
    }

    /**
     * {@return the integral of {@code exp(-g s)} over {@code [0, h]} (ms), {@code P21} without its factor
     * {@code exp(-r_slow h) / C_m}}
     *
     * @param h          the time (ms), {@code >= 0} and finite
     * @param x          {@code g h}
     * @param gapExpm1   {@code expm1(-x)}, read only when {@code x >= }{@value #SERIES_LIMIT}
     */
    double integral(double h, double x, double gapExpm1) {
        return x < SERIES_LIMIT ? h * (1.0 - 0.5 * x) : -gapExpm1 / rateGap;
    }
}
