package org.engram.simulator.network.connect;

import static org.engram.simulator.network.connect.RecordingSink.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fixed-total-number rule: its count, the pairs it leaves out, and the uniformity of the pairs it
 * draws, checked by chi-square tests against the laws the rule's definition implies.
 *
 * <p>Every test uses fixed seeds, so it passes or fails the same way on every run; the significance
 * level of 1e-4 is what a correct rule would fail at with another fixed seed, one time in 10,000 per
 * test, small beside the power each test has against the bias it looks for.
 */
class FixedTotalNumberTest {
    private static final double ALPHA = 1e-4;

    private static int[][] sorted(List<int[]> pairs) {
        int[][] a = pairs.toArray(new int[0][]);
        Arrays.sort(a, Comparator.<int[]>comparingInt(p -> p[0]).thenComparingInt(p -> p[1]));
        return a;
    }

    @ParameterizedTest(name = "{0} x {1}, one population {2}, autapses {3}, multapses {4}, n = {5}")
    @CsvSource({
            "7, 5, false, true, true, 100",      // more than the 35 pairs: multapses allow it
            "7, 5, false, true, false, 12",
            "7, 5, false, true, false, 30",      // more than half the pairs: the 5 left out are drawn
            "6, 6, true, false, true, 40",
            "6, 6, true, false, false, 29",
            "6, 6, true, true, false, 36",
            "6, 6, true, false, false, 0",
            "300, 200, false, true, false, 900"})   // under a 64th of the 60,000 pairs: drawn by sorting
    void makesExactlyNSynapsesOnAllowedPairs(int sources, int targets, boolean same, boolean autapses,
                                            boolean multapses, int n) {
        Connectivity rule = Rules.fixedTotalNumber(n).withAutapses(autapses).withMultapses(multapses);
        List<int[]> pairs = run(rule, sources, targets, same, 5);
        assertEquals(n, pairs.size());
        assertEquals(n, rule.expectedSynapses(new ConnectContext("p", 0, sources, targets, same, 5)));
        Set<Integer> distinct = new HashSet<>();
        for (int[] p : pairs) {
            assertTrue(p[0] >= 0 && p[0] < sources && p[1] >= 0 && p[1] < targets, Arrays.toString(p));
            assertFalse(same && !autapses && p[0] == p[1], "autapse " + Arrays.toString(p));
            distinct.add(p[0] * targets + p[1]);
        }
        if (!multapses) {
            assertEquals(n, distinct.size(), "a pair was drawn twice");
        }
    }

    @Test
    void everyAllowedPairWithoutMultapsesIsAllToAll() {
        // n equal to the pairs leaves no choice: the synapses are all-to-all's, in one population
        // without autapses (20 x 19 = 380) and between two (20 x 13 = 260).
        assertArrayEquals(sorted(run(Rules.allToAll().withAutapses(false), 20, 20, true, 1)),
                sorted(run(Rules.fixedTotalNumber(380).withAutapses(false).withMultapses(false), 20, 20, true, 1)));
        assertArrayEquals(sorted(run(Rules.allToAll(), 20, 13, false, 1)),
                sorted(run(Rules.fixedTotalNumber(260).withMultapses(false), 20, 13, false, 1)));
    }

