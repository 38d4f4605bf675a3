package org.engram.simulator.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/** Rates set per neuron and changed between runs give the Bernoulli counts the grid rule predicts. */
class RatePoissonSourceTest {
    private static final double DT_MS = 0.5;
    private static final int N = 200;

    /** Number of spikes of neurons {@code [lo, hi)} among the recorder's spikes from index {@code from}. */
    private static int count(SpikeRecorder r, int from, int lo, int hi) {
        int[] neurons = r.neurons();
        int c = 0;
        for (int k = from; k < neurons.length; k++) {
            c += neurons[k] >= lo && neurons[k] < hi ? 1 : 0;
        }
        return c;
    }

    /**
     * Asserts a Binomial(trials, p) count: within 5 standard deviations of its mean (two-sided
     * false-failure probability below 6e-7 by the normal approximation; n p > 100 here).
     */
    private static void assertBinomial(int observed, long trials, double p) {
        double mean = trials * p;
        double sd = Math.sqrt(trials * p * (1 - p));
        assertTrue(Math.abs(observed - mean) < 5 * sd,
                "count " + observed + " vs expected " + mean + " +- " + 5 * sd);
    }

    @Test
    void countsFollowTheRatesInForceAndChangeBetweenRuns() {
        NetworkBuilder b = new NetworkBuilder(DT_MS).seed(11);
        Population<RatePoissonSource.Params, RatePoissonSource.State> in =
                b.population("in", N, RatePoissonSource.MODEL, new RatePoissonSource.Params(0));
        Network net = b.build();
        double[] rates = new double[N];
        Arrays.fill(rates, 0, N / 2, 50.0);
        in.state().setRates(rates);
        try (Engine e = new Engine(net, EngineOptions.grid(2))) {
            SpikeRecorder r = e.recordSpikes(in);
            e.run(1000);
            // 2000 steps, spike probability 1 - exp(-50 Hz * 0.5 ms) per step.
            assertBinomial(count(r, 0, 0, N / 2), (N / 2) * 2000L, -Math.expm1(-0.025));
            assertEquals(0, count(r, 0, N / 2, N), "neurons at rate 0 must stay silent");
            // Independent steps: an interval is exactly one step with probability p, two steps with (1 - p) p.
            int intervals = 0;
            int[] ofSteps = new int[3];
            for (int i = 0; i < N / 2; i++) {
                double[] t = r.timesOf(i);
                for (int k = 1; k < t.length; k++) {
                    int steps = (int) Math.round((t[k] - t[k - 1]) / DT_MS);
                    intervals++;
                    ofSteps[Math.min(steps, 2)] += steps <= 2 ? 1 : 0;
                }
            }
            double p = -Math.expm1(-0.025);
            assertBinomial(ofSteps[1], intervals, p);
            assertBinomial(ofSteps[2], intervals, (1 - p) * p);
            int before = r.count();
            Arrays.fill(rates, 0, N / 2, 0.0);
            Arrays.fill(rates, N / 2, N, 200.0);
            in.state().setRates(rates);
            e.run(500);
            assertEquals(0, count(r, before, 0, N / 2), "neurons set to rate 0 must stop");
            assertBinomial(count(r, before, N / 2, N), (N / 2) * 1000L, -Math.expm1(-0.1));
        }
    }

    /** Spike trains of neurons 100..199 after changing the rates of neurons 0..99, with some threads. */
    private static double[][] trainsAfterChange(int threads, double otherRateHz) {
        NetworkBuilder b = new NetworkBuilder(DT_MS).seed(5);
        Population<RatePoissonSource.Params, RatePoissonSource.State> in =
                b.population("in", N, RatePoissonSource.MODEL, new RatePoissonSource.Params(40));
        Network net = b.build();
        try (Engine e = new Engine(net, EngineOptions.grid(threads))) {
            SpikeRecorder r = e.recordSpikes(in);
            e.run(200);
            double[] rates = new double[N];
            Arrays.fill(rates, 0, N / 2, otherRateHz);
            Arrays.fill(rates, N / 2, N, 80);
            in.state().setRates(rates);
            e.run(200);
            double[][] trains = new double[N / 2][];
            for (int i = N / 2; i < N; i++) {
                trains[i - N / 2] = r.timesOf(i);
            }
            return trains;
        }
    }

