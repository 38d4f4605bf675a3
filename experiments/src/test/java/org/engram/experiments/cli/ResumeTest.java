package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.engram.learning.io.Envelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped after a task keeps its checkpoints in the partial folder, and {@code --resume}
 * finishes it with results bit-identical to a run that never stopped.
 */
class ResumeTest {
    /** Three tasks of naive and si on seed 4 (other tests give it other seeds). */
    static final String CONFIG = String.join("\n",
            "name: resume",
            "seeds: [4]",
            "data: {bundled: true}",
            "tasks: {sequence: split, scenario: class_incremental, count: 3, classes_per_task: 2,"
                    + " train_per_task: 80, test_per_task: 30}",
            "network: {hidden: [16]}",
            "encoder: {steps: 6}",
            "training: {epochs: 2, batch_size: 20, learning_rate: 0.005}",
            "strategies:",
            "  - name: naive",
            "  - name: si",
            "");

    @Test
    void resumedRunMatchesAnUninterruptedOneBitForBit(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("resume.yaml");
        Files.writeString(config, CONFIG);
        CliRunner.Result straight = CliRunner.run("run", config.toString(), "--out", dir.resolve("a").toString());
        assertEquals(0, straight.exitCode(), straight.err());

        Path root = dir.resolve("b");
        CliRunner.Result stopped = CliRunner.run("run", config.toString(), "--out", root.toString(),
                "--stop-after-tasks", "2");
        assertEquals(2, stopped.exitCode(), stopped.err());
        Path partial = onlyEntry(root.resolve("resume"));
        assertTrue(partial.getFileName().toString().endsWith(".partial"), partial.toString());
        assertTrue(stopped.err().contains("--resume " + partial), stopped.err());
        JsonNode status = new ObjectMapper().readTree(partial.resolve("status.json").toFile());
        assertEquals("stopped", status.get("state").asText());
        assertEquals(2, status.get("completed").size());
        assertEquals(6, status.get("total_tasks").asInt());
        assertTrue(Files.isRegularFile(partial.resolve("checkpoints/naive/seed-4/learner-2.state")));
        assertFalse(Files.exists(partial.resolve("metrics.json")), "no results of an unfinished run");

        // Second stop inside the stateful strategy's unit (naive's last task, then si's first two).
        CliRunner.Result again = CliRunner.run("run", "--resume", partial.toString(), "--stop-after-tasks", "3");
        assertEquals(2, again.exitCode(), again.err());
        CliRunner.Result resumed = CliRunner.run("run", config.toString(), "--resume", partial.toString(),
                "--threads", "2");
        assertEquals(0, resumed.exitCode(), resumed.err());
        Path finished = Path.of(resumed.lastLine());
        assertFalse(Files.exists(partial));
        assertEquals("complete", new ObjectMapper().readTree(finished.resolve("status.json").toFile())
                .get("state").asText());

        Path reference = Path.of(straight.lastLine());
        assertSameUnits(reference, finished, List.of("4"));
        JsonNode a = new ObjectMapper().readTree(reference.resolve("metrics.json").toFile());
        JsonNode b = new ObjectMapper().readTree(finished.resolve("metrics.json").toFile());

        // The provenance is the run's: its start (to the second, from the run id), the hash of its
        // config.yaml (kept as the run started, on one thread), with when and how the last session resumed.
        // It was the resume's: its start time, and the hash of the config with the resume's threads.
        JsonNode provenance = b.get("provenance");
        String id = finished.getFileName().toString();
        assertEquals(id.substring(0, 4) + "-" + id.substring(4, 6) + "-" + id.substring(6, 11) + ":"
                + id.substring(11, 13) + ":" + id.substring(13, 15) + "Z", provenance.get("start_time").asText());
        assertEquals(sha256(finished.resolve("config.yaml")), provenance.get("config_sha256").asText());
        assertEquals(a.get("provenance").get("result_sha256"), provenance.get("result_sha256"));
        assertTrue(provenance.get("resumed_at").isTextual(), provenance.toString());
        assertEquals(2, provenance.get("threads").asInt());
        assertTrue(a.get("provenance").get("resumed_at").isNull(), "a run never stopped was not resumed");
    }

