package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.engram.experiments.config.ConfigLayers;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.experiments.launch.LaunchCommand;
import org.engram.experiments.task.TaskSequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run loop and its checkpoints driven directly, on tasks small enough to train in well under a
 * second: a run stopped after some tasks and resumed, twice, ends with the accuracies, epochs, weights
 * and learner states of a run that never stopped. Naive keeps only the network; SI keeps importances
 * and an anchor too, which a resume that lost them would not reproduce.
 */
class RunLoopResumeTest {
    /** Three synthetic tasks of 10 inputs and 5 + 5 training samples, a 10-4 network, two epochs each. */
    private static final String CONFIG = "name: tiny\nseeds: [3]\ndata: {dataset: synthetic}\n"
            + "tasks: {sequence: synthetic, count: 3, synthetic: {inputs: 10, train_per_class: 5, test_per_class: 3}}\n"
            + "network: {hidden: [4]}\nencoder: {steps: 2}\n"
            + "training: {epochs: 2, batch_size: 4, evaluate_every_epoch: true}\n"
            + "strategies: [{name: naive}, {name: si}]\n";
    private static final int TASKS = 3;

    /** What one process of the run did: each unit's progress, or the stop that ended it, and its reports. */
    private record Session(List<UnitProgress> units, RuntimeException stop, Recorded reports, StringWriter err) {
    }

    /** A reporter that keeps what the loop tells it, and does what a test asks at a task's report. */
    private static final class Recorded extends Progress {
        int epochsStarted;
        long batchSamples;
        final List<EpochRecord> records = new ArrayList<>();
        final List<double[]> rows = new ArrayList<>();
        final List<String> messages = new ArrayList<>();
        Runnable atTask = () -> { };
        Runnable onEpoch = () -> { };

        Recorded() {
            super(1, 0, System::nanoTime);
        }

        @Override
        protected void started(Unit unit) {
            epochsStarted++;
        }

        @Override
        protected void batchDone(Unit unit, int samples) {
            batchSamples += samples;
        }

        @Override
        void epoch(EpochRecord e) {
            records.add(e);
            onEpoch.run();
        }

        @Override
        void task(String strategy, long seed, int task, int tasks, double[] row, double[] validation) {
            rows.add(row);
            atTask.run();
        }

        @Override
        void message(String text) {
            messages.add(text);
        }

        @Override
        protected void stopOutput() {
        }

        @Override
        public void close() {
        }
    }

    private static ExperimentConfig config() {
        return config(CONFIG);
    }

    private static ExperimentConfig config(String yaml) {
        return ConfigLayers.resolve(yaml, "tiny.yaml", List.of(), ConfigLayers.Flags.NONE).config();
    }

    /** The loop over a run folder, as the runner makes it (a resumed run's status starts with no tasks). */
    private static RunLoop loop(RunFolder folder, Runner.TestHooks hooks, StringWriter err) {
        return loop(folder, hooks, err, config());
    }

    /**
     * The loop of a config; its messages reach {@code err} only when flushed, as standard error's do before
     * the process ends.
     */
    private static RunLoop loop(RunFolder folder, Runner.TestHooks hooks, StringWriter err, ExperimentConfig c) {
        RunStatus status = RunStatus.start("tiny", folder.runId(), c.strategies().size() * c.seeds().size() * TASKS,
                null, List.of(), List.of(), List.of("abc"));
        return new RunLoop(c, Experiment.prepare(c), new Checkpoints(folder), folder, status, hooks,
                new PrintWriter(new BufferedWriter(err)));
    }

    private static Runner.TestHooks stopAfter(int tasks) {
        return new Runner.TestHooks(tasks, false, false, 0, false, 0);
    }

    /** Trains every unit of the run in the folder in order, as the runner does with one job. */
    private static Session train(RunFolder folder, Runner.TestHooks hooks, BiConsumer<Recorded, RunLoop> setUp) {
        StringWriter err = new StringWriter();
        RunLoop loop = loop(folder, hooks, err);
        loop.begin();
        loop.prepare();
        Recorded reports = new Recorded();
        setUp.accept(reports, loop);
        List<UnitProgress> units = new ArrayList<>();
        ExperimentConfig c = config();
        try {
            for (ExperimentConfig.StrategySpec spec : c.strategies()) {
                units.add(loop.unit(spec, c.seeds().get(0), reports));
            }
        } catch (RunStopped | UnitScheduler.Stopped stop) {
            return new Session(units, stop, reports, err);
        }
        return new Session(units, null, reports, err);
    }

