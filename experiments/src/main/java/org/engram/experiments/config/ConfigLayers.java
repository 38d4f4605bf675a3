package org.engram.experiments.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Problems;

/**
 * Builds the experiment config from its four layers, each over the one before:
 * defaults ({@link Key} annotations) &lt;- YAML file &lt;- {@code --set key=value} overrides &lt;-
 * command-line flags ({@code --seeds}, {@code --threads}).
 *
 * <p>The layers meet as YAML trees: the file's tree, then every override written into it, then
 * the flags, then the defaults filled where a key is still missing. The tree is converted into
 * {@link ExperimentConfig} with unknown keys, wrong types and out-of-range values as errors; an
 * error names the file, line and column of the key, or the override or flag that set it.
 */
public final class ConfigLayers {
    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE =
            new PropertyNamingStrategies.SnakeCaseStrategy();

    private ConfigLayers() {
    }

    /**
     * The command-line flags that override config keys; {@code null} leaves a key alone.
     *
     * @param seeds   {@code --seeds}
     * @param threads {@code --threads}
     */
    public record Flags(List<Long> seeds, Integer threads) {
        /** No flags. */
        public static final Flags NONE = new Flags(null, null);
    }

    /**
     * A resolved config.
     *
     * @param config the complete config
     * @param yaml   the complete config as YAML (what {@code config.yaml} of a run holds)
     * @param where  locates a key path in the file, an override or a flag, for checks made later
     *               (those that need the data)
     */
    public record Resolved(ExperimentConfig config, String yaml, StrategyParams.Locator where) {
        /** {@return the hex SHA-256 of {@link #yaml()}} */
        public String hash() {
            return sha256(yaml);
        }

        /** {@return the hex SHA-256 of the config with {@code threads} set to 1: what decides the results} */
        public String resultHash() {
            ExperimentConfig c = config;
            return sha256(ConfigLoader.toYaml(new ExperimentConfig(c.name(), c.seeds(), 1, c.data(), c.tasks(),
                    c.network(), c.encoder(), c.training(), c.learner(), c.strategies(), c.energy())));
        }
    }

    /**
     * Reads a config file and lays overrides and flags over it.
     *
     * @param file      the YAML file
     * @param overrides {@code key=value} texts, applied in order
     * @param flags     command-line flags
     * @return the resolved config
     * @throws ConfigException if the file is missing or anything is invalid
     */
    public static Resolved resolve(Path file, List<String> overrides, Flags flags) {
        return resolve(ConfigLoader.readText(file), file.toString(), overrides, flags);
    }

