package org.engram.experiments.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.engram.learning.continual.ContinualStrategy;
import org.engram.learning.continual.Strategies;
import org.engram.learning.continual.StrategyProvider;
import org.engram.simulator.EngramException;
import org.engram.simulator.Suggestions;

/**
 * Turns a {@link ExperimentConfig.StrategySpec} into a strategy: looks its name up in
 * {@link Strategies}, lays the user's hyperparameters over the strategy's defaults and converts
 * them into the strategy's {@code Params} record with the same strictness as the rest of the
 * config (unknown keys, types, ranges).
 */
public final class StrategyParams {
    private StrategyParams() {
    }

    /** Where an error is reported: the file position or override of a key path. */
    public interface Locator {
        /**
         * {@return where it was written, e.g. {@code my.yaml:12:3} or {@code --set encoder.steps=9}}
         *
         * @param keyPath a key path, e.g. {@code encoder.steps}
         */
        String locate(String keyPath);

        /**
         * Where a value that conflicts with others was given: the override or flag that wrote the
         * key or, failing that, one of the others (the change that made the conflict), else the
         * key's place.
         *
         * @param keyPath the key the message is about
         * @param others  the keys whose values it conflicts with
         * @return as {@link #locate(String)}
         */
        default String locateConflict(String keyPath, String... others) {
            return locate(keyPath);
        }

        /**
         * Whether the value of a key was made text by YAML's tag ({@code !!str 2}) rather than by quotes, as
         * advice to drop one or the other says.
         *
         * @param keyPath a key path, e.g. {@code training.epochs}
         * @return true only where the file itself tags the key's value {@code !!str}
         */
        default boolean taggedText(String keyPath) {
            return false;
        }

        /**
         * A number as it was written, for a message to show what was found: the tree a config is checked in
         * holds one with a point or exponent as a double, which may have rounded it ({@code 1e-400} is 0.0
         * there, {@code 9.223372036854775807e18} 9.223372036854776E18), and a check of a double shows an
         * integer as one ({@code -1} as -1.0).
         *
         * @param keyPath a key path, e.g. {@code seeds[0]}
         * @return the number as written, or null where it is not known
         */
        default String numberAsWritten(String keyPath) {
            return null;
        }
    }

    /**
     * The names of a spec: one, or the members of a chain ({@code replay+ewc}).
     *
     * @param spec the spec
     * @return the member names in order
     */
    public static List<String> members(ExperimentConfig.StrategySpec spec) {
        return List.of(spec.name().split("\\+", -1));
    }

