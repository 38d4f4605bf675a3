package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A neuron's input events of a step: sorted by time, ties in the order they were added. */
class EventScratchTest {

    @Test
    void equalTimesKeepTheirInsertionOrder() {
        EventScratch s = new EventScratch();
        double[][] events = {{1.0, 1}, {0.5, 2}, {1.0, 3}, {0.5, 4}, {0.25, 5}, {1.0, 6}};
        for (double[] e : events) {
            s.add(e[0], e[1], e[1] % 2 == 0);
        }
        s.sortByTime();
        assertEquals(6, s.count);
        assertArrayEquals(new double[] {0.25, 0.5, 0.5, 1.0, 1.0, 1.0}, Arrays.copyOf(s.timeMs, 6));
        assertArrayEquals(new double[] {5, 2, 4, 1, 3, 6}, Arrays.copyOf(s.weight, 6));
        assertArrayEquals(new boolean[] {false, true, true, false, false, true}, Arrays.copyOf(s.inhibitory, 6));
    }

    /** More events than the first arrays hold (64) are all kept, and a cleared list starts again. */
    @Test
    void holdsAnyNumberOfEvents() {
        EventScratch s = new EventScratch();
        int n = 1000;
        for (int k = 0; k < n; k++) {
            s.add(n - k, k, k % 3 == 0);
        }
        s.sortByTime();
        assertEquals(n, s.count);
        for (int k = 0; k < n; k++) {
            assertEquals(k + 1, s.timeMs[k]);
            assertEquals(n - 1 - k, s.weight[k]);
            assertEquals((n - 1 - k) % 3 == 0, s.inhibitory[k]);
        }
        s.clear();
        s.add(7, 8, true);
        assertEquals(1, s.count);
        assertEquals(7, s.timeMs[0]);
    }
}
