package org.engram.learning.train;

/** Receives the gradient of one sample, in sample order, from {@link Trainer#perSampleGradients}. */
@FunctionalInterface
public interface SampleGradients {
    /**
     * One sample's gradient.
     *
     * @param sample the sample's position in the batch
     * @param loss   its loss
     * @param grad   one array per weight matrix (input-major); valid only during the call
     */
    void accept(int sample, double loss, float[][] grad);
}
