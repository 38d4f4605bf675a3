package org.engram.experiments.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The events {@link DeliveryBenchmark} divides its time by are those its invocations delivered. */
class DeliveryBenchmarkTest {
    private static final int SOURCES = 1000;
    private static final int STEPS_PER_CALL = 100;   // 10 ms at dt = 0.1 ms
    private static final int CALLS = 20;

    @ParameterizedTest(name = "threads={0}, randomDelays={1}")
    @CsvSource({"1, false", "2, true"})
    void eventCountIsTheSourcesSpikesTimesFanOut(int threads, boolean randomDelays) {
        DeliveryBenchmark bench = new DeliveryBenchmark();
        bench.fanOut = 1000;
        bench.threads = threads;
        bench.randomDelays = randomDelays;
        bench.setUp();
        try {
            DeliveryBenchmark.Events counter = new DeliveryBenchmark.Events();
            bench.simulate10ms(counter);   // as a warm-up iteration: spikes are now in flight
            counter.clear();
            for (int call = 0; call < CALLS; call++) {
                bench.simulate10ms(counter);
            }
            // A grid-mode Poisson source at 100 Hz fires in a step with probability 1 - exp(-0.01).
            double expected = SOURCES * -Math.expm1(-100 * 1e-4) * STEPS_PER_CALL * CALLS * bench.fanOut;
            // The spike count is Poisson with mean 19,900, sd 141 (0.7%): 3% is over 4 sd. Counting the
            // warm-up call too would be 4.5% high; the first 10 ms alone (895,000 events: spikes are
            // counted at slice edges, 90 of its 100 steps) would be 10% low.
            assertEquals(expected, counter.events, 0.03 * expected);
        } finally {
            bench.tearDown();
        }
    }
}