    /**
     * Lays the layers over YAML text.
     *
     * @param text       the YAML
     * @param sourceName the file name shown in messages
     * @param overrides  {@code key=value} texts, applied in order
     * @param flags      command-line flags
     * @return the resolved config
     */
    public static Resolved resolve(String text, String sourceName, List<String> overrides, Flags flags) {
        JsonNode parsed;
        try {
            parsed = ConfigLoader.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw YamlErrors.translate(e, sourceName, text);
        }
        if (parsed == null || parsed.isMissingNode() || parsed.isNull()) {
            throw new ConfigException(sourceName, null, "a YAML mapping", "an empty file", null);
        }
        if (!parsed.isObject()) {
            throw new ConfigException(sourceName + ":1:1", null, "a YAML mapping of keys",
                    SetOverride.describe(parsed), null);
        }
        ObjectNode tree = (ObjectNode) parsed;
        ExtensionKeys.remove(tree);
        KeyOrigins where = new KeyOrigins(SourceMap.of(sourceName, text));
        // Defaults first, so that an override's list index counts the list a key has without it
        // (seeds[1]=7 appends to the default [1]); filled again below for what the overrides add.
        fillDefaults(tree, ExperimentConfig.class);
        where.applyAll(overrides, tree);
        if (flags.seeds() != null) {
            ArrayNode seeds = tree.putArray("seeds");
            flags.seeds().forEach(seeds::add);
            where.wrote("seeds", "--seeds");
        }
        if (flags.threads() != null) {
            tree.put("threads", flags.threads());
            where.wrote("threads", "--threads");
        }
        List<ConfigException> problems = new ArrayList<>();
        rejectEmptyOrUnknown(tree, ExperimentConfig.class, "", where, problems);
        fillDefaults(tree, ExperimentConfig.class);
        // Each key, section and strategy on its own, so that the problems of several are reported together.
        SectionBinder.bindApart(tree, ExperimentConfig.class, where, problems);
        problems.addAll(topLevelRules(tree, where, problems));
        List<ExperimentConfig.StrategySpec> strategies = fillStrategies(tree, where, problems);
        ConfigException simulation = OtherCommandConfig.of(problems, sourceName, "engram run",
                OtherCommandConfig.SIMULATE);
        if (simulation != null) {
            throw simulation;
        }
        if (!problems.isEmpty()) {
            throw ConfigException.all(inOrderWritten(problems, sourceName, overrides));
        }
        ExperimentConfig config = bind(tree, ExperimentConfig.class, "", where);
        ExperimentConfig complete = new ExperimentConfig(config.name(), config.seeds(), config.threads(),
                config.data(), config.tasks(), config.network(), config.encoder(), config.training(), config.learner(),
                strategies,
                config.energy());
        try {
            CrossChecks.check(complete, where);
        } catch (ConfigException e) {
            throw ConfigException.all(inOrderWritten(List.of(e), sourceName, overrides));
        }
        return new Resolved(complete, ConfigLoader.toYaml(complete), where);
    }

    /**
     * The problems of the top-level keys' rules (name, seeds, threads, labels), which need the whole config
     * bound: each top-level key that holds a problem already is bound at its default instead, and what the
     * rules then say of it is left out, so that {@code threads: 0} is reported beside a section's problems,
     * not once they are mended.
     */
    private static List<ConfigException> topLevelRules(ObjectNode tree, StrategyParams.Locator where,
                                                       List<ConfigException> problems) {
        ObjectNode apart = SectionBinder.withoutUnknownKeys(tree.deepCopy(), ExperimentConfig.class);
        List<String> keys = keysOf(ExperimentConfig.class);
        List<String> replaced = new ArrayList<>();
        for (String key : keys) {
            if (ConfigException.anyWithin(key, problems)) {
                apart.remove(key);
                replaced.add(key);
            }
        }
        fillDefaults(apart, ExperimentConfig.class);
        boolean unknownKey = problems.stream().flatMap(p -> p.problems().stream())
                .anyMatch(one -> one.location() != null && !one.location().contains(".")
                        && !one.location().contains("[") && !keys.contains(one.location()));
        for (String key : keys) {
            if (unknownKey && !apart.has(key)) {
                replaced.add(key);   // a required key left out may be the unknown one misspelt, refused as such
            }
        }
        List<ConfigException> found = new ArrayList<>();
        SectionBinder.bind(apart, ConfigLoader.mapper().constructType(ExperimentConfig.class), "", where, found);
        List<ConfigException> kept = new ArrayList<>();
        for (ConfigException p : found) {
            for (ConfigException one : p.problems()) {
                if (replaced.stream().noneMatch(key -> ConfigException.anyWithin(key, List.of(one)))) {
                    kept.add(one);
                }
            }
        }
        if (replaced.contains("strategies") && tree.get("strategies") instanceof ArrayNode list) {
            kept.addAll(knownLabelRules(list, apart.path("tasks").path("validation").asDouble() > 0, where, problems));
        }
        return kept;
    }

