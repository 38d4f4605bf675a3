package org.engram.experiments.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.engram.experiments.data.DataLocator;
import org.engram.experiments.data.DataOrigin;
import org.engram.simulator.EngramException;

/**
 * The data a run started with, saved as {@code data.json} when its folder is created: how and
 * where it was found, its sizes and the SHA-256 of what the learners read
 * ({@link org.engram.experiments.data.Dataset#sha256}), and with {@code tasks.validation} what each
 * task holds out of its training samples. A resume looks for the data first where the
 * run found it, then as a new run would, and goes on only if it finds the same data, wherever it
 * now lies: every task of a run must be trained and evaluated on one dataset.
 *
 * @param origin       how the data was found; {@code null} for generated patterns
 * @param location     the folder, the classpath location of the bundled subset, or the generator
 * @param trainSamples training samples, or {@code null} for generated patterns
 * @param testSamples  test samples, or {@code null} for generated patterns
 * @param sha256       SHA-256 of the training and test sets as read, or {@code null} for generated
 *                     patterns (made from the config, which a resume keeps)
 * @param files        the names of the four files read (training images and labels, test images
 *                     and labels) in {@code location}, or {@code null} for generated patterns (and
 *                     in the records of runs started before Engram kept them)
 * @param validationFraction {@code tasks.validation}, or {@code null} (and left out of the file, which is
 *                     then as it was before the key) for a run without validation; kept as the file holds
 *                     it, so that a resume can name whatever a damaged file has there
 * @param taskSamples  with validation, each task's training samples trained on and held out (a list of
 *                     {@link TaskSamples}); else {@code null}, left out; kept as the file holds it
 */
