package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.layered.LayeredNet;
import org.junit.jupiter.api.Test;

/**
 * A strategy of one's own that throws, or that makes NaN, is caught at the batch it did so, by
 * name. NaN in the weights had gone unnoticed: the neurons it reaches fall silent, the loss
 * stays finite (ln 2 for two classes), and the run reported accuracies of broken weights.
 */
class StrategyFaultTest {
    private static final TaskData[] TASKS = SplitPatterns.tasks(40, 30);

    /** Throws from one hook, or makes the update NaN from the second task on. */
    private static final class Faulty implements ContinualStrategy {
        private final String hook;
        private int task;
        private int batches;

        Faulty(String hook) {
            this.hook = hook;
        }

        @Override
        public String name() {
            return "faulty";
        }

        @Override
        public void beforeTask(TaskContext context) {
            task = context.taskIndex();
            if (hook.equals("beforeTask")) {
                throw new ArithmeticException("boom in beforeTask");
            }
        }

        @Override
        public void beforeBatch(BatchContext batch) {
            batches++;
        }

        @Override
        public void addPenaltyGradient(int layer, float[] weights, float[] grad) {
            if (hook.equals("addPenaltyGradient") && layer == 1) {
                throw new ArithmeticException("boom in penalty");
            }
            if (hook.equals("nan penalty") && layer == 1) {
                grad[3] += 0f / 0f;
            }
        }

        @Override
        public void transformGradient(float[][] grad) {
            if (hook.equals("transformGradient")) {
                throw new ArithmeticException("boom in transformGradient");
            }
            if (hook.equals("nan gradient")) {
                grad[1][2] = Float.NaN;
            }
        }

        @Override
        public void transformUpdate(int layer, float[] update, LayerActivity act) {
            if (hook.equals("transformUpdate")) {
                throw new ArithmeticException("boom in transformUpdate");
            }
            if (hook.equals("nan") && task >= 1) {
                Arrays.fill(update, Float.NaN);
            }
            if (hook.equals("huge")) {
                for (int i = 0; i < update.length; i++) {
                    update[i] *= 1e12f;
                }
            }
        }

        @Override
        public void afterTask(TaskContext context) {
            if (hook.equals("diverged")) {
                throw new StrategyDiverged("its own learning diverged");
            }
        }
    }

    private static ContinualLearner learner(ContinualStrategy strategy) {
        return learner(strategy, ContinualLearnerTest.net());
    }

    private static ContinualLearner learner(ContinualStrategy strategy, LayeredNet net) {
        return new ContinualLearner(net, RateEncoder.bernoulli(10, 1.0),
                ContinualLearnerTest.options(1), strategy, Scenario.TASK_INCREMENTAL);
    }

    @Test
    void anExceptionFromAHookSaysWhichStrategyHookAndBatch() {
        try (ContinualLearner l = learner(new Faulty("addPenaltyGradient"))) {
            l.startTask(TASKS[0]);
            StrategyFailed failed = assertThrows(StrategyFailed.class, () -> l.trainEpoch(0));
            assertTrue(failed.getMessage().startsWith("strategy 'faulty' (" + Faulty.class.getName()
                    + ") failed in addPenaltyGradient (task 1, epoch 1, batch 1, matrix 1): "
                    + "java.lang.ArithmeticException: boom in penalty"), failed.getMessage());
            assertTrue(failed.getCause() instanceof ArithmeticException);
            StrategyFailed named = failed.in("mine", 7);
            assertTrue(named.getMessage().startsWith("mine, seed 7: strategy 'faulty'"), named.getMessage());
            assertSame(failed.getCause(), named.getCause());
        }
        try (ContinualLearner l = learner(new Faulty("beforeTask"))) {
            StrategyFailed failed = assertThrows(StrategyFailed.class, () -> l.startTask(TASKS[0]));
            assertTrue(failed.getMessage().contains("failed in beforeTask (task 1): "), failed.getMessage());
        }
    }

