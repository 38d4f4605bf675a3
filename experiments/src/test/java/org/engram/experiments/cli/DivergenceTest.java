package org.engram.experiments.cli;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training whose loss becomes NaN stops the run as failed, saying what diverged and what to
 * change; it finished with exit code 0 and accuracies of broken weights.
 */
class DivergenceTest {
    @Test
    void aNanLossFailsTheRunWithTheWayOut(@TempDir Path dir) throws IOException {
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
        assertTrue(r.err().contains("naive, seed 1, task 1, epoch 1: the training loss is NaN: the training diverged"),
                r.err());
        assertTrue(r.err().contains("a smaller training.learning_rate (now 1.0E300)"), r.err());
        assertFalse(r.err().contains("--resume"), "resuming would diverge again: " + r.err());
        List<Path> partial;
        try (Stream<Path> s = Files.list(out.resolve("diverge"))) {
            partial = s.toList();
        }
        assertEquals(1, partial.size(), partial.toString());
        JsonNode status = new ObjectMapper().readTree(partial.get(0).resolve("status.json").toFile());
        assertEquals("failed", status.get("state").asText());
        assertFalse(Files.exists(partial.get(0).resolve("metrics.json")), "no metrics of broken weights");
    }
}
