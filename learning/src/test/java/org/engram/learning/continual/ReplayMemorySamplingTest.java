package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.fraction.BigFraction;
import org.apache.commons.math3.random.RandomGenerator;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sampling law of {@link ReplayMemory}, checked exactly: small streams are run once for every
 * sequence of draws the memory can make, each weighted by its probability as a fraction, so a rule
 * that keeps a sample with probability (m + 1) / n instead of m / n, or picks one slot of a class
 * more often than another, fails an exact equality of fractions rather than a tolerance.
 * Two seeded statistical tests check the same law with the replay stream the strategy uses.
 *
 * <p>The law (Vitter 1985, algorithm R; Chrysakis and Moens 2020, algorithm 1): after any prefix of
 * the stream, the samples of a class c that the memory holds, given that it holds m of them, are a
 * uniformly random m-subset of the n_c samples of c seen. So each sample of c is stored with
 * probability m / n_c given m_c = m: P(sample i stored and m_c = m) = P(m_c = m) m / n_c. For the
 * newest sample of a full class this is the acceptance probability m_c / n_c, and it holds for the
 * older samples only if the slot a newcomer replaces is uniform within its class (a full class's
 * own sample) or within the largest classes (a sample of a class not full).
 */
class ReplayMemorySamplingTest {
    /**
     * One class: a memory of 3 over a stream of 7 keeps each sample with probability 3 / n after n
     * samples (n = 1..7), in both modes; over one class class-balancing sampling is reservoir sampling.
     */
    @ParameterizedTest
    @EnumSource(Replay.Buffer.class)
    void everySampleOfOneClassIsKeptWithProbabilityCapacityOverSeen(Replay.Buffer mode) {
        assertLawAfterEveryPrefix(3, mode, new int[] {0, 0, 0, 0, 0, 0, 0});
    }

    /**
     * A full class's own slots first: 0 0 1 1 fill a memory of 4 (both classes largest, so full); the
     * class-0 samples then replace one of slots 0 and 1 and class 1 one of slots 2 and 3, each with
     * probability 1/2. A slot found by walking on from a uniform slot of the whole memory would hit
     * slot 0 with probability 3/4 and keep sample 0 after the fifth sample with probability 1/2, not 2/3.
     */
    @Test
    void aFullClassReplacesAUniformSlotOfItsOwn() {
        assertLawAfterEveryPrefix(4, Replay.Buffer.CLASS_BALANCED, new int[] {0, 0, 1, 1, 0, 0, 1, 0});
    }

    /**
     * New classes take room from the largest: 0 0 0 1 1 fill a memory of 5 (class 0 largest, full); a
     * 2 replaces one of slots 0..2, each with probability 1/3; the next 2 one of the four slots of
     * classes 0 and 1, now both largest, so which class keeps 1 sample is random (1/2 each) and the law
     * is checked given each count; then a 0 (full) and a 3 (new) follow.
     */
    @Test
    void aClassNotFullReplacesAUniformSlotOfTheLargestClasses() {
        assertLawAfterEveryPrefix(5, Replay.Buffer.CLASS_BALANCED, new int[] {0, 0, 0, 1, 1, 2, 2, 0, 3, 1});
    }

    /**
     * A class that lost samples keeps sampling its own at its reduced share: 0 0 0 fill a memory of 3,
     * 1 1 take two of its slots, and each later 0, the n-th of class 0, is kept with probability 1/n,
     * as every earlier 0 then is.
     */
    @Test
    void aClassThatLostSlotsKeepsItsNthSampleWithProbabilityStoredOverSeen() {
        assertLawAfterEveryPrefix(3, Replay.Buffer.CLASS_BALANCED, new int[] {0, 0, 0, 1, 1, 0, 0, 1, 0});
    }

