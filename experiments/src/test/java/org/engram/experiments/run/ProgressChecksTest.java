package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A resume refuses a progress.json whose epochs or counts a fuzz audit found taken into the finished
 * run as they were: epochs of another unit, task or order went into log.csv, which the finished run then
 * refused naming log.csv; a missing weights hash or a negative count went into metrics.json.
 */
class ProgressChecksTest {
    /** The progress of naive, seed 1, after both tasks of one epoch each, as a run wrote it. */
    private static final String COMPLETE = "{\"strategy\": \"naive\", \"seed\": 1, \"tasks\": 2, \"random_init\":"
            + " [0.4, 0.6], \"rows\": [[0.95, 0.2], [1.0, 0.85]], \"epochs\": [{\"strategy\": \"naive\", \"seed\": 1,"
            + " \"task\": 0, \"epoch\": 0, \"loss\": 0.63, \"train_accuracy\": 0.68, \"seconds\": 0.05,"
            + " \"samples\": 60},"
            + " {\"strategy\": \"naive\", \"seed\": 1, \"task\": 1, \"epoch\": 0, \"loss\": 0.69, \"train_accuracy\":"
            + " 0.56, \"seconds\": 0.02, \"samples\": 60}], \"epoch_accuracy\": [], \"wall_seconds\": 0.1,"
            + " \"weights_hash\": \"8635107e38aa2384927ca462f43e6dda5658e0c219f64a1d5ffd6817a7d370bb\","
            + " \"inference_samples\": 80, \"spikes\": 75031, \"synaptic_operations\": 602082,"
            + " \"multiply_accumulates\": 0, \"validation_random_init\": null, \"validation_rows\": null}";

    @Test
    void theProgressAsWrittenIsTaken(@TempDir Path results) throws IOException {
        UnitProgress p = progress(results, COMPLETE);
        assertEquals(2, p.tasksDone());
        assertEquals(75031, p.spikes());
    }

