package org.engram.experiments.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.engram.experiments.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * A key a rule's type does not read is refused, each such key at once, with the keys the type reads; a key left
 * empty (null) is not one given, and {@code type} is the type itself.
 */
class EntryChecksTest {
    private final EntryChecks checks = new EntryChecks("net.yaml");

    /** {@code all_to_all} reads only {@code autapses}: its p and k are refused together, its autapses kept. */
    @Test
    void everyKeyTheTypeDoesNotReadIsRefused() {
        SimulationConfig.RuleSpec spec = new SimulationConfig.RuleSpec("all_to_all", 0.25, 3, null, true, null, null,
                null);
        ConfigException e = assertThrows(ConfigException.class, () -> checks.rejectUnusedKeys(spec,
                RuleType.ALL_TO_ALL.keys(), "rule all_to_all", "projections[0].rule"));
        assertEquals(List.of("projections[0].rule.p", "projections[0].rule.k"),
                e.problems().stream().map(ConfigException::location).toList());
        ConfigException p = e.problems().get(0);
        assertEquals("net.yaml", p.source());
        assertEquals("no value (rule all_to_all uses autapses)", p.expected());
        assertEquals("0.25", p.found());
        assertEquals("remove the key", p.hint());
    }

    /** A type that reads nothing says so; another simulator's name for a key is told what takes it. */
    @Test
    void aTypeOfNoParametersSaysSoAndAForeignNameIsTold() {
        SimulationConfig.RuleSpec spec = new SimulationConfig.RuleSpec("one_to_one", null, 2, null, null, null, null,
                null);
        ConfigException e = assertThrows(ConfigException.class, () -> checks.rejectUnusedKeys(spec,
                RuleType.ONE_TO_ONE.keys(), "rule one_to_one", "r", key -> "the " + key + " of another"));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("no value (rule one_to_one uses no parameters)", e.expected());
        assertEquals("the k of another", e.hint());
    }

    /** Only keys given and not read are refused: a spec of the keys its type reads passes. */
    @Test
    void aSpecOfTheKeysItsTypeReadsPasses() {
        checks.rejectUnusedKeys(new SimulationConfig.RuleSpec("fixed_in_degree", null, 4, null, false, true, null,
                null), RuleType.FIXED_IN_DEGREE.keys(), "rule fixed_in_degree", "r");
    }
}
