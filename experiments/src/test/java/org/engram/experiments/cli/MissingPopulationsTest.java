package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A simulation without populations, and entries that name no population or one the config lacks, word for word. */
class MissingPopulationsTest {
    private static List<String> errors(Path dir, String name, String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve(name), yaml);
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("simulate", file.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        try (Stream<Path> written = Files.exists(out) ? Files.list(out) : Stream.<Path>empty()) {
            assertFalse(written.findAny().isPresent(), "nothing written");
        }
        return r.err().lines().map(l -> l.replace(file.toString(), name)).toList();
    }

    /** An empty list is refused at its line; a missing key, which has none, at the file. */
    @Test
    void aSimulationOfNoPopulationIsRefused(@TempDir Path dir) throws IOException {
        assertEquals(List.of("engram: error: empty.yaml:3:1: populations: expected at least one population, found"
                + " none"), errors(dir, "empty.yaml", "name: empty\nduration_ms: 5\npopulations: []\n"));
        assertEquals(List.of("engram: error: none.yaml: populations: expected at least one population, found none"),
                errors(dir, "none.yaml", "name: none\nduration_ms: 5\n"));
    }

    /**
     * A projection without a source, a spike recording of a misspelt population and a state recording without
     * a population are each refused with the config's populations; of the first and last, nothing was found.
     */
    @Test
    void anEntryOfNoPopulationOrAnUnknownOneIsRefused(@TempDir Path dir) throws IOException {
        String populations = "expected one of the populations [pre, post], found ";
        assertEquals(List.of("engram: error: 3 problems:",
                "  unknown.yaml:7:5: projections[0].source: " + populations + "nothing",
                "  unknown.yaml:9:12: record.spikes[0]: " + populations + "pots; did you mean 'post'?",
                "  unknown.yaml:10:11: record.state[0].population: " + populations + "nothing"),
                errors(dir, "unknown.yaml", """
                        name: unknown
                        duration_ms: 5
                        populations:
                          - {name: pre, size: 2, model: spike_times, params: {times_ms: [[1.0, 3.0], [2.0]]}}
                          - {name: post, size: 2, model: lif_delta}
                        projections:
                          - {target: post, rule: {type: one_to_one}, weight: 0.5}
                        record:
                          spikes: [pots]
                          state: [{variable: v}]
                        """));
    }
}
