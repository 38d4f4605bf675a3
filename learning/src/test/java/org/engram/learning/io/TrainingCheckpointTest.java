package org.engram.learning.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.engram.learning.encode.Encoder;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.layered.HiddenLayer;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.layered.LayeredNetSpec;
import org.engram.learning.layered.Readout;
import org.engram.learning.layered.ReadoutLayer;
import org.engram.learning.train.Batch;
import org.engram.learning.train.TrainBenchmark;
import org.engram.learning.train.Trainer;
import org.engram.learning.train.TrainerOptions;
import org.engram.learning.train.optim.LearningRateSchedule;
import org.engram.learning.train.optim.OptimizerSpec;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainingCheckpointTest {
    @TempDir
    Path dir;

    private static final LayeredNetSpec SPEC = LayeredNetSpec.of(5, List.of(HiddenLayer.lif(6, 10).withRecurrent(true)),
            ReadoutLayer.of(3, Readout.MEAN_MEMBRANE, 10));

    private static Batch batch(int k) {
        float[][] x = new float[4][5];
        int[] y = new int[4];
        long[] streams = new long[4];
        for (int b = 0; b < 4; b++) {
            for (int i = 0; i < 5; i++) {
                x[b][i] = ((b + 1) * (i + 2) * (k + 3) % 10) / 10f;
            }
            y[b] = (b + k) % 3;
            streams[b] = Encoder.streamState(1, 4L * k + b, 0);
        }
        return new Batch(x, y, streams, null);
    }

    private static Trainer trainer(LayeredNet net) {
        return trainer(net, "adam");
    }

    /**
     * Adam with a cosine schedule, or SGD with momentum and a rate halved every 2 steps (so that a
     * resumed step 3 of either has moments, a step count and a rate of its own to restore).
     */
    private static Trainer trainer(LayeredNet net, String optimiser) {
        TrainerOptions options = TrainerOptions.defaults().withBatch(4, 2);
        options = optimiser.equals("adam")
                ? options.withOptimizer(OptimizerSpec.adam(), LearningRateSchedule.cosine(0.05, 0, 6))
                : options.withOptimizer(OptimizerSpec.sgd(0.9), LearningRateSchedule.step(0.05, 2, 0.5));
        return new Trainer(net, RateEncoder.bernoulli(10, 1.0), options);
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "sgd"})
    void resumedTrainingIsBitIdenticalToUninterruptedTraining(String optimiser) {
        LayeredNet straight = LayeredNet.create(SPEC, 4);
        try (Trainer t = trainer(straight, optimiser)) {
            for (int k = 0; k < 6; k++) {
                t.trainBatch(batch(k));
            }
        }
        LayeredNet first = LayeredNet.create(SPEC, 4);
        Path file = dir.resolve("run.ck");
        try (Trainer t = trainer(first, optimiser)) {
            for (int k = 0; k < 3; k++) {
                t.trainBatch(batch(k));
            }
            TrainingCheckpoint.save(t, file);
        }
        LayeredNet resumed = LayeredNet.create(SPEC, 4);
        try (Trainer t = trainer(resumed, optimiser)) {
            TrainingCheckpoint.restore(t, file);
            assertEquals(3, t.step());
            for (int k = 3; k < 6; k++) {
                t.trainBatch(batch(k));
            }
        }
        assertEquals(TrainBenchmark.weightsHash(straight), TrainBenchmark.weightsHash(resumed));
    }

    @Test
    void rejectsACheckpointOfAnotherNetwork() {
        Path file = dir.resolve("run.ck");
        try (Trainer t = trainer(LayeredNet.create(SPEC, 4))) {
            TrainingCheckpoint.save(t, file);
        }
        LayeredNetSpec other = LayeredNetSpec.of(5, List.of(HiddenLayer.lif(7, 10)), ReadoutLayer.of(3,
                Readout.MEAN_MEMBRANE, 10));
        try (Trainer t = trainer(LayeredNet.create(other, 4))) {
            EngramException e = assertThrows(EngramException.class, () -> TrainingCheckpoint.restore(t, file));
            assertTrue(e.getMessage().contains("another network"), e.getMessage());
        }
        EngramException e = assertThrows(EngramException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("ENGRAMNN") && e.getMessage().contains("ENGRAMCK"), e.getMessage());
    }

    /** @return the bytes of the trainer's model part, which a checkpoint starts with */
    private static int modelBytes(Trainer t) throws IOException {
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        ModelFile.write(t.net(), new DataOutputStream(model));
        return model.size();
    }

    /** @return the trainer's checkpoint as {@link TrainingCheckpoint#write} streams it */
    private static byte[] checkpointBytes(Trainer t) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        TrainingCheckpoint.write(t, new DataOutputStream(all));
        return all.toByteArray();
    }

    /**
     * A learner's checkpoint reads the trainer state from a stream with no size bound (Long.MAX_VALUE):
     * an optimiser array length of two billion must be refused from the trainer's own shapes, not
     * allocated (8 GB, beyond the test JVM's 4 GB heap). Adam's first array is the first moment of
     * the 5 x 6 input matrix: 30 values.
     */
    @Test
    void damagedOptimiserArrayLengthIsRefusedBeforeAllocation() throws IOException {
        try (Trainer t = trainer(LayeredNet.create(SPEC, 4))) {
            byte[] bytes = checkpointBytes(t);
            // after the model: optimiser kind (2-byte length + "ADAM"), two longs, the array count
            int firstLength = modelBytes(t) + 2 + "ADAM".length() + 8 + 8 + 4;
            java.nio.ByteBuffer.wrap(bytes).putInt(firstLength, Integer.MAX_VALUE - 8);
            EngramException e = assertThrows(EngramException.class, () -> TrainingCheckpoint.read(t,
                    new DataInputStream(new ByteArrayInputStream(bytes)), "learner.state",
                    Long.MAX_VALUE));
            assertTrue(e.getMessage().contains("optimizer state[0]: expected 30 values, found "
                    + (Integer.MAX_VALUE - 8)),
                    e.getMessage());
        }
    }

    /**
     * A negative optimiser step count was accepted (Adam's bias corrections 1 / (1 - beta^t) then
     * turn negative and reverse the updates); a negative trainer step was refused only after the
     * weights had been overwritten. Both are refused before anything changes.
     */
    @Test
    void negativeStepCountsAreRefusedBeforeAnythingChanges() throws IOException {
        try (Trainer t = trainer(LayeredNet.create(SPEC, 4))) {
            int model = modelBytes(t);
            int steps = model + 2 + "ADAM".length();   // after the model and the optimiser kind
            for (int field = 0; field < 2; field++) {
                byte[] bytes = checkpointBytes(t);
                java.nio.ByteBuffer.wrap(bytes).putFloat(model - 4, 1234.5f);   // the last weight differs
                java.nio.ByteBuffer.wrap(bytes).putLong(steps + 8 * field, -3);
                String before = TrainBenchmark.weightsHash(t.net());
                EngramException e = assertThrows(EngramException.class, () -> TrainingCheckpoint.read(t,
                        new DataInputStream(new ByteArrayInputStream(bytes)), "x.ck", Long.MAX_VALUE));
                assertTrue(e.getMessage().contains("x.ck: steps") && e.getMessage().contains("-3"), e.getMessage());
                assertEquals(before, TrainBenchmark.weightsHash(t.net()), "weights unchanged");
            }
        }
    }

    /**
     * A checkpoint file whose payload goes on after the optimiser state (a faulty writer's: the checksum covers
     * the bytes) was restored as if whole. It is refused, naming the bytes left over, before the trainer changes.
     */
    @Test
    void bytesAfterTheOptimiserStateAreRefusedBeforeAnythingChanges() throws IOException {
        try (Trainer saved = trainer(LayeredNet.create(SPEC, 4)); Trainer t = trainer(LayeredNet.create(SPEC, 5))) {
            byte[] whole = checkpointBytes(saved);
            byte[] longer = Arrays.copyOf(whole, whole.length + 3);
            Path file = dir.resolve("trainer.ck");
            Envelope.write(file, "ENGRAMCK", TrainingCheckpoint.VERSION, longer);
            String before = TrainBenchmark.weightsHash(t.net());
            EngramException e = assertThrows(EngramException.class, () -> TrainingCheckpoint.restore(t, file));
            assertEquals(file + ": payload: expected no bytes after the optimiser state, found 3 bytes; the file is"
                    + " corrupt", e.getMessage());
            assertEquals(before, TrainBenchmark.weightsHash(t.net()), "weights unchanged");
            assertEquals(0, t.step());
            Envelope.write(file, "ENGRAMCK", TrainingCheckpoint.VERSION, whole);
            TrainingCheckpoint.restore(t, file);
            assertEquals(TrainBenchmark.weightsHash(saved.net()), TrainBenchmark.weightsHash(t.net()));
        }
    }

    /** A checkpoint whose readout has another size (an older head layout) says so, not both specs whole. */
    @Test
    void aCheckpointOfAnotherReadoutSizeNamesTheSizes() {
        Path file = dir.resolve("run.ck");
        try (Trainer t = trainer(LayeredNet.create(SPEC, 4))) {
            TrainingCheckpoint.save(t, file);
        }
        LayeredNetSpec wider = new LayeredNetSpec(SPEC.inputs(), SPEC.hidden(), ReadoutLayer.of(9,
                Readout.MEAN_MEMBRANE, 10), SPEC.dtMs(), SPEC.initGain());
        try (Trainer t = trainer(LayeredNet.create(wider, 4))) {
            // Its own type: a resume tells it from a damaged file by that, not by the message's words.
            EngramException e = assertThrows(CheckpointOfAnotherNetwork.class,
                    () -> TrainingCheckpoint.restore(t, file));
            assertEquals("network", e.location());
            assertEquals("a checkpoint of a network with 9 readout units", e.expected());
            assertEquals("3 readout units", e.found());
        }
    }
    /**
     * A checkpoint of other hidden layers names them as the config does: the sizes, or the first
     * layer that differs; the message held every field of every layer.
     */
    @Test
    void aCheckpointOfOtherHiddenLayersNamesWhatDiffers() {
        Path file = dir.resolve("hidden.ck");
        try (Trainer t = trainer(LayeredNet.create(SPEC, 4))) {
            TrainingCheckpoint.save(t, file);
        }
        HiddenLayer first = SPEC.hidden().get(0);
        LayeredNetSpec wider = new LayeredNetSpec(SPEC.inputs(), List.of(HiddenLayer.lif(first.size() + 2,
                first.tauMs())), SPEC.readout(), SPEC.dtMs(), SPEC.initGain());
        LayeredNetSpec deeper = new LayeredNetSpec(SPEC.inputs(), List.of(first, first), SPEC.readout(), SPEC.dtMs(),
                SPEC.initGain());
        try (Trainer t = trainer(LayeredNet.create(wider, 4))) {
            EngramException e = assertThrows(EngramException.class, () -> TrainingCheckpoint.restore(t, file));
            assertEquals("a checkpoint of a network with hidden layer sizes [" + (first.size() + 2) + "]",
                    e.expected());
            assertEquals("hidden layer sizes [" + first.size() + "]", e.found());
        }
        try (Trainer t = trainer(LayeredNet.create(deeper, 4))) {
            EngramException e = assertThrows(EngramException.class, () -> TrainingCheckpoint.restore(t, file));
            assertEquals("a checkpoint of a network with 2 hidden layers", e.expected());
            assertEquals("1 hidden layer", e.found());
        }
        LayeredNetSpec feedForward = new LayeredNetSpec(SPEC.inputs(), List.of(first.withRecurrent(false)),
                SPEC.readout(), SPEC.dtMs(), SPEC.initGain());
        try (Trainer t = trainer(LayeredNet.create(feedForward, 4))) {
            EngramException e = assertThrows(EngramException.class, () -> TrainingCheckpoint.restore(t, file));
            assertEquals("a checkpoint of a network with hidden layer 1 " + first.withRecurrent(false), e.expected());
            assertEquals("hidden layer 1 " + first, e.found());
        }
    }

    /**
     * A checkpoint with another input count names the counts; one that differs only in a field no
     * other part names (here the time step) shows both specs whole.
     */
    @Test
    void aCheckpointOfOtherInputsOrStepNamesWhatDiffers() {
        Path file = dir.resolve("inputs.ck");
        try (Trainer t = trainer(LayeredNet.create(SPEC, 4))) {
            TrainingCheckpoint.save(t, file);
        }
        LayeredNetSpec wider = new LayeredNetSpec(SPEC.inputs() + 1, SPEC.hidden(), SPEC.readout(), SPEC.dtMs(),
                SPEC.initGain());
        try (Trainer t = trainer(LayeredNet.create(wider, 4))) {
            EngramException e = assertThrows(CheckpointOfAnotherNetwork.class,
                    () -> TrainingCheckpoint.restore(t, file));
            assertEquals("a checkpoint of a network with 6 inputs", e.expected());
            assertEquals("5 inputs", e.found());
        }
        LayeredNetSpec finer = new LayeredNetSpec(SPEC.inputs(), SPEC.hidden(), SPEC.readout(), SPEC.dtMs() / 2,
                SPEC.initGain());
        try (Trainer t = trainer(LayeredNet.create(finer, 4))) {
            EngramException e = assertThrows(CheckpointOfAnotherNetwork.class,
                    () -> TrainingCheckpoint.restore(t, file));
            assertEquals("a checkpoint of a network with " + finer, e.expected());
            assertEquals(SPEC.toString(), e.found());
        }
    }

    /**
     * Everything a checkpoint restores, as raw bits (a NaN's payload and the sign of zero
     * included): every weight, every optimiser state value, the optimiser's and the trainer's steps.
     */
    private static String bits(Trainer t) {
        StringBuilder sb = new StringBuilder();
        for (int m = 0; m < t.net().matrixCount(); m++) {
            for (float w : t.net().weights(m)) {
                sb.append(Integer.toHexString(Float.floatToRawIntBits(w))).append(' ');
            }
            sb.append("| ");
        }
        for (float[] array : t.optimizer().state()) {
            for (float v : array) {
                sb.append(Integer.toHexString(Float.floatToRawIntBits(v))).append(' ');
            }
            sb.append("| ");
        }
        return sb.append(t.optimizer().steps()).append(' ').append(t.step()).toString();
    }

    /**
     * Values a round through text or through DataOutput.writeFloat would change: NaNs with a payload
     * and either sign, negative zero, the smallest and the largest subnormal.
     */
    private static final float[] SPECIAL = {Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xffc00123),
        -0.0f, Float.MIN_VALUE, Float.intBitsToFloat(0x007fffff), -Float.MIN_NORMAL};

    /**
     * Weights and optimiser state come back bit for bit, special values included, from a file and
     * from a stream (as a continual learner's checkpoint carries the trainer's state): compared with
     * the bits of the trainer that was saved, into trainers of other seeds that had trained on.
     */
    @ParameterizedTest
    @ValueSource(strings = {"adam", "sgd"})
    void weightsAndOptimiserStateComeBackBitForBit(String optimiser) throws IOException {
        Path file = dir.resolve("special.ck");
        try (Trainer saved = trainer(LayeredNet.create(SPEC, 4), optimiser);
                Trainer fromFile = trainer(LayeredNet.create(SPEC, 7), optimiser);
                Trainer fromStream = trainer(LayeredNet.create(SPEC, 8), optimiser)) {
            for (int k = 0; k < 2; k++) {
                saved.trainBatch(batch(k));
            }
            float[][] state = saved.optimizer().state();
            for (int v = 0; v < SPECIAL.length; v++) {
                saved.net().weights(0)[v] = SPECIAL[v];
                state[0][v] = SPECIAL[v];
                state[state.length - 1][v] = SPECIAL[SPECIAL.length - 1 - v];
            }
            saved.optimizer().restore(state, saved.optimizer().steps());
            fromFile.trainBatch(batch(5));
            fromStream.trainBatch(batch(5));
            String expected = bits(saved);
            TrainingCheckpoint.save(saved, file);
            TrainingCheckpoint.restore(fromFile, file);
            assertEquals(expected, bits(fromFile));
            TrainingCheckpoint.read(fromStream, new DataInputStream(new ByteArrayInputStream(
                    checkpointBytes(saved))), "learner.state", Long.MAX_VALUE);
            assertEquals(expected, bits(fromStream));
        }
    }

    /**
     * A checkpoint cut at any byte, or with any one byte damaged, is refused naming the file, and the
     * trainer it was to be restored into keeps its weights, optimiser state and step (a resumed run
     * that fails to restore must not go on from a half-restored state).
     */
    @Test
    void aCutOrDamagedCheckpointIsRefusedAndLeavesTheTrainerAsItWas() throws IOException {
        Path file = dir.resolve("damaged.ck");
        try (Trainer saved = trainer(LayeredNet.create(SPEC, 4)); Trainer t = trainer(LayeredNet.create(SPEC, 5))) {
            saved.trainBatch(batch(0));
            saved.trainBatch(batch(1));
            TrainingCheckpoint.save(saved, file);
            byte[] whole = Files.readAllBytes(file);
            t.trainBatch(batch(2));
            String before = bits(t);
            for (int k = 0; k < 2 * whole.length; k++) {
                byte[] bytes;
                if (k < whole.length) {
                    bytes = Arrays.copyOf(whole, k);
                } else {
                    bytes = whole.clone();
                    bytes[k - whole.length] ^= (byte) 0xff;
                }
                Files.write(file, bytes);
                EngramException e = assertThrows(EngramException.class, () -> TrainingCheckpoint.restore(t, file),
                        "case " + k);
                assertEquals(file.toString(), e.source(), e.getMessage());
            }
            assertEquals(before, bits(t));
        }
    }
}
