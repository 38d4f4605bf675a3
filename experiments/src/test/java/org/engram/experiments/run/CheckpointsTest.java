package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.engram.experiments.config.ConfigLayers;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.experiments.task.TaskSequence;
import org.engram.learning.continual.TaskData;
import org.engram.learning.io.Envelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A unit's learner saved after a task and restored into a fresh one goes on with the same weights;
 * a state file that is missing, damaged, cut short or of another number of tasks is refused naming
 * the file, what was expected and what was found. The learners train on tasks of a few samples.
 */
class CheckpointsTest {
    /** Two synthetic tasks of 10 inputs and 5 + 5 training samples, a 10-4 network, SI (state of its own). */
    private static final String CONFIG = "seeds: [5]\ndata: {dataset: synthetic}\n"
            + "tasks: {sequence: synthetic, count: 2, synthetic: {inputs: 10, train_per_class: 5, test_per_class: 3}}\n"
            + "network: {hidden: [4]}\nencoder: {steps: 2}\ntraining: {epochs: 1, batch_size: 4}\n"
            + "strategies: [{name: si}]\n";
    private static final long SEED = 5;
    private static final String UNIT = "checkpoints/si/seed-5/";

    private final ExperimentConfig config = ConfigLayers.resolve(CONFIG, "c.yaml", List.of(),
            ConfigLayers.Flags.NONE).config();
    private final Experiment experiment = Experiment.prepare(config);
    private final TaskSequence sequence = experiment.sequence(SEED);
    private final List<TaskData> tasks = experiment.tasks(sequence, SEED).learning();

    private UnitLearner learner() {
        return new UnitLearners(experiment).learner(config.strategies().get(0), SEED, sequence, tasks);
    }

    /** Trains the learner on task {@code t}, one epoch. */
    private static void train(UnitLearner learner, int t) {
        learner.startTask(t);
        learner.trainEpoch(0, samples -> { });
        learner.finishTask();
    }

    /** The progress after {@code done} tasks, its rows made up (the checkpoint does not read them). */
    private static UnitProgress progress(int done) {
        UnitProgress p = UnitProgress.start("si", SEED, 2).withRandomInit(new double[] {0.5, 0.5});
        for (int t = 0; t < done; t++) {
            p = p.withTask(new double[] {0.5, 0.5}, List.of(new EpochRecord("si", SEED, t, 0, 0.5, 0.5, 1, 10)),
                    List.of(), List.of(), 1, t == 1 ? "0".repeat(64) : null, new long[4]);
        }
        return p;
    }

    /**
     * The restored learner's weights are the saved one's, and training the next task from there gives the
     * weights of the learner that never stopped (SI's importances and anchor go on too).
     */
    @Test
    void aRestoredLearnerGoesOnAsTheSavedOne(@TempDir Path results) {
        Checkpoints checkpoints = new Checkpoints(RunFolder.create(results, "e", "r1"));
        try (UnitLearner straight = learner(); UnitLearner resumed = learner()) {
            String untrained = straight.weightsHash();
            train(straight, 0);
            assertNotEquals(untrained, straight.weightsHash(), "task 0 changed the weights");
            checkpoints.save(straight, progress(1));
            assertEquals(1, checkpoints.restore(resumed, progress(1)));
            assertEquals(straight.weightsHash(), resumed.weightsHash());
            train(straight, 1);
            train(resumed, 1);
            assertEquals(straight.weightsHash(), resumed.weightsHash());
        }
    }

    /** Each save leaves one state, the one its progress names; the unit's folder holds nothing else. */
    @Test
    void aSaveReplacesTheOlderState(@TempDir Path results) throws IOException {
        RunFolder folder = RunFolder.create(results, "e", "r1");
        Checkpoints checkpoints = new Checkpoints(folder);
        try (UnitLearner learner = learner()) {
            train(learner, 0);
            checkpoints.save(learner, progress(1));
            assertEquals(List.of("learner-1.state", "progress.json"), files(folder));
            train(learner, 1);
            checkpoints.save(learner, progress(2));
            assertEquals(List.of("learner-2.state", "progress.json"), files(folder));
        }
        assertEquals(2, checkpoints.progress("si", SEED, 2, 0, 1, false).tasksDone());
        // A state that a kill left ahead of its progress, and none for a unit not yet started.
        Files.copy(folder.directory().resolve(UNIT + "learner-2.state"),
                folder.directory().resolve(UNIT + "learner-3.state"));
        checkpoints.removeOtherStates(progress(2));
        assertEquals(List.of("learner-2.state", "progress.json"), files(folder));
        checkpoints.removeOtherStates(progress(0));
        assertEquals(List.of("progress.json"), files(folder));
    }

    @Test
    void aDamagedStateIsRefusedNamingItsFileAndUnit(@TempDir Path results) throws IOException {
        RunFolder folder = RunFolder.create(results, "e", "r1");
        Checkpoints checkpoints = new Checkpoints(folder);
        Path state = folder.directory().resolve(UNIT + "learner-1.state");
        saveAfterTaskZero(checkpoints);
        flipAByte(state);
        try (UnitLearner learner = learner()) {
            UnusableCheckpoint refused = assertThrows(UnusableCheckpoint.class,
                    () -> checkpoints.restore(learner, progress(1)));
            assertTrue(refused.getMessage().startsWith(state.toString()) && refused.getMessage().contains("checksum"),
                    refused.getMessage());
            assertEquals("checkpoints/si/seed-5", refused.unitFolder());
            assertEquals("si seed 5", refused.unit());
        }
    }

