package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.train.TrainerOptions;
import org.engram.learning.train.optim.LearningRateSchedule;
import org.engram.learning.train.optim.OptimizerSpec;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A-GEM projects the whole gradient against the memory's reference gradient as the paper's rule
 * says, sees the gradient after penalties and hands it to the optimiser unchanged, keeps finished
 * tasks only in its memory, and protects the first task where naive training forgets it.
 */
class AgemTest {
    private static final int STEPS = 10;
    private static final TaskData[] TASKS = SplitPatterns.tasks(40, 30);

    /**
     * Two matrices, g = ((0.5, -1.5, 2), (-3, 1)), r = ((1, 2, 0), (0.5, -1)): g . r = -5, r . r = 6.25,
     * so g - (-5 / 6.25) r = g + 0.8 r = ((1.3, 0.1, 2), (-2.6, 0.2)) by hand, and g' . r = 0.
     */
    @Test
    void projectsAHandComputedGradientAcrossTwoMatrices() {
        float[][] g = {{0.5f, -1.5f, 2f}, {-3f, 1f}};
        double[][] r = {{1, 2, 0}, {0.5, -1}};
        assertTrue(Agem.project(g, r, 6.25));
        // Each entry is the double result rounded once to float: within half an ulp of values below 4, 2^-23.
        float[][] expected = {{1.3f, 0.1f, 2f}, {-2.6f, 0.2f}};
        for (int m = 0; m < 2; m++) {
            assertArrayEquals(expected[m], g[m], 0x1p-23f, "matrix " + m);
        }
        // The rounding errors (each at most 2^-23 as above) weighted by |r| (sum 4.5) bound |g' . r|: 4.5 * 2^-23.
        double dot = 0;
        for (int m = 0; m < 2; m++) {
            for (int k = 0; k < g[m].length; k++) {
                dot += g[m][k] * r[m][k];
            }
        }
        assertEquals(0, dot, 4.5 * 0x1p-23, "orthogonal to the reference");
    }

    @Test
    void leavesAGradientThatDoesNotOpposeTheReference() {
        double[][] r = {{1, 2, 0}, {0.5, -1}};
        float[][] agreeing = {{1f, 2f, 7f}, {0f, 0f}};        // g . r = 5
        float[][] orthogonal = {{2f, -1f, 7f}, {2f, 1f}};     // g . r = 0
        for (float[][] g : List.of(agreeing, orthogonal)) {
            float[][] before = {g[0].clone(), g[1].clone()};
            assertFalse(Agem.project(g, r, 6.25));
            assertArrayEquals(before[0], g[0]);
            assertArrayEquals(before[1], g[1]);
        }
        float[][] g = {{0.5f, -1.5f, 2f}, {-3f, 1f}};
        assertFalse(Agem.project(g, new double[][] {{0, 0, 0}, {0, 0}}, 0), "a zero reference changes nothing");
        assertArrayEquals(new float[] {0.5f, -1.5f, 2f}, g[0]);
        assertArrayEquals(new float[] {-3f, 1f}, g[1]);
    }

    @Test
    void refusesBadHyperparametersNamingTheKey() {
        ParameterException e = assertThrows(ParameterException.class, () -> new Agem.Params(0, 64));
        assertTrue(e.getMessage().contains("agem") && e.getMessage().contains("memory_size")
                && e.getMessage().contains("found 0"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> new Agem.Params(10, -3));
        assertTrue(e.getMessage().contains("sample_size") && e.getMessage().contains("found -3"), e.getMessage());
        assertEquals(1, new Agem.Params(1, 1).memorySize(), "one sample of each is the least taken");
    }

    /** The defaults are the README's: a memory of 1000 samples, references over 64 of them. */
    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(new Agem.Params(1000, 64), Agem.Params.defaults());
    }

    /**
     * A reference gradient so small that its squared norm underflows to 0 (entries 1e-170, squares
     * 1e-340 below the least double) still has g . r &lt; 0 with g; the projection leaves g as it is
     * rather than divide by zero and fill it with infinities.
     */
    @Test
    void aReferenceWhoseNormUnderflowsLeavesTheGradient() {
        double[][] r = {{1e-170, 0, 0}, {0, 0}};
        float[][] g = {{-1f, 2f, 3f}, {4f, 5f}};
        assertTrue(GemProjection.dot(g, r) < 0);
        assertFalse(Agem.project(g, r, 1e-170 * 1e-170));
        assertArrayEquals(new float[] {-1f, 2f, 3f}, g[0]);
        assertArrayEquals(new float[] {4f, 5f}, g[1]);
    }

    /**
     * Watched from both sides, over two epochs of two task-incremental tasks: A-GEM reports as projected
     * exactly the steps whose gradient it changed, and as having a reference every step after the first
     * task (none during it). Both kinds of step occur in task 1.
     */
    @Test
    void projectedStepsAreTheStepsWhoseGradientChanged() {
        Agem agem = new Agem(new Agem.Params(80, 16));
        int projected = GradientChanges.checkCounts(agem, agem::referenceSteps, agem::projectedSteps, 2)[1];
        assertTrue(projected > 0 && projected < 10, "projected " + projected);
    }

