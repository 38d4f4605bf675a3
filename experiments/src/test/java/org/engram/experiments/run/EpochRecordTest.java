package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The values of a log.csv row that reading it back accepts, at the ends of their ranges, and its throughput. */
class EpochRecordTest {
    @Test
    void theEndsOfEachRangeAreAccepted() {
        assertTrue(EpochRecord.validTrainAccuracy(0) && EpochRecord.validTrainAccuracy(1));
        assertTrue(EpochRecord.validTrainAccuracy(Double.NaN), "a learner without a training accuracy");
        assertFalse(EpochRecord.validTrainAccuracy(-1e-9) || EpochRecord.validTrainAccuracy(1 + 1e-9));
        assertTrue(EpochRecord.validNonNegative(0));
        assertFalse(EpochRecord.validNonNegative(-1e-9) || EpochRecord.validNonNegative(Double.POSITIVE_INFINITY)
                || EpochRecord.validNonNegative(Double.NaN));
        assertTrue(EpochRecord.validLoss(Double.NaN) && EpochRecord.validLoss(0));
        assertFalse(EpochRecord.validLoss(Double.NEGATIVE_INFINITY));
    }

    /** 100 samples in 0.5 s are 200 per second; an epoch timed at 0 s has no throughput, written as 0, not NaN. */
    @Test
    void throughputIsSamplesPerSecondAndZeroWithoutTime() {
        assertEquals(200.0, new EpochRecord("naive", 1, 0, 0, 0.1, 0.9, 0.5, 100).samplesPerSecond(), 0);
        assertEquals(0.0, new EpochRecord("naive", 1, 0, 0, 0.1, 0.9, 0, 100).samplesPerSecond(), 0);
    }
}
