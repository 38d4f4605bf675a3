package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A neuron model that cannot go on from the state its input drove it to is an input error: {@code engram
 * simulate} says so in one line that names the population, the neuron and its state, exits with 2, and
 * leaves no folder; a bug (any other failure of a kernel) would still print its stack trace.
 */
class ModelLimitTest {

    @Test
    void aModelPastItsLimitIsToldInOneLine(@TempDir Path dir) throws IOException {
        // hh_alpha's substeps split at most 65,536 ways, which V below about -339 mV would need.
        Path config = Files.writeString(dir.resolve("deep.yaml"), String.join("\n",
                "name: deep",
                "duration_ms: 5",
                "populations:",
                "  - {name: hh, size: 2, model: hh_alpha, params: {v_init: -400}}",
                ""));
        CliRunner.Result r = CliRunner.run("simulate", config.toString(), "--out", dir.resolve("results").toString());
        assertEquals(2, r.exitCode(), r.err());
        String error = r.err().lines().filter(l -> l.startsWith("engram: error: ")).findFirst().orElse("");
        assertTrue(error.contains("'hh'") && error.contains("hh_alpha neuron 0: V = -400.0 mV")
                && error.contains("65536"), r.err());
        assertFalse(r.err().contains("\tat org.") || r.err().contains("java.lang."), "no stack trace: " + r.err());
        assertEquals(1, error.split("hh_alpha neuron 0").length - 1, "the cause told once: " + error);
        assertFalse(Files.exists(dir.resolve("results").resolve("deep")), "no folder is left");
    }
}
