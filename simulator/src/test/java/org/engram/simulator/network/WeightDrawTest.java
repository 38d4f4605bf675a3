package org.engram.simulator.network;

import static org.engram.simulator.network.Networks.within;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Weights and delays drawn from commons-math3 distributions have the distribution's moments.
 * Bounds are 5 standard errors (two-sided normal false-failure 5.7e-7 per check; n is in the
 * thousands, so the sample mean is normal to good accuracy by the central limit theorem).
 */
class WeightDrawTest {
    private static final int N = 300;
    private static final int K = 40;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void normalWeightsHaveTheRightMeanAndVariance(long seed) {
        double mu = 1.0;
        double sigma = 0.1;
        // mu is 10 sigma above 0, so no draw fails the excitatory sign check (P < 1e-23 per draw).
        Projection p = within(seed, N, Rules.fixedInDegree(K),
                Synapses.excitatory(0).weights(new NormalDistribution(mu, sigma)));
        float[] w = p.weights();
        int n = w.length;
        double sum = 0;
        for (float x : w) {
            sum += x;
        }
        double mean = sum / n;
        double ss = 0;
        for (float x : w) {
            ss += (x - mean) * (x - mean);
        }
        double variance = ss / (n - 1);
        // Standard error of the mean: sigma / sqrt(n) = 0.1 / sqrt(12000) = 9.1e-4. Float storage
        // adds at most 6e-8 relative error per weight, far below it.
        assertTrue(Math.abs(mean - mu) <= 5 * sigma / Math.sqrt(n), "mean " + mean);
        // For normal samples Var(s^2) = 2 sigma^4 / (n - 1), so sd(s^2) = 1.3e-4 at n = 12000.
        assertTrue(Math.abs(variance - sigma * sigma) <= 5 * sigma * sigma * Math.sqrt(2.0 / (n - 1)),
                "variance " + variance);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void uniformDelaysRoundToStepsWithTheRightMean(long seed) {
        // U(1, 3) ms at dt = 0.1 ms is U(10, 30) steps; rounding to the nearest step is symmetric
        // about 20, so the mean stays 20 steps, and the sd is about 20 / sqrt(12) = 5.8 steps
        // (rounding adds 1/12 step^2 of variance). Standard error over 12000 delays: 0.053 steps.
        Projection p = within(seed, N, Rules.fixedInDegree(K),
                Synapses.excitatory(0.1).delays(new UniformRealDistribution(1, 3)));
        short[] d = p.delays();
        double sum = 0;
        for (short x : d) {
            sum += x;
        }
        double mean = sum / d.length;
        double se = Math.sqrt(400.0 / 12 + 1.0 / 12) / Math.sqrt(d.length);
        assertTrue(Math.abs(mean - 20) <= 5 * se, "mean delay " + mean + " steps");
    }
}
