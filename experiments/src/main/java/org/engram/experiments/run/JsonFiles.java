package org.engram.experiments.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.engram.simulator.IoReasons;
import org.engram.experiments.metrics.MetricFormat;
import org.engram.simulator.EngramException;

/**
 * Reads and writes the JSON files of a run or simulation folder (snake_case keys, indented, NaN
 * written as null, negative zero written as 0.0: see {@link MetricFormat}).
 */
public final class JsonFiles {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A count or index written as 0.4 would silently be read as 0 (from a fuzz audit).
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .registerModule(new SimpleModule("no-negative-zero")
                    .addSerializer(Double.class, new UnsignedZero())
                    .addSerializer(double.class, new UnsignedZero())
                    .addSerializer(double[].class, new UnsignedZeros()));

    /**
     * Reads the records of a run folder ({@code progress.json}, {@code data.json}) as strictly as they are written:
     * a number written as a text ({@code "7"}), a text written as a number, or null for a number had been read as
     * its value or as 0, a key written twice as its last value (from a fuzz audit). NaN, which Jackson writes as the
     * text {@code "NaN"}, is still read. {@link #parse} reads with it too, so that a key written twice in
     * {@code metrics.json} is refused as in the records (from a review).
     */
    private static final ObjectMapper RECORDS = MAPPER.copy()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // A name written as a number ("origin": 3) had been read as the name of that index.
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            // A key written twice had been read as its last value, silently.
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    static {
        for (LogicalType number : List.of(LogicalType.Integer, LogicalType.Float)) {
            RECORDS.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        for (CoercionInputShape scalar : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            RECORDS.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
        }
    }

    /** What every JSON file of a run folder holds, for messages. */
    private static final String COMPLETE = "complete JSON as engram run writes it";

    private JsonFiles() {
    }

    /**
     * A value as the JSON text of a result file.
     *
     * @param value a record or tree
     * @return the text, ending with a newline
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static <T> T read(Path file, Class<T> type) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new EngramException(file.toString(), null, "an existing file", "no such file", null);
        } catch (IOException e) {
            throw new EngramException(file + ": cannot read: " + IoReasons.of(e), e);
        }
        try {
            return RECORDS.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw malformed(file, text, e);
        }
    }

    /**
     * Parses the text of a JSON file of a run folder.
     *
     * @param file the file, for messages
     * @param text its content
     * @return the tree
     * @throws EngramException naming file, line and column if the text is empty, truncated, not JSON, holds a key
     *                         twice or more text after its value
     */
    static JsonNode parse(Path file, String text) {
        JsonNode root;
        try (JsonParser parser = RECORDS.createParser(text)) {
            root = RECORDS.readTree(parser);
            // readTree stops after the first value: a second one (two files pasted together) was left unread.
            if (root != null && parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new EngramException(file + ":" + at.getLineNr() + ":" + at.getColumnNr(), null, COMPLETE
                        + ", one JSON value", "more text after its end", null);
            }
        } catch (JsonProcessingException e) {
            throw malformed(file, text, e);
        } catch (IOException e) {
            throw new EngramException(file + ": cannot read: " + IoReasons.of(e), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new EngramException(file.toString(), null, COMPLETE, "an empty file", null);
        }
        return root;
    }

    /** The error for a file Jackson could not read, located and in Engram's words rather than Jackson's. */
    private static EngramException malformed(Path file, String text, JsonProcessingException thrown) {
        // Jackson wraps a parse error inside a record in a mapping error with the key path: it is still text
        // that is not JSON (a bare NaN or Infinity), not a value of another kind (from a review).
        JsonProcessingException e = thrown instanceof JsonMappingException
                && thrown.getCause() instanceof JsonParseException parse ? parse : thrown;
        JsonLocation at = e.getLocation();
        boolean located = at != null && at.getLineNr() >= 1;
        String where = located ? file + ":" + at.getLineNr() + ":" + at.getColumnNr() : file.toString();
        // Jackson's first clause, before it names the parser's internals ("[Source: REDACTED ...").
        String what = String.valueOf(e.getOriginalMessage()).split(":", 2)[0];
        String found;
        if (located && at.getCharOffset() >= 0
                && text.substring((int) Math.min(at.getCharOffset(), text.length())).isBlank()) {
            found = "the end of the file before the JSON is complete: the file is truncated";
        } else if (e instanceof JsonParseException) {
            found = "text that is not valid JSON (" + what + ")";
        } else if (e instanceof JsonMappingException mapping) {
            // Named by key and value, in the file's words: Jackson's names Java types and its tokens. Placed at the
            // key, as the checks of the values read place theirs; Jackson's location is the value's.
            String key = mapping.getPath().isEmpty() ? null : keyPath(mapping.getPath());
            Place place = key == null ? null : located(file, text, key);
            where = place == null ? where : place.where();
            // A whole number past its type's range is reported by the parser, inside the mapping error.
            InputCoercionException range = mapping.getCause() instanceof InputCoercionException c ? c : null;
            Class<?> type = mapping instanceof MismatchedInputException mismatch ? mismatch.getTargetType()
                    : mapping instanceof InvalidDefinitionException definition && definition.getType() != null
                    ? definition.getType().getRawClass() : range != null ? range.getTargetType() : null;
            // An element of a list of numbers is one number: Jackson names the list's type for it.
            Object container = key == null ? null : mapping.getPath().get(mapping.getPath().size() - 1).getFrom();
            type = type != null && type.isArray() && type.isInstance(container) ? type.getComponentType() : type;
            String expected = range == null ? kindOf(type) : kindOf(type) + (type == int.class || type == Integer.class
                    ? " from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
                    : " from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
            // A number as the file writes it: -1e400 is read as -Infinity.
            found = place != null && place.number() != null ? place.number() : valueAt(text, mapping.getPath());
            return new EngramException(where, key, expected, found, null);
        } else {
            found = "JSON of another shape (" + what + ")";
        }
        return new EngramException(where, null, COMPLETE, found, null);
    }

    /**
     * Where a key path stands in a JSON file, for a check of its values to give the line as a parse error does, and
     * a number there as the file writes it.
     *
     * @param where  {@code file:line:column} of the key (of the value, in a list), or the file alone when the text
     *               holds no such key
     * @param number the number at the key as written ({@code -1e400}, which is read as -Infinity), or null when the
     *               key holds another value or none
     */
    record Place(String where, String number) {
    }

    /**
     * Finds a key path in a JSON file.
     *
     * @param file    the file, for the message
     * @param text    its content
     * @param keyPath a key path as the file spells it, e.g. {@code epochs[1].loss} or {@code rows[0][1]}
     * @return where it stands and the number it holds as written
     */
    static Place located(Path file, String text, String keyPath) {
        JsonPointer target = JsonPointer.compile("/" + keyPath.replace("]", "").replace('[', '.').replace('.', '/'));
        try (JsonParser p = MAPPER.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                // A container's own context is the one it opens: its place is its parent's.
                JsonStreamContext at = t.isStructStart() ? p.getParsingContext().getParent() : p.getParsingContext();
                boolean inList = at.inArray() && t != JsonToken.END_ARRAY && t != JsonToken.END_OBJECT;
                if ((t == JsonToken.FIELD_NAME || inList) && at.pathAsPointer().equals(target)) {
                    JsonLocation l = p.currentTokenLocation();
                    JsonToken value = t == JsonToken.FIELD_NAME ? p.nextToken() : t;
                    return new Place(file + ":" + l.getLineNr() + ":" + l.getColumnNr(),
                            value != null && value.isNumeric() ? p.getText() : null);
                }
            }
        } catch (IOException unreadable) {
            // Read once already: the checks run on what it holds.
        }
        return new Place(file.toString(), null);
    }

    /** A key path as the file spells it, e.g. {@code epochs[1].loss}. */
    private static String keyPath(List<JsonMappingException.Reference> path) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            if (step.getFieldName() != null) {
                key.append(key.length() == 0 ? "" : ".").append(step.getFieldName());
            } else {
                key.append('[').append(step.getIndex()).append(']');
            }
        }
        return key.toString();
    }

