package org.engram.learning.train;

import org.engram.simulator.ParameterException;

/**
 * The samples of one mini-batch, with the random stream each is encoded from and, for
 * task-incremental learning, the classes each may be assigned to.
 *
 * @param samples       the samples, each a vector in [0, 1]; not copied
 * @param labels        the class of each sample
 * @param streamStates  each sample's encoding stream (see {@link org.engram.learning.encode.Encoder#streamState})
 * @param classMasks    per sample, the classes its readout may choose among ({@code true} = allowed),
 *                      or {@code null} for all classes; the array itself may be {@code null} (all samples unmasked)
 * @param logitTerms    per sample, extra loss terms on its logits (e.g. distillation), or {@code null};
 *                      the array itself may be {@code null} (no extra terms)
 */
public record Batch(float[][] samples, int[] labels, long[] streamStates, boolean[][] classMasks,
                    LogitTerm[][] logitTerms) {
    /** Checks the lengths agree. */
    public Batch {
        if (labels.length != samples.length || streamStates.length != samples.length
                || (classMasks != null && classMasks.length != samples.length)
                || (logitTerms != null && logitTerms.length != samples.length)) {
            throw new ParameterException("batch", "lengths", "one label, stream and mask per sample ("
                    + samples.length + ")", labels.length + "/" + streamStates.length);
        }
    }

    /**
     * A batch without extra loss terms.
     *
     * @param samples      the samples
     * @param labels       their classes
     * @param streamStates their encoding streams
     * @param classMasks   their class masks, or {@code null}
     */
    public Batch(float[][] samples, int[] labels, long[] streamStates, boolean[][] classMasks) {
        this(samples, labels, streamStates, classMasks, null);
    }

    /**
     * {@return its extra loss terms, or {@code null}}
     *
     * @param b the sample's position in the batch
     */
    public LogitTerm[] terms(int b) {
        return logitTerms == null ? null : logitTerms[b];
    }

    /** {@return the number of samples} */
    public int size() {
        return samples.length;
    }

    /**
     * {@return its class mask, or {@code null} for all classes}
     *
     * @param b the sample's position in the batch
     */
    public boolean[] mask(int b) {
        return classMasks == null ? null : classMasks[b];
    }
}
