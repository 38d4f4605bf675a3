package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** A run stopped after its first task; its partial folder. */
    private static Path stoppedAfterOneTask(Path dir) throws IOException {
        Path config = dir.resolve("killed.yaml");
        Files.writeString(config, CONFIG);
        Path root = dir.resolve("results");
        CliRunner.Result stopped = CliRunner.run("run", config.toString(), "--out", root.toString(),
                "--stop-after-tasks", "1");
        assertEquals(2, stopped.exitCode(), stopped.err());
        try (Stream<Path> s = Files.list(root.resolve("killed"))) {
            Path partial = s.findFirst().orElseThrow();
            assertTrue(partial.getFileName().toString().endsWith(".partial"), partial.toString());
            return partial;
        }
    }
}