    @Test
    void eachTrainDependsOnItsOwnRatesAloneForAnyThreadCount() {
        double[][] reference = trainsAfterChange(1, 0);
        assertTrue(Arrays.stream(reference).mapToInt(t -> t.length).sum() > 1000, "sources must be active");
        assertArrayEquals(reference, trainsAfterChange(2, 0));
        assertArrayEquals(reference, trainsAfterChange(3, 150));
    }

    @Test
    void settingValidRatesAllocatesNothingPerNeuron() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        NetworkBuilder b = new NetworkBuilder(DT_MS);
        var in = b.population("in", 784, RatePoissonSource.MODEL, new RatePoissonSource.Params(0));
        double[] rates = new double[784];
        Arrays.fill(rates, 63.75);
        in.state().setRates(rates);
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int k = 0; k < 1000; k++) {
            in.state().setRates(rates);   // once per image in a Diehl-Cook network
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // Nothing is needed; 64 KB leaves room for the JVM's own bookkeeping on this thread. Naming each
        // neuron's rate while checking it costs about 50 bytes x 784 x 1000 = 39 MB.
        assertTrue(allocated < 64 << 10, "allocated " + allocated + " bytes setting 784 rates 1000 times");
        assertArrayEquals(rates, in.state().values("rate"));
    }

    @Test
    void rejectsBadRatesAndKeepsTheOldOnes() {
        NetworkBuilder b = new NetworkBuilder(DT_MS);
        var in = b.population("in", 3, RatePoissonSource.MODEL, new RatePoissonSource.Params(7));
        ParameterException e = assertThrows(ParameterException.class,
                () -> in.state().setRates(new double[] {1, Double.NaN, 2}));
        assertEquals("rates[1]", e.location());
        assertEquals("NaN", e.found());
        for (double bad : new double[] {-1, -0.5e-300, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            ParameterException f = assertThrows(ParameterException.class,
                    () -> in.state().setRates(new double[] {1, 2, bad}));
            assertEquals("rates[2]", f.location(), "rate " + bad);
        }
        assertThrows(ParameterException.class, () -> in.state().setRates(new double[] {1, 2}));
        assertThrows(ParameterException.class, () -> in.state().setAllRates(-1));
        assertThrows(ParameterException.class, () -> new RatePoissonSource.Params(Double.POSITIVE_INFINITY));
        assertArrayEquals(new double[] {7, 7, 7}, in.state().values("rate"));
    }

    /**
     * A later engine goes on with each neuron's train, on its own clock: two engines of 100 ms give
     * the train of one engine of 200 ms. The wait had stayed on the first engine's clock, so the
     * second was silent for its first 100 ms.
     */
    @Test
    void aLaterEngineGoesOnWithTheTrains() {
        double[][] whole = trains(new double[] {200});
        double[][] split = trains(new double[] {100, 100});
        // A third engine: its clock starts after both earlier ones, not after the first alone.
        double[][] thirds = trains(new double[] {50, 70, 80});
        assertTrue(Arrays.stream(whole).mapToInt(t -> t.length).sum() > 500, "enough spikes to compare");
        for (int i = 0; i < N; i++) {
            assertArrayEquals(whole[i], split[i], 1e-9, "neuron " + i);
            assertArrayEquals(whole[i], thirds[i], 1e-9, "neuron " + i + ", three engines");
        }
    }

    /** Each neuron's spike times from one engine per run length, each engine's times after the earlier ones'. */
    private static double[][] trains(double[] runsMs) {
        NetworkBuilder b = new NetworkBuilder(DT_MS).seed(5);
        Population<RatePoissonSource.Params, RatePoissonSource.State> in =
                b.population("in", N, RatePoissonSource.MODEL, new RatePoissonSource.Params(30));
        Network net = b.build();
        double[][] times = new double[N][0];
        double offset = 0;
        for (double ms : runsMs) {
            try (Engine e = new Engine(net, EngineOptions.grid(2))) {
                SpikeRecorder r = e.recordSpikes(in);
                e.run(ms);
                for (int i = 0; i < N; i++) {
                    double shift = offset;
                    double[] later = Arrays.stream(r.timesOf(i)).map(t -> t + shift).toArray();
                    double[] joined = Arrays.copyOf(times[i], times[i].length + later.length);
                    System.arraycopy(later, 0, joined, times[i].length, later.length);
                    times[i] = joined;
                }
            }
            offset += ms;
        }
        return times;
    }
}
