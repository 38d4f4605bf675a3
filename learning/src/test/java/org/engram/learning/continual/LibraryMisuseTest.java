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
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.engram.learning.encode.RateEncoder;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

/**
 * What a developer using the learning module from Java may get wrong is refused where it is done,
 * by name (found by an audit): each case below had given a wrong number, a raw exception far from
 * its cause, or silence.
 */
class LibraryMisuseTest {
    private static final TaskData[] TASKS = SplitPatterns.tasks(20, 10);

    /** Calls back from one hook, as a strategy of one's own would. */
    private static final class Probe implements ContinualStrategy {
        private final String hook;
        private final Consumer<Object> call;

        Probe(String hook, Consumer<Object> call) {
            this.hook = hook;
            this.call = call;
        }

        @Override
        public String name() {
            return "probe";
        }

        @Override
        public boolean needsActivity() {
            return hook.equals("transformUpdate");
        }

        @Override
        public void beforeBatch(BatchContext batch) {
            if (hook.equals("beforeBatch")) {
                call.accept(batch);
            }
        }

        @Override
        public void afterBatch(BatchContext batch) {
            if (hook.equals("afterBatch")) {
                call.accept(batch);
            }
        }

        @Override
        public void transformUpdate(int layer, float[] update, LayerActivity act) {
            if (hook.equals("transformUpdate")) {
                call.accept(act);
            }
        }

        @Override
        public void afterTask(TaskContext task) {
            if (hook.equals("afterTask")) {
                call.accept(task);
            }
        }

        @Override
        public Support fits(int weightMatrices) {
            return hook.equals("fits") ? Support.no("one value per matrix, and 3 were given") : Support.YES;
        }
    }

    private static ContinualLearner learner(ContinualStrategy strategy) {
        return new ContinualLearner(ContinualLearnerTest.net(), RateEncoder.bernoulli(10, 1.0),
                ContinualLearnerTest.options(1), strategy, Scenario.TASK_INCREMENTAL);
    }

    /** The state of a naive learner after one epoch of the first task. */
    private static ByteArrayOutputStream stateAfterTheFirstTask() throws IOException {
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        try (ContinualLearner l = learner(new Naive())) {
            l.startTask(TASKS[0]);
            l.trainEpoch(0);
            l.finishTask();
            l.writeState(new DataOutputStream(state));
        }
        return state;
    }

    /** Trains the first task's first epoch under a probe and returns what it threw. */
    private static RuntimeException thrownIn(String hook, Consumer<Object> call) {
        try (ContinualLearner l = learner(new Probe(hook, call))) {
            l.startTask(TASKS[0]);
            return assertThrows(RuntimeException.class, () -> {
                l.trainEpoch(0);
                l.finishTask();
            });
        }
    }

    @Test
    void aTaskRefusesLabelsOutsideItsClassesRepeatedClassesAndNull() {
        float[][] x = {{0.5f}, {0.5f}};
        ParameterException outside = assertThrows(ParameterException.class,
                () -> new TaskData(0, "t", x, new int[] {0, 1}, x, new int[] {0, 5}, new int[] {0, 1}));
        assertEquals("testY[1]", outside.location());
        assertTrue(outside.getMessage().contains("one of the task's classes [0, 1]"), outside.getMessage());
        ParameterException twice = assertThrows(ParameterException.class,
                () -> new TaskData(0, "t", x, new int[] {0, 1}, x, new int[] {0, 1}, new int[] {1, 0, 1}));
        assertEquals("classes", twice.location());
        ParameterException none = assertThrows(ParameterException.class,
                () -> new TaskData(0, "t", null, new int[0], x, new int[] {0, 1}, new int[] {0, 1}));
        assertEquals("trainX", none.location());
    }

    /** An accuracy over no test samples had been 0. */
    @Test
    void evaluatingATaskWithoutTestSamplesIsRefused() {
        TaskData t = TASKS[0];
        TaskData untested = new TaskData(t.index(), t.name(), t.trainX(), t.trainY(), new float[0][], new int[0],
                t.classes());
        try (ContinualLearner l = learner(new Naive())) {
            ParameterException refused = assertThrows(ParameterException.class, () -> l.evaluate(untested));
            assertEquals("testX", refused.location());
        }
    }

