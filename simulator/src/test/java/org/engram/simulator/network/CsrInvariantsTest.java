package org.engram.simulator.network;

import static org.engram.simulator.network.Networks.assertCsr;
import static org.engram.simulator.network.Networks.autapses;
import static org.engram.simulator.network.Networks.between;
import static org.engram.simulator.network.Networks.inDegrees;
import static org.engram.simulator.network.Networks.within;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.engram.simulator.network.connect.Connectivity;
import org.engram.simulator.network.connect.Rules;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CSR invariants and exact synapse counts of every structural rule, over random sizes and degrees:
 * each case draws its sizes from its seed, builds the network with that seed, and checks the
 * counts each rule implies by definition.
 */
class CsrInvariantsTest {
    private static final Synapses SPEC = Synapses.excitatory(0.1);

    /** Sizes and degree of one random case. */
    private record Case(int n, int m, int k) {
        static Case of(long seed) {
            SplitMixRandom r = new SplitMixRandom(seed * 31 + 7);
            int n = 1 + r.nextInt(60);
            return new Case(n, 1 + r.nextInt(60), r.nextInt(n));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void allToAllHasEveryPairOnce(long seed) {
        Case c = Case.of(seed);
        Projection p = between(seed, c.n(), c.m(), Rules.allToAll(), SPEC);
        assertCsr(p, true);
        assertEquals(c.n() * c.m(), p.synapseCount());
        for (int s = 0; s < c.n(); s++) {
            assertEquals(c.m() * s, p.rowStart()[s], "each earlier row has m synapses");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void allToAllWithoutAutapsesLeavesOutTheDiagonalOnly(long seed) {
        Case c = Case.of(seed);
        Projection p = within(seed, c.n(), Rules.allToAll().withAutapses(false), SPEC);
        assertCsr(p, true);
        assertEquals(c.n() * (c.n() - 1), p.synapseCount());
        assertEquals(0, autapses(p));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void oneToOneConnectsEachIndexToItself(long seed) {
        Case c = Case.of(seed);
        Projection p = between(seed, c.n(), c.n(), Rules.oneToOne(), SPEC);
        assertCsr(p, true);
        int[] expectedRows = new int[c.n() + 1];
        int[] expectedTargets = new int[c.n()];
        for (int i = 0; i < c.n(); i++) {
            expectedRows[i + 1] = i + 1;
            expectedTargets[i] = i;
        }
        assertArrayEquals(expectedRows, p.rowStart());
        assertArrayEquals(expectedTargets, Networks.targets(p));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void fixedInDegreeGivesEveryTargetKDistinctNonSelfSources(long seed) {
        Case c = Case.of(seed);
        // k < n, so k <= n - 1 sources are available to each target without autapses.
        Projection p = within(seed, c.n(), Rules.fixedInDegree(c.k()).withAutapses(false).withMultapses(false), SPEC);
        assertCsr(p, true);
        assertEquals(c.n() * c.k(), p.synapseCount());
        for (int in : inDegrees(p)) {
            assertEquals(c.k(), in);
        }
        assertEquals(0, autapses(p));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void fixedInDegreeWithMultapsesGivesExactlyKEvenAboveSourceCount(long seed) {
        Case c = Case.of(seed);
        int k = c.n() + c.k() + 1;
        Projection p = between(seed, c.n(), c.m(), Rules.fixedInDegree(k), SPEC);
        assertCsr(p, false);
        for (int in : inDegrees(p)) {
            assertEquals(k, in);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void fixedInDegreeOfAllSourcesIsAllToAll(long seed) {
        Case c = Case.of(seed);
        // Between populations autapses do not exist, so all n sources are available.
        Projection p = between(seed, c.n(), c.m(),
                Rules.fixedInDegree(c.n()).withAutapses(false).withMultapses(false), SPEC);
        Projection full = between(seed, c.n(), c.m(), Rules.allToAll(), SPEC);
        assertArrayEquals(full.rowStart(), p.rowStart());
        assertArrayEquals(Networks.targets(full), Networks.targets(p));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void fixedOutDegreeGivesEverySourceKDistinctNonSelfTargets(long seed) {
        Case c = Case.of(seed);
        Projection p = within(seed, c.n(), Rules.fixedOutDegree(c.k()).withAutapses(false).withMultapses(false), SPEC);
        assertCsr(p, true);
        for (int s = 0; s < c.n(); s++) {
            assertEquals(c.k(), p.rowStart()[s + 1] - p.rowStart()[s], "out-degree of source " + s);
        }
        assertEquals(0, autapses(p));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void fixedOutDegreeWithMultapsesGivesExactlyKPerSource(long seed) {
        Case c = Case.of(seed);
        int k = c.m() + c.k() + 1;
        Projection p = between(seed, c.n(), c.m(), Rules.fixedOutDegree(k), SPEC);
        assertCsr(p, false);
        for (int s = 0; s < c.n(); s++) {
            assertEquals(k, p.rowStart()[s + 1] - p.rowStart()[s], "out-degree of source " + s);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void fixedTotalNumberMakesNDistinctNonSelfSynapses(long seed) {
        Case c = Case.of(seed);
        // k < n, so k n <= n (n - 1), the pairs without autapses.
        int total = c.k() * c.n();
        Projection p = within(seed, c.n(), Rules.fixedTotalNumber(total).withAutapses(false).withMultapses(false),
                SPEC);
        assertCsr(p, true);
        assertEquals(total, p.synapseCount());
        assertEquals(0, autapses(p));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void fixedTotalNumberWithMultapsesMakesNSynapsesEvenAbovePairCount(long seed) {
        Case c = Case.of(seed);
        int total = c.n() * c.m() + c.k() + 1;
        Projection p = between(seed, c.n(), c.m(), Rules.fixedTotalNumber(total), SPEC);
        assertCsr(p, false);
        assertEquals(total, p.synapseCount());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void fixedProbabilityKeepsCsrInvariants(long seed) {
        Case c = Case.of(seed);
        Projection p = within(seed, c.n(), Rules.fixedProbability(0.3).withAutapses(false), SPEC);
        assertCsr(p, true);
        assertEquals(0, autapses(p));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void everyRuleAskedForEveryPairOfOnePopulationKeepsTheSelfPairsWhenAutapsesAreAllowed(long seed) {
        // Within one population with autapses allowed there are n^2 pairs, the n self-pairs among
        // them; p = 1, k = n distinct partners and n^2 distinct synapses each leave no pair out.
        int n = Case.of(seed).n();
        Projection full = within(seed, n, Rules.allToAll(), SPEC);
        assertEquals(n * n, full.synapseCount());
        assertEquals(n, autapses(full));
        for (Connectivity rule : List.of(Rules.fixedProbability(1), Rules.fixedInDegree(n).withMultapses(false),
                Rules.fixedOutDegree(n).withMultapses(false),
                Rules.fixedTotalNumber((long) n * n).withMultapses(false))) {
            Projection p = within(seed, n, rule, SPEC);
            assertArrayEquals(full.rowStart(), p.rowStart(), rule.describe());
            assertArrayEquals(Networks.targets(full), Networks.targets(p), rule.describe());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void autapsesOffLeavesOutNothingBetweenTwoPopulations(long seed) {
        // Source i and target i of two populations are different neurons: with autapses off, each
        // rule asked for every pair still makes all n m of them, the min(n, m) index-equal pairs too.
        Case c = Case.of(seed);
        int n = c.n();
        int m = c.m();
        Projection full = between(seed, n, m, Rules.allToAll(), SPEC);
        assertEquals(n * m, full.synapseCount());
        assertEquals(Math.min(n, m), autapses(full));
        for (Connectivity rule : List.of(Rules.allToAll().withAutapses(false),
                Rules.fixedProbability(1).withAutapses(false),
                Rules.fixedInDegree(n).withAutapses(false).withMultapses(false),
                Rules.fixedOutDegree(m).withAutapses(false).withMultapses(false),
                Rules.fixedTotalNumber((long) n * m).withAutapses(false).withMultapses(false))) {
            Projection p = between(seed, n, m, rule, SPEC);
            assertArrayEquals(full.rowStart(), p.rowStart(), rule.describe());
            assertArrayEquals(Networks.targets(full), Networks.targets(p), rule.describe());
        }
    }
}
