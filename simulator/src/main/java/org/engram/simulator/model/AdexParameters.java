package org.engram.simulator.model;

/**
 * The membrane and adaptation parameters of the AdEx models, by their accessors: what their
 * parameter records ({@link Adex.Params}, {@link AdexCond.Params}) give {@link AdexKernel} and what
 * {@link AdexMembrane} checks. Units and rules as in {@link Adex.Params}.
 */
interface AdexParameters {

    /** {@return the membrane capacitance (pF)} */
    double cM();

    /** {@return the leak conductance (nS)} */
    double gL();

    /** {@return the leak reversal potential (mV)} */
    double eL();

    /** {@return the threshold of the exponential term (mV)} */
    double vTh();

    /** {@return the slope factor (mV)} */
    double deltaT();

    /** {@return the spike cut-off (mV)} */
    double vPeak();

    /** {@return the reset potential (mV)} */
    double vReset();

    /** {@return the refractory period (ms)} */
    double tRef();

    /** {@return the subthreshold adaptation (nS)} */
    double a();

    /** {@return the spike-triggered adaptation (pA)} */
    double b();

    /** {@return the adaptation time constant (ms)} */
    double tauW();

    /** {@return the constant bias current (pA)} */
    double iE();
}