    /**
     * Records the hooks' order and what {@code transformGradient} sees, halves the gradient there,
     * and checks after each batch that plain SGD applied exactly -lr times the halved gradient, and
     * that the gradient it saw was the loss's plus the L2 penalty lambda (w - w*) of a later member.
     */
    private static final class Probe implements ContinualStrategy {
        final List<String> calls = new ArrayList<>();
        ModelView model;
        float[][] anchor;
        float[][] weightsBefore;
        float[][] seen;
        float[][] halved;
        int checkedBatches;
        final float lr;
        final double lambda;

        Probe(float lr, double lambda) {
            this.lr = lr;
            this.lambda = lambda;
        }

        @Override
        public String name() {
            return "probe";
        }

        @Override
        public void beforeTask(TaskContext task) {
            model = task.model();
            anchor = task.taskIndex() == 0 ? null : copy(model);   // L2 anchors the previous task's final weights
        }

        @Override
        public void beforeBatch(BatchContext batch) {
            calls.clear();
            weightsBefore = copy(model);
        }

        @Override
        public void addPenaltyGradient(int layer, float[] weights, float[] grad) {
            calls.add("penalty " + layer);
        }

        @Override
        public void transformGradient(float[][] grad) {
            calls.add("gradient");
            seen = new float[grad.length][];
            halved = new float[grad.length][];
            for (int m = 0; m < grad.length; m++) {
                seen[m] = grad[m].clone();
                for (int k = 0; k < grad[m].length; k++) {
                    grad[m][k] *= 0.5f;
                }
                halved[m] = grad[m].clone();
            }
        }

        @Override
        public void transformUpdate(int layer, float[] update, LayerActivity act) {
            calls.add("update " + layer);
        }

        @Override
        public void afterBatch(BatchContext batch) {
            int layers = model.layerCount();
            List<String> expected = new ArrayList<>();
            for (int m = 0; m < layers; m++) {
                expected.add("penalty " + m);
            }
            expected.add("gradient");
            for (int m = 0; m < layers; m++) {
                expected.add("update " + m);
            }
            assertEquals(expected, calls);
            for (int m = 0; m < layers; m++) {
                float[] loss = batch.lossGradient(m);
                float[] w = model.weights(m);
                for (int k = 0; k < w.length; k++) {
                    // L2 pulls every weight but those of readout units no earlier task trained (SplitPatterns:
                    // task t has classes 2t and 2t + 1)
                    boolean pulled = anchor != null
                            && (!model.taskSpecific(m) || k % model.outputs(m) < 2 * batch.taskIndex());
                    float penalty = pulled ? (float) (lambda * ((double) weightsBefore[m][k] - anchor[m][k])) : 0f;
                    assertEquals(loss[k] + penalty, seen[m][k], "seen gradient, matrix " + m + " entry " + k);
                    assertEquals(weightsBefore[m][k] + -lr * halved[m][k], w[k], "weight, matrix " + m + " entry " + k);
                }
            }
            checkedBatches++;
        }

        private static float[][] copy(ModelView model) {
            float[][] w = new float[model.layerCount()][];
            for (int m = 0; m < w.length; m++) {
                w[m] = model.weights(m).clone();
            }
            return w;
        }
    }

    /**
     * The gradient hook runs once per step after every matrix's penalty (the L2 anchor chained after
     * the probe still reaches it) and before the optimiser: with plain SGD and neither weight decay
     * nor clipping, the weights move by exactly -lr times the gradient the hook left. (Task-incremental:
     * the units of other heads have a zero loss gradient and are not moved; their update is -lr times 0.)
     */
    @Test
    void gradientHookSeesPenaltiesAndFeedsTheOptimiser() {
        float lr = 0.05f;
        double lambda = 3;
        TrainerOptions sgd = ContinualLearnerTest.options(1).withOptimizer(OptimizerSpec.sgd(0),
                LearningRateSchedule.constant(lr));
        Probe probe = new Probe(lr, lambda);
        try (ContinualLearner l = new ContinualLearner(ContinualLearnerTest.net(), RateEncoder.bernoulli(STEPS, 1.0),
                sgd, Strategies.chain(probe, new L2Anchor(new L2Anchor.Params(lambda))),
                Scenario.TASK_INCREMENTAL)) {
            ContinualLearnerTest.train(l, 0, 2);
        }
        // 80 samples per task in batches of 16, 2 epochs, 2 tasks; task 1's steps carry a non-zero penalty
        assertEquals(20, probe.checkedBatches);
    }

    /**
     * Measures, for each step of task 1, the applied update dw against the mean loss gradient r of the
     * whole memory (task 0's 80 training samples, all of which A-GEM holds and draws), as r asks it.
     */
    private static final class FirstOrder implements ContinualStrategy {
        private TaskContext context;
        private float[][] before;
        private double[][] reference;
        /** The largest dw . r over the steps, each divided by sum |dw_k r_k|. */
        double worst = Double.NEGATIVE_INFINITY;

        @Override
        public String name() {
            return "first_order";
        }