    /**
     * Per-source and per-target counts over one large draw in a population of N without autapses:
     * every neuron has N - 1 allowed pairs as source and as target, so each count has expectation
     * n / N. With multapses the counts are multinomial and Pearson's statistic is chi-square with
     * N - 1 degrees of freedom; without, they are multivariate hypergeometric, whose variances are
     * those of the multinomial times (P - n) / (P - 1) for P = N (N - 1) pairs, so the statistic
     * divided by that factor is (Cochran 1977, Sampling Techniques, 2.8). The cases draw on a bitmap
     * (200 neurons), its complement (n = 30,000 of 39,800) and by sorting (1,000 neurons, n under a
     * 64th of the pairs). A rule that
     * leaves out the wrong pair, or maps candidates past the neuron itself unevenly, puts one count
     * near zero or twice its share and fails by hundreds of units of chi-square.
     */
    @ParameterizedTest(name = "{0} neurons, multapses {1}, n = {2}")
    @CsvSource({"200, true, 12000", "200, false, 12000", "200, false, 30000", "1000, false, 12000"})
    void sourceAndTargetCountsAreUniform(int size, boolean multapses, int n) {
        long pairs = (long) size * (size - 1);
        List<int[]> drawn = run(Rules.fixedTotalNumber(n).withAutapses(false).withMultapses(multapses),
                size, size, true, 17);
        long[] perSource = new long[size];
        long[] perTarget = new long[size];
        for (int[] p : drawn) {
            perSource[p[0]]++;
            perTarget[p[1]]++;
        }
        double[] expected = new double[size];
        Arrays.fill(expected, (double) n / size);
        double finitePopulation = multapses ? 1 : (pairs - n) / (double) (pairs - 1);
        ChiSquaredDistribution law = new ChiSquaredDistribution(size - 1);
        for (long[] counts : List.of(perSource, perTarget)) {
            double statistic = new ChiSquareTest().chiSquare(expected, counts) / finitePopulation;
            double pValue = 1 - law.cumulativeProbability(statistic);
            assertTrue(pValue > ALPHA, "chi-square " + statistic + " on " + (size - 1) + " degrees of freedom, p = "
                    + pValue);
        }
    }

    /**
     * Without multapses every n-subset of the allowed pairs is equally likely: over 100 draws per
     * subset (one seed each) the counts of the subsets are multinomial with equal cells. The cases
     * take both ways of drawing (the pairs themselves, and for n above half the pairs those left
     * out), and in one population without autapses the 6 pairs that are not a neuron's own.
     */
    @ParameterizedTest(name = "{0} x {0}, one population {1}, n = {2}: {3} subsets")
    @CsvSource({"3, false, 4, 126", "3, false, 6, 84", "3, true, 2, 15", "3, true, 4, 15"})
    void everySubsetOfThePairsIsEquallyLikely(int size, boolean same, int n, int subsets) {
        Connectivity rule = Rules.fixedTotalNumber(n).withAutapses(!same).withMultapses(false);
        long[] counts = new long[1 << (size * size)];
        int draws = 100 * subsets;
        for (long seed = 0; seed < draws; seed++) {
            int mask = 0;
            for (int[] p : run(rule, size, size, same, seed)) {
                mask |= 1 << (p[0] * size + p[1]);
            }
            assertEquals(n, Integer.bitCount(mask), "distinct pairs drawn with seed " + seed);
            counts[mask]++;
        }
        long[] observed = Arrays.stream(counts).filter(c -> c > 0).toArray();
        assertEquals(subsets, observed.length, "subsets drawn");
        double[] expected = new double[subsets];
        Arrays.fill(expected, 100);
        double pValue = new ChiSquareTest().chiSquareTest(expected, observed);
        assertTrue(pValue > ALPHA, "p = " + pValue + " over " + Arrays.toString(observed));
    }

    /**
     * With multapses the n pairs are independent uniform draws: in one population of 3 without
     * autapses the ordered pairs of n = 3 synapses (in the order the rule reports them) are uniform
     * over 6^3 = 216 triples, 40 expected of each over 8,640 seeds.
     */
    @Test
    void pairsWithMultapsesAreIndependentUniformDraws() {
        Connectivity rule = Rules.fixedTotalNumber(3).withAutapses(false);
        long[] counts = new long[216];
        for (long seed = 0; seed < 216 * 40; seed++) {
            int tuple = 0;
            for (int[] p : run(rule, 3, 3, true, seed)) {
                // The 6 pairs numbered 0..5: source, then target among the two other neurons.
                tuple = 6 * tuple + 2 * p[0] + (p[1] < p[0] ? p[1] : p[1] - 1);
            }
            counts[tuple]++;
        }
        double[] expected = new double[216];
        Arrays.fill(expected, 40);
        double pValue = new ChiSquareTest().chiSquareTest(expected, counts);
        assertTrue(pValue > ALPHA, "p = " + pValue);
    }

