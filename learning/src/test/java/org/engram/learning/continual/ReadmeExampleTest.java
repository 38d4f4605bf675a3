package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.train.TrainerOptions;
import org.junit.jupiter.api.Test;

/** The custom-strategy example of the README, compiled and run. */
class ReadmeExampleTest {
    /** Freezes layer 0 from the second task on (README example). */
    static final class FreezeFirstLayer implements ContinualStrategy {
        private boolean frozen;

        @Override
        public String name() {
            return "freeze_first_layer";
        }

        @Override
        public void beforeTask(TaskContext task) {
            frozen = task.taskIndex() > 0;   // derived from the context: nothing to checkpoint
        }

        @Override
        public void transformUpdate(int layer, float[] update, LayerActivity act) {
            if (frozen && layer == 0) {
                Arrays.fill(update, 0f);
            }
        }
    }

    /** Makes {@link FreezeFirstLayer} known by name (README example). */
    public static final class FreezeFirstLayerProvider implements StrategyProvider {
        @Override
        public Strategies.Info info() {
            return new Strategies.Info("freeze_first_layer", "after the first task, layer 0 learns no more", "-",
                    Strategies.Role.UPDATE_SCALER,   // its place in chains: scalers before projections
                    new Strategies.Hyperparameters<>(Strategies.NoParameters.class, new Strategies.NoParameters(),
                            p -> new FreezeFirstLayer()));
        }
    }

    @Test
    void providerBuildsTheStrategy() {
        Strategies.Info info = new FreezeFirstLayerProvider().info();
        assertEquals("freeze_first_layer", info.hyperparameters().createDefault().name());
        assertEquals(Strategies.Role.UPDATE_SCALER, info.role());
    }

    @Test
    void customStrategyFreezesTheLayerFromTheSecondTaskOn() {
        int n = 4;
        List<SampleSet> tasks = List.of(
                ToyData.nearSubspace(0, ToyData.randomRows(2, n, 1), 2, 20, 0.1, 2),
                ToyData.nearSubspace(1, ToyData.randomRows(2, n, 3), 2, 20, 0.1, 4));
        ContinualStrategy s = Strategies.chain(
                new Replay(new Replay.Params(500, 32, Replay.Buffer.CLASS_BALANCED)), new FreezeFirstLayer());
        assertEquals("replay+freeze_first_layer", s.name());
        ToyLinearModel model = new ToyLinearModel(n, 2, 1);
        ToyTrainer trainer = new ToyTrainer(model, s, tasks, Scenario.CLASS_INCREMENTAL, 42);
        float[] start = model.w.clone();
        trainer.runTask(0);
        float[] afterFirst = model.w.clone();
        assertFalse(Arrays.equals(start, afterFirst), "the first task learns");
        trainer.runTask(1);
        assertArrayEquals(afterFirst, model.w, "the second task leaves layer 0 alone");
    }

    /** The README's task loop, as written there, on the small split sequence. */
    private static double[][] readmeLoop(LayeredNet net, TrainerOptions options, List<TaskData> tasks) {
        double[][] r = new double[tasks.size()][tasks.size()];   // r[i][j]: accuracy on task j after task i
        try (ContinualLearner learner = new ContinualLearner(net, RateEncoder.bernoulli(20, 1.0), options,
                Strategies.create("ewc"), Scenario.TASK_INCREMENTAL)) {
            for (TaskData task : tasks) {
                learner.startTask(task);
                for (int epoch = 0; epoch < 2; epoch++) {
                    learner.trainEpoch(epoch);
                }
                learner.finishTask();
                for (int j = 0; j < tasks.size(); j++) {
                    r[task.index()][j] = learner.evaluate(tasks.get(j));
                }
            }
        }
        return r;
    }

    @Test
    void taskLoopLearnsEachTaskAndGivesOneMatrixForAnyThreadCount() {
        List<TaskData> tasks = List.of(SplitPatterns.tasks(40, 30));
        double[][] one = readmeLoop(ContinualLearnerTest.net(), ContinualLearnerTest.options(1), tasks);
        double[][] two = readmeLoop(ContinualLearnerTest.net(), ContinualLearnerTest.options(2), tasks);
        for (int i = 0; i < one.length; i++) {
            assertArrayEquals(one[i], two[i], "row " + i);
            // Two classes per task: chance is 1/2, and the patterns are easy to tell apart.
            assertTrue(one[i][i] > 0.8, "task " + i + " learned: " + one[i][i]);
        }
    }
}
