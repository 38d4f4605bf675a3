package org.engram.simulator.network;

import static org.engram.simulator.network.Networks.between;
import static org.engram.simulator.network.Networks.within;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The synapses grouped by target against a second method: scanning every row of the CSR arrays for
 * the synapses onto each target, in ascending synapse (so source) order.
 */
class IncomingIndexTest {

    /** Asserts that the index lists, for every target, exactly the synapses a full scan finds. */
    private static void assertMatchesScan(Projection p) {
        IncomingIndex in = p.incoming();
        int m = p.target().size();
        assertEquals(m + 1, in.colStart().length, "colStart length");
        assertEquals(0, in.colStart()[0]);
        for (int t = 0; t < m; t++) {
            List<Integer> synapses = new ArrayList<>();
            List<Integer> sources = new ArrayList<>();
            for (int s = 0; s < p.source().size(); s++) {
                for (int k = p.rowStart()[s]; k < p.rowStart()[s + 1]; k++) {
                    if (p.target(k) == t) {
                        synapses.add(k);
                        sources.add(s);
                    }
                }
            }
            int from = in.colStart()[t];
            int to = in.colStart()[t + 1];
            assertEquals(synapses.size(), to - from, "synapses onto target " + t);
            for (int i = 0; i < synapses.size(); i++) {
                assertEquals(synapses.get(i), in.synapse()[from + i], "target " + t + ", entry " + i);
                assertEquals(sources.get(i), in.source()[from + i], "target " + t + ", entry " + i);
            }
        }
        assertEquals(p.synapseCount(), in.synapse().length);
        assertEquals(p.synapseCount(), in.source().length);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void matchesAScanOfTheRowsWithMultapsesBetweenPopulations(long seed) {
        // 3 sources per target out of 7, with repetition: some targets get two synapses of one source.
        assertMatchesScan(between(seed, 7, 12, Rules.fixedInDegree(3), Synapses.excitatory(0.1)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void matchesAScanOfTheRowsWithinOnePopulation(long seed) {
        // p = 0.2 over 30 x 30 leaves some targets without any synapse (probability 0.8^30 each).
        assertMatchesScan(within(seed, 30, Rules.fixedProbability(0.2), Synapses.excitatory(0.1)));
    }

    @Test
    void anExplicitCaseByHand() {
        // Synapses (sorted into rows) 0: 0->2, 1: 1->0, 2: 1->2, 3: 2->2; target 1 has none.
        Projection p = between(1, 3, 3, Rules.explicit(new int[] {1, 2, 0, 1}, new int[] {2, 2, 2, 0}),
                Synapses.excitatory(0.1));
        IncomingIndex in = p.incoming();
        assertArrayEquals(new int[] {0, 1, 1, 4}, in.colStart());
        assertArrayEquals(new int[] {1, 0, 2, 3}, in.synapse());
        assertArrayEquals(new int[] {1, 0, 1, 2}, in.source());
        assertSame(in, p.incoming(), "built once and kept");
    }
}
