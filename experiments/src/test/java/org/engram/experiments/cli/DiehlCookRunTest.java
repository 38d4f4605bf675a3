package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram run} with {@code learner.kind: diehl_cook}: the unsupervised STDP network goes
 * through the runner's loop and writes the same run folder as BPTT, resumes to identical results,
 * and strategies it cannot use are refused before any folder exists.
 */
class DiehlCookRunTest {
    private static final int TASKS = 3;
    private static final int TEST = 10;
    private static final String STRATEGIES = String.join("\n",
            "strategies:",
            "  - name: naive",
            "  - name: importance_gating",
            "    params: {c: 100}",
            "");
    /** 10 neurons, 60 ms per sample, 20 training and 10 test images per task: about a second per run. */
    private static final String TINY = String.join("\n",
            "name: stdp",
            "seeds: [3]",
            "data: {bundled: true}",
            "tasks: {sequence: split, scenario: class_incremental, count: " + TASKS + ", classes_per_task: 2,"
                    + " train_per_task: 20, test_per_task: " + TEST + "}",
            "learner: {kind: diehl_cook, neurons: 10, present_ms: 50, rest_ms: 10, label_per_task: 10}",
            "") + STRATEGIES;

    @TempDir
    static Path dir;
    static Path config;
    static Path folder;
    static JsonNode metrics;

    @BeforeAll
    static void runOnce() throws IOException {
        config = dir.resolve("stdp.yaml");
        Files.writeString(config, TINY);
        CliRunner.Result run = CliRunner.run("run", config.toString(), "--out", dir.resolve("straight").toString());
        assertEquals(0, run.exitCode(), run.err());
        folder = Path.of(run.lastLine());
        metrics = new ObjectMapper().readTree(folder.resolve("metrics.json").toFile());
    }

    @Test
    void writesEveryFileOfARunFolder() throws IOException {
        for (String f : List.of("config.yaml", "metrics.json", "accuracy_matrix.csv", "log.csv", "summary.md",
                "status.json", "plots/comparison.png", "plots/comparison.svg", "plots/forgetting_naive.png",
                "plots/accuracy_matrix_importance_gating.svg", "checkpoints/naive/seed-3/learner-" + TASKS + ".state",
                "checkpoints/importance_gating/seed-3/progress.json")) {
            assertTrue(Files.isRegularFile(folder.resolve(f)), f);
        }
        assertFalse(Files.exists(folder.resolve("plots/learning_curve_loss.png")), "no loss, so no loss curve");
        assertEquals(1 + 2 * TASKS, Files.readAllLines(folder.resolve("log.csv")).size(), "one line per task");
        String summary = Files.readString(folder.resolve("summary.md"));
        assertTrue(summary.contains("Diehl and Cook (2015)"), summary);
        assertTrue(summary.contains("## naive: accuracy matrix (%), seed 3\n"), "one seed's matrix, not a mean: "
                + summary);
    }

    @Test
    void metricsFollowTheirDefinitionsAndTheClassIncrementalVote() {
        for (String strategy : List.of("naive", "importance_gating")) {
            JsonNode m = metrics.get("strategies").get(strategy).get("seeds").get("3");
            double[][] r = new double[TASKS][TASKS];
            for (int i = 0; i < TASKS; i++) {
                for (int j = 0; j < TASKS; j++) {
                    r[i][j] = m.get("accuracy_matrix").get(i).get(j).asDouble();
                    // Each entry counts correct votes out of TEST samples; classes not yet seen label no neuron.
                    assertEquals(Math.rint(r[i][j] * TEST), r[i][j] * TEST, 1e-9,
                            strategy + " R[" + i + "][" + j + "]");
                    if (j > i) {
                        assertEquals(0.0, r[i][j], strategy + ": task " + j + " is unseen after task " + i);
                    }
                }
            }
            double acc = 0;
            double bwt = 0;
            double forgetting = 0;
            double learning = 0;
            for (int i = 0; i < TASKS; i++) {
                acc += r[TASKS - 1][i] / TASKS;
                learning += r[i][i] / TASKS;
                if (i < TASKS - 1) {
                    bwt += (r[TASKS - 1][i] - r[i][i]) / (TASKS - 1);
                    double best = 0;
                    for (int k = i; k < TASKS - 1; k++) {
                        best = Math.max(best, r[k][i]);
                    }
                    forgetting += (best - r[TASKS - 1][i]) / (TASKS - 1);
                }
            }
            // Sums of at most 3 fractions: a few ulps.
            double tol = 1e-12;
            assertEquals(acc, m.get("acc").asDouble(), tol, strategy + " ACC");
            assertEquals(bwt, m.get("bwt").asDouble(), tol, strategy + " BWT");
            assertEquals(forgetting, m.get("forgetting").asDouble(), tol, strategy + " forgetting");
            assertEquals(learning, m.get("learning_accuracy").asDouble(), tol, strategy + " learning accuracy");
            assertEquals(TASKS * TASKS * TEST, m.get("inference_samples").asLong(), "every task after every task");
            long spikes = m.get("spikes").asLong();
            long ops = m.get("synaptic_operations").asLong();
            // Every spike drives 1 (excitatory) to 10 (input) synapses.
            assertTrue(spikes > 0 && ops >= spikes && ops <= 10 * spikes, spikes + " spikes, " + ops + " operations");
            assertEquals(TASKS * 20, m.get("train_samples").asLong());
        }
        // The note on FWT speaks of this learner's vote, not of a masked readout it does not have.
        String notes = metrics.get("notes").toString();
        assertTrue(notes.contains("none votes for a task's classes before the task is learned")
                && !notes.contains("masked"), notes);
    }

