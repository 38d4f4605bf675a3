package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.engram.simulator.input.ConstantCurrents;
import org.engram.simulator.input.NoiseCurrent;
import org.engram.simulator.model.LifExp;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * A drive into chosen neurons, given in any order, reaches each of them once and with its own value when a
 * population is advanced block by block: it holds them in ascending order and starts a block's call where the
 * block's neurons start ({@link ChosenInOrder}).
 */
class ChosenInOrderTest {
    private static final int NEURONS = 5000;
    /** Chosen neurons out of order, at and beside the edges of blocks of 1,024 and 4,096 neurons. */
    private static final int[] CHOSEN = {4099, 0, 4096, 1023, 1024, 4095, 2048, 4999};

    @Test
    void ordersFindsAndPermutes() {
        int[] order = ChosenInOrder.order(new int[] {5, 1, 9, 3});
        assertArrayEquals(new int[] {1, 3, 0, 2}, order);
        assertArrayEquals(new double[] {0.1, 0.3, 0.5, 0.9},
                ChosenInOrder.permuted(new double[] {0.5, 0.1, 0.9, 0.3}, order));
        int[] ascending = {1, 3, 5, 9};
        assertEquals(0, ChosenInOrder.firstFrom(ascending, 0));
        assertEquals(1, ChosenInOrder.firstFrom(ascending, 3));
        assertEquals(2, ChosenInOrder.firstFrom(ascending, 4));
        assertEquals(4, ChosenInOrder.firstFrom(ascending, 10));
        assertNull(ChosenInOrder.sorted(null));
        assertArrayEquals(new int[] {1, 3, 5, 9}, ChosenInOrder.sorted(new int[] {9, 5, 3, 1}));
    }

    /** Each chosen neuron's constant current is its own amplitude, whichever block its call comes from. */
    @Test
    void constantCurrentsReachEachChosenNeuronWithItsAmplitude() {
        double[] amplitudes = new double[CHOSEN.length];
        for (int k = 0; k < CHOSEN.length; k++) {
            amplitudes[k] = 10 + k;
        }
        CurrentDrive drive = new CurrentDrive(new ConstantCurrents(population(), CHOSEN, amplitudes));
        for (int block : new int[] {1024, 4096, 1000}) {
            double[] row = new double[NEURONS];
            for (int lo = 0; lo < NEURONS; lo += block) {
                drive.add(row, lo, Math.min(NEURONS, lo + block), 0);
            }
            double[] expected = new double[NEURONS];
            for (int k = 0; k < CHOSEN.length; k++) {
                expected[CHOSEN[k]] = amplitudes[k];
            }
            assertArrayEquals(expected, row, "blocks of " + block);
        }
    }

    /** A chosen neuron's noise is, bit for bit, what the same source draws for it when every neuron is driven. */
    @Test
    void noiseReachesEachChosenNeuronAsWhenAllAreDriven() {
        Population<?, ?> p = population();
        NoiseDrive chosen = new NoiseDrive(new NoiseCurrent(p, CHOSEN, 5, 2), 0, 42);
        NoiseDrive all = new NoiseDrive(new NoiseCurrent(p, null, 5, 2), 0, 42);
        for (int step = 0; step < 3; step++) {
            double[] chosenRow = new double[NEURONS];
            double[] allRow = new double[NEURONS];
            for (int lo = 0; lo < NEURONS; lo += 1024) {
                chosen.add(chosenRow, lo, Math.min(NEURONS, lo + 1024));
            }
            all.add(allRow, 0, NEURONS);
            double[] expected = new double[NEURONS];
            for (int i : CHOSEN) {
                expected[i] = allRow[i];
            }
            assertArrayEquals(expected, chosenRow, "step " + step);
        }
    }

    private static Population<?, ?> population() {
        return new NetworkBuilder(0.1).population("cells", NEURONS, LifExp.MODEL, LifExp.MODEL.defaults());
    }
}
