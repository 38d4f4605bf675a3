package org.engram.learning.continual;

/**
 * The training samples of one task as a strategy sees them: read-only input vectors and labels.
 *
 * <p>Inputs are the vectors the trainer encodes into spikes (for images: pixel intensities in
 * [0, 1]); a strategy copies what it keeps, because the arrays belong to the data set.
 */
public interface SampleSet {
    /** {@return the index of the task these samples belong to} */
    int task();

    /** {@return the number of samples} */
    int size();

    /**
     * One sample's input vector; the caller must not modify it.
     *
     * @param sample the sample index, in {@code [0, size())}
     * @return the input vector
     */
    float[] input(int sample);

    /**
     * One sample's class label.
     *
     * @param sample the sample index, in {@code [0, size())}
     * @return the label
     */
    int label(int sample);
}
