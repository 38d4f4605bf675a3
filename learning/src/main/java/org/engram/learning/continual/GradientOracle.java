package org.engram.learning.continual;

import java.util.List;

/**
 * Computes what importance estimates need from the network: gradients over samples, output logits
 * and presynaptic activity. Implemented by the trainer with its own forward and (surrogate)
 * backward pass, with the weights as they are when called; calls never change the weights.
 */
public interface GradientOracle {
    /** The scalar whose gradient is taken, per sample. */
    enum Objective {
        /** The trainer's task loss with the sample's true label (EWC, SI). */
        LOSS,
        /** The squared L2 norm of the output logits, {@code sum_o z_o^2} (MAS, Aljundi et al. 2018). */
        OUTPUT_SQUARED_NORM
    }

    /** How per-sample gradients {@code g_n} are combined, elementwise, over the N samples. */
    enum Reduction {
        /** {@code (1/N) sum_n g_n}: the mean gradient. */
        MEAN,
        /** {@code (1/N) sum_n g_n^2}: the empirical diagonal Fisher information (EWC). */
        MEAN_SQUARE,
        /** {@code (1/N) sum_n |g_n|}: the MAS importance. */
        MEAN_ABS
    }

    /**
     * Reduces per-sample gradients of an objective over samples, for every layer's weights.
     *
     * <p>The sum over samples runs in the order of {@code samples}, so the result is reproducible.
     *
     * @param objective what is differentiated
     * @param reduction how the per-sample gradients are combined
     * @param data      the samples' set (its task selects the head in task-incremental learning)
     * @param samples   indices into {@code data}; N = {@code samples.length > 0}
     * @param out       per layer, an array of length {@code inputs(l) * outputs(l)} that is overwritten
     *                  (units: objective per unit weight, squared for {@code MEAN_SQUARE})
     * @throws org.engram.simulator.ParameterException if {@code samples} is empty or {@code out}
     *         has not one array of the matrix's size per weight matrix
     */
    void gradients(Objective objective, Reduction reduction, SampleSet data, int[] samples, double[][] out);

    /**
     * The output logits of the whole last layer for one sample (all heads).
     *
     * @param data   the sample's set
     * @param sample the index into {@code data}
     * @param logits receives {@code outputs(last layer)} values
     */
    void outputs(SampleSet data, int sample, float[] logits);

    /**
     * The presynaptic activity of every layer for given samples, as in training (exponentially
     * weighted firing rates of each layer's inputs), from one forward pass of each sample.
     *
     * @param data    the samples' set
     * @param samples indices into {@code data}
     * @return per layer, in layer order, one vector of length {@code inputs(layer)} per sample, in
     *         the order of {@code samples}
     */
    List<LayerActivity> activities(SampleSet data, int[] samples);
}
