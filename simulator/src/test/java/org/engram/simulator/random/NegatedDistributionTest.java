package org.engram.simulator.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.EnumeratedRealDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

/** Inhibitory weights of lognormal magnitudes: the distribution of -X for lognormal X. */
class NegatedDistributionTest {
    /**
     * Lognormal(scale -1, shape 0.5) negated: every draw below 0, the mean -exp(mu + s^2 / 2) within
     * 5 standard errors, the variance and the support mirrored, F(x) = 1 - F_X(-x), f(x) = f_X(-x).
     */
    @Test
    void drawsAreTheBasesNegatives() {
        LogNormalDistribution x = new LogNormalDistribution(null, -1, 0.5);
        NegatedDistribution d = new NegatedDistribution(new LogNormalDistribution(new SplitMixRandom(5), -1, 0.5));
        double mean = -Math.exp(-1 + 0.125);
        double sd = Math.sqrt(x.getNumericalVariance());
        int n = 200_000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double w = d.sample();
            assertTrue(w < 0, "draw " + i + ": " + w);
            sum += w;
        }
        assertEquals(mean, sum / n, 5 * sd / Math.sqrt(n));
        assertEquals(mean, d.getNumericalMean(), 1e-12);
        assertEquals(x.getNumericalVariance(), d.getNumericalVariance());
        assertEquals(Double.NEGATIVE_INFINITY, d.getSupportLowerBound());
        assertEquals(-0.0, d.getSupportUpperBound());
        assertEquals(1 - x.cumulativeProbability(0.3), d.cumulativeProbability(-0.3), 1e-15);
        assertEquals(x.density(0.3), d.density(-0.3));
        assertEquals(0.0, d.density(0.3));
        // The median of -X is minus the median of X, exp(mu).
        assertEquals(-Math.exp(-1), d.inverseCumulativeProbability(0.5), 1e-9);
    }

    /** A base with point masses: P(-X <= -1) = P(X >= 1) = 1 for X = 1 or 2, each with probability 1/2. */
    @Test
    void theDistributionFunctionCountsABasesPointMass() {
        NegatedDistribution d = new NegatedDistribution(new EnumeratedRealDistribution(new double[] {1, 2}));
        assertEquals(0.0, d.cumulativeProbability(-2.5));
        assertEquals(0.5, d.cumulativeProbability(-2));
        assertEquals(0.5, d.cumulativeProbability(-1.5));
        assertEquals(1.0, d.cumulativeProbability(-1));
        assertEquals(0.5, d.probability(-2));
        assertEquals(0.0, d.probability(2));
    }

    /** An inhibitory projection takes the negated distribution, which it refused un-negated. */
    @Test
    void anInhibitoryProjectionDrawsItsWeightsFromIt() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(2);
        Population<?, ?> p = b.population("p", 50, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("inh", p, p, Rules.fixedInDegree(10),
                Synapses.inhibitory(0).weights(new NegatedDistribution(new LogNormalDistribution(0, 0.5))));
        Network net = b.build();
        Projection inh = net.projections().get(0);
        assertEquals(500, inh.weights().length);
        for (float w : inh.weights()) {
            assertTrue(w < 0, "weight " + w);
        }
    }
}
