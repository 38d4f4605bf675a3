package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.train.EpochResult;
import org.engram.learning.train.Loss;
import org.engram.learning.train.Trainer;
import org.engram.learning.train.TrainerOptions;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Experience replay with asymmetric cross-entropy: the step's loss and gradient against a hand
 * computation, replay's training bit for bit where the asymmetric mask cannot matter, thread
 * independence, resume, and its hyperparameters refused by name.
 */
class ErAceTest {
    private static final int STEPS = 10;
    private static final long SEED = 21;
    private static final TaskData[] TASKS = SplitPatterns.tasks(40, 30);

    @Test
    void refusesBadHyperparametersNamingTheKey() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> new ErAce.Params(0, 32, Replay.Buffer.RESERVOIR));
        assertTrue(e.getMessage().contains("er_ace") && e.getMessage().contains("memory_size")
                && e.getMessage().contains("found 0"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> new ErAce.Params(10, -3, Replay.Buffer.RESERVOIR));
        assertTrue(e.getMessage().contains("replay_batch_size") && e.getMessage().contains("found -3"),
                e.getMessage());
        e = assertThrows(ParameterException.class, () -> new ErAce.Params(10, 4, null));
        assertTrue(e.getMessage().contains("buffer") && e.getMessage().contains("null"), e.getMessage());
        assertEquals("params", assertThrows(ParameterException.class, () -> new ErAce(null)).location());
    }

    /** What the step of task 2's first batch started from and trained: recorded by a strategy chained after er_ace. */
    private static final class StepRecorder implements ContinualStrategy {
        private final LayeredNet net;
        float[][] weights;
        final List<float[]> inputs = new ArrayList<>();
        final List<Integer> labels = new ArrayList<>();
        final List<Integer> tasks = new ArrayList<>();
        final List<Long> streams = new ArrayList<>();
        int own;
        float[][] lossGradient;

        StepRecorder(LayeredNet net) {
            this.net = net;
        }

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public void beforeBatch(BatchContext batch) {
            if (batch.taskIndex() != 1 || batch.batchIndex() != 0) {
                return;
            }
            weights = ContinualLearnerTest.weights(net);
            own = batch.ownSize();
            for (int i = 0; i < batch.size(); i++) {
                inputs.add(batch.input(i));
                labels.add(batch.label(i));
                tasks.add(batch.task(i));
                long sample = i < own ? batch.sampleIndex(i) : ContinualLearner.appendedSample(0, i);
                streams.add(ContinualLearner.encodingStream(SEED, batch.task(i), sample, batch.epoch()));
            }
        }

        @Override
        public void afterBatch(BatchContext batch) {
            if (batch.taskIndex() == 1 && batch.batchIndex() == 0) {
                lossGradient = new float[net.matrixCount()][];
                for (int m = 0; m < lossGradient.length; m++) {
                    lossGradient[m] = batch.lossGradient(m).clone();
                }
            }
        }
    }

    /**
     * Class-incremental, one batch per task (80 samples): the step on task 2 (classes 2, 3) with 10
     * replayed samples of task 1 (classes 0, 1) has the loss, by hand from the logits at its starting
     * weights, (1/90) [sum over its own samples of log(e^z2 + e^z3) - z_y, plus sum over the replayed
     * of log(e^z0 + ... + e^z3) - z_y]; replay's loss, every own sample over all four classes, is
     * further off than the rounding. Its gradient is the trainer's gradient of batches masked so by
     * hand, bit for bit (the same sums in the same order).
     */
    @Test
    void theStepsLossIsTheIncomingBatchsClassesCrossEntropyPlusTheReplayedOnesOverEveryClassSeen() {
        TrainerOptions oneBatch = ContinualLearnerTest.options(1).withBatch(80, 4);
        LayeredNet net = ContinualLearnerTest.net();
        StepRecorder recorder = new StepRecorder(net);
        EpochResult step;
        try (ContinualLearner l = new ContinualLearner(net, RateEncoder.bernoulli(STEPS, 1.0), oneBatch,
                Strategies.chain(new ErAce(new ErAce.Params(50, 10, Replay.Buffer.RESERVOIR)), recorder),
                Scenario.CLASS_INCREMENTAL)) {
            l.startTask(TASKS[0]);
            l.trainEpoch(0);
            l.finishTask();
            l.startTask(TASKS[1]);
            step = l.trainEpoch(0);
        }
        int n = recorder.inputs.size();
        assertEquals(90, n, "80 own samples and 10 replayed");
        boolean[] incoming = {false, false, true, true, false, false};
        boolean[] seen = {true, true, true, true, false, false};
        LayeredNet start = ContinualLearnerTest.net();
        for (int m = 0; m < start.matrixCount(); m++) {
            System.arraycopy(recorder.weights[m], 0, start.weights(m), 0, recorder.weights[m].length);
        }
        double asymmetric = 0;
        double symmetric = 0;
        float[][] x = new float[n][];
        int[] y = new int[n];
        long[] streams = new long[n];
        boolean[][] masks = new boolean[n][];
        try (Trainer trainer = new Trainer(start, RateEncoder.bernoulli(STEPS, 1.0), oneBatch)) {
            float[] z = new float[SplitPatterns.CLASSES];
            for (int i = 0; i < n; i++) {
                x[i] = recorder.inputs.get(i);
                y[i] = recorder.labels.get(i);
                streams[i] = recorder.streams.get(i);
                boolean replayed = i >= recorder.own;
                assertEquals(replayed ? 0 : 1, (int) recorder.tasks.get(i), "sample " + i);
                masks[i] = replayed ? seen : incoming;
                trainer.logits(x[i], streams[i], z);
                double overSeen = crossEntropy(z, y[i], seen);
                asymmetric += replayed ? overSeen : crossEntropy(z, y[i], incoming);
                symmetric += overSeen;
            }
            // float logits, double sums of 90 terms: 1e-6 of the loss lies far above their rounding
            assertEquals(asymmetric / n, step.meanLoss(), 1e-6 * asymmetric / n);
            assertTrue(symmetric / n - asymmetric / n > 1e-3, "replay's loss " + symmetric / n + " would be told"
                    + " apart from er_ace's " + asymmetric / n);
            float[][] expected = trainer.meanGradient(new org.engram.learning.train.Batch(x, y, streams, masks),
                    Loss.CROSS_ENTROPY);
            for (int m = 0; m < expected.length; m++) {
                assertArrayEquals(expected[m], recorder.lossGradient[m], "matrix " + m);
            }
        }
    }

    /** log sum over the allowed classes of exp z_c, minus z_y, in double. */
    private static double crossEntropy(float[] z, int label, boolean[] allowed) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < z.length; c++) {
            max = allowed[c] ? Math.max(max, z[c]) : max;
        }
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            sum += allowed[c] ? Math.exp(z[c] - max) : 0;
        }
        return Math.log(sum) - (z[label] - max);
    }

    /**
     * Where an incoming sample's softmax cannot reach an old class anyway (task-incremental: its own
     * task's head; domain-incremental: one head whose classes are every task's), er_ace trains as
     * replay does to the last bit, memory included.
     */
    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"TASK_INCREMENTAL", "DOMAIN_INCREMENTAL"})
    void trainsAsReplayBitForBitWhereNoClassIsOldToAnIncomingSample(Scenario scenario) {
        TaskData[] tasks = scenario == Scenario.DOMAIN_INCREMENTAL ? sharedHead() : TASKS;
        assertTrainsAsReplay(scenario, tasks, null);
    }

    /**
     * Class-incremental tasks that bring back every earlier class, with batches so large that each
     * holds every class seen so far: an incoming batch's classes are then every class seen, the
     * asymmetric cross-entropy is the symmetric one, and er_ace trains as replay does to the last
     * bit. The first task's single batch of 80 (classes 0, 1), then classes 0 to 3 in batches of 80
     * of 160 samples, then 0 to 5 of 240; a recorder checks that every batch holds every class seen.
     */
    @Test
    void trainsAsReplayBitForBitWhenEveryBatchHoldsEveryClassSeen() {
        TaskData[] growing = {TASKS[0], union(1, TASKS[0], TASKS[1]), union(2, TASKS[0], TASKS[1], TASKS[2])};
        int[] batches = new int[1];
        ContinualStrategy everyClass = new ContinualStrategy() {
            @Override
            public String name() {
                return "every_class";
            }

            @Override
            public void beforeBatch(BatchContext batch) {
                boolean[] present = new boolean[SplitPatterns.CLASSES];
                for (int i = 0; i < batch.ownSize(); i++) {
                    present[batch.label(i)] = true;
                }
                for (int c = 0; c < 2 * (batch.taskIndex() + 1); c++) {
                    assertTrue(present[c], "the premise: class " + c + " in batch " + batch.batchIndex() + " of task "
                            + batch.taskIndex());
                }
                batches[0]++;
            }
        };
        assertTrainsAsReplay(Scenario.CLASS_INCREMENTAL, growing, everyClass);
        assertEquals(2 * 2 * (1 + 2 + 3), batches[0], "batches checked: 2 runs of 2 epochs of 1, 2 and 3 batches");
    }

    /** Trains er_ace and replay of equal hyperparameters, each chained before {@code check} if given; compares. */
    private static void assertTrainsAsReplay(Scenario scenario, TaskData[] tasks, ContinualStrategy check) {
        TrainerOptions options = ContinualLearnerTest.options(2).withBatch(80, 4);
        ErAce erAce = new ErAce(new ErAce.Params(40, 8, Replay.Buffer.CLASS_BALANCED));
        Replay replay = new Replay(new Replay.Params(40, 8, Replay.Buffer.CLASS_BALANCED));
        LayeredNet[] nets = {ContinualLearnerTest.net(), ContinualLearnerTest.net()};
        double[][][] rows = new double[2][][];
        ContinualStrategy[] strategies = {erAce, replay};
        for (int k = 0; k < 2; k++) {
            ContinualStrategy s = check == null ? strategies[k] : Strategies.chain(strategies[k], check);
            try (ContinualLearner l = new ContinualLearner(nets[k], RateEncoder.bernoulli(STEPS, 1.0), options, s,
                    scenario)) {
                rows[k] = ContinualLearnerTest.train(l, tasks, 0, tasks.length);
            }
        }
        ContinualLearnerTest.assertSameWeights(nets[1], nets[0], scenario + ", er_ace vs replay: ");
        for (int t = 0; t < tasks.length; t++) {
            assertArrayEquals(rows[1][t], rows[0][t], 0, "accuracy row " + t);
        }
        assertEquals(40, erAce.memorySize());
        for (int c = 0; c < SplitPatterns.CLASSES; c++) {
            assertEquals(replay.memoryCount(c), erAce.memoryCount(c), "memory of class " + c);
        }
    }

    /** The split tasks with the labels of one shared head of two classes: 2t becomes 0, 2t + 1 becomes 1. */
    private static TaskData[] sharedHead() {
        TaskData[] shared = new TaskData[TASKS.length];
        for (int t = 0; t < TASKS.length; t++) {
            TaskData task = TASKS[t];
            shared[t] = new TaskData(t, task.name(), task.trainX(), parity(task.trainY()), task.testX(),
                    parity(task.testY()), new int[] {0, 1});
        }
        return shared;
    }

    private static int[] parity(int[] labels) {
        return Arrays.stream(labels).map(c -> c % 2).toArray();
    }

    /** One task, of index {@code index}, holding the samples and classes of all the given tasks. */
    private static TaskData union(int index, TaskData... parts) {
        List<float[]> trainX = new ArrayList<>();
        List<float[]> testX = new ArrayList<>();
        List<Integer> trainY = new ArrayList<>();
        List<Integer> testY = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        for (TaskData part : parts) {
            trainX.addAll(Arrays.asList(part.trainX()));
            testX.addAll(Arrays.asList(part.testX()));
            Arrays.stream(part.trainY()).forEach(trainY::add);
            Arrays.stream(part.testY()).forEach(testY::add);
            Arrays.stream(part.classes()).forEach(classes::add);
        }
        return new TaskData(index, "classes " + classes, trainX.toArray(float[][]::new),
                trainY.stream().mapToInt(Integer::intValue).toArray(), testX.toArray(float[][]::new),
                testY.stream().mapToInt(Integer::intValue).toArray(), classes.stream().mapToInt(Integer::intValue)
                .toArray());
    }

    /** Same seed, same weights to the last bit on 1 and 2 threads, where the asymmetric mask acts. */
    @Test
    void sameWeightsForOneAndTwoThreads() {
        ContinualLearnerTest.assertSameWeightsOnOneAndTwoThreads(
                () -> new ErAce(new ErAce.Params(40, 8, Replay.Buffer.RESERVOIR)), Scenario.CLASS_INCREMENTAL);
    }

    /**
     * Stopped after its second class-incremental task and resumed from the learner's state in a fresh
     * learner, a run ends with the weights and accuracies of one that never stopped.
     */
    @Test
    void resumesBitForBitInClassIncrementalLearning() throws IOException {
        ContinualLearnerTest.assertResumesAsStraight(() -> new ErAce(new ErAce.Params(40, 8, Replay.Buffer.RESERVOIR)),
                Scenario.CLASS_INCREMENTAL, "er_ace");
    }

    /** er_ace's state carries its own name: replay refuses it, naming both, though the formats agree. */
    @Test
    void replayRefusesItsState() throws IOException {
        ErAce erAce = new ErAce(ErAce.Params.defaults());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        erAce.writeState(new DataOutputStream(bytes));
        Replay replay = new Replay(Replay.Params.defaults());
        EngramException e = assertThrows(EngramException.class,
                () -> replay.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
        assertTrue(e.getMessage().contains("'replay'") && e.getMessage().contains("'er_ace'"), e.getMessage());
    }

    /**
     * Three class-incremental tasks, seed 21: after the last, naive training classifies none of the
     * first task's test samples; with a memory of 20 samples, replay keeps 0.88 of them and er_ace,
     * whose incoming samples no longer push the first task's classes down, 0.98 (measured). The
     * margins asked for, 0.5 over naive and 0.05 over replay, leave room for changes in the training
     * itself.
     */
    @Test
    void keepsTheFirstTaskBetterThanReplayOfTheSameMemory() {
        double naive = ContinualLearnerTest.firstTaskAfterLast(new Naive());
        double replay = ContinualLearnerTest.firstTaskAfterLast(new Replay(new Replay.Params(20, 16,
                Replay.Buffer.RESERVOIR)));
        double erAce = ContinualLearnerTest.firstTaskAfterLast(new ErAce(new ErAce.Params(20, 16,
                Replay.Buffer.RESERVOIR)));
        assertTrue(erAce > naive + 0.5 && erAce > replay + 0.05, "first task after the last: er_ace " + erAce
                + ", replay " + replay + ", naive " + naive);
    }
}
