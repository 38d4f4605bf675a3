package org.engram.simulator.model;

import org.engram.simulator.engine.TimeGrid;

/**
 * The grid kernel of a current-based LIF model ({@link LifMembrane}): the membrane's exact one-step
 * propagators and the constants of its threshold pass, computed once when a run is prepared. Each
 * model adds its synapses' propagators and its update, which clears its input ({@link #clearsInput()}).
 *
 * @param <S> the model's state
 */
abstract class LifGridKernel<S extends IntegrateAndFireState> implements Kernel<S> {
    /** {@code exp(-dt / tau_m)}: what is left after a step of the potential's distance from rest. */
    final double membraneDecay;
    /** {@code R (1 - exp(-dt / tau_m))}: the potential (mV) a step of constant current (pA) adds from rest. */
    final double currentToPotential;
    final double eL;
    final double vTh;
    final double vReset;
    final double iE;
    final int refractorySteps;

    /**
     * Computes the membrane's constants on {@code grid}.
     *
     * @param model the model's name, for a {@code t_ref} that is not a whole number of steps
     * @param p     the membrane parameters
     * @param grid  the time grid
     */
    LifGridKernel(String model, LifMembrane p, TimeGrid grid) {
        double h = grid.dtMs();
        membraneDecay = StrictMath.exp(-h / p.tauM());
        currentToPotential = -p.resistance() * StrictMath.expm1(-h / p.tauM());
        eL = p.eL();
        vTh = p.vTh();
        vReset = p.vReset();
        iE = p.iE();
        refractorySteps = grid.wholeSteps(model, "t_ref", p.tRef());
    }

    @Override
    public final boolean clearsInput() {
        return true;
    }
}
