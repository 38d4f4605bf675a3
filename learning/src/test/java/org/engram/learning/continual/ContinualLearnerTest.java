package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.layered.HiddenLayer;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.layered.LayeredNetSpec;
import org.engram.learning.layered.Readout;
import org.engram.learning.layered.ReadoutLayer;
import org.engram.learning.train.BatchResult;
import org.engram.learning.train.EpochResult;
import org.engram.learning.train.Trainer;
import org.engram.learning.train.TrainerOptions;
import org.engram.learning.train.optim.LearningRateSchedule;
import org.engram.learning.train.optim.OptimizerSpec;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The learner drives real SNN training through strategies deterministically and resumably. */
class ContinualLearnerTest {
    private static final int STEPS = 10;
    private static final TaskData[] TASKS = SplitPatterns.tasks(40, 30);

    static LayeredNet net() {
        return LayeredNet.create(LayeredNetSpec.of(SplitPatterns.INPUTS, List.of(HiddenLayer.lif(24, 10.0)),
                ReadoutLayer.of(SplitPatterns.CLASSES, Readout.MEAN_MEMBRANE, 10.0)), 3);
    }

    static TrainerOptions options(int threads) {
        return TrainerOptions.defaults().withOptimizer(OptimizerSpec.adam(), LearningRateSchedule.constant(5e-3))
                .withBatch(16, 4).withThreads(threads).withSeed(21);
    }

    /** Trains tasks [from, to) with 2 epochs each and returns the accuracy matrix rows. */
    static double[][] train(ContinualLearner learner, int from, int to) {
        return train(learner, TASKS, from, to);
    }

    /** Trains tasks [from, to) of a sequence with 2 epochs each and returns the accuracy matrix rows. */
    static double[][] train(ContinualLearner learner, TaskData[] tasks, int from, int to) {
        double[][] rows = new double[to - from][tasks.length];
        for (int t = from; t < to; t++) {
            learner.startTask(tasks[t]);
            for (int epoch = 0; epoch < 2; epoch++) {
                learner.trainEpoch(epoch);
            }
            learner.finishTask();
            for (int j = 0; j < tasks.length; j++) {
                rows[t - from][j] = learner.evaluate(tasks[j]);
            }
        }
        return rows;
    }

    /**
     * Trains every task, class-incremental, with {@link #options} on one thread and 2 epochs per task.
     *
     * @return the accuracy on the first task after the last
     */
    static double firstTaskAfterLast(ContinualStrategy strategy) {
        try (ContinualLearner l = new ContinualLearner(net(), RateEncoder.bernoulli(10, 1.0), options(1), strategy,
                Scenario.CLASS_INCREMENTAL)) {
            return train(l, 0, TASKS.length)[TASKS.length - 1][0];
        }
    }

    /** Trains every task on 1 and on 2 threads and asserts the same weights to the last bit. */
    static void assertSameWeightsOnOneAndTwoThreads(Supplier<ContinualStrategy> strategy,
                                                    Scenario scenario) {
        float[][][] w = new float[2][][];
        for (int threads = 1; threads <= 2; threads++) {
            LayeredNet net = net();
            try (ContinualLearner l = new ContinualLearner(net, RateEncoder.bernoulli(10, 1.0), options(threads),
                    strategy.get(), scenario)) {
                train(l, 0, TASKS.length);
            }
            w[threads - 1] = weights(net);
        }
        for (int m = 0; m < w[0].length; m++) {
            assertArrayEquals(w[0][m], w[1][m], scenario + ": matrix " + m);
        }
    }

    static float[][] weights(LayeredNet net) {
        float[][] w = new float[net.matrixCount()][];
        for (int m = 0; m < w.length; m++) {
            w[m] = net.weights(m).clone();
        }
        return w;
    }

    /** Compares two nets' weights matrix by matrix, to the last bit; {@code context} opens each message. */
    static void assertSameWeights(LayeredNet expected, LayeredNet actual, String context) {
        float[][] x = weights(expected);
        float[][] y = weights(actual);
        for (int m = 0; m < x.length; m++) {
            assertArrayEquals(x[m], y[m], context + "matrix " + m);
        }
    }

    static List<String> strategies() {
        return Strategies.list().stream().map(Strategies.Info::name).toList();
    }

    /**
     * Long runs keep their encodings independent: epochs past 255, replay batches past 32,767 and
     * large batches each get streams of their own (a packing of task, epoch and sample into the bits
     * of one number merged task 0's epoch 256 with task 1's epoch 0), and so do the batch oracle's
     * passes, keyed by epochs from {@code Integer.MIN_VALUE + 1}, one per current task.
     */
    @Test
    void everyTaskSampleAndEpochHasItsOwnEncodingStream() {
        int[] tasks = {0, 1, 2, 255, 256};
        int[] epochs = {0, 1, 255, 256, 257, 65_536, Integer.MIN_VALUE, Integer.MIN_VALUE + 1, Integer.MIN_VALUE + 2};
        long[] samples = {0, 1, 59_999, Integer.MAX_VALUE, ContinualLearner.appendedSample(0, 0),
                ContinualLearner.appendedSample(0, 1), ContinualLearner.appendedSample(1, 0),
                ContinualLearner.appendedSample(32_767, 0), ContinualLearner.appendedSample(32_768, 0),
                ContinualLearner.appendedSample(0, 65_536), ContinualLearner.appendedSample(Integer.MAX_VALUE,
                Integer.MAX_VALUE)};
        Set<Long> streams = new HashSet<>();
        for (int task : tasks) {
            for (int epoch : epochs) {
                for (long sample : samples) {
                    streams.add(ContinualLearner.encodingStream(21, task, sample, epoch));
                }
            }
        }
        assertEquals(tasks.length * epochs.length * samples.length, streams.size());
    }