    @Test
    void appendedSamplesAreCheckedWhereTheyAreAppended() {
        float[] input = TASKS[0].trainX()[0];
        RuntimeException shortInput = thrownIn("beforeBatch", b -> ((BatchContext) b).append(new float[3], 0, 0));
        assertTrue(shortInput.getMessage().startsWith("strategy 'probe' (" + Probe.class.getName() + ") in beforeBatch"
                + " (task 1, epoch 1, batch 1): batch: append: input: expected an input vector as long as the task's"),
                shortInput.getMessage());
        assertTrue(shortInput instanceof EngramException, "a user error stays one: " + shortInput);
        RuntimeException laterTask = thrownIn("beforeBatch", b -> ((BatchContext) b).append(input, 0, 3));
        assertTrue(laterTask.getMessage().contains("append: task: expected a task started so far, in [0, 0]"),
                laterTask.getMessage());
        int foreign = TASKS[1].classes()[0];
        RuntimeException label = thrownIn("beforeBatch", b -> ((BatchContext) b).append(input, foreign, 0));
        // Checked once the hook returned, and said as the hook's own error, with where it was.
        assertTrue(label.getMessage().startsWith("strategy 'probe' (" + Probe.class.getName() + ") in beforeBatch"
                + " (task 1, epoch 1, batch 1): the sample appended at batch position "), label.getMessage());
        assertTrue(label.getMessage().endsWith(": label: expected a class of task 1 "
                + java.util.Arrays.toString(TASKS[0].classes()) + ", found " + foreign), label.getMessage());
        assertTrue(label instanceof EngramException, "a user error stays one: " + label);
        RuntimeException late = thrownIn("afterBatch", b -> ((BatchContext) b).append(input, 0, 0));
        assertTrue(late instanceof StrategyFailed && late.getCause() instanceof IllegalStateException, late.toString());
        assertTrue(late.getCause().getMessage().startsWith("append is only valid in beforeBatch"), late.toString());
    }

    @Test
    void distillationTermsNeedProbabilitiesAndReadoutUnits() {
        ParameterException nan = assertThrows(ParameterException.class,
                () -> new DistillationTarget(new float[] {Float.NaN, 0.5f}, new int[] {0, 1}, 2, 1));
        assertEquals("probabilities[0]", nan.location());
        ParameterException counts = assertThrows(ParameterException.class,
                () -> new DistillationTarget(new float[] {0.2f, 0.5f}, new int[] {0, 1}, 2, 1));
        assertTrue(counts.getMessage().contains("soft targets that sum to 1"), counts.getMessage());
        DistillationTarget pastTheReadout = new DistillationTarget(new float[] {0.5f, 0.5f}, new int[] {0, 999}, 2, 1);
        RuntimeException refused = thrownIn("beforeBatch",
                b -> ((BatchContext) b).addDistillationTarget(0, pastTheReadout));
        assertTrue(refused.getMessage().contains("distillation term at batch position 0: units: expected readout"
                + " units in [0, "), refused.getMessage());
        DistillationTarget justPast = new DistillationTarget(new float[] {0.5f, 0.5f},
                new int[] {0, SplitPatterns.CLASSES}, 2, 1);
        RuntimeException edge = thrownIn("beforeBatch", b -> ((BatchContext) b).addDistillationTarget(0, justPast));
        assertTrue(edge.getMessage().endsWith("units: expected readout units in [0, " + SplitPatterns.CLASSES
                + "), found " + SplitPatterns.CLASSES), edge.getMessage());
    }

    /** Past samples(), the rates array of a short batch still holds an earlier batch's rows. */
    @Test
    void activityPastTheBatchIsRefused() {
        RuntimeException past = thrownIn("transformUpdate", a -> ((LayerActivity) a).vector(((LayerActivity) a)
                .samples()));
        assertTrue(past.getCause() instanceof IndexOutOfBoundsException, past.toString());
    }

