package org.engram.experiments.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.learning.io.Envelope;
import org.engram.simulator.EngramException;
import org.engram.simulator.IoReasons;
import org.engram.simulator.Plural;

/**
 * The checkpoints of a run: per (strategy, seed) unit, the learner's state after its last
 * finished task ({@code checkpoints/<strategy>/seed-<seed>/learner-<tasks>.state}, written by
 * {@link UnitLearner#writeState}) and the unit's results so far ({@code progress.json}).
 *
 * <p>The new state is written before the progress and the older state deleted after it, each
 * step atomic, so the progress always names a state that exists; between the steps two states
 * may be on disk, and the one the progress names is used (a resume deletes the other).
 */
final class Checkpoints {
    /** File type of the learner states: framed with a version and a CRC-32, so damage is caught. */
    private static final String MAGIC = "ENGRAMCL";
    /**
     * 2: the encoding streams are keyed by {@code RandomStreams.pairIndex}. A version-1 state would
     * go on with other streams than the run that wrote it, so resuming it is refused.
     */
    private static final int VERSION = 2;

    /** The folder of a run's checkpoints, one subfolder per unit. */
    private static final String FOLDER = "checkpoints";

    private final RunFolder folder;
    /**
     * The size of the last learner state saved, bytes, where the next one's buffer starts: of the same
     * network's shape it is often about as large and need not grow (each growth copies the state written
     * so far); another strategy's extra state (a replay memory, importances) costs a growth or some room.
     */
    private int stateBytesHint = 1 << 16;

    Checkpoints(RunFolder folder) {
        this.folder = folder;
    }

    /**
     * Whether a run folder holds checkpoints of any unit: without them, no task of the run was
     * trained.
     *
     * @param runFolder a run's folder, partial or not
     * @return whether its checkpoints folder exists
     */
    static boolean anyIn(Path runFolder) {
        return Files.isDirectory(runFolder.resolve(FOLDER));
    }

    private static String dir(String strategy, long seed) {
        return FOLDER + "/" + ExperimentConfig.fileStem(strategy) + "/seed-" + seed + "/";
    }

    /**
     * The progress of a unit, or a fresh one.
     *
     * @param strategy strategy label
     * @param seed     seed
     * @param tasks      tasks in the sequence
     * @param validation the run's {@code tasks.validation}: above 0, the file must hold the validation
     *                   results of the finished tasks, else none
     * @param epochsPerTask the run's {@code training.epochs}: the file holds the record of each epoch of
     *                   each finished task
     * @param everyEpoch the run's {@code training.evaluate_every_epoch}: the file holds a row of accuracies after
     *                   each epoch of each finished task, else none
     * @return what the unit has done so far
     * @throws UnusableCheckpoint if its progress file is damaged or belongs to another unit
     */
    UnitProgress progress(String strategy, long seed, int tasks, double validation, int epochsPerTask,
                          boolean everyEpoch) {
        Path file = folder.directory().resolve(dir(strategy, seed) + "progress.json");
        if (!Files.exists(file)) {
            return UnitProgress.start(strategy, seed, tasks);
        }
        try {
            UnitProgress p = JsonFiles.read(file, UnitProgress.class);
            if (p.tasks() != tasks || !strategy.equals(p.strategy()) || p.seed() != seed) {
                throw new EngramException(file.toString(), "progress", "the progress of " + strategy + ", seed "
                        + seed + ", " + Plural.count(tasks, "task"), p.strategy() + ", seed " + p.seed() + ", "
                        + Plural.count(p.tasks(), "task"), null);
            }
            requireValid(file, p, validation);
            requireEpochs(file, p, epochsPerTask);
            requireEpochRows(file, p, epochsPerTask, everyEpoch);
            return p;
        } catch (EngramException e) {
            throw unusable(withLine(file, e), strategy, seed);
        }
    }

    /**
     * A check's refusal of a value of a progress file with the line and column of its key, as a parse error of the
     * file gives its own: the checks name the key alone (from a fuzz audit). A key the file lacks has no line. A number
     * is shown as the file writes it: -1e400 had been shown as the -Infinity it is read as (from a review).
     */
    private static EngramException withLine(Path file, EngramException e) {
        if (e.expected() == null || e.location() == null || !file.toString().equals(e.source())) {
            return e;
        }
        JsonFiles.Place place;
        try {
            place = JsonFiles.located(file, Files.readString(file), e.location());
        } catch (IOException unreadable) {
            return e;   // read a moment ago: the message without the line still names the file and key
        }
        return new EngramException(place.where(), e.location(), e.expected(),
                place.number() == null ? e.found() : place.number(), e.hint());
    }

