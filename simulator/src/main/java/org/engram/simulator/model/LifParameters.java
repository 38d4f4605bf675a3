package org.engram.simulator.model;

import org.engram.simulator.ParameterException;

/**
 * Validation of the parameters that the leaky integrate-and-fire models share; each model's
 * parameter record calls it from its compact constructor with the model's name as owner.
 */
final class LifParameters {

    private LifParameters() {
    }

    /**
     * Checks the membrane parameters.
     *
     * @param owner  the model name shown in messages
     * @param tauM   membrane time constant (ms), finite, {@code > 0}
     * @param cM     membrane capacitance (pF), {@code > 0}
     * @param eL     resting potential (mV), finite
     * @param vTh    threshold (mV), finite
     * @param vReset reset potential (mV), {@code < vTh}
     * @param tRef   refractory period (ms), {@code >= 0}
     * @param iE     constant bias current (pA), finite
     */
    static void requireMembrane(String owner, double tauM, double cM, double eL, double vTh, double vReset,
                                double tRef, double iE) {
        ParameterException.requirePositive(owner, "tau_m", tauM, "ms");
        ParameterException.requireFinite(owner, "tau_m", tauM, "ms");
        ParameterException.requirePositive(owner, "c_m", cM, "pF");
        ParameterException.requireFinite(owner, "e_l", eL, "mV");
        ParameterException.requireFinite(owner, "v_th", vTh, "mV");
        ParameterException.requireFinite(owner, "v_reset", vReset, "mV");
        if (!(vReset < vTh)) {
            throw new ParameterException(owner, "v_reset", "a value < v_th = " + vTh + " (mV)", vReset);
        }
        ParameterException.requireNonNegative(owner, "t_ref", tRef, "ms");
        ParameterException.requireFinite(owner, "t_ref", tRef, "ms");
        ParameterException.requireFinite(owner, "i_e", iE, "pA");
    }

    /**
     * Checks the time constants of exponential current synapses.
     *
     * @param owner    the model name shown in messages
     * @param tauSynEx excitatory synaptic time constant (ms), {@code > 0}
     * @param tauSynIn inhibitory synaptic time constant (ms), {@code > 0}
     */
    static void requireSynapses(String owner, double tauSynEx, double tauSynIn) {
        ParameterException.requirePositive(owner, "tau_syn_ex", tauSynEx, "ms");
        ParameterException.requireFinite(owner, "tau_syn_ex", tauSynEx, "ms");
        ParameterException.requirePositive(owner, "tau_syn_in", tauSynIn, "ms");
        ParameterException.requireFinite(owner, "tau_syn_in", tauSynIn, "ms");
    }
}
