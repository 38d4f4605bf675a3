package org.engram.experiments.run;

/**
 * One training epoch: a row of {@code log.csv}.
 *
 * @param strategy      strategy label
 * @param seed          seed
 * @param task          task index, from 0
 * @param epoch         epoch within the task, from 0
 * @param loss          mean training loss (cross-entropy, nats)
 * @param trainAccuracy fraction of training samples classified correctly during the epoch
 * @param seconds       wall time of the epoch (s)
 * @param samples       samples trained on
 */
public record EpochRecord(String strategy, long seed, int task, int epoch, double loss, double trainAccuracy,
                          double seconds, int samples) {
    /** {@return training throughput (samples per second)} */
    public double samplesPerSecond() {
        return seconds > 0 ? samples / seconds : 0;
    }
}
