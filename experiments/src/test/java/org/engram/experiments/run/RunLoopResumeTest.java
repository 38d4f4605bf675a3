package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.engram.experiments.config.ConfigLayers;
import org.engram.experiments.config.ExperimentConfig;
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

    /** What one process of the run did: each unit's progress, or the stop that ended it. */
    private record Session(List<UnitProgress> units, RunStopped stop) {
    }

    private static ExperimentConfig config() {
        return ConfigLayers.resolve(CONFIG, "tiny.yaml", List.of(), ConfigLayers.Flags.NONE).config();
    }

    /** Trains every unit of the run in the folder in order, as the runner does with one job. */
    private static Session train(RunFolder folder, int stopAfterTasks) {
        ExperimentConfig c = config();
        Experiment experiment = Experiment.prepare(c);
        RunStatus status = RunStatus.start("tiny", folder.runId(), c.strategies().size() * c.seeds().size() * TASKS,
                null, List.of(), List.of(), List.of("abc"));
        Runner.TestHooks hooks = new Runner.TestHooks(stopAfterTasks, false, false, 0, false);
        PrintWriter err = new PrintWriter(new StringWriter());
        RunLoop loop = new RunLoop(c, experiment, new Checkpoints(folder), folder, status, hooks, err);
        loop.begin();
        loop.prepare();
        List<UnitProgress> units = new ArrayList<>();
        Progress progress = Progress.create(loop.doneSamples() + loop.remainingSamples(), loop.doneSamples(), err);
        try {
            for (ExperimentConfig.StrategySpec spec : c.strategies()) {
                units.add(loop.unit(spec, c.seeds().get(0), progress));
            }
        } catch (RunStopped stop) {
            return new Session(units, stop);
        }
        return new Session(units, null);
    }

    @Test
    void aRunStoppedTwiceAndResumedEndsAsOneThatNeverStopped(@TempDir Path results) throws IOException {
        RunFolder straight = RunFolder.create(results.resolve("a"), "tiny", "r1");
        Session reference = train(straight, 0);
        assertEquals(null, reference.stop());

        RunFolder stopped = RunFolder.create(results.resolve("b"), "tiny", "r1");
        // naive's first two tasks; then naive's last and si's first; then si's last two, restored from task 1.
        Session first = train(stopped, 2);
        assertTrue(first.stop().getMessage().contains("after 2 task(s)"), first.stop().getMessage());
        assertEquals(List.of("learner-2.state", "progress.json"), files(stopped, "naive"));
        Session second = train(RunFolder.resume(results.resolve("b"), "tiny", "r1"), 2);
        assertTrue(second.stop() != null, "stopped in si's unit");
        assertEquals(List.of("learner-1.state", "progress.json"), files(stopped, "si"));
        Session last = train(RunFolder.resume(results.resolve("b"), "tiny", "r1"), 0);
        assertEquals(null, last.stop());

        for (int u = 0; u < 2; u++) {
            UnitProgress x = reference.units().get(u);
            UnitProgress y = last.units().get(u);
            assertTrue(x.complete() && y.complete());
            assertEquals(64, x.weightsHash().length(), x.weightsHash());
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
        }
        assertEquals(List.of("learner-3.state", "progress.json"), files(stopped, "si"));
    }

    /** A stop after a unit's tasks leaves the status listing each finished task, which a resume keeps. */
    @Test
    void theStatusListsTheCheckpointedTasks(@TempDir Path results) throws IOException {
        RunFolder folder = RunFolder.create(results, "tiny", "r1");
        train(folder, 4);
        List<RunStatus.Completed> done = RunStatus.completedIn(JsonFiles.MAPPER.readTree(
                folder.directory().resolve(RunStatus.FILE).toFile()));
        assertEquals(List.of(new RunStatus.Completed("naive", 3, 0), new RunStatus.Completed("naive", 3, 1),
                new RunStatus.Completed("naive", 3, 2), new RunStatus.Completed("si", 3, 0)), done);
        // A resume that loses status.json rebuilds the list from the checkpoints.
        Files.delete(folder.directory().resolve(RunStatus.FILE));
        RunStopped again = assertThrows(RunStopped.class, () -> {
            RunStopped stop = train(RunFolder.resume(results, "tiny", "r1"), 1).stop();
            if (stop != null) {
                throw stop;
            }
        });
        assertTrue(again.getMessage().contains("after 1 task(s)"), again.getMessage());
        assertEquals(5, RunStatus.completedIn(JsonFiles.MAPPER.readTree(
                folder.directory().resolve(RunStatus.FILE).toFile())).size());
        assertFalse(Files.exists(folder.directory().resolve("checkpoints/si/seed-3/learner-1.state")),
                "the older state is removed once the newer one's progress is saved");
    }

    private static List<String> files(RunFolder folder, String strategy) throws IOException {
        try (Stream<Path> s = Files.list(folder.directory().resolve("checkpoints/" + strategy + "/seed-3"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
