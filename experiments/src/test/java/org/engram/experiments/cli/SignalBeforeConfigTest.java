package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A signal in the first seconds of {@code engram run}, while it read its config (Jackson's start-up
 * alone takes a second or more), ended the process with code 143 and no word: the run's hook was
 * registered only once the config was resolved. The hidden --pause-before-config waits for the
 * signal just before the config is read, for a new run, for --print-config and for --resume.
 */
class SignalBeforeConfigTest {
    private static final String PAUSED = "engram: paused before the config is read";

    @ParameterizedTest
    @ValueSource(strings = {"run", "print-config", "resume"})
    void aSignalBeforeTheConfigIsReadSaysNothingWasWritten(String use, @TempDir Path dir) throws Exception {
        Path root = dir.resolve("results");
        List<String> args = new ArrayList<>(List.of("run", "--pause-before-config"));
        switch (use) {
            case "run" -> args.addAll(List.of(Path.of("configs", "quickstart.yaml").toString(), "--out",
                    root.toString()));
            case "print-config" -> args.addAll(List.of(Path.of("configs", "quickstart.yaml").toString(),
                    "--print-config"));
            default -> args.addAll(List.of("--resume", root.resolve("quickstart").resolve(".20261205T080000Z-0a1b2c"
                    + ".partial").toString()));
        }
        Path log = dir.resolve("log.txt");
        Process p = CliRunner.start(log, args.toArray(String[]::new));
        // No time limit: a loaded machine only makes the pause later, and a process that ends ends the wait.
        while (p.isAlive() && !Files.readString(log).contains(PAUSED)) {
            Thread.sleep(50);
        }
        p.destroy();
        int code = p.waitFor();
        String out = Files.readString(log);
        assertTrue(out.startsWith(PAUSED), out);
        assertTrue(out.endsWith(System.lineSeparator() + "engram: stopped before the run began; nothing was written"
                + System.lineSeparator()), out);
        assertEquals(143, code, out);   // 128 + SIGTERM's 15, as README says
        assertFalse(Files.exists(root), out);
    }

    /**
     * A simulation whose config is refused ends with the refusal alone: the line a signal during its setup would
     * print is not printed as the process exits (its exit, as a signal's, runs the shutdown hooks).
     */
    @Test
    void aRefusedSimulationSaysNoSignalStoppedIt(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("zero.yaml"), String.join("\n", "name: zero", "duration_ms: 0",
                "populations: [{name: a, size: 1, model: spike_times, params: {times_ms: [[1]]}}]", ""));
        Path log = dir.resolve("log.txt");
        Process p = CliRunner.start(log, "simulate", config.toString(), "--out", dir.resolve("results").toString());
        int code = p.waitFor();
        String out = Files.readString(log);
        assertEquals(2, code, out);
        assertEquals(1, out.lines().count(), out);
        assertTrue(out.startsWith("engram: error: ")
                && out.contains("duration_ms: expected a number > 0 (ms), found 0"), out);
    }
}
