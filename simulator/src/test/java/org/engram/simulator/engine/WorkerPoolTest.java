package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** A pool of one worker runs the task on the calling thread, as worker 0, and starts no thread. */
    @Test
    void aPoolOfOneRunsOnTheCaller() {
        Thread[] ranOn = new Thread[1];
        int[] worker = {-1};
        try (WorkerPool pool = new WorkerPool(1, "test-one")) {
            pool.run(w -> {
                ranOn[0] = Thread.currentThread();
                worker[0] = w;
            });
        }
        assertSame(Thread.currentThread(), ranOn[0]);
        assertEquals(0, worker[0]);
    }

    /**
     * Waits up to 10 s (a bound on a starved machine, not a measurement) for a thread to be seen
     * parked; it may wake at once if a permit was left from the run's start, and park again.
     */
    private static boolean parks(Thread t) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (t.getState() == Thread.State.WAITING) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    /**
     * Worker threads are daemons, so an engine its user forgot to close does not keep the JVM
     * running; between runs they park (an idle engine costs no CPU), and close() wakes and stops
     * them (it waits up to a second for each, which a thread that is not starved needs a fraction of).
     */
    @Test
    void idleWorkersAreParkedDaemonsThatCloseStops() {
        Thread[] threads = new Thread[3];
        try (WorkerPool pool = new WorkerPool(3, "test-daemon")) {
            pool.run(w -> threads[w] = Thread.currentThread());
            for (int w = 1; w < 3; w++) {
                assertTrue(threads[w].isDaemon(), threads[w].getName());
                assertEquals("test-daemon-worker-" + w, threads[w].getName());
                assertTrue(parks(threads[w]), threads[w].getName() + " parks between runs");
            }
        }
        for (int w = 1; w < 3; w++) {
            assertFalse(threads[w].isAlive(), threads[w].getName() + " stopped");
        }
        assertFalse(Thread.interrupted(), "close() of a caller not interrupted left it interrupted");
    }

    /**
     * A thread inherits whether it is a daemon from the thread that makes it, and a test runner may run tests
     * on daemon threads: here the pool is made on a thread that is not one.
     */
    @Test
    void workersAreDaemonsWhenTheThreadThatMakesThePoolIsNot() throws InterruptedException {
        Thread[] threads = new Thread[2];
        Thread maker = new Thread(() -> {
            try (WorkerPool pool = new WorkerPool(2, "test-maker")) {
                pool.run(w -> threads[w] = Thread.currentThread());
            }
        });
        maker.setDaemon(false);
        maker.start();
        maker.join(Duration.ofMinutes(2).toMillis());
        assertFalse(maker.isAlive(), "the pool's run never ended");
        assertTrue(threads[1].isDaemon(), threads[1].getName());
    }

    /** An interrupt does not cut close() short: the workers stop, and the caller has its status back. */
    @Test
    void anInterruptedCloseStillStopsTheWorkers() {
        Thread[] threads = new Thread[2];
        WorkerPool pool = new WorkerPool(2, "test");
        pool.run(w -> threads[w] = Thread.currentThread());
        assertTrue(parks(threads[1]));
        Thread.currentThread().interrupt();
        pool.close();
        assertTrue(Thread.interrupted(), "the interrupt status is set again");
        assertFalse(threads[1].isAlive());
    }

    /** An Error is thrown as it is, not wrapped, when the caller's own share throws it. */
    @Test
    void anErrorOfTheCallersShareIsThrownAsItIs() {
        AssertionError error = new AssertionError("worker 0");
        try (WorkerPool pool = new WorkerPool(2, "test")) {
            assertSame(error, assertThrows(AssertionError.class, () -> pool.run(w -> {
                if (w == 0) {
                    throw error;
                }
            })));
        }
    }

    /**
     * A kernel failure made on a worker thread is thrown again as one made on the caller, whose
     * trace leads to this test; the cause and the suppressed failures are kept.
     */
    @Test
    void aKernelFailureOnAWorkerIsThrownWithTheCallersTrace() {
        IllegalStateException cause = new IllegalStateException("kernel");
        KernelFailed[] made = new KernelFailed[1];
        try (WorkerPool pool = new WorkerPool(2, "test")) {
            KernelFailed thrown = assertThrows(KernelFailed.class, () -> pool.run(w -> {
                if (w == 1) {
                    made[0] = new KernelFailed("population 'p' failed", null, cause);
                    throw made[0];
                }
            }));
            assertTrue(thrown != made[0], "a copy made on the caller");
            assertEquals("population 'p' failed", thrown.getMessage());
            assertSame(cause, thrown.getCause());
            String test = "aKernelFailureOnAWorkerIsThrownWithTheCallersTrace";
            assertTrue(Arrays.stream(thrown.getStackTrace()).anyMatch(f -> f.getMethodName().startsWith("lambda$"
                    + test) || f.getMethodName().equals(test)), Arrays.toString(thrown.getStackTrace()));
            assertFalse(Arrays.stream(made[0].getStackTrace()).anyMatch(f -> f.getMethodName().equals(test)),
                    "the worker's own trace does not reach the caller");
        }
    }

    /**
     * A caller interrupted while its workers run waits for them and has its interrupt status back
     * when run returns, also after a wait long enough to park: worker 1 finishes only once it has
     * seen the caller waiting. Interrupted while parked, the caller does not spin (a park returns at
     * once while the status is set): it holds the status aside (clears it) until the run ends, which
     * worker 1 waits to see (within 10 s, a bound on a starved machine) before it finishes.
     */
    @Test
    void anInterruptedCallerWaitsForItsWorkersAndKeepsItsStatus() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            Thread caller = Thread.currentThread();
            boolean[] sawWaiting = new boolean[1];
            boolean[] heldAside = new boolean[1];
            try (WorkerPool pool = new WorkerPool(2, "test")) {
                pool.run(w -> {
                    if (w == 0) {
                        Thread.currentThread().interrupt();
                    } else {
                        sawWaiting[0] = parks(caller);
                    }
                });
                assertTrue(Thread.interrupted(), "the interrupt status is set again");
                pool.run(w -> {
                    if (w == 1 && parks(caller)) {
                        caller.interrupt();
                        long deadline = System.nanoTime() + 10_000_000_000L;
                        while (caller.isInterrupted() && System.nanoTime() < deadline) {
                            Thread.onSpinWait();
                        }
                        heldAside[0] = !caller.isInterrupted();
                    }
                });
                assertTrue(Thread.interrupted(), "the interrupt status is set again after a park");
            }
            assertTrue(sawWaiting[0], "the interrupted caller waited");
            assertTrue(heldAside[0], "the caller interrupted while parked held its status aside");
        });
    }

    /**
     * A worker's thread interrupted during a run (a kernel restoring an interrupt it caught) passes
     * the interrupt to the caller, which ends an engine's run at the slice edge, as an interrupt of
     * the caller does; the worker's own status is cleared, so it parks again rather than spin.
     */
    @Test
    void anInterruptOfAWorkerDuringARunComesToTheCaller() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            try (WorkerPool pool = new WorkerPool(2, "test")) {
                Thread worker = runCapturingWorkerOne(pool, true);
                assertTrue(Thread.interrupted(), "the caller has the worker's interrupt");
                assertTrue(parks(worker), "the worker parks after the run");
                assertFalse(worker.isInterrupted(), "the worker's status was cleared");
                pool.run(w -> { });
                assertFalse(Thread.interrupted(), "the next run passes no interrupt");
            }
        });
    }

    /**
     * A worker interrupted between runs, where there is no run to end, drops the interrupt and parks:
     * left set, the status made every park return at once, and the idle worker spun on its core
     * until the engine closed.
     */
    @Test
    void anIdleWorkerInterruptedParksAgain() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            try (WorkerPool pool = new WorkerPool(2, "test")) {
                Thread worker = runCapturingWorkerOne(pool, false);
                assertTrue(parks(worker), "the idle worker parks");
                worker.interrupt();
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (worker.isInterrupted() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertFalse(worker.isInterrupted(), "the idle worker cleared its status");
                assertTrue(parks(worker), "and parks again");
                pool.run(w -> { });
                assertFalse(Thread.interrupted(), "the next run passes no interrupt");
            }
        });
    }

    /** Runs a task that notes worker 1's thread, and interrupts it from within if asked; returns the thread. */
    private static Thread runCapturingWorkerOne(WorkerPool pool, boolean interrupt) {
        Thread[] worker = new Thread[1];
        pool.run(w -> {
            if (w == 1) {
                worker[0] = Thread.currentThread();
                if (interrupt) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        return worker[0];
    }
}
