package org.engram.simulator.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.engram.simulator.EngramException;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * A recorder grows up to its bound, the longest Java array, and past it says so rather than
 * failing with a negative array size (doubling an int count past 2^30 overflows).
 */
class SpikeRecorderBoundTest {

    @Test
    void growsToItsBoundThenRefusesTheNextSpike() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 3, LifDelta.MODEL, LifDelta.MODEL.defaults());
        int bound = 1500;   // past the first array of 1,024, short of its double
        SpikeRecorder recorder = new SpikeRecorder(p, null, bound);
        for (int k = 0; k < bound; k++) {
            recorder.onSpike(p, k % 3, 0.1 * k);
        }
        assertEquals(bound, recorder.count());
        assertEquals(0.1 * (bound - 1), recorder.timesMs()[bound - 1], 0.0);
        EngramException e = assertThrows(EngramException.class, () -> recorder.onSpike(p, 0, 1e6));
        assertTrue(e.getMessage().startsWith("spike recorder of 'p': expected at most 1500 spikes"), e.getMessage());
        // The refused spike's own time, not that of the last one kept (149.9 ms).
        assertTrue(e.getMessage().contains("found one more at 1000000.0 ms"), e.getMessage());
        assertEquals(bound, recorder.count());
        assertArrayEquals(new int[] {0, 1, 2}, Arrays.copyOf(recorder.neurons(), 3));
    }
}
