package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.reference.BrunelNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An embedding application stops a run by interrupting its thread (a cancelled task): the run ends
 * at a slice edge, as a shorter run would have, and the engine goes on from there to the spike
 * train of an uninterrupted run. Interrupts were ignored (the run went on to its end), and the
 * interrupted caller spun rather than parked while it waited for the workers.
 */
class EngineInterruptTest {
    private static final double DURATION_MS = 100;

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();   // a failed assertion must not leave the status to the next test
    }

    private static Network brunel() {
        return BrunelNetwork.asynchronousIrregular(0.1).build(0.1, 3);
    }

    private static EngineOptions options(String mode, int threads) {
        EngineOptions o = mode.equals("precise") ? EngineOptions.precise(threads) : EngineOptions.grid(threads);
        return o.withMinParallelNeuronSteps(0);
    }

    /** The spike times and neurons of every population, one after the other. */
    private record Spikes(List<double[]> times, List<int[]> neurons) {
        static Spikes of(List<SpikeRecorder> recorders) {
            return new Spikes(recorders.stream().map(SpikeRecorder::timesMs).toList(),
                    recorders.stream().map(SpikeRecorder::neurons).toList());
        }

        void assertSame(Spikes other) {
            for (int p = 0; p < times.size(); p++) {
                assertArrayEquals(times.get(p), other.times.get(p));
                assertArrayEquals(neurons.get(p), other.neurons.get(p));
            }
        }
    }

    private static List<SpikeRecorder> recordAll(Engine e) {
        List<SpikeRecorder> recorders = new ArrayList<>();
        for (Population<?, ?> p : e.network().populations()) {
            recorders.add(e.recordSpikes(p));
        }
        return recorders;
    }

    private static Spikes uninterrupted(String mode, int threads) {
        try (Engine e = new Engine(brunel(), options(mode, threads))) {
            List<SpikeRecorder> recorders = recordAll(e);
            e.run(DURATION_MS);
            return Spikes.of(recorders);
        }
    }

    /** Runs the rest of the duration from where an interrupted run stopped. */
    private static void runTheRest(Engine e) {
        int stepsLeft = (int) Math.round(DURATION_MS / 0.1) - e.step();
        e.run(stepsLeft * 0.1);
    }

    @ParameterizedTest
    @CsvSource({"grid, 1", "grid, 2", "precise, 2"})
    void anInterruptEndsTheRunAtASliceEdgeFromWhichTheEngineGoesOn(String mode, int threads) {
        Spikes expected = uninterrupted(mode, threads);
        try (Engine e = new Engine(brunel(), options(mode, threads))) {
            List<SpikeRecorder> recorders = recordAll(e);
            boolean[] interrupted = {false};
            e.addObserver((population, neuron, timeMs) -> {
                if (timeMs >= 40 && !interrupted[0]) {
                    interrupted[0] = true;
                    Thread.currentThread().interrupt();
                }
            });
            RunInterrupted stop = assertThrows(RunInterrupted.class, () -> e.run(DURATION_MS));
            assertTrue(Thread.interrupted(), "the interrupt status is kept for the code above");
            assertEquals(e.timeMs(), stop.stoppedAtMs());
            assertEquals(DURATION_MS, stop.requestedEndMs());
            assertTrue(stop.stoppedAtMs() >= 40 && stop.stoppedAtMs() < DURATION_MS, stop.getMessage());
            assertEquals(0, e.step() % e.sliceSteps(), "stopped at a slice edge");
            for (SpikeRecorder r : recorders) {
                double[] times = r.timesMs();
                assertTrue(times.length == 0 || times[times.length - 1] <= stop.stoppedAtMs());
            }
            runTheRest(e);
            Spikes.of(recorders).assertSame(expected);
        }
    }

    @Test
    void aRunStartedWithTheStatusSetEndsAtOnceAndLeavesTheEngineAsItWas() {
        Spikes expected = uninterrupted("precise", 1);
        try (Engine e = new Engine(brunel(), options("precise", 1))) {
            List<SpikeRecorder> recorders = recordAll(e);
            Thread.currentThread().interrupt();
            RunInterrupted stop = assertThrows(RunInterrupted.class, () -> e.run(DURATION_MS));
            assertTrue(Thread.interrupted());
            assertEquals(0.0, stop.stoppedAtMs());
            assertEquals(0, e.step());
            assertEquals(0, e.spikeCount());
            e.run(DURATION_MS);   // the spikes at time 0 of precise mode come once, in this run
            Spikes.of(recorders).assertSame(expected);
        }
    }

    /** A run of no steps has no slice to stop: with the status set it returns, and leaves the status set. */
    @Test
    void aRunOfNoStepsWithTheStatusSetReturnsAndKeepsTheStatus() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        b.population("p", 2, LifDelta.MODEL, LifDelta.MODEL.defaults());
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            Thread.currentThread().interrupt();
            e.run(0);
            assertTrue(Thread.interrupted());
            assertEquals(0, e.step());
        }
    }

    /** The way an embedding application stops a run: cancelling the task that runs it. */
    @Test
    void cancellingTheTaskThatRunsTheEngineStopsTheRun() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Engine e = new Engine(brunel(), options("grid", 2))) {
            CountDownLatch running = new CountDownLatch(1);
            AtomicReference<Throwable> ended = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            e.addObserver((population, neuron, timeMs) -> {
                if (running.getCount() > 0) {
                    running.countDown();
                    // Hold the run until the cancel has reached this thread, so it cannot end first.
                    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (!Thread.currentThread().isInterrupted() && System.nanoTime() < giveUp) {
                        Thread.onSpinWait();
                    }
                }
            });
            Future<?> task = executor.submit(() -> {
                try {
                    e.run(10 * DURATION_MS);
                } catch (Throwable t) {
                    ended.set(t);
                } finally {
                    done.countDown();
                }
            });
            assertTrue(running.await(30, TimeUnit.SECONDS));
            assertTrue(task.cancel(true));
            assertTrue(done.await(30, TimeUnit.SECONDS));
            assertTrue(ended.get() instanceof RunInterrupted, String.valueOf(ended.get()));
            assertTrue(e.timeMs() < 10 * DURATION_MS, "stopped at " + e.timeMs() + " ms");
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * A run of 0 ms has no slice edge to stop at: from an interrupted thread it returns at time 0, as
     * it found the engine, and the interrupt status stays set for the next run, which it stops at once.
     */
    @Test
    void aRunOfNothingFromAnInterruptedThreadReturnsAndKeepsTheStatus() {
        try (Engine e = new Engine(brunel(), options("grid", 1))) {
            Thread.currentThread().interrupt();
            e.run(0);
            assertEquals(0, e.step());
            assertTrue(Thread.currentThread().isInterrupted(), "the status is kept");
            assertThrows(RunInterrupted.class, () -> e.run(1));
            assertEquals(0, e.step());
        }
    }

    /** close() from an interrupted thread gave up waiting for the workers, which outlived it. */
    @Test
    void closeFromAnInterruptedThreadStillStopsTheWorkers() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Engine e = new Engine(brunel(), options("grid", 2));
        e.run(10);
        List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().matches("engram-engine-\\d+-worker-\\d+")).toList();
        assertEquals(1, workers.size(), "two threads: the caller and one worker");
        Thread.currentThread().interrupt();
        e.close();
        assertTrue(Thread.interrupted(), "the interrupt status is set again");
        assertFalse(workers.get(0).isAlive(), "the worker outlived close()");
    }

    /**
     * During a run only the thread driving it may add listeners and monitors (a listener does, from
     * the slice edge): another thread's addition raced with the engine's walk of its lists.
     */
    @Test
    void anotherThreadMayNotAddToAnEngineWhileItRuns() throws Exception {
        try (Engine e = new Engine(brunel(), options("grid", 1))) {
            CountDownLatch inRun = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            e.addObserver((population, neuron, timeMs) -> {
                if (inRun.getCount() > 0) {
                    inRun.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            Population<?, ?> p = e.network().populations().get(0);
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread driver = new Thread(() -> {
                try {
                    e.run(20);
                } catch (Throwable t) {
                    failed.set(t);
                }
            }, "driver");
            driver.start();
            assertTrue(inRun.await(30, TimeUnit.SECONDS));
            List<Runnable> additions = List.of(() -> e.addObserver((q, n, t) -> { }),
                    () -> e.addListener((q, n, t) -> { }), () -> e.recordSpikes(p), () -> e.recordRate(p, 1));
            try {
                for (Runnable addition : additions) {
                    IllegalStateException refused = assertThrows(IllegalStateException.class, addition::run);
                    assertTrue(refused.getMessage().contains(" from thread '" + Thread.currentThread().getName()
                            + "' while thread 'driver' runs the engine: add it between runs, or from a listener"
                            + " during the run"), refused.getMessage());
                }
            } finally {
                release.countDown();
                driver.join();
            }
            assertEquals(null, failed.get());
            for (Runnable addition : additions) {
                addition.run();   // between runs, from any thread
            }
            assertFalse(Thread.currentThread().isInterrupted());
        }
    }
}
