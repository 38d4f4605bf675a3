package org.engram.learning.train;

/** What a gradient is the gradient of, for one sample with logits {@code o} over the allowed classes. */
public enum Loss {
    /** Softmax cross-entropy {@code -log softmax(o)_y}: the training loss. */
    CROSS_ENTROPY,
    /** {@code sum_j o_j^2}, the squared L2 norm of the output: the importance target of MAS (Aljundi et al. 2018). */
    OUTPUT_SQUARED_NORM
}
