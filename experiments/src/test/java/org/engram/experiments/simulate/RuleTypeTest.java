package org.engram.experiments.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.engram.experiments.config.ConfigLoader;
import org.engram.experiments.config.LeftOutKeys;
import org.engram.simulator.network.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule type a config may name builds the connectivity it describes. */
class RuleTypeTest {
    @TempDir
    Path dir;

    /** Two populations of 10 neurons, one projection from a to b; synapse counts worked out by hand. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "{type: all_to_all}; 100",
            "{type: one_to_one}; 10",
            "{type: fixed_probability, p: 1.0}; 100",
            "{type: fixed_in_degree, k: 3}; 30",
            "{type: fixed_out_degree, k: 2}; 20",
            "{type: fixed_total_number, n: 37}; 37",
            "{type: fixed_total_number, n: 100, multapses: false}; 100",
            "{type: explicit, sources: [0, 1, 1], targets: [5, 6, 7]}; 3"})
    void eachRuleBuildsItsSynapses(String rule, long synapses) throws IOException {
        Path file = Files.writeString(dir.resolve("rules.yaml"), String.join("\n",
                "name: rules",
                "duration_ms: 1",
                "populations:",
                "  - {name: a, size: 10, model: lif_delta}",
                "  - {name: b, size: 10, model: lif_delta}",
                "projections:",
                "  - {source: a, target: b, rule: " + rule + ", weight: 0.1, delay_ms: 1}",
                ""));
        Network network = new NetworkFromConfig(ConfigLoader.load(file, SimulationConfig.class), "rules.yaml",
                LeftOutKeys.NONE).build();
        assertEquals(synapses, network.synapseCount());
    }

    /** Every key a rule reads is a key of the YAML rule spec, so a misspelt one cannot slip through. */
    @Test
    void everyKeyARuleReadsIsARuleSpecKey() {
        java.util.Set<String> spec = new java.util.HashSet<>();
        for (java.lang.reflect.RecordComponent c : SimulationConfig.RuleSpec.class.getRecordComponents()) {
            spec.add(c.getName());
        }
        for (RuleType t : RuleType.values()) {
            assertTrue(spec.containsAll(t.keys()), t + " reads " + t.keys() + ", the spec has " + spec);
        }
    }

    @Test
    void rulesAreFoundByConfigNameAndListedWithTheKeysTheyRead() {
        assertTrue(RuleType.descriptions().get("fixed_in_degree").endsWith("(k, autapses, multapses)"),
                RuleType.descriptions().toString());
        assertEquals(RuleType.FIXED_OUT_DEGREE, RuleType.byConfigName("fixed_out_degree"));
        assertNull(RuleType.byConfigName("fixed_outdegree"));
    }
}
