package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.engram.experiments.simulate.SimulationConfig;
import org.junit.jupiter.api.Test;

/**
 * YAML aliases are refused where they stand: Jackson read {@code *n} as the text "n", so a
 * population took the alias's name and a number key said it found text.
 */
class YamlAliasTest {
    @Test
    void anAliasForTextIsRefusedAtItsLine() {
        String text = String.join("\n",
                "name: &n cells",
                "duration_ms: 10",
                "populations:",
                "  - {name: *n, size: 1, model: lif_delta}",
                "");
        ConfigException error = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(text, "alias.yaml", SimulationConfig.class));
        assertEquals("alias.yaml:4:12: expected each value written out (configs take no YAML anchors and aliases), "
                + "found the alias *n", error.getMessage());
    }

    @Test
    void anAliasForANumberIsRefusedAtItsLine() {
        String text = String.join("\n",
                "name: numbers",
                "duration_ms: &d 10",
                "populations:",
                "  - {name: a, size: 1, model: lif_delta, params: {t_ref: *d}}",
                "");
        ConfigException error = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(text, "alias.yaml", SimulationConfig.class));
        assertEquals("alias.yaml:4:58: expected each value written out (configs take no YAML anchors and aliases), "
                + "found the alias *d", error.getMessage());
    }
}
