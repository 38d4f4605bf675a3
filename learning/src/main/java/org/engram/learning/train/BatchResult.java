package org.engram.learning.train;

/**
 * What one training batch gave.
 *
 * @param samples  number of samples in the batch mean (all but those added outside it, see {@link Batch#outsideMean})
 * @param meanLoss the step's loss: the mean loss over those samples plus the losses added outside the mean
 * @param correct  samples in the mean whose largest logit (among allowed classes) was their label
 */
public record BatchResult(int samples, double meanLoss, int correct) {
}
