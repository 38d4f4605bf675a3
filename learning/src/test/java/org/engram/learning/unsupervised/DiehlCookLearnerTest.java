package org.engram.learning.unsupervised;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.engram.learning.continual.ImportanceGating;
import org.engram.learning.continual.TaskData;
import org.engram.learning.train.TrainingInterrupted;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.EngineOptions;
import org.junit.jupiter.api.Test;

/** The learner around the network: its settings, its task count, its checkpoint and its evaluation's counts. */
class DiehlCookLearnerTest {
    private static final int NEURONS = 10;
    private static final long SEED = 3;

    /** Shorter presentations than the paper's, as in {@link DiehlCookInterruptTest}: a fraction of a second a run. */
    private static DiehlCookParams params(int neurons) {
        DiehlCookParams p = DiehlCookParams.paper(neurons);
        return p.withCoupling(p.coupling().withTotalInputWeight(10.0))
                .withPresentation(new DiehlCookParams.Presentation(100, 20, 63.75, 31.875, 5, 2));
    }

    private static DiehlCookLearner learner(int neurons) {
        return new DiehlCookLearner(params(neurons), PrototypeTask.PIXELS, PrototypeTask.CLASSES, 0, SEED, 1, null);
    }

    private static TaskData task(int index, PrototypeTask data, float[][] testX, int[] testY) {
        return new TaskData(index, "t" + index, data.x, data.y, testX, testY, new int[] {0, 1, 2});
    }

    private static void trainTask(DiehlCookLearner learner, float[][] x) {
        learner.startTask();
        learner.trainPass(x, n -> { });
        learner.finishTask();
    }

