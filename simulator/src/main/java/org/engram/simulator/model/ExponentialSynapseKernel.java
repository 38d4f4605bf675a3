package org.engram.simulator.model;

import org.engram.simulator.engine.TimeGrid;

/**
 * The grid kernel of a LIF membrane with exponential current synapses, separate time constants for excitation and
 * inhibition ({@link LifExp}, and {@link AdaptiveLif}, which adds its threshold's adaptation): the currents' exact
 * one-step propagators (Rotter and Diesmann 1999; {@link ExponentialCurrent}) and the pass over every neuron that
 * uses them.
 *
 * @param <S> the model's state
 */
abstract class ExponentialSynapseKernel<S extends IntegrateAndFireState> extends LifGridKernel<S> {
    /** The potential (mV) a step adds per pA of excitatory current at its start. */
    private final double p21ex;
    private final double p21in;
    /** {@code exp(-dt / tau_syn_ex)}: what is left of the excitatory current after a step. */
    private final double p11ex;
    private final double p11in;

    /**
     * Computes the membrane's and the synapses' constants on {@code grid}.
     *
     * @param model    the model's name, for a {@code t_ref} that is not a whole number of steps
     * @param p        the membrane parameters
     * @param tauSynEx excitatory synaptic time constant (ms)
     * @param tauSynIn inhibitory synaptic time constant (ms)
     * @param grid     the time grid
     */
    ExponentialSynapseKernel(String model, LifMembrane p, double tauSynEx, double tauSynIn, TimeGrid grid) {
        super(model, p, grid);
        double h = grid.dtMs();
        ExponentialCurrent ex = new ExponentialCurrent(p.tauM(), tauSynEx, p.cM());
        ExponentialCurrent in = new ExponentialCurrent(p.tauM(), tauSynIn, p.cM());
        p21ex = ex.toVoltage(h);
        p21in = in.toVoltage(h);
        p11ex = ex.decay(h);
        p11in = in.decay(h);
    }

    /** {@return the state's excitatory synaptic currents (pA)} */
    abstract double[] excitatoryCurrents(S s);

    /** {@return the state's inhibitory synaptic currents (pA)} */
    abstract double[] inhibitoryCurrents(S s);

    /**
     * A branch-free update of potentials and currents of every neuron, which the JIT can vectorise, before
     * refractoriness and threshold ({@link ThresholdPass}). A refractory neuron's potential is put back after it
     * ({@link HeldPotentials}), while its currents decay and take input as usual.
     */
    @Override
    void advance(S s, int lo, int hi, int row, InputView in, boolean synapticRows) {
        final double[] v = s.v;
        final double[] iEx = excitatoryCurrents(s);
        final double[] iIn = inhibitoryCurrents(s);
        for (int i = lo; i < hi; i++) {
            v[i] = potential(v[i], iEx[i], iIn[i], in.takeCurrent(row, i));
            iEx[i] = p11ex * iEx[i] + (synapticRows ? in.takeExcitatory(row, i) : 0.0);
            iIn[i] = p11in * iIn[i] + (synapticRows ? in.takeInhibitory(row, i) : 0.0);
        }
    }

    @Override
    final void addListed(S s, ListedInput listed) {
        LifGridKernel.addPerReceptor(excitatoryCurrents(s), inhibitoryCurrents(s), 1, 1, listed);
    }

    /** {@return the potential a step later, from the potential, the currents and the injected current} */
    private double potential(double v, double iEx, double iIn, double current) {
        return eL + membraneDecay * (v - eL) + p21ex * iEx + p21in * iIn + currentToPotential * (iE + current);
    }
}
