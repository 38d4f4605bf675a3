package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram run}'s results, pinned to the bit: the final weights of every strategy of the quick
 * start and replay, and the checkpoint files, as Engram wrote them at commit 3a282f09, before the
 * forward pass added its weight rows four at a time and checkpoints wrote their arrays in blocks.
 * A change that is meant to leave results alone (an optimisation) must keep them; one that changes
 * them on purpose updates the values here and says so.
 */
class PinnedResultsTest {
    /** Two tasks of the bundled data, seed 1, one epoch of 64 hidden neurons over 12 steps. */
    private static final String CONFIG = String.join("\n",
            "name: pin",
            "seeds: [1]",
            "data: {bundled: true}",
            "tasks: {sequence: split, scenario: task_incremental, count: 2, classes_per_task: 2,"
                    + " train_per_task: 96, test_per_task: 40}",
            "network: {hidden: [64]}",
            "encoder: {kind: rate, steps: 12}",
            "training: {epochs: 1, batch_size: 32}",
            "strategies:",
            "  - name: naive",
            "  - name: ewc",
            "    params: {lambda: 1000, fisher_samples: 20}",
            "  - name: si",
            "    params: {c: 0.5}",
            "  - name: hlop",
            "  - name: replay",
            "    params: {memory_size: 40, replay_batch_size: 8}",
            "");

    /** Strategy, weights_hash and the SHA-256 of its checkpoint after the last task, of commit 3a282f09. */
    private static final List<List<String>> PINNED = List.of(
            List.of("naive", "a9e2334a3bbc5c24f0db0c2164f05df279dd1f0db0ccdb95ff50ec8924b11a7d",
                    "3e58d9ee9f768a077c3725477599854ba2c1adeea6ceb427b5378281c2e05640"),
            List.of("ewc", "860f8e4a3fe293ef40d803a44d507d86b82784dcbe1be8b8cbdcb183dabd90c0",
                    "2e392edbe532f16e886cd00c3fc3c9023070a79176b659c6d2006e91e37ca7c5"),
            List.of("si", "4c4e85bde6b48333731b26290ca10916971826b0b28f83e4bd7fb5e73ba8acd1",
                    "2b37fc0f43ce0c7dd0340045009a3bb1076b448734aa8943e9db815d02b39ef7"),
            List.of("hlop", "67291aa9efefdfae915a14625109479586d0b09da0458422a87b56ffae60e313",
                    "133a587bb228d986f1e79b901f78631f003279f40d784053717b19eaa03c2f17"),
            List.of("replay", "b0d0dd7370bcbf70a4496d31e47c8f5b96e99650011a0fecac76213a898259f7",
                    "1a0659a728b82edacb3bf094fe8efdd31ea5686f82a1260d2fd48c351659004a"));

    @Test
    void weightsAndCheckpointsAreThoseOfBeforeOnOneAndTwoThreads(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("pin.yaml");
        Files.writeString(config, CONFIG);
        for (String threads : List.of("1", "2")) {
            CliRunner.Result r = CliRunner.run("run", config.toString(), "--threads", threads, "--out",
                    dir.resolve("out" + threads).toString());
            assertEquals(0, r.exitCode(), r.err());
            Path folder = Path.of(r.lastLine());
            JsonNode strategies = new ObjectMapper().readTree(folder.resolve("metrics.json").toFile())
                    .get("strategies");
            for (List<String> pin : PINNED) {
                String where = pin.get(0) + ", " + threads + " thread(s)";
                assertEquals(pin.get(1), strategies.get(pin.get(0)).get("seeds").get("1").get("weights_hash").asText(),
                        where);
                Path state = folder.resolve("checkpoints/" + pin.get(0) + "/seed-1/learner-2.state");
                assertEquals(pin.get(2), sha256(Files.readAllBytes(state)), where + ": " + state);
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
