package org.engram.learning.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The buffer an encoding is written into: reused from sample to sample, it must hold only the last
 * encoding, whichever form wrote it and whichever reader comes first.
 */
class EncodedInputTest {
    /** The spikes of each step, read from the step lists. */
    private static int[][] raster(EncodedInput e) {
        int[][] r = new int[e.steps()][];
        for (int t = 0; t < e.steps(); t++) {
            r[t] = Arrays.copyOfRange(e.index(), e.spikeStart(t), e.spikeEnd(t));
        }
        return r;
    }

    /** One spike per input at {@code round((1 - x) * (steps - 1))}, as hand-computed in each test. */
    private static int[][] expectedRaster(int steps, int[] stepOfInput) {
        int[][] r = new int[steps][0];
        for (int i = 0; i < stepOfInput.length; i++) {
            if (stepOfInput[i] >= 0) {
                int t = stepOfInput[i];
                r[t] = Arrays.copyOf(r[t], r[t].length + 1);
                r[t][r[t].length - 1] = i;
            }
        }
        return r;
    }

    /**
     * Latency codes written into a buffer that held another sample: at 11 steps (masks) and at 81
     * (lists) the spikes are the second sample's alone, as hand-computed. The first sample spikes in
     * inputs that the second leaves silent, so a mask or a step count kept from it would show.
     */
    @Test
    void aReusedBufferHoldsOnlyTheLastLatencyCode() {
        float[] first = {1f, 0.5f, 0.75f, 0f};
        float[] second = {0f, 0.5f, 0f, 1f};
        for (int steps : new int[] {11, 81}) {
            LatencyEncoder encoder = new LatencyEncoder(steps, 0);
            EncodedInput out = new EncodedInput(steps, 4);
            encoder.encode(first, 0, out);
            encoder.encode(second, 0, out);
            // t = round((1 - x) * (steps - 1)): input 1 at 5 (of 11) or 40 (of 81), input 3 at 0.
            int half = (steps - 1) / 2;
            assertTrue(Arrays.deepEquals(expectedRaster(steps, new int[] {-1, half, -1, 0}), raster(out)),
                    steps + " steps: " + Arrays.deepToString(raster(out)));
            assertEquals(2, out.spikeCount());
            assertTrue(out.complete());
        }
    }

    /**
     * A rate code of more than 64 steps written twice into one buffer equals the same code written
     * into a fresh buffer (the list form must start again from step 0 with no spikes).
     */
    @Test
    void aReusedBufferHoldsOnlyTheLastRateCodeOfManySteps() {
        RateEncoder encoder = RateEncoder.bernoulli(70, 0.5);
        float[] x = {0.9f, 0f, 0.4f, 1f, 0.2f};
        EncodedInput reused = new EncodedInput(70, x.length);
        encoder.encode(new float[] {1f, 1f, 1f, 1f, 1f}, 8, reused);
        encoder.encode(x, 9, reused);
        EncodedInput fresh = new EncodedInput(70, x.length);
        encoder.encode(x, 9, fresh);
        assertTrue(Arrays.deepEquals(raster(fresh), raster(reused)));
        assertEquals(fresh.spikeCount(), reused.spikeCount());
        assertTrue(reused.complete());
    }

    /**
     * Spikes after a current and a current after spikes: a buffer says which it holds, and a current
     * has no spikes in any step or mask, whatever spikes the buffer held before.
     */
    @Test
    void spikesAndCurrentsReplaceEachOtherInOneBuffer() {
        EncodedInput out = new EncodedInput(5, 3);
        new DirectCurrentEncoder(5, 2.0).encode(new float[] {0.25f, 0f, 1f}, 0, out);
        assertTrue(out.isCurrent());
        new LatencyEncoder(5, 0).encode(new float[] {1f, 0.5f, 0f}, 0, out);
        assertFalse(out.isCurrent(), "a spike code after a current");
        // t = round((1 - x) * 4): input 0 at 0, input 1 at 2.
        assertArrayEquals(new long[] {1L, 1L << 2, 0L}, out.stepMasks());
        assertEquals(1, out.spikeEnd(2) - out.spikeStart(2), "the lists are built from the masks");
        new DirectCurrentEncoder(5, 2.0).encode(new float[] {0.25f, 0f, 1f}, 0, out);
        assertTrue(out.isCurrent());
        assertArrayEquals(new float[] {0.5f, 0f, 2f}, out.current());
        assertArrayEquals(new long[3], out.stepMasks(), "no spikes in the masks");
        for (int t = 0; t < 5; t++) {
            assertEquals(out.spikeStart(t), out.spikeEnd(t), "no spikes in step " + t);
        }
        assertEquals(0, out.spikeCount());
    }

    /**
     * A code written as masks is read as lists by whichever list reader comes first: the index,
     * a step's start or a step's end, each in a buffer of its own. Latency code of 5 steps: inputs 0
     * and 2 spike at step 0, input 1 at step 2 (t = round((1 - x) * 4)).
     */
    @Test
    void eachListReaderBuildsTheListsFromMasksWhenItComesFirst() {
        LatencyEncoder encoder = new LatencyEncoder(5, 0);
        float[] x = {1f, 0.5f, 1f};
        EncodedInput[] out = {new EncodedInput(5, 3), new EncodedInput(5, 3), new EncodedInput(5, 3)};
        for (EncodedInput e : out) {
            encoder.encode(x, 0, e);
        }
        assertArrayEquals(new int[] {0, 2, 1}, Arrays.copyOf(out[0].index(), 3), "index read first");
        assertEquals(2, out[1].spikeStart(1), "spikeStart read first");
        assertEquals(3, out[2].spikeEnd(2), "spikeEnd read first");
        assertEquals(2, out[2].spikeEnd(0));
    }

    /**
     * Spike lists written by hand (as an encoder of one's own would, here with at most 64 steps) are
     * read as masks: bit t of input i for a spike of i in step t, up to the 64th step's bit 63.
     */
    @Test
    void listsWrittenByAnEncoderAreReadAsStepMasks() {
        EncodedInput out = new EncodedInput(64, 4);
        out.clearSpikes();
        out.spike(1);
        out.spike(3);
        out.endStep();
        out.endStep();
        out.spike(0);
        out.spike(1);
        out.endStep();
        for (int t = 3; t < 63; t++) {
            out.endStep();
        }
        assertFalse(out.complete(), "63 of 64 steps closed");
        out.spike(2);
        out.endStep();
        assertTrue(out.complete());
        assertArrayEquals(new long[] {0b100L, 0b101L, 1L << 63, 0b001L}, out.stepMasks());
        assertEquals(5, out.spikeCount());
    }

    @Test
    void masksExistUpToSixtyFourSteps() {
        assertEquals(4, new EncodedInput(64, 4).beginMasks().length);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new EncodedInput(65, 4).beginMasks());
        assertTrue(e.getMessage().contains("steps <= 64, have 65"), e.getMessage());
    }

    /** The smallest buffer, one step of one input, and the largest, a whole Java array of slots. */
    @Test
    void buffersFromOneSlotToTheLargestArrayAreAccepted() {
        EncodedInput one = new EncodedInput(1, 1);
        new LatencyEncoder(1, 0).encode(new float[] {0.3f}, 0, one);
        assertArrayEquals(new long[] {1L}, one.stepMasks(), "a single step: every spiking value spikes in it");
        EncodedInput.requireFits(Integer.MAX_VALUE - 8, 1);
        assertThrows(IllegalArgumentException.class, () -> new EncodedInput(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new EncodedInput(1, 0));
    }
}
