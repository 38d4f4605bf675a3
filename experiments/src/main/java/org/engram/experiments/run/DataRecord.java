package org.engram.experiments.run;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 *                     then as it was before the key) for a run without validation
 * @param taskSamples  with validation, each task's training samples trained on and held out; else
 *                     {@code null}, left out
 */
record DataRecord(DataOrigin origin, String location, Integer trainSamples, Integer testSamples, String sha256,
                  List<String> files, @JsonInclude(JsonInclude.Include.NON_NULL) Double validationFraction,
                  @JsonInclude(JsonInclude.Include.NON_NULL) List<TaskSamples> taskSamples) {
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
        return new DataRecord(origin, location, trainSamples, testSamples, sha256, files, fraction, samples);
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
     * @throws EngramException if the file is missing (deleted, or the run was started by an older Engram)
     */
    static DataRecord read(Path partial) {
        Path file = partial.resolve(FILE);
        if (!Files.exists(file)) {
            throw new EngramException(file.toString(), null, "the record of the data the run started with",
                    "no such file (deleted, or the run was started by an older Engram, which kept none)",
                    "start a new run: a resume cannot tell whether it would read the same data");
        }
        return JsonFiles.read(file, DataRecord.class);
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
        return origin.describe(location) + ": " + trainSamples + " training and "
                + testSamples + " test images (SHA-256 " + (sha256 == null ? "none" : sha256.substring(0, 12) + "...")
                + ")";
    }
}
