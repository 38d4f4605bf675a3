package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's tour of the simulate config runs as written, so it cannot drift from what the command reads. */
class ReadmeSimulateConfigTest {
    @Test
    void theSyntaxTourRuns(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("tour.yaml");
        Files.writeString(config, ReadmeBlocks.block("yaml", "name: syntax-tour"));
        CliRunner.Result r = CliRunner.run("simulate", config.toString(), "--duration-ms", "20", "--out",
                dir.resolve("results").toString());
        assertEquals(0, r.exitCode(), r.err());
        try (Stream<Path> runs = Files.list(dir.resolve("results").resolve("syntax-tour"))) {
            Path run = runs.findFirst().orElseThrow();
            // The bounded distribution is kept in the resolved config (a positive draw would have stopped the build).
            assertTrue(Files.readString(run.resolve("config.yaml")).contains("max: 0"), "bounded weight kept");
            assertTrue(Files.exists(run.resolve("state_exc_v.csv")));
            // The second Poisson input's schedule and the spike sample are read (400 of 2,000 recorded).
            assertTrue(Files.readString(run.resolve("config.yaml")).contains("rates_hz:"), "schedule kept");
            assertTrue(Files.readString(run.resolve("summary.md")).contains("| exc | 400 |"), "400 recorded");
            // The merge key's entries are written out, with the key written beside it in place of the merged one.
            String resolved = Files.readString(run.resolve("config.yaml"));
            String inh = resolved.substring(resolved.indexOf("- name: inh"));
            assertTrue(inh.matches("(?s).*tau_m: 20.*t_ref: 1\\b.*") && !inh.contains("<<"), inh);
        }
    }
}