record DataRecord(DataOrigin origin, String location, Integer trainSamples, Integer testSamples, String sha256,
                  List<String> files, @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode validationFraction,
                  @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode taskSamples) {
    static final String FILE = "data.json";

    /**
     * A task's training samples as {@code tasks.validation} splits them.
     *
     * @param task       the task's name, as {@code metrics.json}'s {@code tasks} gives it
     * @param train      the samples it trains on (after {@code tasks.train_per_task})
     * @param validation the samples it holds out for validation
     */
    record TaskSamples(String task, int train, int validation) {
    }

    /** @return the record of generated patterns */
    static DataRecord generated() {
        return new DataRecord(null, "synthetic patterns (tasks.synthetic)", null, null, null, null, null, null);
    }

    /**
     * This record with the samples {@code tasks.validation} holds out.
     *
     * @param fraction the fraction of each class held out, above 0
     * @param tasks    each task's sizes
     * @return the record with {@code validation_fraction} and {@code task_samples}
     */
    DataRecord heldOut(double fraction, List<MetricsWriter.Task> tasks) {
        List<TaskSamples> samples = tasks.stream().map(t -> new TaskSamples(t.name(), t.trainSamples(),
                t.validationSamples())).toList();
        return new DataRecord(origin, location, trainSamples, testSamples, sha256, files,
                JsonFiles.MAPPER.valueToTree(fraction), JsonFiles.MAPPER.valueToTree(samples));
    }

    /** Saves the record in a new run's folder. */
    void write(RunFolder folder) {
        folder.writeString(FILE, JsonFiles.write(this));
    }

    /**
     * The record of the data a stopped run started with.
     *
     * @param partial the partial folder of the run
     * @return the record in its {@code data.json}
     * @throws EngramException if the file is missing (deleted, or the run was started by an older Engram),
     *                         malformed, or its SHA-256 is not one
     */
    static DataRecord read(Path partial) {
        Path file = partial.resolve(FILE);
        if (!Files.exists(file)) {
            throw new EngramException(file.toString(), null, "the record of the data the run started with",
                    "no such file (deleted, or the run was started by an older Engram, which kept none)",
                    "start a new run: a resume cannot tell whether it would read the same data");
        }
        DataRecord record = JsonFiles.read(file, DataRecord.class);
        // Compared with the data found and shown by its first 12 digits: a damaged one had ended the resume
        // with a stack trace (from a fuzz audit).
        if (record.sha256 != null && !record.sha256.matches("[0-9a-f]{64}")) {
            throw new EngramException(file.toString(), "sha256", "the SHA-256 of the data the run started with (64"
                    + " hexadecimal digits), or null for generated patterns", "\"" + record.sha256 + "\"",
                    "the file was changed after engram run wrote it; restore it or start a new run");
        }
        return record;
    }

    /**
     * Checks that a resume reads the data its run started with (this record).
     *
     * @param partial the partial folder of the run, for messages
     * @param now     the data found for the resume
     * @throws EngramException if the data differs; the message names both and says how to go on
     */
    void requireSame(Path partial, DataRecord now) {
        if (!Objects.equals(sha256, now.sha256)) {
            throw new EngramException(partial.resolve(FILE).toString(), "data", "the data the run started with: "
                    + this, now.toString(), howToFindAgain() + ", or start a new run");
        }
        requireAsConfigured(partial, "validation_fraction", now.validationFraction, validationFraction);
        requireAsConfigured(partial, "task_samples", now.taskSamples, taskSamples);
    }

    /**
     * Refuses a validation key that is not what the run's config makes of its data: the file was
     * edited or damaged (the run holds out what its config.yaml's {@code tasks.validation} says).
     */
    private static void requireAsConfigured(Path partial, String key, JsonNode configured, JsonNode recorded) {
        Difference d = firstDifference(key, configured, recorded);
        if (d != null) {
            boolean keyMissing = d.recorded() == null && d.key().equals(key);
            String found = keyMissing
                    ? "no " + key + " (deleted, or the run was started by an older Engram, which did not record it)"
                    : shown(d.recorded());
            String mend = d.configured() == null ? "remove the key, which the run did not write"
                    : keyMissing ? "add " + key + ": " + shown(d.configured())
                    : "write " + shown(d.configured()) + " back, as the run wrote it";
            throw new EngramException(partial.resolve(FILE).toString(), d.key(), shown(d.configured())
                    + " (as tasks.validation of the run's config.yaml makes it)", found, mend + ", or start a new run");
        }
    }

    /** Where two values first differ: the key path, and the value each has there (null: none). */
    private record Difference(String key, JsonNode configured, JsonNode recorded) {
    }

    /** The first key in which a recorded value differs from the configured one, or null when none does. */
    private static Difference firstDifference(String key, JsonNode configured, JsonNode recorded) {
        JsonNode found = recorded == null || recorded.isNull() ? null : recorded;
        if (configured != null && found != null && configured.getNodeType() == found.getNodeType()
                && configured.isContainerNode() && configured.size() == found.size()) {
            for (int i = 0; configured.isArray() && i < configured.size(); i++) {
                Difference d = firstDifference(key + "[" + i + "]", configured.get(i), found.get(i));
                if (d != null) {
                    return d;
                }
            }
            for (var names = configured.fieldNames(); names.hasNext();) {
                String name = names.next();
                Difference d = firstDifference(key + "." + name, configured.get(name), found.get(name));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return Objects.equals(configured, found) ? null : new Difference(key, configured, found);
    }

    /** A value as a message shows it: its JSON, or nothing. */
    private static String shown(JsonNode value) {
        return value == null ? "nothing" : value.toString();
    }

    /**
     * How the user makes a resume find this (the original) data again: a resume looks first where
     * the run found it, so it is no longer there.
     */
    private String howToFindAgain() {
        if (origin == null) {
            return "resume with the Engram version that started the run";   // patterns made from the config
        }
        return switch (origin) {
            case CONFIG_PATH -> "put the data the run started with back into " + location
                    + " (data.path of the run's config.yaml, which a resume keeps)";
            case ENVIRONMENT, SYSTEM_FOLDER -> "put the data the run started with back into " + location
                    + ", or set " + DataLocator.ENV_VAR + " to a folder that holds it";
            case BUNDLED_SUBSET -> "resume with the Engram version that started the run (its bundled subset differs)";
        };
    }

    /**
     * @return e.g. {@code IDX data from /data ($ENGRAM_DATA): 3000 training and 1000 test images
     *         (SHA-256 3fa2c1d0e4b5...)}
     */
    @Override
    public String toString() {
        if (origin == null) {
            return location;
        }
        // A run's folder is named by its config's data.path.
        return origin.describe(location, "data.path") + ": " + trainSamples + " training and "
                + testSamples + " test images (SHA-256 " + (sha256 == null ? "none" : sha256.substring(0, 12) + "...")
                + ")";
    }
}
