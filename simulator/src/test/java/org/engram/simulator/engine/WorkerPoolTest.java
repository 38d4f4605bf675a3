package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    @Test
    void parkedWorkersWakeForEveryRun() {
        int workers = 3;
        int runs = 40;
        AtomicIntegerArray calls = new AtomicIntegerArray(workers);
        // Between runs the caller sleeps 3 ms, longer than a worker spins and yields, so the workers
        // are parked when each run starts; a lost wake-up would hang the run (the timeout's job).
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            try (WorkerPool pool = new WorkerPool(workers, "test")) {
                for (int r = 0; r < runs; r++) {
                    pool.run(calls::incrementAndGet);
                    Thread.sleep(3);
                }
            }
        });
        for (int w = 0; w < workers; w++) {
            assertEquals(runs, calls.get(w), "runs of worker " + w);
        }
    }

    /**
     * A caller whose workers take long parks rather than yield, so its core is free for another
     * thread (the JIT compiler early in a run), and the last worker to finish wakes it: worker 1
     * waits until it sees the caller parked, and the run still ends.
     */
    @Test
    void aWaitingCallerParksAndTheLastWorkerWakesIt() {
        AtomicIntegerArray sawParked = new AtomicIntegerArray(1);
        // The timeout runs this on a thread of its own: that thread is the caller.
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            Thread caller = Thread.currentThread();
            try (WorkerPool pool = new WorkerPool(2, "test")) {
                for (int r = 0; r < 3; r++) {
                    pool.run(w -> {
                        if (w == 1) {
                            long deadline = System.nanoTime() + 10_000_000_000L;
                            while (caller.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                                Thread.onSpinWait();
                            }
                            if (caller.getState() == Thread.State.WAITING) {
                                sawParked.incrementAndGet(0);
                            }
                        }
                    });
                }
            }
        });
        assertEquals(3, sawParked.get(0), "runs in which worker 1 saw the caller parked");
    }

    /** Every worker's failure is kept: the first by worker order is thrown, the others ride along as suppressed. */
    @Test
    void everyWorkersFailureIsReported() {
        try (WorkerPool pool = new WorkerPool(3, "test")) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> pool.run(w -> {
                if (w == 1) {
                    throw new IllegalStateException("worker 1");
                }
                if (w == 2) {
                    throw new AssertionError("worker 2");
                }
            }));
            assertEquals("worker 1", thrown.getMessage());
            assertEquals(List.of("worker 2"),
                    Arrays.stream(thrown.getSuppressed()).map(Throwable::getMessage).toList());
            RuntimeException own = assertThrows(RuntimeException.class, () -> pool.run(w -> {
                throw new RuntimeException("worker " + w);
            }));
            assertEquals("worker 0", own.getMessage());
            assertEquals(List.of("worker 1", "worker 2"),
                    Arrays.stream(own.getSuppressed()).map(Throwable::getMessage).toList());
            AtomicIntegerArray calls = new AtomicIntegerArray(3);
            pool.run(calls::incrementAndGet);   // failures are not carried into the next run
            assertEquals(List.of(1, 1, 1), List.of(calls.get(0), calls.get(1), calls.get(2)));
        }
    }
}
