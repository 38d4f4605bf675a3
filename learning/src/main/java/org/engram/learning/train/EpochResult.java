package org.engram.learning.train;

/**
 * What one training epoch gave.
 *
 * @param samples  samples trained on
 * @param meanLoss mean training loss
 * @param accuracy fraction of training samples classified correctly during the epoch (before each update)
 */
public record EpochResult(int samples, double meanLoss, double accuracy) {
}
