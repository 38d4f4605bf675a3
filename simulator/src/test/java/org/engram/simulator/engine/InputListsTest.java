package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.engram.simulator.model.ListedInput;
import org.junit.jupiter.api.Test;

/**
 * A block's listed input, as {@link InputLists#take} gives it, holds each neuron that a row would give input
 * once, in the order of its first event, with the sums a row would hold to the bit; a block whose list filled
 * has its events in the rows instead. Checked against rows summed here, event by event, over slots reused many
 * times, so that sums left behind by one take would show in a later one.
 */
class InputListsTest {
    private static final int SLOTS = 3;
    /** A worker's range starting inside a block, as ranges start at multiples of 64. */
    private static final int LO = 960;
    private static final int HI = 3100;

    @Test
    void listsSumEachNeuronsEventsAsTheRowsDo() {
        Random random = new Random(11);
        WorkerInput rows = new WorkerInput(HI, SLOTS, false);
        InputLists lists = new InputLists(LO, HI, SLOTS, rows);
        int listedBlocks = 0;
        int spilledBlocks = 0;
        for (int round = 0; round < 60; round++) {
            int slot = round % SLOTS;
            double[] excitatory = new double[HI];
            double[] inhibitory = new double[HI];
            List<Integer> arrival = new ArrayList<>();
            int base = lists.cellBase(slot);
            // Few events into most blocks, more than a list holds into one now and then; repeated targets,
            // weights of 0 and -0.0.
            int events = random.nextInt(4) == 0 ? 400 : 120;
            for (int e = 0; e < events; e++) {
                int target = random.nextInt(8) == 0 && !arrival.isEmpty()
                        ? arrival.get(random.nextInt(arrival.size())) : LO + random.nextInt(HI - LO);
                boolean isInhibitory = random.nextInt(5) == 0;
                double weight = random.nextInt(10) == 0 ? (isInhibitory ? -0.0 : 0.0)
                        : (isInhibitory ? -4.5 : 1.25) * random.nextDouble();
                lists.add(base, slot, target, isInhibitory, weight);
                if (isInhibitory) {
                    inhibitory[target] += weight;
                } else {
                    excitatory[target] += weight;
                }
                if (!arrival.contains(target)) {
                    arrival.add(target);
                }
            }
            for (int start = LO; start < HI; start = (start / InputLists.BLOCK + 1) * InputLists.BLOCK) {
                int end = Math.min(HI, (start / InputLists.BLOCK + 1) * InputLists.BLOCK);
                ListedInput listed = lists.take(slot, start);
                String where = "round " + round + ", block from " + start;
                if (listed == null) {
                    spilledBlocks++;
                    for (int i = start; i < end; i++) {
                        assertBits(excitatory[i], rows.excitatory[slot][i], where + ", row of neuron " + i);
                        assertBits(inhibitory[i], rows.inhibitory[slot][i], where + ", row of neuron " + i);
                        rows.excitatory[slot][i] = 0;
                        rows.inhibitory[slot][i] = 0;
                    }
                    continue;
                }
                listedBlocks++;
                List<Integer> expected = new ArrayList<>();
                for (int target : arrival) {
                    if (target >= start && target < end && (excitatory[target] != 0 || inhibitory[target] != 0)) {
                        expected.add(target);
                    }
                }
                assertEquals(expected.size(), listed.count(), where + ": the neurons with input, once each");
                for (int k = 0; k < listed.count(); k++) {
                    int i = listed.neuron(k);
                    assertEquals(expected.get(k), i, where + ": place " + k + ", in the order of first events");
                    assertBits(excitatory[i], listed.excitatory(k), where + ", excitatory input of neuron " + i);
                    assertBits(inhibitory[i], listed.inhibitory(k), where + ", inhibitory input of neuron " + i);
                }
            }
        }
        assertTrue(listedBlocks > 50 && spilledBlocks > 3, listedBlocks + " blocks listed, " + spilledBlocks
                + " in the rows");
    }

    /** Lists whose events would pass the largest Java array count as taking more than any heap holds. */
    @Test
    void listsPastTheLargestArrayAreNeverMade() {
        assertEquals(2 * (4 + 128 * 12), InputLists.bytes(0, 1024, 2), "a block's two slots: counts, targets, weights");
        assertEquals(2 * 2 * (4 + 128 * 12), InputLists.bytes(1000, 1100, 2), "a range that touches two blocks");
        assertEquals(Double.POSITIVE_INFINITY, InputLists.bytes(0, 1 << 30, 16_384));
    }

    private static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                what + ": " + expected + " expected, " + actual + " found");
    }
}