    @Test
    void theSynapsesDependOnTheSeedAndTheProjectionAlone() {
        Connectivity rule = Rules.fixedTotalNumber(50).withMultapses(false);
        RecordingSink first = new RecordingSink();
        RecordingSink again = new RecordingSink();
        RecordingSink second = new RecordingSink();
        RecordingSink otherSeed = new RecordingSink();
        RecordingSink renamed = new RecordingSink();
        rule.generate(new ConnectContext("a", 0, 30, 40, false, 3), first);
        rule.generate(new ConnectContext("a", 0, 30, 40, false, 3), again);
        rule.generate(new ConnectContext("b", 1, 30, 40, false, 3), second);
        rule.generate(new ConnectContext("a", 0, 30, 40, false, 4), otherSeed);
        rule.generate(new ConnectContext("b", 0, 30, 40, false, 3), renamed);
        assertArrayEquals(sorted(first.pairs), sorted(again.pairs));
        assertArrayEquals(sorted(first.pairs), sorted(renamed.pairs), "the name plays no part: only the position");
        // 50 of 1,200 pairs: two independent draws are equal with probability 1 / C(1200, 50).
        assertFalse(Arrays.deepEquals(sorted(first.pairs), sorted(second.pairs)), "projections 0 and 1");
        assertFalse(Arrays.deepEquals(sorted(first.pairs), sorted(otherSeed.pairs)), "seeds 3 and 4");
    }

    @Test
    void refusesANegativeCountByName() {
        ParameterException e = assertThrows(ParameterException.class, () -> Rules.fixedTotalNumber(-1));
        assertEquals("fixed_total_number: n: expected an integer >= 0, found -1", e.getMessage());
    }

    @Test
    void refusesMorePairsThanThereAreWithoutMultapses() {
        // 4 neurons without autapses: 12 pairs.
        FixedTotalNumber rule = Rules.fixedTotalNumber(13).withAutapses(false).withMultapses(false);
        ConnectContext context = new ConnectContext("proj", 0, 4, 4, true, 1);
        for (Runnable attempt : List.<Runnable>of(() -> rule.requireFits(context),
                () -> rule.generate(context, new RecordingSink()))) {
            ParameterException e = assertThrows(ParameterException.class, attempt::run);
            assertEquals("projection 'proj': fixed_total_number.n: expected n <= 12 (the number of (source, target)"
                    + " pairs without autapses or multapses), found 13", e.getMessage());
        }
        // With multapses 13 synapses on 12 pairs are fine; with autapses there are 16 pairs.
        assertEquals(13, run(rule.withMultapses(true), 4, 4, true, 1).size());
        assertEquals(13, run(rule.withAutapses(true), 4, 4, true, 1).size());
    }

    @Test
    void refusesSynapsesWhereNoPairIsAllowedButAcceptsNone() {
        // One neuron without autapses has no pair: no synapse can be drawn, even with multapses.
        ConnectContext single = new ConnectContext("proj", 0, 1, 1, true, 1);
        ParameterException e = assertThrows(ParameterException.class,
                () -> Rules.fixedTotalNumber(1).withAutapses(false).requireFits(single));
        assertEquals("fixed_total_number.n", e.location());
        assertEquals("n <= 0 (the number of (source, target) pairs without autapses)", e.expected());
        Rules.fixedTotalNumber(0).withAutapses(false).requireFits(single);
        assertNotEquals(0, run(Rules.fixedTotalNumber(1), 1, 1, true, 1).size());
    }

    @Test
    void describesCountAndSwitches() {
        assertEquals("fixed_total_number(n=3000000000, autapses=false, multapses=true)",
                Rules.fixedTotalNumber(3_000_000_000L).withAutapses(false).describe());
    }
}
