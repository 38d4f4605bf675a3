package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.engram.experiments.simulate.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config read with its problems collected leaves out the keys that have one, and an unknown key
 * stands in for the known key it is a typo of; checks of the rest are kept, those of left-out keys dropped.
 */
class LeftOutKeysTest {
    /** A config that writes none of the keys a typo stands for. */
    private static final JsonNode NOTHING_WRITTEN = ConfigLoader.mapper().createObjectNode();

    /** A rule of an entry. */
    public record Rule(String type, Double p, int[] sources) {
    }

    /** An entry of a list. */
    public record Entry(String name, int size, Rule rule) {
    }

    /** A config. */
    public record Config(Double durationMs, List<Entry> entries) {
    }

    private static ConfigException at(String keyPath) {
        return new ConfigException("c.yaml", keyPath, "something", "else", null);
    }

    @Test
    void leavesOutTheKeysWithProblemsAndTheKeysTyposStandFor() {
        LeftOutKeys left = LeftOutKeys.of(Config.class, List.of(ConfigException.all(List.of(
                at("entries[1].sise"), at("entries[0].rule.sources[2]"), at("duraton_ms"),
                at("entries[0].qqqqqqqq")))), NOTHING_WRITTEN);
        // sise is a typo of size and duraton_ms of duration_ms (both then read as missing); the list's
        // key, not its element; qqqqqqqq is close to no key.
        assertEquals(List.of("entries[1].sise", "entries[1].size", "entries[0].rule.sources", "duraton_ms",
                "duration_ms", "entries[0].qqqqqqqq"), left.keys());
        assertTrue(left.covers("entries[1].size") && left.covers("entries[0].rule.sources[0]"));
        assertFalse(left.covers("entries[1]") || left.covers("entries[1].name") || left.covers("entries[10].size"));
        assertTrue(left.within("entries[1]") && left.within("entries[0].rule"));
        assertFalse(left.within("entries[2]") || left.within("entries[0].name"));
        ConfigException kept = at("entries[1].name");
        assertEquals(List.of(kept), left.kept(List.of(ConfigException.all(List.of(at("entries[1].size"), kept,
                at("duration_ms"))))));
    }

    @Test
    void readsTheRestOfAConfigWithoutTheKeysLeftOut(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("c.yaml"), String.join("\n", "duraton_ms: 3",
                "entries:", "  - {name: a, size: five, rule: {type: x, p: 0.5, sources: [1, y]}}",
                "  - {name: b, size: 2, rule: {type: z, p: [1]}, colour: red}", ""));
        List<ConfigException> problems = new ArrayList<>();
        Config c = ConfigLoader.load(file, List.of(), Config.class, problems).config();
        List<String> found = problems.stream().flatMap(p -> p.problems().stream()).map(ConfigException::location)
                .toList();
        assertEquals(List.of("entries[0].size", "entries[0].rule.sources[1]", "entries[1].rule.p",
                "entries[1].colour", "duraton_ms"), found);
        // The good keys as written; a primitive left out is 0, any other key its default (null here).
        assertEquals(new Entry("a", 0, new Rule("x", 0.5, null)), c.entries().get(0));
        assertEquals(new Entry("b", 2, new Rule("z", null, null)), c.entries().get(1));
        assertNull(c.durationMs());
    }

    @Test
    void stopsWhenAListOrAnEntryOfItIsNoMapping(@TempDir Path dir) throws IOException {
        for (String yaml : List.of("entries: 5\n", "entries: [{name: a, size: 1}, 7]\n", "entriez: []\n")) {
            List<ConfigException> problems = new ArrayList<>();
            assertNull(ConfigLoader.load(Files.writeString(dir.resolve("c.yaml"), yaml), List.of(),
                    Config.class, problems).config(), yaml);
            assertEquals(1, problems.size(), yaml);
        }
    }

    /** The record of the mapping at a key path, as the records above declare them; none for a list, a scalar. */
    @Test
    void findsTheRecordAtAKeyPath() {
        assertEquals(Config.class, LeftOutKeys.recordAt(Config.class, ""));
        assertEquals(Entry.class, LeftOutKeys.recordAt(Config.class, "entries[3]"));
        assertEquals(Rule.class, LeftOutKeys.recordAt(Config.class, "entries[0].rule"));
        assertNull(LeftOutKeys.recordAt(Config.class, "entries"));
        assertNull(LeftOutKeys.recordAt(Config.class, "duration_ms"));
        assertNull(LeftOutKeys.recordAt(Config.class, "entries[0].size"));
        assertNull(LeftOutKeys.recordAt(Config.class, "entries[0].rule.sources"));
        assertNull(LeftOutKeys.recordAt(Config.class, "entries.rule"));
    }

    /**
     * A typo in a nested mapping stands for the key it misspells, and another simulator's name, close to
     * no key, for the key that takes it (NEST's indegree is a rule's k).
     */
    /** Written beside the key it is close to, a typo stands for no key: that key's value is there to check. */
    @Test
    void aTypoBesideItsKeyStandsForNothing() throws JsonProcessingException {
        JsonNode tree = ConfigLoader.mapper().readTree(
                "{entries: [{name: a, sise: 1}, {name: b, size: 2, sise: 3}]}");
        LeftOutKeys left = LeftOutKeys.of(Config.class, List.of(at("entries[0].sise"), at("entries[1].sise")), tree);
        assertEquals(List.of("entries[0].sise", "entries[0].size", "entries[1].sise"), left.keys());
    }

    @Test
    void aTypoOrAForeignNameInANestedMappingStandsForItsKey() {
        LeftOutKeys typo = LeftOutKeys.of(Config.class, List.of(at("entries[0].rule.tpye")), NOTHING_WRITTEN);
        assertEquals(List.of("entries[0].rule.tpye", "entries[0].rule.type"), typo.keys());
        LeftOutKeys foreign = LeftOutKeys.of(SimulationConfig.class,
                List.of(at("projections[1].rule.indegree")), NOTHING_WRITTEN);
        assertEquals(List.of("projections[1].rule.indegree", "projections[1].rule.k"), foreign.keys());
    }
}