    /**
     * Asserts that two runs of {@link #CONFIG} (naive and si) on these seeds have the same metrics, final
     * learner states and losses epoch by epoch.
     */
    static void assertSameUnits(Path reference, Path run, List<String> seeds) throws IOException {
        JsonNode a = new ObjectMapper().readTree(reference.resolve("metrics.json").toFile());
        JsonNode b = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
        for (String strategy : List.of("naive", "si")) {
            for (String seed : seeds) {
                JsonNode x = a.get("strategies").get(strategy).get("seeds").get(seed);
                JsonNode y = b.get("strategies").get(strategy).get("seeds").get(seed);
                for (String key : List.of("accuracy_matrix", "random_init_accuracy", "acc", "bwt", "fwt",
                        "forgetting", "per_task", "weights_hash")) {
                    assertEquals(x.get(key), y.get(key), strategy + " seed " + seed + " " + key);
                }
                String state = "checkpoints/" + strategy + "/seed-" + seed + "/learner-3.state";
                assertArrayEquals(Files.readAllBytes(reference.resolve(state)), Files.readAllBytes(run.resolve(state)),
                        strategy + " seed " + seed + ": final learner state");
            }
        }
        assertEquals(lossColumn(reference), lossColumn(run));
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A-GEM's memory is in its checkpoint: stopped after its second task and resumed on two threads,
     * a run ends with the weights, accuracies and final state of one that never stopped.
     */
    @Test
    void anAgemRunResumesBitForBit(@TempDir Path dir) throws IOException {
        assertResumesBitForBit(dir, "agem", "{memory_size: 40, sample_size: 10}");
    }

    /**
     * GEM's memories, one per finished task, are in its checkpoint: stopped after its second task and
     * resumed on two threads, a run ends with the weights, accuracies and final state of one that
     * never stopped.
     */
    @Test
    void aGemRunResumesBitForBit(@TempDir Path dir) throws IOException {
        assertResumesBitForBit(dir, "gem", "{patterns_per_task: 15, memory_strength: 0.5}");
    }

    /**
     * Dark experience replay's buffer, samples and stored logits, is in its checkpoint: stopped after
     * its second task and resumed on two threads, a run ends as one that never stopped.
     */
    @Test
    void aDerRunResumesBitForBit(@TempDir Path dir) throws IOException {
        assertResumesBitForBit(dir, "der", "{memory_size: 40, replay_batch_size: 10}");
    }

    /**
     * ER-ACE's memory is in its checkpoint: a class-incremental run, where its incoming samples'
     * cross-entropy is narrowed to their batch's classes, stopped after its second task and resumed
     * on two threads, ends as one that never stopped.
     */
    @Test
    void anErAceRunResumesBitForBit(@TempDir Path dir) throws IOException {
        assertResumesBitForBit(dir, "er_ace", "{memory_size: 40, replay_batch_size: 10}");
    }

    /** Runs a strategy straight through and stopped after task 2 then resumed on 2 threads; compares them. */
    private static void assertResumesBitForBit(Path dir, String strategy, String params) throws IOException {
        Path config = dir.resolve("resume.yaml");
        Files.writeString(config, CONFIG.replace("  - name: naive\n  - name: si\n",
                "  - name: " + strategy + "\n    params: " + params + "\n"));
        CliRunner.Result straight = CliRunner.run("run", config.toString(), "--out", dir.resolve("a").toString());
        assertEquals(0, straight.exitCode(), straight.err());
        Path root = dir.resolve("b");
        CliRunner.Result stopped = CliRunner.run("run", config.toString(), "--out", root.toString(),
                "--stop-after-tasks", "2");
        assertEquals(2, stopped.exitCode(), stopped.err());
        Path partial = onlyEntry(root.resolve("resume"));
        CliRunner.Result resumed = CliRunner.run("run", config.toString(), "--resume", partial.toString(),
                "--threads", "2");
        assertEquals(0, resumed.exitCode(), resumed.err());
        Path reference = Path.of(straight.lastLine());
        Path finished = Path.of(resumed.lastLine());
        JsonNode x = new ObjectMapper().readTree(reference.resolve("metrics.json").toFile())
                .get("strategies").get(strategy).get("seeds").get("4");
        JsonNode y = new ObjectMapper().readTree(finished.resolve("metrics.json").toFile())
                .get("strategies").get(strategy).get("seeds").get("4");
        for (String key : List.of("accuracy_matrix", "acc", "bwt", "weights_hash")) {
            assertEquals(x.get(key), y.get(key), strategy + " " + key);
        }
        String state = "checkpoints/" + strategy + "/seed-4/learner-3.state";
        assertArrayEquals(Files.readAllBytes(reference.resolve(state)), Files.readAllBytes(finished.resolve(state)),
                strategy + ": final learner state");
    }

    /**
     * A kill after a task's learner state was written and before its progress.json: the unit's
     * folder holds the newer state next to the older one and the older progress. The resume
     * continues from the older pair and finishes as a run that never stopped.
     */
    @Test
    void aKillBetweenTheCheckpointWritesIsResumable(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("resume.yaml");
        Files.writeString(config, CONFIG.replace("  - name: si\n", ""));
        CliRunner.Result straight = CliRunner.run("run", config.toString(), "--out", dir.resolve("a").toString());
        assertEquals(0, straight.exitCode(), straight.err());
        Path ahead = dir.resolve("ahead");
        assertEquals(2, CliRunner.run("run", config.toString(), "--out", ahead.toString(), "--stop-after-tasks", "2")
                .exitCode());
        Path behind = dir.resolve("behind");
        assertEquals(2, CliRunner.run("run", config.toString(), "--out", behind.toString(), "--stop-after-tasks", "1")
                .exitCode());
        Path partial = onlyEntry(behind.resolve("resume"));
        String unit = "checkpoints/naive/seed-4/";
        Files.copy(onlyEntry(ahead.resolve("resume")).resolve(unit + "learner-2.state"),
                partial.resolve(unit + "learner-2.state"));

        CliRunner.Result resumed = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        JsonNode a = new ObjectMapper().readTree(Path.of(straight.lastLine()).resolve("metrics.json").toFile());
        JsonNode b = new ObjectMapper().readTree(Path.of(resumed.lastLine()).resolve("metrics.json").toFile());
        JsonNode x = a.get("strategies").get("naive").get("seeds").get("4");
        JsonNode y = b.get("strategies").get("naive").get("seeds").get("4");
        assertEquals(x.get("accuracy_matrix"), y.get("accuracy_matrix"));
        assertEquals(x.get("weights_hash"), y.get("weights_hash"));
        try (Stream<Path> states = Files.list(Path.of(resumed.lastLine()).resolve(unit))) {
            assertEquals(List.of("learner-3.state"), states.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".state")).toList(), "older states are removed");
        }
    }

    /** status.json mirrors the checkpoints: a damaged copy neither blocks the resume nor loses tasks. */
    @Test
    void aDamagedStatusFileIsRebuiltFromTheCheckpoints(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("resume.yaml");
        Path partial = stoppedRun(config, dir.resolve("s"), 4);
        Files.writeString(partial.resolve("status.json"), "{\"experiment\": \"res");
        CliRunner.Result r = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode status = new ObjectMapper().readTree(Path.of(r.lastLine()).resolve("status.json").toFile());
        assertEquals("complete", status.get("state").asText());
        assertEquals(6, status.get("completed").size(), "every (strategy, seed, task) is listed");
        // The builds of the sessions before are unknown, and said so: the run had been recorded as this build's.
        JsonNode commits = status.get("engram_commits");
        assertEquals(2, commits.size(), commits.toString());
        assertEquals("unknown", commits.get(0).asText());
        assertTrue(r.err().contains("engram: note: which Engram build trained this run's finished tasks is unknown"
                + " (its status.json could not be read, or was written by an Engram that did not record it); it goes"
                + " on with " + commits.get(1).asText()), r.err());
    }

    /**
     * A run resumed by another build than the one that trained its finished tasks says so, and its
     * provenance lists both builds, in order: it had kept the finishing session's commit alone.
     */
    @Test
    void aResumeByAnotherBuildIsNotedAndBothBuildsAreKept(@TempDir Path dir) throws IOException {
        Path partial = stoppedRun(dir.resolve("resume.yaml"), dir.resolve("c"), 2);
        ObjectNode status = (ObjectNode) new ObjectMapper().readTree(partial.resolve("status.json").toFile());
        assertEquals(1, status.get("engram_commits").size(), status.toString());
        String thisBuild = status.get("engram_commits").get(0).asText();
        status.putArray("engram_commits").add("0ld0000");
        Files.writeString(partial.resolve("status.json"), status.toString());
        CliRunner.Result r = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("engram: note: this run was trained so far by Engram 0ld0000, and goes on with "
                + thisBuild + ": its results mix the builds"), r.err());
        JsonNode provenance = new ObjectMapper().readTree(Path.of(r.lastLine()).resolve("metrics.json").toFile())
                .get("provenance");
        assertEquals("[\"0ld0000\",\"" + thisBuild + "\"]", provenance.get("engram_commits").toString());
        assertEquals(thisBuild, provenance.get("engram_commit").asText());
    }

    /**
     * A run stopped before its first status was written (a full disk) and before any task was
     * trained was trained by no build before: its resume notes none, where it had listed "unknown".
     */
    @Test
    void aRunWithoutStatusOrCheckpointsWasTrainedByNoBuildBefore(@TempDir Path dir) throws IOException {
        Path partial = stoppedRun(dir.resolve("resume.yaml"), dir.resolve("n"), 1);
        Files.delete(partial.resolve("status.json"));
        try (Stream<Path> files = Files.walk(partial.resolve("checkpoints"))) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
        CliRunner.Result r = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.err().contains("goes on with"), r.err());
        JsonNode provenance = new ObjectMapper().readTree(Path.of(r.lastLine()).resolve("metrics.json").toFile())
                .get("provenance");
        assertEquals(1, provenance.get("engram_commits").size(), provenance.toString());
    }

    /**
     * A status that cannot be written (a full disk; here a folder stands in its place) stops the
     * run with the way to continue and says the status was not updated: the error escaped with
     * neither, and a failure recorded while the status could not be written lost its own message.
     */
    @Test
    void aStatusThatCannotBeWrittenStillSaysHowToContinue(@TempDir Path dir) throws IOException {
        Path partial = stoppedRun(dir.resolve("resume.yaml"), dir.resolve("u"), 1);
        Files.delete(partial.resolve("status.json"));
        Files.createDirectories(partial.resolve("status.json").resolve("in-the-way"));
        CliRunner.Result r = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("the run failed: ") && r.err().contains("status.json: cannot write file"),
                r.err());
        assertTrue(r.err().contains("continue with: "), r.err());
        assertTrue(r.err().contains("; status.json could not be updated to say so ("), r.err());
        assertTrue(r.err().contains("): --resume goes by the checkpoints"), r.err());
        Files.delete(partial.resolve("status.json").resolve("in-the-way"));
        Files.delete(partial.resolve("status.json"));
        CliRunner.Result resumed = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
    }

    /** A run resumed by the build that started it lists that build once, and notes nothing. */
    @Test
    void aResumeByTheSameBuildKeepsOneCommit(@TempDir Path dir) throws IOException {
        Path partial = stoppedRun(dir.resolve("resume.yaml"), dir.resolve("d"), 2);
        CliRunner.Result r = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.err().contains("goes on with"), r.err());
        JsonNode provenance = new ObjectMapper().readTree(Path.of(r.lastLine()).resolve("metrics.json").toFile())
                .get("provenance");
        assertEquals(1, provenance.get("engram_commits").size(), provenance.toString());
    }

    @Test
    void resumingAnEditedSavedConfigIsRefused(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("resume.yaml");
        Path partial = stoppedRun(config, dir.resolve("e"), 1);
        Path saved = partial.resolve("config.yaml");
        Files.writeString(saved, Files.readString(saved).replace("epochs: 2", "epochs: 3"));
        CliRunner.Result r = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("an edited config.yaml") && r.err().contains("restore the file"), r.err());
        // Another thread count is not an edit: the resume goes ahead.
        Files.writeString(saved, Files.readString(saved).replace("epochs: 3", "epochs: 2"));
        CliRunner.Result ok = CliRunner.run("run", "--resume", partial.toString(), "--threads", "2");
        assertEquals(0, ok.exitCode(), ok.err());
    }

    /**
     * A saved config edited into one this Engram refuses is an edit, with the old advice (restore
     * the file); the config a run really started with, refused now, is tested in UserStrategyRunTest.
     */
    @Test
    void aSavedConfigEditedIntoARefusedOneSaysToRestoreIt(@TempDir Path dir) throws IOException {
        Path partial = stoppedRun(dir.resolve("resume.yaml"), dir.resolve("e"), 1);
        Path saved = partial.resolve("config.yaml");
        Files.writeString(saved, Files.readString(saved).replace("name: si", "name: gpm+metaplasticity"));
        CliRunner.Result r = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("write 'metaplasticity+gpm'") && r.err().contains("is not the config the run"
                + " started with") && r.err().contains("restore the file, or start a new run"), r.err());
    }

    /**
     * A resume reads its data anew; other data than the run started with (here the folder's training
     * and test files swapped) is refused with both named, and the partial run is kept. The same data
     * in another format (plain IDX instead of gzip) resumes, to the results of a run that never stopped.
     */
    @Test
    void resumingWithOtherDataIsRefused(@TempDir Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        for (String file : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte")) {
            Files.write(data.resolve(file + ".gz"), bundled(file));
        }
        String naive = CONFIG.replace("  - name: si\n", "");
        Path config = dir.resolve("resume.yaml");
        Files.writeString(config, naive.replace("data: {bundled: true}", "data: {path: '" + data + "'}"));
        Path root = dir.resolve("r");
        assertEquals(2, CliRunner.run("run", config.toString(), "--out", root.toString(), "--stop-after-tasks", "1")
                .exitCode());
        Path partial = onlyEntry(root.resolve("resume"));

        Files.write(data.resolve("train-images-idx3-ubyte.gz"), bundled("t10k-images-idx3-ubyte"));
        Files.write(data.resolve("train-labels-idx1-ubyte.gz"), bundled("t10k-labels-idx1-ubyte"));
        Files.write(data.resolve("t10k-images-idx3-ubyte.gz"), bundled("train-images-idx3-ubyte"));
        Files.write(data.resolve("t10k-labels-idx1-ubyte.gz"), bundled("train-labels-idx1-ubyte"));
        CliRunner.Result swapped = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, swapped.exitCode(), swapped.err());
        String e = swapped.err();
        assertTrue(e.contains(partial.resolve("data.json").toString()) && e.contains("the data the run started with: "
                + "IDX data from " + data + " (data.path): 3000 training and 1000 test images"), e);
        assertTrue(e.contains("found IDX data from " + data + " (data.path): 1000 training and 3000 test"), e);
        assertTrue(e.contains("put the data the run started with back into " + data), e);
        assertEquals("stopped", new ObjectMapper().readTree(partial.resolve("status.json").toFile()).get("state")
                .asText(), "a refused resume leaves the partial run as it was");

        // The folder moved away: the way on is to put the files back, as data.path (in the run's
        // config.yaml) and $ENGRAM_DATA (past a data.path) cannot change what a resume reads.
        Path moved = dir.resolve("moved");
        Files.move(data, moved);
        CliRunner.Result gone = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, gone.exitCode(), gone.err());
        assertTrue(gone.err().contains(data + ": data.path: expected a folder with") && gone.err().contains(
                "found no such folder; put the files the run started with back into that folder: a resumed run reads"
                        + " the data it started with, from the data.path of its config.yaml, which cannot change"),
                gone.err());
        Files.move(moved, data);

        // Labels past the run's data.classes: the advice is the data it started with, not a config it cannot change.
        for (String file : List.of("train-images-idx3-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")) {
            Files.write(data.resolve(file + ".gz"), bundled(file));
        }
        byte[] labels = new byte[8 + 3000];
        ByteBuffer.wrap(labels).putInt(0x801).putInt(3000);
        labels[8 + 7] = 11;
        Files.write(data.resolve("train-labels-idx1-ubyte.gz"), labels);
        CliRunner.Result classes = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, classes.exitCode(), classes.err());
        assertTrue(classes.err().contains("label of item 7: expected a class in [0, 10), found 11; a resumed run reads"
                + " the data it started with (IDX data from " + data + " (data.path): 3000 training and 1000 test"
                + " images") && classes.err().contains("put those files back, or start a new run for these")
                && !classes.err().contains("data: {classes"), classes.err());

        try (Stream<Path> files = Files.list(data)) {
            for (Path gz : (Iterable<Path>) files::iterator) {
                Files.delete(gz);
            }
        }
        for (String file : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bundled(file)))) {
                Files.write(data.resolve(file), in.readAllBytes());
            }
        }
        CliRunner.Result resumed = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        Files.writeString(config, naive);
        CliRunner.Result straight = CliRunner.run("run", config.toString(), "--out", dir.resolve("a").toString());
        assertEquals(0, straight.exitCode(), straight.err());
        JsonNode x = new ObjectMapper().readTree(Path.of(straight.lastLine()).resolve("metrics.json").toFile())
                .get("strategies").get("naive").get("seeds").get("4");
        JsonNode y = new ObjectMapper().readTree(Path.of(resumed.lastLine()).resolve("metrics.json").toFile())
                .get("strategies").get("naive").get("seeds").get("4");
        assertEquals(x.get("accuracy_matrix"), y.get("accuracy_matrix"));
        assertEquals(x.get("weights_hash"), y.get("weights_hash"));
    }

    /**
     * A run that cannot save its config.yaml (a full disk) leaves no partial folder: one holding only
     * its lock could never be resumed. Linux refuses paths of 4096 bytes or more (PATH_MAX), so below a
     * results root this deep the partial folder and its .lock fit and config.yaml's temporary file
     * (.config.yaml.tmp, 11 bytes longer than .lock) does not.
     */
    @Test
    void aRunThatCannotSaveItsConfigLeavesNoFolder(@TempDir Path dir) throws IOException {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "PATH_MAX of 4096 bytes");
        Path config = dir.resolve("resume.yaml");
        Files.writeString(config, CONFIG);
        // <root>/resume/.<run id: 23 characters>.partial is 39 characters below the root; the
        // partial folder gets 4084, its .lock 4090, .config.yaml.tmp 4101.
        int rootLength = 4084 - 39;
        StringBuilder root = new StringBuilder(dir.toAbsolutePath().toString());
        while (rootLength - root.length() > 250) {   // folder names of at most 255 bytes (NAME_MAX)
            root.append('/').append("d".repeat(200));
        }
        root.append('/').append("d".repeat(rootLength - root.length() - 1));
        CliRunner.Result r = CliRunner.run("run", config.toString(), "--out", root.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("cannot write") && r.err().contains("config.yaml"), r.err());
        assertFalse(Files.exists(Path.of(root.toString(), "resume")),
                "no partial folder remains, nor the experiment folder the run made for it");
    }

    /** One file of the subset bundled in the jar, gzip-compressed as stored there. */
    private static byte[] bundled(String file) throws IOException {
        try (InputStream in = ResumeTest.class.getResourceAsStream("/org/engram/experiments/data/fashion-mnist-subset/"
                + file + ".gz")) {
            return in.readAllBytes();
        }
    }

    /**
     * A checkpoint that cannot be written (here a folder stands where the next state goes, as a
     * full disk would refuse it) fails the run in the file system's words, not an exception's class
     * name, and keeps the way to continue.
     */
    @Test
    void aCheckpointThatCannotBeWrittenFailsTheRunInPlainWords(@TempDir Path dir) throws IOException {
        Path partial = stoppedRun(dir.resolve("resume.yaml"), dir.resolve("w"), 1);
        Path blocked = partial.resolve("checkpoints/naive/seed-4/learner-2.state");
        Files.createDirectories(blocked.resolve("in-the-way"));
        CliRunner.Result r = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("the run failed: ") && r.err().contains("learner-2.state"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertTrue(r.err().contains("continue with: "), r.err());
        JsonNode status = new ObjectMapper().readTree(partial.resolve("status.json").toFile());
        assertEquals("failed", status.get("state").asText());
        assertFalse(status.get("message").asText().contains("Exception"), status.toString());
    }

    /** A damaged progress.json stops the resume as a recorded failure, with the way to continue. */
    @Test
    void aDamagedProgressFileIsARecordedFailure(@TempDir Path dir) throws IOException {
        Path partial = stoppedRun(dir.resolve("resume.yaml"), dir.resolve("p"), 1);
        Path progress = partial.resolve("checkpoints/naive/seed-4/progress.json");
        // A value out of range is refused before training, naming the file and key (it had been found after
        // the remaining tasks, and the resume it advised failed again).
        ObjectNode saved = (ObjectNode) new ObjectMapper().readTree(progress.toFile());
        ((ArrayNode) saved.get("rows").get(0)).set(0, DoubleNode.valueOf(7.5));
        Files.writeString(progress, saved.toString());
        CliRunner.Result range = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, range.exitCode(), range.err());
        assertTrue(range.err().contains(progress + ":1:") && range.err().contains(": rows[0][0]: expected an accuracy"
                + " in [0, 1], found 7.5"), range.err());
        assertFalse(range.err().contains("Exception"), range.err());
        ((ArrayNode) saved.get("rows")).set(0, NullNode.getInstance());
        Files.writeString(progress, saved.toString());
        CliRunner.Result nullRow = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, nullRow.exitCode(), nullRow.err());
        assertTrue(nullRow.err().contains(progress + ":1:") && nullRow.err().contains(": rows[0]: expected a list,"
                + " found null"), nullRow.err());
        // A null epoch had failed in the record's constructor, named by Jackson with the Java class (fuzz audit).
        ((ArrayNode) saved.get("rows")).set(0, new ObjectMapper().readTree("[0.5, 0.5, 0.5]"));
        ObjectNode firstEpoch = (ObjectNode) saved.get("epochs").get(0).deepCopy();
        ((ArrayNode) saved.get("epochs")).set(0, NullNode.getInstance());
        Files.writeString(progress, saved.toString());
        CliRunner.Result epoch = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, epoch.exitCode(), epoch.err());
        assertTrue(epoch.err().contains(progress + ":1:") && epoch.err().contains(": epochs[0]: expected an object,"
                + " found null"), epoch.err());
        assertFalse(epoch.err().contains("UnitProgress"), epoch.err());
        // An epoch of another task had been taken into the resumed run's log.csv, which the finished run then
        // refused, naming log.csv rather than this file.
        ((ArrayNode) saved.get("epochs")).set(0, firstEpoch.put("task", 1));
        Files.writeString(progress, saved.toString());
        CliRunner.Result task = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, task.exitCode(), task.err());
        assertTrue(task.err().contains(progress + ":1:") && task.err().contains(": epochs[0]: expected the record of"
                + " naive seed 4 task 0 epoch 0, found naive seed 4 task 1 epoch 0"), task.err());
        Files.writeString(progress, "{}");
        CliRunner.Result empty = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, empty.exitCode(), empty.err());
        // Each key a build writes is required: without them the file had been read as the progress of null, seed 0.
        assertTrue(empty.err().contains(progress + ": strategy: expected a text, found no such key"), empty.err());
        Files.writeString(partial.resolve("checkpoints/naive/seed-4/progress.json"), "{\"strategy\": ");
        CliRunner.Result r = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("progress.json") && r.err().contains("continue with"), r.err());
        // The 13 characters end on line 1: the text stops before column 14.
        assertTrue(r.err().contains("progress.json:1:14: expected complete JSON") && r.err().contains("truncated"),
                r.err());
        for (String internal : BrokenRunConfigTest.PARSER_INTERNALS) {
            assertFalse(r.err().contains(internal), r.err());
        }
        // Cut inside a list, which Jackson reports as a mismatch of the record rather than a parse error.
        Files.writeString(partial.resolve("checkpoints/naive/seed-4/progress.json"),
                "{\"strategy\": \"naive\", \"rows\": [");
        CliRunner.Result again = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, again.exitCode(), again.err());
        assertTrue(again.err().contains("progress.json:1:") && again.err().contains("truncated"), again.err());
        JsonNode status = new ObjectMapper().readTree(partial.resolve("status.json").toFile());
        assertEquals("failed", status.get("state").asText());
    }

    /** Only a run's final folder is called a finished run; any other folder or a file is named as what it is. */
    @Test
    void resumingWhatIsNoPartialFolderSaysWhatItIs(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("resume.yaml");
        Files.writeString(config, CONFIG);
        CliRunner.Result finished = CliRunner.run("run", config.toString(), "--out", dir.resolve("r").toString(),
                "--seeds", "5");
        assertEquals(0, finished.exitCode(), finished.err());
        for (List<String> c : List.of(List.of(finished.lastLine(), "found a finished run, which is never changed"),
                List.of(dir.toString(), "found a folder that holds no stopped run"),
                List.of(config.toString(), "found a file"),
                List.of(dir.resolve("none").toString(), "found no such folder"))) {
            CliRunner.Result r = CliRunner.run("run", "--resume", c.get(0));
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains(c.get(0) + ": --resume: expected the partial folder of a stopped run")
                    && r.err().strip().endsWith(c.get(1)), r.err());
        }
        // The partial folder of a run finished meanwhile (two resumes started together, the second after the
        // first's end): where the run is finished is named.
        Path done = Path.of(finished.lastLine());
        Path gone = done.resolveSibling("." + done.getFileName() + ".partial");
        CliRunner.Result again = CliRunner.run("run", "--resume", gone.toString());
        assertEquals(2, again.exitCode(), again.err());
        assertTrue(again.err().strip().endsWith(gone + ": --resume: expected the partial folder of a stopped run"
                + " (results/<experiment>/.<run-id>.partial), found no such folder; the run is finished, in " + done
                + " (by another --resume, or by the run itself)"), again.err());
        // With an --out too, the missing folder is named, not an --out checked against a root worked out from it.
        CliRunner.Result missing = CliRunner.run("run", "--resume", dir.resolve("none").toString(), "--out",
                dir.resolve("elsewhere").toString());
        assertEquals(2, missing.exitCode(), missing.err());
        assertTrue(missing.err().strip().endsWith("found no such folder"), missing.err());
    }

    /** A resumed run finishes beside its partial folder: an --out elsewhere, which it would ignore, is refused. */
    @Test
    void anOutElsewhereThanTheResumedRunIsRefused(@TempDir Path dir) throws IOException {
        Path partial = stoppedRun(dir.resolve("resume.yaml"), dir.resolve("o"), 5);
        CliRunner.Result elsewhere = CliRunner.run("run", "--resume", partial.toString(), "--out",
                dir.resolve("other").toString());
        assertEquals(2, elsewhere.exitCode(), elsewhere.err());
        assertTrue(elsewhere.err().contains("--out: expected no --out with --resume, or the results root of the run"
                + " being resumed (" + dir.resolve("o") + "), found " + dir.resolve("other")), elsewhere.err());
        assertFalse(Files.exists(dir.resolve("other")));
        CliRunner.Result same = CliRunner.run("run", "--resume", partial.toString(), "--out", dir.resolve("o")
                .toString());
        assertEquals(0, same.exitCode(), same.err());
        assertTrue(Path.of(same.lastLine()).startsWith(dir.resolve("o")), same.lastLine());
    }

    @Test
    void aSimulationFolderIsNotResumed(@TempDir Path dir) throws IOException {
        Path partial = dir.resolve("tiny/.20261130T000000Z-abcdef.partial");
        Files.createDirectories(partial);
        Files.writeString(partial.resolve("config.yaml"), "name: tiny\nduration_ms: 50\npopulations:\n"
                + "  - {name: exc, size: 4, model: lif_delta}\n");
        CliRunner.Result r = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("engram simulate, which cannot be resumed"), r.err());
    }

    @Test
    void resumingWithAnotherConfigIsRefused(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("resume.yaml");
        Path partial = stoppedRun(config, dir.resolve("b"), 1);
        Files.writeString(config, CONFIG.replace("epochs: 2", "epochs: 3"));
        CliRunner.Result r = CliRunner.run("run", config.toString(), "--resume", partial.toString());
        assertEquals(2, r.exitCode());
        // The config given is at fault, not the run's own config.yaml, which the message named first.
        assertTrue(r.err().startsWith("engram: error: engram run: CONFIG.yaml: expected the same config as the run "
                + "being resumed (its " + partial.resolve("config.yaml") + "; only threads may change)"), r.err());
        assertTrue(r.err().contains("found a config that differs in training.epochs (run: 2, given: 3)"), r.err());
        assertTrue(Files.isDirectory(partial), "a refused resume leaves the partial folder alone");
    }

    /**
     * A config whose seeds are the run's in another order is another config: the run records its seeds in order
     * (its id is the hash of its config; each seed's rows follow that order), so the resume is refused naming
     * the seeds, each order as written, and the partial folder is left as it was.
     */
    @Test
    void resumingWithTheSeedsInAnotherOrderIsRefused(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("resume.yaml");
        Files.writeString(config, CONFIG.replace("seeds: [4]", "seeds: [4, 5]"));
        assertEquals(2, CliRunner.run("run", config.toString(), "--out", dir.resolve("o").toString(),
                "--stop-after-tasks", "1").exitCode());
        Path partial = onlyEntry(dir.resolve("o/resume"));
        String before = Files.readString(partial.resolve("config.yaml"));
        Files.writeString(config, CONFIG.replace("seeds: [4]", "seeds: [5, 4]"));
        CliRunner.Result r = CliRunner.run("run", config.toString(), "--resume", partial.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("found a config that differs in seeds (run: [4, 5], given: [5, 4])"), r.err());
        assertEquals(before, Files.readString(partial.resolve("config.yaml")));
    }

    @Test
    void damagedCheckpointStopsTheResumeAndKeepsThePartialRun(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("resume.yaml");
        Path partial = stoppedRun(config, dir.resolve("c"), 1);
        Path state = firstState(partial);
        flipABit(state);
        CliRunner.Result r = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(state.getFileName().toString()) && r.err().contains("checksum"), r.err());
        assertTrue(Files.isRegularFile(state), "the damaged checkpoint is left for inspection, not deleted");
        assertTrue(Files.isDirectory(partial), "the partial run is kept");
    }

    /** A finished unit's checkpoint is not read by a resume but copied into the run: its damage is found too. */
    @Test
    void aDamagedCheckpointOfAFinishedUnitStopsTheResume(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("resume.yaml");
        Path partial = stoppedRun(config, dir.resolve("f"), 3);
        Path state = partial.resolve("checkpoints/naive/seed-4/learner-3.state");
        flipABit(state);
        CliRunner.Result r = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("learner-3.state") && r.err().contains("checksum")
                && r.err().contains("naive"), r.err());
        assertTrue(Files.isDirectory(partial), "the partial run is kept");
    }

    /**
     * A sound checkpoint of another strategy (here EWC's, copied over SI's) passes the frame and
     * checksum; the strategy's refusal must still name the file it came from.
     */
    @Test
    void anotherStrategysCheckpointIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("resume.yaml");
        Files.writeString(config, CONFIG.replace("name: naive", "name: ewc"));
        Path root = dir.resolve("e");
        assertEquals(2, CliRunner.run("run", config.toString(), "--out", root.toString(), "--stop-after-tasks", "4")
                .exitCode());
        Path partial = onlyEntry(root.resolve("resume"));
        Path si = partial.resolve("checkpoints/si/seed-4/learner-1.state");
        Files.copy(partial.resolve("checkpoints/ewc/seed-4/learner-3.state"), si, StandardCopyOption.REPLACE_EXISTING);
        CliRunner.Result r = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(si.toString()) && r.err().matches("(?s).*\\(payload byte \\d+\\): strategy:"
                + " expected 'si', found 'ewc'.*"), r.err());
    }

    /** A sound frame around a learner state that stops early (cut, then re-framed with its checksum). */
    @Test
    void aLearnerStateThatEndsEarlyIsRefusedSayingSo(@TempDir Path dir) throws IOException {
        Path partial = stoppedRun(dir.resolve("resume.yaml"), dir.resolve("f"), 1);
        Path state = firstState(partial);
        byte[] payload = Envelope.read(state, "ENGRAMCL", 2, "learner checkpoint");
        Envelope.write(state, "ENGRAMCL", 2, java.util.Arrays.copyOf(payload, payload.length - 3));
        CliRunner.Result r = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, r.exitCode(), r.err());
        // Binary, the file has no lines: the message names the byte where the data ended, the payload's end.
        assertTrue(r.err().contains(state + " (payload byte " + (payload.length - 3) + "): learner state: expected the"
                + " state of this run's learner, found end of data"), r.err());
    }

    /**
     * Resuming again would stop at the same damaged file, so the message says to train that unit
     * again instead; doing so finishes the run with the results of one that never stopped.
     */
    @Test
    void aDamagedCheckpointSaysHowToGoOnAndThatWayGivesTheUninterruptedResults(@TempDir Path dir)
            throws IOException {
        Path config = dir.resolve("resume.yaml");
        Path partial = stoppedRun(config, dir.resolve("e"), 4);
        CliRunner.Result straight = CliRunner.run("run", config.toString(), "--out", dir.resolve("f").toString());
        assertEquals(0, straight.exitCode(), straight.err());
        Path unit = partial.resolve("checkpoints/si/seed-4");
        Path state = unit.resolve("learner-1.state");
        flipABit(state);

        CliRunner.Result r = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("checksum") && r.err().contains("delete " + unit + " (si seed 4 then trains"
                + " again from its first task) and continue with: engram run --resume " + partial), r.err());
        assertEquals("failed", new ObjectMapper().readTree(partial.resolve("status.json").toFile()).get("state")
                .asText());

        Files.walk(unit).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        CliRunner.Result resumed = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        JsonNode a = new ObjectMapper().readTree(Path.of(straight.lastLine()).resolve("metrics.json").toFile());
        JsonNode b = new ObjectMapper().readTree(Path.of(resumed.lastLine()).resolve("metrics.json").toFile());
        for (String strategy : List.of("naive", "si")) {
            assertEquals(a.get("strategies").get(strategy).get("seeds").get("4").get("accuracy_matrix"),
                    b.get("strategies").get(strategy).get("seeds").get("4").get("accuracy_matrix"), strategy);
        }
    }

    /**
     * Checkpoints holding another network than the config builds now (an older Engram's head
     * layout) cannot be continued by any unit: the message says to start anew, not to resume.
     */
    @Test
    void checkpointsOfAnotherNetworkSayToStartAnew(@TempDir Path dir) throws IOException {
        Path partial = stoppedRun(dir.resolve("resume.yaml"), dir.resolve("g"), 1);
        // The same run with a hidden layer of 12 neurons instead of 16.
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, CONFIG.replace("hidden: [16]", "hidden: [12]"));
        assertEquals(2, CliRunner.run("run", other.toString(), "--out", dir.resolve("h").toString(),
                "--stop-after-tasks", "1").exitCode());
        Path state = partial.resolve("checkpoints/naive/seed-4/learner-1.state");
        Files.copy(onlyEntry(dir.resolve("h/resume")).resolve(partial.relativize(state)), state,
                StandardCopyOption.REPLACE_EXISTING);

        CliRunner.Result r = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().matches("(?s).*learner-1\\.state \\(payload byte \\d+\\): network: expected a checkpoint"
                + " of a network with hidden layer sizes \\[16\\], found hidden layer sizes \\[12\\]; the checkpoint"
                + " belongs to another network.*"), r.err());
        assertTrue(r.err().contains("cannot be continued; start it anew with: engram run "
                + partial.resolve("config.yaml") + " --out " + dir.resolve("g")), r.err());
        assertFalse(r.err().contains("--resume"), r.err());
    }

    /**
     * A checkpoint of checkpoint format 1 (written before the encoding streams were re-keyed) would
     * continue with other random streams than the run that wrote it, so its resume is refused.
     */
    @Test
    void aCheckpointOfAnOlderFormatIsRefused(@TempDir Path dir) throws IOException {
        Path partial = stoppedRun(dir.resolve("resume.yaml"), dir.resolve("d"), 1);
        Path state = firstState(partial);
        byte[] bytes = Files.readAllBytes(state);
        ByteBuffer.wrap(bytes).putInt(8, 1);   // the format version follows the 8-byte magic
        Files.write(state, bytes);
        CliRunner.Result r = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(state.getFileName().toString()) && r.err().contains("older Engram"), r.err());
        assertTrue(Files.isRegularFile(state) && Files.isDirectory(partial), "the partial run is kept");
    }

    private static List<String> lossColumn(Path run) throws IOException {
        return Files.readAllLines(run.resolve("log.csv")).stream().map(l -> l.split(",")[4]).toList();
    }

    /** Damages a file as a bad disk would: one bit in its middle, its size unchanged. */
    private static void flipABit(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);
    }

    /** Writes CONFIG to {@code config}, runs it into {@code root} until it stops after {@code tasks} tasks. */
    private static Path stoppedRun(Path config, Path root, int tasks) throws IOException {
        Files.writeString(config, CONFIG);
        assertEquals(2, CliRunner.run("run", config.toString(), "--out", root.toString(), "--stop-after-tasks",
                Integer.toString(tasks)).exitCode());
        return onlyEntry(root.resolve("resume"));
    }

    /** Ctrl-C (or SIGTERM) tells the user how to continue, not only status.json in a hidden folder. */
    @Test
    void aSignalPrintsHowToResume(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("resume.yaml");
        Files.writeString(config, CONFIG.replace("epochs: 2", "epochs: 100000"));
        Path root = dir.resolve("s");
        Path log = dir.resolve("log.txt");
        Process p = CliRunner.start(log, "run", config.toString(), "--out", root.toString());
        Path experiment = root.resolve("resume");
        // Wait until the run has written its status, then stop it with SIGTERM. Its shutdown hook is
        // registered before the first status is written, so any moment from then on must give the
        // same outcome. No time limit (it was 30 s): a loaded machine only makes the start later, and
        // a run that ends before it writes its status ends the wait (the assert below prints its log).
        Path partial = null;
        while (partial == null && p.isAlive()) {
            Thread.sleep(50);
            if (Files.isDirectory(experiment)) {
                try (Stream<Path> s = Files.list(experiment)) {
                    partial = s.filter(f -> Files.exists(f.resolve("status.json"))).findFirst().orElse(null);
                }
            }
        }
        assertTrue(partial != null, "the run started: " + Files.readString(log));
        p.destroy();
        p.waitFor();
        String out = Files.readString(log);
        assertTrue(out.contains("stopped by a signal") && out.contains("engram run --resume " + partial), out);
        assertEquals("interrupted", new ObjectMapper().readTree(partial.resolve("status.json").toFile())
                .get("state").asText());
    }

    /**
     * A signal after the plots are drawn but before the folder is moved into place used to find the
     * run committed anyway (3 of 150 SIGTERMs at random times near a run's end), its status.json
     * saying "interrupted" with a --resume command for a partial folder that no longer existed. Now
     * the run stays a partial folder, as its status says, and --resume finishes it.
     */
    @Test
    void aSignalBeforeTheCommitLeavesAPartialFolderThatResumeFinishes(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("resume.yaml");
        Files.writeString(config, CONFIG.replace("count: 3", "count: 2").replace("  - name: si\n", ""));
        Path root = dir.resolve("late");
        CliRunner.Result stopped = CliRunner.run("run", config.toString(), "--out", root.toString(),
                "--signal-before-commit");
        Path left = onlyEntry(root.resolve("resume"));
        JsonNode status = new ObjectMapper().readTree(left.resolve("status.json").toFile());
        assertEquals("interrupted", status.get("state").asText(), stopped.err());
        assertTrue(left.getFileName().toString().endsWith(".partial"), "status says interrupted, so the folder"
                + " must be the partial one its message names: " + left);
        assertTrue(status.get("resume").asText().endsWith("engram run --resume " + left), status.toString());
        assertEquals(2, stopped.exitCode(), stopped.err());
        CliRunner.Result resumed = CliRunner.run("run", "--resume", left.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        Path finished = Path.of(resumed.lastLine());
        assertEquals("complete", new ObjectMapper().readTree(finished.resolve("status.json").toFile())
                .get("state").asText());
        assertFalse(Files.exists(left));
    }

    /**
     * A signal while a task is evaluated ends the run before the task is saved, so its result is
     * not reported either: it was printed after the signal's message, as if kept, though the
     * resume trains the task again.
     */
    @Test
    void aTaskEvaluatedAfterASignalIsNeitherSavedNorReported(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("resume.yaml");
        Files.writeString(config, CONFIG.replace("  - name: si\n", ""));
        Path root = dir.resolve("late");
        CliRunner.Result stopped = CliRunner.run("run", config.toString(), "--out", root.toString(),
                "--signal-before-task-saved", "2");
        assertEquals(2, stopped.exitCode(), stopped.err());
        String err = stopped.err();
        int signal = err.indexOf("stopped by a signal");
        assertTrue(signal > 0 && err.substring(0, signal).contains("after task 1/3"), err);
        assertFalse(err.substring(signal).contains("after task"), err);
        Path left = onlyEntry(root.resolve("resume"));
        JsonNode status = new ObjectMapper().readTree(left.resolve("status.json").toFile());
        assertEquals("interrupted", status.get("state").asText(), err);
        assertEquals(1, status.get("completed").size(), status.toString());
        assertFalse(Files.exists(left.resolve("checkpoints/naive/seed-4/learner-2.state")));
        CliRunner.Result resumed = CliRunner.run("run", "--resume", left.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("after task 2/3") && resumed.err().contains("after task 3/3"),
                resumed.err());
    }

    /**
     * The way on is the last thing a signal prints: the training thread goes on until the process
     * ends, and its next epoch's line ("task 3/3 epoch 1/2") came after the signal's message, as if
     * the run carried on. The hook that acts as a signal before task 2 is saved lets the thread train
     * task 3, as it would until the process ended.
     */
    @Test
    void noProgressLineFollowsTheSignalsMessage(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("resume.yaml");
        Files.writeString(config, CONFIG.replace("  - name: si\n", ""));
        CliRunner.Result stopped = CliRunner.run("run", config.toString(), "--out", dir.resolve("quiet").toString(),
                "--signal-before-task-saved", "2");
        String err = stopped.err();
        int signal = err.indexOf("engram: stopped by a signal");
        assertTrue(signal > 0 && err.substring(0, signal).contains("task 2/3 epoch 2/2"), err);
        assertFalse(err.substring(signal).contains("[naive seed 4]"), err);
    }

    /**
     * A signal while a new run sets up its folder used to leave a .partial folder without config.yaml
     * or data.json (7 of 8 tries), which --resume refuses: now the signal waits for the setup, and
     * the folder it leaves is one --resume finishes (or, stopped before the setup, none at all).
     */
    @Test
    void aSignalDuringTheSetupLeavesAResumableFolder(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("resume.yaml");
        Files.writeString(config, CONFIG);
        for (int attempt = 0; attempt < 2; attempt++) {
            Path root = dir.resolve("early" + attempt);
            Path log = dir.resolve("early" + attempt + ".txt");
            Process p = CliRunner.start(log, "run", config.toString(), "--out", root.toString());
            Path experiment = root.resolve("resume");
            Path partial = null;
            // Stop the process as soon as its folder appears (bounded: 20 s of polling).
            for (long until = System.nanoTime() + 20_000_000_000L; partial == null && p.isAlive()
                    && System.nanoTime() < until; ) {
                if (Files.isDirectory(experiment)) {
                    try (Stream<Path> s = Files.list(experiment)) {
                        partial = s.findFirst().orElse(null);
                    } catch (java.nio.file.NoSuchFileException removedMeanwhile) {
                        partial = null;
                    }
                }
            }
            p.destroy();
            p.waitFor();
            assertTrue(partial != null, "the run made its folder: " + Files.readString(log));
            if (!Files.exists(partial)) {
                continue;   // stopped before its setup: no folder is left
            }
            assertTrue(Files.isRegularFile(partial.resolve("config.yaml"))
                    && Files.isRegularFile(partial.resolve("data.json")), Files.readString(log));
            CliRunner.Result resumed = CliRunner.run("run", "--resume", partial.toString());
            assertEquals(0, resumed.exitCode(), resumed.err());
        }
    }

    /**
     * A signal in the instant after the setup, between the setup's shutdown hook and the training's,
     * found no hook (seen once in about 300 signals): the folder stayed resumable but got no
     * status.json and no line saying how to continue. Now one hook covers the whole run. The hidden
     * --pause-after-setup waits for the signal at that instant, of a new run and of a resumed one.
     */
    @Test
    void aSignalRightAfterTheSetupRecordsTheStopAndSaysHowToResume(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("resume.yaml");
        Files.writeString(config, CONFIG.replace("count: 3", "count: 2").replace("  - name: si\n", ""));
        Path root = dir.resolve("gap");
        Path experiment = root.resolve("resume");
        stopWhenPaused(experiment, dir.resolve("new.txt"), "run", config.toString(), "--out", root.toString(),
                "--pause-after-setup");
        Path partial = onlyEntry(experiment);
        stopWhenPaused(experiment, dir.resolve("resumed.txt"), "run", "--resume", partial.toString(),
                "--pause-after-setup");
        CliRunner.Result resumed = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
    }

    /**
     * Starts the command line, stops it with SIGTERM once it waits after its setup, and checks that
     * the stop is recorded in the experiment's one (partial) folder and the way on printed.
     */
    private static void stopWhenPaused(Path experiment, Path log, String... args) throws Exception {
        Process p = CliRunner.start(log, args);
        // No time limit: a loaded machine only makes the pause later, and a process that ends ends the wait.
        while (p.isAlive() && !Files.readString(log).contains("paused after the setup")) {
            Thread.sleep(50);
        }
        p.destroy();
        p.waitFor();
        String out = Files.readString(log);
        assertTrue(out.contains("paused after the setup"), out);
        Path partial = onlyEntry(experiment);
        assertTrue(out.contains("stopped by a signal") && out.contains("engram run --resume " + partial), out);
        assertEquals("interrupted", new ObjectMapper().readTree(partial.resolve("status.json").toFile())
                .get("state").asText(), out);
    }

    private static Path firstState(Path partial) throws IOException {
        try (Stream<Path> s = Files.walk(partial)) {
            return s.filter(p -> p.getFileName().toString().matches("learner-\\d+\\.state")).findFirst().orElseThrow();
        }
    }

    private static Path onlyEntry(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> all = s.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }
}
