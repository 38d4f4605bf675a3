package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** How {@link UnitScheduler} trains a run's units one after the other or side by side. */
class UnitSchedulerTest {

    /** One at a time, the units run on the calling thread, in order. */
    @Test
    void oneJobRunsTheUnitsInOrderOnTheCallingThread() {
        List<String> ran = new ArrayList<>();
        List<Supplier<Integer>> units = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            int unit = k;
            units.add(() -> {
                ran.add(unit + " on " + Thread.currentThread().getName());
                return unit * 10;
            });
        }
        assertEquals(List.of(0, 10, 20), UnitScheduler.train(units, 1, () -> { }));
        String caller = Thread.currentThread().getName();
        assertEquals(List.of("0 on " + caller, "1 on " + caller, "2 on " + caller), ran);
    }

    /**
     * Side by side, the results come in the units' order, not in the order they end: the first unit
     * here waits until the second has ended, so it ends last.
     */
    @Test
    void unitsSideBySideGiveTheirResultsInTheirOrder() {
        CountDownLatch secondEnded = new CountDownLatch(1);
        List<Supplier<String>> units = List.of(
                () -> {
                    await(secondEnded);
                    return "first on " + Thread.currentThread().getName();
                },
                () -> {
                    secondEnded.countDown();
                    return "second";
                });
        List<String> results = UnitScheduler.train(units, 2, () -> { });
        assertEquals("second", results.get(1));
        assertTrue(results.get(0).startsWith("first on engram-unit-"), results.get(0));
    }

    /**
     * The first failure is the run's: the unit training beside it is asked to stop (here it waits for
     * that), and a unit not started when it came does no work; what they throw when stopped is not
     * reported.
     */
    @Test
    void theFirstFailureStopsTheOthersAndIsThrown() {
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch secondStarted = new CountDownLatch(1);
        AtomicInteger worked = new AtomicInteger();
        IllegalStateException failure = new IllegalStateException("unit 0 failed");
        List<Supplier<Integer>> units = List.of(
                () -> {
                    await(secondStarted);
                    throw failure;
                },
                () -> {
                    secondStarted.countDown();
                    while (!stopping.get()) {
                        Thread.onSpinWait();
                    }
                    throw new UnitScheduler.Stopped();
                },
                () -> {
                    if (stopping.get()) {
                        throw new UnitScheduler.Stopped();
                    }
                    return worked.incrementAndGet();
                });
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> UnitScheduler.train(units, 2, () -> stopping.set(true)));
        assertSame(failure, thrown);
        assertEquals(0, worked.get(), "the third unit started after the failure");
    }

    /** An error (a unit out of memory) is thrown as it is, as one unit at a time throws it. */
    @Test
    void anErrorIsThrownAsItIs() {
        OutOfMemoryError full = new OutOfMemoryError("Java heap space");
        List<Supplier<Integer>> units = List.of(() -> 1, () -> {
            throw full;
        });
        assertSame(full, assertThrows(OutOfMemoryError.class, () -> UnitScheduler.train(units, 2, () -> { })));
    }

    /**
     * An interrupt of the thread that waits for the units stops them as a failure would; it then
     * throws a stop, with its interrupt status set again.
     */
    @Test
    void anInterruptedCallerStopsTheUnitsAndKeepsItsStatus() throws InterruptedException {
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(2);
        Supplier<Integer> untilStopped = () -> {
            started.countDown();
            while (!stopping.get()) {
                Thread.onSpinWait();
            }
            throw new UnitScheduler.Stopped();
        };
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            await(started);
            caller.interrupt();
        });
        interrupter.start();
        RunStopped stopped = assertThrows(RunStopped.class,
                () -> UnitScheduler.train(List.of(untilStopped, untilStopped), 2, () -> stopping.set(true)));
        assertTrue(Thread.interrupted(), "the interrupt status is set again (and cleared here)");
        assertEquals("the thread that ran the units was interrupted", stopped.getMessage());
        interrupter.join();
        assertFalse(Thread.currentThread().isInterrupted());
    }

    /**
     * A unit that fails for a reason of its own after the first failure does not replace it: the
     * second unit fails only once the first unit's thread has taken the third unit, which it does
     * after the first unit has ended.
     */
    @Test
    void aLaterFailureDoesNotReplaceTheFirst() {
        CountDownLatch secondStarted = new CountDownLatch(1);
        CountDownLatch thirdStarted = new CountDownLatch(1);
        IllegalStateException first = new IllegalStateException("unit 0 failed");
        List<Supplier<Integer>> units = List.of(
                () -> {
                    await(secondStarted);
                    throw first;
                },
                () -> {
                    secondStarted.countDown();
                    await(thirdStarted);
                    throw new IllegalArgumentException("unit 1 failed too");
                },
                () -> {
                    thirdStarted.countDown();
                    return 3;
                });
        assertSame(first, assertThrows(IllegalStateException.class, () -> UnitScheduler.train(units, 2, () -> { })));
    }

    /**
     * Side by side, the units train on daemon threads (a signal ends the process without waiting
     * for them), which end with the run rather than idle on.
     */
    @Test
    void unitThreadsAreDaemonsThatEndWithTheRun() throws InterruptedException {
        List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        Supplier<Boolean> unit = () -> {
            threads.add(Thread.currentThread());
            return Thread.currentThread().isDaemon();
        };
        assertEquals(List.of(true, true, true), UnitScheduler.train(List.of(unit, unit, unit), 2, () -> { }));
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(t.isAlive(), t.getName() + " still runs after the units ended");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "waited too long");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
