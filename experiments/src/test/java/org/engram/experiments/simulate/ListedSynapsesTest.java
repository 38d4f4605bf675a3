package org.engram.experiments.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.junit.jupiter.api.Test;

/** The synapses a weight recording lists: pairs and sources found in the CSR rows, and the random draw. */
class ListedSynapsesTest {
    /**
     * Four sources onto three targets from an explicit list: source 1 and 3 have no synapse, source 0 two onto
     * target 2 (a multapse), written out of order. In CSR order (by source, then target) the synapses are
     * 0: 0->0, 1: 0->2, 2: 0->2, 3: 2->1, 4: 2->2.
     */
    private static Projection withEmptyRowsAndAMultapse() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> src = b.population("src", 4, LifDelta.MODEL, LifDelta.MODEL.defaults());
        Population<?, ?> tgt = b.population("tgt", 3, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("p", src, tgt, Rules.explicit(new int[] {2, 0, 0, 2, 0}, new int[] {2, 2, 0, 1, 2}),
                Synapses.excitatory(0.1).asPlastic());
        return b.build().projection("p");
    }

    @Test
    void pairsAndSourcesAreThoseOfTheCsrOrderWorkedOutByHand() {
        Projection p = withEmptyRowsAndAMultapse();
        int[] sources = {0, 0, 0, 2, 2};
        int[] targets = {0, 2, 2, 1, 2};
        for (int k = 0; k < 5; k++) {
            assertEquals(sources[k], ListedSynapses.sourceOf(p, k), "source of " + k);
            assertEquals(targets[k], p.target(k), "target of " + k);
        }
        assertEquals(0, ListedSynapses.pairSynapse(p, 0, 0));
        assertEquals(1, ListedSynapses.pairSynapse(p, 0, 2), "the first of the multapse");
        assertEquals(3, ListedSynapses.pairSynapse(p, 2, 1));
        assertEquals(4, ListedSynapses.pairSynapse(p, 2, 2));
        assertEquals(-1, ListedSynapses.pairSynapse(p, 0, 1), "no synapse from 0 to 1");
        assertEquals(-1, ListedSynapses.pairSynapse(p, 1, 0), "source 1 has none");
        assertEquals(-1, ListedSynapses.pairSynapse(p, 3, 2), "the last source has none");
    }

    /**
     * Three sources of no synapse before one that has synapse 0: the rows start at [0, 0, 0, 0, 1], and a
     * binary search for 0 lands on row 2 (the middle), not on row 3 that holds it.
     */
    @Test
    void aSynapseAfterSeveralEmptyRowsIsOfTheRowThatHoldsIt() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> src = b.population("src", 4, LifDelta.MODEL, LifDelta.MODEL.defaults());
        Population<?, ?> tgt = b.population("tgt", 1, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("p", src, tgt, Rules.explicit(new int[] {3}, new int[] {0}), Synapses.excitatory(0.1));
        Projection p = b.build().projection("p");
        assertArrayEquals(new int[] {0, 0, 0, 0, 1}, p.rowStart());
        assertEquals(3, ListedSynapses.sourceOf(p, 0));
    }

    /** Indices first, then pairs, then the draw among the others, ascending; the same seed draws the same. */
    @Test
    void anEntryListsIndicesThenPairsThenTheDraw() {
        Projection p = withEmptyRowsAndAMultapse();
        SimulationConfig.WeightSpec w = new SimulationConfig.WeightSpec("p", null, new int[] {4},
                new int[][] {{0, 0}, {2, 1}}, 2);
        int[] listed = ListedSynapses.of(w, p, 7);
        assertEquals(5, listed.length);
        assertArrayEquals(new int[] {4, 0, 3}, java.util.Arrays.copyOf(listed, 3));
        assertArrayEquals(new int[] {1, 2}, java.util.Arrays.copyOfRange(listed, 3, 5), "the two left");
        assertArrayEquals(listed, ListedSynapses.of(w, p, 7));
    }