    @Test
    void resumedRunMatchesAnUninterruptedOneBitForBit() throws IOException {
        Path root = dir.resolve("stopped");
        CliRunner.Result first = CliRunner.run("run", config.toString(), "--out", root.toString(),
                "--stop-after-tasks", "2");
        assertEquals(2, first.exitCode(), first.err());
        Path partial = onlyEntry(root.resolve("stdp"));
        // Stop again after the first task of importance_gating, whose state holds the importance.
        CliRunner.Result second = CliRunner.run("run", "--resume", partial.toString(), "--stop-after-tasks", "2");
        assertEquals(2, second.exitCode(), second.err());
        CliRunner.Result last = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(0, last.exitCode(), last.err());
        assertSameResultsAsTheStraightRun(Path.of(last.lastLine()));
    }

    /** Its two units trained side by side, each simulating its own network, give the same results. */
    @Test
    void unitsSideBySideGiveTheResultsOfOneAtATime() throws IOException {
        CliRunner.Result run = CliRunner.run("run", config.toString(), "--out", dir.resolve("jobs").toString(),
                "--jobs", "2");
        assertEquals(0, run.exitCode(), run.err());
        assertSameResultsAsTheStraightRun(Path.of(run.lastLine()));
    }

    private static void assertSameResultsAsTheStraightRun(Path finished) throws IOException {
        JsonNode other = new ObjectMapper().readTree(finished.resolve("metrics.json").toFile());
        for (String strategy : List.of("naive", "importance_gating")) {
            JsonNode a = metrics.get("strategies").get(strategy).get("seeds").get("3");
            JsonNode b = other.get("strategies").get(strategy).get("seeds").get("3");
            for (String key : List.of("accuracy_matrix", "random_init_accuracy", "acc", "bwt", "forgetting",
                    "weights_hash", "spikes", "synaptic_operations")) {
                assertEquals(a.get(key), b.get(key), strategy + " " + key);
            }
            String state = "checkpoints/" + strategy + "/seed-3/learner-" + TASKS + ".state";
            assertArrayEquals(Files.readAllBytes(folder.resolve(state)), Files.readAllBytes(finished.resolve(state)),
                    strategy + ": final learner state");
        }
    }

    @Test
    void strategyTheLearnerCannotUseIsRefusedBeforeAnyFolder() throws IOException {
        Path wrong = dir.resolve("stdp-wrong.yaml");
        Files.writeString(wrong, TINY.replace(STRATEGIES, "strategies: [{name: naive}, {name: ewc}]\n"));
        Path out = dir.resolve("refused");
        CliRunner.Result r = CliRunner.run("run", wrong.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        for (String part : List.of("stdp-wrong.yaml:", "strategies[1].name", "'ewc'", "naive or importance_gating",
                "learner.kind diehl_cook")) {
            assertTrue(r.err().contains(part), "message lacks " + part + ": " + r.err());
        }
        assertFalse(Files.exists(out.resolve("stdp")), "no run folder");
    }

    private static Path onlyEntry(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> all = s.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }
}