    /**
     * The enumeration itself: the probabilities of all draw sequences add up to 1, and a memory of 2
     * over 0 0 0 keeps sample 2 with probability exactly 2/3 (draw 0 or 1 of three), which is what a
     * hand count of the three equally likely first draws gives.
     */
    @Test
    void theEnumerationWeighsEveryRunByItsProbability() {
        Outcomes o = enumerate(2, Replay.Buffer.CLASS_BALANCED, new int[] {0, 0, 0});
        assertEquals(BigFraction.ONE, o.total);
        assertEquals(5, o.runs, "draw 2 of three declines; draws 0 and 1 accept, each then one of two slots");
        // Sample 2 is kept by draws 0 and 1 of three; sample 0 by draw 2, or by draw 0 or 1 then slot 1.
        assertEquals(new BigFraction(2, 3), o.storedWithCount(2, 2));
        assertEquals(new BigFraction(1, 3).add(new BigFraction(2, 3).multiply(new BigFraction(1, 2))),
                o.storedWithCount(0, 2));
    }

    /**
     * The production stream: with the replay generator, a memory of 3 over 0 0 0 1 1 and then five 0s
     * keeps the n-th class-0 sample (n = 4..8), just offered, with probability 1/n. Over 4,000 seeds
     * each count is Binomial(4000, 1/n): for n = 8, mean 500 and sd 20.9; 5 sd either side fails a
     * correct memory with probability 5.7e-7 per n (normal approximation), under 3e-6 for the five.
     * A rule that keeps it with probability 2/n is 500 / 27.4 = 18 sd from the mean for n = 8, 14 sd
     * beyond the band (more for smaller n).
     */
    @Test
    void theReplayStreamKeepsTheNthSampleOfAFullClassWithProbabilityStoredOverSeen() {
        int runs = 4000;
        int[] kept = new int[9];
        for (int run = 0; run < runs; run++) {
            ReplayMemory memory = new ReplayMemory(3, Replay.Buffer.CLASS_BALANCED);
            RandomGenerator rng = RandomStreams.of(run, Purpose.REPLAY, 0);
            int[] stream = {0, 0, 0, 1, 1, 0, 0, 0, 0, 0};
            int zeros = 0;
            for (int i = 0; i < stream.length; i++) {
                memory.offer(new float[] {i}, stream[i], 0, rng);
                zeros += stream[i] == 0 ? 1 : 0;
                if (stream[i] == 0 && zeros >= 4) {
                    kept[zeros] += holds(memory, i) ? 1 : 0;
                }
            }
        }
        for (int n = 4; n <= 8; n++) {
            double p = 1.0 / n;
            double sd = Math.sqrt(runs * p * (1 - p));
            assertTrue(Math.abs(kept[n] - runs * p) < 5 * sd, "sample " + n + " of class 0 kept in " + kept[n]
                    + " of " + runs + " runs; expected " + runs * p + " +- " + 5 * sd);
        }
    }

    /**
     * The production stream replaces a uniform slot: over 6,000 seeds, which of the six class-0
     * samples a class-2 sample replaces (0 x 6, 1 x 2 filled a memory of 8; class 0 is the largest), and
     * which of the four class-0 samples a kept class-0 sample replaces (0 x 4, 1 x 4 filled it; both
     * classes are full). Each chi-square test fails a uniform choice with probability 1e-6 (its
     * quantile); a walk on from a uniform slot of the whole memory hits the class's first slot with
     * probability 3/8 and 5/8, and a chi-square of several thousand.
     */
    @Test
    void theReplayStreamReplacesAUniformSlotWithinTheClass() {
        int runs = 6000;
        int[] largest = new int[6];
        int[] own = new int[4];
        for (int run = 0; run < runs; run++) {
            RandomGenerator rng = RandomStreams.of(run, Purpose.REPLAY, 0);
            ReplayMemory memory = filled(8, new int[] {0, 0, 0, 0, 0, 0, 1, 1}, rng);
            memory.offer(new float[] {8}, 2, 0, rng);
            largest[replaced(memory, 6)]++;
            ReplayMemory mixed = filled(8, new int[] {0, 0, 0, 0, 1, 1, 1, 1}, rng);
            for (int i = 8; mixed.countOf(0) == 4 && holdsAll(mixed, 4); i++) {
                mixed.offer(new float[] {i}, 0, 0, rng);
            }
            own[replaced(mixed, 4)]++;
        }
        assertUniform(largest, runs, "class-0 sample replaced by a new class");
        assertUniform(own, runs, "class-0 sample replaced by a kept class-0 sample");
    }

