package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.engram.simulator.EngramException;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;

/**
 * A memory resumed under another buffer mode than it was filled under: the resumed run must equal a run
 * straight through under the reader's mode, or be refused.
 */
class ReplayBufferChangeTest {
    /**
     * A filled reservoir memory resumed as class-balanced is refused: reservoir sampling marked no class
     * full, where class-balanced sampling would have marked the largest full as the memory filled, and
     * chosen other samples since. Memory of 3, stream 0 0 0 1: filled, no class full.
     */
    @Test
    void aFilledReservoirMemoryIsRefusedUnderClassBalanced() throws IOException {
        ReplayMemory memory = filled(Replay.Buffer.RESERVOIR, 0, 0, 0, 1);
        EngramException e = assertThrows(EngramException.class,
                () -> reread(memory, "er_ace", Replay.Buffer.CLASS_BALANCED));
        assertEquals("strategy state", e.source());
        assertEquals("er_ace.buffer", e.location());
        assertEquals("class_balanced", e.expected());
        assertEquals("reservoir (a filled memory with no class marked full)", e.found());
    }

    /**
     * A class-balanced memory resumed as a reservoir is refused: it holds classes marked full, which
     * reservoir sampling never marks. Memory of 3, stream 0 0 0 1 1: class 0 full once the memory filled.
     */
    @Test
    void aClassBalancedMemoryIsRefusedUnderReservoir() throws IOException {
        ReplayMemory memory = filled(Replay.Buffer.CLASS_BALANCED, 0, 0, 0, 1, 1);
        EngramException e = assertThrows(EngramException.class,
                () -> reread(memory, Replay.NAME, Replay.Buffer.RESERVOIR));
        assertEquals("replay.buffer", e.location());
        assertEquals("reservoir", e.expected());
        assertEquals("class_balanced (classes marked full)", e.found());
    }

    /**
     * A memory still filling has kept every sample offered, under either mode, without a random draw:
     * it goes on as the reader's mode would have from the start. Memory of 3, a reservoir holds 0 0 and
     * is resumed class-balanced; then 1 fills it (class 0, 2 of 3, is marked full) and a further 1, of a
     * class not full, takes a slot of class 0: 1 sample of class 0 and 2 of class 1 whatever the draws,
     * and slot for slot what a class-balanced memory offered 0 0 1 1 holds.
     */
    @Test
    void aMemoryStillFillingGoesOnUnderTheOtherMode() throws IOException {
        for (long seed = 1; seed <= 10; seed++) {
            ReplayMemory resumed = reread(filled(Replay.Buffer.RESERVOIR, 0, 0), Replay.NAME,
                    Replay.Buffer.CLASS_BALANCED);
            ReplayMemory straight = filled(Replay.Buffer.CLASS_BALANCED, 0, 0);
            SplitMixRandom resumedRng = RandomStreams.of(seed, Purpose.REPLAY, 1);
            SplitMixRandom straightRng = RandomStreams.of(seed, Purpose.REPLAY, 1);
            for (int label : new int[] {1, 1}) {
                assertEquals(straight.offer(new float[] {label}, label, 1, straightRng),
                        resumed.offer(new float[] {label}, label, 1, resumedRng), "seed " + seed);
            }
            assertEquals(1, resumed.countOf(0), "seed " + seed);
            assertEquals(2, resumed.countOf(1), "seed " + seed);
            for (int s = 0; s < 3; s++) {
                assertArrayEquals(straight.input(s), resumed.input(s), "seed " + seed + ", slot " + s);
            }
        }
    }

    /** A memory of capacity 3 offered the labels in order, each sample's input its label, in task 0. */
    private static ReplayMemory filled(Replay.Buffer mode, int... labels) {
        ReplayMemory memory = new ReplayMemory(3, mode);
        SplitMixRandom rng = RandomStreams.of(7, Purpose.REPLAY, 0);
        for (int label : labels) {
            memory.offer(new float[] {label}, label, 0, rng);
        }
        return memory;
    }

    /** The memory written and read back by a strategy of the given name and buffer mode. */
    private static ReplayMemory reread(ReplayMemory memory, String owner, Replay.Buffer mode) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        memory.write(new DataOutputStream(bytes));
        return ReplayMemory.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), owner, 3, mode,
                ReplayMemory.FORMAT);
    }
}
