package org.engram.experiments.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
            .registerModule(new SimpleModule("no-negative-zero")
                    .addSerializer(Double.class, new UnsignedZero())
                    .addSerializer(double.class, new UnsignedZero())
                    .addSerializer(double[].class, new UnsignedZeros()));

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
            throw new EngramException(file + ": cannot read " + type.getSimpleName() + ": " + IoReasons.of(e), e);
        }
        try {
            return MAPPER.readValue(text, type);
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
     * @throws EngramException naming file, line and column if the text is empty, truncated or not JSON
     */
    static JsonNode parse(Path file, String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw malformed(file, text, e);
        }
        if (root == null || root.isMissingNode()) {
            throw new EngramException(file.toString(), null, COMPLETE, "an empty file", null);
        }
        return root;
    }

    /** The error for a file Jackson could not read, located and in Engram's words rather than Jackson's. */
    private static EngramException malformed(Path file, String text, JsonProcessingException e) {
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
        } else {
            found = "JSON of another shape (" + what + ")";
        }
        return new EngramException(where, null, COMPLETE, found, null);
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
