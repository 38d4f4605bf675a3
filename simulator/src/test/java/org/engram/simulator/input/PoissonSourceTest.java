package org.engram.simulator.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code poisson_source} in grid mode emits a Poisson number of spikes per step, of mean
 * {@code rate dt}, drawn by inversion of the uniform number that decided a spike when a source fired
 * at most once per step; precise mode draws exponential intervals.
 */
class PoissonSourceTest {
    private static final double DT_MS = 0.1;
    private static final long SEED = 5;

    /** The spikes per neuron and step of a grid run of {@code neurons} sources for {@code steps} steps. */
    private static int[][] gridCounts(double rateHz, int neurons, int steps, int threads) {
        NetworkBuilder b = new NetworkBuilder(DT_MS).seed(SEED);
        Population<?, ?> src = b.population("src", neurons, PoissonSource.MODEL, new PoissonSource.Params(rateHz));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(threads).withMinParallelNeuronSteps(0))) {
            SpikeRecorder r = e.recordSpikes(src);
            e.run(steps * DT_MS);
            int[][] counts = new int[neurons][steps];
            for (int k = 0; k < r.count(); k++) {
                // A spike of step s carries the step's end, (s + 1) dt.
                counts[r.neuron(k)][(int) Math.round(r.timeMs(k) / DT_MS) - 1]++;
            }
            return counts;
        }
    }

    /** The uniform number neuron {@code i} (network-wide index) draws in grid step {@code s}. */
    private static double uniform(int i, int s) {
        long start = RandomStreams.streamState(SEED, Purpose.POISSON_SOURCE, i);
        return RandomStreams.toUnitDouble(RandomStreams.mix(start + (s + 1) * RandomStreams.GAMMA));
    }

    /**
     * Mean and variance of the count per step are both {@code rate dt} (2 and 5 here; a source that
     * fired at most once per step had a mean of 0.86 and 0.99). Over n = 200,000 draws the sample
     * mean has standard deviation {@code sqrt(lambda / n)} and the sample variance
     * {@code sqrt((mu4 - sigma^4) / n) = sqrt((lambda + 2 lambda^2) / n)} (Poisson: {@code mu4 =
     * lambda + 3 lambda^2}); each is checked within 5 of them (normal approximation: a false failure
     * below 6e-7 per check; the seed is fixed).
     */
    @ParameterizedTest
    @ValueSource(doubles = {20_000, 50_000})
    void countPerStepHasMeanAndVarianceRateTimesDt(double rateHz) {
        int neurons = 200;
        int steps = 1000;
        int[][] counts = gridCounts(rateHz, neurons, steps, 2);
        double lambda = rateHz / 1000 * DT_MS;
        long n = (long) neurons * steps;
        double sum = 0;
        double sumSquares = 0;
        for (int[] row : counts) {
            for (int c : row) {
                sum += c;
                sumSquares += (double) c * c;
            }
        }
        double mean = sum / n;
        double variance = (sumSquares - n * mean * mean) / (n - 1);
        double meanSd = Math.sqrt(lambda / n);
        double varianceSd = Math.sqrt((lambda + 2 * lambda * lambda) / n);
        assertEquals(lambda, mean, 5 * meanSd, "mean count per step");
        assertEquals(lambda, variance, 5 * varianceSd, "variance of the count per step");
    }

    /**
     * Every step's count is the inverse of the Poisson distribution (commons-math3's) at the step's
     * uniform number, counted from the top: the number of {@code k} with {@code u < 1 - F(k)}. A
     * number within rounding of a boundary could tell the two apart, about 1e-15 of draws.
     */
    @Test
    void countIsThePoissonInverseOfTheStepsUniformNumber() {
        int neurons = 20;
        int steps = 2000;
        double rateHz = 20_000;
        int[][] counts = gridCounts(rateHz, neurons, steps, 3);
        PoissonDistribution poisson = new PoissonDistribution(rateHz / 1000 * DT_MS);
        int several = 0;
        for (int i = 0; i < neurons; i++) {
            for (int s = 0; s < steps; s++) {
                double u = uniform(i, s);
                int expected = 0;
                while (u < 1 - poisson.cumulativeProbability(expected)) {
                    expected++;
                }
                assertEquals(expected, counts[i][s], "neuron " + i + ", step " + s + ", u = " + u);
                several += expected >= 2 ? 1 : 0;
            }
        }
        // P(N >= 2) = 1 - 3 exp(-2) = 0.59 of 40,000 steps.
        assertTrue(several > 20_000, "steps with several spikes: " + several);
    }

    /**
     * A step has spikes exactly when the rule of one spike at most per step, {@code u < 1 -
     * exp(-rate dt)} with {@code 1 - exp} by {@code expm1} (computed here from each neuron's stream),
     * fired: at 10 Hz no step of these 500,000 has two spikes (a chance of 5e-7 each), and the train
     * is that rule's, bit for bit; at 1 kHz and 20 kHz the steps with spikes are that rule's.
     */
    @ParameterizedTest
    @ValueSource(doubles = {10, 1000, 20_000})
    void stepsWithSpikesAreThoseOfTheOneSpikePerStepRule(double rateHz) {
        int neurons = 50;
        int steps = 10_000;
        int[][] counts = gridCounts(rateHz, neurons, steps, 2);
        double p = -StrictMath.expm1(-rateHz / 1000.0 * DT_MS);
        long extra = 0;
        for (int i = 0; i < neurons; i++) {
            for (int s = 0; s < steps; s++) {
                boolean fired = uniform(i, s) < p;
                assertEquals(fired, counts[i][s] > 0, "neuron " + i + ", step " + s);
                extra += Math.max(0, counts[i][s] - 1);
            }
        }
        if (rateHz == 10) {
            assertEquals(0, extra, "spikes beyond one per step at 10 Hz");
        }
    }

    /**
     * Precise mode, which this change leaves alone: spikes at the sums of exponential intervals
     * {@code -log(1 - u) / rate}, each from the neuron's next uniform number, from time 0.
     */
    @Test
    void preciseModeSpikesAtExponentialIntervalsOfTheStream() {
        int neurons = 5;
        double rateHz = 20_000;
        NetworkBuilder b = new NetworkBuilder(DT_MS).seed(SEED);
        Population<?, ?> src = b.population("src", neurons, PoissonSource.MODEL, new PoissonSource.Params(rateHz));
        try (Engine e = new Engine(b.build(), EngineOptions.precise(1))) {
            SpikeRecorder r = e.recordSpikes(src);
            e.run(10);
            for (int i = 0; i < neurons; i++) {
                double[] times = r.timesOf(i);
                long stream = RandomStreams.streamState(SEED, Purpose.POISSON_SOURCE, i);
                double[] expected = new double[times.length];
                double t = 0;
                for (int k = 0; k < expected.length; k++) {
                    stream += RandomStreams.GAMMA;
                    double u = RandomStreams.toUnitDouble(RandomStreams.mix(stream));
                    t += -StrictMath.log1p(-u) / (rateHz / 1000.0);
                    expected[k] = t;
                }
                assertTrue(t <= 10 && times.length > 150, "neuron " + i + ": " + times.length + " spikes");
                assertArrayEquals(expected, times, 0.0, "neuron " + i);
            }
        }
    }

    /**
     * The table of counts holds the Poisson tail {@code P(N > k)} (commons-math3's probabilities,
     * summed from the far end) to a relative 1e-13 (a sum of positive terms, each within a few ulps)
     * and the 2^-64 it leaves out, far below the 2^-53 between uniform numbers; it starts at
     * {@code 1 - exp(-mean)} by {@code expm1} itself, never rises and ends in 0.
     */
    @ParameterizedTest
    @ValueSource(doubles = {1e-6, 1e-3, 0.5, 2, 5, 50, 700})
    void tableIsThePoissonTail(double mean) {
        double[] tail = PoissonSource.countTail(mean);
        assertEquals(-StrictMath.expm1(-mean), tail[0], 0.0, "P(N > 0)");
        assertEquals(0.0, tail[tail.length - 1], 0.0, "the sentinel");
        PoissonDistribution poisson = new PoissonDistribution(null, mean, PoissonDistribution.DEFAULT_EPSILON,
                PoissonDistribution.DEFAULT_MAX_ITERATIONS);
        int far = (int) (mean + 40 * Math.sqrt(mean) + 40);
        for (int k = 1; k < tail.length; k++) {
            assertTrue(tail[k] <= tail[k - 1], "rises at " + k);
            double expected = 0;
            for (int j = far; j > k; j--) {
                expected += poisson.probability(j);
            }
            // The table leaves out terms past those that hold 2^-64 of probability.
            assertEquals(expected, tail[k], 1e-13 * expected + 0x1.0p-64, "P(N > " + k + ")");
        }
    }

    /**
     * A mean past 700 spikes per step (8 MHz at dt = 0.1 ms) is refused in either mode. Precise mode had no bound
     * but the engine's of 1,000 spikes of one neuron in a step, whose message spoke of refractory periods, and a
     * Poisson input into a neuron none at all: a rate mistyped as 1e12 Hz ran for hours.
     */
    @Test
    void refusesMoreThan700SpikesPerStepInEitherMode() {
        String refusal = "expected at most 700.0 events per step on average, i.e. 7000000.0 Hz at dt = 0.1 ms, found"
                + " 8000000.0";
        for (EngineOptions mode : List.of(EngineOptions.grid(1), EngineOptions.precise(1))) {
            NetworkBuilder b = new NetworkBuilder(DT_MS);
            b.population("src", 1, PoissonSource.MODEL, new PoissonSource.Params(8e6));
            ParameterException e = assertThrows(ParameterException.class, () -> new Engine(b.build(), mode).close());
            assertEquals("poisson_source: rate_hz: " + refusal, e.getMessage());
            NetworkBuilder driven = new NetworkBuilder(DT_MS);
            Population<?, ?> cells = driven.population("cells", 2, LifDelta.MODEL, LifDelta.MODEL.defaults());
            driven.poissonInput(new PoissonInput(cells, 8e6, 0.01, Receptor.EXCITATORY));
            ParameterException input = assertThrows(ParameterException.class,
                    () -> new Engine(driven.build(), mode).close());
            assertEquals("poisson input to 'cells': rate_hz: " + refusal, input.getMessage());
        }
        NetworkBuilder atTheBound = new NetworkBuilder(DT_MS);
        atTheBound.population("src", 1, PoissonSource.MODEL, new PoissonSource.Params(7e6));
        try (Engine engine = new Engine(atTheBound.build(), EngineOptions.precise(1))) {
            engine.run(DT_MS);
            assertTrue(engine.spikeCount() > 600, "spikes: " + engine.spikeCount());
        }
    }
}
