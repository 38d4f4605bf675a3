package org.engram.learning.continual;

/**
 * The presynaptic activity of one layer, one vector per sample: what projection strategies (GPM,
 * HLOP) protect. For a spiking layer the vector is the exponentially weighted firing rate of each
 * input neuron over the sample's presentation (the presynaptic trace the weight update is built
 * from); for an analog layer it is the layer's input.
 *
 * <p>In a batch, samples keep the batch's order: the current task's own samples come first, then
 * the samples strategies appended (replay).
 */
public interface LayerActivity {
    /** {@return the layer index} */
    int layer();

    /** {@return the number of samples} */
    int samples();

    /** {@return how many of the first samples belong to the current task (the rest were appended)} */
    int ownSamples();

    /**
     * One sample's activity; the caller must not modify it. It may be a fresh copy at each call: a
     * strategy that reads the activity every batch uses {@link #copyVector} instead.
     *
     * @param sample the sample index, in {@code [0, samples())}
     * @return the activity vector, length {@code inputs(layer)} (rates, 1/ms or normalised units)
     * @throws IndexOutOfBoundsException if {@code sample} is outside {@code [0, samples())}
     */
    float[] vector(int sample);

    /**
     * Copies one sample's activity into a caller's buffer: what a strategy that reads the vectors
     * every batch uses, so that it allocates nothing where {@link #vector} has to copy.
     *
     * @param sample the sample index, in {@code [0, samples())}
     * @param into   receives the vector's {@code inputs(layer)} values from {@code offset} on
     * @param offset where the vector starts in {@code into}
     * @throws IndexOutOfBoundsException if {@code sample} is outside {@code [0, samples())}
     */
    default void copyVector(int sample, float[] into, int offset) {
        float[] v = vector(sample);
        System.arraycopy(v, 0, into, offset, v.length);
    }
}
