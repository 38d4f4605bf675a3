package org.engram.simulator.model;

/**
 * The membrane parameters of the current-based leaky integrate-and-fire models ({@code lif_delta},
 * {@code lif_exp}, {@code lif_alpha}, {@code adaptive_lif}), whose parameter records implement it:
 * {@code tau_m dV/dt = -(V - E_L) + R (I_e + I)} below threshold, a reset to {@code V_reset} and
 * {@code t_ref} of refractoriness at {@code V_th}.
 */
public interface LifMembrane {
    /** {@return the membrane time constant (ms), {@code > 0}} */
    double tauM();

    /** {@return the membrane capacitance (pF), {@code > 0}} */
    double cM();

    /** {@return the resting potential (mV)} */
    double eL();

    /** {@return the threshold (mV)} */
    double vTh();

    /** {@return the reset potential (mV), {@code < vTh}} */
    double vReset();

    /** {@return the refractory period (ms), {@code >= 0}} */
    double tRef();

    /** {@return the constant bias current (pA)} */
    double iE();

    /** {@return the membrane resistance tau_m / C_m in GOhm (mV/pA)} */
    default double resistance() {
        return tauM() / cM();
    }
}
