package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code engram compare} notes that task-incremental FWT measures no transfer only where there is an FWT: a run
 * of one task has none (FWT needs a task learned before another), and its own summary gives no note, so neither
 * does its comparison; the same run with two tasks has the note in both.
 */
class CompareFwtNoteTest {
    private static final String NOTE = "fwt measures no transfer in task-incremental learning";

    @ParameterizedTest(name = "{0} task(s)")
    @ValueSource(ints = {1, 2})
    void theNoteComesWithASecondTask(int tasks, @TempDir Path dir) throws IOException {
        Path config = dir.resolve("one.yaml");
        Files.writeString(config, String.join("\n",
                "name: one",
                "seeds: [1]",
                "data: {dataset: synthetic}",
                "tasks: {sequence: synthetic, scenario: task_incremental, count: " + tasks + ", classes_per_task: 2}",
                "network: {hidden: [8]}",
                "encoder: {steps: 4}",
                "training: {epochs: 1}",
                "strategies: [{name: naive}]",
                ""));
        CliRunner.Result run = CliRunner.run("run", config.toString(), "--out", dir.resolve("runs").toString());
        assertEquals(0, run.exitCode(), run.err());
        Path folder = Path.of(run.lastLine());
        CliRunner.Result compared = CliRunner.run("compare", folder.toString(), "--out", dir.resolve("cmp").toString());
        assertEquals(0, compared.exitCode(), compared.err());
        Path comparison = Path.of(compared.lastLine());
        for (Path file : new Path[] {folder.resolve("summary.md"), comparison.resolve("comparison.md"),
            comparison.resolve("comparison.tex")}) {
            String text = Files.readString(file);
            if (tasks == 1) {
                assertFalse(text.contains(NOTE), file + ":\n" + text);
            } else {
                assertTrue(text.contains(NOTE), file + ":\n" + text);
            }
        }
    }
}
