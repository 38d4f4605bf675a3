package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram run --jobs} is refused before a run starts when the units it would train at once
 * cannot hold their tasks together in the heap, each unit's alone fitting.
 */
class JobsHeapTest {
    /** Two tasks of two classes of 1,000 training and 1,000 test patterns: 8,000 samples a unit. */
    private static final int SAMPLES = 2 * 2 * (1000 + 1000);

    @Test
    void unitsWhoseTasksDoNotFitTogetherAreRefusedNamingTheMostThatFit(@TempDir Path dir) throws IOException {
        long heap = Runtime.getRuntime().maxMemory();
        // Inputs that make one unit's samples (4 bytes a feature and 4 for a label) just under a third of the heap.
        int inputs = (int) (heap / 3 / SAMPLES / Float.BYTES) - 2;
        double unitBytes = SAMPLES * (inputs * 4.0 + 4);
        assertTrue(3 * unitBytes <= heap && 4 * unitBytes > heap, "three units fit, four do not");
        Path config = dir.resolve("wide.yaml");
        Files.writeString(config, String.join("\n",
                "name: wide",
                "seeds: [1, 2, 3, 4]",
                "data: {dataset: synthetic}",
                "tasks: {sequence: synthetic, scenario: task_incremental, count: 2, classes_per_task: 2,",
                "  synthetic: {inputs: " + inputs + ", train_per_class: 1000, test_per_class: 1000}}",
                "network: {hidden: [2]}",
                "encoder: {steps: 2}",
                "strategies: [{name: naive}]",
                ""));
        Path out = dir.resolve("runs");
        CliRunner.Result four = CliRunner.run("run", config.toString(), "--out", out.toString(), "--jobs", "4");
        assertEquals(2, four.exitCode(), four.err());
        String expected = String.format(Locale.ROOT, "--jobs: expected units whose tasks' samples fit the Java heap"
                + " of %.0f MB together (each unit trained at once holds its own tasks' samples, 4 bytes per feature),"
                + " found 4 units at once of %.1f MB each (8000 samples x %d features), %.1f MB", heap / 1e6,
                unitBytes / 1e6, inputs, 4 * unitBytes / 1e6);
        assertTrue(four.err().contains(expected), four.err());
        assertTrue(four.err().contains("--jobs 3 (the most whose tasks fit), or "), four.err());
        assertFalse(Files.exists(out), "no run folder");
    }

    /**
     * A resume counts the units it still trains: four unfinished ones are refused at a heap that holds
     * two of them, and once two are finished the remaining two are refused only where the heap holds
     * one, the run's partial folder left as it was. Each step runs in a JVM of its own heap.
     */
    @Test
    void aResumeIsBoundByTheUnitsItStillTrains(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("r.yaml");
        // 4,000 samples of 2,500 features and a label: 40.0 MB a unit; four units, naive and l2 on two seeds.
        Files.writeString(config, String.join("\n",
                "name: r",
                "seeds: [1, 2]",
                "data: {dataset: synthetic}",
                "tasks: {sequence: synthetic, scenario: task_incremental, count: 2, classes_per_task: 2,",
                "  synthetic: {inputs: 2500, train_per_class: 500, test_per_class: 500}}",
                "network: {hidden: [2]}",
                "encoder: {steps: 2}",
                "strategies: [{name: naive}, {name: l2}]",
                ""));
        Path out = dir.resolve("runs");
        assertEquals(2, child(dir, "256m", "run", config.toString(), "--out", out.toString(), "--stop-after-tasks",
                "1").exitCode(), "stopped after naive's first task of seed 1");
        Path partial;
        try (Stream<Path> runs = Files.list(out.resolve("r"))) {
            partial = runs.filter(p -> p.getFileName().toString().endsWith(".partial")).findFirst().orElseThrow();
        }
        String status = Files.readString(partial.resolve("status.json"));
        Child four = child(dir, "100m", "run", "--resume", partial.toString(), "--jobs", "4");
        assertEquals(2, four.exitCode(), four.err());
        assertTrue(four.err().contains("found 4 units at once of 40.0 MB each (4000 samples x 2500 features), 160.1 MB;"
                + " --jobs 2 (the most whose tasks fit)"), four.err());
        assertEquals(status, Files.readString(partial.resolve("status.json")), "the partial run as it was");

        assertEquals(2, child(dir, "256m", "run", "--resume", partial.toString(), "--stop-after-tasks", "3")
                .exitCode(), "stopped once naive's two units are finished");
        Child two = child(dir, "60m", "run", "--resume", partial.toString(), "--jobs", "4");
        assertEquals(2, two.exitCode(), two.err());
        assertTrue(two.err().contains("found 2 units at once of 40.0 MB each (4000 samples x 2500 features), 80.0 MB;"
                + " --jobs 1 (the most whose tasks fit)"), two.err());
    }

    private record Child(int exitCode, String err) {
    }

    /** Runs the command line in a JVM of the given heap, with the test hooks. */
    private static Child child(Path dir, String heap, String... args) throws Exception {
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(CliRunner.command(List.of("-Xmx" + heap), args))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        return new Child(p.waitFor(), Files.readString(err));
    }
}
