package org.engram.simulator.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.EnumeratedRealDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

class TruncatedDistributionTest {

    /**
     * Normal(0.5, 0.3) from 0 up: every draw at least 0, with the mean of the truncated normal,
     * mu + sigma phi(a) / (1 - Phi(a)) with a = (0 - mu) / sigma = 0.5313, within 5 standard errors.
     */
    @Test
    void drawsFollowTheDistributionConditionedOnTheInterval() {
        NormalDistribution standard = new NormalDistribution(null, 0, 1);
        double a = -0.5 / 0.3;
        double expected = 0.5 + 0.3 * standard.density(a) / (1 - standard.cumulativeProbability(a));
        TruncatedDistribution d = new TruncatedDistribution(new NormalDistribution(new SplitMixRandom(3), 0.5, 0.3),
                0, Double.POSITIVE_INFINITY);
        int n = 200_000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double x = d.sample();
            assertTrue(x >= 0, "draw " + i + ": " + x);
            sum += x;
        }
        assertEquals(expected, sum / n, 5 * 0.3 / Math.sqrt(n));
        assertEquals(0.0, d.getSupportLowerBound());
        assertEquals(0.0, d.cumulativeProbability(0));
        assertEquals(1.0, d.cumulativeProbability(Double.POSITIVE_INFINITY));
        // The density is the base's scaled by the interval's probability.
        assertEquals(new NormalDistribution(null, 0.5, 0.3).density(0.7) / (1 - standard.cumulativeProbability(a)),
                d.density(0.7), 1e-12);
        assertEquals(0.0, d.density(-0.1));
    }

    /** Reseeded alike, it draws alike: the builder's streams per neuron stay deterministic. */
    @Test
    void reseedingRepeatsTheDraws() {
        TruncatedDistribution d = new TruncatedDistribution(new ExponentialDistribution(new SplitMixRandom(0), 1.0),
                0.1, 2.0);
        double[][] draws = new double[2][50];
        for (double[] row : draws) {
            d.reseedRandomGenerator(42);
            for (int i = 0; i < row.length; i++) {
                row[i] = d.sample();
                assertTrue(row[i] >= 0.1 && row[i] <= 2.0, String.valueOf(row[i]));
            }
        }
        assertArrayEquals(draws[0], draws[1]);
    }

    @Test
    void boundsThatLeaveTooLittleAreRefused() {
        NormalDistribution base = new NormalDistribution(new SplitMixRandom(0), 0.5, 0.3);
        assertThrows(ParameterException.class, () -> new TruncatedDistribution(base, 1, 1));
        assertThrows(ParameterException.class, () -> new TruncatedDistribution(base, Double.NaN, 1));
        ParameterException far = assertThrows(ParameterException.class,
                () -> new TruncatedDistribution(base, 5, Double.POSITIVE_INFINITY));
        assertTrue(far.getMessage().contains("at least 0.001 of the distribution's probability"), far.getMessage());
    }

    /** Excitatory weights drawn from a normal reaching below 0 build when bounded at 0; unbounded, they are refused. */
    @Test
    void boundedWeightsKeepTheirReceptorsSign() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(7);
        Population<?, ?> p = b.population("p", 100, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("pp", p, p, Rules.fixedInDegree(20), Synapses.excitatory(0).weights(new TruncatedDistribution(
                new NormalDistribution(new SplitMixRandom(0), 0.1, 0.1), 0, Double.POSITIVE_INFINITY)));
        float[] w = b.build().projection("pp").weights();
        assertEquals(2000, w.length);
        for (float x : w) {
            assertTrue(x >= 0, String.valueOf(x));
        }
        NetworkBuilder c = new NetworkBuilder(0.1).seed(7);
        Population<?, ?> q = c.population("p", 100, LifDelta.MODEL, LifDelta.MODEL.defaults());
        c.connect("pp", q, q, Rules.fixedInDegree(20), Synapses.excitatory(0).weights(
                new NormalDistribution(new SplitMixRandom(0), 0.1, 0.1)));
        assertThrows(ParameterException.class, c::build);
    }

    /**
     * Between finite bounds the distribution is the base conditioned on the interval: for the
     * standard normal on [-1, 2], {@code F(x) = (Phi(x) - Phi(-1)) / (Phi(2) - Phi(-1))}, its density
     * the base's over the same mass, the bounds included, and its support the interval.
     */
    @Test
    void finiteBoundsConditionTheCumulativeProbabilityAndTheSupport() {
        NormalDistribution standard = new NormalDistribution(null, 0, 1);
        double mass = standard.cumulativeProbability(2) - standard.cumulativeProbability(-1);
        TruncatedDistribution d = new TruncatedDistribution(new NormalDistribution(new SplitMixRandom(1), 0, 1), -1, 2);
        assertEquals((standard.cumulativeProbability(0.5) - standard.cumulativeProbability(-1)) / mass,
                d.cumulativeProbability(0.5), 1e-12);
        assertEquals(0.0, d.cumulativeProbability(-1), 1e-15);
        assertEquals(1.0, d.cumulativeProbability(2));
        assertEquals(standard.density(-1) / mass, d.density(-1), 1e-12);
        assertEquals(standard.density(2) / mass, d.density(2), 1e-12);
        assertEquals(-1.0, d.getSupportLowerBound());
        assertEquals(2.0, d.getSupportUpperBound());
        ParameterException equal = assertThrows(ParameterException.class,
                () -> new TruncatedDistribution(new NormalDistribution(null, 0, 1), 1, 1));
        assertEquals("min, max", equal.location());
        assertEquals("1.0, 1.0", equal.found());
    }

    /**
     * The interval is closed, so a base's point mass at the lower bound is kept: for X = 1, 2 or 3, each
     * with probability 1/3, restricted to [1, 2], the draws are 1 and 2, each half the time, so
     * P(X <= 1 | 1 <= X <= 2) = 1/2 and P(X <= 2 | ...) = 1; and [1, 1.5] holds the point mass at 1, a
     * third of the probability, rather than none.
     */
    @Test
    void aPointMassAtTheLowerBoundIsInTheInterval() {
        TruncatedDistribution d = new TruncatedDistribution(new EnumeratedRealDistribution(new double[] {1, 2, 3}),
                1, 2);
        assertEquals(0.0, d.cumulativeProbability(0.5));
        assertEquals(0.5, d.cumulativeProbability(1), 1e-15);
        assertEquals(0.5, d.cumulativeProbability(1.5), 1e-15);
        assertEquals(1.0, d.cumulativeProbability(2));
        TruncatedDistribution one = new TruncatedDistribution(
                new EnumeratedRealDistribution(new SplitMixRandom(4), new double[] {1, 2, 3}, new double[] {1, 1, 1}),
                1, 1.5);
        assertEquals(1.0, one.cumulativeProbability(1), 1e-15);
        assertEquals(1.0, one.sample());
    }

    /**
     * Both bounds are drawn: X = 1, 2 or 3, each with probability 1/3, restricted to [1, 3] draws all
     * three in 300 draws (one missing has probability 3 (2/3)^300, about 1e-52), and restricted to
     * [1.5, 3] only 2 and 3.
     */
    @Test
    void theBoundsThemselvesAreDrawn() {
        EnumeratedRealDistribution base = new EnumeratedRealDistribution(new SplitMixRandom(8),
                new double[] {1, 2, 3}, new double[] {1, 1, 1});
        assertEquals(Set.of(1.0, 2.0, 3.0), draws(new TruncatedDistribution(base, 1, 3), 300));
        assertEquals(Set.of(2.0, 3.0), draws(new TruncatedDistribution(base, 1.5, 3), 300));
    }

    private static Set<Double> draws(TruncatedDistribution d, int n) {
        Set<Double> seen = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            seen.add(d.sample());
        }
        return seen;
    }

    /**
     * The least mass allowed, 0.1%, is allowed: the uniform on [0, 1] holds exactly 0.001 in [0, 0.001]
     * (F(x) = x, no rounding), and 0.000999 in [0, 0.000999], which is refused with the interval and its mass.
     */
    @Test
    void anIntervalHoldingExactlyTheLeastMassIsAllowed() {
        UniformRealDistribution base = new UniformRealDistribution(new SplitMixRandom(2), 0, 1);
        TruncatedDistribution d = new TruncatedDistribution(base, 0, 0.001);
        assertEquals(0.5, d.cumulativeProbability(0.0005), 1e-12);
        ParameterException less = assertThrows(ParameterException.class,
                () -> new TruncatedDistribution(base, 0, 0.000999));
        assertEquals("min, max", less.location());
        assertEquals("[0.0, 9.99E-4], holding 0.000999", less.found());
        assertTrue(less.expected().startsWith("an interval that holds at least 0.001 "), less.expected());
    }

    /**
     * A base whose draws never reach the interval its distribution function puts mass in (here one that
     * always draws 10, against a standard normal's [-1, 1]) ends in a user error rather than a hang, and
     * the number of draws the message tells is the number the base was asked for.
     */
    @Test
    void aBaseThatNeverLandsInTheIntervalEndsAfterTheDrawsTheMessageTells() {
        int[] asked = {0};
        NormalDistribution base = new NormalDistribution(null, 0, 1) {
            private static final long serialVersionUID = 1L;

            @Override
            public double sample() {
                asked[0]++;
                return 10;
            }
        };
        EngramException e = assertThrows(EngramException.class, () -> new TruncatedDistribution(base, -1, 1).sample());
        Matcher told = Pattern.compile("none in (\\d+) draws").matcher(e.getMessage());
        assertTrue(told.find(), e.getMessage());
        assertEquals(Integer.parseInt(told.group(1)), asked[0]);
        assertTrue(e.getMessage().contains("a draw in [-1.0, 1.0]"), e.getMessage());
    }

    /**
     * What the restricted distribution does not compute it says it does not (NaN, never a number that
     * looks like a mean); its bounds are included, and its support is one piece where the base's is.
     */
    @Test
    void momentsAreNotComputedAndTheSupportIsTheBasesWithinClosedBounds() {
        TruncatedDistribution d = new TruncatedDistribution(new NormalDistribution(null, 0, 1), -1, 2);
        assertTrue(Double.isNaN(d.getNumericalMean()));
        assertTrue(Double.isNaN(d.getNumericalVariance()));
        assertTrue(d.isSupportLowerBoundInclusive());
        assertTrue(d.isSupportUpperBoundInclusive());
        assertTrue(d.isSupportConnected());
        NormalDistribution gapped = new NormalDistribution(null, 0, 1) {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean isSupportConnected() {
                return false;
            }
        };
        assertFalse(new TruncatedDistribution(gapped, -1, 2).isSupportConnected());
        assertFalse(new NegatedDistribution(gapped).isSupportConnected());
    }
}
