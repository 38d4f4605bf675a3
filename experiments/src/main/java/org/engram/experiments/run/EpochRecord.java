package org.engram.experiments.run;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

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
public record EpochRecord(@JsonSetter(nulls = Nulls.FAIL) String strategy, long seed, int task, int epoch, double loss,
                          double trainAccuracy, double seconds, int samples) {
    /** What {@link #loss} must be, as log.csv and progress.json are read: NaN stands for a learner without one. */
    static final String LOSS_RULE = "a finite loss, or NaN for none";
    /** What {@link #trainAccuracy} must be, as log.csv and progress.json are read. */
    static final String ACCURACY_RULE = "an accuracy in [0, 1], or NaN for none";

    /** {@return whether a loss read back is one a run writes: finite, or NaN for none (Diehl and Cook's)} */
    static boolean validLoss(double loss) {
        return !Double.isInfinite(loss);
    }

    /** {@return whether a training accuracy read back is one a run writes: in [0, 1], or NaN for none} */
    static boolean validTrainAccuracy(double accuracy) {
        return Double.isNaN(accuracy) || accuracy >= 0 && accuracy <= 1;
    }

    /** {@return whether a time (s) or speed read back is one a run writes: finite and >= 0} */
    static boolean validNonNegative(double value) {
        return value >= 0 && !Double.isInfinite(value);
    }

    /** {@return training throughput (samples per second)} */
    public double samplesPerSecond() {
        return seconds > 0 ? samples / seconds : 0;
    }
}
