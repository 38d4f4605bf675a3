package org.engram.simulator.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * A white-noise current drives a LIF neuron held below threshold: the potential's mean is
 * {@code R mean} and its stationary standard deviation {@code R std sqrt((1 - a) / (1 + a))},
 * {@code a = exp(-dt / tau_m)}, the exact solution of the step-wise integration.
 */
class NoiseCurrentTest {
    private static final double TAU_M = 20;
    private static final double C_M = 250;
    private static final int N = 200;

    private static Network network(long seed) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(seed);
        // Threshold far above the noise: the potential is never reset.
        Population<?, ?> p = b.population("a", N, LifDelta.MODEL, new LifDelta.Params(TAU_M, C_M, 0, 1000, 0, 2, 0));
        b.noise(new NoiseCurrent(p, null, 100, 500));
        return b.build();
    }

    /** Each neuron's potential at the end of runs of the given lengths, with the given threads. */
    private static double[] finalPotentials(Network net, int threads, double... runsMs) {
        for (double ms : runsMs) {
            try (Engine e = new Engine(net, EngineOptions.grid(threads).withMinParallelNeuronSteps(0))) {
                e.run(ms);
            }
        }
        return net.populations().get(0).values("v").clone();
    }

    @Test
    void thePotentialHasTheMeanAndSpreadOfTheDiscreteSolution() {
        Network net = network(3);
        int[] all = new int[N];
        for (int i = 0; i < N; i++) {
            all[i] = i;
        }
        double sum = 0;
        double squares = 0;
        long count = 0;
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            StateRecorder r = e.recordState(net.populations().get(0), "v", all, 1.0);
            e.run(2200);
            for (int k = 0; k < N; k++) {
                double[] trace = r.trace(k);
                for (int s = 200; s < trace.length; s++) {   // after 10 time constants
                    sum += trace[s];
                    squares += trace[s] * trace[s];
                    count++;
                }
            }
        }
        double mean = sum / count;
        double sd = Math.sqrt(squares / count - mean * mean);
        double resistance = TAU_M / C_M;   // mV per pA
        double a = Math.exp(-0.1 / TAU_M);
        // 200 neurons x 2,000 samples 1 ms apart, correlated over 20 ms: some 20,000 independent
        // samples, so 2% on the mean's scale (the sd) and 3% on the sd keep far from chance.
        assertEquals(resistance * 100, mean, 0.02 * 2.0);
        assertEquals(resistance * 500 * Math.sqrt((1 - a) / (1 + a)), sd, 0.03 * 2.0);
    }

    /** The same seed gives the same noise whatever the threads, and a later engine goes on with it. */
    @Test
    void theNoiseIsTheSeedsAloneAndGoesOnAcrossEngines() {
        double[] one = finalPotentials(network(5), 1, 50);
        assertArrayEquals(one, finalPotentials(network(5), 2, 50));
        assertArrayEquals(one, finalPotentials(network(5), 2, 20, 30), "two engines of 20 and 30 ms, one of 50");
        assertArrayEquals(one, finalPotentials(network(5), 1, 10, 15, 25), "three engines");
        assertTrue(one[0] != finalPotentials(network(6), 1, 50)[0], "another seed, another noise");
    }

    /**
     * Noise into chosen neurons gives each of them the noise it gets when every neuron is driven
     * (its stream is keyed by its index in the population) and the others none, for one thread and
     * for two that split the population between them, whose boundary a chosen neuron lies on.
     */
    @Test
    void chosenNeuronsReceiveTheirOwnNoiseAndTheOthersNone() {
        int[] chosen = {0, 1, 2, 3, 4, 5, 6};
        for (int threads = 1; threads <= 2; threads++) {
            double[][] v = new double[2][];
            for (int k = 0; k < 2; k++) {
                NetworkBuilder b = new NetworkBuilder(0.1).seed(4);
                Population<?, ?> p = b.population("a", 8, LifDelta.MODEL,
                        new LifDelta.Params(TAU_M, C_M, 0, 1000, 0, 2, 0));
                b.noise(new NoiseCurrent(p, k == 0 ? null : chosen, 100, 500));
                v[k] = finalPotentials(b.build(), threads, 5);
            }
            for (int i : chosen) {
                assertEquals(v[0][i], v[1][i], "neuron " + i + ", threads " + threads);
                assertTrue(v[1][i] != 0, "neuron " + i + " is driven");
            }
            assertEquals(0.0, v[1][7], "neuron 7 is not chosen");
        }
    }

    /**
     * Two noise sources on the same neurons draw independent noise (their streams are keyed by the
     * source): without a threshold the potential is linear in the current, so a second source adds
     * a potential whose correlation with the first's over 200 neurons has a standard error of
     * 1 / sqrt(200) = 0.07; it stays below 0.35 (5 standard errors) unless the two draw alike (1).
     */
    @Test
    void twoSourcesDrawIndependentNoise() {
        double[][] v = new double[2][];
        for (int sources = 1; sources <= 2; sources++) {
            NetworkBuilder b = new NetworkBuilder(0.1).seed(8);
            Population<?, ?> p = b.population("a", N, LifDelta.MODEL,
                    new LifDelta.Params(TAU_M, C_M, 0, 1000, 0, 2, 0));
            for (int k = 0; k < sources; k++) {
                b.noise(new NoiseCurrent(p, null, 0, 500));
            }
            v[sources - 1] = finalPotentials(b.build(), 1, 50);
        }
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < N; i++) {
            double x = v[0][i];
            double y = v[1][i] - v[0][i];
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }
        double correlation = (sxy - sx * sy / N) / Math.sqrt((sxx - sx * sx / N) * (syy - sy * sy / N));
        assertTrue(Math.abs(correlation) < 0.35, "correlation " + correlation);
    }

    /** The checked neuron list is the input's own: an edit of what neurons() gave gave a neuron the noise twice. */
    @Test
    void itsNeuronsCannotBeChangedFromOutside() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("a", 4, LifDelta.MODEL, LifDelta.MODEL.defaults());
        NoiseCurrent noise = new NoiseCurrent(p, new int[] {0, 1}, 0, 10);
        noise.neurons()[1] = 0;
        assertArrayEquals(new int[] {0, 1}, noise.neurons());
    }

    @Test
    void badValuesAreRefused() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("a", 3, LifDelta.MODEL, LifDelta.MODEL.defaults());
        assertThrows(ParameterException.class, () -> new NoiseCurrent(p, null, 0, -1));
        assertThrows(ParameterException.class, () -> new NoiseCurrent(p, null, Double.NaN, 1));
        assertThrows(ParameterException.class, () -> new NoiseCurrent(p, new int[] {3}, 0, 1));
    }
}
