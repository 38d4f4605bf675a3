package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run allocates nothing per step or spike, on the calling thread or the workers: what it
 * allocates is a constant of the run (a few hundred bytes) plus buffers that grow to the busiest
 * step or slice so far. Measured with the JVM's per-thread allocation counters over the threads
 * that do the work, in consecutive windows of a run: the buffers' growth comes in bursts (in
 * precise mode each worker, population and ring slot has its own event pool, which reaches a new
 * largest step now and then), so the quietest window is the one that shows a steady cost.
 */
class RunAllocationTest {
    private static final double WARM_UP_MS = 200;
    private static final int WINDOWS = 4;
    private static final double WINDOW_MS = 100;
    /**
     * A window takes 1,000 steps in 200 slices (the shortest delay is 0.5 ms) of 835 neurons (614 in
     * precise mode), with thousands of spikes: one 16-byte object a slice would be 3.2 KB, one a step
     * 16 KB, one a spike over 50 KB. What a call of {@code run} allocates once is about 1 KB.
     */
    private static final long BOUND_BYTES = 2 << 10;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** This thread and the engine's workers, which exist from the engine's construction. */
    private static long[] workingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t == Thread.currentThread() || t.getName().startsWith("engram-engine-"))
                .mapToLong(Thread::getId).toArray();
    }

    /** Bytes allocated so far by these threads; allocates nothing itself, so a window counts only the run's. */
    private static long allocatedBy(long[] threads) {
        long sum = 0;
        for (long id : threads) {
            sum += Math.max(0, THREADS.getThreadAllocatedBytes(id));
        }
        return sum;
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @CsvSource({"GRID, 1", "GRID, 2", "PRECISE, 1", "PRECISE, 2"})
    void aRunAllocatesNothingPerStepOrSpike(Mode mode, int threads) {
        assertTrue(THREADS.isThreadAllocatedMemoryEnabled(), "the JVM must count allocations per thread");
        // Both workers take a share of every slice, however small.
        try (Engine engine = new Engine(DeterminismTest.network(mode),
                new EngineOptions(threads, mode).withMinParallelNeuronSteps(0))) {
            // Compiled code and buffers sized by the busiest steps first.
            engine.run(WARM_UP_MS);
            long[] working = workingThreads();
            long fewest = Long.MAX_VALUE;
            StringBuilder windows = new StringBuilder();
            for (int w = 0; w < WINDOWS; w++) {
                long spikesBefore = engine.spikeCount();
                long before = allocatedBy(working);
                engine.run(WINDOW_MS);
                long allocated = allocatedBy(working) - before;
                long spikes = engine.spikeCount() - spikesBefore;
                assertTrue(spikes > 1_000, "the network must be active while measured, saw " + spikes + " spikes");
                fewest = Math.min(fewest, allocated);
                windows.append(String.format(" %d bytes (%d spikes)", allocated, spikes));
            }
            assertTrue(fewest < BOUND_BYTES, mode + ", " + threads + " threads: windows of 1,000 steps allocated"
                    + windows + "; expected one under " + BOUND_BYTES);
        }
    }
}
