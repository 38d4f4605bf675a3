package org.engram.learning.continual;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.engram.learning.io.Checkpointable;
import org.engram.learning.io.StateCodec;
import org.engram.simulator.EngramException;

/**
 * A strategy's checkpoint state as a block of its own, the bytes its {@code writeState} wrote with
 * their length, which its {@code readState} must read back exactly. Written inline, a
 * {@code readState} that read less than its {@code writeState} wrote went unnoticed, and the
 * resumed run differed from one straight through without a word; what a strategy's state code
 * throws is said with the strategy's name and class, as the hooks' failures are.
 */
final class StrategyState {
    private StrategyState() {
    }

    /**
     * Writes a strategy's state as a block.
     *
     * @param out      the stream
     * @param strategy the strategy
     * @param who      the strategy's name and class, for messages
     * @throws IOException     if the stream fails
     * @throws StrategyFailed  if the strategy's {@code writeState} throws
     */
    static void write(DataOutput out, Checkpointable strategy, String who) throws IOException {
        StateCodec.writeBytes(out, bytes(strategy, who));
    }

    /**
     * The bytes of a strategy's state.
     *
     * @throws StrategyFailed if its {@code writeState} throws
     */
    static byte[] bytes(Checkpointable strategy, String who) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            strategy.writeState(out);
        } catch (StrategyFailed e) {
            throw e;
        } catch (EngramException e) {
            throw new EngramException(who + " in writeState: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new StrategyFailed(who + " failed in writeState: " + e, e);
        }
        return buffer.toByteArray();
    }

    /**
     * Reads a block written by {@link #write} and restores the strategy from it.
     *
     * @param in       the stream
     * @param strategy the strategy
     * @param who      the strategy's name and class, for messages
     * @throws IOException     if the stream fails or ends before the block does
     * @throws EngramException if the strategy refuses the state (another network's, another kind's)
     * @throws StrategyFailed  if its {@code readState} throws otherwise, reads past the block or leaves
     *                         some of it unread
     */
    static void read(DataInput in, Checkpointable strategy, String who) throws IOException {
        restore(StateCodec.readBytes(in), strategy, who);
    }

    /**
     * Restores a strategy from the bytes of its state, which it must read to the end.
     *
     * @throws EngramException if the strategy refuses the state
     * @throws StrategyFailed  if its {@code readState} throws otherwise, reads past the end or stops short
     */
    static void restore(byte[] block, Checkpointable strategy, String who) {
        ByteArrayInputStream bytes = new ByteArrayInputStream(block);
        try {
            strategy.readState(new DataInputStream(bytes));
        } catch (StrategyFailed | EngramException e) {
            throw e;
        } catch (EOFException e) {
            throw new StrategyFailed(who + " read past the end of its state in readState: the " + block.length
                    + " bytes its writeState wrote ran out; readState must read back exactly what writeState writes,"
                    + " in the same order", e);
        } catch (IOException | RuntimeException e) {
            throw new StrategyFailed(who + " failed in readState: " + e, e);
        }
        if (bytes.available() > 0) {
            throw new StrategyFailed(who + " read " + (block.length - bytes.available()) + " of the " + block.length
                    + " bytes of its state in readState, which must read back exactly what writeState writes, in the"
                    + " same order (the resumed run would differ from one straight through)", null);
        }
    }
}
