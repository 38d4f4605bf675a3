package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.monitor.RateMonitor;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * A rate monitor's bins that the heap cannot hold are refused before the run, not after it: they
 * were grown when the run ended, so a run of hours failed with an OutOfMemoryError at its end.
 */
class RateRoomTest {
    /** 2.1e9 bins of 0.1 ms (59 hours of network time) take 16.8 GB: refused before a step is taken. */
    @Test
    void binsPastTheHeapAreRefusedBeforeTheRun() {
        assumeTrue(Runtime.getRuntime().maxMemory() < 16e9, "a heap of 16.8 GB or more holds the bins");
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> p = b.population("lone", 1, LifDelta.MODEL, LifDelta.MODEL.defaults());
        Network network = b.build();
        try (Engine engine = new Engine(network, EngineOptions.grid(1))) {
            RateMonitor rate = engine.recordRate(p, 0.1);
            HeapLimitExceeded e = assertThrows(HeapLimitExceeded.class, () -> engine.run(2.1e8));
            assertTrue(e.getMessage().startsWith("rate monitor of 'lone': bin: expected bins that fit the Java heap")
                    && e.getMessage().contains("found 2100000000 bins of 0.1 ms up to 2.1E8 ms (16800 MB)"),
                    e.getMessage());
            // The heap it was measured against, in MB as the JVM reports it.
            String heap = String.format(Locale.ROOT, "(%.0f MB in all), 8 bytes each",
                    Runtime.getRuntime().maxMemory() / 1e6);
            assertTrue(e.getMessage().contains(heap), e.getMessage());
            assertEquals(0, engine.timeMs());
            engine.run(1);
            assertEquals(10, rate.ratesHz().length);
        }
    }
}