    @Test
    void theOracleRefusesNoSamplesAndOutputsOfAnotherShape() {
        RuntimeException none = thrownIn("afterTask", t -> ((TaskContext) t).oracle().gradients(
                GradientOracle.Objective.LOSS, GradientOracle.Reduction.MEAN_SQUARE, ((TaskContext) t).trainData(),
                new int[0], new double[2][]));
        assertTrue(none.getMessage().contains("samples: expected at least one sample"), none.getMessage());
        RuntimeException shape = thrownIn("afterTask", t -> ((TaskContext) t).oracle().gradients(
                GradientOracle.Objective.LOSS, GradientOracle.Reduction.MEAN_SQUARE, ((TaskContext) t).trainData(),
                new int[] {0}, new double[][] {new double[3]}));
        assertTrue(shape.getMessage().contains("out: expected one array per weight matrix"), shape.getMessage());
    }

    /** fits() had been checked by the command line's config checks only. */
    @Test
    void aStrategyThatDoesNotFitTheNetworkIsRefusedByTheLearner() {
        EngramException refused = assertThrows(EngramException.class,
                () -> learner(new Probe("fits", x -> { })).close());
        assertTrue(refused.getMessage().contains("one value per matrix, and 3 were given"), refused.getMessage());
    }

    /**
     * A restore names the tasks its state covers, after reading it: restoreTasks on a fresh learner
     * had trained on from untrained weights as if the tasks were done.
     */
    @Test
    void restoredTasksMustBeTheOnesTheStateCovers() throws IOException {
        ByteArrayOutputStream state = stateAfterTheFirstTask();
        try (ContinualLearner unread = learner(new Naive())) {
            assertThrows(IllegalStateException.class, () -> unread.restoreTasks(List.of(TASKS[0])));
        }
        try (ContinualLearner l = learner(new Naive())) {
            assertEquals(1, l.readState(new DataInputStream(new ByteArrayInputStream(
                    state.toByteArray()))));
            IllegalStateException unnamed = assertThrows(IllegalStateException.class, () -> l.startTask(TASKS[1]));
            assertTrue(unnamed.getMessage().contains("name them with restoreTasks"), unnamed.getMessage());
            IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                    () -> l.restoreTasks(List.of()));
            assertEquals("expected as many tasks as the state covers, 1, given 0", none.getMessage());
            assertEquals("done[0]", assertThrows(ParameterException.class,
                    () -> l.restoreTasks(java.util.Arrays.asList((TaskData) null))).location());
            TaskData t = TASKS[0];
            TaskData pastTheReadout = new TaskData(0, "t", t.trainX(), t.trainY(), t.testX(), t.testY(),
                    new int[] {t.classes()[0], t.classes()[1], SplitPatterns.CLASSES});
            assertEquals("classes", assertThrows(ParameterException.class,
                    () -> l.restoreTasks(List.of(pastTheReadout))).location());
            IllegalArgumentException second = assertThrows(IllegalArgumentException.class,
                    () -> l.restoreTasks(List.of(TASKS[1])));
            assertEquals("task 0 of the state given as a task of index 1", second.getMessage());
            TaskData other = TASKS[1];
            TaskData otherAsFirst = new TaskData(0, other.name(), other.trainX(), other.trainY(), other.testX(),
                    other.testY(), other.classes());
            IllegalArgumentException classes = assertThrows(IllegalArgumentException.class,
                    () -> l.restoreTasks(List.of(otherAsFirst)));
            assertEquals("expected tasks of the classes the state's tasks held, " + Arrays.toString(t.classes())
                    + ", given tasks of " + Arrays.toString(other.classes()), classes.getMessage());
            l.restoreTasks(List.of(TASKS[0]));
            l.startTask(TASKS[1]);
            assertEquals(2, l.tasksStarted());
        }
    }

    /** A state written before any task covers none: the tasks it names are none, and the first task follows. */
    @Test
    void aStateOfNoTaskIsRestoredByNamingNone() throws IOException {
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        try (ContinualLearner l = learner(new Naive())) {
            l.writeState(new DataOutputStream(state));
        }
        try (ContinualLearner l = learner(new Naive())) {
            assertEquals(0, l.readState(new DataInputStream(new ByteArrayInputStream(state.toByteArray()))));
            IllegalStateException unnamed = assertThrows(IllegalStateException.class, () -> l.startTask(TASKS[0]));
            assertTrue(unnamed.getMessage().contains("covers 0 tasks"), unnamed.getMessage());
            l.restoreTasks(List.of());
            l.startTask(TASKS[0]);
            assertEquals(1, l.tasksStarted());
        }
    }

    /**
     * Found by an audit of the library: an empty training set had left EWC's learner stuck in
     * finishTask, a negative class failed as an index error in evaluate, nulls failed late, epoch -1
     * gave every task one shuffle, a failed beforeTask left its task started, and a closed learner
     * still started tasks.
     */
    @Test
    void misusesAreRefusedBeforeTheyChangeTheLearner() {
        TaskData t = TASKS[0];
        ParameterException empty = assertThrows(ParameterException.class,
                () -> new TaskData(0, "t", new float[0][], new int[0], t.testX(), t.testY(), t.classes()));
        assertEquals("trainX", empty.location());
        ParameterException negative = assertThrows(ParameterException.class, () -> new TaskData(0, "t",
                new float[][] {{0.5f}}, new int[] {-1}, new float[0][], new int[0], new int[] {-1}));
        assertEquals("classes", negative.location());
        TaskData outside = new TaskData(0, "t", t.trainX(), new int[t.trainY().length], t.testX(),
                new int[t.testY().length], new int[] {0, 99});
        try (ContinualLearner l = learner(new Naive())) {
            assertEquals("classes", assertThrows(ParameterException.class, () -> l.evaluate(outside)).location());
            assertEquals("task", assertThrows(ParameterException.class, () -> l.startTask(null)).location());
            l.startTask(TASKS[0]);
            assertEquals("epoch", assertThrows(ParameterException.class, () -> l.trainEpoch(-1)).location());
            assertEquals("afterBatch", assertThrows(ParameterException.class, () -> l.trainEpoch(0, null)).location());
            l.trainEpoch(0);
            l.finishTask();
        }
        assertEquals("scenario", assertThrows(ParameterException.class, () -> new ContinualLearner(
                ContinualLearnerTest.net(), RateEncoder.bernoulli(10, 1.0), ContinualLearnerTest.options(1),
                new Naive(), null)).location());
        int[] calls = {0};
        ContinualStrategy failsOnce = new ContinualStrategy() {
            @Override
            public String name() {
                return "fails_once";
            }

            @Override
            public void beforeTask(TaskContext task) {
                if (calls[0]++ == 0) {
                    throw new IllegalStateException("not ready");
                }
            }
        };
        try (ContinualLearner l = learner(failsOnce)) {
            assertThrows(StrategyFailed.class, () -> l.startTask(TASKS[0]));
            assertEquals(0, l.tasksStarted(), "the task whose beforeTask failed is not started");
            l.startTask(TASKS[0]);
            assertEquals(1, l.tasksStarted());
            l.close();
            assertThrows(IllegalStateException.class, () -> l.trainEpoch(0));
            assertThrows(IllegalStateException.class, l::finishTask);
        }
    }

    /**
     * A task started before the last one finished, and tasks named for a restore into a learner that
     * has trained, are refused saying which task is open and how many were started.
     */
    @Test
    void anOpenTaskAndARestoreIntoATrainedLearnerAreRefusedSayingWhy() {
        try (ContinualLearner l = learner(new Naive())) {
            l.startTask(TASKS[0]);
            assertEquals("task 0 is not finished", assertThrows(IllegalStateException.class,
                    () -> l.startTask(TASKS[1])).getMessage());
            assertEquals("restore into a fresh learner only (this one has started 1 task)",
                    assertThrows(IllegalStateException.class, () -> l.restoreTasks(List.of())).getMessage());
            assertEquals(1, l.tasksStarted());
        }
    }

    /** A restore refused after it began to change the trainer leaves a learner that refuses to train on. */
    @Test
    void aLearnerWhoseRestoreFailedRefusesToGoOn() throws IOException {
        ByteArrayOutputStream state = stateAfterTheFirstTask();
        byte[] cut = java.util.Arrays.copyOf(state.toByteArray(), state.size() - 1);
        try (ContinualLearner l = learner(new Naive())) {
            assertThrows(IOException.class, () -> l.readState(new DataInputStream(new ByteArrayInputStream(cut))));
            IllegalStateException discarded = assertThrows(IllegalStateException.class, () -> l.startTask(TASKS[0]));
            assertTrue(discarded.getMessage().contains("discard it"), discarded.getMessage());
            // Its weights are half restored: it neither evaluates them, nor saves them, nor reads or names a state.
            List<org.junit.jupiter.api.function.Executable> uses = List.of(() -> l.trainEpoch(0),
                    () -> l.evaluate(TASKS[0]), () -> l.writeState(new DataOutputStream(new ByteArrayOutputStream())),
                    () -> l.readState(new DataInputStream(new ByteArrayInputStream(state.toByteArray()))),
                    () -> l.restoreTasks(List.of(TASKS[0])));
            for (org.junit.jupiter.api.function.Executable use : uses) {
                IllegalStateException refused = assertThrows(IllegalStateException.class, use);
                assertTrue(refused.getMessage().contains("discard it"), refused.getMessage());
            }
        }
    }

    /** Closing the learner stops its trainer's threads: work given to them afterwards is refused. */
    @Test
    void closingTheLearnerClosesItsWorkers() {
        org.engram.learning.train.Workers[] workers = new org.engram.learning.train.Workers[1];
        ContinualStrategy keeper = new ContinualStrategy() {
            @Override
            public String name() {
                return "keeper";
            }

            @Override
            public void beforeTask(TaskContext task) {
                workers[0] = task.workers();
            }
        };
        ContinualLearner l = new ContinualLearner(ContinualLearnerTest.net(), RateEncoder.bernoulli(10, 1.0),
                ContinualLearnerTest.options(2), keeper, Scenario.TASK_INCREMENTAL);
        l.startTask(TASKS[0]);
        int[] ran = new int[1];
        workers[0].run(2, (task, worker) -> {
            synchronized (ran) {
                ran[0]++;
            }
        });
        assertEquals(2, ran[0]);
        l.close();
        assertThrows(IllegalStateException.class, () -> workers[0].run(2, (task, worker) -> { }));
    }

    /**
     * A sample out of range in the last batch is refused, by its index, before the batches before it
     * change the weights: it had been found by the encoder, after them, as "sample[3]" (a feature).
     */
    @Test
    void aBadSampleIsRefusedByItsIndexBeforeAnyTraining() {
        TaskData t = TASKS[0];
        float[][] x = new float[t.trainX().length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = t.trainX()[i].clone();
        }
        int last = x.length - 1;
        x[last][3] = 1.5f;
        TaskData bad = new TaskData(0, "t", x, t.trainY(), t.testX(), t.testY(), t.classes());
        try (ContinualLearner l = learner(new Naive())) {
            float[] before = l.net().weights(0).clone();
            ParameterException e = assertThrows(ParameterException.class, () -> l.startTask(bad));
            assertEquals("trainX[" + last + "].feature[3]", e.location());
            assertEquals(0, l.tasksStarted());
            org.engram.learning.train.Trainer trainer = new org.engram.learning.train.Trainer(l.net(),
                    RateEncoder.bernoulli(10, 1.0), ContinualLearnerTest.options(1));
            try {
                ParameterException direct = assertThrows(ParameterException.class,
                        () -> trainer.trainEpoch(x, t.trainY(), 0));
                assertEquals("x[" + last + "].feature[3]", direct.location());
                assertEquals("epoch", assertThrows(ParameterException.class,
                        () -> trainer.trainEpoch(t.trainX(), t.trainY(), -1)).location());
            } finally {
                trainer.close();
            }
            assertArrayEquals(before, l.net().weights(0), "no batch was trained");
        }
    }

    /** Nulls given to the library's entry points are named; each had been a NullPointerException from inside. */
    @Test
    void nullArgumentsAreNamed() {
        for (java.util.function.Supplier<?> call : List.<java.util.function.Supplier<?>>of(
                () -> new Ewc((Ewc.Params) null), () -> new Ewc((Ewc.OnlineParams) null), () -> new Replay(null),
                () -> new Mas(null), () -> new Lwf(null), () -> new SynapticIntelligence(null), () -> new Gpm(null),
                () -> new Hlop(null), () -> new L2Anchor(null), () -> new Metaplasticity(null),
                () -> new ImportanceGating(null))) {
            assertEquals("params", assertThrows(ParameterException.class, call::get).location());
        }
        assertEquals("file", assertThrows(ParameterException.class,
                () -> org.engram.learning.io.ModelFile.load(null)).location());
        assertEquals("net", assertThrows(ParameterException.class,
                () -> org.engram.learning.io.ModelFile.save(null, java.nio.file.Path.of("x"))).location());
        assertEquals("encoder", assertThrows(ParameterException.class, () -> new org.engram.learning.train.Trainer(
                ContinualLearnerTest.net(), null, ContinualLearnerTest.options(1))).location());
        org.engram.learning.layered.LayeredNet net = ContinualLearnerTest.net();
        RateEncoder encoder = RateEncoder.bernoulli(10, 1.0);
        org.engram.learning.train.TrainerOptions options = ContinualLearnerTest.options(1);
        Naive naive = new Naive();
        assertEquals("net", assertThrows(ParameterException.class, () -> new ContinualLearner(null, encoder, options,
                naive, Scenario.TASK_INCREMENTAL)).location());
        ParameterException noEncoder = assertThrows(ParameterException.class, () -> new ContinualLearner(net, null,
                options, naive, Scenario.TASK_INCREMENTAL));
        // Named by the learner it was given to, not by the trainer the learner makes.
        assertTrue(noEncoder.getMessage().startsWith("continual learner: encoder:"), noEncoder.getMessage());
        assertEquals("options", assertThrows(ParameterException.class, () -> new ContinualLearner(net, encoder, null,
                naive, Scenario.TASK_INCREMENTAL)).location());
        assertEquals("strategy", assertThrows(ParameterException.class, () -> new ContinualLearner(net, encoder,
                options, null, Scenario.TASK_INCREMENTAL)).location());
        try (ContinualLearner l = learner(naive)) {
            assertEquals("task", assertThrows(ParameterException.class, () -> l.evaluate(null)).location());
            assertEquals("out", assertThrows(ParameterException.class, () -> l.writeState(null)).location());
            assertEquals("in", assertThrows(ParameterException.class, () -> l.readState(null)).location());
            assertEquals("done", assertThrows(ParameterException.class, () -> l.restoreTasks(null)).location());
        }
    }

    /** A matrix index outside the network is refused by name (it had been an index error). */
    @Test
    void aMatrixOutsideTheNetworkIsRefused() {
        org.engram.learning.layered.LayeredNet net = ContinualLearnerTest.net();
        org.engram.learning.train.Trainer trainer = new org.engram.learning.train.Trainer(net,
                RateEncoder.bernoulli(10, 1.0), ContinualLearnerTest.options(1));
        int past = net.matrixCount();
        for (java.util.function.IntConsumer byIndex : List.<java.util.function.IntConsumer>of(net::weights, net::pre,
                net::post, net::layerOf, trainer::gradient, trainer::lastUpdate)) {
            assertEquals("matrix", assertThrows(ParameterException.class, () -> byIndex.accept(-1)).location());
            assertEquals("matrix", assertThrows(ParameterException.class, () -> byIndex.accept(past)).location());
        }
        assertEquals(net.pre(past - 1) * net.post(past - 1), trainer.gradient(past - 1).length);
    }
}