    /**
     * A strategy whose strength is 0 trains exactly as naive training does, in the scenario where
     * old heads stand apart: LwF at {@code alpha: 0} had marked the old heads as trained, and Adam's
     * momentum moved them.
     */
    @ParameterizedTest
    @MethodSource("zeroStrength")
    void aStrategyAtZeroStrengthTrainsAsNaive(String name, Supplier<ContinualStrategy> strategy) {
        assertTrainsAlike(() -> Strategies.create("naive"), strategy, name);
    }

    static Stream<Arguments> zeroStrength() {
        return Stream.of(
                Arguments.of("lwf", (Supplier<ContinualStrategy>) () -> new Lwf(new Lwf.Params(2, 0))),
                Arguments.of("ewc",
                        (Supplier<ContinualStrategy>) () -> new Ewc(new Ewc.Params(0, 20, Ewc.Fisher.EMPIRICAL))),
                Arguments.of("si", (Supplier<ContinualStrategy>) () -> new SynapticIntelligence(
                        new SynapticIntelligence.Params(0, 1e-3))),
                Arguments.of("mas", (Supplier<ContinualStrategy>) () -> new Mas(new Mas.Params(0, 20))),
                Arguments.of("l2", (Supplier<ContinualStrategy>) () -> new L2Anchor(
                        new L2Anchor.Params(0))),
                Arguments.of("der", (Supplier<ContinualStrategy>) () -> new Der(new Der.Params(40, 0, 0, 8))));
    }

