package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A slot's queued events, sorted by neuron at their step: each neuron's in the order they were
 * delivered, the counts turned into the ends of their runs, the queue emptied.
 */
class PreciseQueueTest {

    /** Neurons 10-14 of a slot at base 100 (slot 1 of 100 neurons), events delivered out of neuron order. */
    @Test
    void sortsByNeuronKeepingEachNeuronsDeliveryOrder() {
        int base = 100;
        int[] counts = new int[300];
        PreciseQueue queue = new PreciseQueue();
        int[] to = {12, 10, 12, 14, 10, 12};
        for (int e = 0; e < to.length; e++) {
            queue.push(0.01 * e, e + 1, e % 2 == 1, to[e]);
            counts[base + to[e]]++;
        }
        PreciseQueue sorted = new PreciseQueue();
        queue.sortByTarget(counts, base, 10, 15, sorted);
        // By hand: neuron 10 has events 1 and 4, neuron 12 events 0, 2 and 5, neuron 14 event 3.
        assertEquals(6, sorted.count);
        assertArrayEquals(new int[] {10, 10, 12, 12, 12, 14}, Arrays.copyOf(sorted.target, 6));
        assertArrayEquals(new double[] {2, 5, 1, 3, 6, 4}, Arrays.copyOf(sorted.weight, 6));
        assertArrayEquals(new double[] {0.01, 0.04, 0.0, 0.02, 0.05, 0.03}, Arrays.copyOf(sorted.offsetMs, 6));
        assertArrayEquals(new boolean[] {true, false, false, false, true, true}, Arrays.copyOf(sorted.inhibitory, 6));
        // Each neuron's events end where its entry says; the next neuron's begin there.
        assertArrayEquals(new int[] {2, 2, 5, 5, 6}, Arrays.copyOfRange(counts, base + 10, base + 15));
        assertEquals(0, queue.count);
        // Other slots' and neurons' counts are untouched.
        assertEquals(0, Arrays.stream(counts, 0, base + 10).sum() + Arrays.stream(counts, base + 15, 300).sum());
    }

    /** More events than either queue's first arrays (64) hold, in a range of one neuron's events reversed. */
    @Test
    void sortsAnyNumberOfEvents() {
        int n = 1000;
        int[] counts = new int[n];
        PreciseQueue queue = new PreciseQueue();
        for (int e = 0; e < 5 * n; e++) {
            int neuron = n - 1 - e % n;
            queue.push(e, e, false, neuron);
            counts[neuron]++;
        }
        PreciseQueue sorted = new PreciseQueue();
        queue.sortByTarget(counts, 0, 0, n, sorted);
        assertEquals(5 * n, sorted.count);
        for (int i = 0; i < n; i++) {
            assertEquals(5 * (i + 1), counts[i]);
            for (int k = 0; k < 5; k++) {
                // Neuron i's k-th event was pushed as event (n - 1 - i) + k n.
                assertEquals((n - 1 - i) + k * n, sorted.weight[5 * i + k]);
            }
        }
    }

    /**
     * The counts of one slot and all neurons sit in one array that every worker's queues share:
     * a worker sorting its neurons 10-14 of slot 1 (base 20, 20 neurons per slot) leaves alone the
     * pending counts of the other workers' neurons and of the other slots, here all non-zero.
     */
    @Test
    void leavesTheCountsOfOtherNeuronsAndSlotsAlone() {
        int[] counts = new int[60];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = 100 + i;
        }
        int base = 20;
        PreciseQueue queue = new PreciseQueue();
        int[] to = {13, 11, 13};
        Arrays.fill(counts, base + 10, base + 15, 0);
        for (int e = 0; e < to.length; e++) {
            queue.push(0, e, false, to[e]);
            counts[base + to[e]]++;
        }
        queue.sortByTarget(counts, base, 10, 15, new PreciseQueue());
        // By hand: neuron 10 none (ends at 0), 11 one (1), 12 none (1), 13 two (3), 14 none (3).
        assertArrayEquals(new int[] {0, 1, 1, 3, 3}, Arrays.copyOfRange(counts, base + 10, base + 15));
        for (int i = 0; i < counts.length; i++) {
            if (i < base + 10 || i >= base + 15) {
                assertEquals(100 + i, counts[i], "count " + i);
            }
        }
    }

    /** A step without queued events leaves the counts at 0 and an empty sorted list. */
    @Test
    void anEmptyQueueSortsToNothing() {
        int[] counts = new int[10];
        PreciseQueue sorted = new PreciseQueue();
        sorted.count = 3;
        new PreciseQueue().sortByTarget(counts, 0, 0, 10, sorted);
        assertEquals(0, sorted.count);
        assertArrayEquals(new int[10], counts);
    }
}
