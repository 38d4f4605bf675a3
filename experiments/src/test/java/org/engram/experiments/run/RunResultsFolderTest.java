package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder given as a run that is not one but holds runs (an experiment's, or the results folder) says which. */
class RunResultsFolderTest {
    private static final String NO_METRICS = "expected the metrics.json of a finished run (engram run writes it), "
            + "found no such file";

    @TempDir
    Path dir;

    @Test
    void anExperimentsFolderNamesItsRuns() throws IOException {
        Path experiment = dir.resolve("paper-split");
        Path first = finishedRun(experiment.resolve("20261205T034051Z-e48e6f"));
        assertEquals(experiment.resolve("metrics.json") + ": " + NO_METRICS + "; it holds one finished run's folder:"
                + " give that, " + first, message(experiment));
        Path newest = finishedRun(experiment.resolve("20261205T041502Z-0a1b2c"));
        Files.createDirectories(experiment.resolve("20261205T050000Z-9f9f9f"));   // a folder without metrics
        assertEquals(experiment.resolve("metrics.json") + ": " + NO_METRICS + "; it holds the folders of 2 finished"
                + " runs: give those, e.g. " + newest, message(experiment));
    }

    @Test
    void aResultsFolderNamesTheRunsInItsExperimentsFolders() throws IOException {
        finishedRun(dir.resolve("paper-perm").resolve("20261205T040000Z-111111"));
        Path last = finishedRun(dir.resolve("paper-split").resolve("20261205T030000Z-222222"));
        assertEquals(dir.resolve("metrics.json") + ": " + NO_METRICS + "; it holds the folders of 2 finished runs"
                + " in its experiments' folders: give those, e.g. " + last, message(dir));
    }

    /** A run's own folder is no folder of runs: a run whose status says running is told as one. */
    @Test
    void aRunsOwnFolderIsNotCountedAsHoldingARun() throws IOException {
        Path run = finishedRun(dir.resolve("run"));
        Files.writeString(run.resolve("status.json"), "{\"state\": \"running\"}");
        String message = assertThrows(EngramException.class, () -> RunResults.readFinished(run)).getMessage();
        assertFalse(message.contains("finished run's folder"), message);
    }

    @Test
    void aFolderWithoutRunsSaysNoMore() throws IOException {
        Files.createDirectories(dir.resolve("a").resolve("b").resolve("c"));
        finishedRun(dir.resolve("a").resolve("b").resolve("c").resolve("deep"));   // three levels down: not looked for
        assertEquals(dir.resolve("metrics.json") + ": " + NO_METRICS, message(dir));
    }

    private static Path finishedRun(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("metrics.json"), "{}");
        return folder;
    }

    private static String message(Path folder) {
        return assertThrows(EngramException.class, () -> RunResults.read(folder)).getMessage();
    }
}