    /**
     * A progress file of a build before tasks.validation, which wrote no validation keys, still resumes, read as
     * the same progress with them null (from a review: the checks added must refuse only what is damaged).
     */
    @Test
    void aProgressOfABuildBeforeValidationIsTaken(@TempDir Path results) throws IOException {
        ObjectNode older = (ObjectNode) new ObjectMapper().readTree(COMPLETE);
        older.remove(List.of("validation_random_init", "validation_rows"));
        UnitProgress p = progress(results, older.toString());
        UnitProgress now = progress(results.resolve("now"), COMPLETE);
        assertEquals(JsonFiles.write(now), JsonFiles.write(p));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // a key path (dots, [index]) | its new value | what the message says
        "epochs[1].task    | 0          | epochs[1]: expected the record of naive seed 1 task 1 epoch 0, found naive"
                + " seed 1 task 0 epoch 0",
        "epochs[0].seed    | 2          | epochs[0]: expected the record of naive seed 1 task 0 epoch 0, found naive"
                + " seed 2 task 0 epoch 0",
        "epochs[0].strategy | \"ewc\"   | epochs[0]: expected the record of naive seed 1 task 0 epoch 0, found ewc",
        "epochs[0].train_accuracy | 2.5 | epochs[0].train_accuracy: expected an accuracy in [0, 1], or NaN for none,"
                + " found 2.5",
        "epochs[1].seconds | -1         | epochs[1].seconds: expected a finite number of seconds >= 0, found -1",
        "epochs[1].samples | -60        | epochs[1].samples: expected a count >= 0, found -60",
        "epochs            | []         | epochs: expected 2 records (the 1 epoch of each of the 2 finished"
                + " tasks), found 0",
        "epochs[1]         | null       | epochs[1]: expected an object, found null",
        "epoch_accuracy    | [[0.5, 1.5]] | epoch_accuracy[0][1]: expected an accuracy in [0, 1], found 1.5",
        "weights_hash      | null       | weights_hash: expected the SHA-256 of the weights after the last task (64"
                + " hexadecimal digits), as every task is finished, found nothing",
        "spikes            | -5         | spikes: expected a count >= 0, found -5",
    })
    void aDamagedValueIsNamedBeforeAnyTraining(String key, String value, String message, @TempDir Path results)
            throws IOException {
        JsonNode root = damaged(key, value);
        EngramException e = assertThrows(EngramException.class, () -> progress(results, root.toString()));
        // The file is one line: the column is that of the key (of the value, in a list).
        assertTrue(e.getMessage().matches("(?s).*progress\\.json:1:\\d+: " + Pattern.quote(message) + ".*"),
                e.getMessage());
    }

    /**
     * A value of another type than Engram writes, null where it writes none, or a key left out that every build
     * writes is refused, naming the key where it stands (its line and column, as the checks of the values do) and
     * the value found. A number written as a text had been read as the number, null as 0 ({@code seed: null} then
     * refused as "seed 0") and {@code epoch_accuracy: null} as no rows (from a review of the leftovers). The file is
     * written as a run writes it, one key a line; where the key is expected is found by searching its text.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // a key path | its new value, or - to leave the key out | expected | found
        "strategy              | null      | a text                     | null",
        "strategy              | 5         | a text                     | 5",
        "strategy              | -         | a text                     | no such key",
        "seed                  | null      | a whole number             | null",
        "seed                  | \"1\"     | a whole number             | \"1\"",
        "seed                  | 1.5       | a whole number             | 1.5",
        "seed                  | -         | a whole number             | no such key",
        "tasks                 | null      | a whole number             | null",
        "tasks                 | \"2\"     | a whole number             | \"2\"",
        "tasks                 | -         | a whole number             | no such key",
        "tasks                 | 3000000000 | a whole number from -2147483648 to 2147483647 | 3000000000",
        "spikes                | 99999999999999999999 | a whole number from -9223372036854775808 to 9223372036854775807"
                + " | 99999999999999999999",
        "random_init           | null      | a list                     | null",
        "random_init[1]        | null      | a number                   | null",
        "random_init[0]        | \"0.4\"   | a number                   | \"0.4\"",
        "random_init[1]        | \"NaN\"   | an accuracy in [0, 1]      | NaN",
        "rows                  | null      | a list                     | null",
        "rows[1]               | null      | a list                     | null",
        "rows[0][0]            | \"0.95\"  | a number                   | \"0.95\"",
        "epochs                | -         | a list                     | no such key",
        "epoch_accuracy        | null      | a list                     | null",
        "wall_seconds          | null      | a number                   | null",
        "wall_seconds          | \"0.1\"   | a number                   | \"0.1\"",
        "wall_seconds          | \"NaN\"   | a finite number of seconds >= 0 | NaN",
        "wall_seconds          | -         | a number                   | no such key",
        "weights_hash          | 5         | a text                     | 5",
        "spikes                | \"7\"     | a whole number             | \"7\"",
        "spikes                | 7.5       | a whole number             | 7.5",
        "multiply_accumulates  | null      | a whole number             | null",
        "validation_random_init | 5        | a list                     | 5",
        "validation_epoch_accuracy | null  | a list                     | null",
        "epochs[0].strategy    | null      | a text                     | null",
        "epochs[0].task        | null      | a whole number             | null",
        "epochs[1].epoch       | \"0\"     | a whole number             | \"0\"",
        "epochs[0].loss        | null      | a number                   | null",
        "epochs[0].loss        | \"0.63\"  | a number                   | \"0.63\"",
        "epochs[1].loss        | \"Infinity\" | a finite loss, or NaN for none | Infinity",
        "epochs[0].train_accuracy | null   | a number                   | null",
        "epochs[1].seconds     | -         | a number                   | no such key",
        "epochs[0].samples     | \"60\"    | a whole number             | \"60\"",
        "epochs[0].samples     | 60.5      | a whole number             | 60.5",
    })
    void aValueOfAnotherTypeOrNullIsRefusedAtItsKey(String key, String value, String expected, String found,
            @TempDir Path results) throws IOException {
        String text = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(damaged(key, value));
        String message = assertThrows(EngramException.class, () -> progress(results, text)).getMessage();
        String at = value.equals("-") ? "" : at(text, key, value);
        String named = "progress.json" + at + ": " + key + ": expected " + expected + ", found " + found;
        assertTrue(message.contains(named), message + "\n" + text);
    }

    /**
     * Where a run's pretty-printed file holds a key path, {@code :line:column}: a key's own place, or in a list,
     * which the file writes on one line, the place of the value.
     */
    private static String at(String text, String key, String value) {
        List<String> lines = text.lines().toList();
        boolean element = key.endsWith("]");
        String top = key.replaceAll("[.\\[].*", "");
        // A key of an epoch is indented twice; the k-th epoch's is the k-th so indented.
        String field = key.contains(".") ? "    \"" + key.substring(key.indexOf('.') + 1) + "\" :"
                : "  \"" + top + "\" :";
        int skip = key.contains(".") ? Integer.parseInt(key.replaceAll(".*\\[(\\d+)\\]\\..*", "$1")) : 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(field) && skip-- == 0) {
                int column = element ? lines.get(i).indexOf(value, field.length()) : lines.get(i).indexOf('"');
                return ":" + (i + 1) + ":" + (column + 1);
            }
        }
        throw new AssertionError(key + " not in " + text);
    }

    /**
     * A number past a double's range is shown as the file writes it, not as the infinity Jackson reads it as, by
     * the checks of values and by the types alike: {@code -1e400} had been shown as {@code -Infinity} (from a review).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // the text of the file | written instead | what the message says
        "\"loss\": 0.63        | \"loss\": -1e400        | epochs[0].loss: expected a finite loss, or NaN for none,"
                + " found -1e400",
        "\"wall_seconds\": 0.1 | \"wall_seconds\": 1E+999 | wall_seconds: expected a finite number of seconds >= 0,"
                + " found 1E+999",
        "\"seed\": 1, \"tasks\" | \"seed\": -1e400, \"tasks\" | seed: expected a whole number, found -1e400",
    })
    void aNumberPastADoublesRangeIsShownAsWritten(String text, String written, String message, @TempDir Path results) {
        String damaged = COMPLETE.replace(text, written);
        EngramException e = assertThrows(EngramException.class, () -> progress(results, damaged));
        assertTrue(e.getMessage().matches("(?s).*progress\\.json:1:\\d+: " + Pattern.quote(message) + ".*"),
                e.getMessage());
    }

    /** A key written twice is refused where it is written again: it had been read as its last value, silently. */
    @Test
    void aKeyWrittenTwiceIsRefused(@TempDir Path results) throws IOException {
        String twice = COMPLETE.replace("\"seed\": 1,", "\"seed\": 1,\n\"seed\": 2,");
        String message = assertThrows(EngramException.class, () -> progress(results, twice)).getMessage();
        assertTrue(message.contains("progress.json:2:") && message.contains(": expected complete JSON as engram run"
                + " writes it, found text that is not valid JSON (Duplicate field 'seed')"), message);
    }

    /** A run's own NaN, written as the text "NaN" for a loss or training accuracy a learner has none of, is read. */
    @Test
    void aLossOrAccuracyOfNaNAsWrittenIsTaken(@TempDir Path results) throws IOException {
        ObjectNode none = damaged("epochs[0].loss", "\"NaN\"");
        ((ObjectNode) none.get("epochs").get(0)).put("train_accuracy", "NaN");
        EpochRecord epoch = progress(results, none.toString()).epochs().get(0);
        assertTrue(Double.isNaN(epoch.loss()) && Double.isNaN(epoch.trainAccuracy()), epoch.toString());
    }

    /**
     * {@link #COMPLETE} with the value at a key path replaced, or the key left out for {@code -}.
     *
     * @param key   a key path (dots, [index])
     * @param value the new value as JSON, or {@code -}
     */
    private static ObjectNode damaged(String key, String value) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(COMPLETE);
        // Walk to the parent of the last step of the key path, then replace that step's value.
        String[] steps = key.replace("[", ".[").split("\\.");
        JsonNode parent = root;
        for (int i = 0; i < steps.length - 1; i++) {
            parent = steps[i].startsWith("[") ? parent.get(Integer.parseInt(steps[i].replaceAll("\\D", "")))
                    : parent.get(steps[i]);
        }
        String last = steps[steps.length - 1];
        if (value.equals("-")) {
            ((ObjectNode) parent).remove(last);
        } else if (last.startsWith("[")) {
            ((ArrayNode) parent).set(Integer.parseInt(last.replaceAll("\\D", "")), mapper.readTree(value));
        } else {
            ((ObjectNode) parent).set(last, mapper.readTree(value));
        }
        return root;
    }

    /**
     * A check's refusal gives the line and column of the key, as a parse error of the file does: the checks had
     * named the key alone. The file is written as a run writes it, one key a line, and the line is found by
     * searching its text.
     */
    @Test
    void aRefusedValueIsNamedWithTheLineOfItsKey(@TempDir Path results) throws IOException {
        ObjectNode damaged = (ObjectNode) new ObjectMapper().readTree(COMPLETE);
        damaged.put("spikes", -5);
        String text = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(damaged);
        List<String> lines = text.lines().toList();
        int spikes = lines.indexOf(lines.stream().filter(l -> l.contains("\"spikes\"")).findFirst().orElseThrow());
        String spikesAt = ":" + (spikes + 1) + ":" + (lines.get(spikes).indexOf('"') + 1) + ": spikes: expected";
        String spikesMessage = assertThrows(EngramException.class, () -> progress(results, text)).getMessage();
        assertTrue(spikesMessage.contains("progress.json" + spikesAt), spikesMessage + "\n" + text);
        ((ObjectNode) damaged.get("epochs").get(1)).put("seconds", -1);
        damaged.put("spikes", 5);
        String second = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(damaged);
        List<String> secondLines = second.lines().toList();
        int seconds = -1;
        for (int i = 0, seen = 0; i < secondLines.size() && seconds < 0; i++) {
            seen += secondLines.get(i).contains("\"seconds\"") ? 1 : 0;
            seconds = seen == 2 ? i : -1;
        }
        String secondsAt = ":" + (seconds + 1) + ":" + (secondLines.get(seconds).indexOf('"') + 1)
                + ": epochs[1].seconds: expected";
        String secondsMessage = assertThrows(EngramException.class,
                () -> progress(results.resolve("epoch"), second)).getMessage();
        assertTrue(secondsMessage.contains("progress.json" + secondsAt), secondsMessage + "\n" + second);
    }

    /**
     * An explicit null for a count is damage, refused by key and line; Jackson read it as 0, as it reads a key
     * left out, which files of older builds do and which still reads as 0.
     */
    @Test
    void aNullCountIsRefusedWhereAMissingOneIsZero(@TempDir Path results) throws IOException {
        int k = 0;
        for (String key : List.of("inference_samples", "spikes", "synaptic_operations", "multiply_accumulates")) {
            ObjectNode damaged = (ObjectNode) new ObjectMapper().readTree(COMPLETE);
            damaged.putNull(key);
            EngramException e = assertThrows(EngramException.class,
                    () -> progress(results.resolve("null-" + key), damaged.toString()));
            assertTrue(e.getMessage().matches("(?s).*progress\\.json:1:\\d+: " + key + ": expected a whole number,"
                    + " found null.*"), e.getMessage());
            ObjectNode older = (ObjectNode) new ObjectMapper().readTree(COMPLETE);
            older.remove(key);
            UnitProgress p = progress(results.resolve("older-" + key), older.toString());
            long[] counts = {p.inferenceSamples(), p.spikes(), p.synapticOperations(), p.multiplyAccumulates()};
            assertEquals(0, counts[k++], key);
        }
    }

    /**
     * The rows of accuracies after each epoch are one per epoch of each finished task when the run evaluates
     * every epoch, else none: a row missing or extra had been taken into the finished run as it was.
     */
    @Test
    void epochRowsAreCountedAgainstTheFinishedEpochs(@TempDir Path results) throws IOException {
        ObjectNode every = (ObjectNode) new ObjectMapper().readTree(COMPLETE);
        every.set("epoch_accuracy", new ObjectMapper().readTree("[[0.9, 0.3], [1.0, 0.85]]"));
        assertEquals(2, progress(results.resolve("two"), every.toString(), true).epochAccuracy().size());
        String missing = assertThrows(EngramException.class,
                () -> progress(results.resolve("none"), COMPLETE, true)).getMessage();
        assertTrue(missing.contains("epoch_accuracy: expected 2 rows (one after the 1 epoch of each of the 2"
                + " finished tasks, as training.evaluate_every_epoch is true), found 0"), missing);
        ((ArrayNode) every.get("epoch_accuracy")).add(new ObjectMapper().readTree("[1.0, 0.9]"));
        String extra = assertThrows(EngramException.class,
                () -> progress(results.resolve("three"), every.toString(), true)).getMessage();
        assertTrue(extra.contains("epoch_accuracy: expected 2 rows (one after the 1 epoch of each of the 2"
                + " finished tasks, as training.evaluate_every_epoch is true), found 3"), extra);
        String unasked = assertThrows(EngramException.class,
                () -> progress(results.resolve("unasked"), every.toString(), false)).getMessage();
        assertTrue(unasked.contains("epoch_accuracy: expected no rows (training.evaluate_every_epoch is false),"
                + " found 3"), unasked);
    }

    /**
     * A run that holds samples out for validation resumes only from a file with their results for each finished
     * task (and each epoch evaluated); one without validation, only from a file with none.
     */
    @Test
    void validationResultsAreThereExactlyWhenTheRunValidates(@TempDir Path results) throws IOException {
        ObjectNode validated = validated();
        validated.set("validation_epoch_accuracy", new ObjectMapper().readTree("[]"));
        assertEquals(2, progress(results.resolve("taken"), validated.toString(), 0.2, 1, false).validationRows()
                .size());
        assertEquals("validation_rows: expected nothing (the run holds no samples out for validation:"
                + " tasks.validation is 0), found a list", refusal(results.resolve("unasked"), validated, 0, 1));
        validated.set("validation_rows", new ObjectMapper().readTree("[[0.9, 0.1]]"));
        assertEquals("validation_rows: expected one row per finished task (2), found 1",
                refusal(results.resolve("short"), validated, 0.2, 1));
        validated.set("validation_rows", new ObjectMapper().readTree("[[0.9, 0.1], [0.8, 1.5]]"));
        assertEquals("validation_rows[1][1]: expected an accuracy in [0, 1], found 1.5",
                refusal(results.resolve("value"), validated, 0.2, 1));
        validated.set("validation_rows", new ObjectMapper().readTree("[[0.9, 0.1], [0.8, 0.7]]"));
        validated.set("validation_random_init", new ObjectMapper().readTree("[0.5]"));
        assertEquals("validation_random_init: expected 2 accuracies (one per task), found 1",
                refusal(results.resolve("init"), validated, 0.2, 1));
        validated.remove("validation_rows");
        assertEquals("validation_rows: expected a list (the validation results of the finished tasks, as"
                + " tasks.validation is 0.2), found nothing", refusal(results.resolve("none"), validated, 0.2, 1));
        ObjectNode plain = (ObjectNode) new ObjectMapper().readTree(COMPLETE);
        plain.set("validation_epoch_accuracy", new ObjectMapper().readTree("[[0.5, 0.5]]"));
        assertEquals("validation_epoch_accuracy: expected nothing (the run holds no samples out for validation:"
                + " tasks.validation is 0), found a list", refusal(results.resolve("epochs"), plain, 0, 1));
    }

    /**
     * Of a run that evaluates every epoch and validates, each row of accuracies after an epoch has its row of
     * validation results; a file without them was written by a build that kept none per epoch.
     */
    @Test
    void everyEpochRowHasItsValidationRow(@TempDir Path results) throws IOException {
        ObjectNode validated = validated();
        validated.set("epoch_accuracy", new ObjectMapper().readTree("[[0.9, 0.3], [1.0, 0.85]]"));
        validated.set("validation_epoch_accuracy", new ObjectMapper().readTree("[[0.9, 0.3], [0, 1]]"));
        assertEquals(2, progress(results.resolve("taken"), validated.toString(), 0.2, 1, true)
                .validationEpochAccuracy().size());
        validated.set("validation_epoch_accuracy", new ObjectMapper().readTree("[[0.9, 0.3]]"));
        assertTrue(refusal(results.resolve("short"), validated, 0.2, 1).startsWith("validation_epoch_accuracy:"
                + " expected one row per row of epoch_accuracy (2: the validation results of every epoch evaluated),"
                + " found 1"));
        validated.set("validation_epoch_accuracy", new ObjectMapper().readTree("[[0.9, 0.3], [0.5, -0.1]]"));
        assertEquals("validation_epoch_accuracy[1][1]: expected an accuracy in [0, 1], found -0.1",
                refusal(results.resolve("value"), validated, 0.2, 1));
        validated.remove("validation_epoch_accuracy");
        assertTrue(refusal(results.resolve("older"), validated, 0.2, 1).contains("found nothing: the checkpoint was"
                + " written by an Engram build that kept no validation results per epoch"));
    }

    /**
     * With two epochs a task, task k's records are epochs[2k] and epochs[2k + 1], of epochs 0 and 1, and there
     * are four of them after two tasks: a record of epoch 1 put first is refused naming the record expected.
     * The bounds are taken: accuracies of 0 and 1, no samples, no seconds.
     */
    @Test
    void epochRecordsOfTwoEpochsATaskAreInTaskAndEpochOrder(@TempDir Path results) throws IOException {
        ObjectNode two = (ObjectNode) new ObjectMapper().readTree(COMPLETE);
        ArrayNode epochs = new ObjectMapper().createArrayNode();
        for (int k = 0; k < 4; k++) {
            ObjectNode e = ((ObjectNode) two.get("epochs").get(0)).deepCopy();
            e.put("task", k / 2).put("epoch", k % 2).put("samples", 0).put("seconds", 0.0).put("train_accuracy", 0.0);
            epochs.add(e);
        }
        two.set("epochs", epochs);
        two.set("rows", new ObjectMapper().readTree("[[0, 1], [1, 0]]"));
        two.put("wall_seconds", 0.0);
        two.put("spikes", 0);
        UnitProgress p = progress(results.resolve("taken"), two.toString(), 0, 2, false);
        assertEquals(4, p.epochs().size());
        assertEquals(1, p.epochs().get(3).task());
        two.set("epoch_accuracy", new ObjectMapper().readTree("[[0.5, 0.5], [0.6, 0.4], [0.7, 0.3], [0.8, 0.2]]"));
        assertEquals(4, progress(results.resolve("every"), two.toString(), 0, 2, true).epochAccuracy().size());
        two.set("epoch_accuracy", new ObjectMapper().readTree("[]"));
        ((ObjectNode) epochs.get(2)).put("epoch", 1);
        assertEquals("epochs[2]: expected the record of naive seed 1 task 1 epoch 0, found naive seed 1 task 1"
                + " epoch 1", refusal(results.resolve("order"), two, 0, 2));
        epochs.remove(3);
        assertEquals("epochs: expected 4 records (each of the 2 epochs of each of the 2 finished tasks), found 3",
                refusal(results.resolve("count"), two, 0, 2));
        String rows = refusal(results.resolve("rows"), (ObjectNode) new ObjectMapper().readTree(COMPLETE), 0, 2);
        assertEquals("epochs: expected 4 records (each of the 2 epochs of each of the 2 finished tasks), found 2",
                rows);
    }

    /** A row of accuracies out of [0, 1], more rows than tasks, or another unit's file is refused. */
    @Test
    void rowsAndTheUnitAreChecked(@TempDir Path results) throws IOException {
        ObjectNode damaged = damaged("rows[1][0]", "-0.5");
        assertEquals("rows[1][0]: expected an accuracy in [0, 1], found -0.5",
                refusal(results.resolve("value"), damaged, 0, 1));
        ObjectNode extra = damaged("rows", "[[1, 0], [1, 0], [1, 0]]");
        assertEquals("rows: expected at most one row per task (2), found 3", refusal(results.resolve("extra"), extra,
                0, 1));
        ObjectNode other = damaged("seed", "2");
        String message = refusal(results.resolve("other"), other, 0, 1);
        assertEquals("progress: expected the progress of naive, seed 1, 2 tasks, found naive, seed 2, 2 tasks",
                message);
    }

    /**
     * Of a unit's learner states only the one its progress names stays (learner-2 after two tasks): the one
     * before it, and one a kill left ahead of the progress, go; other files, and a folder named like a state,
     * stay. A unit with no task done keeps no state at all, not even one named for 0 tasks.
     */
    @Test
    void onlyTheStateTheProgressNamesStays(@TempDir Path results) throws IOException {
        UnitProgress two = progress(results, COMPLETE);
        RunFolder folder = RunFolder.resume(results, "e", "r1");
        Path unit = folder.directory().resolve("checkpoints/naive/seed-1");
        List<String> others = List.of("progress.json", "learner-2.state.bak", "old-learner-1.state");
        for (String name : List.of("learner-1.state", "learner-2.state", "learner-3.state")) {
            Files.writeString(unit.resolve(name), name);
        }
        for (String name : others.subList(1, others.size())) {
            Files.writeString(unit.resolve(name), name);
        }
        Files.createDirectories(unit.resolve("learner-0.state"));
        Checkpoints checkpoints = new Checkpoints(folder);
        checkpoints.removeOtherStates(two);
        assertEquals(List.of("learner-0.state", "learner-2.state", "learner-2.state.bak", "old-learner-1.state",
                "progress.json"), names(unit));
        Files.delete(unit.resolve("learner-0.state"));
        Files.writeString(unit.resolve("learner-0.state"), "no state is saved before a task");
        checkpoints.removeOtherStates(UnitProgress.start("naive", 1, 2));
        assertEquals(List.of("learner-2.state.bak", "old-learner-1.state", "progress.json"),
                names(unit));
    }

    private static List<String> names(Path folder) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** {@link #COMPLETE} with the validation results of its two tasks, as a run that validates writes it. */
    private static ObjectNode validated() throws IOException {
        ObjectNode validated = (ObjectNode) new ObjectMapper().readTree(COMPLETE);
        validated.set("validation_random_init", new ObjectMapper().readTree("[0.5, 0.5]"));
        validated.set("validation_rows", new ObjectMapper().readTree("[[0.9, 0.1], [0.8, 0.7]]"));
        return validated;
    }

    /**
     * The message of a progress file's refusal after its place ({@code progress.json:line:column: }), cut
     * before its hint, for a run of the given {@code tasks.validation} and epochs a task.
     */
    private static String refusal(Path results, ObjectNode file, double validation, int epochs) {
        String message = assertThrows(EngramException.class,
                () -> progress(results, file.toString(), validation, epochs, !file.path("epoch_accuracy").isEmpty()))
                .getMessage();
        String after = message.substring(message.indexOf("progress.json") + "progress.json".length())
                .replaceFirst("^(:\\d+:\\d+)?: ", "");
        int hint = after.indexOf("; ");
        return hint < 0 ? after : after.substring(0, hint);
    }

    /** Reads a progress file through a resume's checks: naive, seed 1, 2 tasks, no validation, 1 epoch a task. */
    private static UnitProgress progress(Path results, String text) throws IOException {
        return progress(results, text, false);
    }

    /**
     * Reads a progress file through a resume's checks, as {@link #progress(Path, String)}, of a run that evaluates
     * every epoch or not.
     */
    private static UnitProgress progress(Path results, String text, boolean everyEpoch) throws IOException {
        return progress(results, text, 0, 1, everyEpoch);
    }

    /** Reads a progress file of naive, seed 1, 2 tasks through a resume's checks, of a run configured so. */
    private static UnitProgress progress(Path results, String text, double validation, int epochs,
            boolean everyEpoch) throws IOException {
        RunFolder folder = RunFolder.create(results, "e", "r1");
        try {
            Path unit = Files.createDirectories(folder.directory().resolve("checkpoints/naive/seed-1"));
            Files.writeString(unit.resolve("progress.json"), text);
            return new Checkpoints(folder).progress("naive", 1, 2, validation, epochs, everyEpoch);
        } finally {
            folder.release();
        }
    }
}
