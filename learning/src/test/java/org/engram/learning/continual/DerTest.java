package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.io.StateCodec;
import org.engram.learning.layered.HiddenLayer;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.layered.LayeredNetSpec;
import org.engram.learning.layered.Readout;
import org.engram.learning.layered.ReadoutLayer;
import org.engram.learning.train.Trainer;
import org.engram.learning.train.TrainerOptions;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Dark experience replay: the logit-matching term and its gradient, the minibatches it appends with
 * the weights of the paper's loss, the units it matches in each scenario, the logits it stores, its
 * degenerate settings (beta 0: DER; alpha = beta = 0: naive training), thread independence, and
 * that it keeps a first task that naive training forgets.
 */
class DerTest {
    private static final int STEPS = 10;
    private static final TaskData[] TASKS = SplitPatterns.tasks(40, 30);

    /**
     * weight 0.5, logits (3, 0.5, -1), units {0, 2}, stored (1, -2): differences (2, 1), mean square
     * (4 + 1) / 2 = 2.5, loss 1.25; gradient 0.5 * 2 / 2 * (2, 1) = (1, 0.5) on units 0 and 2, by hand.
     */
    @Test
    void logitMatchGivesAHandComputedLossAndGradient() {
        LogitMatch match = new LogitMatch(new float[] {1, -2}, new int[] {0, 2}, 0.5);
        float[] logits = {3, 0.5f, -1};
        assertEquals(1.25, match.loss(logits), 0);
        float[] grad = {0.25f, 0.25f, 0.25f};
        match.addLogitGradient(logits, grad);
        assertArrayEquals(new float[] {1.25f, 0.25f, 0.75f}, grad, 0, "added to what was there; unit 1 untouched");
        boolean[] reached = new boolean[3];
        match.markLogits(reached);
        assertArrayEquals(new boolean[] {true, false, true}, reached);
        boolean[] none = new boolean[3];
        new LogitMatch(new float[] {1, -2}, new int[] {0, 2}, 0).markLogits(none);
        assertArrayEquals(new boolean[3], none, "a term of weight 0 reaches no unit");
    }

    @Test
    void logitMatchGradientMatchesFiniteDifferencesOfItsLoss() {
        float[] logits = {0.5f, -1.25f, 2f, 0.75f, -0.5f};
        LogitMatch match = new LogitMatch(new float[] {0.375f, 1.5f, -0.25f}, new int[] {3, 1, 4}, 0.7);
        float[] grad = new float[5];
        match.addLogitGradient(logits, grad);
        assertEquals(0f, grad[0], 0, "units not matched get nothing");
        assertEquals(0f, grad[2], 0);
        // The loss is quadratic, so central differences have no truncation error; with h = 2^-6 and
        // logits that are multiples of 2^-6, z +- h is exact in float and the loss is summed in double:
        // what is left is the double rounding of the loss (1e-16 relative) divided by 2h, and the float
        // rounding of the gradient (6e-8 relative, values below 4): 1e-6 bounds both.
        float h = 0x1p-6f;
        for (int j : new int[] {1, 3, 4}) {
            float[] up = logits.clone();
            float[] down = logits.clone();
            up[j] += h;
            down[j] -= h;
            double numeric = (match.loss(up) - match.loss(down)) / (2 * h);
            assertEquals(numeric, grad[j], 1e-6, "unit " + j);
        }
    }

    @Test
    void logitMatchRefusesBadTermsNamingTheField() {
        assertEquals("units", assertThrows(ParameterException.class,
                () -> new LogitMatch(new float[] {1, 2}, new int[] {1, 1}, 1)).location());
        assertEquals("units", assertThrows(ParameterException.class,
                () -> new LogitMatch(new float[] {1, 2}, new int[] {1}, 1)).location());
        assertEquals("targets[1]", assertThrows(ParameterException.class,
                () -> new LogitMatch(new float[] {1, Float.NaN}, new int[] {0, 1}, 1)).location());
        assertEquals("weight", assertThrows(ParameterException.class,
                () -> new LogitMatch(new float[] {1}, new int[] {0}, Double.POSITIVE_INFINITY)).location());
        for (float[] none : new float[][] {null, {}}) {
            ParameterException e = assertThrows(ParameterException.class, () -> new LogitMatch(none, new int[0], 1));
            assertEquals("targets", e.location());
            assertEquals("none", e.found());
        }
    }