    private static Session train(RunFolder folder, int stopAfterTasks) {
        return train(folder, stopAfter(stopAfterTasks), (reports, loop) -> { });
    }

    /** The weights hash of a learner restored from a unit's last state file, as a second reading of it. */
    private static String restoredHash(RunFolder folder, UnitProgress p) {
        ExperimentConfig c = config();
        Experiment experiment = Experiment.prepare(c);
        TaskSequence sequence = experiment.sequence(p.seed());
        ExperimentConfig.StrategySpec spec = c.strategies().stream().filter(s -> s.label().equals(p.strategy()))
                .findFirst().orElseThrow();
        try (UnitLearner learner = new UnitLearners(experiment).learner(spec, p.seed(), sequence,
                experiment.tasks(sequence, p.seed()).learning())) {
            new Checkpoints(folder).restore(learner, p);
            return learner.weightsHash();
        }
    }

    @Test
    void aRunStoppedTwiceAndResumedEndsAsOneThatNeverStopped(@TempDir Path results) throws IOException {
        RunFolder straight = RunFolder.create(results.resolve("a"), "tiny", "r1");
        long before = System.nanoTime();
        Session reference = train(straight, 0);
        double elapsed = (System.nanoTime() - before) / 1e9;
        assertEquals(null, reference.stop());

        RunFolder stopped = RunFolder.create(results.resolve("b"), "tiny", "r1");
        // naive's first two tasks; then naive's last and si's first; then si's last two, restored from task 1.
        Session first = train(stopped, 2);
        assertTrue(first.stop().getMessage().contains("after 2 tasks as asked"), first.stop().getMessage());
        assertEquals(List.of("learner-2.state", "progress.json"), files(stopped, "naive"));
        assertEquals(null, new Checkpoints(stopped).progress("naive", 3, TASKS, 0, 2, true).weightsHash(),
                "the weights are hashed after the last task only");
        Session second = train(RunFolder.resume(results.resolve("b"), "tiny", "r1"), 2);
        assertTrue(second.stop() != null, "stopped in si's unit");
        assertEquals(List.of("learner-1.state", "progress.json"), files(stopped, "si"));
        Session last = train(RunFolder.resume(results.resolve("b"), "tiny", "r1"), 0);
        assertEquals(null, last.stop());
        assertEquals(List.of(), last.reports().messages, "built-in strategies keep their state: no note");

        for (int u = 0; u < 2; u++) {
            UnitProgress x = reference.units().get(u);
            UnitProgress y = last.units().get(u);
            assertTrue(x.complete() && y.complete());
            assertEquals(restoredHash(straight, x), x.weightsHash(), "the hash of the weights after the last task");
            assertEquals(x.weightsHash(), y.weightsHash(), x.strategy());
            for (int t = 0; t < TASKS; t++) {
                assertArrayEquals(x.rows().get(t), y.rows().get(t), x.strategy() + " row " + t);
            }
            for (int k = 0; k < x.epochs().size(); k++) {
                assertEquals(x.epochs().get(k).loss(), y.epochs().get(k).loss(), x.strategy() + " epoch " + k);
            }
            for (int k = 0; k < x.epochAccuracy().size(); k++) {
                assertArrayEquals(x.epochAccuracy().get(k), y.epochAccuracy().get(k), x.strategy() + " epoch " + k);
            }
            String state = "checkpoints/" + x.strategy() + "/seed-3/learner-3.state";
            assertArrayEquals(Files.readAllBytes(straight.directory().resolve(state)),
                    Files.readAllBytes(stopped.directory().resolve(state)), state);
            // Each of the 3 evaluations (after each task) tests the 6 test samples of each of the 3 tasks.
            assertEquals(3 * 3 * 6, x.inferenceSamples(), "the evaluations after each task alone are counted");
            // Times nest: an epoch within its task, the tasks within the whole training measured here.
            double epochs = 0;
            for (EpochRecord e : x.epochs()) {
                assertTrue(e.seconds() >= 0, e.toString());
                epochs += e.seconds();
            }
            assertTrue(epochs <= x.wallSeconds() && x.wallSeconds() <= elapsed, epochs + " <= " + x.wallSeconds()
                    + " <= " + elapsed);
        }
        assertEquals(List.of("learner-3.state", "progress.json"), files(stopped, "si"));
    }

