package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a process killed without warning (kill -9, the out-of-memory killer, a machine that went
 * down) leaves at any instant is a folder {@code --resume} finishes, with nothing half-written in
 * the finished run. Each test makes the folder as such a kill leaves it: no hook of the process
 * runs, so a stop after some tasks with the kill's leftovers added stands in for it.
 */
class KilledRunTest {
    private static final String CONFIG = String.join("\n",
            "name: killed",
            "seeds: [4]",
            "threads: 1",
            "data: {bundled: true}",
            "tasks: {sequence: split, count: 2, classes_per_task: 2, train_per_task: 60, test_per_task: 20}",
            "network: {hidden: [8]}",
            "encoder: {steps: 4}",
            "training: {epochs: 1, batch_size: 20, learning_rate: 0.005}",
            "strategies: [{name: naive}]",
            "");

    /**
     * A kill while a file is written leaves its temporary file (named {@code .<file>.<pid>-<n>.tmp}),
     * here one of a checkpoint, one of the metrics and one of a plot. The resume had carried them
     * into the finished run, a half-written file beside each whole one.
     */
    @Test
    void filesHalfWrittenWhenTheProcessWasKilledAreNotInTheFinishedRun(@TempDir Path dir) throws IOException {
        Path partial = stoppedAfterOneTask(dir);
        List<String> left = List.of("checkpoints/naive/seed-4/.progress.json.4242-7.tmp", ".metrics.json.4242-31.tmp",
                "plots/.comparison.png.4242-40.tmp");
        for (String name : left) {
            Files.createDirectories(partial.resolve(name).getParent());
            Files.writeString(partial.resolve(name), "{\"strat");
        }
        CliRunner.Result resumed = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        try (Stream<Path> files = Files.walk(Path.of(resumed.lastLine()))) {
            List<Path> tmp = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            assertEquals(List.of(), tmp);
        }
    }

    /**
     * A kill after the setup saved config.yaml and before it saved data.json (5 of 5 kills at the
     * moment config.yaml appeared) left a folder --resume refused for ever, as "deleted, or started by
     * an older Engram"; nothing had been trained, so the resume now finds the data as a new run does
     * and finishes with the results of a run that never stopped.
     */
    @Test
    void aRunKilledBeforeItSavedItsDataRecordIsResumedWithTheUninterruptedResults(@TempDir Path dir)
            throws IOException {
        Path partial = stoppedAfterOneTask(dir);
        keepOnly(partial, "config.yaml", ".lock");
        CliRunner.Result resumed = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        Path finished = Path.of(resumed.lastLine());
        assertTrue(Files.isRegularFile(finished.resolve("data.json")), "the resume recorded the data");
        CliRunner.Result straight = CliRunner.run("run", dir.resolve("killed.yaml").toString(), "--out",
                dir.resolve("straight").toString());
        assertEquals(0, straight.exitCode(), straight.err());
        JsonNode a = seed(Path.of(straight.lastLine()));
        JsonNode b = seed(finished);
        for (String key : List.of("accuracy_matrix", "random_init_accuracy", "weights_hash")) {
            assertEquals(a.get(key), b.get(key), key);
        }
    }

    /**
     * A kill in the instant between making the partial folder and saving its config leaves a folder
     * with nothing but its lock file; --resume said to "restore" a config.yaml the user never had.
     */
    @Test
    void aFolderKilledBeforeItsConfigWasSavedIsNamedForWhatItIs(@TempDir Path dir) throws IOException {
        Path partial = stoppedAfterOneTask(dir);
        keepOnly(partial, ".lock");
        CliRunner.Result resumed = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("left by a run killed as it made the folder (before it saved its config,"
                + " so nothing was trained); delete it and start the run anew"), resumed.err());
    }

    private static JsonNode seed(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("metrics.json").toFile()).get("strategies").get("naive")
                .get("seeds").get("4");
    }

    /** Deletes everything in a folder but the named files, as a kill before the others were written leaves it. */
    private static void keepOnly(Path folder, String... names) throws IOException {
        List<Path> kept = Stream.of(names).map(folder::resolve).toList();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(folder) && !kept.contains(p)) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * A kill after a unit's last task was saved and before the state of the task before it was
     * deleted: no later save of the unit deletes it, and the resume had left it in the finished run,
     * a superseded checkpoint beside the final one.
     */
    @Test
    void aStateThatAKillKeptFromBeingDeletedIsNotInTheFinishedRun(@TempDir Path dir) throws IOException {
        Path partial = stopped(dir, CONFIG.replace("seeds: [4]", "seeds: [4, 5]"), 2);
        Path unit = partial.resolve("checkpoints/naive/seed-4");
        Files.copy(unit.resolve("learner-2.state"), unit.resolve("learner-1.state"));
        CliRunner.Result resumed = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        try (Stream<Path> files = Files.list(Path.of(resumed.lastLine()).resolve("checkpoints/naive/seed-4"))) {
            assertEquals(List.of("learner-2.state", "progress.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /** A run stopped after its first task; its partial folder. */
    private static Path stoppedAfterOneTask(Path dir) throws IOException {
        return stopped(dir, CONFIG, 1);
    }

    /** A run of a config stopped after some tasks; its partial folder. */
    private static Path stopped(Path dir, String text, int tasks) throws IOException {
        Path config = dir.resolve("killed.yaml");
        Files.writeString(config, text);
        Path root = dir.resolve("results");
        CliRunner.Result stopped = CliRunner.run("run", config.toString(), "--out", root.toString(),
                "--stop-after-tasks", Integer.toString(tasks));
        assertEquals(2, stopped.exitCode(), stopped.err());
        try (Stream<Path> s = Files.list(root.resolve("killed"))) {
            Path partial = s.findFirst().orElseThrow();
            assertTrue(partial.getFileName().toString().endsWith(".partial"), partial.toString());
            return partial;
        }
    }
}
