package org.engram.simulator.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * No modulo bias where it would be largest: for n = 3 * 2^29, {@code floor(x n / 2^32)} maps 3,
     * 3 and 2 of every 8 values of x to results that are 0, 1 and 2 modulo 3, so without the
     * rejection step a quarter of the draws, not a third, would be 2 modulo 3. Of 30,000 draws a
     * third is 10,000 with a standard deviation of sqrt(30000 / 3 * 2 / 3) = 82; 5 deviations allow
     * 408, against the 2,500 the bias would take away.
     */
    @Test
    void boundedIntsAreUniformForABoundNearTwoToThe31() {
        SplitMixRandom random = new SplitMixRandom(11);
        int n = 3 << 29;
        int twos = 0;
        for (int k = 0; k < 30_000; k++) {
            int x = random.nextInt(n);
            assertTrue(x >= 0 && x < n, String.valueOf(x));
            twos += x % 3 == 2 ? 1 : 0;
        }
        assertEquals(10_000, twos, 408);
        assertThrows(IllegalArgumentException.class, () -> random.nextInt(0));
    }
}
