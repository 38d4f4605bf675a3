package org.engram.simulator.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitMixRandomTest {

    @Test
    void permutationHoldsEveryIndexOnce() {
        int[] p = new SplitMixRandom(7).permutation(1000);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(new int[0], new SplitMixRandom(7).permutation(0));
        assertArrayEquals(new int[] {0}, new SplitMixRandom(7).permutation(1));
    }

    @Test
    void permutationsOfThreeAreEquallyLikely() {
        // Six orders, each with probability 1/6; 60,000 draws give 10,000 +- 91 (one standard
        // deviation) per order, so +- 600 (6.5 of them) bounds a false failure far below 1e-6.
        SplitMixRandom rng = new SplitMixRandom(11);
        Map<String, Integer> counts = new HashMap<>();
        for (int k = 0; k < 60_000; k++) {
            counts.merge(Arrays.toString(rng.permutation(3)), 1, Integer::sum);
        }
        assertEquals(6, counts.size(), counts.toString());
        for (int c : counts.values()) {
            assertEquals(10_000, c, 600, counts.toString());
        }
    }
}
