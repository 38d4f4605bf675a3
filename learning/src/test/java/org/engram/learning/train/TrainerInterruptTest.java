package org.engram.learning.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.train.optim.LearningRateSchedule;
import org.engram.learning.train.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;

/**
 * An interrupt of the training thread (a cancelled task of an application) stops an epoch between
 * batches and never inside one. It used to fail the step wherever the caller was waiting for a
 * helper: after the optimiser had moved its moments but before the weights moved, so a retry of the
 * batch moved the moments a second time and every later step differed from training without the
 * interrupt, with nothing said.
 */
class TrainerInterruptTest {
    private static final int BATCHES_BEFORE = 2;

    private static LayeredNet net() {
        return SyntheticPatterns.smallNet(5);
    }

    private static Trainer trainer(LayeredNet net) {
        // Two threads: the optimiser's and the weights' passes each share their two chunks with a helper.
        return new Trainer(net, RateEncoder.bernoulli(10, 1.0), TrainerOptions.defaults()
                .withOptimizer(OptimizerSpec.adam(), LearningRateSchedule.constant(5e-3)).withBatch(32, 8)
                .withThreads(2).withSeed(9));
    }

    /** Stops an epoch by hand after its first batches, as the independent answer. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void anInterruptInsideABatchEndsTheEpochAfterItWithTheStateOfThoseBatches() {
        SyntheticPatterns data = SyntheticPatterns.train();
        int batches = (data.x.length + 31) / 32;
        LayeredNet interrupted = net();
        LayeredNet stopped = net();
        try (Trainer a = trainer(interrupted); Trainer b = trainer(stopped)) {
            int[] penaltyCalls = {0};
            a.setHooks(new TrainingHooks() {
                @Override
                public void addPenaltyGradient(int matrix, float[] weights, float[] grad) {
                    // Inside the last batch to be trained, before the optimiser's and the weights' passes.
                    if (matrix == 0 && ++penaltyCalls[0] == BATCHES_BEFORE) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            TrainingInterrupted e;
            try {
                e = assertThrows(TrainingInterrupted.class, () -> a.trainEpoch(data.x, data.y, 0));
            } finally {
                assertTrue(Thread.interrupted(), "the interrupt status is kept for the caller");
            }
            assertEquals(BATCHES_BEFORE, e.done(), e.getMessage());
            assertEquals(batches, e.total(), e.getMessage());
            assertEquals(0, e.epoch());
            assertEquals(BATCHES_BEFORE, a.step(), "steps taken whole");

            int[] batchesDone = {0};
            b.setHooks(new TrainingHooks() {
                @Override
                public void afterBatch(Batch batch, BatchResult result) {
                    if (++batchesDone[0] == BATCHES_BEFORE) {
                        throw new Stop();
                    }
                }
            });
            assertThrows(Stop.class, () -> b.trainEpoch(data.x, data.y, 0));
            a.setHooks(TrainingHooks.NONE);
            b.setHooks(TrainingHooks.NONE);
            for (int m = 0; m < interrupted.matrixCount(); m++) {
                assertArrayEquals(stopped.weights(m), interrupted.weights(m), "weights of matrix " + m);
            }
            // The optimiser's moments, unseen so far, show in the steps that follow.
            a.trainEpoch(data.x, data.y, 1);
            b.trainEpoch(data.x, data.y, 1);
            assertFalse(Thread.currentThread().isInterrupted());
            for (int m = 0; m < interrupted.matrixCount(); m++) {
                assertTrue(Arrays.equals(stopped.weights(m), interrupted.weights(m)),
                        "weights of matrix " + m + " after a further epoch");
            }
        }
    }

    /** With the status set before it starts, an epoch trains nothing. */
    @Test
    void anEpochBegunInterruptedTrainsNothing() {
        SyntheticPatterns data = SyntheticPatterns.train();
        LayeredNet net = net();
        float[] before = net.weights(0).clone();
        try (Trainer t = trainer(net)) {
            Thread.currentThread().interrupt();
            TrainingInterrupted e;
            try {
                e = assertThrows(TrainingInterrupted.class, () -> t.trainEpoch(data.x, data.y, 3));
            } finally {
                assertTrue(Thread.interrupted());
            }
            assertEquals(3, e.epoch(), "the epoch it stopped in");
            assertEquals(0, e.done());
            assertEquals(0, t.step());
            assertArrayEquals(before, net.weights(0));
        }
    }
}
