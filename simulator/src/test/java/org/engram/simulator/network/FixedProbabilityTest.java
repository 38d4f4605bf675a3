package org.engram.simulator.network;

import static org.engram.simulator.network.Networks.assertCsr;
import static org.engram.simulator.network.Networks.autapses;
import static org.engram.simulator.network.Networks.between;
import static org.engram.simulator.network.Networks.inDegrees;
import static org.engram.simulator.network.Networks.within;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fixed probability against the binomial law. Every pair is an independent Bernoulli(p) trial, so
 * a count over N pairs has mean {@code Np} and sd {@code sqrt(Np(1 - p))}; we accept 5 sd, a
 * two-sided normal false-failure rate of 5.7e-7 per check (the counts are in the thousands, where
 * the normal approximation of the binomial is accurate). With 8 seeds x 11 checks the whole class
 * fails by chance with probability below 1e-4.
 */
class FixedProbabilityTest {
    private static final Synapses SPEC = Synapses.excitatory(0.1);
    private static final double SIGMAS = 5;

    private static void assertBinomial(long count, long pairs, double p, String what) {
        double mean = pairs * p;
        double sd = Math.sqrt(pairs * p * (1 - p));
        assertTrue(Math.abs(count - mean) <= SIGMAS * sd,
                what + ": " + count + " synapses, expected " + mean + " +- " + SIGMAS * sd);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
    void countWithoutAutapsesIsBinomialOverOffDiagonalPairs(long seed) {
        int n = 400;
        double p = 0.05;
        Projection proj = within(seed, n, Rules.fixedProbability(p).withAutapses(false), SPEC);
        assertEquals(0, autapses(proj));
        assertBinomial(proj.synapseCount(), (long) n * (n - 1), p, "total");
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
    void targetsAreEquallyLikelyAcrossTheRow(long seed) {
        // Ten blocks of 30 targets: each block's count over 400 x 30 pairs is binomial on its own,
        // so a skipping error that favours early or late targets (or drops the last) shows here.
        int n = 400;
        int m = 300;
        double p = 0.1;
        Projection proj = between(seed, n, m, Rules.fixedProbability(p), SPEC);
        assertCsr(proj, true);
        int[] in = inDegrees(proj);
        for (int block = 0; block < 10; block++) {
            long count = 0;
            for (int t = block * 30; t < (block + 1) * 30; t++) {
                count += in[t];
            }
            assertBinomial(count, n * 30L, p, "targets " + block * 30 + ".." + (block * 30 + 29));
        }
    }

    @Test
    void probabilityOneIsAllToAllAndZeroIsEmpty() {
        Projection all = within(3, 37, Rules.fixedProbability(1).withAutapses(false), SPEC);
        Projection reference = within(3, 37, Rules.allToAll().withAutapses(false), SPEC);
        assertArrayEquals(reference.rowStart(), all.rowStart());
        assertArrayEquals(Networks.targets(reference), Networks.targets(all));
        assertEquals(0, within(3, 37, Rules.fixedProbability(0), SPEC).synapseCount());
    }
}
