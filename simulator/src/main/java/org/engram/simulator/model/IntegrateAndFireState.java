package org.engram.simulator.model;

import java.util.Arrays;

/**
 * The state an integrate-and-fire model's neurons share: the membrane potential, registered first
 * as {@code v} (mV), and the steps of refractoriness left. Built-in models with a threshold, a reset
 * and a refractory period extend it with their own variables; a model of one's own may too.
 */
public abstract class IntegrateAndFireState extends NeuronState {
    /** Membrane potential (mV). */
    public final double[] v;
    /**
     * Steps of refractoriness left, a whole number {@code >= 0}. Code may write it between runs: engines
     * check it before each run ({@link #requireValid}), when the grid kernels also note which neurons it
     * makes refractory.
     */
    public final double[] refractorySteps;
    /** The neurons whose count is above 0, kept by the grid kernels. */
    final RefractorySet refractoryNeurons;

    /**
     * Creates the state of {@code size} neurons at {@code restMv}, none of them refractory.
     *
     * @param size   number of neurons, {@code >= 1}
     * @param restMv the potential every neuron starts at (mV)
     */
    protected IntegrateAndFireState(int size, double restMv) {
        super(size);
        v = variable("v", "mV");
        Arrays.fill(v, restMv);
        refractorySteps = new double[size];
        refractoryNeurons = new RefractorySet(size);
    }

    /**
     * Refuses a refractory count that is not a whole number of steps (engines refuse values that
     * are not finite), then notes which neurons the counts make refractory, for the grid kernels,
     * which visit only those. A subclass that checks more calls this first.
     */
    @Override
    public void requireValid(String population) {
        ThresholdPass.requireWholeSteps(population, refractorySteps);
        refractoryNeurons.rebuild(refractorySteps);
    }
}
