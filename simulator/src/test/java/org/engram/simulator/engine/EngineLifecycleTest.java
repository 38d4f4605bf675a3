package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.engram.simulator.ParameterException;
import org.engram.simulator.event.SpikeListener;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.ExactKernel;
import org.engram.simulator.model.ExactPropagation;
import org.engram.simulator.model.Kernel;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.monitor.RateMonitor;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

/**
 * One thread drives an engine: a second concurrent run and a close during a run are refused
 * (the first would corrupt the step count, the second left the run waiting forever for workers
 * that had stopped), and any throwable, checked ones included, marks the engine failed.
 */
class EngineLifecycleTest {
    private static Network network() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(3);
        var p = b.population("p", 4000, LifDelta.MODEL, new LifDelta.Params(20, 250, 0, 20, 10, 2, 500));
        b.connect("pp", p, p, Rules.fixedInDegree(10), Synapses.excitatory(0.1).delayMs(1.0));
        return b.build();
    }

    /** Runs {@code inside} from an observer at the first spike, on the thread that drives the run. */
    private static Throwable duringRun(Engine e, Runnable inside) {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        e.addObserver((population, neuron, timeMs) -> {
            if (seen.get() == null) {
                try {
                    inside.run();
                    seen.set(new AssertionError("not refused"));
                } catch (Throwable t) {
                    seen.set(t);
                }
            }
        });
        e.run(20);
        return seen.get();
    }

    /** An engine dropped without close stops its worker threads once it has been collected. */
    @Test
    void anUnclosedEngineStopsItsWorkersWhenCollected() throws InterruptedException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        runUnclosed();
        List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().matches("engram-engine-\\d+-worker-\\d+")).toList();
        assertEquals(1, workers.size(), "two threads: the caller and one worker");
        for (int attempt = 0; attempt < 200 && workers.get(0).isAlive(); attempt++) {
            System.gc();
            workers.get(0).join(50);
        }
        assertFalse(workers.get(0).isAlive(), "the worker of a collected engine still runs");
    }

    /**
     * A network whose engine was dropped unclosed and collected is spent, and says why: it had been
     * said to be simulated by an open engine, which no longer existed to be closed.
     */
    @Test
    void aNetworkWhoseEngineWasCollectedUnclosedSaysSo() throws InterruptedException {
        Network n = network();
        WeakReference<Engine> dropped = new WeakReference<>(runUnclosed(n));
        for (int attempt = 0; attempt < 200 && dropped.get() != null; attempt++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(dropped.get(), "the engine was not collected");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new Engine(n, EngineOptions.grid(1)));
        assertTrue(refused.getMessage().startsWith("the engine that simulated this network was dropped without "
                + "close() and has been garbage collected"), refused.getMessage());
        assertTrue(refused.getMessage().contains("build the network again"), refused.getMessage());
    }

    /** Engines keep no network alive once it is no longer used, closed or not. */
    @Test
    void aNetworkNoLongerUsedCanBeCollected() throws InterruptedException {
        WeakReference<Network> closedOnes = simulatedAndDropped(true);
        WeakReference<Network> unclosedOnes = simulatedAndDropped(false);
        for (int attempt = 0; attempt < 200 && (closedOnes.get() != null || unclosedOnes.get() != null); attempt++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(closedOnes.get(), "a network whose engine was closed is still held");
        assertNull(unclosedOnes.get(), "a network whose engine was dropped unclosed is still held");
    }

    private static WeakReference<Network> simulatedAndDropped(boolean close) {
        Network n = network();
        Engine e = new Engine(n, EngineOptions.grid(1));
        e.run(5);
        if (close) {
            e.close();
        }
        return new WeakReference<>(n);
    }

    private static void runUnclosed() {
        runUnclosed(network());
    }

    /** Runs an engine on {@code n} and leaves it open; the caller may drop it. */
    private static Engine runUnclosed(Network n) {
        Engine e = new Engine(n, EngineOptions.grid(2).withMinParallelNeuronSteps(0));
        e.run(5);
        return e;
    }

    @Test
    void closeDuringARunIsRefused() {
        try (Engine e = new Engine(network(), EngineOptions.grid(2).withMinParallelNeuronSteps(0))) {
            Throwable refused = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> duringRun(e, e::close));
            assertTrue(refused instanceof IllegalStateException && refused.getMessage().contains("close it after run"),
                    String.valueOf(refused));
            e.run(1);   // the engine was not closed and still runs
        }
    }

    @Test
    void aSecondRunFromAnotherThreadIsRefused() throws Exception {
        try (Engine e = new Engine(network(), EngineOptions.grid(2).withMinParallelNeuronSteps(0))) {
            CountDownLatch inRun = new CountDownLatch(1);
            CountDownLatch tried = new CountDownLatch(1);
            AtomicReference<Throwable> other = new AtomicReference<>();
            e.addObserver((population, neuron, timeMs) -> {
                if (inRun.getCount() > 0) {
                    inRun.countDown();
                    try {
                        tried.await();
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            Thread second = new Thread(() -> {
                try {
                    inRun.await();
                    e.run(10);
                } catch (Throwable t) {
                    other.set(t);
                } finally {
                    tried.countDown();
                }
            });
            second.start();
            e.run(20);
            second.join();
            assertTrue(other.get() instanceof IllegalStateException
                    && other.get().getMessage().contains("in progress"), String.valueOf(other.get()));
            assertEquals(200, e.step(), "only the first run advanced the engine");
        }
    }

    @Test
    void aCheckedExceptionThrownPastTheCompilerMarksTheEngineFailed() {
        try (Engine e = new Engine(network(), EngineOptions.grid(1))) {
            IOException io = new IOException("disk gone");
            e.addObserver((population, neuron, timeMs) -> EngineLifecycleTest.<RuntimeException>sneaky(io));
            ListenerFailed thrown = assertThrows(ListenerFailed.class, () -> e.run(20));
            assertSame(io, thrown.getCause());
            IllegalStateException again = assertThrows(IllegalStateException.class, () -> e.run(1));
            assertTrue(again.getMessage().contains("failed mid-slice"), again.getMessage());
        }
    }

    /**
     * LifDelta whose exact propagation of neuron 5, and whose taking over of a grid-mode engine's
     * state, fail while {@link #failing} is set.
     */
    private static final class FailingPropagation
            implements NeuronModel<LifDelta.Params, LifDelta.State>, ExactPropagation<LifDelta.Params, LifDelta.State> {
        volatile boolean failing;

        @Override public String name() { return "failing_propagation"; }
        @Override public Class<LifDelta.Params> parametersType() { return LifDelta.MODEL.parametersType(); }
        @Override public LifDelta.Params defaults() { return LifDelta.MODEL.defaults(); }

        @Override
        public LifDelta.State newState(int size, LifDelta.Params p) {
            return LifDelta.MODEL.newState(size, p);
        }

        @Override
        public Kernel<LifDelta.State> prepare(LifDelta.Params p, TimeGrid g) {
            return LifDelta.MODEL.prepare(p, g);
        }

        @Override
        public ExactKernel<LifDelta.State> prepareExact(LifDelta.Params p, TimeGrid g) {
            return new ForwardingExactKernel<>(LifDelta.MODEL.prepareExact(p, g)) {
                @Override
                public void propagate(LifDelta.State s, int i, double fromMs, double toMs) {
                    if (failing && i == 5) {
                        throw new IllegalStateException("propagation failed");
                    }
                    super.propagate(s, i, fromMs, toMs);
                }

                @Override
                public void continueFromGrid(LifDelta.State s, double dtMs) {
                    if (failing) {
                        throw new IllegalStateException("take-over failed");
                    }
                    super.continueFromGrid(s, dtMs);
                }
            };
        }
    }

    /** A failure while the end of a precise run shows the neurons leaves them half shown: the engine is failed. */
    @Test
    void aFailureAtTheEndOfAPreciseRunMarksTheEngineFailed() {
        FailingPropagation model = new FailingPropagation();
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        // Quiet neurons (v_inf = 8 mV): they are propagated only to show them at the end of a run.
        b.population("p", 10, model, new LifDelta.Params(20, 250, 0, 20, 10, 2, 100));
        try (Engine e = new Engine(b.build(), EngineOptions.precise(1))) {
            e.run(1.0);
            model.failing = true;
            // The kernel's own exception, named by population and time.
            KernelFailed failed = assertThrows(KernelFailed.class, () -> e.run(1.0));
            assertTrue(failed.getMessage().startsWith("population 'p' (model '"), failed.getMessage());
            assertTrue(failed.getCause() instanceof IllegalStateException, String.valueOf(failed.getCause()));
            model.failing = false;
            IllegalStateException again = assertThrows(IllegalStateException.class, () -> e.run(1.0));
            assertTrue(again.getMessage().contains("failed mid-slice"), again.getMessage());
        }
    }

    /** Throws a checked exception without declaring it, as Kotlin or Lombok's @SneakyThrows do. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneaky(Throwable t) throws T {
        throw (T) t;
    }

    /**
     * The engine keeps, for every source neuron and thread, where that thread's targets begin: with
     * 2^21 source neurons and 1,024 threads that is 2^31 entries, past any array. The engine says so
     * (it failed with a negative array size), and the network stays free for another engine.
     */
    @Test
    void threadsTimesSourcesPastAnArrayAreRefused() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        var p = b.population("big", 1 << 21, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("self", p, p, Rules.oneToOne(), Synapses.excitatory(0.1).delayMs(1.0));
        Network network = b.build();
        ParameterException e = assertThrows(ParameterException.class,
                () -> new Engine(network, EngineOptions.grid(EngineOptions.MAX_THREADS)));
        assertEquals("engine: threads: expected at most 1023 threads for projection 'self' from 2097152 neurons "
                + "(every row keeps where each thread's part begins, in one array), found 1024", e.getMessage());
        try (Engine e2 = new Engine(network, EngineOptions.grid(2))) {
            assertEquals(0.0, e2.timeMs());
        }
    }

    /** A null listener accepted now would stop the first spiking run mid-slice and spoil the network. */
    @Test
    void nullListenersAreRefusedWhenAdded() {
        try (Engine e = new Engine(network(), EngineOptions.grid(1))) {
            assertThrows(ParameterException.class, () -> e.addListener(null));
            assertThrows(ParameterException.class, () -> e.addObserver(null));
            e.run(20);   // the network fires within 20 ms (i_e = 500 pA), so a kept null would have been called
            assertTrue(e.spikeCount() > 0);
        }
    }

    /**
     * A precise-mode engine whose model fails to take over a grid-mode run's state stops its workers
     * and leaves the network spent, saying why; the network used to stay taken by the engine that
     * was never made, with its worker threads running for good.
     */
    @Test
    void aFailedTakeOverOfGridStateStopsTheWorkersAndSaysWhy() {
        FailingPropagation model = new FailingPropagation();
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        b.population("p", 10, model, new LifDelta.Params(20, 250, 0, 20, 10, 2, 100));
        Network n = b.build();
        try (Engine grid = new Engine(n, EngineOptions.grid(1))) {
            grid.run(1.0);
        }
        model.failing = true;
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> new Engine(n, EngineOptions.precise(2).withMinParallelNeuronSteps(0)));
        assertEquals("take-over failed", failed.getMessage());
        List<Thread> running = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().startsWith("engram-engine") && t.isAlive()).toList();
        assertEquals(List.of(), running, "the workers of the engine that failed to start");
        model.failing = false;
        IllegalStateException next = assertThrows(IllegalStateException.class,
                () -> new Engine(n, EngineOptions.grid(1)));
        assertTrue(next.getMessage().startsWith("a precise-mode engine failed to take over the state grid mode left"),
                next.getMessage());
    }

    /**
     * A state recorder asked for from a listener during the first slice (the step still 0) is
     * refused; it used to be accepted without room for its samples and to fail the run.
     */
    @Test
    void aStateRecorderDuringTheFirstRunIsRefused() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        var source = b.population("s", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{0.1}}));
        var p = b.population("p", 4, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("sp", source, p, Rules.allToAll(), Synapses.excitatory(1).delayMs(1.0));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            // The spike at 0.1 ms falls in the first slice (1 ms, the delay), where the step is still 0.
            assertEquals(10, e.sliceSteps());
            Throwable refused = duringRun(e, () -> e.recordState(p, "v", new int[] {0}, 0.1));
            assertTrue(refused instanceof IllegalStateException
                    && refused.getMessage().contains("before the first run"),
                    String.valueOf(refused));
            e.run(1);   // the run was not failed
        }
    }

    /**
     * An engine refused because another open engine holds the network stops the worker thread it
     * had started for its shared slices, and is no engine to close.
     */
    @Test
    void anEngineRefusedTheNetworkStopsItsWorkers() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        b.population("p", 4, LifDelta.MODEL, LifDelta.MODEL.defaults());
        Network n = b.build();
        EngineOptions shared = EngineOptions.grid(2).withMinParallelNeuronSteps(0);
        try (Engine first = new Engine(n, shared)) {
            assertSame(shared, first.options());
            assertTrue(first.parallel());
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new Engine(n, shared));
            assertTrue(refused.getMessage().contains("open engine"), refused.getMessage());
            List<Thread> running = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.getName().startsWith("engram-engine") && t.isAlive())
                    .toList();
            assertEquals(List.of(), running, "the workers of the refused engine");
        }
    }

    /**
     * Removing one rate monitor leaves the others extended to the end of each run, and the removed one
     * with the bins it had and no more; removing one again, or one never added, says it was not there.
     * A source fires at 5, 25 and 75 ms: in 10 ms bins, 1 spike / 0.01 s = 100 Hz in the first, third
     * and eighth bin, 0 Hz in the others up to 100 ms.
     */
    @Test
    void removingAnObserverRemovesThatOneOnly() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("src", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{5, 25, 75}}));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            RateMonitor removed = e.recordRate(p, 10);
            RateMonitor kept = e.recordRate(p, 10);
            RateMonitor removedOnce = e.recordRate(p, 10);
            e.run(50);
            assertTrue(e.removeObserver(removedOnce));
            assertTrue(e.removeObserver(removed));
            assertFalse(e.removeObserver(removed), "removed already");
            assertFalse(e.removeObserver(new RateMonitor(p, 10)), "never added");
            e.run(50);
            assertArrayEquals(new double[] {100, 0, 100, 0, 0, 0, 0, 100, 0, 0}, kept.ratesHz(), 1e-9);
            assertArrayEquals(new double[] {100, 0, 100, 0, 0}, removedOnce.ratesHz(), 1e-9, "no bins after removal");
        }
    }

    /**
     * A monitor made by hand for the same network built again watches a population the engine never
     * shows, and recorded nothing without a word; a rate monitor's bins of 1.5 steps held one step's
     * spikes and two by turns. Both are refused when added, as recordSpikes and recordRate refuse them.
     */
    @Test
    void aHandMadeMonitorTheEnginesSpikesCannotReachIsRefused() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("src", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{5}}));
        NetworkBuilder again = new NetworkBuilder(0.1);
        Population<?, ?> twin = again.population("src", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{5}}));
        again.build();
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            for (SpikeListener foreign : new SpikeListener[] {new SpikeRecorder(twin), new RateMonitor(twin, 1)}) {
                ParameterException observer = assertThrows(ParameterException.class, () -> e.addObserver(foreign));
                assertEquals("'src' of another network", observer.found());
                assertThrows(ParameterException.class, () -> e.addListener(foreign));
            }
            ParameterException bins = assertThrows(ParameterException.class,
                    () -> e.addObserver(new RateMonitor(p, 0.15)));
            assertEquals("bin", bins.location());
            SpikeRecorder own = new SpikeRecorder(p);
            e.addObserver(own);
            e.run(10);
            assertEquals(1, own.count(), "a recorder of the engine's own population is taken and records");
        }
    }

    /**
     * A network goes on under a new engine once the first is closed, with the same populations: a monitor
     * made by hand for it is the new engine's too, and sees its spikes. One that watched the first engine
     * is refused: the new engine's clock starts at 0, so its spikes would come after later ones, or go into
     * the first engine's bins.
     */
    @Test
    void aMonitorOfTheNetworkIsTakenByTheNextEngineOnIt() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("src", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{5, 15}}));
        Network network = b.build();
        SpikeRecorder first;
        try (Engine e = new Engine(network, EngineOptions.grid(1))) {
            first = e.recordSpikes(p);
            e.run(10);
        }
        try (Engine next = new Engine(network, EngineOptions.grid(1))) {
            SpikeRecorder byHand = new SpikeRecorder(p);
            RateMonitor rate = new RateMonitor(p, 10);
            ParameterException refused = assertThrows(ParameterException.class, () -> next.addObserver(first));
            assertEquals("spike recorder of 'src': engine: expected an engine whose clock has reached the last spike"
                    + " shown, at 5.0 ms (a new engine's clock starts at 0), found 0.0 ms; record the new engine's"
                    + " spikes with a new recorder (engine.recordSpikes)", refused.getMessage());
            next.addObserver(byHand);
            next.addListener(rate);
            next.run(20);
            // Spike times follow each engine's clock (README): the spike at 15 ms is the second engine's,
            // one for each new monitor, 1 spike / 10 ms = 100 Hz in bin 2.
            assertEquals(1, first.count());
            assertEquals(1, byHand.count());
            assertArrayEquals(new double[] {15}, byHand.timesMs(), 1e-9);
            assertArrayEquals(new double[] {0, 100}, rate.ratesHz(), 1e-9);
        }
    }

    /**
     * Another thread may watch a run's progress: a thread that waits in a tight loop for the step
     * count to pass a mark sees it do so. With plain fields the JIT read the count once, before the
     * loop, and the watcher never saw the run move.
     */
    @Test
    void anotherThreadSeesTheRunsProgress() throws Exception {
        try (Engine e = new Engine(network(), EngineOptions.grid(1))) {
            int mark = 5_000;
            long[] spikesSeen = new long[1];
            Thread watcher = new Thread(() -> {
                while (e.step() < mark) {
                    // An empty loop: Thread.onSpinWait() would stop the JIT from moving the read out of it.
                }
                spikesSeen[0] = e.spikeCount();
            }, "watcher");
            watcher.setDaemon(true);
            watcher.start();
            Thread.sleep(300);   // time for the JIT to compile the watcher's loop
            e.run(600);
            watcher.join(10_000);
            assertFalse(watcher.isAlive(), "the watcher still waits at step " + e.step());
            assertTrue(spikesSeen[0] > 0 && spikesSeen[0] <= e.spikeCount(), "spikes seen: " + spikesSeen[0]);
        }
    }
}