        @Override
        public void beforeTask(TaskContext task) {
            context = task;
        }

        @Override
        public void beforeBatch(BatchContext batch) {
            if (batch.taskIndex() != 1) {
                return;
            }
            ModelView model = context.model();
            reference = model.newPerWeight();
            before = QuadraticAnchor.snapshot(model);
            int[] all = new int[context.trainData(0).size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            batch.oracle().gradients(GradientOracle.Objective.LOSS, GradientOracle.Reduction.MEAN,
                    context.trainData(0), all, reference);
        }

        @Override
        public void afterBatch(BatchContext batch) {
            if (batch.taskIndex() != 1) {
                return;
            }
            double dot = 0;
            double scale = 0;
            for (int m = 0; m < reference.length; m++) {
                float[] w = context.model().weights(m);
                for (int k = 0; k < w.length; k++) {
                    double term = ((double) w[k] - before[m][k]) * reference[m][k];
                    dot += term;
                    scale += Math.abs(term);
                }
            }
            worst = Math.max(worst, dot / scale);
        }
    }

    /**
     * Task-incremental, plain SGD: no step of task 1 raises the memory's loss to first order,
     * dw . r &lt;= 0, though the trainer leaves the old head out of every step. Were g_ref's old-head
     * entries kept in the projection, the trainer would drop their share after it, and dw . r would be
     * lr |c| |r_old|^2 &gt; 0 on the projected steps. The tolerance, 1e-3 of sum |dw_k r_k|: dw is read as
     * a difference of weights about 1e3 times larger than the step (relative error 2^-24 x 1e3), r is
     * a float sum in another order than A-GEM's draw of the same 80 samples.
     */
    @Test
    void noStepRaisesTheMemoryLossToFirstOrderInTaskIncrementalLearning() {
        float lr = 0.05f;
        TrainerOptions sgd = ContinualLearnerTest.options(1).withOptimizer(OptimizerSpec.sgd(0),
                LearningRateSchedule.constant(lr));
        Agem agem = new Agem(new Agem.Params(80, 80));
        FirstOrder probe = new FirstOrder();
        try (ContinualLearner l = new ContinualLearner(ContinualLearnerTest.net(), RateEncoder.bernoulli(STEPS, 1.0),
                sgd, Strategies.chain(agem, probe), Scenario.TASK_INCREMENTAL)) {
            ContinualLearnerTest.train(l, 0, 2);
        }
        assertTrue(agem.projectedSteps() > 0, "some steps of task 1 were projected");
        assertTrue(probe.worst <= 1e-3, "largest dw . r / sum |dw_k r_k| over task 1's steps: " + probe.worst);
    }

    /** The memory holds finished tasks only, within its budget; task 0 has no reference gradient. */
    @Test
    void memoryHoldsFinishedTasksOnlyWithinItsBudget() {
        Agem agem = new Agem(new Agem.Params(50, 8));
        try (ContinualLearner l = new ContinualLearner(ContinualLearnerTest.net(), RateEncoder.bernoulli(STEPS, 1.0),
                ContinualLearnerTest.options(1), agem, Scenario.CLASS_INCREMENTAL)) {
            l.startTask(TASKS[0]);
            l.trainEpoch(0);
            assertEquals(0, agem.memorySize());
            assertEquals(0, agem.referenceSteps());
            l.finishTask();
            assertEquals(50, agem.memorySize(), "the first 80 samples fill 50 slots");
            l.startTask(TASKS[1]);
            l.trainEpoch(0);
            assertEquals(5, agem.referenceSteps(), "one reference per batch of task 1");
            assertEquals(0, agem.memoryCountOfTask(1), "the task in training is not in memory yet");
            l.finishTask();
            assertEquals(50, agem.memorySize());
            assertEquals(50, agem.memoryCountOfTask(0) + agem.memoryCountOfTask(1));
            assertTrue(agem.memoryCountOfTask(1) > 0, "task 1 took room");
        }
    }

    /**
     * Same seed, same weights to the last bit on 1 and 2 threads in the scenarios the registry-wide
     * test (task-incremental) leaves out: the reference gradient is reduced in a fixed order.
     */
    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"CLASS_INCREMENTAL", "DOMAIN_INCREMENTAL"})
    void sameWeightsForOneAndTwoThreads(Scenario scenario) {
        ContinualLearnerTest.assertSameWeightsOnOneAndTwoThreads(() -> new Agem(new Agem.Params(60, 30)), scenario);
    }

    /**
     * Three class-incremental tasks, seed 21: after the last, naive training classifies none of the
     * first task's test samples (0.0; measured), A-GEM with 60 memory samples and a reference of 30
     * all of them (1.0). The margin asked for, 0.5, leaves room for changes in the training itself.
     */
    @Test
    void keepsTheFirstTaskWhereNaiveForgetsIt() {
        double naive = ContinualLearnerTest.firstTaskAfterLast(new Naive());
        double agem = ContinualLearnerTest.firstTaskAfterLast(new Agem(new Agem.Params(60, 30)));
        assertTrue(agem > naive + 0.5, "first task after the last: agem " + agem + ", naive " + naive);
    }
}
