package org.engram.experiments.simulate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.engram.simulator.network.connect.Connectivity;
import org.engram.simulator.network.connect.Rules;

/**
 * The connectivity rules a simulation config may name ({@code projections[i].rule.type}): for each,
 * what it does, the keys it reads and how it is built. The one place a rule type is declared, so
 * {@code engram list}, the check for ignored keys and the network builder cannot disagree.
 */
public enum RuleType {
    /** Every source to every target. */
    ALL_TO_ALL("every source to every target", List.of("autapses"),
            (r, v) -> Rules.allToAll().withAutapses(flag(r.autapses()))),
    /** Source i to target i. */
    ONE_TO_ONE("source i to target i", List.of(), (r, v) -> Rules.oneToOne()),
    /** Each pair independently with probability p. */
    FIXED_PROBABILITY("each pair independently with probability p", List.of("p", "autapses"),
            (r, v) -> Rules.fixedProbability(v.required(r.p(), "p")).withAutapses(flag(r.autapses()))),
    /** Every target gets exactly k sources. */
    FIXED_IN_DEGREE("every target gets exactly k sources", List.of("k", "autapses", "multapses"),
            (r, v) -> Rules.fixedInDegree(v.required(r.k(), "k"))
                    .withAutapses(flag(r.autapses())).withMultapses(flag(r.multapses()))),
    /** Every source makes exactly k synapses. */
    FIXED_OUT_DEGREE("every source makes exactly k synapses", List.of("k", "autapses", "multapses"),
            (r, v) -> Rules.fixedOutDegree(v.required(r.k(), "k"))
                    .withAutapses(flag(r.autapses())).withMultapses(flag(r.multapses()))),
    /** Exactly n synapses in all, on (source, target) pairs drawn uniformly. */
    FIXED_TOTAL_NUMBER("exactly n synapses in all, on (source, target) pairs drawn uniformly",
            List.of("n", "autapses", "multapses"),
            (r, v) -> Rules.fixedTotalNumber(v.required(r.n(), "n"))
                    .withAutapses(flag(r.autapses())).withMultapses(flag(r.multapses()))),
    /** Exactly the listed (source, target) pairs. */
    EXPLICIT("exactly the listed (source, target) pairs", List.of("sources", "targets"),
            (r, v) -> Rules.explicit(v.required(r.sources(), "sources"), v.required(r.targets(), "targets")));

    /** Hands a rule's values to its builder, failing with the config location when one is missing. */
    interface Values {
        /**
         * @param value the value given, or null
         * @param key   its key within the rule
         * @return the value
         * @throws org.engram.experiments.config.ConfigException naming the key if the value is null
         */
        <T> T required(T value, String key);
    }

    /** Builds the rule from a config entry of its type. */
    @FunctionalInterface
    interface Builder {
        Connectivity build(SimulationConfig.RuleSpec spec, Values values);
    }

    private final String description;
    private final List<String> keys;
    private final Builder builder;

    RuleType(String description, List<String> keys, Builder builder) {
        this.description = description;
        this.keys = keys;
        this.builder = builder;
    }

    /** {@return the name configs use, e.g. {@code fixed_in_degree}} */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@return one line for {@code engram list}: what the rule does and the keys it reads} */
    public String description() {
        return keys.isEmpty() ? description : description + " (" + String.join(", ", keys) + ")";
    }

    /** {@return the keys the rule reads besides {@code type}; any other key given would be ignored} */
    public List<String> keys() {
        return keys;
    }

    Connectivity build(SimulationConfig.RuleSpec spec, Values values) {
        return builder.build(spec, values);
    }

    /**
     * {@return the rule type, or null if none has that name}
     *
     * @param configName a name as configs write it
     */
    public static RuleType byConfigName(String configName) {
        for (RuleType t : values()) {
            if (t.configName().equals(configName)) {
                return t;
            }
        }
        return null;
    }

    /** {@return every rule's config name with its {@link #description()}, in declaration order} */
    public static Map<String, String> descriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        for (RuleType t : values()) {
            m.put(t.configName(), t.description());
        }
        return m;
    }

    /** Switches such as autapses and multapses default to allowed. */
    private static boolean flag(Boolean given) {
        return given == null || given;
    }
}
