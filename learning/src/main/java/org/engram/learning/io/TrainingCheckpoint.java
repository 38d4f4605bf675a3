package org.engram.learning.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.train.Trainer;
import org.engram.learning.train.optim.Optimizer;
import org.engram.simulator.EngramException;

/**
 * Saves and restores the state of a {@link Trainer} between batches: the network (as in
 * {@link ModelFile}), the optimiser's state arrays and step count, and the trainer's step. A
 * trainer restored from a checkpoint continues bit-identically to one that was never stopped when
 * it was built with the same {@link org.engram.learning.train.TrainerOptions} (its thread count may
 * differ) and encoder. Those settings are not stored: a trainer built with another seed, learning
 * rate schedule or encoder continues from the saved weights and optimiser state under its own
 * settings, as when fine-tuning with a new learning rate.
 *
 * <p>Format: the same frame as {@link ModelFile} with magic {@code "ENGRAMCK"} and version
 * {@value #VERSION}; payload: the model payload, then optimiser kind (UTF), optimiser steps
 * (long), trainer step (long), state array count (int), per array its length (int) and float bits.
 */
public final class TrainingCheckpoint {
    /** The format version this build writes and reads. */
    public static final int VERSION = 1;
    private static final String MAGIC = "ENGRAMCK";
    private static final String KIND = "training checkpoint";

    private TrainingCheckpoint() {
    }

    /**
     * Writes a trainer's state, atomically.
     *
     * @param trainer the trainer (not in the middle of a batch)
     * @param file    the target file
     * @throws IllegalStateException if a step of the trainer failed half way (see
     *                               {@link Trainer#requireWholeSteps()}), before anything is written
     */
    public static void save(Trainer trainer, Path file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(trainer, out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        Envelope.write(file, MAGIC, VERSION, bytes.toByteArray());
    }

    /**
     * Restores a trainer from a checkpoint written by {@link #save}: weights, optimiser state, step.
     *
     * @param trainer a trainer built for the same network spec and optimiser kind
     * @param file    the checkpoint
     * @throws EngramException if the file is unreadable, of another version, corrupt, or made by a
     *                         trainer with another network spec or optimiser
     */
    public static void restore(Trainer trainer, Path file) {
        String source = file.toString();
        byte[] payload = Envelope.read(file, MAGIC, VERSION, KIND);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            Saved saved = parse(trainer, in, source, payload.length);
            // Checked before the trainer changes: a refused checkpoint leaves it as it was.
            if (in.available() != 0) {
                throw new EngramException(source, "payload", "no bytes after the optimiser state",
                        in.available() + " bytes", "the file is corrupt");
            }
            saved.applyTo(trainer);
        } catch (IOException e) {
            throw Envelope.unreadablePayload(source, KIND, e);
        }
    }

    /**
     * Writes a trainer's state (the payload of a checkpoint file) to a stream, for containers
     * such as a continual learner's checkpoint.
     *
     * @param trainer the trainer (not in the middle of a batch)
     * @param out     the stream
     * @throws IOException if writing fails
     * @throws IllegalStateException if a step of the trainer failed half way (see
     *                               {@link Trainer#requireWholeSteps()}), before anything is written
     */
    public static void write(Trainer trainer, DataOutput out) throws IOException {
        trainer.requireWholeSteps();
        ModelFile.write(trainer.net(), out);
        Optimizer opt = trainer.optimizer();
        out.writeUTF(trainer.options().optimizer().kind().name());
        out.writeLong(opt.steps());
        out.writeLong(trainer.step());
        float[][] state = opt.state();
        out.writeInt(state.length);
        for (float[] array : state) {
            out.writeInt(array.length);
            StateCodec.writeFloatValues(out, array);
        }
    }

    /**
     * Reads state written by {@link #write} into a trainer.
     *
     * @param trainer  a trainer built for the same network spec and optimiser kind
     * @param in       the stream
     * @param source   the file or container name, for errors
     * @param maxBytes an upper bound on the remaining bytes, to reject corrupt lengths
     * @throws IOException if the stream ends early
     * @throws CheckpointOfAnotherNetwork if the state belongs to another network
     * @throws EngramException if the state belongs to another optimiser, or is corrupt
     */
    public static void read(Trainer trainer, DataInput in, String source, long maxBytes) throws IOException {
        parse(trainer, in, source, maxBytes).applyTo(trainer);
    }

    /** A trainer's state as read, checked against the trainer it is for and not yet given to it. */
    private record Saved(LayeredNet net, float[][] optimizerState, long optimizerSteps, long step) {
        void applyTo(Trainer trainer) {
            trainer.optimizer().restore(optimizerState, optimizerSteps);
            LayeredNet own = trainer.net();
            for (int m = 0; m < own.matrixCount(); m++) {
                System.arraycopy(net.weights(m), 0, own.weights(m), 0, own.weights(m).length);
            }
            trainer.setStep(step);
        }
    }

    private static Saved parse(Trainer trainer, DataInput in, String source, long maxBytes) throws IOException {
        LayeredNet saved = ModelFile.read(source, in, maxBytes, trainer.net().spec());
        String kind = in.readUTF();
        String expected = trainer.options().optimizer().kind().name();
        if (!kind.equals(expected)) {
            throw new EngramException(source, "optimizer", expected, kind,
                    "the checkpoint was made with another optimiser");
        }
        long optimizerSteps = in.readLong();
        long step = in.readLong();
        if (optimizerSteps < 0 || step < 0) {
            throw new EngramException(source, "steps", "optimizer and trainer step counts >= 0",
                    optimizerSteps + " and " + step, "the file is corrupt");
        }
        float[][] own = trainer.optimizer().state();
        int arrays = in.readInt();
        if (arrays != own.length) {
            throw new EngramException(source, "optimizer state arrays", String.valueOf(own.length),
                    String.valueOf(arrays), "the file is corrupt");
        }
        float[][] state = new float[arrays][];
        for (int a = 0; a < arrays; a++) {
            int length = in.readInt();
            // The trainer's own array is as long, so a length that passes here is no damaged size to allocate.
            if (length != own[a].length) {
                throw new EngramException(source, "optimizer state[" + a + "]", own[a].length + " values",
                        String.valueOf(length), "the file is corrupt");
            }
            state[a] = new float[length];
            for (int k = 0; k < length; k++) {
                state[a][k] = Float.intBitsToFloat(in.readInt());
            }
        }
        return new Saved(saved, state, optimizerSteps, step);
    }
}