    /**
     * Fills every hyperparameter of a spec with its default where the user gave none, checking the
     * names, keys and values.
     *
     * @param spec    the spec
     * @param keyPath where it stands, e.g. {@code strategies[1]}
     * @param where   locates key paths for messages
     * @return the spec with complete params
     */
    static ExperimentConfig.StrategySpec fill(ExperimentConfig.StrategySpec spec, String keyPath, Locator where) {
        List<String> names = members(spec);
        List<String> known = new ArrayList<>();
        for (Strategies.Info info : Strategies.list()) {
            known.add(info.name());
        }
        for (String name : names) {
            if (!known.contains(name)) {
                // The closest name may be a built-in's where a strategy of one's own was meant (my_online_ewc,
                // online_ewc): where such a strategy is found is said either way.
                String hint = Strategies.unknownNameHint(name);
                String own = "a strategy of your own is found through its StrategyProvider, named in"
                        + " META-INF/services/" + StrategyProvider.class.getName() + " on ENGRAM_CLASSPATH (which"
                        + " ./engram reads; with java, put it on -cp)";
                throw new ConfigException(where.locate(keyPath + ".name"), keyPath + ".name",
                        "a strategy name, one of " + known
                                + (names.size() > 1 ? " (a chain joins names with '+')" : ""),
                        "'" + name + "'", hint != null ? hint + "; " + own : "see engram list; " + own);
            }
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.indexOf(names.get(i)) < i) {
                throw new ConfigException(where.locate(keyPath + ".name"), keyPath + ".name",
                        "each strategy at most once in a chain (its copies would share one params mapping and only"
                                + " add up)", "'" + spec.name() + "'", "raise the member's strength instead");
            }
        }
        String misorder = Strategies.misorder(names);
        if (misorder != null) {
            throw new ConfigException(where.locate(keyPath + ".name"), keyPath + ".name", Strategies.CHAIN_ORDER_RULE,
                    "'" + spec.name() + "' (" + misorder + ")",
                    "write '" + String.join("+", Strategies.projectionsLast(names)) + "'");
        }
        ObjectNode filled;
        String nameKey = keyPath + ".name";
        if (names.size() == 1) {
            filled = complete(names.get(0), (ObjectNode) spec.params(), keyPath + ".params", where, nameKey);
        } else {
            // Every member's problems at once.
            List<ConfigException> problems = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = spec.params().fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!names.contains(e.getKey())) {
                    String hint = Suggestions.didYouMean(e.getKey(), names);
                    String key = keyPath + ".params." + e.getKey();
                    if (hint == null) {
                        hint = memberTaking(e.getKey(), names);
                    }
                    // The params may suit the strategy before a --set made it a chain: the --set is named.
                    problems.add(new ConfigException(where.locateConflict(key, nameKey), key,
                            "one mapping per chain member " + names, "unknown member '" + e.getKey() + "'", hint));
                }
            }
            filled = ConfigLoader.mapper().createObjectNode();
            for (String name : names) {
                JsonNode given = spec.params().get(name);
                String at = keyPath + ".params." + name;
                try {
                    if (given != null && !given.isObject()) {
                        throw new ConfigException(where.locate(at), at, "a mapping of hyperparameters",
                                ConfigException.asFound(given), null);
                    }
                    filled.set(name, complete(name, given == null ? ConfigLoader.mapper().createObjectNode()
                            : (ObjectNode) given, at, where, nameKey));
                } catch (ConfigException e) {
                    problems.add(e);
                }
            }
            if (!problems.isEmpty()) {
                throw ConfigException.all(problems);
            }
        }
        return new ExperimentConfig.StrategySpec(spec.name(), spec.label(), filled);
    }

    /**
     * Advice for a chain given a member's hyperparameter directly ({@code params: {lambda: 10}} for
     * {@code replay+ewc}): the mapping of every member that takes it ({@code lambda} is both ewc's
     * and mas's in {@code ewc+mas}), or null when none does.
     */
    private static String memberTaking(String hyperparameter, List<String> members) {
        List<String> taking = members.stream().filter(m -> ConfigLoader.componentsOf(Strategies.info(m)
                .hyperparameters().defaults()).has(hyperparameter)).toList();
        if (taking.isEmpty()) {
            return null;
        }
        List<String> mappings = taking.stream().map(m -> m + ": {" + hyperparameter + ": ...}").toList();
        return "'" + hyperparameter + "' is a hyperparameter of " + String.join(" and ", taking) + ": write it inside"
                + " params: {" + String.join(", ", mappings) + "}";
    }

    private static ObjectNode complete(String name, ObjectNode given, String keyPath, Locator where,
                                       String nameKey) {
        Strategies.Hyperparameters<?> h = Strategies.info(name).hyperparameters();
        if (h.type().getRecordComponents().length == 0 && !given.isEmpty()) {
            String key = keyPath + "." + given.fieldNames().next();
            // Params given to a strategy that takes none conflict with its name: a --set that wrote the
            // name is named rather than the params' line. Other problems of a value stay at the value.
            throw new ConfigException(where.locateConflict(key, nameKey), key, "no hyperparameters (" + name
                    + " takes none)", "'" + given.fieldNames().next() + "'", "remove the params of " + name);
        }
        ObjectNode tree = ConfigLoader.componentsOf(h.defaults());
        tree.setAll(given.deepCopy());
        Record checked = SectionBinder.convert(tree, h.type(), keyPath, where);
        return ConfigLoader.componentsOf(checked);
    }

    /**
     * Creates the strategy a complete spec (one returned by {@link ConfigLayers}) describes.
     *
     * @param spec the spec
     * @return a new strategy in its initial state
     */
    public static ContinualStrategy create(ExperimentConfig.StrategySpec spec) {
        return create(spec, "", p -> "strategy " + spec.label());
    }

    /**
     * Creates the strategy of a spec in a config: a factory that refuses the values is reported at
     * the spec's params.
     *
     * @param spec    the spec, complete
     * @param keyPath where it stands, e.g. {@code strategies[1]}, or empty
     * @param where   locates key paths for messages
     * @return a new strategy in its initial state
     */
    static ContinualStrategy create(ExperimentConfig.StrategySpec spec, String keyPath, Locator where) {
        List<String> names = members(spec);
        String params = keyPath.isEmpty() ? "params" : keyPath + ".params";
        if (names.size() == 1) {
            return build(names.get(0), spec.params(), params, where);
        }
        ContinualStrategy[] chain = new ContinualStrategy[names.size()];
        for (int i = 0; i < chain.length; i++) {
            chain[i] = build(names.get(i), spec.params().get(names.get(i)), params + "." + names.get(i), where);
        }
        return Strategies.chain(chain);
    }

    private static ContinualStrategy build(String name, JsonNode params, String keyPath, Locator where) {
        Strategies.Hyperparameters<?> h = Strategies.info(name).hyperparameters();
        Record values = SectionBinder.convert(params, h.type(), keyPath, where);
        try {
            return h.create(values);
        } catch (EngramException e) {
            throw ConfigException.all(YamlErrors.eachProblem(e, keyPath, where::locate, where::numberAsWritten));
        } catch (RuntimeException e) {
            // A strategy of one's own whose constructor refuses its values, or fails: said with the values as a
            // config writes them, at a --set that changed one if any, with the cause's stack trace for the code.
            List<String> keys = new ArrayList<>();
            List<String> shown = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = ConfigLoader.componentsOf(values).fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> v = it.next();
                keys.add(keyPath + "." + v.getKey());
                shown.add(v.getKey() + ": " + (v.getValue().isTextual() ? v.getValue().asText() : v.getValue()));
            }
            throw new ConfigException(where.locateConflict(keyPath, keys.toArray(String[]::new)) + ": " + keyPath
                    + ": expected hyperparameters strategy '" + name + "' can be made with, found {"
                    + String.join(", ", shown) + "}, for which its factory threw " + e, e);
        }
    }
}
