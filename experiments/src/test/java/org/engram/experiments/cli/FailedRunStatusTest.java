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
import org.engram.experiments.launch.HeapAdvice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that cannot go on records why in its status: a training that diverges (it finished with
 * exit code 0 and accuracies of broken weights), and a heap too small (its status said running).
 */
class FailedRunStatusTest {
    /** The first batch's update takes the weights past the floats: the run stops there, not at the epoch's end. */
    @Test
    void aDivergedTrainingFailsTheRunWithTheWayOut(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("diverge.yaml");
        Files.writeString(config, String.join("\n",
                "name: diverge",
                "data: {bundled: true}",
                "tasks: {sequence: split, count: 2, classes_per_task: 2, train_per_task: 200, test_per_task: 10}",
                "network: {hidden: [32]}",
                "encoder: {steps: 8}",
                "training: {epochs: 1, batch_size: 32, learning_rate: 1e300}",
                "strategies: [{name: naive}]",
                ""));
        Path out = dir.resolve("results");
        CliRunner.Result r = CliRunner.run("run", config.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("naive, seed 1: task 1, epoch 1, batch 1: weight 0 of matrix 0 is "), r.err());
        assertTrue(r.err().contains("after the batch: the training diverged"), r.err());
        assertTrue(r.err().contains("a smaller training.learning_rate (now 1.0E300)"), r.err());
        assertFalse(r.err().contains("--resume"), "resuming would diverge again: " + r.err());
        List<Path> partial;
        try (Stream<Path> s = Files.list(out.resolve("diverge"))) {
            partial = s.toList();
        }
        assertEquals(1, partial.size(), partial.toString());
        JsonNode status = new ObjectMapper().readTree(partial.get(0).resolve("status.json").toFile());
        assertEquals("failed", status.get("state").asText());
        assertTrue(status.get("resume").isNull(), "no command that would diverge again: " + status);
        assertFalse(Files.exists(partial.get(0).resolve("metrics.json")), "no metrics of broken weights");
        // Resumed all the same, it is refused at once rather than trained until it diverges again.
        CliRunner.Result resumed = CliRunner.run("run", "--resume", partial.get(0).toString());
        assertEquals(2, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("status.json: resume: expected a run that can go on, found a run that"
                + " failed and cannot be continued: naive, seed 1: task 1, epoch 1, batch 1"), resumed.err());
        assertFalse(resumed.err().contains("resuming"), resumed.err());
    }

    /**
     * HLOP's Hebbian learning leaving the finite numbers fails the run as a diverged loss does,
     * named by the run unit (label and seed), not with the advice to resume.
     */
    @Test
    void divergedHebbianLearningFailsTheRunNamingTheUnit(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("hebbian.yaml");
        Files.writeString(config, String.join("\n",
                "name: hebbian",
                "threads: 1",
                "data: {bundled: true}",
                "tasks: {sequence: split, count: 2, classes_per_task: 2, train_per_task: 200, test_per_task: 20}",
                "network: {hidden: [16]}",
                "encoder: {steps: 4}",
                "training: {epochs: 1, batch_size: 8}",
                "strategies: [{name: hlop, label: hlop-fast, params: {momentum: 0.999, learning_rate: 0.9}}]",
                ""));
        Path out = dir.resolve("results");
        CliRunner.Result r = CliRunner.run("run", config.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("hlop-fast, seed 1: hlop, task 2, layer 0: the lateral neurons' Hebbian (Oja)"
                + " learning diverged"), r.err());
        assertTrue(r.err().contains("a smaller momentum (now 0.999) or learning_rate (now 0.9)"), r.err());
        assertFalse(r.err().contains("--resume"), "resuming would diverge again: " + r.err());
        try (Stream<Path> s = Files.list(out.resolve("hebbian"))) {
            Path partial = s.findFirst().orElseThrow();
            assertEquals("failed", new ObjectMapper().readTree(partial.resolve("status.json").toFile()).get("state")
                    .asText());
        }
    }

