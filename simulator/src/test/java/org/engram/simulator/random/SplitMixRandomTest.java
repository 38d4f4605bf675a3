package org.engram.simulator.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
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

    /**
     * No modulo bias for a bound near 2^63: for n = 3 * 2^61, 63 random bits reduced modulo n would
     * land below 2^61 half the time (from [0, 2^61) and from [n, 2^63)), against a third for a
     * uniform draw. Of 30,000 draws a third is 10,000 with a standard deviation of 82; 5 deviations
     * allow 408, against the 5,000 more the bias would give.
     */
    @Test
    void boundedLongsAreUniformForABoundNearTwoToThe63() {
        SplitMixRandom random = new SplitMixRandom(13);
        long n = 3L << 61;
        int low = 0;
        for (int k = 0; k < 30_000; k++) {
            long x = random.nextLong(n);
            assertTrue(x >= 0 && x < n, String.valueOf(x));
            low += x < 1L << 61 ? 1 : 0;
        }
        assertEquals(10_000, low, 408);
        assertThrows(IllegalArgumentException.class, () -> random.nextLong(0));
    }

    /**
     * The JDK's {@link SplittableRandom} is SplitMix64 with the same increment and finaliser (Steele,
     * Lea and Flood 2014), so from the same seed it draws the same 64-bit values: a second
     * implementation to check the stream against.
     */
    @Test
    void longsAreThoseOfTheJdksSplitMix64() {
        for (long seed : new long[] {0, 1, -1, 42, Long.MIN_VALUE}) {
            SplitMixRandom random = new SplitMixRandom(seed);
            SplittableRandom reference = new SplittableRandom(seed);
            for (int k = 0; k < 1000; k++) {
                assertEquals(reference.nextLong(), random.nextLong(), "seed " + seed + ", draw " + k);
            }
        }
    }

    @Test
    void intsBooleansAndBytesAreTheHighBitsAndTheLittleEndianBytesOfTheLongs() {
        SplitMixRandom random = new SplitMixRandom(3);
        SplittableRandom reference = new SplittableRandom(3);
        for (int k = 0; k < 100; k++) {
            assertEquals((int) (reference.nextLong() >> 32), random.nextInt());
            assertEquals(reference.nextLong() < 0, random.nextBoolean());
        }
        // 13 bytes take two longs, the last three bytes of the second one unused.
        byte[] bytes = new byte[13];
        random.nextBytes(bytes);
        ByteBuffer expected = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(reference.nextLong()).putLong(reference.nextLong());
        assertArrayEquals(Arrays.copyOf(expected.array(), 13), bytes);
        random.nextBytes(new byte[0]);
        assertEquals(reference.nextLong(), random.nextLong(), "an empty array draws nothing");
    }

    /**
     * Floats are the top 24 bits of a draw, so a float and a double drawn from the same state agree
     * once the double is cut to the float's 24 bits: every float lies in [0, 1) on the grid of
     * 2^-24.
     */
    @Test
    void floatsAreTheDoublesOfTheSameDrawCutTo24Bits() {
        SplitMixRandom floats = new SplitMixRandom(5);
        SplitMixRandom doubles = new SplitMixRandom(5);
        for (int k = 0; k < 10_000; k++) {
            float f = floats.nextFloat();
            double d = doubles.nextDouble();
            assertTrue(f >= 0 && f < 1, String.valueOf(f));
            assertEquals(Math.floor(d * 0x1.0p24), f * 0x1.0p24, 0.0, "draw " + k);
        }
    }

    /**
     * Half the booleans are true and the floats' mean is 1/2 (standard deviations sqrt(n / 4) = 100
     * and sqrt(1 / 12 / n) = 0.0014 for n = 40,000; the bounds are 5 of them).
     */
    @Test
    void booleansAndFloatsAreBalanced() {
        SplitMixRandom random = new SplitMixRandom(13);
        int n = 40_000;
        int trues = 0;
        double sum = 0;
        for (int k = 0; k < n; k++) {
            trues += random.nextBoolean() ? 1 : 0;
            sum += random.nextFloat();
        }
        assertEquals(n / 2.0, trues, 500);
        assertEquals(0.5, sum / n, 0.0072);
    }

    /**
     * Standard normal deviates: mean 0 and variance 1 within 5 standard errors for n = 40,000
     * (0.005 and 0.0071 * 5: the variance of a sample variance is 2 / n for a normal), and about
     * 68.27% within one standard deviation.
     */
    @Test
    void gaussiansAreStandardNormal() {
        SplitMixRandom random = new SplitMixRandom(17);
        SummaryStatistics stats = new SummaryStatistics();
        int inOneSigma = 0;
        int n = 40_000;
        for (int k = 0; k < n; k++) {
            double g = random.nextGaussian();
            stats.addValue(g);
            inOneSigma += Math.abs(g) < 1 ? 1 : 0;
        }
        assertEquals(0, stats.getMean(), 0.025);
        assertEquals(1, stats.getVariance(), 0.036);
        // A binomial of p = 0.6827: standard deviation sqrt(n p (1 - p)) = 93.
        assertEquals(0.6827 * n, inOneSigma, 465);
    }

    @Test
    void setSeedRestartsTheStreamAndDropsTheSpareGaussian() {
        SplitMixRandom random = new SplitMixRandom(99);
        random.nextGaussian(); // keeps a spare deviate
        random.setSeed(7L);
        SplitMixRandom fresh = new SplitMixRandom(7);
        assertEquals(fresh.nextGaussian(), random.nextGaussian());
        assertEquals(fresh.nextGaussian(), random.nextGaussian());
        assertEquals(fresh.nextLong(), random.nextLong());

        random.setSeed(-5);
        assertEquals(new SplitMixRandom(-5L).nextLong(), random.nextLong(), "an int seed is sign-extended");
    }

    @Test
    void arraySeedsGiveOneStreamPerArrayInOrder() {
        SplitMixRandom random = new SplitMixRandom(0);
        long[] firsts = new long[4];
        int[][] seeds = {{1, 2}, {2, 1}, {1, 2, 0}, {}};
        for (int k = 0; k < seeds.length; k++) {
            random.setSeed(seeds[k]);
            firsts[k] = random.nextLong();
        }
        assertEquals(4, Arrays.stream(firsts).distinct().count(), Arrays.toString(firsts));
        random.setSeed(new int[] {1, 2});
        assertEquals(firsts[0], random.nextLong(), "the same array, the same stream");
    }

    /**
     * The first outputs for seed 0x1a2b3c4d5e6f7531, as Apache Commons RNG's SplitMix64 test lists them from
     * the authors' reference C code ({@code splitmix64.c}, same increment and finaliser constants).
     */
    @Test
    void longsAreThePublishedReferenceValues() {
        long[] published = {0x4141302768c9e9d0L, 0x64df48c4eab51b1aL, 0x4e723b53dbd901b3L, 0xead8394409dd6454L,
            0x3ef60e485b412a0aL, 0xb2a23aee63aecf38L, 0x6cc3b8933c4fa332L, 0x9c9e75e031e6fccbL};
        SplitMixRandom random = new SplitMixRandom(0x1a2b3c4d5e6f7531L);
        for (int k = 0; k < published.length; k++) {
            assertEquals(published[k], random.nextLong(), "draw " + k);
        }
    }

    /**
     * The ends of the unit interval: the finaliser maps 0 to 0, so the state {@code -GAMMA} draws 0 next,
     * which gives the double 0 (included), the boolean false (0 is not negative), and a bound of 1 its only
     * value in one draw; the state whose next output is all ones (found by inverting the finaliser) gives
     * 1 - 2^-53, the largest double below 1: 53 bits, never 1.
     */
    @Test
    void doublesSpanZeroToJustBelowOne() {
        long zero = -RandomStreams.GAMMA;
        assertEquals(0L, new SplittableRandom(zero).nextLong(), "the JDK's SplitMix64 draws 0 there too");
        assertEquals(0.0, new SplitMixRandom(zero).nextDouble());
        assertFalse(new SplitMixRandom(zero).nextBoolean());
        SplitMixRandom one = new SplitMixRandom(zero);
        assertEquals(0L, one.nextLong(1));
        assertEquals(new SplittableRandom(zero + RandomStreams.GAMMA).nextLong(), one.nextLong(),
                "a bound of 1 took one draw");

        long allOnes = unmix(-1L) - RandomStreams.GAMMA;
        assertEquals(-1L, new SplittableRandom(allOnes).nextLong());
        assertEquals(1 - 0x1.0p-53, new SplitMixRandom(allOnes).nextDouble());
        assertEquals(Math.nextDown(1.0), new SplitMixRandom(allOnes).nextDouble());
    }

    /**
     * A bound that divides 2^63 leaves no incomplete block to reject: every value takes one draw and is
     * the low bits of the draw's top 63, here for n = 2^62 and the JDK's draws of the same stream.
     */
    @Test
    void aBoundDividingTwoToThe63TakesOneDrawPerValue() {
        SplitMixRandom random = new SplitMixRandom(21);
        SplittableRandom reference = new SplittableRandom(21);
        long n = 1L << 62;
        for (int k = 0; k < 1000; k++) {
            assertEquals((reference.nextLong() >>> 1) & (n - 1), random.nextLong(n), "draw " + k);
        }
    }

    /**
     * Fisher-Yates draws once for each position from the last down to the second: n - 1 draws for n values
     * (a bound of at most 5 is rejected with probability below 5 / 2^32, and not at this seed), none for
     * n of 0 or 1, so what a stream draws after a permutation depends on n alone.
     */
    @Test
    void aPermutationTakesOneDrawPerPositionButTheFirst() {
        for (int n : new int[] {0, 1, 2, 5}) {
            SplitMixRandom random = new SplitMixRandom(9);
            random.permutation(n);
            SplittableRandom reference = new SplittableRandom(9);
            for (int k = 0; k < n - 1; k++) {
                reference.nextLong();
            }
            assertEquals(reference.nextLong(), random.nextLong(), "n = " + n);
        }
    }

    /**
     * The inverse of the finaliser: each xor-shift by k undone by repeating it (64 / k rounds suffice),
     * each odd multiplier by its inverse modulo 2^64 (Newton's iteration doubles the correct low bits).
     */
    private static long unmix(long z) {
        z = unshift(z, 31) * inverse(0x94D049BB133111EBL);
        z = unshift(z, 27) * inverse(0xBF58476D1CE4E5B9L);
        return unshift(z, 30);
    }

    private static long unshift(long z, int k) {
        long x = z;
        for (int i = 0; i < 64 / k + 1; i++) {
            x = z ^ (x >>> k);
        }
        return x;
    }

    private static long inverse(long odd) {
        long x = odd; // correct to 3 bits for an odd number
        for (int i = 0; i < 5; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }
}
