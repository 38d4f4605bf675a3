package org.engram.experiments.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one (strategy, seed) unit has produced so far; written as {@code progress.json} beside its
 * checkpoint after every task, so a resumed run continues with the results of the tasks before.
 *
 * <p>Read back as strictly as it is written: a key of another type, a number written as a text, or null where the
 * file never holds one is refused by key; the keys that files of older builds lack (the counts of the evaluations
 * and the validation results) may be left out, every other must be there.
 *
 * @param strategy       strategy label
 * @param seed           seed
 * @param tasks          number of tasks in the sequence
 * @param randomInit     accuracy of the untrained network on each task (for FWT)
 * @param rows           accuracy rows so far: row i is the accuracy on every task after task i
 * @param epochs         the epochs trained so far
 * @param epochAccuracy  accuracy on every task after every epoch, if asked for (one row per epoch)
 * @param wallSeconds    wall time spent training and evaluating (s)
 * @param weightsHash    SHA-256 of the weights after the last task, or null before
 * @param inferenceSamples test samples evaluated so far (every task after every task)
 * @param spikes         spikes of those evaluations (input spikes included)
 * @param synapticOperations synaptic operations of those evaluations: one accumulate per spike and target
 * @param multiplyAccumulates multiply-accumulates of those evaluations (current-coded input only)
 * @param validationRandomInit accuracy of the untrained network on each task's validation samples, or
 *                       null without validation ({@code tasks.validation} 0)
 * @param validationRows accuracy rows on the validation samples, as {@code rows}; null without validation
 * @param validationEpochAccuracy accuracy on every task's validation samples after every epoch, one row per
 *                       row of {@code epochAccuracy}; null without validation or without epoch evaluations
 *                       (and then left out of {@code progress.json}, which stays as it was before the key)
 */
