package org.engram.simulator.engine;

import org.apache.commons.math3.analysis.integration.SimpsonIntegrator;
import org.apache.commons.math3.special.Erf;

/**
 * The stationary rate of Brunel's (2000) network A from its mean-field equations: the Siegert
 * first-passage formula with the input mean and variance of eqs. (4)-(5), solved by damped
 * fixed-point iteration. Independent of the simulator; used to check it.
 */
final class BrunelMeanField {
    private static final double TAU_S = 0.020;
    private static final double THETA = 20;
    private static final double V_RESET = 10;
    private static final double T_REF_S = 0.002;
    private static final double GAMMA = 0.25;

    private BrunelMeanField() {
    }

    /**
     * The self-consistent rate.
     *
     * @param j   excitatory weight (mV)
     * @param ce  excitatory in-degree
     * @param g   relative inhibition
     * @param eta external drive relative to threshold
     * @return rate in Hz
     */
    static double fixedPointHz(double j, int ce, double g, double eta) {
        double nuExt = eta * THETA / (j * ce * TAU_S);
        double nu = 30;
        for (int k = 0; k < 300; k++) {
            double mu = ce * j * TAU_S * (nuExt + nu * (1 - g * GAMMA));
            double sigma = Math.sqrt(j * j * ce * TAU_S * (nuExt + nu * (1 + g * g * GAMMA)));
            nu = 0.8 * nu + 0.2 * siegert(mu, sigma);
        }
        return nu;
    }

    /** 1 / (t_ref + tau sqrt(pi) int_{(V_r - mu)/sigma}^{(theta - mu)/sigma} e^{u^2} (1 + erf u) du). */
    private static double siegert(double mu, double sigma) {
        double integral = new SimpsonIntegrator(1e-10, 1e-12, 3, 30).integrate(1_000_000,
                u -> Math.exp(u * u) * (1 + Erf.erf(u)), (V_RESET - mu) / sigma, (THETA - mu) / sigma);
        return 1 / (T_REF_S + TAU_S * Math.sqrt(Math.PI) * integral);
    }
}
