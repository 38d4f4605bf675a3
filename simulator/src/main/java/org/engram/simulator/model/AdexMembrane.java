package org.engram.simulator.model;

import org.engram.simulator.Problems;

/**
 * The membrane and adaptation parameters that the AdEx models ({@link Adex}, {@link AdexCond})
 * share, with their common checks: each model's parameter record builds one to check its values on
 * construction (the kernel reads them through {@link AdexParameters}). Units and rules as in
 * {@link Adex.Params}.
 *
 * @param cM     membrane capacitance (pF)
 * @param gL     leak conductance (nS)
 * @param eL     leak reversal potential (mV)
 * @param vTh    threshold of the exponential term (mV)
 * @param deltaT slope factor (mV)
 * @param vPeak  spike cut-off (mV)
 * @param vReset reset potential (mV)
 * @param tRef   refractory period (ms)
 * @param a      subthreshold adaptation (nS)
 * @param b      spike-triggered adaptation (pA)
 * @param tauW   adaptation time constant (ms)
 * @param iE     constant bias current (pA)
 */
record AdexMembrane(double cM, double gL, double eL, double vTh, double deltaT, double vPeak, double vReset,
                    double tRef, double a, double b, double tauW, double iE) {

    /** The largest {@code (v_peak - v_th) / delta_t}: the exponential term stays far from overflow. */
    static final double MAX_PEAK_SLOPES = 500;

    /** The shortest time constant of w or the membrane: the midpoint method is stable up to {@code h / tau = 2}. */
    static final double MIN_TIME_CONSTANT_MS = AdexKernel.MAX_SUBSTEP_MS / 2;

    /**
     * Adds to {@code p} what is wrong with these parameters, for the caller to add its own checks
     * and throw.
     *
     * @param p where the problems found are added
     */
    void check(Problems p) {
        p.positive("c_m", cM, "pF");
        p.positive("g_l", gL, "nS");
        p.finite("e_l", eL, "mV");
        boolean threshold = p.finite("v_th", vTh, "mV");
        boolean slope = p.nonNegative("delta_t", deltaT, "mV") && p.finite("delta_t", deltaT, "mV");
        if (p.finite("v_peak", vPeak, "mV") && threshold && slope && deltaT > 0) {
            p.require(vPeak > vTh && vPeak <= vTh + MAX_PEAK_SLOPES * deltaT, "v_peak",
                    "a value > v_th = " + vTh + " and <= v_th + " + MAX_PEAK_SLOPES + " delta_t = "
                            + (vTh + MAX_PEAK_SLOPES * deltaT) + " (mV; a margin below the exponential's overflow)",
                    vPeak);
        }
        if (p.finite("v_reset", vReset, "mV") && deltaT > 0 && Double.isFinite(vPeak)) {
            p.require(vReset < vPeak, "v_reset", "a value < v_peak = " + vPeak + " (mV)", vReset);
        } else if (Double.isFinite(vReset) && deltaT == 0 && Double.isFinite(vTh)) {
            p.require(vReset < vTh, "v_reset", "a value < v_th = " + vTh + " (mV; with delta_t = 0 spikes are"
                    + " cut at v_th)", vReset);
        }
        p.nonNegative("t_ref", tRef, "ms");
        p.finite("a", a, "nS");
        p.finite("b", b, "pA");
        if (p.positive("tau_w", tauW, "ms")) {
            p.inRange(tauW >= MIN_TIME_CONSTANT_MS, "tau_w", "a value >= " + MIN_TIME_CONSTANT_MS
                    + " (ms; a faster w makes the midpoint substep of " + AdexKernel.MAX_SUBSTEP_MS + " ms unstable)",
                    tauW);
        }
        if (cM > 0 && gL > 0) {
            p.require(cM / gL >= MIN_TIME_CONSTANT_MS, "c_m", "c_m / g_l >= " + MIN_TIME_CONSTANT_MS
                    + " ms (a faster membrane makes the midpoint substep of " + AdexKernel.MAX_SUBSTEP_MS
                    + " ms unstable)", cM + " pF over " + gL + " nS");
        }
        p.finite("i_e", iE, "pA");
    }

    /**
     * The hint for a parameter an AdEx model does not take: its leak is a conductance, so a
     * membrane time constant ({@code tau_m}, any spelling), which had been told "did you mean
     * 'tau_w'?", is answered with how to give it.
     *
     * @param model     the model's name
     * @param parameter the unknown parameter
     * @return the hint, or null
     */
    static String hintFor(String model, String parameter) {
        return parameter.replace("_", "").equalsIgnoreCase("taum") ? model + " takes the leak as the conductance g_l"
                + " (nS), its membrane time constant being c_m / g_l: tau_m = 9.37 ms with c_m = 281 pF is g_l = 30"
                : null;
    }
}