    /**
     * Checks what a resume takes over from a progress file, so that a damaged value stops it now,
     * naming the file and key, rather than after training the remaining tasks (when the metrics are
     * computed). The validation results are there exactly when the run validates: without them the
     * next task's validation row has nowhere to go; with them a run without validation would report
     * what it never measured.
     */
    private static void requireValid(Path file, UnitProgress p, double validation) {
        if (p.rows().size() > p.tasks()) {
            throw new EngramException(file.toString(), "rows", "at most one row per task (" + p.tasks() + ")",
                    String.valueOf(p.rows().size()), null);
        }
        for (int i = 0; i < p.rows().size(); i++) {
            requireAccuracies(file, "rows[" + i + "]", p.rows().get(i), p.tasks());
        }
        for (int i = 0; i < p.epochAccuracy().size(); i++) {
            requireAccuracies(file, "epoch_accuracy[" + i + "]", p.epochAccuracy().get(i), p.tasks());
        }
        requireAccuracies(file, "random_init", p.randomInit(), p.tasks());
        if (validation == 0) {
            String present = p.validationRows() != null ? "validation_rows"
                    : p.validationRandomInit() != null ? "validation_random_init"
                    : p.validationEpochAccuracy() != null ? "validation_epoch_accuracy" : null;
            if (present != null) {
                throw new EngramException(file.toString(), present, "nothing (the run holds no samples out for"
                        + " validation: tasks.validation is 0)", "a list", null);
            }
        } else {
            if (p.validationRows() == null) {
                throw new EngramException(file.toString(), "validation_rows", "a list (the validation results of"
                        + " the finished tasks, as tasks.validation is " + validation + ")", "nothing", null);
            }
            if (p.validationRows().size() != p.rows().size()) {
                throw new EngramException(file.toString(), "validation_rows", "one row per finished task ("
                        + p.rows().size() + ")", String.valueOf(p.validationRows().size()), null);
            }
            for (int i = 0; i < p.validationRows().size(); i++) {
                requireAccuracies(file, "validation_rows[" + i + "]", p.validationRows().get(i), p.tasks());
            }
            requireAccuracies(file, "validation_random_init", p.validationRandomInit(), p.tasks());
            if (p.validationEpochAccuracy() == null && !p.epochAccuracy().isEmpty()) {
                // Engram kept validation results per task before it kept them per epoch too.
                throw new EngramException(file.toString(), "validation_epoch_accuracy", "a list (the validation"
                        + " results of every epoch evaluated, as tasks.validation is " + validation + " and"
                        + " training.evaluate_every_epoch is true)", "nothing: the checkpoint was written by an Engram"
                        + " build that kept no validation results per epoch", "resume with the build that started the"
                        + " run (status.json names it), or start the run anew");
            }
            List<double[]> epochRows = p.validationEpochAccuracy() == null ? List.of() : p.validationEpochAccuracy();
            if (epochRows.size() != p.epochAccuracy().size()) {
                throw new EngramException(file.toString(), "validation_epoch_accuracy", "one row per row of"
                        + " epoch_accuracy (" + p.epochAccuracy().size() + ": the validation results of every epoch"
                        + " evaluated)", String.valueOf(epochRows.size()), null);
            }
            for (int i = 0; i < epochRows.size(); i++) {
                requireAccuracies(file, "validation_epoch_accuracy[" + i + "]", epochRows.get(i), p.tasks());
            }
        }
        // Taken into the finished run's metrics as they are (from a fuzz audit).
        if (p.rows().size() == p.tasks() && (p.weightsHash() == null || !p.weightsHash().matches("[0-9a-f]{64}"))) {
            throw new EngramException(file.toString(), "weights_hash", "the SHA-256 of the weights after the last"
                    + " task (64 hexadecimal digits), as every task is finished", p.weightsHash() == null ? "nothing"
                    : "\"" + p.weightsHash() + "\"", null);
        }
        long[] counts = {p.inferenceSamples(), p.spikes(), p.synapticOperations(), p.multiplyAccumulates()};
        String[] countKeys = {"inference_samples", "spikes", "synaptic_operations", "multiply_accumulates"};
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new EngramException(file.toString(), countKeys[i], "a count >= 0", String.valueOf(counts[i]),
                        null);
            }
        }
        if (!(p.wallSeconds() >= 0) || Double.isInfinite(p.wallSeconds())) {
            throw new EngramException(file.toString(), "wall_seconds", "a finite number of seconds >= 0",
                    String.valueOf(p.wallSeconds()), null);
        }
    }

    /**
     * Checks the epochs that a resume writes into log.csv as they are: the record of each epoch of each
     * finished task, in order, of this unit, with values that log.csv's reader takes. A damaged record had
     * been found only when the finished run read its log back, after the remaining tasks were trained, and
     * named log.csv rather than this file (from a fuzz audit).
     */
    private static void requireEpochs(Path file, UnitProgress p, int epochsPerTask) {
        int finished = p.rows().size();
        if (p.epochs().size() != finished * epochsPerTask) {
            throw new EngramException(file.toString(), "epochs", finished * epochsPerTask + " records ("
                    + Plural.eachOf(epochsPerTask, "epoch") + " of " + Plural.eachOf(finished,
                    "finished task") + ")",
                    String.valueOf(p.epochs().size()), null);
        }
        for (int k = 0; k < p.epochs().size(); k++) {
            EpochRecord e = p.epochs().get(k);
            String key = "epochs[" + k + "]";
            String unit = p.strategy() + " seed " + p.seed() + " task " + k / epochsPerTask + " epoch "
                    + k % epochsPerTask;
            if (!p.strategy().equals(e.strategy()) || e.seed() != p.seed() || e.task() != k / epochsPerTask
                    || e.epoch() != k % epochsPerTask) {
                throw new EngramException(file.toString(), key, "the record of " + unit, e.strategy() + " seed "
                        + e.seed() + " task " + e.task() + " epoch " + e.epoch(), null);
            }
            if (!EpochRecord.validLoss(e.loss())) {
                throw new EngramException(file.toString(), key + ".loss", EpochRecord.LOSS_RULE,
                        String.valueOf(e.loss()), null);
            }
            if (!EpochRecord.validTrainAccuracy(e.trainAccuracy())) {
                throw new EngramException(file.toString(), key + ".train_accuracy", EpochRecord.ACCURACY_RULE,
                        String.valueOf(e.trainAccuracy()), null);
            }
            if (!EpochRecord.validNonNegative(e.seconds())) {
                throw new EngramException(file.toString(), key + ".seconds", "a finite number of seconds >= 0",
                        String.valueOf(e.seconds()), null);
            }
            if (e.samples() < 0) {
                throw new EngramException(file.toString(), key + ".samples", "a count >= 0",
                        String.valueOf(e.samples()), null);
            }
        }
    }

    /**
     * Checks that the rows of accuracies after each epoch are those of the finished tasks' epochs, as the epoch
     * records are: a row missing or extra had been taken into the finished run's epoch accuracies as it was
     * (from a fuzz audit).
     */
    private static void requireEpochRows(Path file, UnitProgress p, int epochsPerTask, boolean everyEpoch) {
        int finished = p.rows().size();
        int expected = everyEpoch ? finished * epochsPerTask : 0;
        if (p.epochAccuracy().size() != expected) {
            throw new EngramException(file.toString(), "epoch_accuracy", everyEpoch ? expected + " rows (one after "
                    + Plural.eachOf(epochsPerTask, "epoch") + " of " + Plural.eachOf(finished,
                    "finished task") + ", as training.evaluate_every_epoch is true)"
                    : "no rows (training.evaluate_every_epoch is false)",
                    String.valueOf(p.epochAccuracy().size()), null);
        }
    }

    private static void requireAccuracies(Path file, String key, double[] row, int tasks) {
        if (row == null || row.length != tasks) {
            throw new EngramException(file.toString(), key, tasks + " accuracies (one per task)",
                    row == null ? "nothing" : String.valueOf(row.length), null);
        }
        for (int j = 0; j < row.length; j++) {
            if (!(row[j] >= 0 && row[j] <= 1)) {
                throw new EngramException(file.toString(), key + "[" + j + "]", "an accuracy in [0, 1]",
                        String.valueOf(row[j]), null);
            }
        }
    }

    /** A checkpoint of a unit that cannot be read, with the unit's folder so the run can say how to go on. */
    private static UnusableCheckpoint unusable(EngramException e, String strategy, long seed) {
        String d = dir(strategy, seed);
        return new UnusableCheckpoint(e, d.substring(0, d.length() - 1), strategy + " seed " + seed);
    }

    /**
     * Saves a unit after a task: the learner's state in a file named by the tasks it covers, then
     * the progress, then the older state is deleted. Whenever the process stops, progress.json
     * names a state file that exists: a kill between the writes cannot leave them out of step.
     *
     * @param learner  the learner, between tasks
     * @param progress the unit's results including the task just finished
     */
    void save(UnitLearner learner, UnitProgress progress) {
        String d = dir(progress.strategy(), progress.seed());
        ByteArrayOutputStream state = new ByteArrayOutputStream(stateBytesHint);
        try (DataOutputStream data = new DataOutputStream(state)) {
            learner.writeState(data);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        byte[] payload = state.toByteArray();
        stateBytesHint = payload.length;
        folder.write(d + stateFile(progress.tasksDone()), out -> Envelope.writeFrame(out, MAGIC, VERSION, payload));
        folder.writeString(d + "progress.json", JsonFiles.write(progress));
        removeOtherStates(progress);
    }

    /**
     * Deletes a unit's learner states other than the one its progress names: the one before it,
     * which {@link #save} deletes last, and one a kill left ahead of the progress. A kill before
     * that deletion, after a unit's last task, had left the older state in the finished run for
     * good, as no later save of the unit came to delete it.
     *
     * @param progress the unit's progress, as saved
     */
    void removeOtherStates(UnitProgress progress) {
        Path unit = folder.directory().resolve(dir(progress.strategy(), progress.seed()));
        if (!Files.isDirectory(unit)) {
            return;
        }
        try (Stream<Path> files = Files.list(unit)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith("learner-") && name.endsWith(".state") && Files.isRegularFile(f)
                        && !(progress.tasksDone() > 0 && name.equals(stateFile(progress.tasksDone())))) {
                    Files.delete(f);
                }
            }
        } catch (IOException e) {
            throw new EngramException("cannot remove an older checkpoint in " + unit + ": " + IoReasons.of(e), e);
        }
    }

    /** The state file of a unit after its finished tasks. */
    private Path lastState(UnitProgress progress) {
        return folder.directory().resolve(dir(progress.strategy(), progress.seed()) + stateFile(progress.tasksDone()));
    }

    /**
     * Where reading a learner state stopped, as its messages name it: a binary file has no lines, so the byte of
     * the payload up to which the learner had read (from a fuzz audit: the messages gave no position).
     */
    private static String readTo(byte[] payload, ByteArrayInputStream in) {
        return " (payload byte " + (payload.length - in.available()) + ")";
    }

    /** The state file of a unit after {@code tasks} finished tasks. */
    private static String stateFile(int tasks) {
        return "learner-" + tasks + ".state";
    }

    /**
     * Checks the frame and checksum of a finished unit's last state, which a resume does not read
     * but copies into the finished run: a damaged file is found now, not when someone loads it.
     *
     * @param progress the unit's progress, complete
     * @throws UnusableCheckpoint if the state file is missing or damaged
     */
    void verify(UnitProgress progress) {
        Path file = lastState(progress);
        try {
            Envelope.read(file, MAGIC, VERSION, "learner checkpoint");
        } catch (EngramException e) {
            throw unusable(e, progress.strategy(), progress.seed());
        }
    }

    /**
     * Restores a learner to the end of a unit's last finished task.
     *
     * @param learner  a fresh learner built like the one that was saved
     * @param progress the unit's progress
     * @return the number of tasks the state covers
     * @throws UnusableCheckpoint if the state file is missing, damaged, or holds another network
     */
    int restore(UnitLearner learner, UnitProgress progress) {
        Path file = lastState(progress);
        try {
            byte[] payload = Envelope.read(file, MAGIC, VERSION, "learner checkpoint");
            int done;
            ByteArrayInputStream in = new ByteArrayInputStream(payload);
            try (DataInputStream data = new DataInputStream(in)) {
                done = learner.readState(data);
            } catch (EOFException e) {
                throw new EngramException(file + readTo(payload, in), "learner state", "the state of this run's"
                        + " learner", "end of data before it was complete", "the checkpoint was not written by this"
                        + " unit");
            } catch (IOException e) {
                throw new EngramException(file + ": cannot restore the learner: " + e.getMessage(), e);
            } catch (EngramException e) {
                // The learner and its strategies name only the field; the file, and where in it the field
                // ends, are this method's to add. The cause is kept: its type tells what kind of problem it is
                // (UnusableCheckpoint tells a checkpoint of another network by it).
                if (e.expected() == null) {
                    throw new EngramException(file + readTo(payload, in) + ": " + e.getMessage(), e);
                }
                EngramException located = new EngramException(file + readTo(payload, in), e.location(),
                        e.expected(), e.found(), e.hint());
                located.initCause(e);
                throw located;
            }
            if (done != progress.tasksDone()) {
                throw new EngramException(file.toString(), "tasks covered", progress.tasksDone()
                        + " (as progress.json says)", Integer.toString(done), null);
            }
            return done;
        } catch (EngramException e) {
            throw unusable(e, progress.strategy(), progress.seed());
        }
    }
}
