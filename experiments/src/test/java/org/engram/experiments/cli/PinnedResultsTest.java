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
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code engram run}'s results, pinned to the bit: the final weights and the last checkpoint file of
 * strategies of three small runs, as Engram wrote them at commit 3a282f09. Between them the runs take
 * every path of the forward pass (rate and direct-current input, one and two hidden layers, a
 * recurrent layer, 12 and 70 time steps: runs of spikes kept as a bit mask up to 64 steps, as a list
 * beyond) and every kind of checkpoint state (optimiser moments, importances, a replay memory, HLOP's
 * subspaces). A change that is meant to leave results alone (an optimisation) must keep them; one
 * that changes them on purpose updates the values here and says so.
 */
class PinnedResultsTest {
    private static final String BUNDLED = String.join("\n", "seeds: [1]", "data: {bundled: true}", "");

    /** Two task-incremental tasks, 64 hidden neurons, rate input over 12 steps, five strategies. */
    private static final String ONE_LAYER = String.join("\n",
            "name: pin",
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

    /** Two class-incremental tasks, two hidden layers of which the first is recurrent, 70 steps. */
    private static final String RECURRENT = String.join("\n",
            "name: pinb",
            "tasks: {sequence: split, scenario: class_incremental, count: 2, classes_per_task: 2,"
                    + " train_per_task: 64, test_per_task: 20}",
            "network: {hidden: [32, 16], recurrent: true}",
            "encoder: {kind: rate, steps: 70}",
            "training: {epochs: 1, batch_size: 16}",
            "strategies:",
            "  - name: naive",
            "  - name: replay",
            "    params: {memory_size: 20, replay_batch_size: 4}",
            "");

    /** Two domain-incremental tasks, two hidden layers, direct-current input over 8 steps. */
    private static final String DIRECT_CURRENT = String.join("\n",
            "name: pinc",
            "tasks: {sequence: split, scenario: domain_incremental, count: 2, classes_per_task: 2,"
                    + " train_per_task: 64, test_per_task: 20}",
            "network: {hidden: [24, 16]}",
            "encoder: {kind: direct_current, steps: 8}",
            "training: {epochs: 1, batch_size: 16}",
            "strategies:",
            "  - name: naive",
            "  - name: si",
            "    params: {c: 0.5}",
            "");

    /** A strategy's weights_hash and the SHA-256 of its checkpoint after the last task, of commit 3a282f09. */
    private record Pin(String strategy, String weightsHash, String checkpointSha256) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void weightsAndCheckpointsAreThoseOfBeforeOnOneAndTwoThreads(String name, String config, List<Pin> pins,
                                                                 @TempDir Path dir) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, BUNDLED + config);
        for (String threads : List.of("1", "2")) {
            CliRunner.Result r = CliRunner.run("run", file.toString(), "--threads", threads, "--out",
                    dir.resolve("out" + threads).toString());
            assertEquals(0, r.exitCode(), r.err());
            Path folder = Path.of(r.lastLine());
            JsonNode strategies = new ObjectMapper().readTree(folder.resolve("metrics.json").toFile())
                    .get("strategies");
            for (Pin pin : pins) {
                String where = pin.strategy() + ", " + threads + " thread(s)";
                assertEquals(pin.weightsHash(),
                        strategies.get(pin.strategy()).get("seeds").get("1").get("weights_hash").asText(), where);
                Path state = folder.resolve("checkpoints/" + pin.strategy() + "/seed-1/learner-2.state");
                assertEquals(pin.checkpointSha256(), sha256(Files.readAllBytes(state)), where + ": " + state);
            }
        }
    }

    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of("one hidden layer, rate, 12 steps", ONE_LAYER, List.of(
                        new Pin("naive", "a9e2334a3bbc5c24f0db0c2164f05df279dd1f0db0ccdb95ff50ec8924b11a7d",
                                "3e58d9ee9f768a077c3725477599854ba2c1adeea6ceb427b5378281c2e05640"),
                        new Pin("ewc", "860f8e4a3fe293ef40d803a44d507d86b82784dcbe1be8b8cbdcb183dabd90c0",
                                "2e392edbe532f16e886cd00c3fc3c9023070a79176b659c6d2006e91e37ca7c5"),
                        new Pin("si", "4c4e85bde6b48333731b26290ca10916971826b0b28f83e4bd7fb5e73ba8acd1",
                                "2b37fc0f43ce0c7dd0340045009a3bb1076b448734aa8943e9db815d02b39ef7"),
                        new Pin("hlop", "67291aa9efefdfae915a14625109479586d0b09da0458422a87b56ffae60e313",
                                "133a587bb228d986f1e79b901f78631f003279f40d784053717b19eaa03c2f17"),
                        new Pin("replay", "b0d0dd7370bcbf70a4496d31e47c8f5b96e99650011a0fecac76213a898259f7",
                                "1a0659a728b82edacb3bf094fe8efdd31ea5686f82a1260d2fd48c351659004a"))),
                Arguments.of("two hidden layers, recurrent, 70 steps", RECURRENT, List.of(
                        new Pin("naive", "cf495931384a4cd5b5e65118b008c3642bac795b4ded33c90c8b417811208b3d",
                                "d309ce3078d1df2c0b948123f1f3ee4a7939ba3de949a7befd37b097d136075b"),
                        new Pin("replay", "0943ff4f809272b99d49eb9f4079a4acaf032bc1db0e2778b5c2859dc997c009",
                                "7d298bb53f0560f9b79a3c197a4efd64881acad47d8097b5364c2b91a600b721"))),
                Arguments.of("two hidden layers, direct current", DIRECT_CURRENT, List.of(
                        new Pin("naive", "640ddd2f964d3941eb6c734b04116cf7688efd87b7cea325323bebe3673a0deb",
                                "e2f2c4d619606199e093e74cc8eae7e23047ba8a014ae52131b60295d95336ef"),
                        new Pin("si", "1f88f32ae15f7359af9914b7df51f257730ad099686812d30e2d23f78683c44c",
                                "be6ae6907a4c4bcac7b5d2e2df297ec2f8f744f13b2cd83126747e1be7730228"))));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
