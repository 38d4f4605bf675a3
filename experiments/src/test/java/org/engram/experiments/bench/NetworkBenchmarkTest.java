package org.engram.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.engine.Mode;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.monitor.SpikeTrainDigest;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.reference.CubaNetwork;
import org.junit.jupiter.api.Test;

/**
 * What {@code engram bench} reports: the figures of the timed run alone, warm-up or not, each as its
 * definition gives it from the run's counts and times.
 */
class NetworkBenchmarkTest {
    private static final int GARBAGE_BYTES = 256 << 20;

    /** Holds a factory's large allocation, so that it cannot be removed as unused. */
    private static byte[] sink;

    private static Network tiny() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> p = b.population("p", 100, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.poissonInput(p, 20_000, 1.0, Receptor.EXCITATORY);
        return b.build();
    }

    private static long heapInUse() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getUsage().getUsed();
            }
        }
        return sum;
    }

    @Test
    void theWarmUpsMemoryDoesNotCountInThePeakHeap() {
        int[] builds = {0};
        NetworkBenchmark.NetworkFactory factory = () -> {
            if (builds[0]++ == 0) {
                // The warm-up copy's build passes through 256 MB more than the timed one's.
                sink = new byte[GARBAGE_BYTES];
                sink[GARBAGE_BYTES - 1] = 1;
                sink = null;
            }
            return tiny();
        };
        System.gc();
        long live = heapInUse();
        Map<String, Object> r = NetworkBenchmark.run("tiny", factory, 50, 10, 1, Mode.GRID, Set.of());
        assertEquals(2, builds[0], "a warm-up copy and the timed network");
        long peak = (Long) r.get("peak_heap_bytes");
        // The timed run of 100 neurons needs well under a megabyte; half the garbage is a bound far
        // above that and far below the peak the warm-up made, which counted before.
        assertTrue(peak < live + GARBAGE_BYTES / 2, "peak " + peak + " bytes with " + live + " bytes live before");
    }

    /** No warm-up asked for, no copy built: the network is built once, for the timed run. */
    @Test
    void noWarmUpBuildsTheNetworkOnce() {
        int[] builds = {0};
        NetworkBenchmark.run("tiny", () -> {
            builds[0]++;
            return tiny();
        }, 5, 0, 1, Mode.GRID, Set.of());
        assertEquals(1, builds[0]);
    }

    /**
     * The warm-up simulates its copy for the time asked: the copy's membrane potentials afterwards are those
     * of the same network simulated here for 10 ms, and differ from those it was built with.
     */
    @Test
    void theWarmUpSimulatesItsCopyForTheWarmUpTime() {
        List<Network> built = new ArrayList<>();
        NetworkBenchmark.run("tiny", () -> {
            Network n = tiny();
            built.add(n);
            return n;
        }, 5, 10, 1, Mode.GRID, Set.of());
        double[] warmedUp = built.get(0).population("p").values("v");
        Network own = tiny();
        double[] before = own.population("p").values("v").clone();   // the live array
        try (Engine engine = new Engine(own, new EngineOptions(1, Mode.GRID))) {
            engine.run(10);
        }
        assertArrayEquals(own.population("p").values("v"), warmedUp);
        assertFalse(Arrays.equals(before, warmedUp), "10 ms of 20 kHz input moves the potentials");
    }

    /**
     * The reported times are parts of the time the call took, so they lie between 0 and the time measured
     * around it (an invariant, not a speed: it holds on any machine), and the event rate is the events over
     * the loop's time. The CUBA network of 1000 neurons passes spikes on its synapses within 20 ms.
     */
    @Test
    void theTimesArePartsOfTheCallAndTheRateIsEventsOverLoopTime() {
        long before = System.nanoTime();
        Map<String, Object> r = NetworkBenchmark.run("cuba", () -> new CubaNetwork(1000, 80).build(0.1, 1), 20, 0,
                1, Mode.GRID, Set.of());
        double elapsed = (System.nanoTime() - before) / 1e9;
        double setup = (Double) r.get("setup_seconds");
        double loop = (Double) r.get("loop_seconds");
        assertTrue(setup >= 0 && loop > 0 && setup + loop <= elapsed,
                "setup " + setup + " s and loop " + loop + " s of a call of " + elapsed + " s");
        long events = (Long) r.get("synaptic_events");
        assertTrue(events > 0, "events " + events);
        assertEquals(events / loop, (Double) r.get("events_per_second"));
    }

    /**
     * The spike counts and hash are those of the timed run: the same CUBA network simulated here for 20 ms with
     * a digest of its own gives the same spikes and hash, and the mean rate is its spikes per neuron per second.
     */
    @Test
    void theSpikesAndTheirHashAreThoseOfTheNetworkSimulatedAlike() {
        Map<String, Object> r = NetworkBenchmark.run("cuba", () -> new CubaNetwork(1000, 80).build(0.1, 1), 20, 0,
                1, Mode.GRID, Set.of());
        Network own = new CubaNetwork(1000, 80).build(0.1, 1);
        SpikeTrainDigest digest = SpikeTrainDigest.deferred(0.1);
        try (Engine engine = new Engine(own, new EngineOptions(1, Mode.GRID))) {
            engine.addObserver(digest);
            engine.run(20);
            assertTrue(engine.spikeCount() > 0, "spikes " + engine.spikeCount());
            assertEquals(engine.spikeCount(), r.get("spikes"));
            assertEquals(engine.spikeCount() / 20.0, r.get("mean_rate_hz"), "1000 neurons x 0.02 s");
        }
        assertEquals(digest.hex(), r.get("spike_hash"));
    }

    /**
     * The peak heap counts what the timed build holds, 256 MB kept reachable through the run, and the heap
     * alone: it is at most the heap pools' peaks read after the call, which can only have grown since (tests
     * run one at a time, so nothing resets them between), and which leave out the pools outside the heap.
     */
    @Test
    void thePeakHeapCountsWhatTheTimedRunHoldsOnTheHeap() {
        Map<String, Object> r = NetworkBenchmark.run("tiny", () -> {
            sink = new byte[GARBAGE_BYTES];
            sink[GARBAGE_BYTES - 1] = 1;
            return tiny();
        }, 5, 0, 1, Mode.GRID, Set.of());
        long heapPeaksAfter = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeaksAfter += pool.getPeakUsage().getUsed();
            }
        }
        long peak = (Long) r.get("peak_heap_bytes");
        sink = null;
        assertTrue(peak >= GARBAGE_BYTES && peak <= heapPeaksAfter,
                "peak " + peak + " bytes, heap pools' peaks after " + heapPeaksAfter);
    }

    /** A library caller's warm-up time is checked too: a negative or NaN one is refused, naming the option. */
    @Test
    void aWarmUpTimeBelowZeroOrNaNIsRefused() {
        for (double warmupMs : new double[] {-1, Double.NaN}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> NetworkBenchmark.run("tiny", NetworkBenchmarkTest::tiny, 5, warmupMs, 1, Mode.GRID,
                            Set.of()));
            assertEquals("--warmup-ms", e.location());
            assertEquals(String.valueOf(warmupMs), e.found());
        }
    }
}
