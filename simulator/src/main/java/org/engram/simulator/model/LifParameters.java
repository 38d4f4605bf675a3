package org.engram.simulator.model;

import org.engram.simulator.Problems;

/**
 * Validation of the parameters that the integrate-and-fire models share (the synapses' also by
 * {@link Adex}, {@link AdexCond} and {@link HodgkinHuxley}); each model's parameter record calls it
 * from its compact constructor with the model's name as owner.
 */
final class LifParameters {

    private LifParameters() {
    }

    /**
     * Checks the membrane parameters, for the caller to add its own checks and throw.
     *
     * @param owner  the model name shown in messages
     * @param tauM   membrane time constant (ms), finite, {@code > 0}
     * @param cM     membrane capacitance (pF), {@code > 0}
     * @param eL     resting potential (mV), finite
     * @param vTh    threshold (mV), finite
     * @param vReset reset potential (mV), {@code < vTh}
     * @param tRef   refractory period (ms), {@code >= 0}
     * @param iE     constant bias current (pA), finite
     * @return the problems found
     */
    static Problems membrane(String owner, double tauM, double cM, double eL, double vTh, double vReset,
                             double tRef, double iE) {
        Problems p = new Problems(owner);
        p.positive("tau_m", tauM, "ms");
        p.positive("c_m", cM, "pF");
        p.finite("e_l", eL, "mV");
        boolean finiteThreshold = p.finite("v_th", vTh, "mV");
        if (p.finite("v_reset", vReset, "mV") && finiteThreshold) {
            p.require(vReset < vTh, "v_reset", "a value < v_th = " + vTh + " (mV)", vReset, "v_th");
        }
        p.nonNegative("t_ref", tRef, "ms");
        p.finite("i_e", iE, "pA");
        return p;
    }

    /**
     * Checks the time constants of exponential current synapses.
     *
     * @param p        where the problems found are added
     * @param tauSynEx excitatory synaptic time constant (ms), {@code > 0}
     * @param tauSynIn inhibitory synaptic time constant (ms), {@code > 0}
     */
    static void synapses(Problems p, double tauSynEx, double tauSynIn) {
        p.positive("tau_syn_ex", tauSynEx, "ms");
        p.positive("tau_syn_in", tauSynIn, "ms");
    }

    /**
     * Checks the reversal potentials of conductance synapses.
     *
     * @param p   where the problems found are added
     * @param eEx excitatory reversal potential (mV), finite
     * @param eIn inhibitory reversal potential (mV), finite, {@code < eEx}
     */
    static void reversals(Problems p, double eEx, double eIn) {
        boolean finiteEx = p.finite("e_ex", eEx, "mV");
        boolean finiteIn = p.finite("e_in", eIn, "mV");
        if (finiteEx && finiteIn) {
            // Above e_ex, an inhibitory synapse would excite more than an excitatory one.
            p.require(eIn < eEx, "e_in", "a value < e_ex = " + eEx + " (mV)", eIn, "e_ex");
        }
    }
}
