package org.engram.experiments.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.engram.simulator.IoReasons;
import org.engram.simulator.EngramException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML into typed, immutable config records with Jackson, turning every Jackson error into
 * a {@link ConfigException} that names file, line, key path, expectation and value.
 *
 * <p>Keys are snake_case in YAML and camelCase in records. Unknown keys are errors, with the
 * closest known key suggested by edit distance. Numbers are decimal ({@link NumberForms}): YAML 1.1's
 * {@code 010} (octal 8), {@code 0x10} and {@code 1:30} are text, which a number key refuses with the
 * decimal to write; a text key refuses an unquoted number, true or false.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new DecimalYamlFactory(new YAMLFactory().rebuild()
            .loaderOptions(loaderOptions())
            // YAML 1.1 reads yes/no/on/off as booleans: "name: no" became the experiment "false" and
            // "bundled: yes" passed although a boolean key takes true or false only.
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)))
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            // A number is not a name: "mode: 1" was read as the second mode, precise, by its place in the enum.
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            // Strict types: 2.5 is not a count and '3' is not a number; a key given twice is a mistake.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .registerModule(new SimpleModule("engram-enums").addSerializer(new LowerCaseEnumSerializer())
                    .setDeserializerModifier(new BeanDeserializerModifier() {
                        @Override
                        public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                BeanDescription description, JsonDeserializer<?> deserializer) {
                            return new NumberIsNoName(deserializer, type.getRawClass());
                        }
                    }));

    static {
        YAML.coercionConfigDefaults().setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        // An empty text is a shape of its own to Jackson, which took it as null: "seed: ''" ran on the default seed.
        YAML.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        // 2 is not true and 0 is not false: a boolean key takes true or false only.
        YAML.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        // A number or true/false is not text either: "label: 1.50" became "1.5", "name: 1e3" the
        // experiment "1000.0" and "name: True" the experiment "true".
        YAML.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        YAML.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        YAML.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    /** Writes enum constants the way configs spell them: {@code grid}, {@code excitatory}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class LowerCaseEnumSerializer extends StdSerializer<Enum> {
        private static final long serialVersionUID = 1L;

        LowerCaseEnumSerializer() {
            super(Enum.class);
        }

        @Override
        public void serialize(Enum value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.name().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Refuses a whole number past int where an enum's name is expected as it refuses a smaller one
     * ({@code FAIL_ON_NUMBERS_FOR_ENUMS}): Jackson reads the number as an int first, and its range error
     * had told {@code kind: 99999999999999999999} to be {@code "an integer <= 2147483647"}.
     */
    private static final class NumberIsNoName extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;
        private final Class<?> enumType;

        NumberIsNoName(JsonDeserializer<?> deserializer, Class<?> enumType) {
            super(deserializer);
            this.enumType = enumType;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> deserializer) {
            return new NumberIsNoName(deserializer, enumType);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_NUMBER_INT) && p.getNumberType() != JsonParser.NumberType.INT) {
                return ctxt.handleWeirdNumberValue(enumType, p.getNumberValue(), "a number is not a name");
            }
            return super.deserialize(p, ctxt);
        }
    }

    /**
     * SnakeYAML's default limit of 3 MB refused valid configs, such as a simulation whose spike
     * times run to millions of entries, as invalid YAML; a config is the user's own file, so the
     * limit is only what memory allows.
     */
    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        return options;
    }

    private ConfigLoader() {
    }

    /** {@return the shared YAML mapper with Engram's settings (snake_case keys, strict)} */
    public static ObjectMapper mapper() {
        return YAML;
    }

    /**
     * A record's components as a mapping under their snake_case keys, the keys the record is read
     * from. Jackson's own {@code valueToTree} adds a method named like a getter
     * ({@code getResistance()}, {@code isFast()}) as a key too, which reading the tree back then
     * refuses as unknown: a model of one's own with such a method could not be used from a config.
     *
     * @param record the record, e.g. a model's default parameters
     * @return a new mapping of its components
     */
    public static ObjectNode componentsOf(Record record) {
        ObjectNode node = YAML.createObjectNode();
        PropertyNamingStrategies.NamingBase naming = (PropertyNamingStrategies.NamingBase) YAML
                .getPropertyNamingStrategy();
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            Object value;
            try {
                Method accessor = c.getAccessor();
                // A record declared in a class that is not public is read as Jackson reads it.
                accessor.setAccessible(true);
                value = accessor.invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + record.getClass().getName() + "." + c.getName(), e);
            }
            node.set(naming.translate(c.getName()), YAML.valueToTree(value));
        }
        return node;
    }

    /**
     * Reads a YAML file into a record.
     *
     * @param file the file
     * @param type the record class
     * @param <T>  the type
     * @return the config
     * @throws ConfigException if the file is missing, unreadable or invalid
     */
    public static <T> T load(Path file, Class<T> type) {
        return parse(readText(file), file.toString(), type);
    }

    /**
     * Reads a YAML file into a record as {@link #load(Path, Class)} does, with {@code --set}
     * overrides applied in order (a problem of a value one wrote is blamed on it), but adds the
     * problems found to a list instead of throwing them, so that the caller's own checks of the rest
     * can join them: a key whose value has a problem ({@code mode: foo}, {@code populations[0].size: five})
     * and an unknown key are left out, and the record holds the defaults in their place
     * ({@link Loaded#leftOut} names them, for the caller to skip the checks that need them). A top-level
     * section or list of the wrong type, or an entry of a top-level list that is not a mapping, stops
     * the reading, as do an unknown top-level key close to the name of one and a problem without a key.
     *
     * @param file      the file
     * @param overrides {@code key=value} texts, applied in order
     * @param type      the record class
     * @param problems  added to
     * @param <T>       the type
     * @return the config without the keys that have a problem (null when the reading stopped), and those keys
     * @throws ConfigException if the file is missing, unreadable or not a YAML mapping, or an override
     *                         is not {@code key=value} or does not fit the config
     */
    public static <T> Loaded<T> load(Path file, List<String> overrides, Class<T> type,
                                     List<ConfigException> problems) {
        String sourceName = file.toString();
        String text = readText(file);
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw YamlErrors.translate(e, sourceName, text);
        }
        if (tree == null || !tree.isObject() || !type.isRecord()) {
            // Refused there with the message of its kind.
            return new Loaded<>(parse(text, sourceName, type), LeftOutKeys.NONE);
        }
        // The text holds keys the record does not: the tree, which lacks them, is bound instead.
        boolean extended = ExtensionKeys.remove((ObjectNode) tree);
        KeyOrigins where = new KeyOrigins(SourceMap.of(sourceName, text));
        where.applyAll(overrides, (ObjectNode) tree);
        List<ConfigException> found = new ArrayList<>();
        SectionBinder.bindApart((ObjectNode) tree, type, where, found);
        if (found.isEmpty() && overrides.isEmpty() && !extended) {
            // The file alone is the config: read as every file is, with parse's messages.
            return new Loaded<>(parse(text, sourceName, type, true), LeftOutKeys.NONE);
        }
        problems.addAll(found);
        LeftOutKeys leftOut = LeftOutKeys.of(type, found, tree);
        for (String key : leftOut.keys()) {
            if (!leaveOut((ObjectNode) tree, type, key)) {
                return new Loaded<>(null, leftOut);
            }
        }
        // Bound apart, every key left is good: a problem here would repeat one already reported.
        List<ConfigException> again = new ArrayList<>();
        T config = SectionBinder.bind(tree, YAML.constructType(type), "", where, again);
        if (found.isEmpty() && !again.isEmpty()) {
            throw ConfigException.all(again);
        }
        return new Loaded<>(config, leftOut);
    }

    /**
     * A config read by {@link #load(Path, List, Class, List)}, and the keys left out of it for their problems.
     *
     * @param config  the config, or null when the reading stopped
     * @param leftOut the keys left out, whose defaults stand in the config
     * @param <T>     the config's type
     */
    public record Loaded<T>(T config, LeftOutKeys leftOut) {
    }

    /**
     * Takes a key out of a config's tree: a primitive takes its zero (the record cannot lack it),
     * anything else is removed and takes its default.
     *
     * @return false when the config cannot be read without the key: a top-level section or list, or
     *         the whole config
     */
    private static boolean leaveOut(ObjectNode tree, Class<?> type, String key) {
        String parent = SourceMap.parent(key);
        if (parent == null) {
            return false;
        }
        String name = parent.isEmpty() ? key : key.substring(parent.length() + 1);
        Class<?> mapping = LeftOutKeys.recordAt(type, parent);
        RecordComponent component = mapping == null ? null : ConfigLayers.component(mapping, name);
        if (parent.isEmpty() && component != null && !isScalar(component.getType())) {
            return false;
        }
        if (LeftOutKeys.at(tree, parent) instanceof ObjectNode o) {
            if (component != null && component.getType().isPrimitive()) {
                o.set(name, YAML.valueToTree(Array.get(Array.newInstance(component.getType(), 1), 0)));
            } else {
                o.remove(name);
            }
        }
        return true;
    }

    /** Whether a key of this type holds a single value: a number, text, true/false or a name such as {@code grid}. */
    private static boolean isScalar(Class<?> c) {
        return c.isPrimitive() || c.isEnum() || c == String.class || c == Boolean.class
                || Number.class.isAssignableFrom(c);
    }

    /**
     * Reads a config file as UTF-8 text.
     *
     * @param file the file
     * @return its text
     * @throws ConfigException naming the file if it is missing, a folder, not UTF-8 text or unreadable
     */
    static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), null, "an existing YAML file", "no such file", null);
        } catch (CharacterCodingException e) {
            throw new ConfigException(file.toString(), null, "a YAML file of UTF-8 text",
                    "bytes that are not UTF-8 (a binary file, or text in another encoding)", null);
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new ConfigException(file.toString(), null, "a YAML file", "a folder", null);
            }
            throw new ConfigException(file + ": cannot read: " + IoReasons.of(e), e);
        }
    }

    /**
     * The last of the {@code --set} overrides that set a key or a key around it, an entry named in
     * brackets ({@code populations[exc]}) resolved against the file as the override was applied.
     *
     * @param file      the config file the overrides were applied over
     * @param overrides the {@code --set} texts, applied in order (already accepted)
     * @param keyPath   a key path with list indices, e.g. {@code dt_ms} or {@code populations[0].size}
     * @return how messages name the override ({@code --set dt_ms=0.3}), or null when none sets the key
     *         (or the file changed since it was read)
     */
    public static String lastSetOf(Path file, List<String> overrides, String keyPath) {
        KeyOrigins origins = originsOfSets(file, overrides);
        return origins == null ? null : origins.overrideOf(keyPath);
    }

    /**
     * The {@code --set} overrides that set a key or a key under it, an entry named in brackets
     * ({@code populations[exc].size}) resolved against the file as the override was applied.
     *
     * @param file      the config file the overrides were applied over
     * @param overrides the {@code --set} texts, applied in order (already accepted)
     * @param keyPath   a key path with list indices, e.g. {@code record} or {@code populations[0]}
     * @return how messages name the overrides of {@code keyPath} and of {@code keyPath.*} and
     *         {@code keyPath[*]} ({@code --set record.from_ms=5}), in order; none when the file changed
     *         since it was read
     */
    public static List<String> setsAtOrUnder(Path file, List<String> overrides, String keyPath) {
        KeyOrigins origins = originsOfSets(file, overrides);
        return origins == null ? List.of() : origins.wroteAtOrUnder(keyPath);
    }

    /** The overrides applied again over the file, as reading it applied them; null when there are none to tell. */
    private static KeyOrigins originsOfSets(Path file, List<String> overrides) {
        if (overrides.isEmpty()) {
            return null;
        }
        try {
            String text = readText(file);
            return KeyOrigins.of(SourceMap.of(file.toString(), text), text, overrides);
        } catch (RuntimeException changed) {
            return null;   // the file changed or vanished since it was read: it cannot tell
        }
    }

    /**
     * A command-line option that sets a config key over the file and its overrides, as {@code engram simulate
     * --duration-ms 5e1} sets {@code duration_ms}.
     *
     * @param option  the option, e.g. {@code --duration-ms}
     * @param keyPath the key it sets
     * @param value   its value as the command line wrote it, e.g. {@code 5e1}
     */
    public record KeyOption(String option, String keyPath, String value) {
    }

    /**
     * Adds the line and column of its key to an error found after the YAML became a record (a
     * model parameter out of range, an unknown population), which names only the file; to each
     * problem of an error that stands for several, which are then listed in the order they stand in
     * the file, line and column (those of one key in the order found), then those of overrides in the
     * order given, then the others in the order found. A number found is shown as written, with what it
     * reads as where that differs ({@code 1e-400 (read as 0.0)}), and so is a value of another key that a rule
     * names ({@code a value < v_th = -5e1 (mV)}, not -50.0). A value of the file refused where an override
     * wrote another key of its entry names that override too, unless it is refused for its own form or range
     * ({@link ConfigException#refusedForItself()}), which no other key changes; one whose rule names the key it
     * compares the value with ({@link EngramException#comparedWith()}: the step, which no entry holds,
     * {@code w_min}, the entry's {@code type}) names an override of that key alone, or of a part of the value
     * itself (a delay distribution's bound).
     *
     * @param e         the error
     * @param file      the YAML file it is about
     * @param overrides the {@code --set} texts applied over the file; a key one wrote is blamed on it
     * @param options   the command-line options that set a key over the file and the overrides; a key one
     *                  set is blamed on it, its value as the command line wrote it
     * @return the error with its position, or {@code e} when it has one or the file cannot tell
     */
    public static ConfigException withPosition(ConfigException e, Path file, List<String> overrides,
                                               List<KeyOption> options) {
        String name = file.toString();
        SourceMap source;
        KeyOrigins origins;
        try {
            String text = Files.readString(file);
            source = SourceMap.of(name, text);
            origins = KeyOrigins.of(source, text, overrides);
            for (KeyOption o : options) {
                origins.wrote(o.keyPath(), o.option(), o.value());
            }
        } catch (IOException | RuntimeException unreadable) {
            return e;   // the file changed or vanished since it was read: the file name must do
        }
        List<ConfigException> each = new ArrayList<>();
        for (ConfigException one : e.problems()) {
            boolean keyOfTheFile = one.location() != null && name.equals(one.source());
            String where = keyOfTheFile ? origins.locate(one.location()) : name;
            // The file's value may be refused for an override beside it, which the message names too; one refused
            // for its own form is refused whatever stands beside it, and one whose rule names the key it compares
            // the value with for nothing beside it but that key or a part of the value itself.
            String beside = where.equals(name) || one.refusedForItself() ? null : origins.overrideBeside(one.location(),
                    one.comparedWith());
            // The tree the error was found in no longer says whether a value was made text by quotes or by the tag.
            String told = keyOfTheFile && origins.taggedText(one.location())
                    ? NumberForms.toldForTheTag(one.hint()) : one.hint();
            String hint = beside == null ? told : (told == null ? "" : told + "; ")
                    + "its entry also has the value of " + beside;
            // The record holds a number as the double it reads as: 1e-400 as 0.0, -1 as -1.0.
            String found = keyOfTheFile ? NumberForms.asWritten(one.found(), origins.numberAsWritten(one.location()))
                    : one.found();
            String rule = keyOfTheFile ? NumberForms.ruleAsWritten(one.expected(), one.location(),
                    origins::numberAsWritten) : one.expected();
            each.add(where.equals(name) && Objects.equals(told, one.hint()) && Objects.equals(found, one.found())
                    && Objects.equals(rule, one.expected()) ? one
                    : one.restated(where, one.location(), rule, found, hint));
        }
        // A key the file does not write has no place in it: it sorts with the others, after the overrides.
        each.sort(Comparator.comparingLong(one -> one.location() != null && one.source().startsWith(name + ":")
                ? source.readingOrder(one.location()) : KeyOrigins.sortKey(one.source(), overrides)));
        return ConfigException.all(each);
    }

    /**
     * Parses YAML text into a record. The unknown keys, wrong types and bad values of different
     * top-level keys, and of different entries of a top-level list, are reported together.
     *
     * @param text       the YAML
     * @param sourceName the name shown in errors (usually the file name)
     * @param type       the record class
     * @param <T>        the type
     * @return the config
     */
    public static <T> T parse(String text, String sourceName, Class<T> type) {
        return parse(text, sourceName, type, false);
    }

    /**
     * Parses YAML text into a record as {@link #parse(String, String, Class)} does.
     *
     * @param boundApart whether the caller read the text's tree and bound each key of it on its own
     *                   without a problem, as {@link #load(Path, List, Class, List)} does: reading and
     *                   binding them again would find nothing (a config of a million spike times
     *                   took seconds a reading)
     */
    private static <T> T parse(String text, String sourceName, Class<T> type, boolean boundApart) {
        try {
            if (!boundApart) {
                JsonNode tree = YAML.readTree(text);
                if (tree == null || tree.isMissingNode() || tree.isNull()) {
                    throw new ConfigException(sourceName, null, "a YAML mapping", "an empty file", null);
                }
                if (tree.isObject() && type.isRecord()) {
                    boolean extended = ExtensionKeys.remove((ObjectNode) tree);
                    // Each key and list entry on its own first, so that the problems of several are reported together.
                    List<ConfigException> problems = new ArrayList<>();
                    StrategyParams.Locator where = SourceMap.of(sourceName, text)::locate;
                    SectionBinder.bindApart((ObjectNode) tree, type, where, problems);
                    T config = problems.isEmpty() && extended
                            ? SectionBinder.bind(tree, YAML.constructType(type), "", where, problems) : null;
                    if (!problems.isEmpty()) {
                        throw ConfigException.all(problems);
                    }
                    if (extended) {
                        return config;   // the text holds keys the record does not
                    }
                }
            }
            return YAML.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw YamlErrors.translate(e, sourceName, text);
        } catch (EngramException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(sourceName + ": " + e.getMessage(), e);
        }
    }

    /**
     * Converts a tree (e.g. a model's parameter map) into a record with the same strictness, every
     * unknown key, wrong type and bad value of a mapping reported together.
     *
     * @param node       the tree
     * @param sourceName file name for errors
     * @param keyPath    where the tree sits in the file, for errors
     * @param type       the record class
     * @param <T>        the type
     * @return the value
     */
    public static <T> T convert(JsonNode node, String sourceName, String keyPath, Class<T> type) {
        return SectionBinder.convert(node, type, keyPath, p -> sourceName);
    }

    /**
     * Writes a value as YAML text (snake_case keys).
     *
     * @param value the value
     * @return the YAML text
     */
    public static String toYaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write config as YAML", e);
        }
    }
}