    /**
     * A draw of 1 of the 2 synapses left comes from the stream the README names, of the seed and the
     * projection's place, and over seeds takes either.
     */
    @Test
    void theDrawComesFromTheStreamOfTheSeedAndTheProjection() {
        Projection p = withEmptyRowsAndAMultapse();
        SimulationConfig.WeightSpec w = new SimulationConfig.WeightSpec("p", null, new int[] {4},
                new int[][] {{0, 0}, {2, 1}}, 1);
        Set<Integer> taken = new HashSet<>();
        for (long seed = 1; seed <= 20; seed++) {
            int[] listed = ListedSynapses.of(w, p, seed);
            assertArrayEquals(ListedSynapses.drawn(5, new int[] {4, 0, 3}, 1,
                    RandomStreams.of(seed, Purpose.WEIGHT_RECORDING, p.index())), new int[] {listed[3]});
            taken.add(listed[3]);
        }
        assertEquals(Set.of(1, 2), taken, "either synapse left, by seed");
    }

    /**
     * Draws of 3 of 10 indices without 2 and 7 are uniform: over 20,000 draws (each from its own stream)
     * each of the 8 candidates is drawn 3/8 of the time and each of their 28 pairs 3 * 2 / (8 * 7) of the
     * time, as for a uniformly random set of 3. Counts are binomial: 7,500 +- 68 and 2,143 +- 44 (one sd);
     * at 5 sd a fair draw fails one of the 36 counts with probability under 36 * 6e-7 = 2e-5.
     */
    @Test
    void theDrawIsUniformOverTheSetsOfCandidates() {
        int draws = 20_000;
        int[] once = new int[10];
        int[][] twice = new int[10][10];
        for (int d = 0; d < draws; d++) {
            int[] drawn = ListedSynapses.drawn(10, new int[] {7, 2}, 3, RandomStreams.of(1, Purpose.WEIGHT_RECORDING,
                    d));
            assertEquals(3, drawn.length);
            for (int i = 0; i < 3; i++) {
                assertTrue(drawn[i] != 2 && drawn[i] != 7 && drawn[i] >= 0 && drawn[i] < 10, "drawn " + drawn[i]);
                assertTrue(i == 0 || drawn[i - 1] < drawn[i], "distinct and ascending");
                once[drawn[i]]++;
                for (int j = i + 1; j < 3; j++) {
                    twice[drawn[i]][drawn[j]]++;
                }
            }
        }
        double p1 = 3.0 / 8;
        double p2 = 6.0 / 56;
        for (int a = 0; a < 10; a++) {
            if (a == 2 || a == 7) {
                assertEquals(0, once[a]);
                continue;
            }
            assertEquals(draws * p1, once[a], 5 * Math.sqrt(draws * p1 * (1 - p1)), "index " + a);
            for (int b = a + 1; b < 10; b++) {
                if (b != 2 && b != 7) {
                    assertEquals(draws * p2, twice[a][b], 5 * Math.sqrt(draws * p2 * (1 - p2)), a + " with " + b);
                }
            }
        }
    }

    /**
     * The draw is ascending however far apart its indices lie: 5 of 1,000 (a set of small integers keeps them
     * in order by chance, one of large ones by their hash).
     */
    @Test
    void theDrawIsAscendingAmongManyIndices() {
        for (int stream = 0; stream < 20; stream++) {
            int[] drawn = ListedSynapses.drawn(1000, new int[] {}, 5, RandomStreams.of(1, Purpose.WEIGHT_RECORDING,
                    stream));
            for (int i = 1; i < drawn.length; i++) {
                assertTrue(drawn[i - 1] < drawn[i], "ascending: " + java.util.Arrays.toString(drawn));
            }
        }
    }

    /** Drawing every candidate gives them all, whatever the stream. */
    @Test
    void drawingEveryCandidateGivesThemAll() {
        assertArrayEquals(new int[] {0, 1, 3, 4}, ListedSynapses.drawn(5, new int[] {2}, 4,
                RandomStreams.of(3, Purpose.WEIGHT_RECORDING, 0)));
    }
}
