package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.engram.learning.encode.DirectCurrentEncoder;
import org.engram.learning.layered.HiddenLayer;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.layered.LayeredNetSpec;
import org.engram.learning.layered.Readout;
import org.engram.learning.layered.ReadoutLayer;
import org.engram.learning.train.Batch;
import org.engram.learning.train.Loss;
import org.engram.learning.train.Trainer;
import org.engram.learning.train.TrainerOptions;
import org.engram.learning.train.optim.LearningRateSchedule;
import org.engram.learning.train.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;

/**
 * The importance estimates of EWC, MAS and SI as the real learner and trainer feed them, against a
 * second computation from the trainer's batch gradient ({@link Trainer#meanGradient}) on a copy of
 * the network: the other tests of these strategies script the gradients, so a learner that gave a
 * strategy the wrong task's samples, the wrong head, a gradient with the penalty already in it or
 * the update before it was applied would pass them.
 *
 * <p>The direct-current encoder is deterministic, so the copy sees the same input currents as the
 * learner whatever encoding streams either uses.
 */
class ImportanceOnTrainerTest {
    private static final TaskData[] TASKS = SplitPatterns.tasks(40, 10);
    private static final int STEPS = 10;

    private static LayeredNet net() {
        return LayeredNet.create(LayeredNetSpec.of(SplitPatterns.INPUTS, List.of(HiddenLayer.lif(24, 10.0)),
                ReadoutLayer.of(SplitPatterns.CLASSES, Readout.MEAN_MEMBRANE, 10.0)), 3);
    }

    private static TrainerOptions options() {
        return TrainerOptions.defaults().withOptimizer(OptimizerSpec.adam(), LearningRateSchedule.constant(5e-3))
                .withBatch(16, 4).withThreads(1).withSeed(21);
    }

    private static DirectCurrentEncoder encoder() {
        return new DirectCurrentEncoder(STEPS, 1.0);
    }

    private static float[][] weights(LayeredNet net) {
        float[][] w = new float[net.matrixCount()][];
        for (int m = 0; m < w.length; m++) {
            w[m] = net.weights(m).clone();
        }
        return w;
    }

    /** A fresh network of the same shape holding the given weights. */
    private static LayeredNet withWeights(float[][] w) {
        LayeredNet copy = net();
        for (int m = 0; m < w.length; m++) {
            System.arraycopy(w[m], 0, copy.weights(m), 0, w[m].length);
        }
        return copy;
    }

    /** The task-incremental mask of a task: its own classes' readout units. */
    private static boolean[] head(TaskData task) {
        boolean[] mask = new boolean[SplitPatterns.CLASSES];
        for (int c : task.classes()) {
            mask[c] = true;
        }
        return mask;
    }

    /**
     * Per-sample gradients of one objective by the batch path, one sample per batch, reduced as
     * {@code (1/N) sum_n f(g_n)} with f the square (EWC) or the absolute value (MAS).
     */
    private static double[][] reduce(float[][] w, TaskData task, int[] samples, Loss loss, boolean square) {
        LayeredNet copy = withWeights(w);
        double[][] out = new double[copy.matrixCount()][];
        for (int m = 0; m < out.length; m++) {
            out[m] = new double[copy.weights(m).length];
        }
        try (Trainer trainer = new Trainer(copy, encoder(), options())) {
            for (int s : samples) {
                Batch one = new Batch(new float[][] {task.trainX()[s]}, new int[] {task.trainY()[s]}, new long[] {0},
                        new boolean[][] {head(task)});
                float[][] g = trainer.meanGradient(one, loss);
                for (int m = 0; m < out.length; m++) {
                    for (int k = 0; k < g[m].length; k++) {
                        double v = g[m][k];
                        out[m][k] += (square ? v * v : Math.abs(v)) / samples.length;
                    }
                }
            }
        }
        return out;
    }

    /** Trains tasks 0 and 1 (two epochs each) and returns the weights after each task. */
    private static float[][][] trainTwoTasks(ContinualStrategy strategy) {
        LayeredNet net = net();
        float[][][] after = new float[2][][];
        try (ContinualLearner learner = new ContinualLearner(net, encoder(), options(), strategy,
                Scenario.TASK_INCREMENTAL)) {
            for (int t = 0; t < 2; t++) {
                learner.startTask(TASKS[t]);
                for (int epoch = 0; epoch < 2; epoch++) {
                    learner.trainEpoch(epoch);
                }
                learner.finishTask();
                after[t] = weights(net);
            }
        }
        return after;
    }