    private static void assertTrainsAlike(Supplier<ContinualStrategy> expected,
                                          Supplier<ContinualStrategy> actual, String name) {
        float[][][] w = new float[2][][];
        int k = 0;
        for (Supplier<ContinualStrategy> strategy : List.of(expected, actual)) {
            LayeredNet net = net();
            try (ContinualLearner l = new ContinualLearner(net, RateEncoder.bernoulli(STEPS, 1.0), options(1),
                    strategy.get(), Scenario.TASK_INCREMENTAL)) {
                train(l, 0, TASKS.length);
            }
            w[k++] = weights(net);
        }
        for (int m = 0; m < w[0].length; m++) {
            assertArrayEquals(w[0][m], w[1][m], name + ": matrix " + m);
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void everyStrategyIsBitIdenticalWithOneAndTwoThreads(String name) {
        float[][][] w = new float[2][][];
        double[][][] acc = new double[2][][];
        for (int threads = 1; threads <= 2; threads++) {
            LayeredNet net = net();
            try (ContinualLearner l = new ContinualLearner(net, RateEncoder.bernoulli(STEPS, 1.0), options(threads),
                    Strategies.create(name), Scenario.TASK_INCREMENTAL)) {
                acc[threads - 1] = train(l, 0, TASKS.length);
            }
            w[threads - 1] = weights(net);
        }
        for (int m = 0; m < w[0].length; m++) {
            assertArrayEquals(w[0][m], w[1][m], name + ": matrix " + m);
        }
        for (int t = 0; t < TASKS.length; t++) {
            assertArrayEquals(acc[0][t], acc[1][t], 0.0, name + ": accuracy row " + t);
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void resumingAfterATaskGivesTheSameWeights(String name) throws IOException {
        assertResumesAsStraight(() -> Strategies.create(name), Scenario.TASK_INCREMENTAL, name);
    }

    /**
     * The projection strategies resume as a run straight through where the readout is shared too
     * (class- and domain-incremental): there their state (A-GEM's memory, GPM's bases, HLOP's lateral
     * rows) also protects the readout, which task-incremental learning, the registry-wide test above,
     * leaves to its heads. HLOP learns 8 + 4 rows so later tasks still have inputs left to learn.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("projectionsInSharedReadouts")
    void projectionStrategiesResumeAsStraightWithASharedReadout(String name, Scenario scenario,
            Supplier<ContinualStrategy> strategy) throws IOException {
        assertResumesAsStraight(strategy, scenario, name + " " + scenario);
    }

    static Stream<Arguments> projectionsInSharedReadouts() {
        List<Arguments> all = new ArrayList<>();
        for (Scenario scenario : List.of(Scenario.CLASS_INCREMENTAL, Scenario.DOMAIN_INCREMENTAL)) {
            all.add(Arguments.of("agem", scenario, (Supplier<ContinualStrategy>) () -> Strategies.create("agem")));
            all.add(Arguments.of("gpm", scenario, (Supplier<ContinualStrategy>) () -> Strategies.create("gpm")));
            all.add(Arguments.of("hlop", scenario,
                    (Supplier<ContinualStrategy>) () -> new Hlop(new Hlop.Params(8, 4, 3, 0.2, 0.9))));
        }
        return all.stream();
    }

    /**
     * Trains every task straight through, and again stopped after the second task and resumed from the
     * learner's state in a fresh learner (2 threads each); asserts the same weights and last accuracy row.
     */
    static void assertResumesAsStraight(Supplier<ContinualStrategy> strategy, Scenario scenario, String name)
            throws IOException {
        LayeredNet straight = net();
        double[][] expected;
        try (ContinualLearner l = new ContinualLearner(straight, RateEncoder.bernoulli(STEPS, 1.0), options(2),
                strategy.get(), scenario)) {
            expected = train(l, 0, TASKS.length);
        }
        byte[] checkpoint;
        try (ContinualLearner l = new ContinualLearner(net(), RateEncoder.bernoulli(STEPS, 1.0), options(2),
                strategy.get(), scenario)) {
            train(l, 0, 2);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            l.writeState(new DataOutputStream(bytes));
            checkpoint = bytes.toByteArray();
        }
        LayeredNet resumed = net();
        double[][] last;
        try (ContinualLearner l = new ContinualLearner(resumed, RateEncoder.bernoulli(STEPS, 1.0), options(2),
                strategy.get(), scenario)) {
            assertEquals(2, l.readState(new DataInputStream(new ByteArrayInputStream(checkpoint))));
            l.restoreTasks(Arrays.asList(TASKS).subList(0, 2));
            last = train(l, 2, 3);
        }
        assertSameWeights(straight, resumed, name + ": ");
        assertArrayEquals(expected[2], last[0], 0.0, name + ": last accuracy row");
    }

    /**
     * An epoch trains the batches its documented streams define: the order drawn from
     * (seed, SHUFFLE, task, epoch), each sample encoded from (seed, task, sample, epoch), the readout
     * masked to the task's classes. A trainer given those batches by hand ends with the same weights,
     * and the epoch's loss and accuracy are its batches' means weighted by their samples.
     */
    @Test
    void anEpochTrainsTheBatchesItsStreamsDefine() {
        TaskData task = TASKS[0];
        int n = task.trainX().length;
        int batch = 24;   // 80 samples: batches of 24, 24, 24 and 8, so the means must be weighted
        TrainerOptions options = options(1).withBatch(batch, 4);
        // The inputs are 0 or 1: at gain 1 every stream would encode a sample alike.
        RateEncoder encoder = RateEncoder.bernoulli(STEPS, 0.7);
        LayeredNet learned = net();
        EpochResult[] got = new EpochResult[2];
        try (ContinualLearner l = new ContinualLearner(learned, encoder, options,
                new Naive(), Scenario.TASK_INCREMENTAL)) {
            l.startTask(task);
            for (int epoch = 0; epoch < got.length; epoch++) {
                got[epoch] = l.trainEpoch(epoch);
            }
        }
        boolean[] mask = new boolean[SplitPatterns.CLASSES];
        for (int c : task.classes()) {
            mask[c] = true;
        }
        LayeredNet byHand = net();
        try (Trainer trainer = new Trainer(byHand, encoder, options)) {
            for (int epoch = 0; epoch < got.length; epoch++) {
                int[] order = RandomStreams.of(options.seed(), Purpose.SHUFFLE, ((long) task.index() << 32) | epoch)
                        .permutation(n);
                double lossSum = 0;
                long correct = 0;
                for (int from = 0; from < n; from += batch) {
                    int size = Math.min(batch, n - from);
                    float[][] x = new float[size][];
                    int[] y = new int[size];
                    long[] streams = new long[size];
                    boolean[][] masks = new boolean[size][];
                    for (int b = 0; b < size; b++) {
                        int i = order[from + b];
                        x[b] = task.trainX()[i];
                        y[b] = task.trainY()[i];
                        streams[b] = ContinualLearner.encodingStream(options.seed(), task.index(), i, epoch);
                        masks[b] = mask;
                    }
                    BatchResult r = trainer.trainBatch(new org.engram.learning.train.Batch(x, y, streams, masks));
                    lossSum += r.meanLoss() * r.samples();
                    correct += r.correct();
                }
                assertEquals(n, got[epoch].samples(), "epoch " + epoch);
                // The same sums in the same order: equal to the last bit.
                assertEquals(lossSum / n, got[epoch].meanLoss(), 0.0, "epoch " + epoch);
                assertEquals((double) correct / n, got[epoch].accuracy(), 0.0, "epoch " + epoch);
            }
        }
        assertTrue(got[1].accuracy() > 0.5, "the second epoch classifies: " + got[1].accuracy());
        assertSameWeights(byHand, learned, "");
    }

    /**
     * A strategy sees the batches of a task numbered from 0 across its epochs (the key of the
     * samples replay appends), and from 0 again in the next task.
     */
    @Test
    void batchesAreNumberedAcrossTheEpochsOfATask() {
        List<List<Integer>> numbers = new ArrayList<>();
        ContinualStrategy probe = new ContinualStrategy() {
            @Override
            public String name() {
                return "probe";
            }

            @Override
            public void beforeTask(TaskContext task) {
                numbers.add(new ArrayList<>());
            }

            @Override
            public void beforeBatch(BatchContext batch) {
                numbers.get(numbers.size() - 1).add(batch.batchIndex());
            }
        };
        try (ContinualLearner l = new ContinualLearner(net(), RateEncoder.bernoulli(STEPS, 1.0), options(1), probe,
                Scenario.TASK_INCREMENTAL)) {
            train(l, 0, 2);
        }
        // 80 samples in batches of 16: 5 batches per epoch, 2 epochs per task.
        List<Integer> expected = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertEquals(List.of(expected, expected), numbers);
    }

    /**
     * Class-incremental evaluation masks the readout to every class seen so far, and before the first
     * task to the task's own: a task of one class not seen yet scores 1 before any training (its class
     * alone competes) and 0 once another task was trained (its class cannot win), also in a learner
     * resumed there, whose classes seen come back with its state.
     */
    @Test
    void classIncrementalEvaluationMasksTheReadoutToTheClassesSeen() throws IOException {
        TaskData later = TASKS[1];
        int c = later.classes()[0];
        float[][] testX = IntStream.range(0, later.testY().length).filter(k -> later.testY()[k] == c)
                .mapToObj(k -> later.testX()[k]).toArray(float[][]::new);
        float[][] trainX = IntStream.range(0, later.trainY().length)
                .filter(k -> later.trainY()[k] == c).mapToObj(k -> later.trainX()[k]).toArray(float[][]::new);
        int[] trainY = new int[trainX.length];
        int[] testY = new int[testX.length];
        Arrays.fill(trainY, c);
        Arrays.fill(testY, c);
        TaskData unseen = new TaskData(1, "class " + c, trainX, trainY, testX, testY, new int[] {c});
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        try (ContinualLearner l = new ContinualLearner(net(), RateEncoder.bernoulli(STEPS, 1.0), options(1),
                new Naive(), Scenario.CLASS_INCREMENTAL)) {
            assertEquals(1.0, l.evaluate(unseen), 0.0, "before the first task");
            l.startTask(TASKS[0]);
            l.trainEpoch(0);
            l.finishTask();
            assertEquals(0.0, l.evaluate(unseen), 0.0, "after the first task");
            l.writeState(new DataOutputStream(state));
        }
        try (ContinualLearner l = new ContinualLearner(net(), RateEncoder.bernoulli(STEPS, 1.0), options(1),
                new Naive(), Scenario.CLASS_INCREMENTAL)) {
            assertEquals(1, l.readState(new DataInputStream(new ByteArrayInputStream(state.toByteArray()))));
            l.restoreTasks(List.of(TASKS[0]));
            assertEquals(0.0, l.evaluate(unseen), 0.0, "resumed after the first task");
        }
    }

    /** The learner counts every sample it evaluates in its inference activity, and keeps its strategy. */
    @Test
    void evaluationCountsItsSamplesInTheInferenceActivity() {
        ContinualStrategy naive = new Naive();
        try (ContinualLearner l = new ContinualLearner(net(), RateEncoder.bernoulli(STEPS, 1.0), options(2), naive,
                Scenario.TASK_INCREMENTAL)) {
            assertSame(naive, l.strategy());
            l.evaluate(TASKS[0]);
            l.evaluate(TASKS[2]);
            assertEquals(TASKS[0].testX().length + TASKS[2].testX().length, l.inferenceActivity()[0]);
        }
    }

    /**
     * Classes a strategy narrows a sample's cross-entropy to must be one flag per readout unit and,
     * within the sample's training mask, keep its label: otherwise the hook's error names the field
     * and the value found, and the batch does not train.
     */
    @Test
    void narrowedClassesOfAnotherLengthOrWithoutTheLabelAreRefusedByName() {
        boolean[] three = new boolean[3];
        // class-incremental, task 1 (classes 0 and 1): allows class 1 alone of those seen
        boolean[] notZero = {false, true, true, true, true, true};
        for (boolean[] classes : List.of(three, notZero)) {
            ContinualStrategy narrowing = new ContinualStrategy() {
                @Override
                public String name() {
                    return "narrowing";
                }

                @Override
                public void beforeBatch(BatchContext batch) {
                    for (int i = 0; i < batch.ownSize(); i++) {
                        batch.narrowClasses(i, classes);
                    }
                }
            };
            LayeredNet net = net();
            float[][] before = weights(net);
            try (ContinualLearner l = new ContinualLearner(net, RateEncoder.bernoulli(STEPS, 1.0), options(1),
                    narrowing, Scenario.CLASS_INCREMENTAL)) {
                l.startTask(TASKS[0]);
                EngramException e = assertThrows(EngramException.class, () -> l.trainEpoch(0));
                String found = classes == three ? "found 3" : "found " + Arrays.toString(notZero);
                assertTrue(e.getMessage().contains("beforeBatch") && e.getMessage().contains("classes")
                        && e.getMessage().contains(found), e.getMessage());
            }
            for (int m = 0; m < before.length; m++) {
                assertArrayEquals(before[m], net.weights(m), "matrix " + m + " untrained");
            }
        }
    }

    /**
     * A cross-entropy narrowed to the sample's label alone runs over one unit: its loss is -ln 1 = 0,
     * the sample is always classified right, and its gradient is 0, so the batch trains nothing, in
     * the scenario that masks nothing (domain-incremental) as in those that do.
     */
    @ParameterizedTest
    @EnumSource(Scenario.class)
    void classesNarrowedToTheLabelAloneHaveNoLossAndTrainNothing(Scenario scenario) {
        ContinualStrategy labelOnly = narrowing(batch -> {
            // One array per label, shared by the batch's samples of that label.
            boolean[][] only = new boolean[SplitPatterns.CLASSES][];
            for (int i = 0; i < batch.ownSize(); i++) {
                int label = batch.label(i);
                if (only[label] == null) {
                    only[label] = new boolean[SplitPatterns.CLASSES];
                    only[label][label] = true;
                }
                batch.narrowClasses(i, only[label]);
            }
        });
        LayeredNet net = net();
        float[][] before = weights(net);
        try (ContinualLearner l = new ContinualLearner(net, RateEncoder.bernoulli(STEPS, 1.0), options(1),
                labelOnly, scenario)) {
            l.startTask(TASKS[0]);
            EpochResult r = l.trainEpoch(0);
            assertEquals(TASKS[0].trainY().length, r.samples());
            assertEquals(0.0, r.meanLoss(), scenario.name());
            assertEquals(1.0, r.accuracy(), scenario.name());
        }
        for (int m = 0; m < before.length; m++) {
            assertArrayEquals(before[m], net.weights(m), scenario + ": matrix " + m + " untrained");
        }
    }

    /**
     * One array of classes given to every sample of a batch is checked against each sample's label:
     * the first sample whose label it leaves out is refused by its position, though the samples before
     * it passed with the same array.
     */
    @Test
    void oneNarrowingArrayIsCheckedForEverySampleItIsGiven() {
        int[] firstOther = {-1};
        int[] firstLabel = {-1};
        ContinualStrategy firstLabelOnly = narrowing(batch -> {
            boolean[] only = new boolean[SplitPatterns.CLASSES];
            only[batch.label(0)] = true;
            firstLabel[0] = batch.label(0);
            for (int i = 0; i < batch.ownSize(); i++) {
                if (firstOther[0] < 0 && batch.label(i) != batch.label(0)) {
                    firstOther[0] = i;
                }
                batch.narrowClasses(i, only);
            }
        });
        try (ContinualLearner l = new ContinualLearner(net(), RateEncoder.bernoulli(STEPS, 1.0), options(1),
                firstLabelOnly, Scenario.DOMAIN_INCREMENTAL)) {
            l.startTask(TASKS[0]);
            EngramException e = assertThrows(EngramException.class, () -> l.trainEpoch(0));
            assertTrue(firstOther[0] > 0, "the test needs a first batch of both classes");
            int otherLabel = 1 - firstLabel[0];
            assertTrue(e.getMessage().contains("in beforeBatch (task 1, epoch 1, batch 1): strategy 'narrowing': the"
                    + " classes narrowed at batch position " + firstOther[0] + ": classes: expected classes of its"
                    + " training mask that include its label " + otherLabel), e.getMessage());
        }
    }

    /**
     * {@code batch.outputs} gives a sample's logits as the step's training pass computes them: a
     * logit match to those of the batch's first sample, on a copy of it whose own cross-entropy
     * weighs 0, adds a term of value and gradient 0, and the task trains as naive training does, to
     * the bit. (The patterns are 0 or 1 and fire with probability 1 or 0, so every encoding of a
     * sample is the same.)
     */
    @Test
    void aLogitMatchToTheBatchsOwnOutputsTrainsAsNaive() {
        ContinualStrategy selfMatch = new ContinualStrategy() {
            @Override
            public String name() {
                return "self_match";
            }

            @Override
            public void beforeBatch(BatchContext batch) {
                float[] logits = new float[SplitPatterns.CLASSES];
                batch.outputs(0, logits);
                int[] units = TASKS[0].classes();
                float[] targets = {logits[units[0]], logits[units[1]]};
                batch.appendOutsideMean(batch.input(0), batch.label(0), batch.taskIndex(), 0.0,
                        new LogitMatch(targets, units, 1.0));
            }
        };
        LayeredNet naive = net();
        LayeredNet matched = net();
        for (LayeredNet net : List.of(naive, matched)) {
            try (ContinualLearner l = new ContinualLearner(net, RateEncoder.bernoulli(STEPS, 1.0), options(1),
                    net == naive ? new Naive() : selfMatch, Scenario.TASK_INCREMENTAL)) {
                l.startTask(TASKS[0]);
                l.trainEpoch(0);
            }
        }
        assertSameWeights(naive, matched, "self-matched: ");
    }

    /**
     * A transformGradient that zeroes the gradient leaves every weight where it was: Adam moves a
     * weight by m / (sqrt(v) + eps), 0 while every gradient it has seen is 0, and no weight decay is set.
     */
    @Test
    void aGradientZeroedInTransformGradientMovesNoWeight() {
        ContinualStrategy zeroing = new ContinualStrategy() {
            @Override
            public String name() {
                return "zeroing";
            }

            @Override
            public void transformGradient(float[][] grad) {
                for (float[] g : grad) {
                    Arrays.fill(g, 0f);
                }
            }
        };
        LayeredNet net = net();
        float[][] before = weights(net);
        try (ContinualLearner l = new ContinualLearner(net, RateEncoder.bernoulli(STEPS, 1.0), options(1), zeroing,
                Scenario.CLASS_INCREMENTAL)) {
            l.startTask(TASKS[0]);
            assertTrue(l.trainEpoch(0).meanLoss() > 0, "the test needs a loss with a gradient");
        }
        for (int m = 0; m < before.length; m++) {
            assertArrayEquals(before[m], net.weights(m), "matrix " + m);
        }
    }

    /**
     * afterBatch reads the batch's task-loss gradient as addPenaltyGradient was given it, before the
     * strategy's own penalty (here 1 on every entry) was added.
     */
    @Test
    void theLossGradientAfterTheBatchIsTheOneBeforePenalties() {
        List<float[][]> given = new ArrayList<>();
        List<float[][]> read = new ArrayList<>();
        ContinualStrategy penalising = new ContinualStrategy() {
            private float[][] batchGiven;

            @Override
            public String name() {
                return "penalising";
            }

            @Override
            public void beforeBatch(BatchContext batch) {
                batchGiven = new float[2][];
            }

            @Override
            public void addPenaltyGradient(int layer, float[] weights, float[] grad) {
                batchGiven[layer] = grad.clone();
                for (int i = 0; i < grad.length; i++) {
                    grad[i] += 1f;
                }
            }

            @Override
            public void afterBatch(BatchContext batch) {
                given.add(batchGiven);
                read.add(new float[][] {batch.lossGradient(0).clone(), batch.lossGradient(1).clone()});
            }
        };
        try (ContinualLearner l = new ContinualLearner(net(), RateEncoder.bernoulli(STEPS, 1.0), options(1),
                penalising, Scenario.CLASS_INCREMENTAL)) {
            l.startTask(TASKS[0]);
            l.trainEpoch(0);
        }
        assertEquals(TrainerOptions.batches(TASKS[0].trainY().length, 16), read.size());
        for (int b = 0; b < read.size(); b++) {
            for (int m = 0; m < 2; m++) {
                assertArrayEquals(given.get(b)[m], read.get(b)[m], "batch " + b + ", matrix " + m);
            }
        }
        float[] readout = read.get(0)[1];
        assertTrue(IntStream.range(0, readout.length).anyMatch(i -> readout[i] != 0), "the test needs a gradient");
    }

    /** A strategy whose beforeBatch narrows classes as {@code narrow} does. */
    private static ContinualStrategy narrowing(java.util.function.Consumer<BatchContext> narrow) {
        return new ContinualStrategy() {
            @Override
            public String name() {
                return "narrowing";
            }

            @Override
            public void beforeBatch(BatchContext batch) {
                narrow.accept(batch);
            }
        };
    }

    /**
     * A state written with a strategy that has state, read by a stateless strategy of the same name
     * (which format version 4's name check lets through), is refused saying which one had state.
     */
    @Test
    void aStatefulStrategysStateIsRefusedByAStatelessOneOfItsName() throws IOException {
        byte[] checkpoint = stateAfterTwoTasks("ewc", Scenario.TASK_INCREMENTAL);
        ContinualStrategy lookalike = new ContinualStrategy() {
            @Override
            public String name() {
                return "ewc";
            }
        };
        try (ContinualLearner l = new ContinualLearner(net(), RateEncoder.bernoulli(STEPS, 1.0), options(1), lookalike,
                Scenario.TASK_INCREMENTAL)) {
            IOException e = assertThrows(IOException.class,
                    () -> l.readState(new DataInputStream(new ByteArrayInputStream(checkpoint))));
            assertEquals("checkpoint was written by a strategy with state; 'ewc' is not", e.getMessage());
        }
    }

    /**
     * Restoring into a learner that has trained a task overwrote its weights and strategy, and only
     * the following restoreTasks call refused (a fresh learner only); now readState refuses first.
     */
    @Test
    void stateIsReadIntoAFreshLearnerOnly() throws IOException {
        byte[] checkpoint;
        try (ContinualLearner l = new ContinualLearner(net(), RateEncoder.bernoulli(STEPS, 1.0), options(1),
                Strategies.create("ewc"), Scenario.TASK_INCREMENTAL)) {
            train(l, 0, 2);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            l.writeState(new DataOutputStream(bytes));
            checkpoint = bytes.toByteArray();
        }
        LayeredNet used = net();
        try (ContinualLearner l = new ContinualLearner(used, RateEncoder.bernoulli(STEPS, 1.0), options(1),
                Strategies.create("ewc"), Scenario.TASK_INCREMENTAL)) {
            train(l, 0, 1);
            float[][] before = weights(used);
            assertThrows(IllegalStateException.class,
                    () -> l.readState(new DataInputStream(new ByteArrayInputStream(checkpoint))));
            float[][] after = weights(used);
            for (int m = 0; m < before.length; m++) {
                assertArrayEquals(before[m], after[m], "matrix " + m + " unchanged");
            }
        }
    }

    private static byte[] stateAfterTwoTasks(String strategy, Scenario scenario) throws IOException {
        try (ContinualLearner l = new ContinualLearner(net(), RateEncoder.bernoulli(STEPS, 1.0), options(1),
                Strategies.create(strategy), scenario)) {
            train(l, 0, 2);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            l.writeState(new DataOutputStream(bytes));
            return bytes.toByteArray();
        }
    }

    /**
     * A state cut short (a partial copy) ended in the stream's bare EOFException, whose message is
     * null; the learner now says that its state ended early, wherever the cut falls.
     */
    @Test
    void aStateCutShortSaysSo() throws IOException {
        byte[] checkpoint = stateAfterTwoTasks("ewc", Scenario.TASK_INCREMENTAL);
        // In the header, in the trainer's weights, in the strategy's block, one byte short of the end.
        for (int length : new int[] {3, checkpoint.length / 3, checkpoint.length - 100, checkpoint.length - 1}) {
            byte[] cut = Arrays.copyOf(checkpoint, length);
            try (ContinualLearner l = new ContinualLearner(net(), RateEncoder.bernoulli(STEPS, 1.0), options(1),
                    Strategies.create("ewc"), Scenario.TASK_INCREMENTAL)) {
                java.io.EOFException e = assertThrows(java.io.EOFException.class,
                        () -> l.readState(new DataInputStream(new ByteArrayInputStream(cut))));
                assertEquals("learner state: the stream ended before the state did (a truncated or partly copied "
                        + "state: readState needs every byte writeState wrote)", e.getMessage(), "cut at " + length);
            }
        }
    }

    /**
     * A task-incremental state read into a class-incremental learner went on training a readout
     * whose units had competed per task as if all had competed; the state now names its scenario.
     */
    @Test
    void stateOfAnotherScenarioIsRefusedBeforeAnythingChanges() throws IOException {
        byte[] checkpoint = stateAfterTwoTasks("naive", Scenario.TASK_INCREMENTAL);
        LayeredNet other = net();
        float[][] before = weights(other);
        try (ContinualLearner l = new ContinualLearner(other, RateEncoder.bernoulli(STEPS, 1.0), options(1),
                Strategies.create("naive"), Scenario.CLASS_INCREMENTAL)) {
            EngramException e = assertThrows(EngramException.class,
                    () -> l.readState(new DataInputStream(new ByteArrayInputStream(checkpoint))));
            assertEquals("checkpoint: scenario: expected class_incremental, found task_incremental; the state was "
                    + "trained in another scenario; resume it in the same one, or start afresh", e.getMessage());
        }
        float[][] after = weights(other);
        for (int m = 0; m < before.length; m++) {
            assertArrayEquals(before[m], after[m], "matrix " + m + " unchanged");
        }
    }

    /**
     * A strategy without state of its own left no mark in the state, so joint training resumed from
     * naive training's state went on as if it had revisited the earlier tasks all along; the state now
     * names its strategy.
     */
    @Test
    void stateOfAnotherStrategyIsRefusedBeforeAnythingChanges() throws IOException {
        byte[] checkpoint = stateAfterTwoTasks("naive", Scenario.DOMAIN_INCREMENTAL);
        LayeredNet other = net();
        float[][] before = weights(other);
        try (ContinualLearner l = new ContinualLearner(other, RateEncoder.bernoulli(STEPS, 1.0), options(1),
                Strategies.create("joint"), Scenario.DOMAIN_INCREMENTAL)) {
            EngramException e = assertThrows(EngramException.class,
                    () -> l.readState(new DataInputStream(new ByteArrayInputStream(checkpoint))));
            assertEquals("checkpoint: strategy: expected 'joint', found 'naive'; the state was trained with another "
                    + "strategy; resume it with the same one, or start afresh", e.getMessage());
        }
        float[][] after = weights(other);
        for (int m = 0; m < before.length; m++) {
            assertArrayEquals(before[m], after[m], "matrix " + m + " unchanged");
        }
    }

    /**
     * States of format versions 1 to 3 name no strategy, versions 1 and 2 hold the strategy's state
     * inline, without its length, and version 1 no scenario: they are still read, and go on as
     * version 4 does.
     */
    @Test
    void statesOfVersionsOneToThreeStillResume() throws IOException {
        byte[] current = stateAfterTwoTasks("ewc", Scenario.TASK_INCREMENTAL);
        // Version 4, as version 3, ends with the strategy's block: its length, then as many bytes.
        int block = 0;
        while (java.nio.ByteBuffer.wrap(current, current.length - block - 4, 4).getInt() != block) {
            block++;
        }
        byte[][] states = {current, older(current, block, 3), older(current, block, 2), older(current, block, 1)};
        float[][][] resumed = new float[states.length][][];
        for (int k = 0; k < states.length; k++) {
            LayeredNet net = net();
            try (ContinualLearner l = new ContinualLearner(net, RateEncoder.bernoulli(STEPS, 1.0), options(1),
                    Strategies.create("ewc"), Scenario.TASK_INCREMENTAL)) {
                assertEquals(2, l.readState(new DataInputStream(new ByteArrayInputStream(states[k]))));
                l.restoreTasks(Arrays.asList(TASKS).subList(0, 2));
                train(l, 2, 3);
            }
            resumed[k] = weights(net);
        }
        for (int k = 1; k < states.length; k++) {
            for (int m = 0; m < resumed[0].length; m++) {
                assertArrayEquals(resumed[0][m], resumed[k][m], "version " + (4 - k) + ", matrix " + m);
            }
        }
    }

    /**
     * A version 4 state rewritten as {@code version} wrote it: without the strategy's name, versions 1
     * and 2 with the strategy's block inline, version 1 without the scenario.
     */
    private static byte[] older(byte[] current, int block, int version) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(current));
        ByteArrayOutputStream old = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(old);
        out.writeUTF(in.readUTF());
        out.writeUTF(in.readUTF());
        assertEquals(4, in.readInt(), "format version");
        out.writeInt(version);
        out.writeInt(in.readInt());
        String scenario = in.readUTF();
        assertEquals("TASK_INCREMENTAL", scenario);
        if (version >= 2) {
            out.writeUTF(scenario);
        }
        assertEquals("ewc", in.readUTF(), "strategy");
        byte[] rest = in.readAllBytes();
        if (version == 3) {
            out.write(rest);
        } else {
            // Everything up to the block's length, then the block without it.
            out.write(rest, 0, rest.length - block - 4);
            out.write(rest, rest.length - block, block);
        }
        return old.toByteArray();
    }

    /**
     * In task-incremental learning each task has a head of its own: a task that shares a class with
     * an earlier one is refused (GPM and HLOP had left the shared head unprotected, and LwF distilled
     * it once per earlier task), while domain-incremental learning takes the same tasks.
     */
    @Test
    void aTaskIncrementalTaskWithAnEarlierTasksClassIsRefused() {
        TaskData first = TASKS[0];
        TaskData again = new TaskData(1, "task 0 again", first.trainX(), first.trainY(), first.testX(), first.testY(),
                first.classes());
        try (ContinualLearner l = new ContinualLearner(net(), RateEncoder.bernoulli(STEPS, 1.0), options(1),
                Strategies.create("naive"), Scenario.TASK_INCREMENTAL)) {
            l.startTask(first);
            l.trainEpoch(0);
            l.finishTask();
            ParameterException e = assertThrows(ParameterException.class, () -> l.startTask(again));
            assertEquals("task 'task 0 again': classes: expected classes no earlier task has (task-incremental learning"
                    + " gives each task a head of its own; tasks that share classes are "
                    + "domain-incremental, or take labels"
                    + " of their own, as the permuted and rotated sequences of the experiments do), found "
                    + first.classes()[0] + ", a class of task '" + first.name() + "'", e.getMessage());
            assertEquals(1, l.tasksStarted());
            // The class of the second of two earlier tasks is said to be that task's.
            l.startTask(TASKS[1]);
            IllegalStateException unfinished = assertThrows(IllegalStateException.class, () -> l.startTask(TASKS[2]));
            assertEquals("task 1 is not finished", unfinished.getMessage());
            l.finishTask();
            TaskData second = new TaskData(2, "task 1 again", TASKS[1].trainX(), TASKS[1].trainY(), TASKS[1].testX(),
                    TASKS[1].testY(), TASKS[1].classes());
            assertTrue(assertThrows(ParameterException.class, () -> l.startTask(second)).getMessage()
                    .endsWith("found " + TASKS[1].classes()[0] + ", a class of task '" + TASKS[1].name() + "'"));
        }
        try (ContinualLearner l = new ContinualLearner(net(), RateEncoder.bernoulli(STEPS, 1.0), options(1),
                Strategies.create("naive"), Scenario.DOMAIN_INCREMENTAL)) {
            l.startTask(first);
            l.finishTask();
            l.startTask(again);
            assertEquals(2, l.tasksStarted());
        }
    }

    /** A class beyond the readout failed with ArrayIndexOutOfBoundsException after the task was recorded. */
    @Test
    void aTaskWithAClassBeyondTheReadoutIsRefusedAndChangesNothing() {
        TaskData good = TASKS[0];
        TaskData bad = new TaskData(0, "classes 0, 1, 9", good.trainX(), good.trainY(), good.testX(), good.testY(),
                new int[] {good.classes()[0], good.classes()[1], SplitPatterns.CLASSES + 3});
        try (ContinualLearner l = new ContinualLearner(net(), RateEncoder.bernoulli(STEPS, 1.0), options(1),
                Strategies.create("naive"), Scenario.TASK_INCREMENTAL)) {
            ParameterException e = assertThrows(ParameterException.class, () -> l.startTask(bad));
            assertTrue(e.getMessage().contains("classes")
                    && e.getMessage().contains("found " + (SplitPatterns.CLASSES + 3)),
                    e.getMessage());
            assertEquals(0, l.tasksStarted());
            TaskData edge = new TaskData(0, "classes 0, 1, 6", good.trainX(), good.trainY(), good.testX(),
                    good.testY(), new int[] {good.classes()[0], good.classes()[1], SplitPatterns.CLASSES});
            assertEquals("classes", assertThrows(ParameterException.class, () -> l.startTask(edge)).location(),
                    "the first class past the readout");
            assertEquals(0, l.tasksStarted());
            l.startTask(good);
            assertEquals(1, l.tasksStarted());
        }
    }

    @Test
    void batchListenerSeesEverySampleOnceAndChangesNothing() {
        LayeredNet plain = net();
        LayeredNet listened = net();
        int[] seen = new int[1];
        try (ContinualLearner a = new ContinualLearner(plain, RateEncoder.bernoulli(STEPS, 1.0), options(2),
                Strategies.create("replay"), Scenario.TASK_INCREMENTAL);
             ContinualLearner b = new ContinualLearner(listened, RateEncoder.bernoulli(STEPS, 1.0), options(2),
                Strategies.create("replay"), Scenario.TASK_INCREMENTAL)) {
            for (int t = 0; t < 2; t++) {
                a.startTask(TASKS[t]);
                b.startTask(TASKS[t]);
                a.trainEpoch(0);
                b.trainEpoch(0, n -> seen[0] += n);
                a.finishTask();
                b.finishTask();
            }
        }
        // Replay appends memory samples to the second task's batches; the listener counts own samples only.
        assertEquals(TASKS[0].trainX().length + TASKS[1].trainX().length, seen[0]);
        assertSameWeights(plain, listened, "");
    }

    /**
     * The activity a strategy is given copies each sample's vector into the strategy's buffer equal to
     * {@link LayerActivity#vector} and without allocating: HLOP reads it every batch.
     */
    @Test
    void activityCopiesEachVectorIntoABufferWithoutAllocating() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] allocated = new long[1];
        int[] vectors = new int[1];
        ContinualStrategy probe = new ContinualStrategy() {
            private float[] buffer = new float[0];

            @Override
            public String name() {
                return "probe";
            }

            @Override
            public boolean needsActivity() {
                return true;
            }

            @Override
            public void transformUpdate(int layer, float[] update, LayerActivity act) {
                int n = act.vector(0).length;
                if (buffer.length < act.samples() * n) {
                    buffer = new float[act.samples() * n];
                }
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int s = 0; s < act.samples(); s++) {
                    act.copyVector(s, buffer, s * n);
                }
                allocated[0] += threads.getCurrentThreadAllocatedBytes() - before;
                for (int s = 0; s < act.samples(); s++) {
                    assertArrayEquals(act.vector(s), Arrays.copyOfRange(buffer, s * n, (s + 1) * n));
                    vectors[0]++;
                }
            }
        };
        try (ContinualLearner l = new ContinualLearner(net(), RateEncoder.bernoulli(STEPS, 1.0), options(1), probe,
                Scenario.TASK_INCREMENTAL)) {
            l.startTask(TASKS[0]);
            for (int epoch = 0; epoch < 3; epoch++) {
                l.trainEpoch(epoch);
            }
        }
        assertTrue(vectors[0] > 400, "vectors copied: " + vectors[0]);
        // Nothing is needed; 16 KB leaves room for the JVM's own bookkeeping on the thread. A copy per
        // vector, as vector() makes, costs 16 bytes of header plus 4 per value: 144 x 480 = 69 KB here.
        assertTrue(allocated[0] < 16 << 10, "allocated " + allocated[0] + " bytes copying " + vectors[0] + " vectors");
    }

    private static double[][] runAll(String strategy, Scenario scenario) {
        try (ContinualLearner l = new ContinualLearner(net(), RateEncoder.bernoulli(STEPS, 1.0), options(2),
                Strategies.create(strategy), scenario)) {
            return train(l, 0, TASKS.length);
        }
    }

    /**
     * Class-incremental learning: naive fine-tuning collapses onto the newest classes (van de Ven
     * and Tolias 2019), while replay keeps the first task. Deterministic: fixed seeds.
     */
    @Test
    void classIncrementalNaiveForgetsTheFirstTaskAndReplayKeepsIt() {
        double[][] naive = runAll("naive", Scenario.CLASS_INCREMENTAL);
        double[][] replay = runAll("replay", Scenario.CLASS_INCREMENTAL);
        assertEquals(1.0, naive[0][0], 0.05, "naive learns the first task");
        assertTrue(naive[2][0] < 0.1, "naive after three tasks: " + naive[2][0]);
        assertTrue(replay[2][0] > 0.8, "replay after three tasks: " + replay[2][0]);
    }

    /**
     * Regression: GPM projected the readout too, so in task-incremental learning a new task's own
     * head could hardly learn (0.43 on the third task). The readout is task-specific there.
     */
    @Test
    void taskIncrementalProjectionLeavesEachTaskItsHead() {
        double[][] gpm = runAll("gpm", Scenario.TASK_INCREMENTAL);
        assertTrue(gpm[2][2] > 0.8, "GPM on the third task: " + gpm[2][2]);
        assertEquals(1.0, gpm[2][0], 0.0, "GPM keeps the first task");
    }
}