    @Test
    void refusesBadHyperparametersNamingTheKey() {
        ParameterException e = assertThrows(ParameterException.class, () -> new Der.Params(0, 1, 0.5, 64));
        assertTrue(e.getMessage().contains("der") && e.getMessage().contains("memory_size")
                && e.getMessage().contains("found 0"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> new Der.Params(10, -0.5, 0.5, 64));
        assertTrue(e.getMessage().contains("alpha") && e.getMessage().contains("-0.5"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> new Der.Params(10, 1, Double.NaN, 64));
        assertTrue(e.getMessage().contains("beta") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> new Der.Params(10, 1, 0.5, 0));
        assertTrue(e.getMessage().contains("replay_batch_size") && e.getMessage().contains("found 0"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> new Der.Params(10, Double.POSITIVE_INFINITY, 0.5, 4));
        assertTrue(e.getMessage().contains("alpha") && e.getMessage().contains("Infinity"), e.getMessage());
        // the least of each count is 1: a buffer of one sample, replayed one at a time
        assertDoesNotThrow(() -> new Der.Params(1, 0, 0, 1));
    }

    /**
     * The defaults are the authors' best DER++ setting for Sequential MNIST with a buffer of 500 (alpha 1.0,
     * beta 0.5; mammoth's utils/best_args.py), in a buffer of 1000 and replay batches of 64 as documented.
     */
    @Test
    void defaultsAreThePapersDerPlusPlusWeights() {
        assertEquals(new Der.Params(1000, 1.0, 0.5, 64), Der.Params.defaults());
    }

    /**
     * A state whose samples carry logits of different lengths is refused naming the logits, the length
     * of the first and the one that differs, and the strategy keeps the buffer it had.
     */
    @Test
    void refusesAStateWhoseLogitsDifferInLength() throws IOException {
        assertRefusedWhenRead(derState(new int[] {0, 0}, new float[] {0.5f, 1}, new float[] {0.5f, 1, 2}),
                "der.logits", "2 per sample", "3");
    }

    /**
     * A state whose sample's logits or input are written as no array (length -1), which no writer
     * writes, is refused as damaged naming the field, where it failed later with the JDK's null
     * pointer error, naming nothing; the strategy keeps the buffer it had.
     */
    @Test
    void refusesASampleWrittenWithoutLogitsOrInput() throws IOException {
        assertRefusedWhenRead(derState(new int[] {0, 0}, new float[] {0.5f, 1}, null), "der.logits", "an array",
                "none (length -1)");
        ByteArrayOutputStream memory = new ByteArrayOutputStream();
        StoredTaskIndexTest.onePerTask(0).write(new DataOutputStream(memory));
        byte[] written = memory.toByteArray();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        StateCodec.writeHeader(out, Der.NAME, 1);
        // The memory ends with its one sample's input: its length (1) and its value, 8 bytes.
        out.write(written, 0, written.length - 8);
        out.writeInt(-1);
        StateCodec.writeFloats(out, new float[] {0.5f, 1});
        assertRefusedWhenRead(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), "der.input",
                "an array", "none (length -1)");
    }

    /**
     * A state whose sample carries a task index below 0, which no task has, is refused when read, naming
     * the task index, the rule and the value, and the strategy keeps the buffer it had (empty).
     */
    @Test
    void refusesAStoredTaskIndexBelowZeroWhenRead() throws IOException {
        assertRefusedWhenRead(derState(new int[] {0, -1}, new float[] {0.5f, 1}, new float[] {0.5f, 1}),
                "der.task", "a task index >= 0", "-1");
    }

    /** A fresh DER refuses the state, naming the key, rule and value, and keeps the empty buffer it had. */
    private static void assertRefusedWhenRead(DataInputStream state, String key, String expected, String found) {
        Der der = new Der(new Der.Params(4, 1, 0.5, 2));
        EngramException e = assertThrows(EngramException.class, () -> der.readState(state));
        assertEquals("strategy state", e.source());
        assertEquals(key, e.location());
        assertEquals(expected, e.expected());
        assertEquals(found, e.found());
        assertEquals(0, der.memorySize(), "the empty buffer it had");
    }

    /**
     * Before task t starts the buffer holds samples of the tasks finished, 0 to t - 1 alone. A state
     * holding samples of tasks 0 and 1 goes on from task 2 (index 2); started at index 1 it is refused
     * naming the task index, the rule and the first sample's value past it, rather than matching that
     * sample's logits on the units of a task it was never trained in (a sample of a task past the one
     * starting had failed at the first batch with the JDK's array index error, naming nothing).
     */
    @Test
    void refusesAStoredTaskIndexNotFinishedWhenATaskStarts() throws IOException {
        Der der = new Der(new Der.Params(4, 1, 0.5, 2));
        der.readState(derState(new int[] {0, 1}, new float[] {0.5f, 1}, new float[] {0.5f, 1}));
        ToyTrainer toy = new ToyTrainer(new ToyLinearModel(1, 2, 1), der, List.of(), Scenario.DOMAIN_INCREMENTAL, 1);
        EngramException e = assertThrows(EngramException.class, () -> der.beforeTask(toy.context(1)));
        assertEquals("strategy state", e.source());
        assertEquals("der.task", e.location());
        assertEquals("a task finished before task index 1 starts, an index below 1", e.expected());
        assertEquals("1", e.found());
        assertDoesNotThrow(() -> der.beforeTask(toy.context(2)));
    }

    /** A DER state by hand: one sample in each task given ({@link StoredTaskIndexTest#onePerTask}), these logits. */
    private static DataInputStream derState(int[] tasks, float[]... logits) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        StateCodec.writeHeader(out, Der.NAME, 1);
        StoredTaskIndexTest.onePerTask(tasks).write(out);
        for (float[] l : logits) {
            StateCodec.writeFloats(out, l);
        }
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }

    /**
     * Chained after der, checks each batch as the trainer will get it: the own samples in the mean,
     * then min(replay_batch_size, stored) samples with class weight 0 and a logit match of weight alpha / k
     * on the units the scenario names for their task, towards the logits the buffer holds with the
     * sample, then (beta &gt; 0) as many with class weight beta / k and no match, each a sample the buffer
     * holds. The buffer holds no sample of a task not yet trained, and its samples of every task add up
     * to its size.
     */
    private static final class Composition implements ContinualStrategy {
        private final Der der;
        private final double alpha;
        private final double beta;
        private final int replayBatchSize;
        private final Scenario scenario;
        /** The buffer's inputs after the previous batch's offers: those this batch's minibatches draw from. */
        private float[][] heldBefore = new float[0][];
        /** The logits the buffer held with each of {@link #heldBefore}. */
        private float[][] logitsBefore = new float[0][];
        int checked;
        int withReplay;

        Composition(Der der, double alpha, double beta, int replayBatchSize, Scenario scenario) {
            this.der = der;
            this.alpha = alpha;
            this.beta = beta;
            this.replayBatchSize = replayBatchSize;
            this.scenario = scenario;
        }

        @Override
        public String name() {
            return "composition";
        }

        @Override
        public void beforeBatch(BatchContext context) {
            Batch batch = (Batch) context;
            int own = batch.ownSize();
            for (int i = 0; i < own; i++) {
                assertTrue(!batch.outsideMean(i) && batch.classWeight(i) == 1f && batch.logitMatch(i) == null);
            }
            // der offered this batch's samples after drawing: the draws came from what it held before
            int k = Math.min(replayBatchSize, heldBefore.length);
            int parts = (alpha > 0 ? 1 : 0) + (beta > 0 ? 1 : 0);
            assertEquals(own + parts * k, batch.size(), "batch " + batch.batchIndex());
            int at = own;
            if (alpha > 0) {
                for (int i = 0; i < k; i++, at++) {
                    assertTrue(batch.outsideMean(at));
                    assertEquals(0f, batch.classWeight(at));
                    LogitMatch match = batch.logitMatch(at);
                    assertEquals(alpha / k, match.weight(), 0);
                    assertArrayEquals(expectedUnits(batch.task(at), batch.taskIndex()), match.units());
                    assertTrue(heldWithLogits(batch.input(at), match), "targets " + Arrays.toString(match.targets()));
                }
            }
            if (beta > 0) {
                for (int i = 0; i < k; i++, at++) {
                    assertTrue(batch.outsideMean(at));
                    assertEquals((float) (beta / k), batch.classWeight(at));
                    assertNull(batch.logitMatch(at));
                }
            }
            for (int i = own; i < batch.size(); i++) {
                assertTrue(batch.task(i) <= batch.taskIndex());
                assertTrue(heldBefore(batch.input(i)), "an appended sample is one the buffer held");
            }
            withReplay += k > 0 ? 1 : 0;
            checked++;
            heldBefore = new float[der.memorySize()][];
            logitsBefore = new float[heldBefore.length][];
            for (int s = 0; s < heldBefore.length; s++) {
                heldBefore[s] = der.storedInput(s);
                logitsBefore[s] = der.storedLogits(s);
            }
            int counted = 0;
            for (int t = 0; t <= batch.taskIndex(); t++) {
                counted += der.memoryCountOfTask(t);
            }
            assertEquals(der.memorySize(), counted, "samples of tasks 0.." + batch.taskIndex());
            assertEquals(0, der.memoryCountOfTask(batch.taskIndex() + 1), "a task not yet trained");
        }

        /** Whether the buffer held the input with the match's targets as its logits on the match's units. */
        private boolean heldWithLogits(float[] input, LogitMatch match) {
            for (int s = 0; s < heldBefore.length; s++) {
                if (Arrays.equals(heldBefore[s], input)) {
                    float[] stored = new float[match.units().length];
                    for (int j = 0; j < stored.length; j++) {
                        stored[j] = logitsBefore[s][match.units()[j]];
                    }
                    if (Arrays.equals(stored, match.targets())) {
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * Task-incremental: its head; class-incremental: the classes of every task so far, those after
         * its own included; domain: all six.
         */
        private int[] expectedUnits(int task, int current) {
            return switch (scenario) {
                case TASK_INCREMENTAL -> new int[] {2 * task, 2 * task + 1};
                case CLASS_INCREMENTAL -> IntStream.range(0, 2 * current + 2).toArray();
                case DOMAIN_INCREMENTAL -> IntStream.range(0, SplitPatterns.CLASSES).toArray();
            };
        }

        private boolean heldBefore(float[] input) {
            for (float[] held : heldBefore) {
                if (Arrays.equals(held, input)) {
                    return true;
                }
            }
            return false;
        }
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void appendsTheLossesMinibatchesWithThePapersWeightsOnTheScenariosUnits(Scenario scenario) {
        checkComposition(scenario, 1.0, 0.5);
    }

    /** beta 0 is DER: only the logit-matching minibatch; alpha 0 leaves only DER++'s replayed labels. */
    @Test
    void betaZeroAppendsOnlyTheLogitMinibatchAndAlphaZeroOnlyTheLabelled() {
        checkComposition(Scenario.CLASS_INCREMENTAL, 0.3, 0);
        checkComposition(Scenario.CLASS_INCREMENTAL, 0, 0.7);
    }

    private static void checkComposition(Scenario scenario, double alpha, double beta) {
        Der der = new Der(new Der.Params(30, alpha, beta, 12));
        Composition probe = new Composition(der, alpha, beta, 12, scenario);
        try (ContinualLearner l = new ContinualLearner(ContinualLearnerTest.net(), RateEncoder.bernoulli(STEPS, 1.0),
                ContinualLearnerTest.options(1), Strategies.chain(der, probe), scenario)) {
            ContinualLearnerTest.train(l, 0, TASKS.length);
        }
        // 3 tasks x 2 epochs x 5 batches of 16; every batch but the very first draws from the buffer
        assertEquals(30, probe.checked);
        assertEquals(29, probe.withReplay);
        assertEquals(30, der.memorySize());
    }

    /**
     * With alpha = beta = 0 nothing is appended, yet the buffer fills and stores logits (forward
     * passes of the trainer's own network): the weights and accuracies must be naive training's to
     * the last bit, so storing changes nothing the step uses.
     */
    @Test
    void alphaAndBetaZeroTrainExactlyAsNaive() {
        LayeredNet naiveNet = ContinualLearnerTest.net();
        double[][] naive;
        try (ContinualLearner l = new ContinualLearner(naiveNet, RateEncoder.bernoulli(STEPS, 1.0),
                ContinualLearnerTest.options(2), new Naive(), Scenario.CLASS_INCREMENTAL)) {
            naive = ContinualLearnerTest.train(l, 0, TASKS.length);
        }
        LayeredNet derNet = ContinualLearnerTest.net();
        Der der = new Der(new Der.Params(50, 0, 0, 16));
        double[][] zero;
        try (ContinualLearner l = new ContinualLearner(derNet, RateEncoder.bernoulli(STEPS, 1.0),
                ContinualLearnerTest.options(2), der, Scenario.CLASS_INCREMENTAL)) {
            zero = ContinualLearnerTest.train(l, 0, TASKS.length);
        }
        assertEquals(50, der.memorySize(), "the buffer filled");
        ContinualLearnerTest.assertSameWeights(naiveNet, derNet, "der with alpha = beta = 0 vs naive");
        for (int t = 0; t < naive.length; t++) {
            assertArrayEquals(naive[t], zero[t], 0, "accuracy row " + t);
        }
    }

    /**
     * One batch holds all 80 samples of the first task and the buffer all of them: each stored
     * logit vector is the one a separate trainer of the same initial network computes for its sample
     * from the encoding stream training uses for it (seed 21, task 0, its index, epoch 0).
     */
    @Test
    void storesTheLogitsOfTheTrainingPassAtTheStepsStartingWeights() {
        TrainerOptions oneBatch = ContinualLearnerTest.options(1).withBatch(80, 4);
        Der der = new Der(new Der.Params(80, 1, 0.5, 8));
        // a gain of 0.5: a lit pixel spikes with probability 0.5, so each stream gives other logits
        try (ContinualLearner l = new ContinualLearner(ContinualLearnerTest.net(), RateEncoder.bernoulli(STEPS, 0.5),
                oneBatch, der, Scenario.CLASS_INCREMENTAL)) {
            l.startTask(TASKS[0]);
            l.trainEpoch(0);
        }
        assertEquals(80, der.memorySize());
        float[][] expected = new float[80][SplitPatterns.CLASSES];
        try (Trainer fresh = new Trainer(ContinualLearnerTest.net(), RateEncoder.bernoulli(STEPS, 0.5), oneBatch)) {
            for (int i = 0; i < 80; i++) {
                fresh.logits(TASKS[0].trainX()[i], ContinualLearner.encodingStream(21, 0, i, 0), expected[i]);
            }
        }
        boolean[] used = new boolean[80];
        for (int s = 0; s < 80; s++) {
            int match = -1;
            for (int i = 0; i < 80 && match < 0; i++) {
                if (!used[i] && Arrays.equals(TASKS[0].trainX()[i], der.storedInput(s))
                        && Arrays.equals(expected[i], der.storedLogits(s))) {
                    match = i;
                }
            }
            assertTrue(match >= 0, "slot " + s + ": logits " + Arrays.toString(der.storedLogits(s)));
            used[match] = true;
        }
    }

    /**
     * A state whose logits have one entry per unit of a 6-unit readout, restored into a learner whose
     * readout has 8, is refused when the task starts, naming the logits and both counts, rather than
     * matching logits on units they do not have.
     */
    @Test
    void refusesAStateWhoseLogitsDoNotFitTheReadout() throws IOException {
        Der trained = new Der(new Der.Params(40, 1, 0.5, 8));
        try (ContinualLearner l = new ContinualLearner(ContinualLearnerTest.net(), RateEncoder.bernoulli(STEPS, 1),
                ContinualLearnerTest.options(1), trained, Scenario.CLASS_INCREMENTAL)) {
            l.startTask(TASKS[0]);
            l.trainEpoch(0);
        }
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        trained.writeState(new DataOutputStream(saved));
        Der restored = new Der(new Der.Params(40, 1, 0.5, 8));
        restored.readState(new DataInputStream(new ByteArrayInputStream(saved.toByteArray())));
        LayeredNet wider = LayeredNet.create(LayeredNetSpec.of(SplitPatterns.INPUTS, List.of(HiddenLayer.lif(24, 10.0)),
                ReadoutLayer.of(SplitPatterns.CLASSES + 2, Readout.MEAN_MEMBRANE, 10.0)), 3);
        try (ContinualLearner l = new ContinualLearner(wider, RateEncoder.bernoulli(STEPS, 1),
                ContinualLearnerTest.options(1), restored, Scenario.CLASS_INCREMENTAL)) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> l.startTask(TASKS[0]));
            String message = e.getMessage() + (e.getCause() == null ? "" : e.getCause().getMessage());
            assertTrue(message.contains("der.logits") && message.contains("8 per sample")
                    && message.contains("found 6"), message);
        }
    }

    /** Reservoir offers report the slot a sample took, which then holds it, or -1 with nothing changed. */
    @Test
    void anOfferReportsTheSlotItTook() {
        ReplayMemory memory = new ReplayMemory(5, Replay.Buffer.RESERVOIR);
        SplitMixRandom rng = RandomStreams.of(3, Purpose.DARK_REPLAY, 0);
        int taken = 0;
        for (int n = 0; n < 200; n++) {
            float[][] before = new float[memory.size()][];
            for (int s = 0; s < before.length; s++) {
                before[s] = memory.input(s);
            }
            float[] x = {n};
            int slot = memory.offer(x, n % 3, 0, rng);
            if (n < 5) {
                assertEquals(n, slot, "a memory that is not full takes the next slot");
            }
            for (int s = 0; s < memory.size(); s++) {
                if (s == slot) {
                    assertArrayEquals(x, memory.input(s));
                } else if (s < before.length) {
                    assertTrue(before[s] == memory.input(s), "slot " + s + " unchanged");
                }
            }
            taken += slot >= 0 ? 1 : 0;
        }
        // E[taken] = 5 + sum_(n=6..200) 5/n = 5 + 5 (H_200 - H_5) = 5 + 5 * 3.5947 = 22.97; the count
        // is a sum of independent Bernoulli draws of p = 5/n, variance sum p (1 - p) = 13.6 (sd 3.7),
        // so 10 and 40 lie 3.5 and 4.6 sd away.
        assertTrue(taken >= 10 && taken <= 40, "taken " + taken);
    }

    /**
     * A buffer of 30 is full long before the checkpoint (two tasks offer 320 samples): stopped after
     * the second task and resumed from the learner's state, the run replaces slots, and matches the
     * logits stored with them, exactly as one that never stopped; a lost count of samples seen or a
     * lost logit vector would change which samples the third task keeps and what it matches.
     */
    @Test
    void resumesBitForBitWithAFullBuffer() throws IOException {
        ContinualLearnerTest.assertResumesAsStraight(() -> new Der(new Der.Params(30, 1, 0.5, 12)),
                Scenario.CLASS_INCREMENTAL, "der");
    }

    /** Same seed, same weights to the last bit on 1 and 2 threads. */
    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"CLASS_INCREMENTAL", "DOMAIN_INCREMENTAL"})
    void sameWeightsForOneAndTwoThreads(Scenario scenario) {
        ContinualLearnerTest.assertSameWeightsOnOneAndTwoThreads(() -> new Der(new Der.Params(60, 1, 0.5, 16)),
                scenario);
    }

    /**
     * Three class-incremental tasks, seed 21: after the last, naive training classifies none of the
     * first task's test samples (AgemTest measured 0.0); DER++ with a buffer of 60 keeps most of them.
     * The margin asked for, 0.5, leaves room for changes in the training itself.
     */
    @Test
    void keepsTheFirstTaskWhereNaiveForgetsIt() {
        double naive = ContinualLearnerTest.firstTaskAfterLast(new Naive());
        double der = ContinualLearnerTest.firstTaskAfterLast(new Der(new Der.Params(60, 1, 0.5, 16)));
        assertTrue(der > naive + 0.5, "first task after the last: der " + der + ", naive " + naive);
    }
}
