package org.engram.simulator.model;

import org.engram.simulator.ParameterException;

/**
 * Refractoriness, threshold and reset of the LIF grid kernels.
 *
 * <p>A kernel's first loop advances every neuron without branches, which the JIT vectorises, with
 * the potentials of the refractory neurons kept aside and their refractoriness counted down
 * ({@link HeldPotentials}), which puts them back after. Then {@link #apply} compares each potential
 * with the threshold, a branch almost never taken, reading the refractory count only behind it
 * ({@link #applyScreened} screens the potentials a vector at a time first).
 * Before, the first loop blended each potential with its kept value by the neuron's count, and a
 * second loop counted every neuron down: two passes over a count per neuron, which cost a fifth of
 * the CUBA benchmark's time at 64,000 neurons, whose state outgrows the core's cache. Earlier still,
 * one scalar loop tested refractoriness neuron by neuron, and cost more than the vectorised update
 * itself.
 *
 * <p>The refractory count is a {@code double} holding a whole number of steps, public state that
 * code may write between runs, so engines check it first ({@link #requireWholeSteps}).
 */
final class ThresholdPass {
    /**
     * Whether the JVM has the Vector API's incubating module ({@code --add-modules jdk.incubator.vector}), which
     * {@link #applyScreened} uses to screen the potentials a vector at a time.
     */
    static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    /**
     * Whether {@link #applyScreened} screens: the JVM has the Vector API, and its vectors hold 4 doubles or more,
     * which the JIT compiles to vector instructions (the screen's class is loaded only where the module is).
     */
    static final boolean SCREENS = screens();

    private ThresholdPass() {
    }

    /**
     * {@return {@link #SCREENS}} Worked out in a method rather than the field's initializer, which javadoc
     * resolves: javadoc leaves the screen's class out (the simulator's pom says why).
     */
    private static boolean screens() {
        return VECTOR_API && ThresholdScreen.COMPILES_TO_VECTORS;
    }

    /**
     * Ends a step's update, once the kernel has put back the potentials of the refractory neurons
     * ({@link HeldPotentials#release}): fires and resets the neurons at or above threshold that are
     * not refractory. A refractory neuron stays at the reset, below threshold, unless code wrote
     * another potential between runs: one at or above threshold fires when refractoriness ends, as
     * in precise mode.
     *
     * @param s               the state
     * @param lo              first neuron
     * @param hi              end neuron, exclusive
     * @param step            the step being advanced
     * @param vTh             threshold (mV)
     * @param vReset          reset (mV)
     * @param refractorySteps refractory period in steps
     * @param out             where spikes go
     */
    static void apply(IntegrateAndFireState s, int lo, int hi, int step, double vTh, double vReset,
                      int refractorySteps, SpikeSink out) {
        final double[] v = s.v;
        final double[] refractory = s.refractorySteps;
        for (int i = lo; i < hi; i++) {
            if (v[i] >= vTh && refractory[i] == 0) {
                v[i] = vReset;
                startRefractory(s, i, refractorySteps);
                out.spike(i, step);
            }
        }
    }

    /**
     * {@link #apply}, screening the potentials a vector at a time first where the JVM has the Vector API
     * ({@code ThresholdScreen}; {@link #SCREENS}), else {@link #apply} itself; either way the same neurons fire in
     * the same order and the state comes out to the bit the same. Until the JIT has compiled it, the screen runs
     * many times slower than the scalar pass, longer than a short run of a small network lasts; so kernels screen
     * only where each step's pass is large (see {@link LifGridKernel#fire}).
     */
    static void applyScreened(IntegrateAndFireState s, int lo, int hi, int step, double vTh, double vReset,
                              int refractorySteps, SpikeSink out) {
        if (SCREENS) {
            ThresholdScreen.apply(s, lo, hi, step, vTh, vReset, refractorySteps, out);
        } else {
            apply(s, lo, hi, step, vTh, vReset, refractorySteps, out);
        }
    }

    /**
     * Makes a neuron that fired refractory for the model's period.
     *
     * @param s               the state
     * @param i               the neuron
     * @param refractorySteps refractory period in steps, {@code >= 0}
     */
    static void startRefractory(IntegrateAndFireState s, int i, int refractorySteps) {
        s.refractorySteps[i] = refractorySteps;
        if (refractorySteps > 0) {
            s.refractoryNeurons.add(i);
        }
    }

    /**
     * Checks refractory counts that code may have written between runs: counted down by whole steps,
     * a fraction would never reach 0 and would hold the neuron for good, and so would NaN.
     *
     * @param population the population, for the message
     * @param refractory steps of refractoriness left per neuron
     * @throws ParameterException naming the first neuron whose count is not a whole number of steps
     *                            from 0 to {@link Integer#MAX_VALUE}
     */
    static void requireWholeSteps(String population, double[] refractory) {
        for (int i = 0; i < refractory.length; i++) {
            double k = refractory[i];
            if (!(k >= 0 && k <= Integer.MAX_VALUE && k == Math.rint(k))) {
                throw new ParameterException("population '" + population + "'", "refractorySteps[" + i + "]",
                        "a whole number of steps >= 0 (0: not refractory)", String.valueOf(k));
            }
        }
    }

    /**
     * The times at which the refractoriness counted in steps ends, for an exact kernel taking over
     * a grid engine's state: a neuron with {@code k} steps left is held for the next {@code k}
     * steps, discarding the input of their ends, so its refractoriness ends at {@code k dt} of the
     * new engine's clock, or at the end already written for it, if later. A neuron without steps left
     * keeps the end written for it (minus infinity, unless code wrote one).
     *
     * @param refractory steps of refractoriness left per neuron
     * @param untilMs    the end of refractoriness per neuron (ms) on the new engine's clock, updated
     * @param dtMs       the time step (ms)
     */
    static void refractoryEnds(double[] refractory, double[] untilMs, double dtMs) {
        for (int i = 0; i < refractory.length; i++) {
            double k = refractory[i];
            if (k > 0) {
                // An end written for precise mode may lie later: the neuron is held until both have passed.
                untilMs[i] = Math.max(untilMs[i], k * dtMs);
            }
        }
    }
}
