package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code engram simulate} prints and how its options reach the config, on a network of four neurons
 * simulated for 10 ms (well under a second): the summary and then the result folder as the last line,
 * {@code --print-config} with every override in place and nothing written, and {@code --duration-ms} shown in a
 * message as the command line wrote it.
 */
class SimulateOptionsTest {
    private static final String TINY = String.join("\n", "name: tiny", "duration_ms: 10", "seed: 1", "threads: 1",
            "populations: [{name: p, size: 4, model: lif_delta}]",
            "inputs: [{type: poisson, target: p, rate_hz: 8000, weight: 1}]", "");

    @TempDir
    Path dir;

    private Path config() throws IOException {
        return Files.writeString(dir.resolve("tiny.yaml"), TINY);
    }

    /** The summary, which summary.md holds too, then an empty line and the result folder, nothing after it. */
    @Test
    void printsTheSummaryThenTheFolderLast() throws IOException {
        Path out = dir.resolve("results");
        CliRunner.Result r = CliRunner.run("simulate", config().toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        Path folder = Path.of(r.lastLine());
        assertEquals(out.resolve("tiny"), folder.getParent());
        assertTrue(r.out().endsWith("\n\n" + folder + "\n"), r.out());
        String summary = r.out().substring(0, r.out().length() - folder.toString().length() - 2);
        assertEquals(Files.readString(folder.resolve("summary.md")).strip(), summary.strip());
        assertTrue(Files.isRegularFile(folder.resolve("config.yaml")));
    }

    /**
     * --print-config prints the config with --threads, --seed and --duration-ms over the file's values and a
     * --set under them, and writes no folder.
     */
    @Test
    void printConfigAppliesEveryOverrideAndWritesNothing() throws IOException {
        Path out = dir.resolve("results");
        CliRunner.Result r = CliRunner.run("simulate", config().toString(), "--print-config", "--threads", "2",
                "--seed", "7", "--duration-ms", "20", "--set", "seed=5", "--set", "populations[0].size=3", "--out",
                out.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode resolved = new ObjectMapper(new YAMLFactory()).readTree(r.out());
        assertEquals(2, resolved.get("threads").asInt());
        assertEquals(7, resolved.get("seed").asLong(), "--seed over --set");
        assertEquals(20.0, resolved.get("duration_ms").asDouble());
        assertEquals(3, resolved.get("populations").get(0).get("size").asInt());
        assertFalse(Files.exists(out), "nothing written");
    }

    /** A refused --duration-ms is shown as written (-1e-400), with the number it reads as (-0.0). */
    @Test
    void aRefusedDurationIsShownAsWritten() throws IOException {
        Path out = dir.resolve("results");
        CliRunner.Result r = CliRunner.run("simulate", config().toString(), "--duration-ms", "-1e-400", "--out",
                out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("engram: error: --duration-ms: duration_ms: expected a number > 0 (ms), found -1e-400 (read as"
                + " -0.0)\n", r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(out), "nothing written");
    }
}
