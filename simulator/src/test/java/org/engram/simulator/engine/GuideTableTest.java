package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;
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
        double referenceCumulative = 0;
        for (int k = 0; k < t.size(); k++) {
            total += t.probability(k);
            // Summed from the mass function: the reference's own CDF (a regularised gamma function) is
            // off by 1.5e-12 at a mean of 700.
            referenceCumulative += reference.probability(k);
            // The table is exact up to the construction's rounding (a few ulps of each of up to
            // ~1000 terms) and the 1e-16 tail cut.
            assertEquals(reference.probability(k), t.probability(k), 1e-12, "P(" + k + ")");
            assertEquals(referenceCumulative, t.cumulative(k), 1e-12, "P(X <= " + k + ")");
        }
        assertEquals(1.0, total, 1e-12);
        // The cut drops a tail of at most 1e-16; 1e-14 leaves room for the reference's own rounding.
        assertTrue(reference.cumulativeProbability(t.size() - 1) > 1 - 1e-14, "kept " + t.size() + " outcomes");
    }

    /**
     * The cut as documented, evaluated with the reference mass function: the table ends at the first
     * outcome {@code n} past the mean whose tail bound {@code p_n / (1 - mean / (n + 1))} is at most
     * 1e-16, so the bound of the last kept outcome is above it and the dropped tail (summed from the
     * reference) is at most 1e-16. The margin of 1e-9 relative covers the rounding of up to ~1000
     * recurrence terms (a few ulps each) and of the reference. Many means (0.01 to 700, 4% apart)
     * because a bound off by a term's index ({@code mean / k} for {@code mean / (k + 1)}) moves the
     * cut only for the few means whose last term lies within a percent of the cut.
     */
    @Test
    void theTableEndsWhereTheTailBoundFirstFallsBelowTheCut() {
        for (double mean = 0.01; mean <= GuideTable.MAX_POISSON_MEAN; mean *= 1.04) {
            assertCutAsDocumented(mean);
        }
        assertCutAsDocumented(GuideTable.MAX_POISSON_MEAN);
    }

    private static void assertCutAsDocumented(double mean) {
        GuideTable t = GuideTable.poisson(mean, false);
        PoissonDistribution reference = new PoissonDistribution(mean);
        int n = t.size();
        assertTrue(n > mean, "the table reaches past the mean: " + n);
        double cutBound = reference.probability(n) / (1 - mean / (n + 1));
        assertTrue(cutBound <= 1e-16 * (1 + 1e-9), () -> "bound at the cut " + cutBound + ", mean " + mean);
        if (n - 1 > mean) {
            double keptBound = reference.probability(n - 1) / (1 - mean / n);
            assertTrue(keptBound > 1e-16 * (1 - 1e-9), () -> "bound of the last kept " + keptBound + ", mean " + mean);
        }
        double tail = 0;
        for (int k = n; k < n + 1000; k++) {
            tail += reference.probability(k);
        }
        double dropped = tail;
        assertTrue(dropped <= 1e-16 * (1 + 1e-9), () -> "dropped tail " + dropped + ", mean " + mean);
    }

    /**
     * A uniform number equal to a cumulative probability {@code P(X <= k)} is not below it, so its
     * outcome is the first whose cumulative probability exceeds it (the definition applied by a
     * scan here), for the guided table, the plain search and the bisection of a table without guide.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.023, 0.5, 2.0, 7.5, 500.0})
    void aNumberEqualToACumulativeProbabilityGoesToTheNextOutcome(double mean) {
        GuideTable guided = GuideTable.poisson(mean, true);
        GuideTable plain = GuideTable.poisson(mean, false);
        int ties = 0;
        for (int k = 0; k < guided.size() - 1; k++) {
            double c = guided.cumulative(k);
            long random = (long) (c * 0x1.0p53) << 11;
            if (RandomStreams.toUnitDouble(random) != c) {
                continue;   // below 0.5 a cumulative probability may be no multiple of 2^-53
            }
            ties++;
            int expected = k + 1;
            while (guided.cumulative(expected) <= c) {
                expected++;
            }
            assertEquals(expected, guided.outcomeOf(c), "search at P(X <= " + k + ")");
            assertEquals(expected, guided.sample(random), "guided draw at P(X <= " + k + ")");
            assertEquals(expected, plain.sample(random), "bisection at P(X <= " + k + ")");
        }
        assertTrue(ties > 0, "no cumulative probability was a 53-bit number");
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