    private static byte[] state(DiehlCookLearner learner) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        learner.writeState(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    @Test
    void refusesSettingsBelowTheirLeastNamingThem() {
        DiehlCookParams p = params(NEURONS);
        int pixels = PrototypeTask.PIXELS;
        assertEquals("inputs", assertThrows(ParameterException.class,
                () -> new DiehlCookLearner(p, 0, 3, 0, SEED, 1, null)).location());
        assertEquals("classes", assertThrows(ParameterException.class,
                () -> new DiehlCookLearner(p, pixels, 0, 0, SEED, 1, null)).location());
        assertEquals("label_per_task", assertThrows(ParameterException.class,
                () -> new DiehlCookLearner(p, pixels, 3, -1, SEED, 1, null)).location());
        ParameterException threads = assertThrows(ParameterException.class,
                () -> new DiehlCookLearner(p, pixels, 3, 0, SEED, 0, null));
        assertEquals("threads", threads.location());
        assertEquals("0", threads.found());
        assertEquals("diehl_cook learner", threads.source(), "the learner names itself, not its engine");
        assertEquals("an integer in [1, " + EngineOptions.MAX_THREADS + "]", assertThrows(ParameterException.class,
                () -> new DiehlCookLearner(p, pixels, 3, 0, SEED, EngineOptions.MAX_THREADS + 1, null)).expected());
    }

    /**
     * A learner on two threads whose networks are large enough to be run in parallel (20,000
     * inputs: an engine runs a slice of fewer than 5,000 neuron-steps on the calling thread) has a
     * worker thread in each network it builds: finishing a task stops the training network's, and
     * closing the learner stops that of a task still running.
     */
    @Test
    void finishingATaskOrClosingStopsTheEnginesWorkers() {
        try (DiehlCookLearner learner = new DiehlCookLearner(params(2), 20_000, PrototypeTask.CLASSES, 0, SEED, 2,
                null)) {
            Set<Thread> before = engineWorkers();
            learner.startTask();
            Set<Thread> training = engineWorkers();
            training.removeAll(before);
            assertEquals(1, training.size(), "one worker besides the calling thread: " + training);
            learner.finishTask();
            assertTrue(training.stream().noneMatch(Thread::isAlive), "finishTask closes the network");
            learner.startTask();
            training = engineWorkers();
            training.removeAll(before);
            learner.close();
            assertEquals(1, training.size());
            assertTrue(training.stream().noneMatch(Thread::isAlive), "close closes the running task's network");
        }
    }

    /** The live worker threads of engines, named {@code engram-engine-<n>-worker-<w>}. */
    private static Set<Thread> engineWorkers() {
        Set<Thread> workers = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("engram-engine-") && t.isAlive()) {
                workers.add(t);
            }
        }
        return workers;
    }

    /**
     * Two tasks trained are two tasks done; the checkpoint written then gives a fresh learner the
     * same count, weights and evaluation, and a learner of another size refuses it.
     */
    @Test
    void aCheckpointCarriesTheTaskCountWeightsAndThresholds() throws IOException {
        PrototypeTask task = new PrototypeTask(6, 4);
        List<TaskData> tasks = List.of(task(0, task, task.x, task.y));
        try (DiehlCookLearner trained = learner(NEURONS); DiehlCookLearner resumed = learner(NEURONS);
             DiehlCookLearner other = learner(NEURONS + 1)) {
            String untrained = trained.weightsHash();
            trainTask(trained, new float[][] {task.x[0], task.x[1]});
            trainTask(trained, new float[][] {task.x[2]});
            assertEquals(2, trained.tasksDone());
            assertNotEquals(untrained, trained.weightsHash(), "training changes the weights' hash");
            byte[] checkpoint = state(trained);
            assertEquals(2, resumed.readState(new DataInputStream(new ByteArrayInputStream(checkpoint))));
            assertEquals(2, resumed.tasksDone());
            assertEquals(trained.weightsHash(), resumed.weightsHash());
            assertArrayEquals(trained.evaluate(tasks, 1), resumed.evaluate(tasks, 1));
            assertArrayEquals(checkpoint, state(resumed), "thresholds included");
            EngramException e = assertThrows(EngramException.class,
                    () -> other.readState(new DataInputStream(new ByteArrayInputStream(checkpoint))));
            assertTrue(e.getMessage().contains("input weights"), e.getMessage());
            // Half the inputs for twice the neurons: as many input weights, but twice the thresholds.
            try (DiehlCookLearner reshaped = new DiehlCookLearner(params(2 * NEURONS), PrototypeTask.PIXELS / 2,
                    PrototypeTask.CLASSES, 0, SEED, 1, null)) {
                EngramException thresholds = assertThrows(EngramException.class,
                        () -> reshaped.readState(new DataInputStream(new ByteArrayInputStream(checkpoint))));
                assertTrue(thresholds.getMessage().contains("thresholds"), thresholds.getMessage());
            }
        }
    }

    /**
     * A state whose weights or thresholds are written as no array (length -1, as a damaged length
     * reads) is refused naming the field, and the learner keeps what it had.
     */
    @Test
    void aStateWithoutWeightsOrThresholdsIsCalledDamaged() throws IOException {
        try (DiehlCookLearner learner = learner(NEURONS)) {
            String before = learner.weightsHash();
            EngramException weights = assertThrows(EngramException.class, () -> learner.readState(handMadeState(true)));
            assertEquals("diehl_cook_learner.input weights", weights.location());
            assertEquals("none (length -1)", weights.found());
            EngramException thresholds = assertThrows(EngramException.class,
                    () -> learner.readState(handMadeState(false)));
            assertEquals("diehl_cook_learner.thresholds", thresholds.location());
            assertEquals(before, learner.weightsHash());
            assertEquals(0, learner.tasksDone());
        }
    }

    /** The header, 1 task, then either no weights or the right number of weights and no thresholds. */
    private static DataInputStream handMadeState(boolean withoutWeights) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF("ENGRAM-STATE");
        out.writeUTF("diehl_cook_learner");
        out.writeInt(1);
        out.writeInt(1);
        if (withoutWeights) {
            out.writeInt(-1);
        } else {
            out.writeInt(PrototypeTask.PIXELS * NEURONS);
            out.write(new byte[Float.BYTES * PrototypeTask.PIXELS * NEURONS]);
        }
        out.writeInt(-1);
        out.writeBoolean(false);
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }

    /**
     * An interrupt in a task's second pass names that pass: the passes of a task are counted from 0.
     */
    @Test
    void anInterruptNamesThePassItStopped() {
        PrototypeTask task = new PrototypeTask(2, 4);
        try (DiehlCookLearner learner = learner(NEURONS)) {
            learner.startTask();
            learner.trainPass(task.x, n -> { });
            Thread.currentThread().interrupt();
            TrainingInterrupted e = assertThrows(TrainingInterrupted.class, () -> learner.trainPass(task.x, n -> { }));
            assertTrue(Thread.interrupted());
            assertEquals(1, e.epoch());
            assertEquals(0, e.done());
            learner.finishTask();
        }
    }

    /**
     * Evaluation counts only the test presentations: the samples, the spikes they make, and the
     * synaptic operations those spikes cost, each between one (an excitatory neuron's one
     * inhibitory partner) and {@code NEURONS} (an input's fan-out); the labelling presentations add
     * nothing. Without labelling samples no neuron has a label and nothing is predicted right.
     */
    @Test
    void evaluationCountsItsTestPresentationsOnly() {
        PrototypeTask task = new PrototypeTask(4, 6);
        List<TaskData> tasks = List.of(task(0, task, task.x, task.y),
                task(1, task, new float[][] {task.x[0]}, new int[] {task.y[0]}));
        try (DiehlCookLearner learner = learner(NEURONS)) {
            trainTask(learner, task.x);
            double[] accuracy = learner.evaluate(tasks, 2);
            long[] activity = learner.inferenceActivity();
            assertEquals(2, accuracy.length);
            assertEquals(5, activity[0], "4 + 1 test samples");
            assertTrue(activity[1] > 0, "spikes: " + activity[1]);
            assertTrue(activity[2] >= activity[1] && activity[2] <= NEURONS * activity[1],
                    activity[1] + " spikes, " + activity[2] + " operations");
            for (double a : accuracy) {
                assertTrue(a >= 0 && a <= 1, "accuracy " + a);
            }
            assertTrue(accuracy[0] > 0, "labelled by the first task's training samples, the network gets some of"
                    + " them right: " + Arrays.toString(accuracy));
            assertArrayEquals(new double[] {0, 0}, learner.evaluate(tasks, 0), "no labels, no right answer");
            long[] unlabelled = learner.inferenceActivity();
            assertEquals(10, unlabelled[0], "counts add up over evaluations");
            assertTrue(unlabelled[1] > activity[1], "the test presentations of an evaluation without labelling count");
            assertArrayEquals(new double[] {0}, learner.evaluate(List.of(task(0, task, new float[0][], new int[0])),
                    1), "no test samples: accuracy 0");
        }
    }

    /**
     * With importance gating, a task's STDP changes become importance when the task is finished
     * (every synapse's summed |dw|, so >= 0, and not all 0 after learning), the checkpoint carries it to a
     * gated learner, and a learner without gating refuses that checkpoint, as one with gating refuses
     * a checkpoint without,
     * keeping what it had.
     */
    @Test
    void importanceGatingIsGatheredAndCarriedThroughTheCheckpoint() throws IOException {
        PrototypeTask task = new PrototypeTask(3, 4);
        ImportanceGating gating = new ImportanceGating(ImportanceGating.Params.defaults());
        ImportanceGating resumedGating = new ImportanceGating(ImportanceGating.Params.defaults());
        DiehlCookParams p = params(NEURONS);
        int pixels = PrototypeTask.PIXELS;
        try (DiehlCookLearner gated = new DiehlCookLearner(p, pixels, 3, 0, SEED, 1, gating);
             DiehlCookLearner resumed = new DiehlCookLearner(p, pixels, 3, 0, SEED, 1, resumedGating);
             DiehlCookLearner plain = learner(NEURONS)) {
            trainTask(gated, task.x);
            double[] importance = gating.importance(0);
            assertEquals(pixels * NEURONS, importance.length);
            assertTrue(Arrays.stream(importance).allMatch(v -> v >= 0), "importance is a sum of |dw|");
            assertTrue(Arrays.stream(importance).sum() > 0, "STDP changed some weights");
            byte[] checkpoint = state(gated);
            resumed.readState(new DataInputStream(new ByteArrayInputStream(checkpoint)));
            assertArrayEquals(importance, resumedGating.importance(0));
            IOException withGating = assertThrows(IOException.class,
                    () -> plain.readState(new DataInputStream(new ByteArrayInputStream(checkpoint))));
            assertTrue(withGating.getMessage().contains("written with importance gating"), withGating.getMessage());
            byte[] ungated = state(plain);
            IOException without = assertThrows(IOException.class,
                    () -> resumed.readState(new DataInputStream(new ByteArrayInputStream(ungated))));
            assertTrue(without.getMessage().contains("written without importance gating"), without.getMessage());
            assertEquals(gated.weightsHash(), resumed.weightsHash(), "a refused checkpoint changes nothing");
            assertEquals(1, resumed.tasksDone());
        }
    }
}