public record UnitProgress(@JsonSetter(nulls = Nulls.FAIL) String strategy, long seed, int tasks,
                           @JsonSetter(nulls = Nulls.FAIL) double[] randomInit,
                           @JsonSetter(nulls = Nulls.FAIL, contentNulls = Nulls.FAIL) List<double[]> rows,
                           @JsonSetter(nulls = Nulls.FAIL, contentNulls = Nulls.FAIL) List<EpochRecord> epochs,
                           @JsonSetter(nulls = Nulls.FAIL, contentNulls = Nulls.FAIL) List<double[]> epochAccuracy,
                           double wallSeconds, String weightsHash,
                           @JsonDeserialize(using = KeyOfOlderFiles.class) long inferenceSamples,
                           @JsonDeserialize(using = KeyOfOlderFiles.class) long spikes,
                           @JsonDeserialize(using = KeyOfOlderFiles.class) long synapticOperations,
                           @JsonDeserialize(using = KeyOfOlderFiles.class) long multiplyAccumulates,
                           double[] validationRandomInit,
                           @JsonSetter(contentNulls = Nulls.FAIL) List<double[]> validationRows,
                           @JsonInclude(JsonInclude.Include.NON_NULL) @JsonDeserialize(using = KeyOfOlderFiles.class)
                           @JsonSetter(contentNulls = Nulls.FAIL) List<double[]> validationEpochAccuracy) {
    /**
     * Copies the lists; {@code rows}, {@code epochs} and {@code epochAccuracy} must not be null.
     *
     * @param strategy                strategy label
     * @param seed                    seed
     * @param tasks                   number of tasks in the sequence
     * @param randomInit              accuracy of the untrained network on each task (for FWT)
     * @param rows                    accuracy rows so far: row i is the accuracy on every task after task i
     * @param epochs                  the epochs trained so far
     * @param epochAccuracy           accuracy on every task after every epoch, if asked for (one row per epoch)
     * @param wallSeconds             wall time spent training and evaluating (s)
     * @param weightsHash             SHA-256 of the weights after the last task, or null before
     * @param inferenceSamples        test samples evaluated so far (every task after every task)
     * @param spikes                  spikes of those evaluations (input spikes included)
     * @param synapticOperations      synaptic operations of those evaluations: one accumulate per spike and target
     * @param multiplyAccumulates     multiply-accumulates of those evaluations (current-coded input only)
     * @param validationRandomInit    accuracy of the untrained network on each task's validation samples, or
     *                                null without validation ({@code tasks.validation} 0)
     * @param validationRows          accuracy rows on the validation samples, as {@code rows}; null without validation
     * @param validationEpochAccuracy accuracy on every task's validation samples after every epoch, one row per
     *                                row of {@code epochAccuracy}; null without validation or without epoch evaluations
     *                                (and then left out of {@code progress.json}, which stays as it was before the key)
     */
    public UnitProgress {
        rows = Collections.unmodifiableList(new ArrayList<>(rows));
        validationRows = validationRows == null ? null : Collections.unmodifiableList(new ArrayList<>(validationRows));
        epochs = Collections.unmodifiableList(new ArrayList<>(epochs));
        epochAccuracy = Collections.unmodifiableList(new ArrayList<>(epochAccuracy));
        validationEpochAccuracy = validationEpochAccuracy == null ? null
                : Collections.unmodifiableList(new ArrayList<>(validationEpochAccuracy));
    }

    /**
     * A unit that has not started.
     *
     * @param strategy strategy label
     * @param seed     seed
     * @param tasks    tasks in the sequence
     * @return the empty progress
     */
    static UnitProgress start(String strategy, long seed, int tasks) {
        return new UnitProgress(strategy, seed, tasks, null, List.of(), List.of(), List.of(), 0, null, 0, 0, 0, 0,
                null, null, null);
    }

    /** {@return the number of tasks finished} */
    public int tasksDone() {
        return rows.size();
    }

    /** {@return whether every task is finished} */
    public boolean complete() {
        return rows.size() == tasks;
    }

    UnitProgress withRandomInit(double[] accuracies) {
        return new UnitProgress(strategy, seed, tasks, accuracies, rows, epochs, epochAccuracy, wallSeconds,
                weightsHash, inferenceSamples, spikes, synapticOperations, multiplyAccumulates, validationRandomInit,
                validationRows, validationEpochAccuracy);
    }

    /**
     * The progress with the untrained network's validation accuracies, before any task.
     *
     * @param accuracies accuracy on each task's validation samples
     * @return the new progress, with no validation row yet
     */
    UnitProgress withValidationRandomInit(double[] accuracies) {
        return new UnitProgress(strategy, seed, tasks, randomInit, rows, epochs, epochAccuracy, wallSeconds,
                weightsHash, inferenceSamples, spikes, synapticOperations, multiplyAccumulates, accuracies, List.of(),
                validationEpochAccuracy);
    }

    /**
     * The progress with the validation row of the task {@link #withTask} added last.
     *
     * @param row accuracy on every task's validation samples after it
     * @return the new progress
     */
    UnitProgress withValidationRow(double[] row) {
        List<double[]> r = new ArrayList<>(validationRows);
        r.add(row);
        return new UnitProgress(strategy, seed, tasks, randomInit, rows, epochs, epochAccuracy, wallSeconds,
                weightsHash, inferenceSamples, spikes, synapticOperations, multiplyAccumulates, validationRandomInit,
                r, validationEpochAccuracy);
    }

    /** {@return whether the unit evaluates validation samples} */
    public boolean validated() {
        return validationRows != null;
    }

    /**
     * The progress after one more task.
     *
     * @param row               accuracy on every task after it
     * @param taskEpochs        its epochs
     * @param taskEpochAccuracy accuracy on every task after each of its epochs (may be empty)
     * @param taskValidationEpochAccuracy accuracy on every task's validation samples after each of its
     *                          epochs (empty without validation or without epoch evaluations)
     * @param seconds           wall time of the task (s)
     * @param hash              weights hash after the last task, else null
     * @param activity          evaluation activity of the task: samples, spikes, synaptic operations,
     *                          multiply-accumulates (as {@code ContinualLearner.inferenceActivity()})
     * @return the new progress
     */
    UnitProgress withTask(double[] row, List<EpochRecord> taskEpochs, List<double[]> taskEpochAccuracy,
            List<double[]> taskValidationEpochAccuracy, double seconds, String hash, long[] activity) {
        List<double[]> r = new ArrayList<>(rows);
        r.add(row);
        List<EpochRecord> e = new ArrayList<>(epochs);
        e.addAll(taskEpochs);
        List<double[]> ea = new ArrayList<>(epochAccuracy);
        ea.addAll(taskEpochAccuracy);
        List<double[]> vea = validationEpochAccuracy;
        if (!taskValidationEpochAccuracy.isEmpty()) {
            vea = new ArrayList<>(vea == null ? List.of() : vea);
            vea.addAll(taskValidationEpochAccuracy);
        }
        return new UnitProgress(strategy, seed, tasks, randomInit, r, e, ea, wallSeconds + seconds, hash,
                inferenceSamples + activity[0], spikes + activity[1], synapticOperations + activity[2],
                multiplyAccumulates + activity[3], validationRandomInit, validationRows, vea);
    }

    /** {@return the samples trained on so far} */
    public long trainSamples() {
        long n = 0;
        for (EpochRecord e : epochs) {
            n += e.samples();
        }
        return n;
    }

    /** {@return the accuracy rows as a matrix (complete units only)} */
    public double[][] matrix() {
        return rows.toArray(new double[0][]);
    }

    /** {@return the validation accuracy rows as a matrix (complete units with validation only)} */
    public double[][] validationMatrix() {
        return validationRows.toArray(new double[0][]);
    }
}
