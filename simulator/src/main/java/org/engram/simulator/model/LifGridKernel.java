package org.engram.simulator.model;

import org.engram.simulator.engine.TimeGrid;

/**
 * The grid kernel of a current-based LIF model ({@link LifMembrane}): the membrane's exact one-step
 * propagators and the constants of its threshold pass, computed once when a run is prepared, and a
 * step's order: the refractory neurons' potentials kept ({@link HeldPotentials}), a pass over every
 * neuron, which the JIT vectorises, the potentials put back, then the threshold. Each model adds its
 * synapses' propagators and its pass, in two forms: one that takes the synaptic input from the rows
 * (and clears them, {@link #clearsInput()}), and one for listed input ({@link #updateListed}), whose
 * state comes out to the bit as the first one's.
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
    public final void update(S s, int lo, int hi, int fromStep, int toStep, InputView in, SpikeSink out) {
        for (int step = fromStep; step < toStep; step++) {
            final HeldPotentials held = HeldPotentials.hold(s, lo, hi);
            advance(s, lo, hi, in.row(step), in, true);
            held.release(s);
            fire(s, lo, hi, step, false, out);
        }
    }

    @Override
    public final boolean clearsInput() {
        return true;
    }

    @Override
    public final boolean takesListedInput() {
        return true;
    }

    @Override
    public final void updateListed(S s, int lo, int hi, int step, InputView in, ListedInput listed, SpikeSink out) {
        final HeldPotentials held = HeldPotentials.hold(s, lo, hi);
        advance(s, lo, hi, in.row(step), in, false);
        addListed(s, listed);
        held.release(s);
        fire(s, lo, hi, step, true, out);
    }

    /**
     * Advances every neuron of {@code [lo, hi)} by a step. With {@code synapticRows} it takes the step's
     * synaptic input from the rows; without, it adds {@code 0.0} (or its product with the same factor) where it
     * would add a row's input, so that {@code -0.0} becomes {@code 0.0} as it would, and {@link #addListed} adds
     * the input after. The current it takes from the rows either way. Called with a constant flag from each
     * place, inlined there, the test on it goes.
     *
     * @param row          the step's row of {@code in}
     * @param synapticRows whether the synaptic input is in the rows, else listed
     */
    abstract void advance(S s, int lo, int hi, int row, InputView in, boolean synapticRows);

    /**
     * Adds the listed neurons' synaptic input, after {@link #advance} without synaptic rows, as {@link #advance}
     * adds the rows': the state comes out to the bit as with them.
     */
    abstract void addListed(S s, ListedInput listed);

    /**
     * Adds each listed neuron's input, times a factor per receptor, to a variable per receptor, as a pass
     * adds a row's input times the factor last ({@code x = decay * x + factor * in.takeExcitatory(row, i)}).
     *
     * @param excitatory the variable the excitatory input adds to (a current, or for {@code lif_alpha} its drive)
     * @param inhibitory the variable the inhibitory input adds to
     */
    static void addPerReceptor(double[] excitatory, double[] inhibitory, double excitatoryFactor,
                              double inhibitoryFactor, ListedInput listed) {
        for (int k = 0; k < listed.count(); k++) {
            int i = listed.neuron(k);
            excitatory[i] += excitatoryFactor * listed.excitatory(k);
            inhibitory[i] += inhibitoryFactor * listed.inhibitory(k);
        }
    }

    /**
     * Fires and resets the neurons of {@code [lo, hi)} at or above threshold that are not refractory.
     *
     * @param screened whether to screen the potentials a vector at a time first ({@link ThresholdPass#applyScreened}):
     *                 with listed input, which the engine gives by default only where a step's pass over a thread's
     *                 neurons is large, so that the screen's compilation pays for itself
     */
    void fire(S s, int lo, int hi, int step, boolean screened, SpikeSink out) {
        if (screened) {
            ThresholdPass.applyScreened(s, lo, hi, step, vTh, vReset, refractorySteps, out);
        } else {
            ThresholdPass.apply(s, lo, hi, step, vTh, vReset, refractorySteps, out);
        }
    }
}
