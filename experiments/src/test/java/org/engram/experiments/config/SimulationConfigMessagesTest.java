package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.engram.experiments.simulate.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A simulation config's refusals word for word, as a user reads them, with the line and column or override. */
class SimulationConfigMessagesTest {
    /**
     * Every bad item of an array is named at its own column, as a Java list's are (bound whole, either stops at
     * its first bad item): an explicit rule's targets are an int[].
     */
    @Test
    void everyBadItemOfAnArrayIsNamedAtItsColumn(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("explicit.yaml");
        Files.writeString(config, String.join("\n", "name: explicit", "duration_ms: 1",
                "populations: [{name: a, size: 2, model: lif_delta}]",
                "projections: [{source: a, target: a, rule: {type: explicit, sources: [0, 1, 1], targets: [0, x, 1.5]},"
                        + " weight: 1}]", ""));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(config,
                SimulationConfig.class));
        // "targets: [0, x, 1.5]" starts at column 81 of line 4: x stands at 94, 1.5 at 97.
        assertEquals(String.join("\n", "2 problems:",
                "  " + config + ":4:94: projections[0].rule.targets[1]: expected a value of type integer, found the"
                        + " text \"x\"",
                "  " + config + ":4:97: projections[0].rule.targets[2]: expected a value of type integer, found 1.5"),
                e.getMessage());
    }

    /** Populations have no label: a name no population has is told to be no name of one, with the names there are. */
    @Test
    void anUnknownPopulationIsToldByName(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("two.yaml");
        Files.writeString(config, String.join("\n", "name: two", "duration_ms: 1",
                "populations: [{name: a, size: 2, model: lif_delta}, {name: b, size: 2, model: lif_delta}]", ""));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(config,
                List.of("populations[c].size=3"), SimulationConfig.class, new ArrayList<>()));
        assertEquals("--set populations[c].size=3: populations[c]: expected the index or the name of an entry of"
                + " populations (populations[0] (a), populations[1] (b)), found 'c'; to add an entry, write its index,"
                + " populations[2], with all its required keys", e.getMessage());
    }
}
