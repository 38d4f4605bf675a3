package org.engram.simulator.network.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.BitSet;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both ways of drawing a uniform subset, each called directly on a range small enough to count
 * every subset: the rule picks one by density, so small projections would test only the bitmap.
 */
class UniformSubsetTest {

    /**
     * Every {@code size}-subset of 9 indices is drawn 100 times in expectation over {@code 100 C(9, size)}
     * seeds, multinomial with equal cells; the fixed seeds fail a correct draw nowhere, and another seed
     * would at the 1e-4 significance level one time in 10,000. Each draw reports {@code size} distinct
     * indices in the range.
     */
    @ParameterizedTest(name = "{0}, {1} of 9: {2} subsets")
    @CsvSource({"bitmap, 4, 126", "bitmap, 6, 84", "bitmap, 9, 1", "bitmap, 0, 1",
            "sorting, 4, 126", "sorting, 6, 84", "sorting, 9, 1"})
    void everySubsetIsEquallyLikely(String method, int size, int subsets) {
        long[] counts = new long[1 << 9];
        for (long seed = 0; seed < 100L * subsets; seed++) {
            int[] mask = new int[1];
            UniformSubset.IndexSink out = index -> {
                assertTrue(index >= 0 && index < 9 && (mask[0] & 1 << index) == 0, "index " + index);
                mask[0] |= 1 << index;
            };
            if (method.equals("bitmap")) {
                UniformSubset.drawOnBitmap(new SplitMixRandom(seed), 9, size, out);
            } else {
                UniformSubset.drawBySorting(new SplitMixRandom(seed), 9, size, out);
            }
            assertEquals(size, Integer.bitCount(mask[0]), "seed " + seed);
            counts[mask[0]]++;
        }
        long[] observed = Arrays.stream(counts).filter(c -> c > 0).toArray();
        assertEquals(subsets, observed.length, "subsets drawn");
        if (subsets > 1) {
            double[] expected = new double[subsets];
            Arrays.fill(expected, 100);
            double pValue = new ChiSquareTest().chiSquareTest(expected, observed);
            assertTrue(pValue > 1e-4, "p = " + pValue + " over " + Arrays.toString(observed));
        }
    }

    /**
     * Ranges of whole 64-bit words and just past them, drawn directly and by the complement (more
     * than half the range): the bitmap reports exactly {@code size} distinct indices, each inside the
     * range, and over many draws every index of the last word too, as often as the others within
     * chance.
     */
    @ParameterizedTest(name = "{1} of {0}")
    @CsvSource({"64, 10", "64, 60", "128, 100", "128, 20", "65, 60", "63, 5"})
    void theBitmapReportsEveryWordWholeAndNothingPastTheRange(long range, long size) {
        long[] counts = new long[(int) range];
        int draws = 2000;
        for (long seed = 0; seed < draws; seed++) {
            boolean[] seen = new boolean[(int) range];
            long[] reported = new long[1];
            UniformSubset.drawOnBitmap(new SplitMixRandom(seed), range, size, index -> {
                assertTrue(index >= 0 && index < range && !seen[(int) index], "index " + index);
                seen[(int) index] = true;
                counts[(int) index]++;
                reported[0]++;
            });
            assertEquals(size, reported[0], "seed " + seed);
        }
        double[] expected = new double[(int) range];
        Arrays.fill(expected, (double) draws * size / range);
        double pValue = new ChiSquareTest().chiSquareTest(expected, counts);
        assertTrue(pValue > 1e-4, "p = " + pValue + " over " + Arrays.toString(counts));
    }

    /**
     * Which subset a seed gives is part of every network drawn with it, so the draw must keep the
     * indices the class describes: the first {@code size} distinct indices of the stream, or, when
     * {@code size} is more than half the range, every index but the first {@code range - size}
     * distinct ones. Worked out here one draw at a time, as the description reads, for sizes on
     * either side of a 64th of the range (where the draw changes method) and of one half (where the
     * complement takes over, not yet at exactly one half).
     */
    @ParameterizedTest(name = "{1} of {0}")
    @CsvSource({"640, 3", "640, 10", "640, 11", "640, 319", "640, 320", "640, 321", "640, 600", "640, 640",
            "9, 4", "9, 5", "2, 1"})
    void keepsTheIndicesTheOneByOneDrawKeeps(long range, long size) {
        for (long seed = 0; seed < 20; seed++) {
            BitSet drawn = new BitSet();
            UniformSubset.draw(new SplitMixRandom(seed), range, size, index -> drawn.set((int) index));
            assertEquals(oneByOne(new SplitMixRandom(seed), range, size), drawn, "seed " + seed);
        }
    }

    private static BitSet oneByOne(SplitMixRandom rng, long range, long size) {
        boolean complement = 2 * size > range;
        long wanted = complement ? range - size : size;
        BitSet kept = new BitSet();
        while (kept.cardinality() < wanted) {
            kept.set((int) rng.nextLong(range));
        }
        if (complement) {
            kept.flip(0, (int) range);
        }
        return kept;
    }

    /**
     * Drawing by sorting every index of a range keeps its last few over many rounds (the last one
     * alone is found once in 40 draws), more than the eight that room is first made for; still each
     * index is reported once.
     */
    @Test
    void sortingEveryIndexOfTheRangeReportsEachOnce() {
        for (long seed = 0; seed < 20; seed++) {
            int[] reports = new int[40];
            UniformSubset.drawBySorting(new SplitMixRandom(seed), 40, 40, index -> reports[(int) index]++);
            int[] once = new int[40];
            Arrays.fill(once, 1);
            assertArrayEquals(once, reports, "seed " + seed);
        }
    }
}
