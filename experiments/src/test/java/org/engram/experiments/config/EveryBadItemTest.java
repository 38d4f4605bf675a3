package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.engram.experiments.simulate.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad item of a list is named at its own column, whether the list is a Java list or an array:
 * bound whole, either stops at its first bad item.
 */
class EveryBadItemTest {
    /** An explicit rule's targets are an int[]: its second and third items are both refused, each at its column. */
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
}
