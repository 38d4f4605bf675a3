package org.engram.learning.train;

/**
 * What one training batch gave.
 *
 * @param samples  number of samples
 * @param meanLoss mean loss over the samples
 * @param correct  samples whose largest logit (among allowed classes) was their label
 */
public record BatchResult(int samples, double meanLoss, int correct) {
}
