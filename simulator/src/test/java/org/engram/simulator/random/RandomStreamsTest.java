package org.engram.simulator.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
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
}
