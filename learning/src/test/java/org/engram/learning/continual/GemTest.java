package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.io.StateCodec;
import org.engram.learning.train.TrainerOptions;
import org.engram.learning.train.optim.LearningRateSchedule;
import org.engram.learning.train.optim.OptimizerSpec;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * GEM through the learner: its memory keeps a sample of each finished task, its memory gradients
 * are the oracle's over those samples, no step of plain SGD raises any earlier task's memory loss
 * to first order, it keeps the first task where naive training forgets it, and it runs alike on 1
 * and 2 threads and resumed.
 */
class GemTest {
    private static final int STEPS = 10;
    /** 80 training samples per task (40 per class), 60 test samples. */
    private static final TaskData[] TASKS = SplitPatterns.tasks(40, 30);

    @Test
    void refusesBadHyperparametersNamingTheKey() {
        ParameterException e = assertThrows(ParameterException.class, () -> new Gem.Params(0, 0.5));
        assertTrue(e.getMessage().contains("gem") && e.getMessage().contains("patterns_per_task")
                && e.getMessage().contains("found 0"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> new Gem.Params(10, -0.1));
        assertTrue(e.getMessage().contains("memory_strength") && e.getMessage().contains("found -0.1"),
                e.getMessage());
        e = assertThrows(ParameterException.class, () -> new Gem.Params(10, Double.NaN));
        assertTrue(e.getMessage().contains("memory_strength") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> new Gem.Params(-1, Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("patterns_per_task") && e.getMessage().contains("memory_strength"),
                "both problems in one report: " + e.getMessage());
        new Gem.Params(1, 0);
    }

    /** The defaults are the README's: 256 samples per task, as in the paper, and a memory strength of 0.5. */
    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(new Gem.Params(256, 0.5), Gem.Params.defaults());
    }

    /**
     * Watched from both sides, over two epochs of three task-incremental tasks: GEM reports as projected
     * exactly the steps whose gradient it changed (with a margin, a projected step always gains a
     * multiple of some g_k), and as having memory gradients every step after the first task.
     */
    @Test
    void projectedStepsAreTheStepsWhoseGradientChanged() {
        Gem gem = new Gem(new Gem.Params(30, 0.5));
        int[] projected = GradientChanges.checkCounts(gem, gem::referenceSteps, gem::projectedSteps, 3);
        assertTrue(projected[1] + projected[2] > 0 && projected[1] + projected[2] < 20, Arrays.toString(projected));
    }

    /**
     * A state replaces the memory a GEM holds, whatever it held: one of two finished tasks read into a
     * GEM that has three, and one of no finished task (the state before the first task ends) read back
     * as none; a negative count is refused naming what was found.
     */
    @Test
    void readingAStateReplacesTheMemory() throws IOException {
        Gem two = new Gem(new Gem.Params(30, 0.5));
        Gem three = new Gem(new Gem.Params(30, 0.5));
        try (ContinualLearner a = new ContinualLearner(ContinualLearnerTest.net(), RateEncoder.bernoulli(STEPS, 1.0),
                ContinualLearnerTest.options(1), two, Scenario.CLASS_INCREMENTAL);
             ContinualLearner b = new ContinualLearner(ContinualLearnerTest.net(), RateEncoder.bernoulli(STEPS, 1.0),
                ContinualLearnerTest.options(1), three, Scenario.CLASS_INCREMENTAL)) {
            for (int t = 0; t < 3; t++) {
                for (ContinualLearner l : t < 2 ? new ContinualLearner[] {a, b} : new ContinualLearner[] {b}) {
                    l.startTask(TASKS[t]);
                    l.finishTask();
                }
            }
        }
        assertEquals(3, three.memoryTasks());
        three.readState(stateOf(two));
        assertEquals(2, three.memoryTasks(), "the state's two memories, not five");
        three.readState(stateOf(new Gem(new Gem.Params(30, 0.5))));
        assertEquals(0, three.memoryTasks(), "no memory");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        StateCodec.writeHeader(out, Gem.NAME, 1);
        out.writeInt(-1);
        EngramException e = assertThrows(EngramException.class,
                () -> three.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
        assertEquals("gem.memories", e.location(), e.getMessage());
        assertEquals("-1", e.found(), e.getMessage());
    }

    private static DataInput stateOf(Gem gem) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        gem.writeState(new DataOutputStream(bytes));
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }

    /**
     * After each task the memory holds exactly {@code patterns_per_task} distinct training samples of
     * that task (30 of its 80), each with its own label and task; with room for more, all 80, in the
     * task's order. Task 0 has no memory gradient, task 1 one per batch.
     */
    @Test
    void eachFinishedTaskKeepsItsOwnDistinctSamples() {
        TaskData[] tasks = {marked(TASKS[0]), marked(TASKS[1])};
        Gem gem = new Gem(new Gem.Params(30, 0.5));
        Gem roomy = new Gem(new Gem.Params(500, 0.5));
        for (Gem g : new Gem[] {gem, roomy}) {
            try (ContinualLearner l = new ContinualLearner(ContinualLearnerTest.net(),
                    RateEncoder.bernoulli(STEPS, 1.0), ContinualLearnerTest.options(1), g,
                    Scenario.CLASS_INCREMENTAL)) {
                l.startTask(tasks[0]);
                l.trainEpoch(0);
                assertEquals(0, g.memoryTasks());
                assertEquals(0, g.referenceSteps());
                l.finishTask();
                l.startTask(tasks[1]);
                l.trainEpoch(0);
                assertEquals(5, g.referenceSteps(), "one memory gradient per batch of task 1 (80 / 16)");
                assertEquals(0, g.memoryCountOfTask(1), "the task in training is not in memory yet");
                l.finishTask();
            }
            assertEquals(2, g.memoryTasks());
        }
        for (int t = 0; t < 2; t++) {
            assertEquals(30, gem.memoryCountOfTask(t));
            int[] kept = indicesIn(tasks[t], gem.memory(t));
            assertEquals(30, Arrays.stream(kept).distinct().count(), "distinct samples of task " + t);
            assertEquals(80, roomy.memoryCountOfTask(t));
            int[] all = indicesIn(tasks[t], roomy.memory(t));
            for (int i = 0; i < all.length; i++) {
                assertEquals(i, all[i], "all of task " + t + ", in order");
            }
        }
    }

    /**
     * The task with each training sample told apart by its last input, i / 100 for sample i (the
     * noisy binary patterns repeat now and then), so a memory sample names its index.
     */
    private static TaskData marked(TaskData task) {
        float[][] x = new float[task.trainX().length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = task.trainX()[i].clone();
            x[i][x[i].length - 1] = i / 100f;
        }
        return new TaskData(task.index(), task.name(), x, task.trainY(), task.testX(), task.testY(), task.classes());
    }

    /** Each memory sample's index among its task's training samples; asserts its label and task are its own. */
    private static int[] indicesIn(TaskData task, SampleSet memory) {
        int[] idx = new int[memory.size()];
        for (int s = 0; s < memory.size(); s++) {
            idx[s] = -1;
            for (int i = 0; i < task.trainX().length; i++) {
                if (Arrays.equals(task.trainX()[i], memory.input(s))) {
                    idx[s] = i;
                }
            }
            assertTrue(idx[s] >= 0, "memory sample " + s + " is one of task " + task.index() + "'s");
            assertEquals(task.trainY()[idx[s]], memory.label(s), "its label");
            assertEquals(task.index(), memory.task(s), "its task");
        }
        return idx;
    }

    /**
     * Chained after GEM, computes for each step each earlier task's mean loss gradient over all its
     * training samples (the memory holds all 80 of each) with the batch's oracle, independently of
     * GEM's memory, and after the step checks that plain SGD's move dw does not oppose it.
     */
    private static final class Checker implements ContinualStrategy {
        private final Gem gem;
        private final boolean compareExactly;
        private TaskContext context;
        private float[][] before;
        private double[][][] independent;
        int compared;
        /** The largest dw . g_k over the steps and earlier tasks, each divided by sum |dw_i g_k,i|. */
        double worst = Double.NEGATIVE_INFINITY;

        Checker(Gem gem, boolean compareExactly) {
            this.gem = gem;
            this.compareExactly = compareExactly;
        }

        @Override
        public String name() {
            return "checker";
        }

        @Override
        public void beforeTask(TaskContext task) {
            context = task;
        }

        @Override
        public void beforeBatch(BatchContext batch) {
            int t = batch.taskIndex();
            ModelView model = context.model();
            before = QuadraticAnchor.snapshot(model);
            independent = new double[t][][];
            for (int k = 0; k < t; k++) {
                independent[k] = model.newPerWeight();
                int[] all = new int[context.trainData(k).size()];
                for (int i = 0; i < all.length; i++) {
                    all[i] = i;
                }
                batch.oracle().gradients(GradientOracle.Objective.LOSS, GradientOracle.Reduction.MEAN,
                        context.trainData(k), all, independent[k]);
                if (compareExactly) {
                    for (int m = 0; m < independent[k].length; m++) {
                        assertArrayEquals(independent[k][m], gem.reference(k)[m], 0.0, "task " + t + ", memory "
                                + k + ", matrix " + m);
                    }
                    compared++;
                }
            }
        }

        @Override
        public void afterBatch(BatchContext batch) {
            for (double[][] r : independent) {
                double dot = 0;
                double scale = 0;
                for (int m = 0; m < r.length; m++) {
                    float[] w = context.model().weights(m);
                    for (int i = 0; i < w.length; i++) {
                        double term = ((double) w[i] - before[m][i]) * r[m][i];
                        dot += term;
                        scale += Math.abs(term);
                    }
                }
                if (scale > 0) {
                    worst = Math.max(worst, dot / scale);
                }
            }
        }
    }

    /**
     * Class-incremental (no heads left out): at every step of tasks 1 and 2, GEM's memory gradient of
     * each earlier task is, to the last bit, the oracle's mean over that task's 80 training samples in
     * their order, which the memory holds (the oracle encodes a sample by its position in the call).
     */
    @Test
    void memoryGradientsAreTheOraclesOverEachTasksSamples() {
        Gem gem = new Gem(new Gem.Params(80, 0.5));
        Checker checker = new Checker(gem, true);
        try (ContinualLearner l = new ContinualLearner(ContinualLearnerTest.net(), RateEncoder.bernoulli(STEPS, 1.0),
                ContinualLearnerTest.options(1), Strategies.chain(gem, checker), Scenario.CLASS_INCREMENTAL)) {
            ContinualLearnerTest.train(l, 0, 3);
        }
        // 5 batches per epoch, 2 epochs: task 1 compares one memory per step, task 2 two.
        assertEquals(10 + 20, checker.compared);
    }

    /**
     * Task-incremental, plain SGD, memory strength 0 (the paper's projection): no step of tasks 1 and
     * 2 raises an earlier task's loss over its samples to first order, dw . g_k &lt;= 0 for each of
     * them, though the trainer leaves the old heads out of every step (g_k is the oracle's, heads
     * included). The tolerance, 1e-3 of sum |dw_i g_k,i|, as A-GEM's test derives it: dw is read as
     * a difference of weights about 1e3 times larger than the step (relative error 2^-24 x 1e3).
     */
    @Test
    void noStepRaisesAnEarlierTasksLossToFirstOrder() {
        TrainerOptions sgd = ContinualLearnerTest.options(1).withOptimizer(OptimizerSpec.sgd(0),
                LearningRateSchedule.constant(0.05f));
        Gem gem = new Gem(new Gem.Params(80, 0));
        Checker checker = new Checker(gem, false);
        int projectedInTask2;
        try (ContinualLearner l = new ContinualLearner(ContinualLearnerTest.net(), RateEncoder.bernoulli(STEPS, 1.0),
                sgd, Strategies.chain(gem, checker), Scenario.TASK_INCREMENTAL)) {
            ContinualLearnerTest.train(l, 0, 3);
            projectedInTask2 = gem.projectedSteps();
        }
        assertTrue(projectedInTask2 > 0, "some steps of task 2 were projected");
        assertTrue(checker.worst <= 1e-3, "largest dw . g_k / sum |dw_i g_k,i|: " + checker.worst);
    }

    /**
     * Three class-incremental tasks, seed 21: after the last, naive training classifies none of the
     * first task's test samples (0.0, as A-GEM's test measured); GEM with 40 samples per task keeps
     * most of them. The margin asked for, 0.5, leaves room for changes in the training itself.
     */
    @Test
    void keepsTheFirstTaskWhereNaiveForgetsIt() {
        double naive = ContinualLearnerTest.firstTaskAfterLast(new Naive());
        double gem = ContinualLearnerTest.firstTaskAfterLast(new Gem(new Gem.Params(40, 0.5)));
        assertTrue(gem > naive + 0.5, "first task after the last: gem " + gem + ", naive " + naive);
    }

    /**
     * Same seed, same weights to the last bit on 1 and 2 threads in the scenarios the registry-wide
     * test (task-incremental) leaves out: the memory gradients and the projection sum in a fixed order.
     */
    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"CLASS_INCREMENTAL", "DOMAIN_INCREMENTAL"})
    void sameWeightsForOneAndTwoThreads(Scenario scenario) {
        ContinualLearnerTest.assertSameWeightsOnOneAndTwoThreads(() -> new Gem(new Gem.Params(30, 0.5)), scenario);
    }

    /**
     * Stopped after its second task and resumed from the learner's state in a fresh learner, a run
     * ends with the weights and accuracies of one that never stopped (the registry-wide test covers
     * task-incremental learning with the defaults).
     */
    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"CLASS_INCREMENTAL", "DOMAIN_INCREMENTAL"})
    void resumesAsARunStraightThrough(Scenario scenario) throws IOException {
        ContinualLearnerTest.assertResumesAsStraight(() -> new Gem(new Gem.Params(30, 0.5)), scenario, "gem");
    }
}
