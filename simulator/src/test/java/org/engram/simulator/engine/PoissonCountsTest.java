package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * Grid-mode Poisson counts step by step, logged as the input of every neuron at every step (weight
 * 1, so the input is the count): their mean is {@code rate * dt * steps}, and the counts of
 * different neurons are uncorrelated, in the same step and one step apart.
 */
class PoissonCountsTest {
    private static final double DT = 0.1;
    private static final int NEURONS = 100;
    private static final int STEPS = 2000;
    /** 1 kHz: a mean of 0.1 events per step. */
    private static final double RATE_HZ = 1000;

    /** {@code counts[step][neuron]} of one fixed-seed run. */
    private static double[][] counts() {
        NetworkBuilder b = new NetworkBuilder(DT).seed(21);
        Population<InputLog.Params, InputLog.State> log = b.population("log", NEURONS, InputLog.MODEL,
                new InputLog.Params(STEPS));
        b.poissonInput(log, RATE_HZ, 1.0, Receptor.EXCITATORY);
        try (Engine e = new Engine(b.build(), EngineOptions.grid(2).withMinParallelNeuronSteps(0))) {
            e.run(STEPS * DT);
        }
        return log.state().excitatory;
    }

    @Test
    void countsHaveTheMeanRateTimesDtTimesSteps() {
        double[][] c = counts();
        double mean = RATE_HZ / 1000 * DT * STEPS;   // 200 per neuron
        long total = 0;
        for (int i = 0; i < NEURONS; i++) {
            long n = 0;
            for (int s = 0; s < STEPS; s++) {
                assertEquals(Math.rint(c[s][i]), c[s][i], 0.0, "a whole count");
                n += (long) c[s][i];
            }
            // One neuron's count is Poisson(200), sd 14.1: 5 sd out has a chance under 1e-5 for the 100.
            assertEquals(mean, n, 5 * Math.sqrt(mean), "neuron " + i);
            total += n;
        }
        // The total is Poisson(20,000), sd 141: within 5 sd (a chance of 6e-7 outside).
        assertEquals(NEURONS * mean, total, 5 * Math.sqrt(NEURONS * mean));
    }

    /**
     * Neighbouring neurons' step counts (lag 0), and each one's against the other's a step later or
     * earlier (lags of 1 and -1, where streams that were one counter step apart would correlate
     * fully), have sample correlations of sd about 1 / sqrt(2,000) = 0.022 if independent. Each of the
     * 99 pairs must stay within 5 sd (a chance of 6e-5 outside over the 297), and their mean, of sd
     * 0.022 / sqrt(99) = 0.0022, within 5 of those.
     */
    @Test
    void countsOfDifferentNeuronsAreUncorrelated() {
        double[][] c = counts();
        for (int lag = -1; lag <= 1; lag++) {
            double sum = 0;
            for (int i = 0; i + 1 < NEURONS; i++) {
                double r = correlation(c, i, i + 1, lag);
                assertTrue(Math.abs(r) < 5 / Math.sqrt(STEPS), "neurons " + i + ", " + (i + 1) + ", lag " + lag
                        + ": correlation " + r);
                sum += r;
            }
            double meanR = sum / (NEURONS - 1);
            assertTrue(Math.abs(meanR) < 5 / Math.sqrt(STEPS * (NEURONS - 1.0)), "lag " + lag + ": " + meanR);
        }
    }

    /** The sample correlation of neuron {@code a}'s counts at steps s and {@code b}'s at s + lag. */
    private static double correlation(double[][] c, int a, int b, int lag) {
        int from = Math.max(0, -lag);
        int to = Math.min(STEPS, STEPS - lag);
        int n = to - from;
        double ma = 0;
        double mb = 0;
        for (int s = from; s < to; s++) {
            ma += c[s][a];
            mb += c[s + lag][b];
        }
        ma /= n;
        mb /= n;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int s = from; s < to; s++) {
            double da = c[s][a] - ma;
            double db = c[s + lag][b] - mb;
            ab += da * db;
            aa += da * da;
            bb += db * db;
        }
        return ab / Math.sqrt(aa * bb);
    }
}
