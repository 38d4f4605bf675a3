package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram run --jobs}: units (strategy and seed) trained side by side give the results of a
 * run that trains them one after the other, also when the run is stopped while they train and
 * resumed.
 */
class RunJobsTest {
    private static final String CONFIG = String.join("\n",
            "name: jobs",
            "seeds: [4, 5]",
            "threads: 1",
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
    void unitsSideBySideGiveTheResultsOfOneAtATime(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("jobs.yaml");
        Files.writeString(config, CONFIG);
        CliRunner.Result straight = CliRunner.run("run", config.toString(), "--out", dir.resolve("a").toString());
        assertEquals(0, straight.exitCode(), straight.err());
        // All four units at once: more jobs than units start one thread a unit.
        CliRunner.Result sideBySide = CliRunner.run("run", config.toString(), "--out", dir.resolve("b").toString(),
                "--jobs", "1024");
        assertEquals(0, sideBySide.exitCode(), sideBySide.err());
        Path finished = Path.of(sideBySide.lastLine());
        assertSameResults(Path.of(straight.lastLine()), finished);
        JsonNode provenance = new ObjectMapper().readTree(finished.resolve("metrics.json").toFile()).get("provenance");
        assertEquals(1024, provenance.get("jobs").asInt());
        assertEquals(1, provenance.get("threads").asInt());
        // Where the four units' threads are more than the processors, the run says they take turns.
        String note = "engram run: note: --jobs 1024 (4 units) x threads 1 = 4 on ";
        assertEquals(Runtime.getRuntime().availableProcessors() < 4, sideBySide.err().contains(note), sideBySide.err());
        // Each unit reports its own epochs and tasks, whichever trains beside it.
        for (String unit : List.of("[naive seed 4]", "[naive seed 5]", "[si seed 4]", "[si seed 5]")) {
            assertEquals(3, sideBySide.err().lines().filter(l -> l.startsWith(unit + " after task")).count(),
                    sideBySide.err());
        }
    }

    /**
     * Stopped after three tasks while two units train (the others finish what they are training, or
     * stop at their next batch), the run resumes, again two at a time, to the results of a run
     * that never stopped.
     */
    @Test
    void aRunStoppedWhileUnitsTrainSideBySideResumesToTheSameResults(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("jobs.yaml");
        Files.writeString(config, CONFIG);
        CliRunner.Result straight = CliRunner.run("run", config.toString(), "--out", dir.resolve("a").toString());
        assertEquals(0, straight.exitCode(), straight.err());
        Path root = dir.resolve("b");
        CliRunner.Result stopped = CliRunner.run("run", config.toString(), "--out", root.toString(), "--jobs", "2",
                "--stop-after-tasks", "3");
        assertEquals(2, stopped.exitCode(), stopped.err());
        assertTrue(stopped.err().contains("run stopped after 3 task(s) as asked"), stopped.err());
        Path partial = onlyEntry(root.resolve("jobs"));
        JsonNode status = new ObjectMapper().readTree(partial.resolve("status.json").toFile());
        assertEquals("stopped", status.get("state").asText());
        assertTrue(status.get("completed").size() >= 3, status.toString());
        CliRunner.Result resumed = CliRunner.run("run", "--resume", partial.toString(), "--jobs", "2");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertSameResults(Path.of(straight.lastLine()), Path.of(resumed.lastLine()));
    }

    @Test
    void jobsOutOfRangeAreRefused(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("jobs.yaml");
        Files.writeString(config, CONFIG);
        for (String jobs : List.of("0", "1025")) {
            CliRunner.Result r = CliRunner.run("run", config.toString(), "--out", dir.toString(), "--jobs", jobs);
            CliRunner.Result printed = CliRunner.run("run", config.toString(), "--print-config", "--jobs", jobs);
            assertEquals(r.err(), printed.err());
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("--jobs: expected how many units (strategy and seed) train at once, 1 to 1024,"
                    + " found " + jobs), r.err());
            assertTrue(!Files.exists(dir.resolve("jobs")), "no run folder");
        }
    }

    /** Every unit's metrics, final learner state and loss per epoch are the same in both runs. */
    private static void assertSameResults(Path reference, Path run) throws IOException {
        JsonNode a = new ObjectMapper().readTree(reference.resolve("metrics.json").toFile());
        JsonNode b = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
        for (String strategy : List.of("naive", "si")) {
            for (String seed : List.of("4", "5")) {
                JsonNode x = a.get("strategies").get(strategy).get("seeds").get(seed);
                JsonNode y = b.get("strategies").get(strategy).get("seeds").get(seed);
                for (String key : List.of("accuracy_matrix", "random_init_accuracy", "acc", "bwt", "fwt",
                        "forgetting", "per_task", "weights_hash")) {
                    assertEquals(x.get(key), y.get(key), strategy + " seed " + seed + " " + key);
                }
                String state = "checkpoints/" + strategy + "/seed-" + seed + "/learner-3.state";
                assertArrayEquals(Files.readAllBytes(reference.resolve(state)), Files.readAllBytes(run.resolve(state)),
                        state);
            }
            assertEquals(a.get("strategies").get(strategy).get("acc"), b.get("strategies").get(strategy).get("acc"));
        }
        assertEquals(withoutTimes(reference), withoutTimes(run));
    }

    /** log.csv's rows without their times (seconds and samples per second), which differ from run to run. */
    private static List<String> withoutTimes(Path run) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("log.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int seconds = header.indexOf("seconds");
        int speed = header.indexOf("samples_per_second");
        assertTrue(seconds >= 0 && speed >= 0, lines.get(0));
        return lines.stream().map(l -> {
            String[] cells = l.split(",");
            cells[seconds] = "";
            cells[speed] = "";
            return String.join(",", cells);
        }).toList();
    }

    private static Path onlyEntry(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> all = s.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }
}