    /** The loop reports each epoch's start, batches, record and each task's row, as the units hold them. */
    @Test
    void everyEpochAndTaskIsReported(@TempDir Path results) {
        Session run = train(RunFolder.create(results, "tiny", "r1"), 0);
        Recorded reports = run.reports();
        assertEquals(2 * TASKS * 2, reports.epochsStarted, "2 units x 3 tasks x 2 epochs");
        assertEquals(2 * TASKS * 2 * 10, reports.batchSamples, "10 training samples an epoch");
        List<EpochRecord> records = new ArrayList<>(run.units().get(0).epochs());
        records.addAll(run.units().get(1).epochs());
        assertEquals(records, reports.records);
        for (int k = 0; k < 2 * TASKS; k++) {
            assertArrayEquals(run.units().get(k / TASKS).rows().get(k % TASKS), reports.rows.get(k), "task " + k);
        }
    }

    /**
     * A resumed loop counts the samples of the checkpointed tasks as done, from the tasks' sizes: 2 tasks of
     * 10 training samples and 2 epochs done, 4 such tasks left; resumed with a second seed, 10 left.
     */
    @Test
    void aResumedLoopCountsTheCheckpointedTasks(@TempDir Path results) {
        RunFolder folder = RunFolder.create(results, "tiny", "r1");
        RunLoop fresh = loop(folder, Runner.TestHooks.NONE, new StringWriter());
        assertEquals("no task had finished; the partial run is in " + folder.directory(), fresh.checkpointedIn());
        train(folder, 2);
        RunLoop loop = loop(RunFolder.resume(results, "tiny", "r1"), Runner.TestHooks.NONE, new StringWriter());
        loop.prepare();
        assertEquals(List.of(10, 10, 10), loop.tasks().stream().map(MetricsWriter.Task::trainSamples).toList());
        assertEquals(2, loop.tasksDone());
        assertEquals(6, loop.totalTasks());
        assertEquals(2 * 10 * 2, loop.doneSamples());
        assertEquals(4 * 10 * 2, loop.remainingSamples());
        assertEquals("the finished tasks are checkpointed in " + folder.directory(), loop.checkpointedIn());
        assertEquals(2, loop.status().completed().size());
        RunLoop twoSeeds = loop(RunFolder.resume(results, "tiny", "r1"), Runner.TestHooks.NONE, new StringWriter(),
                config(CONFIG.replace("seeds: [3]", "seeds: [3, 4]")));
        twoSeeds.prepare();
        assertEquals(12, twoSeeds.totalTasks());
        assertEquals(10 * 10 * 2, twoSeeds.remainingSamples());
    }

    /** A stop asked after the run's last task is not made: the run is finished, not stopped. */
    @Test
    void aStopAfterTheLastTaskLeavesTheRunFinished(@TempDir Path results) {
        assertEquals(null, train(RunFolder.create(results, "tiny", "r1"), 2 * TASKS).stop());
    }

    /**
     * The units beside a failed one stop: one not started at once, one training at its next task (its last
     * task saved), and one in an epoch at its next batch (nothing saved).
     */
    @Test
    void stoppedUnitsStopAtTheirNextTaskOrBatch(@TempDir Path results) throws IOException {
        Session notStarted = train(RunFolder.create(results.resolve("a"), "tiny", "r1"), Runner.TestHooks.NONE,
                (reports, loop) -> loop.stopUnits());
        assertTrue(notStarted.stop() instanceof UnitScheduler.Stopped && notStarted.reports().epochsStarted == 0);

        RunFolder atTask = RunFolder.create(results.resolve("b"), "tiny", "r1");
        Session task = train(atTask, Runner.TestHooks.NONE, (reports, loop) -> reports.atTask = loop::stopUnits);
        assertTrue(task.stop() instanceof UnitScheduler.Stopped);
        assertEquals(2, task.reports().epochsStarted, "task 0's epochs only");
        assertEquals(List.of("learner-1.state", "progress.json"), files(atTask, "naive"));

        RunFolder inEpoch = RunFolder.create(results.resolve("c"), "tiny", "r1");
        Session epoch = train(inEpoch, Runner.TestHooks.NONE, (reports, loop) -> reports.onEpoch = loop::stopUnits);
        assertTrue(epoch.stop() instanceof UnitScheduler.Stopped);
        assertEquals(1, epoch.reports().records.size());
        assertFalse(Checkpoints.anyIn(inEpoch.directory()));
    }

