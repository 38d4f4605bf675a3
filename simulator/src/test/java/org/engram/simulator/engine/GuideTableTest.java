package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guide table reproduces the Poisson distribution (checked against commons-math3) and draws
 * exactly what a plain inverse-transform search draws.
 */
class GuideTableTest {

    /**
     * 0.023, 0.1, 0.248 and 500 are means for which an earlier cut rule (on {@code 1 - sum}, whose
     * rounding is the size of the cut) never ended; the timeout bounds that failure mode.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.023, 0.05, 0.1, 0.248, 0.5, 2.0, 7.5, 500.0, 700.0})
    void impliedProbabilitiesEqualThePoissonMassFunction(double mean) {
        GuideTable t = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> GuideTable.poisson(mean));
        PoissonDistribution reference = new PoissonDistribution(mean);
        double total = 0;
        for (int k = 0; k < t.size(); k++) {
            total += t.probability(k);
            // The table is exact up to the construction's rounding (a few ulps of each of up to
            // ~1000 terms) and the 1e-16 tail cut.
            assertEquals(reference.probability(k), t.probability(k), 1e-12, "P(" + k + ")");
        }
        assertEquals(1.0, total, 1e-12);
        // The cut drops a tail of at most 1e-16; 1e-14 leaves room for the reference's own rounding.
        assertTrue(reference.cumulativeProbability(t.size() - 1) > 1 - 1e-14, "kept " + t.size() + " outcomes");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 2.0})
    void samplesHaveThePoissonMeanAndVariance(double mean) {
        GuideTable t = GuideTable.poisson(mean);
        SplitMixRandom rng = RandomStreams.of(1, Purpose.POISSON_INPUT, 0);
        int n = 400_000;
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < n; i++) {
            int k = t.sample(rng.nextLong());
            sum += k;
            sumSquares += (double) k * k;
        }
        double m = sum / n;
        double var = sumSquares / n - m * m;
        // Standard error of the mean: sqrt(mean / n); 5 of them bound a false failure below 1e-6.
        assertEquals(mean, m, 5 * Math.sqrt(mean / n));
        // The variance of the sample variance of a Poisson is about (mean + 2 mean^2) / n.
        assertEquals(mean, var, 5 * Math.sqrt((mean + 2 * mean * mean) / n));
        assertTrue(t.sample(0L) >= 0 && t.sample(-1L) < t.size());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.023, 0.5, 2.0, 7.5, 500.0})
    void sampleEqualsAPlainSearchOfTheCumulativeProbabilities(double mean) {
        GuideTable t = GuideTable.poisson(mean);
        SplitMixRandom rng = RandomStreams.of(2, Purpose.POISSON_INPUT, 0);
        for (int i = 0; i < 200_000; i++) {
            long random = rng.nextLong();
            assertEquals(t.outcomeOf(RandomStreams.toUnitDouble(random)), t.sample(random), "random " + random);
        }
        // The edges of [0, 1) and of buckets, where a table built on the wrong side of a boundary errs.
        for (long random : new long[] {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 11, -(1L << 11)}) {
            assertEquals(t.outcomeOf(RandomStreams.toUnitDouble(random)), t.sample(random), "random " + random);
        }
        for (int k = 0; k < t.size() - 1; k++) {
            // The largest and smallest 53-bit numbers on either side of each cumulative probability.
            long at = (long) Math.ceil(t.cumulative(k) * 0x1.0p53) << 11;
            assertEquals(t.outcomeOf(RandomStreams.toUnitDouble(at)), t.sample(at), "at P(X <= " + k + ")");
            assertEquals(t.outcomeOf(RandomStreams.toUnitDouble(at - (1L << 11))), t.sample(at - (1L << 11)),
                    "below P(X <= " + k + ")");
        }
    }

    /** A table without its guide draws exactly what the guided one does: the guide only shortens the search. */
    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.023, 0.5, 2.0, 7.5, 500.0})
    void aTableWithoutItsGuideDrawsTheSameOutcomes(double mean) {
        GuideTable guided = GuideTable.poisson(mean, true);
        GuideTable plain = GuideTable.poisson(mean, false);
        SplitMixRandom rng = RandomStreams.of(3, Purpose.POISSON_INPUT, 0);
        for (int i = 0; i < 200_000; i++) {
            long random = rng.nextLong();
            assertEquals(guided.sample(random), plain.sample(random), "random " + random);
        }
        for (long random : new long[] {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE}) {
            assertEquals(guided.sample(random), plain.sample(random), "random " + random);
        }
    }
}
