package org.engram.learning.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.Arrays;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.io.TrainingCheckpoint;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.train.optim.LearningRateSchedule;
import org.engram.learning.train.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;

/**
 * A step that fails after the optimiser ran (a {@code transformUpdate} hook that throws) leaves
 * Adam's moments a step ahead of the weights. The trainer used to train on as if nothing had
 * happened: a retried batch then gave other weights than the same batch on a twin that never
 * failed, and a checkpoint kept the mismatch. It now refuses to step or be checkpointed, saying why.
 */
class StepFailureTest {
    private static LayeredNet net() {
        return SyntheticPatterns.smallNet(5);
    }

    private static Trainer trainer(LayeredNet net) {
        return new Trainer(net, RateEncoder.bernoulli(10, 1.0), TrainerOptions.defaults()
                .withOptimizer(OptimizerSpec.adam(), LearningRateSchedule.constant(5e-3)).withBatch(32, 8)
                .withThreads(1).withSeed(3));
    }

    private static Batch firstBatch() {
        SyntheticPatterns d = SyntheticPatterns.train();
        return new Batch(Arrays.copyOf(d.x, 32), Arrays.copyOf(d.y, 32), new long[32], null);
    }

    private static TrainingHooks throwingIn(String hook, RuntimeException e) {
        return new TrainingHooks() {
            @Override
            public void addPenaltyGradient(int matrix, float[] weights, float[] grad) {
                if (hook.equals("addPenaltyGradient")) {
                    throw e;
                }
            }

            @Override
            public void transformUpdate(int matrix, float[] update, LayerActivity activity) {
                if (hook.equals("transformUpdate")) {
                    throw e;
                }
            }
        };
    }

    @Test
    void aStepThatFailsAfterTheOptimiserRanIsRefusedThereafter() {
        LayeredNet net = net();
        float[] before = net.weights(0).clone();
        try (Trainer t = trainer(net)) {
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            t.setHooks(throwingIn("transformUpdate", boom));
            assertSame(boom, assertThrows(IllegalArgumentException.class, () -> t.trainBatch(firstBatch())));
            assertArrayEquals(before, net.weights(0), "the failed step moved no weight");
            assertEquals(0, t.step());
            t.setHooks(TrainingHooks.NONE);
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> t.trainBatch(firstBatch()));
            assertTrue(refused.getMessage().contains("step 1 of this trainer failed after its optimiser had run")
                    && refused.getMessage().contains("boom"), refused.getMessage());
            assertSame(boom, refused.getCause());
            assertThrows(IllegalStateException.class, () -> t.trainEpoch(SyntheticPatterns.train().x,
                    SyntheticPatterns.train().y, 0));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            assertThrows(IllegalStateException.class, () -> TrainingCheckpoint.write(t, new DataOutputStream(bytes)));
            assertEquals(0, bytes.size(), "nothing of the checkpoint was written");
            assertArrayEquals(before, net.weights(0), "the refused calls moved no weight");
        }
    }

    /** A hook that throws before the optimiser runs leaves the trainer whole: a retry equals a twin's step. */
    @Test
    void aStepThatFailsBeforeTheOptimiserRanLeavesTheTrainerAsItWas() {
        LayeredNet failed = net();
        LayeredNet twin = net();
        try (Trainer a = trainer(failed); Trainer b = trainer(twin)) {
            a.setHooks(throwingIn("addPenaltyGradient", new IllegalArgumentException("boom")));
            assertThrows(IllegalArgumentException.class, () -> a.trainBatch(firstBatch()));
            a.setHooks(TrainingHooks.NONE);
            a.trainBatch(firstBatch());
            a.trainBatch(firstBatch());
            b.trainBatch(firstBatch());
            b.trainBatch(firstBatch());
            for (int m = 0; m < failed.matrixCount(); m++) {
                assertArrayEquals(twin.weights(m), failed.weights(m), "weights of matrix " + m);
            }
        }
    }
}
