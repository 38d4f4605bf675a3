package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output that cannot be written fails the command: a result lost to a full disk exited 0, telling
 * a script (bench --json into a file) it had what it asked for.
 */
class LostOutputTest {
    @Test
    void standardOutputOnAFullDiskFailsTheCommand(@TempDir Path dir) throws Exception {
        File full = new File("/dev/full");
        assumeTrue(full.exists(), "a device whose writes fail as a full disk's do");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(CliRunner.command(List.of(), "list")).redirectOutput(full)
                .redirectError(err.toFile()).start();
        assertEquals(1, p.waitFor());
        assertTrue(Files.readString(err).contains("engram: error: standard output could not be written (a full disk,"
                + " or a pipe closed before the end): what the command printed is incomplete"), Files.readString(err));
    }

    @Test
    void standardOutputWrittenWholeLeavesTheExitCodeAlone(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(CliRunner.command(List.of(), "list")).redirectOutput(out.toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        assertEquals(0, p.waitFor());
        assertTrue(Files.readString(out).startsWith("Neuron models:"), Files.readString(out));
        assertEquals("", Files.readString(dir.resolve("err.txt")));
    }

    /**
     * A simulation whose last line, the run folder a script reads, is lost with standard output names the
     * folder in its error: the results are kept, but nothing else said where.
     */
    @Test
    void aLostResultFolderLineIsNamedInTheError(@TempDir Path dir) throws Exception {
        File full = new File("/dev/full");
        assumeTrue(full.exists(), "a device whose writes fail as a full disk's do");
        Path config = Files.writeString(dir.resolve("tiny.yaml"), "name: tiny\nduration_ms: 10\npopulations:\n"
                + "  - {name: a, size: 2, model: lif_delta}\n");
        Path results = dir.resolve("results");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(CliRunner.command(List.of(), "simulate", config.toString(), "--out",
                results.toString())).redirectOutput(full).redirectError(err.toFile()).start();
        assertEquals(1, p.waitFor());
        String message = Files.readString(err);
        String kept = "): what the command printed is incomplete; its results are kept in ";
        assertTrue(message.contains(kept), message);
        Path folder = Path.of(message.substring(message.indexOf(kept) + kept.length()).strip());
        assertTrue(folder.startsWith(results), folder.toString());
        assertTrue(Files.isRegularFile(folder.resolve("summary.json")), folder + " holds the results");
        assertEquals(1, message.split("standard output could not be written", -1).length - 1, message);
    }
}
