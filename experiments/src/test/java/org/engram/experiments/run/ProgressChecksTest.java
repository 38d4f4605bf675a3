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
        "epochs[1].seconds | -1         | epochs[1].seconds: expected a finite number of seconds >= 0, found -1.0",
        "epochs[1].samples | -60        | epochs[1].samples: expected a count >= 0, found -60",
        "epochs            | []         | epochs: expected 2 records (each of the 1 epochs of each of the 2 finished"
                + " tasks), found 0",
        "epochs[1]         | null       | epochs[1]: expected the record of naive seed 1 task 1 epoch 0, found null",
        "epoch_accuracy    | [[0.5, 1.5]] | epoch_accuracy[0][1]: expected an accuracy in [0, 1], found 1.5",
        "weights_hash      | null       | weights_hash: expected the SHA-256 of the weights after the last task (64"
                + " hexadecimal digits), as every task is finished, found nothing",
        "spikes            | -5         | spikes: expected a count >= 0, found -5",
    })
    void aDamagedValueIsNamedBeforeAnyTraining(String key, String value, String message, @TempDir Path results)
            throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode root = mapper.readTree(COMPLETE);
        // Walk to the parent of the last step of the key path, then replace that step's value.
        String[] steps = key.replace("[", ".[").split("\\.");
        JsonNode parent = root;
        for (int i = 0; i < steps.length - 1; i++) {
            parent = steps[i].startsWith("[") ? parent.get(Integer.parseInt(steps[i].replaceAll("\\D", "")))
                    : parent.get(steps[i]);
        }
        String last = steps[steps.length - 1];
        if (last.startsWith("[")) {
            ((ArrayNode) parent).set(Integer.parseInt(last.replaceAll("\\D", "")),
                    mapper.readTree(value));
        } else {
            ((ObjectNode) parent).set(last, mapper.readTree(value));
        }
        EngramException e = assertThrows(EngramException.class, () -> progress(results, root.toString()));
        // The file is one line: the column is that of the key (of the value, in a list).
        assertTrue(e.getMessage().matches("(?s).*progress\\.json:1:\\d+: " + Pattern.quote(message) + ".*"),
                e.getMessage());
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
        assertTrue(missing.contains("epoch_accuracy: expected 2 rows (one after each of the 1 epochs of each of the 2"
                + " finished tasks, as training.evaluate_every_epoch is true), found 0"), missing);
        ((ArrayNode) every.get("epoch_accuracy")).add(new ObjectMapper().readTree("[1.0, 0.9]"));
        String extra = assertThrows(EngramException.class,
                () -> progress(results.resolve("three"), every.toString(), true)).getMessage();
        assertTrue(extra.contains("epoch_accuracy: expected 2 rows (one after each of the 1 epochs of each of the 2"
                + " finished tasks, as training.evaluate_every_epoch is true), found 3"), extra);
        String unasked = assertThrows(EngramException.class,
                () -> progress(results.resolve("unasked"), every.toString(), false)).getMessage();
        assertTrue(unasked.contains("epoch_accuracy: expected no rows (training.evaluate_every_epoch is false),"
                + " found 3"), unasked);
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
        RunFolder folder = RunFolder.create(results, "e", "r1");
        try {
            Path unit = Files.createDirectories(folder.directory().resolve("checkpoints/naive/seed-1"));
            Files.writeString(unit.resolve("progress.json"), text);
            return new Checkpoints(folder).progress("naive", 1, 2, 0, 1, everyEpoch);
        } finally {
            folder.release();
        }
    }
}
