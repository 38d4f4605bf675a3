package org.engram.simulator.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * The monitors' heap errors report, through their accessors and messages, the sizes that were asked
 * for, worked out by hand from the bins or spikes and their bytes.
 */
class HeapLimitErrorsTest {
    private static final Population<?, ?> LONE = new NetworkBuilder(0.1).seed(1).population("lone", 4,
            LifDelta.MODEL, LifDelta.MODEL.defaults());

    /** Bins of 1 ms up to 2e9 ms: 2e9 bins of 8 bytes, 16 GB, refused before anything is allocated. */
    @Test
    void binsPastTheHeapAreReportedWithTheirCountWidthTimeAndSize() {
        assumeTrue(Runtime.getRuntime().maxMemory() < 16e9, "a heap of 16 GB or more holds the bins");
        RateMonitor rate = new RateMonitor(LONE, 1.0);
        rate.onSpike(LONE, 0, 0.5);
        RatesPastTheHeap e = assertThrows(RatesPastTheHeap.class, () -> rate.reserveTo(2e9));
        assertEquals("lone", e.population());
        assertEquals(2_000_000_000, e.bins());
        assertEquals(1.0, e.binMs());
        assertEquals(2e9, e.timeMs());
        assertEquals(16_000, e.megabytes(), 1e-9);   // 2e9 x 8 bytes / 1e6
        assertTrue(e.getMessage().contains("found 2000000000 bins of 1.0 ms up to 2.0E9 ms (16000 MB)"),
                e.getMessage());
        String heap = String.format(Locale.ROOT, "(%.0f MB in all), 8 bytes each",
                Runtime.getRuntime().maxMemory() / 1e6);
        assertTrue(e.getMessage().contains(heap), e.getMessage());
        // The bin counted before the refusal stays: one spike of 4 neurons in 0.5 ms is 500 Hz.
        rate.extendTo(0.5);
        assertEquals(500, rate.rateHz(0), 1e-9);
    }

    /** 250 million spikes of 12 bytes are 3000 MB; the error keeps what the recorder held and when. */
    @Test
    void spikesPastTheHeapAreReportedWithTheRecorderTheSpikesAndTheirSize() {
        SpikesPastTheHeap e = new SpikesPastTheHeap("lone", 3, 125_000_000, 250_000_000L, 12.5);
        assertEquals("lone", e.population());
        assertEquals(3, e.neurons());
        assertEquals(125_000_000, e.spikes());
        assertEquals(12.5, e.timeMs());
        assertTrue(e.getMessage().contains("found 125000000 spikes of 3 neurons by 12.5 ms, and no room to grow to"
                + " 250000000 (3000 MB)"), e.getMessage());
        String heap = String.format(Locale.ROOT, "(%.0f MB in all), 12 bytes each",
                Runtime.getRuntime().maxMemory() / 1e6);
        assertTrue(e.getMessage().contains(heap), e.getMessage());
    }
}
