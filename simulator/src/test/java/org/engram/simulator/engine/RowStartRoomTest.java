package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

/**
 * The engine's per-thread row starts (4 bytes per source neuron, thread and projection) that the
 * heap cannot hold are refused by the thread count, not left to a bare OutOfMemoryError: CUBA's
 * million neurons on 256 threads need 2 GB of them, where one thread runs it in 0.9 GB.
 */
class RowStartRoomTest {
    /** 1.2 million sources on 1,024 threads: 4.9 GB of row starts, refused before any is allocated. */
    @Test
    void rowStartsPastTheHeapAreRefusedByTheThreadCount() {
        assumeTrue(Runtime.getRuntime().maxMemory() < 4.9e9, "a heap of 4.9 GB or more holds the row starts");
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> p = b.population("many", 1_200_000, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("self", p, p, Rules.oneToOne(), Synapses.excitatory(0.1).delayMs(1));
        Network network = b.build();
        HeapLimitExceeded e = assertThrows(HeapLimitExceeded.class,
                () -> new Engine(network, EngineOptions.grid(1024)));
        assertTrue(e.getMessage().startsWith("engine: threads: expected row starts that fit the Java heap")
                && e.getMessage().contains("found 1024 threads for projection 'self' from 1200000 neurons (4915 MB)"),
                e.getMessage());
        // The heap it names is the JVM's maximum in MB (10^6 bytes), rounded to a whole MB.
        Matcher heap = Pattern.compile("Java heap \\((\\d+) MB in all").matcher(e.getMessage());
        assertTrue(heap.find(), e.getMessage());
        assertEquals(Runtime.getRuntime().maxMemory(), Long.parseLong(heap.group(1)) * 1e6, 0.5e6, e.getMessage());
    }
}
