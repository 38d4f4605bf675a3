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
 * cannot fit the heap together: each unit's samples, network, training and strategy state, and the
 * run's data, in two thirds of the heap.
 */
class JobsHeapTest {
    /** Two tasks of two classes of 1,000 training and 1,000 test patterns: 8,000 samples a unit. */
    private static final int SAMPLES = 2 * 2 * (1000 + 1000);

    @Test
    void unitsThatDoNotFitTogetherAreRefusedNamingTheMostThatFit(@TempDir Path dir) throws IOException {
        long heap = Runtime.getRuntime().maxMemory();
        // A unit holds each synthetic sample twice (its row, and its task sequence's flat copy): about
        // 8 bytes a feature. Inputs that make a unit 1/3.5 of what two thirds of the heap leave beside
        // the program's 16 MB: three units fit, four do not (the network, of 2 hidden neurons, and its
        // training add about 1%).
        int inputs = (int) ((heap * 2.0 / 3 - 16e6) / 3.5 / (SAMPLES * 8.0));
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
        String expected = String.format(Locale.ROOT, "--jobs: expected units that fit together in two thirds of the"
                + " Java heap of %.0f MB, %.1f MB (each unit trained at once holds its own tasks' samples, network,"
                + " training and strategy state), found 4 units at once of up to ", heap / 1e6, heap * 2.0 / 3 / 1e6);
        assertTrue(four.err().contains(expected), four.err());
        assertTrue(four.err().contains("(naive: ") && four.err().contains("8000 samples x " + inputs + " features"),
                four.err());
        assertTrue(four.err().contains("--jobs 3 (the most that fit), or "), four.err());
        assertFalse(Files.exists(out), "no run folder");
    }

    /**
     * Two units of 4,000 samples of 2,500 features (40 MB of samples each) in a heap of 128 MB: the
     * samples alone fit (80 MB), but each unit also keeps its task sequence's copy of them, and side
     * by side the run ran out of memory in its first task. It is refused before it starts.
     */
    @Test
    void unitsWhoseSamplesAloneFitButNotTheirCopiesAreRefusedUpFront(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("r.yaml");
        Files.writeString(config, rConfig());
        Path out = dir.resolve("runs");
        Child two = child(dir, "128m", "run", config.toString(), "--out", out.toString(), "--jobs", "2");
        assertEquals(2, two.exitCode(), two.err());
        assertTrue(two.err().contains("--jobs: expected units that fit together in two thirds of the Java heap")
                && two.err().contains("found 2 units at once of up to ")
                && two.err().contains("4000 samples x 2500 features")
                && two.err().contains("fewer tasks or samples, or "), two.err());
        assertFalse(Files.exists(out), "no run folder");
    }

    /**
     * A resume counts the units it still trains: four unfinished units of about 82 MB each (see
     * {@link #unitsWhoseSamplesAloneFitButNotTheirCopiesAreRefusedUpFront}) beside the program's
     * 16 MB fit two thirds of a heap of 330 MB two at a time, and once two are finished the remaining
     * two are refused where only one fits (200 MB), the run's partial folder left as it was. Each
     * step runs in a JVM of its own heap.
     */
    @Test
    void aResumeIsBoundByTheUnitsItStillTrains(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("r.yaml");
        Files.writeString(config, rConfig());
        Path out = dir.resolve("runs");
        assertEquals(2, child(dir, "256m", "run", config.toString(), "--out", out.toString(), "--stop-after-tasks",
                "1").exitCode(), "stopped after naive's first task of seed 1");
        Path partial;
        try (Stream<Path> runs = Files.list(out.resolve("r"))) {
            partial = runs.filter(p -> p.getFileName().toString().endsWith(".partial")).findFirst().orElseThrow();
        }
        String status = Files.readString(partial.resolve("status.json"));
        Child four = child(dir, "330m", "run", "--resume", partial.toString(), "--jobs", "4");
        assertEquals(2, four.exitCode(), four.err());
        assertTrue(four.err().contains("found 4 units at once of up to ") && four.err().contains("--jobs 2 (the most"
                + " that fit)"), four.err());
        assertEquals(status, Files.readString(partial.resolve("status.json")), "the partial run as it was");

        assertEquals(2, child(dir, "256m", "run", "--resume", partial.toString(), "--stop-after-tasks", "3")
                .exitCode(), "stopped once naive's two units are finished");
        Child two = child(dir, "200m", "run", "--resume", partial.toString(), "--jobs", "4");
        assertEquals(2, two.exitCode(), two.err());
        assertTrue(two.err().contains("found 2 units at once of up to ") && two.err().contains("--jobs 1 (the most"
                + " that fit)"), two.err());
    }

    /**
     * The quick start with {@code --jobs 2} at the JVM's default heap is not refused: it trains
     * (stopped after its first task).
     */
    @Test
    void theQuickStartSideBySideFitsTheDefaultHeap(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("runs");
        Child run = child(dir, null, "run", Path.of("configs", "quickstart.yaml").toString(), "--out",
                out.toString(), "--jobs", "2", "--stop-after-tasks", "1");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("run stopped after 1 task as asked"), run.err());
        assertFalse(run.err().contains("--jobs: expected"), run.err());
    }

    /** Four units, naive and l2 on two seeds, of 2 tasks of 2 classes of 500 + 500 patterns of 2,500 inputs. */
    private static String rConfig() {
        return String.join("\n",
                "name: r",
                "seeds: [1, 2]",
                "data: {dataset: synthetic}",
                "tasks: {sequence: synthetic, scenario: task_incremental, count: 2, classes_per_task: 2,",
                "  synthetic: {inputs: 2500, train_per_class: 500, test_per_class: 500}}",
                "network: {hidden: [2]}",
                "encoder: {steps: 2}",
                "strategies: [{name: naive}, {name: l2}]",
                "");
    }

    private record Child(int exitCode, String err) {
    }

    /** Runs the command line in a JVM of the given heap (null: the JVM's default), with the test hooks. */
    private static Child child(Path dir, String heap, String... args) throws Exception {
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(CliRunner.command(heap == null ? List.of() : List.of("-Xmx" + heap), args))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        return new Child(p.waitFor(), Files.readString(err));
    }
}