    /**
     * transformUpdate runs after the optimiser: a failure there leaves its state a step ahead of the
     * weights, so the learner refuses to train on or write a state that mixes the two (it trained on).
     */
    @Test
    void aFailureAfterTheOptimiserRanLeavesTheLearnerRefusingToTrainOrBeSaved() throws java.io.IOException {
        LayeredNet net = ContinualLearnerTest.net();
        float[] before = net.weights(0).clone();
        Faulty faulty = new Faulty("transformUpdate");
        try (ContinualLearner l = learner(faulty, net)) {
            l.startTask(TASKS[0]);
            StrategyFailed failed = assertThrows(StrategyFailed.class, () -> l.trainEpoch(0));
            assertTrue(failed.getMessage().contains("failed in transformUpdate (task 1, epoch 1, batch 1, matrix 0)"),
                    failed.getMessage());
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> l.trainEpoch(0));
            assertTrue(refused.getMessage().contains("failed after its optimiser had run"), refused.getMessage());
            assertEquals(1, faulty.batches, "refused before a hook of the next batch ran");
            l.finishTask();
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            assertThrows(IllegalStateException.class, () -> l.writeState(new java.io.DataOutputStream(bytes)));
            assertEquals(0, bytes.size(), "nothing of the state was written");
            assertArrayEquals(before, net.weights(0), "no weight moved");
        }
    }

    @Test
    void aFailureTheStrategyReportsItselfPassesAsItIs() {
        try (ContinualLearner l = learner(new Faulty("diverged"))) {
            l.startTask(TASKS[0]);
            l.trainEpoch(0);
            StrategyDiverged diverged = assertThrows(StrategyDiverged.class, l::finishTask);
            assertEquals("its own learning diverged", diverged.getMessage());
        }
    }

    @Test
    void aNaNUpdateStopsTrainingAtItsFirstBatch() {
        try (ContinualLearner l = learner(new Faulty("nan"))) {
            l.startTask(TASKS[0]);
            l.trainEpoch(0);   // finite updates on the first task
            l.finishTask();
            l.startTask(TASKS[1]);
            TrainingDiverged diverged = assertThrows(TrainingDiverged.class, () -> l.trainEpoch(0));
            assertTrue(diverged.getMessage().startsWith("task 2, epoch 1, batch 1: weight 0 of matrix 0 is NaN after"
                    + " the batch: the training diverged"), diverged.getMessage());
            assertTrue(diverged.getMessage().contains("strength of strategy 'faulty'"), diverged.getMessage());
            TrainingDiverged named = diverged.in("mine", 7, "lower it", true);
            assertTrue(named.getMessage().startsWith("mine, seed 7: task 2, epoch 1, batch 1: weight 0"),
                    named.getMessage());
            assertTrue(named.getMessage().endsWith("would mean nothing; lower it"), named.getMessage());
            assertTrue(named.ownCode() && !diverged.ownCode());
        }
    }

    /**
     * A NaN that addPenaltyGradient adds is blamed on the hook, at the batch and entry, before the
     * weights take it (it was reported as weights diverged, with the learning rate to lower).
     */
    @Test
    void aNaNPenaltyGradientIsTheHooks() {
        LayeredNet net = ContinualLearnerTest.net();
        float[] before = net.weights(1).clone();
        try (ContinualLearner l = learner(new Faulty("nan penalty"), net)) {
            l.startTask(TASKS[0]);
            TrainingDiverged diverged = assertThrows(TrainingDiverged.class, () -> l.trainEpoch(0));
            assertTrue(diverged.getMessage().matches("task 1, epoch 1, batch 1, matrix 1: strategy 'faulty' \\("
                    + Faulty.class.getName().replace("$", "\\$") + "\\) made entry 3 of the gradient NaN in"
                    + " addPenaltyGradient, where the loss's gradient is -?[0-9.E-]+: the training would diverge;"
                    + " lower the strength of strategy 'faulty', or, for a strategy of your own, mend its"
                    + " addPenaltyGradient"), diverged.getMessage());
            assertEquals("addPenaltyGradient", diverged.in("mine", 1, "-", true).hook());
            assertArrayEquals(before, net.weights(1), "the batch changed no weight of the matrix");
        }
    }

    /**
     * transformGradient sees every matrix at once: a failure there is said at its batch, and a NaN it
     * makes is blamed on it by matrix and entry, before the optimiser takes it.
     */
    @Test
    void aFailureOrNaNInTransformGradientIsTheHooks() {
        try (ContinualLearner l = learner(new Faulty("transformGradient"))) {
            l.startTask(TASKS[0]);
            StrategyFailed failed = assertThrows(StrategyFailed.class, () -> l.trainEpoch(0));
            assertTrue(failed.getMessage().startsWith("strategy 'faulty' (" + Faulty.class.getName()
                    + ") failed in transformGradient (task 1, epoch 1, batch 1): "
                    + "java.lang.ArithmeticException: boom in transformGradient"), failed.getMessage());
        }
        LayeredNet net = ContinualLearnerTest.net();
        float[] before = net.weights(1).clone();
        try (ContinualLearner l = learner(new Faulty("nan gradient"), net)) {
            l.startTask(TASKS[0]);
            TrainingDiverged diverged = assertThrows(TrainingDiverged.class, () -> l.trainEpoch(0));
            assertTrue(diverged.getMessage().startsWith("task 1, epoch 1, batch 1, matrix 1: strategy 'faulty' ("
                    + Faulty.class.getName() + ") made entry 2 of the gradient NaN in transformGradient"),
                    diverged.getMessage());
            assertArrayEquals(before, net.weights(1), "the batch changed no weight of the matrix");
        }
    }

    /** Finite but far past any loss training reaches: accuracies at chance had been reported as a result. */
    @Test
    void aHugeFiniteLossStopsTrainingToo() {
        try (ContinualLearner l = learner(new Faulty("huge"))) {
            l.startTask(TASKS[0]);
            TrainingDiverged diverged = assertThrows(TrainingDiverged.class, () -> l.trainEpoch(0));
            assertTrue(diverged.getMessage().matches("task 1, epoch 1, batch \\d+: the training loss is [0-9.]+E[0-9]+:"
                    + " the training diverged.*"), diverged.getMessage());
        }
    }

    /**
     * A logit match enters the step's loss: one whose targets lie 10,000 above the logits (a few units
     * at most) adds about its weight x 10^8, far past the bound of 10^4 x (1 + its weight), though the
     * sample it comes with weighs its own cross-entropy 0.
     */
    @Test
    void aLogitMatchFarFromTheLogitsIsADivergedLoss() {
        ContinualStrategy farMatch = new ContinualStrategy() {
            @Override
            public String name() {
                return "far_match";
            }

            @Override
            public void beforeBatch(BatchContext batch) {
                int[] units = TASKS[0].classes();
                float[] targets = {1e4f, 1e4f};
                batch.appendOutsideMean(batch.input(0), batch.label(0), batch.taskIndex(), 0.0,
                        new LogitMatch(targets, units, 1.0));
            }
        };
        try (ContinualLearner l = learner(farMatch)) {
            l.startTask(TASKS[0]);
            TrainingDiverged diverged = assertThrows(TrainingDiverged.class, () -> l.trainEpoch(0));
            assertTrue(diverged.getMessage().matches("task 1, epoch 1, batch 1: the training loss is [0-9.]+E[78]:"
                    + " the training diverged.*"), diverged.getMessage());
        }
    }

    /**
     * The bound on the loss grows with distillation, which adds alpha times a cross-entropy: LwF
     * with a large alpha trains on (a review found alpha 10,000 stopped as diverged at 11,487 nats
     * while its accuracies were 95 and 69%).
     */
    @Test
    void aLargeDistillationWeightIsNoDivergence() {
        try (ContinualLearner l = learner(new Lwf(new Lwf.Params(2.0, 1e6)))) {
            double largest = 0;
            for (TaskData task : java.util.List.of(TASKS[0], TASKS[1])) {
                l.startTask(task);
                for (int epoch = 0; epoch < 2; epoch++) {
                    largest = Math.max(largest, l.trainEpoch(epoch).meanLoss());
                }
                l.finishTask();
            }
            assertTrue(largest > ContinualLearner.MAX_LOSS, "the test needs a loss past the bound without terms: "
                    + largest);
        }
    }
}