    /**
     * The labels' rules over the strategies whose labels are known, where an entry holds a problem and the
     * strategies stand in at their default for the other rules: params that are no mapping or a key unknown in
     * one entry had hidden that two others share a label. A label is known where it is given without a
     * problem of its own or, left out, where the name gives it and the entry's problems all lie within its
     * params: an unknown key beside a name may be the label misspelt.
     *
     * @param list       the strategies as written
     * @param validation whether {@code tasks.validation} holds samples out
     * @param problems   the problems found so far
     */
    private static List<ConfigException> knownLabelRules(ArrayNode list, boolean validation,
                                                         StrategyParams.Locator where, List<ConfigException> problems) {
        if (problems.stream().flatMap(p -> p.problems().stream()).anyMatch(p -> "strategies".equals(p.location()))) {
            return List.of();   // the list itself is refused, not an entry
        }
        List<String> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "strategies[" + i + "]";
            JsonNode label = list.get(i).path("label");
            JsonNode name = list.get(i).path("name");
            names.add(name.isTextual() ? name.asText() : null);
            if (label.isMissingNode() || label.isNull()) {
                boolean nameGivesIt = name.isTextual() && problems.stream().flatMap(p -> p.problems().stream())
                        .allMatch(p -> !ConfigException.anyWithin(at, List.of(p))
                                || ConfigException.anyWithin(at + ".params", List.of(p)));
                labels.add(nameGivesIt ? name.asText() : null);
            } else {
                boolean known = label.isValueNode() && !ConfigException.anyWithin(at + ".label", problems);
                labels.add(known ? label.asText() : null);
            }
        }
        Problems rules = new Problems("experiment");
        ExperimentConfig.requireDistinctLabels(rules, labels, names, validation);
        try {
            rules.throwIfAny();
            return List.of();
        } catch (ParameterException e) {
            return YamlErrors.eachProblem(e, "", where::locate, where::numberAsWritten);
        }
    }

    /**
     * Fills the params of each strategy whose entry has no problem yet but unknown keys (left out)
     * with their defaults, checking them ({@link StrategyParams#fill}) and adding the problems found.
     *
     * @return the strategies filled, in order (complete when no problem was added)
     */
    private static List<ExperimentConfig.StrategySpec> fillStrategies(ObjectNode tree, StrategyParams.Locator where,
                                                                      List<ConfigException> problems) {
        List<ConfigException> earlier = List.copyOf(problems);
        List<ExperimentConfig.StrategySpec> filled = new ArrayList<>();
        JsonNode list = tree.get("strategies");
        for (int i = 0; list != null && list.isArray() && i < list.size(); i++) {
            String at = "strategies[" + i + "]";
            JsonNode entry = list.get(i);
            if (entry.isObject() && !SectionBinder.holdsOneBesidesUnknownKeys(at, ExperimentConfig.StrategySpec.class,
                    earlier)) {
                try {
                    ObjectNode known = SectionBinder.withoutUnknownKeys((ObjectNode) entry,
                            ExperimentConfig.StrategySpec.class);
                    filled.add(StrategyParams.fill(bind(known, ExperimentConfig.StrategySpec.class, at, where), at,
                            where));
                } catch (ConfigException e) {
                    problems.add(e);
                }
            }
        }
        return filled;
    }

    /**
     * Refuses a key the record type does not have, with the closest one suggested, and a key or list
     * entry written without a value ({@code seeds: [1, null]}, {@code lr:}), located, rather than
     * letting it reach a record as a Java null. Allowed are a section written without content
     * ({@code energy:}), which {@link #fillDefaults} fills, and keys whose documented default is
     * null. Unknown keys are caught here, before the conversion: there a required key left out
     * (because it was misspelt, {@code strategy:}) fails first and hides the misspelling.
     *
     * @param type     the record type {@code node} describes, or null where the shape is free (maps)
     * @param problems where the problems found are added
     */
    private static void rejectEmptyOrUnknown(JsonNode node, Class<?> type, String path,
            StrategyParams.Locator where, List<ConfigException> problems) {
        rejectEmptyOrUnknown(node, type, path, where, problems, null);
    }

    /**
     * As above, for a node that may be a list's entry.
     *
     * @param previous the entry before it in its list, or null for the first entry or a node not in a list
     */
    private static void rejectEmptyOrUnknown(JsonNode node, Class<?> type, String path,
            StrategyParams.Locator where, List<ConfigException> problems, JsonNode previous) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                String at = path + "[" + i + "]";
                if (element.isNull()) {
                    problems.add(emptyValue(at, where));
                } else {
                    rejectEmptyOrUnknown(element, type, at, where, problems, i == 0 ? null : node.get(i - 1));
                }
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        boolean misspelt = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            String at = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
            RecordComponent rc = type == null ? null : component(type, f.getKey());
            if (type != null && rc == null) {
                problems.add(YamlErrors.unknownKey(where.locate(at), at, f.getKey(), keysOf(type)));
                misspelt = true;
                continue;
            }
            Class<?> childType = rc == null ? null : rc.getType().isRecord() ? rc.getType()
                    : recordElement(rc.getGenericType());
            if (f.getValue().isNull()) {
                Key doc = rc == null ? null : rc.getAnnotation(Key.class);
                boolean nullable = rc != null && (rc.getType().isRecord() || doc != null && "null".equals(doc.def()));
                if (!nullable) {
                    problems.add(emptyValue(at, where));
                }
            } else {
                rejectEmptyOrUnknown(f.getValue(), childType, at, where, problems);
            }
        }
        if (type != null && !misspelt) {
            // An unknown key may be the missing key misspelt.
            rejectMissing(node, type, path, where, problems, appendedEntryHint(path, previous, where));
        }
    }

    /**
     * Advice for a list entry that an override of a key inside it appended ({@code --set
     * strategies[7].params.lambda=10} on a config of seven strategies), or null for any other node:
     * which entry is the last, and how to add one whole.
     */
    private static String appendedEntryHint(String path, JsonNode previous, StrategyParams.Locator where) {
        if (previous == null || !where.locate(path).startsWith(SetOverride.named(""))) {
            return null;
        }
        int open = path.lastIndexOf('[');
        String list = path.substring(0, open);
        int index = Integer.parseInt(path.substring(open + 1, path.length() - 1));
        return "index " + index + " adds a new entry after the last, " + list + "[" + (index - 1) + "]"
                + SetOverride.shownName(previous) + ", which is the one to write to change it; a new entry needs"
                + " all its required keys, e.g. --set '" + path + ".name=...' beside the override";
    }

    /**
     * Refuses a mapping without a key that has no default ({@code strategies}, a strategy's {@code name}).
     *
     * @param hint advice for each key missing, or null
     */
    private static void rejectMissing(JsonNode node, Class<?> type, String path, StrategyParams.Locator where,
                                      List<ConfigException> problems, String hint) {
        for (RecordComponent rc : type.getRecordComponents()) {
            Key doc = rc.getAnnotation(Key.class);
            String key = snakeCase(rc.getName());
            if (doc != null && Key.REQUIRED.equals(doc.def()) && !rc.getType().isRecord() && !node.has(key)) {
                String at = path.isEmpty() ? key : path + "." + key;
                problems.add(new ConfigException(where.locate(path), at, "a value (" + doc.value() + ")",
                        "no such key", hint));
            }
        }
    }

    /** An entry written with no value ({@code - } alone in a list, {@code lambda:}) where one is needed. */
    static ConfigException emptyValue(String keyPath, StrategyParams.Locator where) {
        return ConfigException.ofForm(where.locate(keyPath), keyPath, "a value", "nothing (an empty entry)", null);
    }

    /** The component of a record type that a YAML key names, or null. */
    static RecordComponent component(Class<?> type, String key) {
        for (RecordComponent rc : type.getRecordComponents()) {
            if (snakeCase(rc.getName()).equals(key)) {
                return rc;
            }
        }
        return null;
    }

    /**
     * The single problems in the order written: those placed in the file by line and column, then
     * those of overrides in the order the overrides were given, then the others (flags, keys that are
     * missing) in the order found.
     */
    private static List<ConfigException> inOrderWritten(List<ConfigException> problems, String sourceName,
                                                        List<String> overrides) {
        List<ConfigException> single = new ArrayList<>();
        problems.forEach(p -> single.addAll(p.problems()));
        single.sort(Comparator.comparingLong(p -> positionIn(p.source(), sourceName, overrides)));
        return single;
    }

    /**
     * A problem's place in the file as {@code line * 2^20 + column}; after every place, in the order
     * given, for an override's; after all of these when it has neither.
     */
    private static long positionIn(String source, String sourceName, List<String> overrides) {
        String prefix = sourceName + ":";
        if (source == null || !source.startsWith(prefix)) {
            return KeyOrigins.sortKey(source, overrides);
        }
        String[] lineColumn = source.substring(prefix.length()).split(":");
        try {
            return (Long.parseLong(lineColumn[0]) << 20) + (lineColumn.length > 1 ? Long.parseLong(lineColumn[1]) : 0);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Binds a node at {@code keyPath} ({@code ""} for the whole config) to a type, located by {@code where}. */
    private static <T> T bind(JsonNode node, Class<T> type, String keyPath, StrategyParams.Locator where) {
        try {
            return ConfigLoader.mapper().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw YamlErrors.translateAt(e, keyPath, where);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where.locate(keyPath) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fills missing keys of a mapping from the {@link Key} defaults of a record type, recursing into
     * sections (an empty one included) and lists of sections; keys the type does not know are left
     * for {@link #rejectEmptyOrUnknown} to reject.
     *
     * @param node the mapping, changed in place
     * @param type the record type it describes
     */
    static void fillDefaults(ObjectNode node, Class<?> type) {
        for (RecordComponent rc : type.getRecordComponents()) {
            String key = snakeCase(rc.getName());
            JsonNode child = node.get(key);
            Class<?> t = rc.getType();
            Key doc = rc.getAnnotation(Key.class);
            if (t.isRecord()) {
                if (child == null || child.isNull()) {
                    // A section written with nothing under it ("energy:") is an empty section.
                    child = node.putObject(key);
                }
                if (child.isObject()) {
                    fillDefaults((ObjectNode) child, t);
                }
            } else if (child != null && child.isArray() && recordElement(rc.getGenericType()) != null) {
                for (JsonNode element : child) {
                    if (element.isObject()) {
                        fillDefaults((ObjectNode) element, recordElement(rc.getGenericType()));
                    }
                }
            } else if (child == null && doc != null && !Key.REQUIRED.equals(doc.def())) {
                node.set(key, parseDefault(doc.def(), type, key));
            }
        }
    }

    /** The record type of a list's elements ({@code List<StrategySpec>}), or null for any other type. */
    static Class<?> recordElement(Type type) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                && p.getActualTypeArguments()[0] instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        return null;
    }

    static JsonNode parseDefault(String yaml, Class<?> owner, String key) {
        try {
            return ConfigLoader.mapper().readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("default of " + owner.getSimpleName() + "." + key + " is not YAML: " + yaml,
                    e);
        }
    }

    /**
     * @param camel a record component name, e.g. {@code trainPerTask}
     * @return its YAML key, e.g. {@code train_per_task}
     */
    static String snakeCase(String camel) {
        return SNAKE.translate(camel);
    }

    /**
     * @param record a record type
     * @return the keys it reads, its components' names in snake case, in order; not those of components
     *         a config does not write ({@code @JsonIgnore}, such as a user plasticity rule's parameters)
     */
    static List<String> keysOf(Class<?> record) {
        List<String> keys = new ArrayList<>();
        for (RecordComponent rc : record.getRecordComponents()) {
            if (!rc.getAccessor().isAnnotationPresent(JsonIgnore.class)) {
                keys.add(snakeCase(rc.getName()));
            }
        }
        return keys;
    }

    /**
     * How messages name a {@code --set} override, as the config's own messages do: control characters escaped.
     *
     * @param text the override's {@code key=value} text
     * @return e.g. {@code --set training.epochs=2}
     */
    public static String overrideNamed(String text) {
        return SetOverride.named(text);
    }

    /**
     * The hash that identifies a config's text, as {@link Resolved#hash()} gives it.
     *
     * @param text the text, e.g. a run's {@code config.yaml}
     * @return its SHA-256 (of its UTF-8 bytes) as lower-case hex
     */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
