package org.engram.learning.continual;

/**
 * The training samples of one task as a strategy sees them: read-only input vectors and labels.
 * A set that mixes the samples of several tasks (an episodic memory) says each one's task with
 * {@link #task(int)}.
 *
 * <p>Inputs are the vectors the trainer encodes into spikes (for images: pixel intensities in
 * [0, 1]); a strategy copies what it keeps, because the arrays belong to the data set.
 */
public interface SampleSet {
    /** {@return the index of the task these samples belong to (for a set that mixes tasks, the latest)} */
    int task();

    /**
     * The task one sample belongs to, which selects its head and class mask in a gradient
     * oracle; every sample's is {@link #task()} unless the set mixes tasks.
     *
     * @param sample the sample index, in {@code [0, size())}
     * @return the task index
     */
    default int task(int sample) {
        return task();
    }

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
