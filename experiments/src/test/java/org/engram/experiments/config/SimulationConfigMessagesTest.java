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

    /** Each item of a list of integers that is not one is named, not the first alone (1.5 at column 64, 2.5 at 69). */
    @Test
    void everyBadItemOfAnIntegerListIsNamed(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("r.yaml");
        Files.writeString(config, String.join("\n", "name: r", "duration_ms: 1", "populations:",
                "  - {name: a, size: 10, model: lif_delta}", "projections:",
                "  - {source: a, target: a, rule: {type: explicit, sources: [0, 1.5, 2.5], targets: [1, 2, 3]},"
                        + " weight: 0.1, delay_ms: 1}", ""));
        List<ConfigException> problems = new ArrayList<>();
        ConfigLoader.load(config, List.of(), SimulationConfig.class, problems);
        String at = config + ":6:";
        assertEquals(List.of(at + "64: projections[0].rule.sources[1]: expected a value of type integer, found 1.5",
                at + "69: projections[0].rule.sources[2]: expected a value of type integer, found 2.5"),
                problems.stream().flatMap(p -> p.problems().stream()).map(ConfigException::getMessage).toList());
    }

    private static final String ONE_POPULATION = String.join("\n", "name: r", "duration_ms: 1", "populations:",
            "  - {name: a, size: 10, model: lif_delta}", "projections:", "");

    private static List<String> problems(Path config, List<String> overrides) {
        List<ConfigException> problems = new ArrayList<>();
        ConfigLoader.load(config, overrides, SimulationConfig.class, problems);
        return problems.stream().flatMap(p -> p.problems().stream()).map(ConfigException::getMessage).toList();
    }

    /**
     * A key a rule does not read is told the keys of its type where the type is given as a name, else every key of
     * a rule (columns: "  - {source: a, target: a, rule: {" is 34 characters).
     */
    @Test
    void anUnknownKeyIsToldTheKeysOfItsType(@TempDir Path dir) throws IOException {
        String all = "expected one of the keys [autapses, k, multapses, n, p, sources, targets, type], found unknown"
                + " key 'q'";
        Path named = Files.writeString(dir.resolve("named.yaml"), ONE_POPULATION
                + "  - {source: a, target: a, rule: {type: one_to_one, q: 3}, weight: 0.1, delay_ms: 1}\n");
        assertEquals(List.of(named + ":6:53: projections[0].rule.q: expected one of the keys [type], found unknown"
                + " key 'q'"), problems(named, List.of()));
        Path listed = Files.writeString(dir.resolve("listed.yaml"), ONE_POPULATION
                + "  - {source: a, target: a, rule: {type: [one_to_one], q: 3}, weight: 0.1, delay_ms: 1}\n");
        assertEquals(List.of(listed + ":6:55: projections[0].rule.q: " + all,
                listed + ":6:35: projections[0].rule.type: expected a value of type text, found a list"),
                problems(listed, List.of()));
        Path untyped = Files.writeString(dir.resolve("untyped.yaml"), ONE_POPULATION
                + "  - {source: a, target: a, rule: {q: 3}, weight: 0.1, delay_ms: 1}\n");
        assertEquals(List.of(untyped + ":6:35: projections[0].rule.q: " + all), problems(untyped, List.of()));
    }

    /**
     * A key close to one its rule's type reads is told that key ("  - {source: a, target: a, rule: {type:
     * fixed_probability, " is 59 characters).
     */
    @Test
    void anUnknownKeyOfATypeIsToldTheClosestKey(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("close.yaml"), ONE_POPULATION
                + "  - {source: a, target: a, rule: {type: fixed_probability, pp: 0.1}, weight: 0.1, delay_ms: 1}\n");
        assertEquals(List.of(config + ":6:60: projections[0].rule.pp: expected one of the keys [autapses, p, type],"
                + " found unknown key 'pp'; did you mean 'p'?"), problems(config, List.of()));
    }

    /**
     * A plasticity rule of one's own keeps the keys written beside its type for whoever reads it, with an override
     * of another key as without one.
     */
    @Test
    void aUserRulesKeysAreTakenAsWritten(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("mine.yaml"), ONE_POPULATION + "  - {source: a, target: a,"
                + " rule: {type: one_to_one}, weight: 0.1, delay_ms: 1, plasticity: {type: my_rule, a: 0.1}}\n");
        for (List<String> overrides : List.of(List.<String>of(), List.of("duration_ms=2"))) {
            List<ConfigException> problems = new ArrayList<>();
            SimulationConfig c = ConfigLoader.load(config, overrides, SimulationConfig.class, problems).config();
            assertEquals(List.of(), problems);
            assertEquals(0.1, c.projections().get(0).plasticity().parameters().get("a").asDouble(), 0.0);
            assertEquals(overrides.isEmpty() ? 1.0 : 2.0, c.durationMs(), 0.0);
        }
    }
}
