package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A number option reads what its config key reads, and refuses what the key refuses with the same advice: the
 * file is the reference. {@code --threads 010} ran on 10 threads, and {@code --duration-ms 010} for 10 ms, where
 * {@code threads: 010} and {@code duration_ms: 010} are refused (YAML 1.1 reads 010 as octal 8).
 */
class NumberOptionsAsConfigTest {
    private static final String RUN = String.join("\n", "name: numbers", "seeds: [1]", "threads: 1",
            "data: {bundled: true}", "strategies: [{name: naive}]", "");
    private static final String SIMULATION = String.join("\n", "name: numbers", "duration_ms: 5",
            "populations: [{name: p, size: 1, model: lif_delta}]", "");

    /** What a command made of a value: the line of the key in the resolved config, or the advice of its refusal. */
    private static String outcome(CliRunner.Result r, String key) {
        if (r.exitCode() == 0) {
            return r.out().lines().filter(l -> l.startsWith(key + ":")).findFirst().orElse("no " + key);
        }
        // An option's refusal goes on with a line that points to the command's help.
        String err = r.err().lines().findFirst().orElse("");
        int advice = err.indexOf("; ");
        return "refused" + (advice < 0 ? "" : err.substring(advice));
    }

    private static String fromFile(Path dir, String yaml, String command, String key) throws IOException {
        Path config = dir.resolve(command + ".yaml");
        Files.writeString(config, yaml);
        return outcome(CliRunner.run(command, config.toString(), "--print-config"), key);
    }

    private static String fromOption(Path dir, String yaml, String command, String option, String value, String key)
            throws IOException {
        Path config = dir.resolve(command + ".yaml");
        Files.writeString(config, yaml);
        return outcome(CliRunner.run(command, config.toString(), "--print-config", option, value), key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"010", "+2", "1_0", "0x10", "-0", "4.0", "0010", "'3'"})
    void anIntegerOptionReadsWhatTheConfigKeyReads(String written, @TempDir Path dir) throws IOException {
        assertEquals(fromFile(dir, RUN.replace("threads: 1", "threads: " + written), "run", "threads"),
                fromOption(dir, RUN, "run", "--threads", written, "threads"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"010", "+5e1", "1_0", "0x10", "012.5", "5.", ".5", "5d", "0x1p3", "'3'"})
    void aNumberOptionReadsWhatTheConfigKeyReads(String written, @TempDir Path dir) throws IOException {
        assertEquals(fromFile(dir, SIMULATION.replace("duration_ms: 5", "duration_ms: " + written), "simulate",
                "duration_ms"), fromOption(dir, SIMULATION, "simulate", "--duration-ms", written, "duration_ms"));
    }

    @Test
    void aLeadingZeroIsRefusedNamingTheOption() {
        CliRunner.Result r = CliRunner.run("bench", "cuba", "--threads", "010");
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("engram: error: Invalid value for option '--threads': expected an integer, found '010'; numbers"
                + " are decimal, without leading zeros: write 10 (decimal) or 8 (YAML 1.1 reads 010 as octal 8)",
                r.err().lines().findFirst().orElse(""));
    }
}
