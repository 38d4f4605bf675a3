package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A JSON file of a run folder read into a record ({@code progress.json}, {@code data.json}) whose value
 * is of another kind than the record's field is named by its key path and value, in the file's words:
 * a fuzz audit found Jackson's words instead ({@code Cannot deserialize value of type `double` from Object
 * value (token `JsonToken.START_OBJECT`)}), with no key.
 */
class JsonFilesTest {
    /** Words of Jackson and Java that a user's message must not hold. */
    private static final List<String> INTERNALS = List.of("JsonToken", "Cannot deserialize", "java.", "`",
            "UnitProgress", "another shape");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // the key whose value is replaced | the value | the key path named | what is expected
        "rows          | [[0.5, {\"a\": 1}]]          | rows[0][1]    | a number",
        "rows          | 3                            | rows          | a list",
        "random_init   | \"x\"                        | random_init   | a list",
        "epochs        | [{\"loss\": [1]}]            | epochs[0].loss | a number",
        "seed          | {}                           | seed          | a whole number",
        "strategy      | [\"naive\"]                  | strategy      | a text",
        // A count read as 0 from a fraction had silently changed the resumed run's results.
        "inference_samples | 0.39                     | inference_samples | a whole number",
    })
    void aValueOfAnotherKindIsNamedByKeyAndValue(String key, String value, String path, String expected,
            @TempDir Path dir) throws IOException {
        Path file = dir.resolve("progress.json");
        // Every other key as a run writes it, the damaged one on line 2.
        StringBuilder text = new StringBuilder("{");
        List.of("\"strategy\": \"naive\"", "\"seed\": 1", "\"tasks\": 2", "\"rows\": []", "\"epochs\": []").stream()
                .filter(entry -> !entry.startsWith("\"" + key + "\""))
                .forEach(entry -> text.append(entry).append(", "));
        Files.writeString(file, text + "\n\"" + key + "\": " + value + "}");
        EngramException e = assertThrows(EngramException.class, () -> JsonFiles.read(file, UnitProgress.class));
        String m = e.getMessage();
        assertTrue(m.startsWith(file + ":2:"), m);
        assertTrue(m.contains(": " + path + ": expected " + expected + ", found "), m);
        for (String internal : INTERNALS) {
            assertFalse(m.contains(internal), m);
        }
    }

    /**
     * Text that is not JSON inside an epoch's record is named so, with its line: Jackson reports it wrapped in a
     * mapping error with the key path, which had read "expected a value of another kind, found a value of another
     * kind" (from a review).
     */
    @ParameterizedTest
    @CsvSource({"NaN, Non-standard token 'NaN'", "Infinity, Non-standard token 'Infinity'",
        "tru, Unrecognized token 'tru'"})
    void textThatIsNotJsonInARecordIsNamedSo(String token, String reason, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("progress.json");
        Files.writeString(file, "{\"strategy\": \"naive\", \"seed\": 1, \"tasks\": 2, \"rows\": [],\n"
                + "\"epochs\": [{\"task\": 0, \"loss\": " + token + "}]}");
        EngramException e = assertThrows(EngramException.class, () -> JsonFiles.read(file, UnitProgress.class));
        assertTrue(e.getMessage().startsWith(file + ":2:"), e.getMessage());
        assertTrue(e.getMessage().contains("found text that is not valid JSON (" + reason), e.getMessage());
    }

    /** A file whose whole content is of another kind is named with the content. */
    @Test
    void aFileOfAnotherKindIsNamedWithWhatItHolds(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data.json");
        Files.writeString(file, "\"x\"");
        EngramException e = assertThrows(EngramException.class, () -> JsonFiles.read(file, DataRecord.class));
        assertTrue(e.getMessage().startsWith(file + ":1:1: expected an object, found \"x\""), e.getMessage());
        for (String internal : INTERNALS) {
            assertFalse(e.getMessage().contains(internal), e.getMessage());
        }
    }

    /**
     * A key written twice in a file read as a tree ({@code metrics.json}, for plot and compare) is refused where it
     * is written again, as in the records: it had been read as its last value, silently (from a review).
     */
    @Test
    void aKeyWrittenTwiceInATreeIsRefused(@TempDir Path dir) {
        Path file = dir.resolve("metrics.json");
        EngramException e = assertThrows(EngramException.class,
                () -> JsonFiles.parse(file, "{\"experiment\": \"a\",\n\"experiment\": \"b\"}"));
        assertTrue(e.getMessage().startsWith(file + ":2:"), e.getMessage());
        assertTrue(e.getMessage().contains("found text that is not valid JSON (Duplicate field 'experiment')"),
                e.getMessage());
    }

    /**
     * Text after the end of a tree's value (two metrics.json pasted together, a stray brace) is refused where it
     * begins: it had been left unread, silently. Blanks after the value are what a file ends with.
     */
    @Test
    void textAfterATreesValueIsRefused(@TempDir Path dir) {
        Path file = dir.resolve("metrics.json");
        EngramException e = assertThrows(EngramException.class,
                () -> JsonFiles.parse(file, "{\"experiment\": \"a\"}\n{\"experiment\": \"b\"}\n"));
        assertEquals(file + ":2:1: expected complete JSON as engram run writes it, one JSON value, found more text"
                + " after its end", e.getMessage());
        EngramException stray = assertThrows(EngramException.class,
                () -> JsonFiles.parse(file, "{\"experiment\": \"a\"}\n}"));
        assertTrue(stray.getMessage().startsWith(file + ":2:1: expected"), stray.getMessage());
        assertEquals("a", JsonFiles.parse(file, "{\"experiment\": \"a\"}\n \n").get("experiment").asText());
    }

    /**
     * data.json's origin is one of the names Engram writes: a number had been read as the name of that index, and an
     * unknown name was said to be expected "an object" (from a review).
     */
    @ParameterizedTest
    @CsvSource({"3", "'\"DOWNLOADED\"'"})
    void anOriginIsOneOfItsNames(String value, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("data.json");
        Files.writeString(file, "{\"location\": \"x\",\n\"origin\": " + value + "}");
        EngramException e = assertThrows(EngramException.class, () -> JsonFiles.read(file, DataRecord.class));
        assertTrue(e.getMessage().startsWith(file + ":2:1: origin: expected one of CONFIG_PATH, ENVIRONMENT,"
                + " SYSTEM_FOLDER, BUNDLED_SUBSET, found " + value), e.getMessage());
    }
}
