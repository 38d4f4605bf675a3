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
            assertEquals(List.of("worker 2"), Arrays.stream(thrown.getSuppressed()).map(Throwable::getMessage).toList());
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
