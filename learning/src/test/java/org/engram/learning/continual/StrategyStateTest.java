package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.io.Checkpointable;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;

/**
 * A strategy's checkpoint state must be read back whole: a {@code readState} that reads less than
 * its {@code writeState} wrote, or more, and what either throws, is reported with the strategy's
 * name and class. A short read had resumed without a word, to results unlike a run straight through.
 */
class StrategyStateTest {
    private static final String WHO = "strategy 'anchor' (test)";

    /** Writes {@code written} ints and reads {@code read} back; throws {@code thrown} from either when set. */
    static final class Anchor implements ContinualStrategy, Checkpointable {
        private final int written;
        private final int read;
        private final RuntimeException thrown;
        int sum;

        Anchor(int written, int read, RuntimeException thrown) {
            this.written = written;
            this.read = read;
            this.thrown = thrown;
        }

        @Override
        public String name() {
            return "anchor";
        }

        @Override
        public void writeState(DataOutput out) throws IOException {
            if (thrown != null && read < 0) {
                throw thrown;
            }
            for (int k = 0; k < written; k++) {
                out.writeInt(k + 1);
            }
        }

        @Override
        public void readState(DataInput in) throws IOException {
            if (thrown != null) {
                throw thrown;
            }
            sum = 0;
            for (int k = 0; k < read; k++) {
                sum += in.readInt();
            }
        }
    }

    private static byte[] stateOf(Anchor a) {
        return StrategyState.bytes(a, WHO);
    }

    @Test
    void aWholeReadRestores() {
        Anchor a = new Anchor(3, 3, null);
        StrategyState.restore(stateOf(new Anchor(3, 3, null)), a, WHO);
        assertEquals(1 + 2 + 3, a.sum);
    }

    @Test
    void aShortReadIsRefusedWithTheBytesRead() {
        StrategyFailed e = assertThrows(StrategyFailed.class,
                () -> StrategyState.restore(stateOf(new Anchor(3, 3, null)), new Anchor(3, 2, null), WHO));
        assertTrue(e.getMessage().startsWith(WHO + " read 8 of the 12 bytes of its state in readState, which must"
                + " read back exactly what writeState writes"), e.getMessage());
    }

    @Test
    void aReadPastTheEndIsTheStrategysFault() {
        StrategyFailed e = assertThrows(StrategyFailed.class,
                () -> StrategyState.restore(stateOf(new Anchor(2, 2, null)), new Anchor(2, 3, null), WHO));
        assertTrue(e.getMessage().startsWith(WHO + " read past the end of its state in readState: the 8 bytes"),
                e.getMessage());
    }

    @Test
    void whatTheStateCodeThrowsNamesTheStrategy() {
        StrategyFailed written = assertThrows(StrategyFailed.class,
                () -> stateOf(new Anchor(1, -1, new IllegalStateException("boom"))));
        assertEquals(WHO + " failed in writeState: java.lang.IllegalStateException: boom", written.getMessage());
        StrategyFailed read = assertThrows(StrategyFailed.class, () -> StrategyState.restore(
                stateOf(new Anchor(1, 1, null)), new Anchor(1, 1, new NullPointerException("rows")), WHO));
        assertEquals(WHO + " failed in readState: java.lang.NullPointerException: rows", read.getMessage());
        // A state the strategy refuses (another network's) is the checkpoint's problem, said as it is.
        EngramException refused = new EngramException("strategy state", "anchors", "3 rows", "2", null);
        assertSame(refused, assertThrows(EngramException.class, () -> StrategyState.restore(
                stateOf(new Anchor(1, 1, null)), new Anchor(1, 1, refused), WHO)));
    }

    /** Through a learner, and as a member of a chain, the strategy is named with its class. */
    @Test
    void aLearnerAndAChainNameTheStrategyThatReadsShort() throws IOException {
        for (boolean chained : new boolean[] {false, true}) {
            byte[] state;
            try (ContinualLearner l = learner(new Anchor(3, 3, null), chained)) {
                ContinualLearnerTest.train(l, 0, 1);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                l.writeState(new DataOutputStream(bytes));
                state = bytes.toByteArray();
            }
            try (ContinualLearner l = learner(new Anchor(3, 1, null), chained)) {
                StrategyFailed e = assertThrows(StrategyFailed.class,
                        () -> l.readState(new DataInputStream(new ByteArrayInputStream(state))));
                String who = "strategy 'anchor' (" + Anchor.class.getName()
                        + (chained ? ", of the chain 'anchor+naive')" : ")");
                assertTrue(e.getMessage().startsWith(who + " read 4 of the 12 bytes"), e.getMessage());
            }
        }
    }

    private static ContinualLearner learner(Anchor anchor, boolean chained) {
        ContinualStrategy s = chained ? new Chain(List.of(anchor, Strategies.create("naive"))) : anchor;
        return new ContinualLearner(ContinualLearnerTest.net(), RateEncoder.bernoulli(10, 1.0),
                ContinualLearnerTest.options(1), s, Scenario.TASK_INCREMENTAL);
    }
}
