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
 * @param classWeights  per sample, the weight of its classification loss (its extra terms keep theirs), or
 *                      {@code null} for 1 each
 * @param outsideMean   per sample, whether its loss is added to the step's loss as it is rather than as a
 *                      share of the mean over the others, or {@code null} for none: the step's loss is
 *                      {@code (1/n) sum_(b in mean) l_b + sum_(b outside) l_b}, n the samples in the mean,
 *                      {@code l_b = classWeight_b * CE_b + sum of b's terms}
 */
public record Batch(float[][] samples, int[] labels, long[] streamStates, boolean[][] classMasks,
                    LogitTerm[][] logitTerms, float[] classWeights, boolean[] outsideMean) {
    /**
     * Checks the lengths agree and that some sample is in the mean.
     *
     * @param samples      the samples, each a vector in [0, 1]; not copied
     * @param labels       the class of each sample
     * @param streamStates each sample's encoding stream (see {@link org.engram.learning.encode.Encoder#streamState})
     * @param classMasks   per sample, the classes its readout may choose among ({@code true} = allowed),
     *                     or {@code null} for all classes; the array itself may be {@code null} (all samples unmasked)
     * @param logitTerms   per sample, extra loss terms on its logits (e.g. distillation), or {@code null};
     *                     the array itself may be {@code null} (no extra terms)
     * @param classWeights per sample, the weight of its classification loss (its extra terms keep theirs), or
     *                     {@code null} for 1 each
     * @param outsideMean  per sample, whether its loss is added to the step's loss as it is rather than as a
     *                     share of the mean over the others, or {@code null} for none: the step's loss is
     *                     {@code (1/n) sum_(b in mean) l_b + sum_(b outside) l_b}, n the samples in the mean,
     *                     {@code l_b = classWeight_b * CE_b + sum of b's terms}
     */
    public Batch {
        if (labels.length != samples.length || streamStates.length != samples.length
                || (classMasks != null && classMasks.length != samples.length)
                || (logitTerms != null && logitTerms.length != samples.length)
                || (classWeights != null && classWeights.length != samples.length)
                || (outsideMean != null && outsideMean.length != samples.length)) {
            throw new ParameterException("batch", "lengths", "one label, stream and mask per sample ("
                    + samples.length + ")", labels.length + "/" + streamStates.length);
        }
        if (outsideMean != null && samples.length > 0 && countInMean(outsideMean) == 0) {
            throw new ParameterException("batch", "outsideMean", "at least one sample in the batch mean",
                    "all " + samples.length + " outside it");
        }
    }

    /**
     * A batch whose samples all count in the mean with their whole classification loss.
     *
     * @param samples      the samples
     * @param labels       their classes
     * @param streamStates their encoding streams
     * @param classMasks   their class masks, or {@code null}
     * @param logitTerms   their extra loss terms, or {@code null}
     */
    public Batch(float[][] samples, int[] labels, long[] streamStates, boolean[][] classMasks,
                 LogitTerm[][] logitTerms) {
        this(samples, labels, streamStates, classMasks, logitTerms, null, null);
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

    /** {@return the number of samples whose loss is a share of the batch mean} */
    public int meanCount() {
        return outsideMean == null ? samples.length : countInMean(outsideMean);
    }

    /**
     * {@return whether the sample's loss is added as it is, outside the batch mean}
     *
     * @param b the sample's position in the batch
     */
    public boolean outside(int b) {
        return outsideMean != null && outsideMean[b];
    }

    /**
     * {@return the weight of the sample's classification loss (1 unless given)}
     *
     * @param b the sample's position in the batch
     */
    public float classWeight(int b) {
        return classWeights == null ? 1f : classWeights[b];
    }

    private static int countInMean(boolean[] outsideMean) {
        int n = 0;
        for (boolean outside : outsideMean) {
            if (!outside) {
                n++;
            }
        }
        return n;
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
