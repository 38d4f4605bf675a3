package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.engram.experiments.simulate.SimulationConfig;
import org.junit.jupiter.api.Test;

/**
 * YAML anchors, aliases and merge keys in configs: each alias reads as the value its anchor names
 * written out, merge keys as YAML 1.1's merge type defines them, and a problem in a repeated value
 * is reported where the alias is written.
 */
class YamlAliasTest {
    private static JsonNode tree(String... lines) throws Exception {
        return ConfigLoader.mapper().readTree(String.join("\n", lines) + "\n");
    }

    private static ConfigException refusal(String... lines) {
        return assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(String.join("\n", lines) + "\n", "alias.yaml", SimulationConfig.class));
    }

    @Test
    void anAliasReadsAsTheValueItsAnchorNamesWrittenOut() throws Exception {
        String[] aliased = {
            "name: &n cells",
            "duration_ms: &d 10",
            "populations:",
            "  - {name: exc, size: 4, model: lif_delta, params: &lif {tau_m: 20, v_th: 20, v_reset: 10, t_ref: *d}}",
            "  - {name: inh, size: 1, model: lif_delta, params: *lif}",
            "record: {spikes: [*n, exc]}"};
        String[] written = {
            "name: cells",
            "duration_ms: 10",
            "populations:",
            "  - {name: exc, size: 4, model: lif_delta, params: {tau_m: 20, v_th: 20, v_reset: 10, t_ref: 10}}",
            "  - {name: inh, size: 1, model: lif_delta, params: {tau_m: 20, v_th: 20, v_reset: 10, t_ref: 10}}",
            "record: {spikes: [cells, exc]}"};
        assertEquals(tree(written), tree(aliased));
        assertEquals(ConfigLoader.parse(String.join("\n", written), "w.yaml", SimulationConfig.class),
                ConfigLoader.parse(String.join("\n", aliased), "a.yaml", SimulationConfig.class));
    }

    /** The four forms of the example of https://yaml.org/type/merge.html, each equal to the mapping written out. */
    @Test
    void mergeKeysGiveTheMappingsOfTheYamlMergeTypeExample() throws Exception {
        String[] anchors = {
            "- &CENTER { x: 1, 'y': 2 }",
            "- &LEFT { x: 0, 'y': 2 }",
            "- &BIG { r: 10 }",
            "- &SMALL { r: 1 }"};
        JsonNode forms = tree(String.join("\n", anchors),
                "- # Explicit keys",
                "  x: 1",
                "  'y': 2",
                "  r: 10",
                "  label: center/big",
                "- # Merge one map",
                "  << : *CENTER",
                "  r: 10",
                "  label: center/big",
                "- # Merge multiple maps",
                "  << : [ *CENTER, *BIG ]",
                "  label: center/big",
                "- # Override",
                "  << : [ *BIG, *LEFT, *SMALL ]",
                "  x: 1",
                "  label: center/big");
        for (int form = 5; form < 8; form++) {
            assertEquals(forms.get(4), forms.get(form), "form " + form);
        }
    }

    @Test
    void ownKeysWinOverMergedOnesWhereverTheyStand() throws Exception {
        JsonNode merged = tree("a: &a {x: 0, 'y': 0, z: 3}", "b: {x: 1, <<: *a, 'y': 2}").get("b");
        assertEquals(tree("{x: 1, 'y': 2, z: 3}"), merged);
        List<String> keys = new ArrayList<>();
        merged.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("x", "z", "y"), keys, "merged keys stand where the merge key stands");
    }

    @Test
    void aMergedMappingThatMergesPassesOnItsOwnMerge() throws Exception {
        assertEquals(tree("{a: 1, b: 2, c: 3}"),
                tree("x: &x {a: 1, b: 0}", "y: &y {<<: *x, b: 2}", "z: {<<: *y, c: 3}").get("z"));
    }

    @Test
    void aQuotedMergeKeyIsAnOrdinaryKey() throws Exception {
        assertEquals(tree("{'<<': {a: 1}}"), tree("x: &x {a: 1}", "y: {'<<': *x}").get("y"));
    }

    @Test
    void aStarInQuotedTextIsNoAlias() throws Exception {
        assertEquals("a*b", tree("name: 'a*b'", "other: \"<<\"").get("name").asText());
    }

    /**
     * Every check after the parse names a key's line by the source map, so it names where the alias is written,
     * the place of the key path the message gives: it had named the anchored value's line, where the key path
     * is another (populations[0] for populations[1]). A key a merge key brings in stands where its mapping is.
     */
    @Test
    void aKeyReachedThroughAnAliasStandsWhereTheAliasIsWritten() {
        SourceMap where = SourceMap.of("alias.yaml", String.join("\n",
                "populations:",
                "  - {name: exc, params: &lif {tau_m: 20, t_ref: 2}}",
                "  - {name: inh, params: *lif}",
                "  - {name: fast, params: {<<: *lif, tau_m: 10}}",
                ""));
        assertEquals("alias.yaml:2:31", where.locate("populations[0].params.tau_m"));
        assertEquals("alias.yaml:3:25", where.locate("populations[1].params.tau_m"));
        assertEquals("alias.yaml:3:25", where.locate("populations[1].params.t_ref"));
        assertEquals("alias.yaml:3:6", where.locate("populations[1].name"));
        assertEquals("alias.yaml:4:37", where.locate("populations[2].params.tau_m"));
        assertEquals("alias.yaml:4:26", where.locate("populations[2].params.t_ref"));
    }

    /** A value a rule refuses through an alias is refused where the alias is written, under its key path there. */
    @Test
    void aValueRefusedThroughAnAliasIsReportedAtTheAlias() {
        String yaml = String.join("\n",
                "name: t",
                "strategies:",
                "  - {name: ewc, params: &p {lambda: -1}}",
                "  - {name: ewc, label: again, params: *p}",
                "");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(yaml, "alias.yaml",
                List.of(), ConfigLayers.Flags.NONE));
        String refused = "expected a finite number >= 0 (dimensionless), found -1";
        assertEquals(List.of("alias.yaml:3:29: strategies[0].params.lambda: " + refused,
                "alias.yaml:4:39: strategies[1].params.lambda: " + refused),
                e.problems().stream().map(ConfigException::getMessage).toList());
    }

    @Test
    void anOctalLookingNumberIsRefusedThroughAnAliasAsWhenWrittenOut() {
        ConfigException error = refusal("name: cells", "seed: &s 010", "duration_ms: *s",
                "populations: [{name: a, size: 1, model: lif_delta}]");
        List<String> found = error.problems().stream().map(ConfigException::getMessage).sorted().toList();
        String advice = "found the text \"010\"; numbers are decimal, without leading zeros: write 10 (decimal) or 8 "
                + "(YAML 1.1 reads 010 as octal 8)";
        assertEquals(List.of("alias.yaml:2:1: seed: expected a value of type integer, " + advice,
                "alias.yaml:3:1: duration_ms: expected a value of type number, " + advice), found);
    }

    @Test
    void anAliasWithNoAnchorBeforeItIsRefusedAtItsLine() {
        assertEquals("alias.yaml:4:12: expected an anchor &n before its alias, found the alias *n with no anchor &n "
                + "before it", refusal(
                        "name: cells",
                        "duration_ms: 10",
                        "populations:",
                        "  - {name: *n, size: 1, model: lif_delta}",
                        "record: {spikes: [&n a]}").getMessage());
    }

    @Test
    void anAliasWithinTheValueItNamesIsRefused() {
        // An anchor of the same name before does not count: the alias names the value it stands in.
        assertEquals("alias.yaml:2:18: expected an alias outside the value its anchor names, found the alias *p "
                + "within the value of &p", refusal(
                        "name: &p cells",
                        "x: &p {a: 1, b: [*p]}").getMessage());
    }

    @Test
    void aMergeOfAnythingButMappingsIsRefused() {
        assertEquals("alias.yaml:2:20: expected a mapping, or a list of mappings, after the merge key <<, "
                + "found 'cells'", refusal("name: &n cells", "populations: [{<<: [*n]}]").getMessage());
        assertEquals("alias.yaml:2:20: expected a mapping, or a list of mappings, after the merge key <<, "
                + "found '1'", refusal("name: cells", "populations: [{<<: [1, 2]}]").getMessage());
    }

    @Test
    void aliasesThatWouldFillTheHeapAreRefusedAtOnce() {
        StringBuilder laughs = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level < 10; level++) {
            laughs.append("a").append(level).append(": &a").append(level).append(" [");
            for (int i = 0; i < 10; i++) {
                laughs.append(i == 0 ? "" : ", ").append("*a").append(level - 1);
            }
            laughs.append("]\n");
        }
        ConfigException error = refusal(laughs.toString());
        assertEquals("expected aliases that repeat at most 10,000,000 keys and values in all, found more by the "
                + "alias *a5", error.getMessage().substring(error.getMessage().indexOf("expected")));
    }

    @Test
    void listsNestAsDeepWithAliasesAsWithout() throws Exception {
        // The root mapping is the first of Jackson's 1,000 levels.
        String deepest = "x: " + "[".repeat(999) + "]".repeat(999) + "\n";
        String aliases = "a: &z 1\nb: *z\n";
        assertEquals(tree(deepest + "a: 1\nb: 1"), tree(deepest + aliases));
        String deeper = "x: " + "[".repeat(1000) + "]".repeat(1000) + "\n";
        assertThrows(ConfigException.class, () -> ConfigLoader.parse(deeper, "deep.yaml", SimulationConfig.class));
        assertEquals("deep.yaml:1:1003: expected lists and mappings nested at most 1,000 deep, found one more",
                assertThrows(ConfigException.class, () -> ConfigLoader.parse(deeper + aliases, "deep.yaml",
                        SimulationConfig.class)).getMessage());
    }

    @Test
    void aSecondDocumentIsRefusedAsSuchWhateverItsAliases() {
        assertEquals(refusal("name: x", "---", "name: x").getMessage(),
                refusal("name: x", "---", "name: *a").getMessage());
    }

    /** The parser reads a copy of the text; the reader is closed as Jackson closes the readers it is given. */
    @Test
    void aReaderIsReadWholeAndClosed() throws Exception {
        boolean[] closed = {false};
        Reader reader = new StringReader("a: &x [1, 2]\nb: *x\n") {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        assertEquals(tree("a: [1, 2]", "b: [1, 2]"), ConfigLoader.mapper().readTree(reader));
        assertEquals(true, closed[0]);
    }

    @Test
    void aSetValueCannotNameTheConfigsAnchors() {
        ConfigException error = assertThrows(ConfigException.class, () -> SetOverride.parse("name=*n"));
        assertEquals("--set name=*n: name: expected a YAML value (number, text, true/false, [list] or {mapping}), "
                + "found '*n'; a value given with --set cannot name the config's anchors: write the value out",
                error.getMessage());
    }
}
