package org.engram.simulator.model;

/**
 * Closed forms, solved by hand, of a leaky membrane {@code tau_m u' = -u + R I(t)} from {@code u(0) = 0}
 * under the current of an alpha synapse whose current is {@code a} and whose drive is {@code b} at
 * {@code t = 0}: {@code I(t) = (a + b t) exp(-t / tau_s)}, the sum of the two responses below.
 */
final class AlphaResponse {
    private AlphaResponse() {
    }

    /**
     * {@return the current {@code (a + b t) exp(-t / tau_s)} in pA}
     *
     * @param a    the current at 0 (pA)
     * @param b    the drive at 0 (pA/ms)
     * @param tauS the synaptic time constant (ms)
     * @param t    the time (ms)
     */
    static double current(double a, double b, double tauS, double t) {
        return (a + b * t) * Math.exp(-t / tauS);
    }

    /**
     * The response to {@code I = b t exp(-t / tau_s)}: the ansatz
     * {@code u = (A + B t) exp(-t / tau_s) + D exp(-t / tau_m)} gives, with {@code g = 1/tau_s - 1/tau_m},
     * {@code B = -b / (C g)} and {@code A = -D = b / (C g^2)}:
     * {@code u = b / (C g^2) (exp(-t / tau_m) - exp(-t / tau_s) (1 + g t))}; for {@code tau_s == tau_m = tau},
     * {@code tau u' = -u + R b t exp(-t / tau)} gives {@code u = b t^2 exp(-t / tau) / (2 C)}.
     *
     * @param tauM the membrane time constant (ms)
     * @param cM   the capacitance (pF)
     * @param tauS the synaptic time constant (ms)
     * @param b    the drive at 0 (pA/ms)
     * @param t    the time (ms)
     * @return {@code u(t)} in mV
     */
    static double fromDrive(double tauM, double cM, double tauS, double b, double t) {
        if (tauS == tauM) {
            return b * t * t * Math.exp(-t / tauM) / (2 * cM);
        }
        double g = 1 / tauS - 1 / tauM;
        return b / (cM * g * g) * (Math.exp(-t / tauM) - Math.exp(-t / tauS) * (1 + g * t));
    }

    /**
     * The response to {@code I = a exp(-t / tau_s)}: the ansatz {@code u = A (exp(-t / tau_s) - exp(-t / tau_m))}
     * gives {@code A = a R tau_s / (tau_s - tau_m)}, {@code R = tau_m / C}; for {@code tau_s == tau_m = tau},
     * {@code tau u' = -u + R a exp(-t / tau)} gives {@code u = a t exp(-t / tau) / C}.
     *
     * @param tauM the membrane time constant (ms)
     * @param cM   the capacitance (pF)
     * @param tauS the synaptic time constant (ms)
     * @param a    the current at 0 (pA)
     * @param t    the time (ms)
     * @return {@code u(t)} in mV
     */
    static double fromCurrent(double tauM, double cM, double tauS, double a, double t) {
        if (tauS == tauM) {
            return a * t * Math.exp(-t / tauM) / cM;
        }
        return a * (tauM / cM) * tauS / (tauS - tauM) * (Math.exp(-t / tauS) - Math.exp(-t / tauM));
    }
}