    /**
     * Each per-sample value differs from the strategy's at most by the rounding of one double
     * product or quotient (the strategy multiplies by 1/N, this test divides by N), about 2^-52 of
     * the term, so a sum of N = 9 terms agrees to 9 * 2^-52 = 2e-15 of the largest value; 1e-12
     * leaves room and still fails at any real difference.
     */
    private static void assertClose(double[] expected, double[] actual, String what) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertTrue(scale > 0, what + ": the case must have some importance to compare");
        assertArrayEquals(expected, actual, 1e-12 * scale, what);
    }

    @Test
    void ewcFisherIsTheMeanSquaredPerSampleGradientOfEachTaskOwnSamplesAndHead() {
        int n = 9;
        Ewc ewc = new Ewc(new Ewc.Params(50, n, Ewc.Fisher.EMPIRICAL));
        float[][][] after = trainTwoTasks(ewc);
        assertEquals(2, ewc.anchorCount());
        for (int t = 0; t < 2; t++) {
            int[] samples = EvenSamples.choose(TASKS[t].trainX().length, n);
            double[][] fisher = reduce(after[t], TASKS[t], samples, Loss.CROSS_ENTROPY, true);
            for (int m = 0; m < fisher.length; m++) {
                assertClose(fisher[m], ewc.fisher(t, m), "task " + t + ", matrix " + m);
            }
        }
    }

    @Test
    void masImportanceAccumulatesTheMeanAbsoluteOutputNormGradientOverTasks() {
        int n = 9;
        Mas mas = new Mas(new Mas.Params(1, n));
        float[][][] after = trainTwoTasks(mas);
        double[][] total = new double[after[0].length][];
        for (int t = 0; t < 2; t++) {
            int[] samples = EvenSamples.choose(TASKS[t].trainX().length, n);
            double[][] omega = reduce(after[t], TASKS[t], samples, Loss.OUTPUT_SQUARED_NORM, false);
            for (int m = 0; m < omega.length; m++) {
                total[m] = total[m] == null ? omega[m] : sum(total[m], omega[m]);
            }
        }
        for (int m = 0; m < total.length; m++) {
            assertClose(total[m], mas.importance(m), "matrix " + m);
        }
    }

    private static double[] sum(double[] a, double[] b) {
        double[] s = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            s[k] = a[k] + b[k];
        }
        return s;
    }

    /** Records, per batch, the weights before and after the step and the batch's samples. */
    private static final class Recorder implements ContinualStrategy {
        private ModelView model;
        private int task;
        final List<float[][]> before = new ArrayList<>();
        final List<float[][]> after = new ArrayList<>();
        final List<float[][]> lossGradient = new ArrayList<>();
        final List<Batch> batches = new ArrayList<>();
        final List<Integer> taskOf = new ArrayList<>();

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public void beforeTask(TaskContext context) {
            model = context.model();
            task = context.taskIndex();
        }

        @Override
        public void beforeBatch(BatchContext batch) {
            before.add(QuadraticAnchor.snapshot(model));
        }

        @Override
        public void afterBatch(BatchContext batch) {
            after.add(QuadraticAnchor.snapshot(model));
            float[][] g = new float[model.layerCount()][];
            for (int l = 0; l < g.length; l++) {
                g[l] = batch.lossGradient(l).clone();
            }
            lossGradient.add(g);
            float[][] x = new float[batch.size()][];
            int[] y = new int[x.length];
            boolean[][] masks = new boolean[x.length][];
            for (int i = 0; i < x.length; i++) {
                x[i] = batch.input(i);
                y[i] = batch.label(i);
                masks[i] = head(TASKS[batch.task(i)]);
            }
            batches.add(new Batch(x, y, new long[x.length], masks));
            taskOf.add(task);
        }
    }

    /**
     * SI's Omega after two tasks, recomputed from the paper's definitions: g the loss gradient of
     * each batch at the weights before its step, recomputed by the trainer on a copy of the network
     * (so it cannot hold the SI penalty, which is strong here: c = 1), the step the weights took,
     * {@code Omega += max(0, ...)} of {@code sum -g dtheta / (Delta^2 + xi)} per task.
     */
    @Test
    void siImportanceIsThePathIntegralOfTheLossGradientAlongTheAppliedSteps() {
        double xi = 1e-3;
        Recorder recorder = new Recorder();
        SynapticIntelligence si = new SynapticIntelligence(new SynapticIntelligence.Params(1, xi));
        LayeredNet start = net();
        float[][] initial = weights(start);
        float[][][] end = trainTwoTasks(Strategies.chain(recorder, si));
        int matrices = initial.length;
        double[][] omega = new double[matrices][];
        for (int m = 0; m < matrices; m++) {
            omega[m] = new double[initial[m].length];
        }
        double largestGradient = 0;
        for (int t = 0; t < 2; t++) {
            double[][] path = new double[matrices][];
            for (int m = 0; m < matrices; m++) {
                path[m] = new double[initial[m].length];
            }
            for (int b = 0; b < recorder.batches.size(); b++) {
                if (recorder.taskOf.get(b) != t) {
                    continue;
                }
                float[][] g;
                try (Trainer trainer = new Trainer(withWeights(recorder.before.get(b)), encoder(), options())) {
                    g = trainer.meanGradient(recorder.batches.get(b), Loss.CROSS_ENTROPY);
                }
                for (int m = 0; m < matrices; m++) {
                    // the learner hands SI this very gradient: the same samples, weights and reduction
                    assertArrayEquals(g[m], recorder.lossGradient.get(b)[m], "batch " + b + ", matrix " + m);
                    for (int k = 0; k < path[m].length; k++) {
                        largestGradient = Math.max(largestGradient, Math.abs(g[m][k]));
                        double step = (double) recorder.after.get(b)[m][k] - recorder.before.get(b)[m][k];
                        path[m][k] -= g[m][k] * step;
                    }
                }
            }
            float[][] from = t == 0 ? initial : end[0];
            for (int m = 0; m < matrices; m++) {
                for (int k = 0; k < path[m].length; k++) {
                    double delta = (double) end[t][m][k] - from[m][k];
                    omega[m][k] = Math.max(0, omega[m][k] + path[m][k] / (delta * delta + xi));
                }
            }
        }
        assertTrue(largestGradient > 0);
        for (int m = 0; m < matrices; m++) {
            assertClose(omega[m], si.importance(m), "matrix " + m);
        }
    }
}
