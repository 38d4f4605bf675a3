package org.engram.learning.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    /** The pool is public: a count below one is refused with the rule, not left to fail on first use. */
    @Test
    void aPoolNeedsAtLeastOneWorker() {
        ParameterException e = assertThrows(ParameterException.class, () -> new WorkerPool(0));
        assertTrue(e.getMessage().contains("threads") && e.getMessage().contains("at least 1"), e.getMessage());
        try (WorkerPool one = new WorkerPool(1)) {
            AtomicInteger done = new AtomicInteger();
            one.run(5, (task, worker) -> done.addAndGet(worker + 1));
            assertEquals(5, done.get(), "one worker, the caller (worker 0), ran every task");
            assertEquals(1, one.count());
        }
        try (WorkerPool three = new WorkerPool(3)) {
            assertEquals(3, three.count(), "the workers, the caller included");
        }
    }

    /**
     * A thread inherits whether it is a daemon from the thread that makes it, and a test runner may
     * run tests on daemon threads: here the pool is run from a thread that is not one.
     */
    @Test
    void helpersAreDaemonsWhenTheCallerIsNot() throws InterruptedException {
        Set<Thread> helpers = ConcurrentHashMap.newKeySet();
        try (WorkerPool pool = new WorkerPool(2)) {
            CountDownLatch helperTookOne = new CountDownLatch(1);
            Thread caller = new Thread(() -> pool.run(2, (task, worker) -> {
                if (worker == 1) {
                    helpers.add(Thread.currentThread());
                    helperTookOne.countDown();
                } else {
                    await(helperTookOne);
                }
            }));
            caller.setDaemon(false);
            caller.start();
            caller.join(Duration.ofMinutes(2).toMillis());
            assertFalse(caller.isAlive(), "the run never ended");
        }
        assertEquals(1, helpers.size(), "the helper took a share of the tasks");
        assertTrue(helpers.iterator().next().isDaemon(), "the helper is a daemon thread");
    }

    /** Only a helper fails, the caller's own share ends well: run() throws the helper's failure. */
    @Test
    void aHelpersFailureIsThrownWhenTheCallersShareSucceeds() {
        CountDownLatch helperFailing = new CountDownLatch(1);
        try (WorkerPool pool = new WorkerPool(2)) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> pool.run(2, (task, worker) -> {
                        if (worker == 1) {
                            helperFailing.countDown();
                            throw new IllegalStateException("helper's task " + task);
                        }
                        await(helperFailing);   // so that the helper takes a task rather than the caller both
                    }));
            assertTrue(thrown.getMessage().startsWith("helper's task"), thrown.getMessage());
            assertEquals(0, thrown.getSuppressed().length, "the caller's share did not fail");
        }
    }

    /**
     * A failure hands out no further task: each worker has started at most the one it held. Ordering,
     * not timing: the helper ends its task only once the caller, having failed, waits for it.
     */
    @Test
    void aFailureStopsTheOtherWorkersFromStartingMoreTasks() {
        AtomicInteger started = new AtomicInteger();
        AtomicBoolean callerFailing = new AtomicBoolean();
        try (WorkerPool pool = new WorkerPool(2)) {
            Thread caller = Thread.currentThread();
            assertThrows(IllegalStateException.class, () -> pool.run(100, (task, worker) -> {
                int first = started.incrementAndGet();
                if (worker == 0) {
                    callerFailing.set(true);
                    throw new IllegalStateException("task " + task + " failed");
                }
                if (first <= 2) {   // the helper's first task, which may start before the caller's
                    while (!callerFailing.get()) {
                        Thread.onSpinWait();
                    }
                    awaitWaiting(caller);
                }
            }));
        }
        assertTrue(started.get() <= 2, started.get() + " tasks started, of 100");
    }

    /** A pool never closed (a trainer dropped without close) leaves no thread behind for long. */
    @Test
    void helpersOfAnUnclosedPoolEndWhenIdle() throws InterruptedException {
        WorkerPool pool = new WorkerPool(2, Duration.ofMillis(50));
        Set<Thread> helpers = ConcurrentHashMap.newKeySet();
        CountDownLatch helperTookOne = new CountDownLatch(1);
        // The caller's task waits for the helper to take the other, so the helper has run
        // whatever the scheduling (200 short tasks could all be drained by the caller first).
        pool.run(2, (task, worker) -> {
            if (worker == 1) {
                helpers.add(Thread.currentThread());
                helperTookOne.countDown();
            } else {
                await(helperTookOne);
            }
        });
        assertEquals(1, helpers.size(), "the helper took a share of the tasks");
        Thread helper = helpers.iterator().next();
        // A daemon: a program that forgets to close its trainer still exits without waiting for it.
        assertTrue(helper.isDaemon(), "the helper is a daemon thread");
        helper.join(Duration.ofMinutes(2).toMillis());
        assertFalse(helper.isAlive(), "the idle helper still runs");
        AtomicInteger done = new AtomicInteger();
        pool.run(10, (task, worker) -> done.incrementAndGet());
        assertEquals(10, done.get(), "the pool still works after its helper ended");
        pool.close();
    }

    @Test
    void noTaskRunsAfterRunThrowsAnErrorFromTheCallingThread() throws InterruptedException {
        AtomicBoolean returned = new AtomicBoolean();
        AtomicInteger lateTasks = new AtomicInteger();
        try (WorkerPool pool = new WorkerPool(2)) {
            assertThrows(AssertionError.class, () -> pool.run(50, (task, worker) -> {
                if (worker == 0) {
                    throw new AssertionError("task " + task + " failed");
                }
                sleep(10);
                if (returned.get()) {
                    lateTasks.incrementAndGet();
                }
            }));
            returned.set(true);
            // Ordering, not timing: once run() has thrown, the helper may not start or finish any
            // task; the pause only gives a helper that (wrongly) kept draining the time to show it.
            Thread.sleep(300);
        }
        assertEquals(0, lateTasks.get(), "tasks that ran after run() had thrown");
    }

    /**
     * Interrupting the caller while helpers work: run() returns only when no task runs, and keeps
     * the interrupt for the caller.
     */
    @Test
    void noTaskRunsAfterRunReturnsOnAnInterrupt() throws InterruptedException {
        AtomicBoolean returned = new AtomicBoolean();
        AtomicInteger lateTasks = new AtomicInteger();
        try (WorkerPool pool = new WorkerPool(3)) {
            Thread caller = Thread.currentThread();
            pool.run(40, (task, worker) -> {
                if (task == 0) {
                    caller.interrupt();
                }
                busy(10);
                if (returned.get()) {
                    lateTasks.incrementAndGet();
                }
            });
            returned.set(true);
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
            Thread.sleep(300);
        }
        assertEquals(0, lateTasks.get(), "tasks that ran after run() had returned");
    }

    /** Every worker's failure is kept: the caller's is thrown, the helpers' ride along as suppressed. */
    @Test
    void everyWorkersFailureIsReported() {
        CountDownLatch allStarted = new CountDownLatch(3);
        try (WorkerPool pool = new WorkerPool(3)) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> pool.run(3, (task, worker) -> {
                        allStarted.countDown();
                        await(allStarted);   // each of the three workers holds one task when they fail
                        throw new IllegalStateException("worker " + worker);
                    }));
            assertEquals("worker 0", thrown.getMessage());
            assertEquals(Set.of("worker 1", "worker 2"), Arrays.stream(thrown.getSuppressed())
                    .map(Throwable::getMessage).collect(Collectors.toSet()));
        }
    }

    /**
     * An interrupt that reaches the caller while it waits for busy helpers does not fail the run:
     * every task has been handed out by then and runs to its end, so the work is whole (a trainer's
     * step, failed there, kept its optimiser's moves without the weights' and was repeated by a retry).
     * Ordering, not timing: each helper ends its task only once the caller is seen waiting, which it
     * can be only after the interrupt (an interrupted wait throws at once, before it blocks).
     */
    @Test
    void anInterruptWhileHelpersWorkLetsEveryTaskEndAndIsKept() {
        try (WorkerPool pool = new WorkerPool(4)) {
            Thread caller = Thread.currentThread();
            CountDownLatch allStarted = new CountDownLatch(4);
            AtomicInteger done = new AtomicInteger();
            AtomicBoolean interrupted = new AtomicBoolean();
            pool.run(4, (task, w) -> {
                allStarted.countDown();
                await(allStarted);   // every worker holds one task when the caller is interrupted
                if (w == 0) {
                    caller.interrupt();
                    interrupted.set(true);
                } else {
                    while (!interrupted.get()) {   // the caller may still be waking from the latch
                        Thread.onSpinWait();
                    }
                    awaitWaiting(caller);
                }
                done.incrementAndGet();
            });
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
            assertEquals(4, done.get(), "tasks that ended");
        }
    }

    /** Returns once {@code t} blocks (in a wait for the helpers), within a bound that only guards against a hang. */
    private static void awaitWaiting(Thread t) {
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < giveUp, "the caller never waited for the helpers");
            Thread.onSpinWait();
        }
    }

    /** Works for a while without reacting to interrupts, as a training task does. */
    private static void busy(long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(2, TimeUnit.MINUTES), "the other workers never took a task");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
