package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * {@code engram run --jobs}: units (strategy and seed) trained side by side give the results of a
 * run that trains them one after the other, also when the run is stopped while they train and
 * resumed.
 */
class RunJobsTest {
    /** The resume tests' three tasks of naive and si, on two seeds: four units. */
    private static final String CONFIG = ResumeTest.CONFIG.replace("name: resume", "name: jobs")
            .replace("seeds: [4]", "seeds: [4, 5]\nthreads: 1");

    @Test
    void unitsSideBySideGiveTheResultsOfOneAtATime(@TempDir Path dir) throws IOException {
        Path config = configIn(dir);
        Path straight = straightRun(config, dir);
        // All four units at once: more jobs than units start one thread a unit.
        CliRunner.Result sideBySide = CliRunner.run("run", config.toString(), "--out", dir.resolve("b").toString(),
                "--jobs", "1024");
        assertEquals(0, sideBySide.exitCode(), sideBySide.err());
        Path finished = Path.of(sideBySide.lastLine());
        ResumeTest.assertSameUnits(straight, finished, List.of("4", "5"));
        JsonNode provenance = new ObjectMapper().readTree(finished.resolve("metrics.json").toFile()).get("provenance");
        assertEquals(1024, provenance.get("jobs").asInt());
        assertEquals(1, provenance.get("threads").asInt());
        // The summary says how the units ran: at most one at a time per unit there is.
        assertTrue(Files.readString(finished.resolve("summary.md")).contains("seeds [4, 5], 1 thread per unit,"
                + " 4 units at once\n"));
        assertTrue(Files.readString(straight.resolve("summary.md")).contains("seeds [4, 5], 1 thread\n"));
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
        Path config = configIn(dir);
        Path straight = straightRun(config, dir);
        Path root = dir.resolve("b");
        CliRunner.Result stopped = CliRunner.run("run", config.toString(), "--out", root.toString(), "--jobs", "2",
                "--stop-after-tasks", "3");
        assertEquals(2, stopped.exitCode(), stopped.err());
        assertTrue(stopped.err().contains("run stopped after 3 tasks as asked"), stopped.err());
        Path partial = onlyEntry(root.resolve("jobs"));
        JsonNode status = new ObjectMapper().readTree(partial.resolve("status.json").toFile());
        assertEquals("stopped", status.get("state").asText());
        assertTrue(status.get("completed").size() >= 3, status.toString());
        CliRunner.Result resumed = CliRunner.run("run", "--resume", partial.toString(), "--jobs", "2");
        assertEquals(0, resumed.exitCode(), resumed.err());
        ResumeTest.assertSameUnits(straight, Path.of(resumed.lastLine()), List.of("4", "5"));
    }

    /**
     * A stop asked after as many tasks as the run has (4 units of 3 tasks) is no stop: the last task
     * finishes the run, which completes, whichever unit trains it.
     */
    @Test
    void aStopAfterTheRunsLastTaskLetsItComplete(@TempDir Path dir) throws IOException {
        Path config = configIn(dir);
        CliRunner.Result run = CliRunner.run("run", config.toString(), "--out", dir.resolve("b").toString(), "--jobs",
                "2", "--stop-after-tasks", "12");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode status = new ObjectMapper().readTree(Path.of(run.lastLine()).resolve("status.json").toFile());
        assertEquals("complete", status.get("state").asText());
    }

    @Test
    void jobsOutOfRangeAreRefused(@TempDir Path dir) throws IOException {
        Path config = configIn(dir);
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

    private static Path configIn(Path dir) throws IOException {
        Path config = dir.resolve("jobs.yaml");
        Files.writeString(config, CONFIG);
        return config;
    }

    /** Runs the config one unit at a time: the results the others must give. */
    private static Path straightRun(Path config, Path dir) {
        CliRunner.Result straight = CliRunner.run("run", config.toString(), "--out", dir.resolve("a").toString());
        assertEquals(0, straight.exitCode(), straight.err());
        return Path.of(straight.lastLine());
    }

    private static Path onlyEntry(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> all = s.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }
}
