package org.engram.learning.unsupervised;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.learning.train.TrainingInterrupted;
import org.engram.simulator.engine.EngineOptions;
import org.junit.jupiter.api.Test;

/**
 * An interrupt of the thread that trains STDP (a cancelled task) used to end the engine's run inside
 * a sample: the sample was left half shown (STDP half applied, no rest, no normalisation), the
 * learner went on from there when used again, and nothing said so but the engine's
 * {@code RunInterrupted}, which tells that the engine, not the learner, can go on. A sample is now
 * shown whole and a pass stops between samples.
 */
class DiehlCookInterruptTest {
    private static final int NEURONS = 10;
    private static final long SEED = 5;

    private static DiehlCookParams params() {
        DiehlCookParams p = DiehlCookParams.paper(NEURONS);
        return p.withCoupling(p.coupling().withTotalInputWeight(10.0))
                .withPresentation(new DiehlCookParams.Presentation(100, 20, 63.75, 31.875, 5, 2));
    }

    private static DiehlCookNetwork learning() {
        return new DiehlCookNetwork(params(), PrototypeTask.PIXELS, SEED, EngineOptions.grid(1), true, null, null);
    }

    /** Interrupted at the 20th spike of its second sample, a network learns as one never interrupted. */
    @Test
    void anInterruptInsideASampleLetsItBeShownWhole() {
        PrototypeTask task = new PrototypeTask(3, 9);
        try (DiehlCookNetwork interrupted = learning(); DiehlCookNetwork plain = learning()) {
            int[] spikes = {-1};   // counted from 0 once the second sample begins
            Thread caller = Thread.currentThread();
            interrupted.observe((population, neuron, timeMs) -> {
                if (spikes[0] >= 0 && ++spikes[0] == 20) {
                    caller.interrupt();
                }
            });
            assertArrayEquals(plain.present(task.x[0]), interrupted.present(task.x[0]), "the first sample's counts");
            spikes[0] = 0;
            int[] second = interrupted.present(task.x[1]).clone();
            assertTrue(spikes[0] > 20, "the interrupt must come inside the sample; it made " + spikes[0] + " spikes");
            assertTrue(Thread.interrupted(), "the interrupt status is set again once the sample is shown");
            assertArrayEquals(plain.present(task.x[1]), second, "the interrupted sample's spike counts");
            assertArrayEquals(plain.present(task.x[2]), interrupted.present(task.x[2]), "the next sample's");
            assertArrayEquals(plain.inputWeights(), interrupted.inputWeights());
            assertArrayEquals(plain.thresholds(), interrupted.thresholds());
        }
    }

    /** A pass interrupted after two samples leaves the weights two samples make. */
    @Test
    void anInterruptedPassStopsBetweenSamples() {
        PrototypeTask task = new PrototypeTask(4, 9);
        float[][] firstTwo = {task.x[0], task.x[1]};
        try (DiehlCookLearner interrupted = new DiehlCookLearner(params(), PrototypeTask.PIXELS, 3, 0, SEED, 1, null);
             DiehlCookLearner twoSamples = new DiehlCookLearner(params(), PrototypeTask.PIXELS, 3, 0, SEED, 1, null)) {
            interrupted.startTask();
            int[] shown = {0};
            TrainingInterrupted e;
            try {
                e = assertThrows(TrainingInterrupted.class, () -> interrupted.trainPass(task.x, n -> {
                    if (++shown[0] == 2) {
                        Thread.currentThread().interrupt();
                    }
                }));
            } finally {
                assertTrue(Thread.interrupted(), "the interrupt status is kept for the caller");
            }
            assertEquals(2, e.done(), e.getMessage());
            assertEquals(4, e.total(), e.getMessage());
            assertEquals(0, e.epoch(), e.getMessage());
            interrupted.finishTask();
            twoSamples.startTask();
            twoSamples.trainPass(firstTwo, n -> { });
            twoSamples.finishTask();
            assertEquals(twoSamples.weightsHash(), interrupted.weightsHash());
            assertFalse(Thread.currentThread().isInterrupted());
        }
    }
}
