package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A run config that its unknown top-level keys show to be a simulation is refused naming engram simulate. */
class OtherCommandConfigTest {
    private static String refused(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigLayers.resolve("name: x\nstrategies: [{name: naive}]\n"
                + yaml, "net.yaml", List.of(), ConfigLayers.Flags.NONE)).getMessage();
    }

    /** Two unknown keys, both a simulation's and one of them populations, are the fewest that make one. */
    @Test
    void twoKeysOfASimulationWithPopulationsAreEnough() {
        assertEquals("net.yaml: expected a config of engram run, found a config of engram simulate (populations,"
                + " record); use: engram simulate net.yaml", refused("populations: []\nrecord: {}\n"));
    }

    /** One key alone, even populations, is a typo of this config. */
    @Test
    void populationsAloneStaysAnUnknownKey() {
        String message = refused("populations: []\n");
        assertTrue(message.startsWith("net.yaml:3:1: populations: expected one of the keys"), message);
    }
}
