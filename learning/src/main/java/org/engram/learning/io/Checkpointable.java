package org.engram.learning.io;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * An object whose learned state can be written to a stream and read back bit for bit.
 *
 * <p>The state starts with a header written by {@link StateCodec#writeHeader} (a kind name and a
 * format version), so a reader can reject a file written by another kind of object or by a newer
 * format with a message instead of misreading it. Hyperparameters are not part of the state: the
 * reader is constructed with the same hyperparameters as the writer (the run configuration keeps
 * them). Transient values that an object rebuilds in its next {@code beforeTask} hook are not part
 * of the state either; checkpoints are taken between tasks.
 */
public interface Checkpointable {
    /**
     * Writes the state, header first.
     *
     * @param out the stream to write to
     * @throws IOException if the stream fails
     */
    void writeState(DataOutput out) throws IOException;

    /**
     * Replaces the state with one written by {@link #writeState}.
     *
     * <p>The whole state is read and checked before any field changes, so a rejected stream leaves
     * the object as it was.
     *
     * @param in the stream to read from
     * @throws IOException if the stream fails or ends early
     * @throws org.engram.simulator.EngramException if the header names another kind, an unknown
     *         version, or the state does not fit the object's shape
     */
    void readState(DataInput in) throws IOException;
}
