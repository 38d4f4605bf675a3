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