    /**
     * A run that runs out of memory is marked failed, with the command that continues it, and goes on from its
     * checkpoints given more memory. The config's unit counts 75 MB with the run's data, so the run is refused in
     * a 48 MB heap, new or resumed, before it trains: the heap runs out here by the test hook, after the first
     * task is saved, where no heap size makes it run out reliably.
     */
    @Test
    void runningOutOfMemoryMarksTheRunFailed(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("big.yaml");
        Files.writeString(config, String.join("\n",
                "name: big",
                "data: {bundled: true}",
                "tasks: {sequence: split, count: 2, classes_per_task: 2, train_per_task: 256, test_per_task: 10}",
                "network: {hidden: [300]}",
                "encoder: {steps: 100}",
                "training: {batch_size: 256}",
                "strategies: [{name: naive}]",
                ""));
        Path out = dir.resolve("results");
        Path log = dir.resolve("log.txt");
        Process refused = CliRunner.start(List.of("-Xmx48m"), log, "run", config.toString(), "--out", out.toString());
        assertEquals(2, refused.waitFor(), Files.readString(log));
        assertTrue(Files.readString(log).contains("network.hidden: expected a unit that fits the Java heap of "),
                Files.readString(log));
        assertFalse(Files.exists(out), "no run folder");
        Process p = CliRunner.start(log, "run", config.toString(), "--out", out.toString(),
                "--heap-runs-out-after-tasks", "1");
        assertEquals(1, p.waitFor(), Files.readString(log));
        assertTrue(Files.readString(log).contains("engram: error: out of memory"), Files.readString(log));
        // How to give it more heap, in the words of every other message about the heap.
        assertTrue(Files.readString(log).contains("or recording, or " + HeapAdvice.MORE_HEAP + "\n"),
                Files.readString(log));
        List<Path> partial;
        try (Stream<Path> s = Files.list(out.resolve("big"))) {
            partial = s.toList();
        }
        Path statusFile = partial.get(0).resolve("status.json");
        JsonNode status = new ObjectMapper().readTree(statusFile.toFile());
        assertEquals("failed", status.get("state").asText());
        assertTrue(status.get("message").asText().startsWith("out of memory (Java heap of ")
                && status.get("message").asText().endsWith(" MB); " + HeapAdvice.MORE_HEAP), status.toString());
        // With more memory the run goes on from its checkpoints: the status gives the command.
        assertTrue(status.get("resume").asText().endsWith("engram run --resume " + partial.get(0)), status.toString());
        // The terminal says so too: where the finished task is checkpointed, and the command, before the heap's limit.
        String err = Files.readString(log);
        assertTrue(err.contains("engram: the run ran out of memory; the finished tasks are checkpointed in "
                + partial.get(0) + "; with a larger heap, continue with: "), err);

        // Resumed in a heap too small for its unit, the run is refused before it trains, its folder as it was.
        byte[] failedStatus = Files.readAllBytes(statusFile);
        Process small = CliRunner.start(List.of("-Xmx48m"), log, "run", "--resume", partial.get(0).toString());
        assertEquals(2, small.waitFor(), Files.readString(log));
        assertTrue(Files.readString(log).contains(partial.get(0) + ": --resume: expected a Java heap that holds the"
                + " largest unit the run still trains beside the run's data (naive: "), Files.readString(log));
        assertTrue(Files.readString(log).contains(", found a heap of "), Files.readString(log));
        assertTrue(Files.readString(log).contains("resume with more memory: " + HeapAdvice.MORE_HEAP),
                Files.readString(log));
        assertArrayEquals(failedStatus, Files.readAllBytes(statusFile), "the status is left as it was");

        Process resumed = CliRunner.start(log, "run", "--resume", partial.get(0).toString());
        assertEquals(0, resumed.waitFor(), Files.readString(log));
        assertTrue(Files.exists(out.resolve("big").resolve(partial.get(0).getFileName().toString()
                .replaceAll("^\\.(.*)\\.partial$", "$1")).resolve("metrics.json")), Files.readString(log));
    }
}