    /** Fails unless counts over {@code runs} pass a chi-square test of uniformity at 1e-6. */
    private static void assertUniform(int[] counts, int runs, String what) {
        double expected = (double) runs / counts.length;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        double critical = new ChiSquaredDistribution(counts.length - 1).inverseCumulativeProbability(1 - 1e-6);
        assertTrue(chi2 < critical, what + ": counts " + Arrays.toString(counts) + ", chi-square "
                + chi2 + " >= " + critical);
    }

    /** A memory filled with the samples 0, 1, ... of the labels given, as many as it holds. */
    private static ReplayMemory filled(int capacity, int[] labels, RandomGenerator rng) {
        ReplayMemory memory = new ReplayMemory(capacity, Replay.Buffer.CLASS_BALANCED);
        for (int i = 0; i < labels.length; i++) {
            memory.offer(new float[] {i}, labels[i], 0, rng);
        }
        return memory;
    }

    /** The one sample among 0..n-1 the memory no longer holds. */
    private static int replaced(ReplayMemory memory, int n) {
        int missing = -1;
        for (int i = 0; i < n; i++) {
            if (!holds(memory, i)) {
                assertEquals(-1, missing, "one sample replaced");
                missing = i;
            }
        }
        assertTrue(missing >= 0, "a sample was replaced");
        return missing;
    }

