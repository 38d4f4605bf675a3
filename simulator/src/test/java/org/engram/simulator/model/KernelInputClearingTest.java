package org.engram.simulator.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.engram.simulator.engine.TimeGrid;
import org.junit.jupiter.api.Test;

/**
 * What a grid kernel does to its input rows: one that says it clears its input ({@link Kernel#clearsInput()})
 * zeroes each step's input of exactly the neurons and steps of its call, for the engine leaves the rows to it;
 * any other leaves every row as it found it, for the engine clears them.
 */
class KernelInputClearingTest {
    private static final int NEURONS = 256;
    private static final int SLOTS = 8;
    private static final int LO = 64;
    private static final int HI = 200;
    private static final int FROM_STEP = 3;
    private static final int TO_STEP = 6;

    @Test
    void aKernelClearsTheInputOfItsCallAndNoOther() {
        List<String> clearing = new ArrayList<>();
        for (NeuronModel<?, ?> m : NeuronModels.all()) {
            if (m.takesInput() && advanceOverRandomInput(m)) {
                clearing.add(m.name());
            }
        }
        assertEquals(List.of(LifDelta.NAME, LifExp.NAME, LifAlpha.NAME, LifCondExp.NAME, AdaptiveLif.NAME).stream()
                .sorted().toList(), clearing.stream().sorted().toList(), "the built-in models whose kernels clear");
    }

    /**
     * Advances neurons {@code [LO, HI)} of a model's default population through steps {@code [FROM_STEP,
     * TO_STEP)} over rows of random input, and checks each row element against what the kernel promises.
     *
     * @return whether the model's kernel clears its input
     */
    private static <P extends Record, S extends NeuronState> boolean advanceOverRandomInput(NeuronModel<P, S> m) {
        Random random = new Random(m.name().hashCode());
        double[][] excitatory = new double[SLOTS][NEURONS];
        double[][] inhibitory = new double[SLOTS][NEURONS];
        double[][] current = new double[SLOTS][NEURONS];
        for (int r = 0; r < SLOTS; r++) {
            for (int i = 0; i < NEURONS; i++) {
                excitatory[r][i] = random.nextDouble();
                inhibitory[r][i] = -random.nextDouble();
                current[r][i] = 10 * random.nextDouble();
            }
        }
        double[][][] before = {deepCopy(excitatory), deepCopy(inhibitory), deepCopy(current)};
        InputView in = new InputView(excitatory, inhibitory, current);
        TimeGrid grid = new TimeGrid(0.1);
        Kernel<S> kernel = m.prepare(m.defaults(), grid);
        kernel.update(m.newState(NEURONS, m.defaults()), LO, HI, FROM_STEP, TO_STEP, in, new SpikeSink() {
            @Override
            public void spike(int i, int step) {
            }

            @Override
            public void spikeAt(int i, double timeMs) {
            }
        });
        boolean clears = kernel.clearsInput();
        double[][][] after = {excitatory, inhibitory, current};
        for (int receptor = 0; receptor < after.length; receptor++) {
            for (int r = 0; r < SLOTS; r++) {
                double[] expected = before[receptor][r].clone();
                if (clears && advancedRow(in, r)) {
                    for (int i = LO; i < HI; i++) {
                        expected[i] = 0;
                    }
                }
                assertArrayEquals(expected, after[receptor][r], m.name() + ": receptor " + receptor + ", row " + r);
            }
        }
        return clears;
    }

    private static boolean advancedRow(InputView in, int row) {
        for (int step = FROM_STEP; step < TO_STEP; step++) {
            if (in.row(step) == row) {
                return true;
            }
        }
        return false;
    }

    private static double[][] deepCopy(double[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            copy[r] = rows[r].clone();
        }
        return copy;
    }
}
