package org.engram.simulator.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {

    /** Every ordered pair of keys, large and negative ones included, gets its own index. */
    @Test
    void pairIndexKeepsLargeAndNegativeKeysApart() {
        long[] keys = {0, 1, 2, 255, 256, 257, 65_535, 65_536, Integer.MAX_VALUE, 1L << 32, (1L << 32) + 1,
                1L << 40, -1, -2, Integer.MIN_VALUE, Long.MIN_VALUE, Long.MAX_VALUE};
        Set<Long> indices = new HashSet<>();
        for (long first : keys) {
            for (long second : keys) {
                indices.add(RandomStreams.pairIndex(first, second));
            }
        }
        assertEquals(keys.length * keys.length, indices.size());
    }

    /** Each purpose keys its own streams: the same seed and index give other numbers for each. */
    @Test
    void everyPurposeDrawsItsOwnNumbers() {
        Set<Long> first = new HashSet<>();
        for (Purpose p : Purpose.values()) {
            first.add(RandomStreams.of(42, p, 7).nextLong());
        }
        assertEquals(Purpose.values().length, first.size());
    }

    /** The ordinal is part of a stream's key: a purpose added since keeps the earlier ones' numbers. */
    @Test
    void purposesKeepTheirPlaceInTheKey() {
        assertEquals(10, Purpose.TASK.ordinal());
        assertEquals(11, Purpose.MODEL_NOISE.ordinal());
    }

    /**
     * {@code mix(next(s))} is the draw the JDK's SplitMix64 makes from state {@code s}: the hot loops' static
     * form steps a stream as {@link SplittableRandom} does.
     */
    @Test
    void theStaticStepDrawsAsTheJdksSplitMix64() {
        long state = RandomStreams.streamState(5, Purpose.POISSON_INPUT, 3);
        SplittableRandom reference = new SplittableRandom(state);
        for (int k = 0; k < 100; k++) {
            state = RandomStreams.next(state);
            assertEquals(reference.nextLong(), RandomStreams.mix(state), "draw " + k);
        }
    }

    /**
     * The first draws of a few streams, pinned: every spike and weight hash of the reference results rests
     * on how (seed, purpose, index) becomes a stream, so a change of it must come with new reference results.
     */
    @Test
    void streamsKeepTheirNumbers() {
        assertEquals(0xc286ad743e2b6631L, RandomStreams.of(0, Purpose.CONNECTIVITY, 0).nextLong());
        assertEquals(0x55746dddbeb7e32cL, RandomStreams.of(42, Purpose.POISSON_INPUT, 7).nextLong());
        assertEquals(0xf9c122ad27fadd0aL, RandomStreams.of(-1, Purpose.FISHER_LABELS, -3).nextLong());
        assertEquals(0x70c4b57dda0ea11dL, RandomStreams.pairIndex(3, 17));
    }

    /**
     * Streams of neighbouring indices and of two purposes are no shifted copies of each other: their first
     * 64 draws, 64,000 numbers from 1,000 streams, are all distinct. Uniform 64-bit values collide with
     * probability about n^2 / 2^65 = 1e-10 for n = 64,000; a stream that were another one shifted would
     * repeat 63 of its draws. The same check finds the repeats of the naive derivation
     * {@code seed + index * GAMMA}, whose stream i + 1 is stream i one draw on.
     */
    @Test
    void neighbouringStreamsShareNoDraws() {
        long seed = 42;
        assertEquals(64_000, distinctDraws(i -> RandomStreams.streamState(seed, i < 500 ? Purpose.WEIGHTS
                : Purpose.POISSON_INPUT, i % 500)));
        int naive = distinctDraws(i -> seed + i * RandomStreams.GAMMA);
        assertTrue(naive < 2_000, "the naive derivation repeats its draws: " + naive + " distinct");
    }

    /** How many distinct numbers the first 64 draws of the 1,000 streams that start at {@code state(i)} make. */
    private static int distinctDraws(LongUnaryOperator state) {
        Set<Long> draws = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            SplitMixRandom random = new SplitMixRandom(state.applyAsLong(i));
            for (int k = 0; k < 64; k++) {
                draws.add(random.nextLong());
            }
        }
        return draws.size();
    }
}
