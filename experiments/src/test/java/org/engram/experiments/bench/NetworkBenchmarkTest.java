package org.engram.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Map;
import org.engram.simulator.engine.Mode;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/** What {@code engram bench} reports of a run with a warm-up is that of the timed run alone. */
class NetworkBenchmarkTest {
    private static final int GARBAGE_BYTES = 256 << 20;

    /** Kept reachable only while the warm-up copy is built, so the allocation cannot be removed. */
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
        Map<String, Object> r = NetworkBenchmark.run("tiny", factory, 50, 10, 1, Mode.GRID);
        assertEquals(2, builds[0], "a warm-up copy and the timed network");
        long peak = (Long) r.get("peak_heap_bytes");
        // The timed run of 100 neurons needs well under a megabyte; half the garbage is a bound far
        // above that and far below the peak the warm-up made, which counted before.
        assertTrue(peak < live + GARBAGE_BYTES / 2, "peak " + peak + " bytes with " + live + " bytes live before");
    }
}