    /**
     * A signal (here as a test hook, once the first task is evaluated) records the stop and says how to go on;
     * the task is neither saved nor reported, and the reports are silenced.
     */
    @Test
    void aSignalBeforeATaskIsSavedRecordsTheStop(@TempDir Path results) throws IOException {
        RunFolder folder = RunFolder.create(results, "tiny", "r1");
        RunLoop[] held = new RunLoop[1];
        Session run = train(folder, new Runner.TestHooks(0, false, false, 1, false, 0),
                (reports, loop) -> held[0] = loop);
        String told = "engram: stopped by a signal; no task had finished; the partial run is in " + folder.directory()
                + "; continue with: " + LaunchCommand.resume(folder.directory()) + System.lineSeparator();
        assertEquals(told, run.err().toString());
        held[0].interrupted();
        assertEquals(told, run.err().toString(), "a second signal (the shutdown hook's) says nothing more");
        assertTrue(run.reports().silenced);
        assertEquals(List.of(), run.reports().rows);
        assertFalse(Checkpoints.anyIn(folder.directory()));
        JsonNode status = JsonFiles.MAPPER.readTree(folder.directory().resolve(RunStatus.FILE).toFile());
        assertEquals("interrupted", status.get("state").asText());
        assertEquals("the process was stopped (signal) before the run ended", status.get("message").asText());
        assertEquals(LaunchCommand.resume(folder.directory()), status.get("resume").asText());
    }

    /** A stop after a unit's tasks leaves the status listing each finished task, which a resume keeps. */
    @Test
    void theStatusListsTheCheckpointedTasks(@TempDir Path results) throws IOException {
        RunFolder folder = RunFolder.create(results, "tiny", "r1");
        train(folder, 4);
        List<RunStatus.Completed> four = List.of(new RunStatus.Completed("naive", 3, 0),
                new RunStatus.Completed("naive", 3, 1), new RunStatus.Completed("naive", 3, 2),
                new RunStatus.Completed("si", 3, 0));
        assertEquals(four, completed(folder));
        // A resume that lost status.json rebuilds the list from the checkpoints before it trains.
        Files.delete(folder.directory().resolve(RunStatus.FILE));
        RunLoop loop = loop(RunFolder.resume(results, "tiny", "r1"), Runner.TestHooks.NONE, new StringWriter());
        loop.prepare();
        assertEquals(four, completed(folder));
    }

    /**
     * Preparing a resume deletes a state that a kill left ahead of its progress, and refuses a finished unit's
     * damaged last state before any training.
     */
    @Test
    void aResumeTidiesAndChecksTheCheckpointsFirst(@TempDir Path results) throws IOException {
        RunFolder folder = RunFolder.create(results, "tiny", "r1");
        train(folder, 4);
        Path unit = folder.directory().resolve("checkpoints/si/seed-3");
        Files.copy(unit.resolve("learner-1.state"), unit.resolve("learner-2.state"));
        loop(RunFolder.resume(results, "tiny", "r1"), Runner.TestHooks.NONE, new StringWriter()).prepare();
        assertEquals(List.of("learner-1.state", "progress.json"), files(folder, "si"));

        Path state = folder.directory().resolve("checkpoints/naive/seed-3/learner-3.state");
        byte[] bytes = Files.readAllBytes(state);
        bytes[bytes.length / 2] ^= 1;
        Files.write(state, bytes);
        RunLoop loop = loop(RunFolder.resume(results, "tiny", "r1"), Runner.TestHooks.NONE, new StringWriter());
        UnusableCheckpoint refused = assertThrows(UnusableCheckpoint.class, loop::prepare);
        assertTrue(refused.getMessage().startsWith(state.toString()), refused.getMessage());
    }

    private static List<RunStatus.Completed> completed(RunFolder folder) throws IOException {
        return RunStatus.completedIn(JsonFiles.MAPPER.readTree(folder.directory().resolve(RunStatus.FILE).toFile()));
    }

    private static List<String> files(RunFolder folder, String strategy) throws IOException {
        try (Stream<Path> s = Files.list(folder.directory().resolve("checkpoints/" + strategy + "/seed-3"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