    /** A sound frame around a state cut short: the message says where the data ended (the payload's end). */
    @Test
    void aStateCutShortIsRefusedWhereItEnds(@TempDir Path results) {
        RunFolder folder = RunFolder.create(results, "e", "r1");
        Checkpoints checkpoints = new Checkpoints(folder);
        Path state = folder.directory().resolve(UNIT + "learner-1.state");
        saveAfterTaskZero(checkpoints);
        byte[] payload = Envelope.read(state, "ENGRAMCL", 2, "learner checkpoint");
        Envelope.write(state, "ENGRAMCL", 2, Arrays.copyOf(payload, payload.length - 3));
        try (UnitLearner learner = learner()) {
            UnusableCheckpoint refused = assertThrows(UnusableCheckpoint.class,
                    () -> checkpoints.restore(learner, progress(1)));
            assertEquals(state + " (payload byte " + (payload.length - 3) + "): learner state: expected the state of"
                    + " this run's learner, found end of data before it was complete; the checkpoint was not written"
                    + " by this unit", refused.getMessage());
        }
    }

    /**
     * A state of one task under the name of two (as progress.json says two are done) is refused for the
     * count, and a finished unit whose last state is gone is refused by {@link Checkpoints#verify}.
     */
    @Test
    void aStateOfOtherTasksThanTheProgressSaysIsRefused(@TempDir Path results) throws IOException {
        RunFolder folder = RunFolder.create(results, "e", "r1");
        Checkpoints checkpoints = new Checkpoints(folder);
        Path one = folder.directory().resolve(UNIT + "learner-1.state");
        Path two = folder.directory().resolve(UNIT + "learner-2.state");
        saveAfterTaskZero(checkpoints);
        UnusableCheckpoint gone = assertThrows(UnusableCheckpoint.class, () -> checkpoints.verify(progress(2)));
        assertTrue(gone.getMessage().startsWith(two.toString()), gone.getMessage());
        Files.copy(one, two);
        checkpoints.verify(progress(2));   // the frame and checksum are sound; verify reads no further
        try (UnitLearner learner = learner()) {
            UnusableCheckpoint refused = assertThrows(UnusableCheckpoint.class,
                    () -> checkpoints.restore(learner, progress(2)));
            assertEquals(two + ": tasks covered: expected 2 (as progress.json says), found 1", refused.getMessage());
        }
        Files.delete(two);
        flipAByte(one);
        UnusableCheckpoint damaged = assertThrows(UnusableCheckpoint.class, () -> checkpoints.verify(progress(1)));
        assertTrue(damaged.getMessage().startsWith(one.toString()) && damaged.getMessage().contains("checksum"),
                damaged.getMessage());
    }

    /**
     * A sound state of a network with a hidden layer of 5 neurons, restored into one of 4, is refused as one of
     * another network, naming where in the payload the learner stopped reading: within it, before its end.
     */
    @Test
    void aStateOfAnotherNetworkIsRefusedWhereItsReadingStopped(@TempDir Path results) {
        RunFolder folder = RunFolder.create(results, "e", "r1");
        Checkpoints checkpoints = new Checkpoints(folder);
        ExperimentConfig wider = ConfigLayers.resolve(CONFIG.replace("hidden: [4]", "hidden: [5]"), "c.yaml",
                List.of(), ConfigLayers.Flags.NONE).config();
        Experiment other = Experiment.prepare(wider);
        try (UnitLearner learner = new UnitLearners(other).learner(wider.strategies().get(0), SEED, sequence,
                tasks)) {
            train(learner, 0);
            checkpoints.save(learner, progress(1));
        }
        Path state = folder.directory().resolve(UNIT + "learner-1.state");
        int payload = Envelope.read(state, "ENGRAMCL", 2, "learner checkpoint").length;
        try (UnitLearner learner = learner()) {
            UnusableCheckpoint refused = assertThrows(UnusableCheckpoint.class,
                    () -> checkpoints.restore(learner, progress(1)));
            Matcher at = Pattern.compile(Pattern.quote(state.toString()) + " \\(payload byte (\\d+)\\): network: .*")
                    .matcher(refused.getMessage());
            assertTrue(at.matches(), refused.getMessage());
            int stoppedAt = Integer.parseInt(at.group(1));
            assertTrue(stoppedAt > 0 && stoppedAt < payload, stoppedAt + " of " + payload);
            assertTrue(refused.otherNetwork());
        }
    }

    /** Whether a run folder holds checkpoints: only once a unit saved one. */
    @Test
    void checkpointsAreFoundOnceAUnitSavedOne(@TempDir Path results) {
        RunFolder folder = RunFolder.create(results, "e", "r1");
        assertFalse(Checkpoints.anyIn(folder.directory()));
        saveAfterTaskZero(new Checkpoints(folder));
        assertTrue(Checkpoints.anyIn(folder.directory()));
    }

    /** Trains a learner on task 0 and saves it, as a unit does after its first task. */
    private void saveAfterTaskZero(Checkpoints checkpoints) {
        try (UnitLearner learner = learner()) {
            train(learner, 0);
            checkpoints.save(learner, progress(1));
        }
    }

    /** Flips a bit in the middle of a file, inside the payload that the checksum covers. */
    private static void flipAByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
    }

    private static List<String> files(RunFolder folder) throws IOException {
        try (Stream<Path> s = Files.list(folder.directory().resolve(UNIT))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
