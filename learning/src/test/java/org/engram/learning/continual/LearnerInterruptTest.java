package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.learning.encode.RateEncoder;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.train.TrainingInterrupted;
import org.junit.jupiter.api.Test;

/** An interrupted learner stops between batches, as the batches before left it, and can go on. */
class LearnerInterruptTest {
    private static final TaskData[] TASKS = SplitPatterns.tasks(40, 30);
    private static final int BATCHES_BEFORE = 2;

    /** Interrupts its thread in the given batch's penalty hook, or stops the run before that batch trains. */
    private static final class Cut implements ContinualStrategy {
        private final boolean interrupt;
        private int batches;

        Cut(boolean interrupt) {
            this.interrupt = interrupt;
        }

        @Override
        public String name() {
            return "cut";
        }

        @Override
        public void beforeBatch(BatchContext batch) {
            if (!interrupt && ++batches > BATCHES_BEFORE) {
                throw new IllegalStateException("stop before batch " + batches);
            }
        }

        @Override
        public void addPenaltyGradient(int layer, float[] weights, float[] grad) {
            if (interrupt && layer == 0 && ++batches == BATCHES_BEFORE) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ContinualLearner learner(ContinualStrategy s, LayeredNet net) {
        return new ContinualLearner(net, RateEncoder.bernoulli(10, 1.0), ContinualLearnerTest.options(2), s,
                Scenario.TASK_INCREMENTAL);
    }

    @Test
    void anInterruptEndsTheEpochAfterTheBatchItCameInAndTheLearnerGoesOn() {
        LayeredNet interrupted = ContinualLearnerTest.net();
        LayeredNet stopped = ContinualLearnerTest.net();
        try (ContinualLearner a = learner(new Cut(true), interrupted);
             ContinualLearner b = learner(new Cut(false), stopped)) {
            a.startTask(TASKS[0]);
            b.startTask(TASKS[0]);
            TrainingInterrupted e;
            try {
                e = assertThrows(TrainingInterrupted.class, () -> a.trainEpoch(0));
            } finally {
                assertTrue(Thread.interrupted(), "the interrupt status is kept for the caller");
            }
            assertEquals(BATCHES_BEFORE, e.done(), e.getMessage());
            assertEquals((TASKS[0].trainX().length + 15) / 16, e.total(), e.getMessage());
            assertThrows(StrategyFailed.class, () -> b.trainEpoch(0));
            for (int m = 0; m < interrupted.matrixCount(); m++) {
                assertArrayEquals(stopped.weights(m), interrupted.weights(m), "weights of matrix " + m);
            }
            a.trainEpoch(1);
            a.finishTask();
        }
    }
}
