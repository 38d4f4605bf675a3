package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
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
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
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
}
