package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram plot} stopped by a signal (Ctrl-C) as it redraws a finished run's figures. The hook
 * deleted the hidden drawing folder while the figures were still written into it, which failed and
 * left {@code plots/.drawing-<pid>-<n>/} with part of them (1 in 10 signals), and a signal while the
 * figures were moved in left new ones beside old ones. The signals here are provoked at a chosen
 * figure (the hidden options of {@link TestHookOptions.Plot}), in a JVM of its own, since the hook
 * runs as the JVM exits.
 */
class PlotSignalTest {
    private static final Path REFERENCE = Path.of("..", "results", "reference", "quickstart");
    /** What every figure file holds before the signalled redraw: no figure drawn has these bytes. */
    private static final byte[] OLD = "old".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void aSignalWhileFiguresAreDrawnLeavesEveryFigureAsItWasAndNoHiddenFolder() throws Exception {
        Path plots = runWithOldFigures();
        String err = plotSignalled(plots, "--signal-after-staged", "1");
        for (Path file : entries(plots)) {
            assertTrue(Files.mismatch(file, oldFile()) == -1L, "changed: " + file);
        }
        assertTrue(err.contains("engram: stopped before the end; no figure was changed in "
                + plots.toAbsolutePath().normalize()), err);
        assertEquals(1, err.lines().filter(l -> l.startsWith("engram:")).count(), "one line: " + err);
    }

    @Test
    void aSignalWhileFiguresAreMovedInLetsEveryOneMoveAndLeavesNoHiddenFolder() throws Exception {
        Path plots = runWithOldFigures();
        String err = plotSignalled(plots, "--signal-after-moved", "2");
        for (Path file : entries(plots)) {
            assertFalse(Files.mismatch(file, oldFile()) == -1L, "an old figure beside new ones: " + file);
        }
        assertTrue(err.contains("engram: stopped as the figures were moved into " + plots.toAbsolutePath().normalize()
                + "; every one was moved in first"), err);
    }

    /**
     * A move that fails after the signal (a folder stands where the last figure goes) leaves the set
     * incomplete: the line must say so, where it had said every figure was moved in.
     */
    @Test
    void aMoveThatFailsAfterTheSignalIsNotSaidToHaveMovedEveryFigure() throws Exception {
        Path run = RunCopies.copy(REFERENCE, dir.resolve("quickstart"));
        CliRunner.Result r = CliRunner.run("plot", run.toString());
        assertEquals(0, r.exitCode(), r.err());
        // Standard output lists each file as it was moved in, then the folder.
        List<String> moved = r.out().lines().toList();
        Path last = Path.of(moved.get(moved.size() - 2));
        Files.delete(last);
        Files.createDirectories(last.resolve("in-the-way"));
        String err = plotSignalled(last.getParent(), "--signal-after-moved", "2");
        assertTrue(err.contains("engram: stopped as the figures were moved into "
                + last.getParent().toAbsolutePath().normalize() + ", which may hold part of the new set: draw again"),
                err);
        assertFalse(err.contains("every one was moved in"), err);
    }

    /**
     * Redraws the run of {@code plots} in a JVM of its own with a signal provoked; asserts exit code 130
     * (as Ctrl-C gives) and that nothing hidden is left in the folder.
     *
     * @return its standard output and error
     */
    private String plotSignalled(Path plots, String option, String value) throws Exception {
        Path log = dir.resolve("log.txt");
        Process p = CliRunner.start(log, "plot", plots.getParent().toString(), option, value);
        assertEquals(130, p.waitFor(), Files.readString(log));
        for (Path file : entries(plots)) {
            assertFalse(file.getFileName().toString().startsWith("."), "left behind: " + file);
        }
        return Files.readString(log);
    }

    /** A copy of the reference run whose plots folder holds the full set drawn, each file then overwritten. */
    private Path runWithOldFigures() throws IOException {
        Path run = RunCopies.copy(REFERENCE, dir.resolve("quickstart"));
        CliRunner.Result r = CliRunner.run("plot", run.toString());
        assertEquals(0, r.exitCode(), r.err());
        Path plots = run.resolve("plots");
        List<Path> all = entries(plots);
        assertTrue(all.size() > 6, "a set of several figures: " + all);
        for (Path file : all) {
            Files.write(file, OLD);
        }
        return plots;
    }

    private Path oldFile() throws IOException {
        Path file = dir.resolve("old");
        if (!Files.exists(file)) {
            Files.write(file, OLD);
        }
        return file;
    }

    private static List<Path> entries(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.toList();
        }
    }
}