    private static boolean holdsAll(ReplayMemory memory, int n) {
        for (int i = 0; i < n; i++) {
            if (!holds(memory, i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(ReplayMemory memory, int sample) {
        for (int s = 0; s < memory.size(); s++) {
            if (memory.input(s)[0] == sample) {
                return true;
            }
        }
        return false;
    }

    /** Checks the law after each prefix of the stream, by enumeration. */
    private static void assertLawAfterEveryPrefix(int capacity, Replay.Buffer mode, int[] stream) {
        for (int length = 1; length <= stream.length; length++) {
            int[] prefix = Arrays.copyOf(stream, length);
            Outcomes o = enumerate(capacity, mode, prefix);
            assertEquals(BigFraction.ONE, o.total, "the runs' probabilities add up to 1");
            for (int i = 0; i < length; i++) {
                int seenOfClass = 0;
                for (int j = 0; j < length; j++) {
                    seenOfClass += prefix[j] == prefix[i] ? 1 : 0;
                }
                for (int m = 0; m <= capacity; m++) {
                    BigFraction pCount = o.countProbability(prefix[i], m);
                    assertEquals(pCount.multiply(new BigFraction(m, seenOfClass)), o.storedWithCount(i, m),
                            "after " + length + " samples, sample " + i + " (class " + prefix[i] + ", "
                                    + seenOfClass + " seen) stored while its class holds " + m);
                }
            }
        }
    }

    /** Exact probabilities of a stream's outcomes, summed over every sequence of draws. */
    private static final class Outcomes {
        BigFraction total = BigFraction.ZERO;
        int runs;
        /** P(the class holds m), keyed by {class, m}. */
        final Map<List<Integer>, BigFraction> count = new HashMap<>();
        /** P(the sample is stored and its class holds m), keyed by {sample, m}. */
        final Map<List<Integer>, BigFraction> stored = new HashMap<>();

        BigFraction countProbability(int label, int m) {
            return count.getOrDefault(List.of(label, m), BigFraction.ZERO);
        }

        BigFraction storedWithCount(int sample, int m) {
            return stored.getOrDefault(List.of(sample, m), BigFraction.ZERO);
        }
    }

    private static Outcomes enumerate(int capacity, Replay.Buffer mode, int[] stream) {
        Outcomes o = new Outcomes();
        EveryDraw draws = new EveryDraw();
        int classes = 0;
        for (int label : stream) {
            classes = Math.max(classes, label + 1);
        }
        do {
            ReplayMemory memory = new ReplayMemory(capacity, mode);
            for (int i = 0; i < stream.length; i++) {
                memory.offer(new float[] {i}, stream[i], 0, draws);
            }
            draws.requireAllReplayed();
            BigFraction p = draws.probability();
            o.total = o.total.add(p);
            o.runs++;
            for (int c = 0; c < classes; c++) {
                o.count.merge(List.of(c, memory.countOf(c)), p, BigFraction::add);
            }
            for (int s = 0; s < memory.size(); s++) {
                int sample = (int) memory.input(s)[0];
                assertEquals(stream[sample], memory.label(s), "a slot keeps its sample's label");
                o.stored.merge(List.of(sample, memory.countOf(memory.label(s))), p, BigFraction::add);
            }
        } while (draws.advance());
        return o;
    }

    /**
     * A random source that walks through every sequence of {@code nextInt(bound)} draws, depth first:
     * a run replays the current sequence and extends it with zeros where the memory draws more, and
     * {@link #advance} moves to the next one, as an odometer whose digits have the runs' bounds. The
     * memory's draws depend only on the earlier ones, so replaying a prefix retraces the same run.
     */
    private static final class EveryDraw implements RandomGenerator {
        /** The draws of the current sequence, each {value, bound}. */
        private final List<int[]> path = new ArrayList<>();
        private int depth;

        @Override
        public int nextInt(int bound) {
            if (bound <= 0) {
                throw new IllegalArgumentException("bound must be positive, found " + bound);
            }
            if (depth == path.size()) {
                path.add(new int[] {0, bound});
            }
            int[] draw = path.get(depth++);
            assertEquals(draw[1], bound, "a replayed run draws as it did at draw " + (depth - 1));
            return draw[0];
        }

        void requireAllReplayed() {
            assertEquals(path.size(), depth, "a replayed run draws as often as it did");
        }

        /** The probability of the current sequence: the product of 1 / bound over its draws. */
        BigFraction probability() {
            BigFraction p = BigFraction.ONE;
            for (int[] draw : path) {
                p = p.divide(draw[1]);
            }
            return p;
        }

        /** Moves to the next sequence; false after the last. */
        boolean advance() {
            depth = 0;
            for (int i = path.size() - 1; i >= 0; i--) {
                int[] draw = path.get(i);
                if (draw[0] + 1 < draw[1]) {
                    draw[0]++;
                    path.subList(i + 1, path.size()).clear();
                    return true;
                }
            }
            return false;
        }

        @Override
        public void setSeed(int seed) {
            throw new AssertionError("the memory only draws nextInt(bound)");
        }

        @Override
        public void setSeed(int[] seed) {
            throw new AssertionError("the memory only draws nextInt(bound)");
        }

        @Override
        public void setSeed(long seed) {
            throw new AssertionError("the memory only draws nextInt(bound)");
        }

        @Override
        public void nextBytes(byte[] bytes) {
            throw new AssertionError("the memory only draws nextInt(bound)");
        }

        @Override
        public int nextInt() {
            throw new AssertionError("the memory only draws nextInt(bound)");
        }

        @Override
        public long nextLong() {
            throw new AssertionError("the memory only draws nextInt(bound)");
        }

        @Override
        public boolean nextBoolean() {
            throw new AssertionError("the memory only draws nextInt(bound)");
        }

        @Override
        public float nextFloat() {
            throw new AssertionError("the memory only draws nextInt(bound)");
        }

        @Override
        public double nextDouble() {
            throw new AssertionError("the memory only draws nextInt(bound)");
        }

        @Override
        public double nextGaussian() {
            throw new AssertionError("the memory only draws nextInt(bound)");
        }
    }
}
