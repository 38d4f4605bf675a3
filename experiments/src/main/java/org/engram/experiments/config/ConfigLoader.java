package org.engram.experiments.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
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
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.engram.simulator.IoReasons;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Suggestions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

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
    /** A record component's name in Java, lower camelCase with at least one capital, and an index into it. */
    private static final Pattern JAVA_NAME = Pattern.compile("([a-z][a-z0-9]*[A-Z][A-Za-z0-9]*)(\\[\\d+])?");
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
            // Strict types: 2.5 is not a count and '3' is not a number; a key given twice is a mistake.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .registerModule(new SimpleModule("engram-enums").addSerializer(new LowerCaseEnumSerializer()));

    static {
        YAML.coercionConfigDefaults().setCoercion(CoercionInputShape.String, CoercionAction.Fail);
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

    /** @return the shared YAML mapper with Engram's settings (snake_case keys, strict) */
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
     * ({@link LeftOutKeys#of} names them, for the caller to skip the checks that need them). A top-level
     * section or list of the wrong type, or an entry of a top-level list that is not a mapping, stops
     * the reading, as do an unknown top-level key close to the name of one and a problem without a key.
     *
     * @param file      the file
     * @param overrides {@code key=value} texts, applied in order
     * @param type      the record class
     * @param problems  added to
     * @param <T>       the type
     * @return the config without the keys that have a problem, or null when the reading stopped
     * @throws ConfigException if the file is missing, unreadable or not a YAML mapping, or an override
     *                         is not {@code key=value} or does not fit the config
     */
    public static <T> T load(Path file, List<String> overrides, Class<T> type, List<ConfigException> problems) {
        String sourceName = file.toString();
        String text = readText(file);
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw translate(e, sourceName, text);
        }
        if (tree == null || !tree.isObject() || !type.isRecord()) {
            return parse(text, sourceName, type);   // refused there with the message of its kind
        }
        KeyOrigins where = new KeyOrigins(SourceMap.of(sourceName, text));
        where.applyAll(overrides, (ObjectNode) tree);
        List<ConfigException> found = new ArrayList<>();
        SectionBinder.bindApart((ObjectNode) tree, type, where, found);
        if (found.isEmpty() && overrides.isEmpty()) {
            // The file alone is the config: read as every file is, with parse's messages.
            return parse(text, sourceName, type);
        }
        problems.addAll(found);
        for (String key : LeftOutKeys.of(type, found).keys()) {
            if (!leaveOut((ObjectNode) tree, type, key)) {
                return null;
            }
        }
        // Bound apart, every key left is good: a problem here would repeat one already reported.
        List<ConfigException> again = new ArrayList<>();
        T config = SectionBinder.bind(tree, YAML.constructType(type), "", where, again);
        if (found.isEmpty() && !again.isEmpty()) {
            throw ConfigException.all(again);
        }
        return config;
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
        JsonNode holder = tree;
        for (String part : LeftOutKeys.parts(parent)) {
            holder = part.startsWith("[") ? holder.path(Integer.parseInt(part.substring(1, part.length() - 1)))
                    : holder.path(part);
        }
        if (holder instanceof ObjectNode o) {
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
     * The last of the {@code --set} overrides that sets a key, as the user wrote it.
     *
     * @param overrides the {@code --set} texts, applied in order (already accepted)
     * @param keyPath   a key path, e.g. {@code dt_ms}
     * @return the override's text, or null when none sets the key
     */
    public static String lastSetOf(List<String> overrides, String keyPath) {
        String last = null;
        for (String o : overrides) {
            if (SetOverride.parse(o).keyPath().equals(keyPath)) {
                last = o;
            }
        }
        return last;
    }

    /**
     * The {@code --set} overrides that set a key or a key under it, as the user wrote them.
     *
     * @param overrides the {@code --set} texts, applied in order (already accepted)
     * @param keyPath   a key path, e.g. {@code record}
     * @return the overrides of {@code keyPath} and of {@code keyPath.*} and {@code keyPath[*]}, in order
     */
    public static List<String> setsAtOrUnder(List<String> overrides, String keyPath) {
        List<String> found = new ArrayList<>();
        for (String o : overrides) {
            String k = SetOverride.parse(o).keyPath();
            if (k.equals(keyPath) || k.startsWith(keyPath + ".") || k.startsWith(keyPath + "[")) {
                found.add(o);
            }
        }
        return found;
    }

    /**
     * Adds the line and column of its key to an error found after the YAML became a record (a
     * model parameter out of range, an unknown population), which names only the file; to each
     * problem of an error that stands for several, which are then listed in the order they stand in
     * the file, line and column (those of one key in the order found), then those of overrides in the
     * order given, then the others in the order found.
     *
     * @param e         the error
     * @param file      the YAML file it is about
     * @param overrides the {@code --set} texts applied over the file; a key one wrote is blamed on it
     * @return the error with its position, or {@code e} when it has one or the file cannot tell
     */
    public static ConfigException withPosition(ConfigException e, Path file, List<String> overrides) {
        String name = file.toString();
        SourceMap source;
        try {
            source = SourceMap.of(name, Files.readString(file));
        } catch (IOException | RuntimeException unreadable) {
            return e;   // the file changed or vanished since it was read: the file name must do
        }
        KeyOrigins origins = KeyOrigins.of(source, overrides);
        List<ConfigException> each = new ArrayList<>();
        for (ConfigException one : e.problems()) {
            String where = one.location() == null || !name.equals(one.source()) ? name : origins.locate(one.location());
            // The file's value may be refused for an override beside it, which the message names too.
            String beside = where.equals(name) ? null : origins.overrideBeside(one.location());
            String hint = beside == null ? one.hint() : (one.hint() == null ? "" : one.hint() + "; ")
                    + "its entry also has the value of " + beside;
            each.add(where.equals(name) ? one : new ConfigException(where, one.location(), one.expected(), one.found(),
                    hint));
        }
        each.sort(Comparator.comparingLong(one -> one.location() != null && (one.source().equals(name)
                || one.source().startsWith(name + ":")) ? source.readingOrder(one.location())
                : KeyOrigins.sortKey(one.source(), overrides)));
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
        try {
            JsonNode tree = YAML.readTree(text);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new ConfigException(sourceName, null, "a YAML mapping", "an empty file", null);
            }
            if (tree.isObject() && type.isRecord()) {
                // Each key and list entry on its own first, so that the problems of several are reported together.
                List<ConfigException> problems = new ArrayList<>();
                SectionBinder.bindApart((ObjectNode) tree, type, SourceMap.of(sourceName, text)::locate, problems);
                if (!problems.isEmpty()) {
                    throw ConfigException.all(problems);
                }
            }
            return YAML.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw translate(e, sourceName, text);
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

    /**
     * Translates the error of converting a tree that stands at {@code keyPath} of a config, each of
     * its problems with the whole key path and the place {@code where} gives for it.
     *
     * @param e       the conversion's error
     * @param keyPath where the tree stands, {@code ""} for the whole config
     * @param where   the file position or override of a key path
     * @return the error, one problem per bad value
     */
    /** The key paths of a record's components under {@code path}, as a config writes them. */
    private static String[] componentKeys(String path, Class<?> record) {
        return ConfigLayers.keysOf(record).stream().map(key -> path.isEmpty() ? key : path + "." + key)
                .toArray(String[]::new);
    }

    static ConfigException translateAt(JsonProcessingException e, String keyPath, StrategyParams.Locator where) {
        List<ConfigException> each = new ArrayList<>();
        for (ConfigException c : translate(e, "", null).problems()) {
            String inner = c.location() == null ? "" : c.location();
            String path = keyPath.isEmpty() || inner.isEmpty() || inner.startsWith("[") ? keyPath + inner
                    : keyPath + "." + inner;
            // A record's own check refuses its values together: a --set of one of them is where they changed.
            String[] components = e instanceof ValueInstantiationException v && v.getType() != null
                    && v.getType().isRecordType() ? componentKeys(path, v.getType().getRawClass()) : new String[0];
            each.add(new ConfigException(where.locateConflict(path, components), path.isEmpty() ? null : path,
                    c.expected(), c.found(), c.hint()));
        }
        return ConfigException.all(each);
    }

    /**
     * The problems a record's constructor or a strategy's factory reported, each at its own key: a
     * {@link ParameterException} may hold several. A location in Java's camelCase is given as the
     * config writes it ({@code memorySize} as {@code memory_size}).
     *
     * @param e       what was thrown
     * @param keyPath where the values stand, e.g. {@code strategies[0].params}, or empty
     * @param where   where a key path was written, e.g. {@code my.yaml:12:3}
     * @return one problem per value
     */
    static List<ConfigException> eachProblem(EngramException e, String keyPath, Function<String, String> where) {
        List<ConfigException> each = new ArrayList<>();
        for (EngramException one : e instanceof ParameterException pe ? pe.problems() : List.of(e)) {
            String key = keyPath;
            if (one.location() != null) {
                Matcher java = JAVA_NAME.matcher(one.location());
                String location = java.matches() ? ConfigLayers.snakeCase(java.group(1))
                        + Objects.toString(java.group(2), "") : one.location();
                key = key.isEmpty() ? location : key + "." + location;
            }
            each.add(new ConfigException(where.apply(key), key, one.expected() == null ? one.getMessage()
                    : one.expected(), one.found() == null ? "" : one.found(), one.hint()));
        }
        return each;
    }

    static ConfigException translate(JsonProcessingException e, String sourceName, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DecimalYamlFactory.AliasRefused alias) {
                return new ConfigException(sourceName + ":" + alias.line + ":" + alias.column, null,
                        "each value written out (configs take no YAML anchors and aliases)", "the alias *" + alias.name,
                        null);
            }
        }
        MarkedYAMLException syntax = syntaxError(e);
        if (syntax != null && syntax.getProblemMark() != null) {
            // Jackson's own position is that of the last good token, often a line earlier.
            Mark mark = syntax.getProblemMark();
            return new ConfigException(sourceName + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1), null,
                    "valid YAML", "a syntax error: " + syntax.getProblem(), null);
        }
        String where = sourceName + at(keyLocation(e, text));
        if (e instanceof UnrecognizedPropertyException u) {
            return unknownKey(where, path(u), u.getPropertyName(), u.getKnownPropertyIds());
        }
        if (e instanceof InvalidFormatException f) {
            return new ConfigException(where, path(f), expectedType(targetType(f)), String.valueOf(f.getValue()),
                    scalarAdvice(f));
        }
        if (e instanceof MismatchedInputException m) {
            Throwable cause = rootEngramCause(e);
            if (cause instanceof EngramException ee) {
                return new ConfigException(where, path(m), ee.expected() == null ? ee.getMessage() : ee.expected(),
                        ee.found() == null ? "" : ee.found(), null);
            }
            String message = m.getOriginalMessage();
            if (message != null && message.startsWith("Missing required")) {
                return new ConfigException(where, path(m), "the key to be present", "nothing", null);
            }
            if (message != null && message.startsWith("Trailing token")) {
                // FAIL_ON_TRAILING_TOKENS: the parser went on past the first document.
                return new ConfigException(sourceName + at(secondDocument(m, text)), null, "one YAML document",
                        "a second one, starting with '---'", null);
            }
            return new ConfigException(where, path(m), expectedType(targetType(m)), found(m), scalarAdvice(m));
        }
        if (e instanceof JsonMappingException m) {
            Throwable cause = rootEngramCause(e);
            if (cause instanceof EngramException ee) {
                return ConfigException.all(eachProblem(ee, path(m), key -> where));
            }
            if (m.getCause() instanceof InputCoercionException range && outOfRange(range)) {
                return outOfRange(where, path(m), range);
            }
            if (m instanceof InvalidDefinitionException d && d.getType() != null) {
                // Jackson's way of refusing a scalar where a list of numbers is expected (neurons: abc).
                return new ConfigException(where, path(m), expectedType(d.getType().getRawClass()), found(m), null);
            }
            if (m instanceof ValueInstantiationException v && v.getCause() != null && v.getType() != null) {
                // A record's own check threw: its words, not Jackson's "Cannot construct instance of ...".
                return new ConfigException(where, path(m), "values that " + v.getType().getRawClass().getSimpleName()
                        + " accepts", String.valueOf(v.getCause().getMessage()), null);
            }
            return new ConfigException(where, path(m), "a valid value", m.getOriginalMessage(), null);
        }
        if (e instanceof InputCoercionException range && outOfRange(range)) {
            return outOfRange(where, "", range);   // a value bound on its own, not within a mapping
        }
        return readError(e, where);
    }

    private static boolean outOfRange(InputCoercionException e) {
        return e.getTargetType() != null && e.getProcessor() != null;
    }

    /**
     * An integer key given a whole number beyond its type's range: the bound it passed, not the whole
     * range, whose negative end means nothing for a size or a count.
     */
    private static ConfigException outOfRange(String where, String keyPath, InputCoercionException range) {
        boolean isLong = range.getTargetType() == long.class || range.getTargetType() == Long.class;
        String found = text(range.getProcessor());
        String bound = found.startsWith("-") ? ">= " + (isLong ? Long.MIN_VALUE : Integer.MIN_VALUE)
                : "<= " + (isLong ? Long.MAX_VALUE : Integer.MAX_VALUE);
        return new ConfigException(where, keyPath, "an integer " + bound, found, null);
    }

    /**
     * An error of the reader that is no YAML syntax error, with the key path where the reader
     * stood: a key given twice.
     */
    private static ConfigException readError(JsonProcessingException e, String where) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String key = e.getProcessor() instanceof JsonParser p ? keyPath(p.getParsingContext()) : null;
        if (message.startsWith("Duplicate field")) {
            return new ConfigException(where, key, "each key once in a mapping", "it a second time", null);
        }
        // The reader's own words named its parser events and constraint classes.
        if (message.startsWith("Expected a field name")) {
            return new ConfigException(where, null, "keys written as plain text", "a list or mapping used as a key"
                    + " (YAML's '? ' form)", null);
        }
        if (message.startsWith("Document nesting depth")) {
            return new ConfigException(where, key, "at most 1000 levels of nested lists and mappings",
                    "deeper nesting", null);
        }
        return new ConfigException(where, key, "valid YAML", message, null);
    }

    /** The dotted key path of a reader's position, e.g. {@code tasks.count} or {@code seeds[1]}; null at the top. */
    private static String keyPath(JsonStreamContext context) {
        StringBuilder sb = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                sb.insert(0, "[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                sb.insert(0, (c.getParent() != null && !c.getParent().inRoot() ? "." : "") + c.getCurrentName());
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /**
     * The line of the {@code ---} that starts the second document: the last one before the first
     * token Jackson found after the first document.
     */
    private static int[] secondDocument(JsonProcessingException e, String text) {
        JsonLocation after = e.getLocation();
        if (text == null || after == null || after.getLineNr() < 1) {
            return null;
        }
        String[] lines = text.split("\n", -1);
        for (int line = Math.min(after.getLineNr(), lines.length); line >= 1; line--) {
            if (lines[line - 1].startsWith("---")) {
                return new int[] {line, 1};
            }
        }
        return new int[] {after.getLineNr(), after.getColumnNr()};
    }

    private static String text(JsonParser p) {
        try {
            return p.getText();
        } catch (IOException unreadable) {
            return "a value out of range";
        }
    }

    /** The YAML parser's own error under Jackson's wrapper, which knows where the problem is. */
    private static MarkedYAMLException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException y) {
                return y;
            }
        }
        return null;
    }

    private static Throwable rootEngramCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EngramException) {
                return t;
            }
        }
        return null;
    }

    /**
     * The value a type error is about, as the config wrote it: when Jackson gives up, its parser
     * still stands on that value.
     */
    private static String found(JsonMappingException m) {
        if (!(m.getProcessor() instanceof JsonParser p) || p.currentToken() == null) {
            return "a value of another type";
        }
        try {
            return switch (p.currentToken()) {
                case START_ARRAY -> "a list";
                case START_OBJECT -> "a mapping";
                case VALUE_STRING -> "the text \"" + p.getText() + "\"";
                case VALUE_NULL, END_ARRAY, END_OBJECT -> "nothing";
                default -> p.getText();
            };
        } catch (IOException unreadable) {
            return "a value of another type";
        }
    }

    /**
     * What to write instead of a scalar of the wrong kind: a number written as text ({@code "10"},
     * {@code 0x10}, {@code 010}: see {@link NumberForms}), a whole number written with a point or
     * exponent where an integer is expected ({@code 1e3}), a number or true/false where text is
     * expected, or the closest name of an enum's.
     */
    private static String scalarAdvice(MismatchedInputException m) {
        Class<?> c = targetType(m);
        if (c == null || !(m.getProcessor() instanceof JsonParser p) || p.currentToken() == null) {
            return null;
        }
        String quote = c == String.class ? "put it in quotes to use it as text" : null;
        try {
            return switch (p.currentToken()) {
                case VALUE_STRING -> isInteger(c) || isReal(c) ? NumberForms.advice(p.getText())
                        : c.isEnum() ? Suggestions.didYouMean(p.getText(), enumNames(c)) : null;
                case VALUE_NUMBER_FLOAT -> isInteger(c) ? NumberForms.wholeNumberAdvice(p.getDecimalValue()) : quote;
                case VALUE_NUMBER_INT, VALUE_TRUE, VALUE_FALSE -> quote;
                default -> null;
            };
        } catch (IOException unreadable) {
            return null;
        }
    }

    /**
     * The type a refused value was to become: for one element of an array ({@code neurons: [0, "1"]})
     * the element type, which Jackson reports as the array type. An element that is itself to be an
     * array ({@code times_ms: [1.0]} for one list per neuron) is reported as its own type, and
     * the array it is in is not that type.
     */
    private static Class<?> targetType(MismatchedInputException m) {
        Class<?> c = m.getTargetType();
        List<JsonMappingException.Reference> path = m.getPath();
        JsonMappingException.Reference last = path.isEmpty() ? null : path.get(path.size() - 1);
        boolean element = last != null && last.getIndex() >= 0 && last.getFrom() != null
                && last.getFrom().getClass() == c;
        return c != null && c.isArray() && element ? c.getComponentType() : c;
    }

    private static boolean isInteger(Class<?> c) {
        return c == int.class || c == Integer.class || c == long.class || c == Long.class;
    }

    private static boolean isReal(Class<?> c) {
        return c == double.class || c == Double.class || c == float.class;
    }

    /** What a value of a Java type looks like in YAML, e.g. {@code a list}, {@code a value of type integer}. */
    private static String expectedType(Class<?> c) {
        if (c == null) {
            return "a valid value";
        }
        if (isReal(c)) {
            return "a value of type number";
        }
        if (isInteger(c)) {
            return "a value of type integer";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "a value of type boolean (true/false)";
        }
        if (c.isEnum()) {
            return "one of " + String.join(", ", enumNames(c));
        }
        if (c.isArray() || Collection.class.isAssignableFrom(c)) {
            return "a list";
        }
        if (c == String.class) {
            return "a value of type text";
        }
        return "a mapping of keys";
    }

    /** The names of an enum's constants as configs write them: {@code grid}, {@code precise}. */
    private static List<String> enumNames(Class<?> c) {
        return Arrays.stream(c.getEnumConstants()).map(v -> ((Enum<?>) v).name().toLowerCase(Locale.ROOT)).toList();
    }

    private static String at(int[] lineColumn) {
        return lineColumn == null ? "" : ":" + lineColumn[0] + ":" + lineColumn[1];
    }

    /**
     * The line and column of the key an error is about. The YAML parser reports the position after
     * the offending value (often the next line), so search back from there for {@code key:}.
     */
    private static int[] keyLocation(JsonProcessingException e, String text) {
        JsonLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return null;
        }
        int[] reported = {location.getLineNr(), location.getColumnNr()};
        String key = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                ? m.getPath().get(m.getPath().size() - 1).getFieldName() : null;
        if (text == null || key == null) {
            return reported;
        }
        int end = offsetOf(text, reported[0], reported[1]);
        java.util.regex.Matcher matcher = java.util.regex.Pattern
                .compile("(?<![\\w-])" + java.util.regex.Pattern.quote(key) + "\\s*:").matcher(text);
        int found = -1;
        while (matcher.find() && matcher.start() < end) {
            found = matcher.start();
        }
        if (found < 0) {
            return reported;
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < found; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, found - lineStart + 1};
    }

    private static int offsetOf(String text, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line && offset >= 0; l++) {
            offset = text.indexOf('\n', offset) + 1;
            if (offset == 0) {
                return text.length();
            }
        }
        return Math.min(text.length(), offset + Math.max(0, column - 1));
    }

    /** The key path of a mapping error, e.g. {@code populations[0].params.tau_m}. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /**
     * A key the mapping's type does not have, with the keys it has and the closest one suggested.
     *
     * @param where   the file and line, for the message
     * @param keyPath the unknown key's path
     * @param key     the unknown key
     * @param known   the keys the type has
     * @return the exception to throw
     */
    static ConfigException unknownKey(String where, String keyPath, String key, Collection<?> known) {
        return new ConfigException(where, keyPath, "one of the keys " + known.stream().map(String::valueOf).sorted()
                .toList(), "unknown key '" + key + "'", Suggestions.didYouMean(key, known));
    }

}
