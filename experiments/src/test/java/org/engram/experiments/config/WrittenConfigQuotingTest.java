package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The resolved config is written so that it reads back as the same config: a text that YAML would read as a
 * number is quoted, and a plain text is written plain.
 */
class WrittenConfigQuotingTest {
    private static ConfigLayers.Resolved resolve(String yaml) {
        return ConfigLayers.resolve(yaml, "q.yaml", List.of(), ConfigLayers.Flags.NONE);
    }

    @Test
    void aNameThatReadsAsANumberIsQuotedAndReadsBack() {
        ConfigLayers.Resolved written = resolve("name: '2024'\nstrategies: [{name: naive, label: '010'}]\n");
        ConfigLayers.Resolved reread = resolve(written.yaml());
        assertEquals("2024", reread.config().name());
        assertEquals("010", reread.config().strategies().get(0).label());
        assertEquals(written.config(), reread.config());
    }

    @Test
    void aPlainNameIsWrittenPlain() {
        String yaml = resolve("name: plain\nstrategies: [{name: naive, label: first}]\n").yaml();
        assertTrue(yaml.lines().anyMatch("name: plain"::equals), yaml);
        assertTrue(yaml.contains("label: first\n"), yaml);
    }
}
