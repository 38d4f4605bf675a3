package org.engram.simulator.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * Recording through many short runs (a training loop calls {@code run} once per sample) costs
 * memory in proportion to what is recorded, not to the square of the number of runs.
 */
class RecordingGrowthTest {
    private static final int RUNS = 10_000;
    private static final int RECORDED = 4;
    /** Counts the bytes each thread allocates. */
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One population, "p", of 8 LIF neurons at rest. */
    private static Network eightNeurons() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        b.population("p", 8, LifDelta.MODEL, LifDelta.MODEL.defaults());
        return b.build();
    }

    @Test
    void manyShortRunsAllocateInProportionToTheRecording() {
        Network network = eightNeurons();
        Population<?, ?> p = network.population("p");
        // One thread and a tiny network: every step runs on this thread, whose allocations are counted.
        try (Engine engine = new Engine(network, EngineOptions.grid(1))) {
            StateRecorder state = engine.recordState(p, "v", new int[] {0, 2, 5, 7}, 0.1);
            RateMonitor rate = engine.recordRate(p, 0.1);
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int k = 0; k < RUNS; k++) {
                engine.run(0.1);
            }
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            assertEquals(RUNS, state.sampleCount());
            assertEquals(RUNS, rate.ratesHz().length);
            // What is held: 10,000 samples x 4 doubles (320 KB) and 10,000 long bins (80 KB). Doubling
            // allocates at most twice that per recorder, plus the engine's few hundred bytes per run
            // (about 2 MB), so 32 MB is a wide bound; growing to the exact size at every run
            // copies the history each time: 4 x 8 x 10,000^2 / 2 = 1.6 GB for the state, 400 MB for the rate.
            long bound = 32L << 20;
            assertTrue(allocated < bound, "allocated " + allocated + " bytes over " + RUNS + " runs, expected < "
                    + bound);
        }
    }

    /**
     * A run that adds no samples leaves the recording's array as it is: after 1,000 samples of 4
     * neurons (an array of exactly 32 KB), runs of 0 ms allocate less than 8 KB between them, where
     * growing an array already large enough would copy it into one twice as large, 64 KB.
     */
    @Test
    void aRunThatAddsNoSamplesCopiesNone() {
        try (Engine engine = new Engine(eightNeurons(), EngineOptions.grid(1))) {
            StateRecorder state = engine.recordState(engine.network().population("p"), "v", new int[] {1, 3, 4, 6},
                    0.1);
            engine.run(100);
            long before = THREADS.getCurrentThreadAllocatedBytes();
            engine.run(0);
            engine.run(0);
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            assertEquals(1000, state.sampleCount());
            assertTrue(allocated < 8 << 10, "allocated " + allocated + " bytes");
        }
    }
}