    /** What a value read into a Java type must be, in the words of JSON. */
    private static String kindOf(Class<?> type) {
        if (type == null) {
            return "a value of another kind";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a text";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(name -> ((Enum<?>) name).name())
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    /** The value at a key path of a file that parses, shortened for a message, or that the file lacks the key. */
    private static String valueAt(String text, List<JsonMappingException.Reference> path) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return "a value of another kind";
        }
        for (JsonMappingException.Reference step : path) {
            node = step.getFieldName() != null ? node.path(step.getFieldName()) : node.path(step.getIndex());
        }
        String value = node.isMissingNode() ? "no such key" : node.toString();
        return value.length() > 60 ? value.substring(0, 60) + "..." : value;
    }

    /** Writes a double, negative zero as 0.0. */
    private static final class UnsignedZero extends StdSerializer<Double> {
        UnsignedZero() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeNumber(MetricFormat.withoutNegativeZero(value));
        }
    }

    /** Writes a double array, negative zeros as 0.0. */
    private static final class UnsignedZeros extends StdSerializer<double[]> {
        UnsignedZeros() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] values, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartArray(values, values.length);
            for (double v : values) {
                gen.writeNumber(MetricFormat.withoutNegativeZero(v));
            }
            gen.writeEndArray();
        }
    }
}
