package org.engram.simulator.model;

import java.util.Arrays;
import org.engram.simulator.IndexArguments;
import org.engram.simulator.ParameterException;

/**
 * The state of a linear LIF model that also runs in precise mode ({@link ExactPropagation}): on
 * top of {@link IntegrateAndFireState}, the exact time at which each neuron's refractoriness ends
 * and the current that current inputs inject. Grid mode counts refractoriness in
 * {@link #refractorySteps}, precise mode by {@link #refractoryUntilMs}. A linear model of one's own
 * may extend it too, with an exact kernel that implements {@link ExactLifKernel}: the engine then
 * writes the injected current ({@link #injectedPa(int)}) and carries grid mode's refractoriness
 * over as it does for the built-in LIF models.
 */
public abstract class ExactLifState extends IntegrateAndFireState {
    /** Precise mode: the time (ms) at which refractoriness ends, minus infinity for none. */
    public final double[] refractoryUntilMs;
    /**
     * Precise mode: the current (pA) that current inputs inject at the neuron's current time, on
     * top of {@code i_e} (grid mode reads it from the engine's input rows). Only the engine writes
     * it, through {@link ExactKernel#injectedCurrentPa}, when a neuron's current changes; a bias
     * is {@code i_e} or a current input.
     */
    final double[] injectedPa;

    /**
     * Creates the state of {@code size} neurons at {@code restMv}, none of them refractory.
     *
     * @param size   number of neurons, {@code >= 1}
     * @param restMv the potential every neuron starts at (mV)
     */
    protected ExactLifState(int size, double restMv) {
        super(size, restMv);
        refractoryUntilMs = new double[size];
        Arrays.fill(refractoryUntilMs, Double.NEGATIVE_INFINITY);
        injectedPa = new double[size];
    }

    /**
     * Refuses, on top of {@link IntegrateAndFireState}'s checks, an end of refractoriness that is NaN, which a
     * precise engine would compare with every time as false: the neuron would never be held.
     */
    @Override
    public void requireValid(String population) {
        super.requireValid(population);
        for (int i = 0; i < refractoryUntilMs.length; i++) {
            if (Double.isNaN(refractoryUntilMs[i])) {
                throw new ParameterException("population '" + population + "'", "refractoryUntilMs[" + i + "]",
                        "a time in ms, or -Infinity for none", "NaN");
            }
        }
    }

    /**
     * {@return the current (pA) that current inputs inject into a neuron at its current time, on top
     * of {@code i_e}: what an exact kernel's {@code propagate} and {@code nextCrossingMs} add to the bias}
     *
     * @param neuron the neuron's index in the population
     * @throws IndexOutOfBoundsException naming the method, if {@code neuron} is not one of the population's
     */
    public double injectedPa(int neuron) {
        return injectedPa[IndexArguments.check("ExactLifState.injectedPa", "neuron", neuron, injectedPa.length)];
    }
}
