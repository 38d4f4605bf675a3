package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A simulation without populations, and entries that name no population or one the config lacks, word for word. */
class MissingPopulationsTest {
    /** An empty list is refused at its line; a missing key, which has none, at the file. */
    @Test
    void aSimulationOfNoPopulationIsRefused(@TempDir Path dir) throws IOException {
        assertEquals(List.of("engram: error: empty.yaml:3:1: populations: expected at least one population, found"
                + " none"), SpikeSourcesConfig.refused(dir, "empty.yaml",
                "name: empty\nduration_ms: 5\npopulations: []\n"));
        assertEquals(List.of("engram: error: none.yaml: populations: expected at least one population, found none"),
                SpikeSourcesConfig.refused(dir, "none.yaml", "name: none\nduration_ms: 5\n"));
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
                SpikeSourcesConfig.refused(dir, "unknown.yaml", "name: unknown\n"
                        + SpikeSourcesConfig.POPULATIONS + """
                        projections:
                          - {target: post, rule: {type: one_to_one}, weight: 0.5}
                        record:
                          spikes: [pots]
                          state: [{variable: v}]
                        """));
    }
}
