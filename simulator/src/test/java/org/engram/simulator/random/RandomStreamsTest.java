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
}
