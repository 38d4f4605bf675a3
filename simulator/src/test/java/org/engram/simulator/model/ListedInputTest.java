package org.engram.simulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.engram.simulator.engine.TimeGrid;
import org.junit.jupiter.api.Test;

/**
 * A kernel's step with listed synaptic input ({@link Kernel#updateListed}) leaves the state to the bit as its
 * step with the same input in the rows ({@link Kernel#update}) does, fires the same neurons, and takes the
 * current from the rows as that does: the engine chooses between them by how many events a block receives, which
 * must change no result.
 */
class ListedInputTest {
    private static final int NEURONS = 256;
    private static final int SLOTS = 3;
    private static final int LO = 64;
    private static final int HI = 200;
    private static final int STEPS = 400;

    @Test
    void theBuiltInModelsThatTakeListedInput() {
        List<String> listing = new ArrayList<>();
        TimeGrid grid = new TimeGrid(0.1);
        for (NeuronModel<?, ?> m : NeuronModels.all()) {
            if (m.takesInput() && prepared(m, grid).takesListedInput()) {
                listing.add(m.name());
                assertTrue(prepared(m, grid).clearsInput(), m.name() + " clears its input, as listing asks");
            }
        }
        assertEquals(List.of(AdaptiveLif.NAME, LifAlpha.NAME, LifDelta.NAME, LifExp.NAME).stream().sorted().toList(),
                listing.stream().sorted().toList());
    }

    /** A list holds the neurons put at places 0 to its count; a count outside 0 to its capacity is refused. */
    @Test
    void aListHoldsTheNeuronsUpToItsCount() {
        ListedInput listed = new ListedInput(3);
        listed.set(0, 7, 0, -1.5);
        listed.set(1, 2, 0.5, -0.25);
        listed.setCount(2);
        assertEquals(2, listed.count());
        assertEquals(7, listed.neuron(0));
        assertEquals(2, listed.neuron(1));
        assertEquals(-1.5, listed.inhibitory(0));
        assertEquals(0.5, listed.excitatory(1));
        assertEquals(-0.25, listed.inhibitory(1));
        listed.set(1, 9, 2.0, 0);
        assertEquals(9, listed.neuron(1));
        assertEquals(2.0, listed.excitatory(1), "a place set again holds the new neuron's input");
        assertEquals(0.0, listed.inhibitory(1));
        listed.setCount(3);
        listed.setCount(0);
        assertEquals(0, listed.count());
        IllegalArgumentException past = assertThrows(IllegalArgumentException.class, () -> listed.setCount(4));
        assertEquals("listed input: count 4 is outside 0 to the capacity, 3", past.getMessage());
        assertThrows(IllegalArgumentException.class, () -> listed.setCount(-1));
    }

    @Test
    void lifDeltaGivesTheSameBitsEitherWay() {
        sameBitsEitherWay(LifDelta.MODEL, 4);
    }

    @Test
    void lifExpGivesTheSameBitsEitherWay() {
        sameBitsEitherWay(LifExp.MODEL, 100);
    }

    @Test
    void lifAlphaGivesTheSameBitsEitherWay() {
        sameBitsEitherWay(LifAlpha.MODEL, 100);
    }

    @Test
    void adaptiveLifGivesTheSameBitsEitherWay() {
        sameBitsEitherWay(AdaptiveLif.MODEL, 100);
    }

    /**
     * {@code lif_alpha} scales its input by a jump before adding it to the drive: an input of the least magnitude
     * gives a jump that rounds to {@code -0.0} (inhibitory) or {@code 0.0}, which on a drive of {@code -0.0} must
     * leave the same zero listed as in rows.
     */
    @Test
    void lifAlphaGivesTheSameZerosWhereAJumpUnderflows() {
        TimeGrid grid = new TimeGrid(0.1);
        LifAlpha.Params p = new LifAlpha.Params(10, 250, -70, -55, -70, 2, 0, 10, 10);   // jumps of e / 10
        Kernel<LifAlpha.State> kernel = LifAlpha.MODEL.prepare(p, grid);
        LifAlpha.State rowsState = LifAlpha.MODEL.newState(NEURONS, p);
        LifAlpha.State listedState = LifAlpha.MODEL.newState(NEURONS, p);
        for (LifAlpha.State s : List.of(rowsState, listedState)) {
            Arrays.fill(s.dISynEx, -0.0);
            Arrays.fill(s.dISynIn, -0.0);
        }
        double[][] ex = new double[SLOTS][NEURONS];
        double[][] in = new double[SLOTS][NEURONS];
        int row = new InputView(ex, in, null).row(0);
        ListedInput listed = new ListedInput(NEURONS);
        for (int i = LO; i < HI; i++) {
            ex[row][i] = Double.MIN_VALUE;
            in[row][i] = -Double.MIN_VALUE;
            listed.set(i - LO, i, Double.MIN_VALUE, -Double.MIN_VALUE);
        }
        listed.setCount(HI - LO);
        kernel.update(rowsState, LO, HI, 0, 1, new InputView(ex, in, null), new Spikes());
        kernel.updateListed(listedState, LO, HI, 0,
                new InputView(new double[SLOTS][NEURONS], new double[SLOTS][NEURONS], null), listed, new Spikes());
        for (String name : rowsState.variableNames()) {
            for (int i = LO; i < HI; i++) {
                assertEquals(Double.doubleToRawLongBits(rowsState.values(name)[i]),
                        Double.doubleToRawLongBits(listedState.values(name)[i]), name + "[" + i + "]");
            }
        }
    }

    @Test
    void aKernelThatTakesNoListedInputRefusesIt() {
        Kernel<LifCondExp.State> kernel = LifCondExp.MODEL.prepare(LifCondExp.MODEL.defaults(), new TimeGrid(0.1));
        LifCondExp.State state = LifCondExp.MODEL.newState(NEURONS, LifCondExp.MODEL.defaults());
        InputView in = new InputView(new double[SLOTS][NEURONS], new double[SLOTS][NEURONS], null);
        assertThrows(UnsupportedOperationException.class,
                () -> kernel.updateListed(state, LO, HI, 0, in, new ListedInput(NEURONS), new Spikes()));
    }

    /**
     * Runs two copies of a population step by step over the same random input, sparse as in a network at low
     * rates, with some neurons refractory and some currents at {@code -0.0}: one through the rows, one listed.
     *
     * @param weight the largest weight of an event, in the model's unit
     */
    private static <P extends Record, S extends IntegrateAndFireState> void sameBitsEitherWay(NeuronModel<P, S> m,
            double weight) {
        Random random = new Random(7);
        TimeGrid grid = new TimeGrid(0.1);
        Kernel<S> kernel = m.prepare(m.defaults(), grid);
        S rowsState = m.newState(NEURONS, m.defaults());
        S listedState = m.newState(NEURONS, m.defaults());
        List<String> variables = rowsState.variableNames();
        for (S s : List.of(rowsState, listedState)) {
            Random same = new Random(11);
            for (String name : variables) {
                double[] x = s.values(name);
                for (int i = 0; i < NEURONS; i++) {
                    // Potentials around the threshold, so that neurons fire and become refractory; some -0.0.
                    x[i] = same.nextInt(10) == 0 ? -0.0 : name.equals("v")
                            ? -70 + 25 * same.nextDouble() : 200 * (same.nextDouble() - 0.5);
                }
            }
            for (int i = 0; i < NEURONS; i += 7) {
                s.refractorySteps[i] = 1 + i % 5;
            }
            s.requireValid("p");
        }
        double[][] ex = new double[SLOTS][NEURONS];
        double[][] in = new double[SLOTS][NEURONS];
        double[][] current = new double[SLOTS][NEURONS];
        double[][] noSynapticInput = new double[SLOTS][NEURONS];
        double[][] listedCurrent = new double[SLOTS][NEURONS];
        InputView rowsView = new InputView(ex, in, current);
        InputView listedView = new InputView(noSynapticInput, new double[SLOTS][NEURONS], listedCurrent);
        ListedInput listed = new ListedInput(NEURONS);
        Spikes rowsSpikes = new Spikes();
        Spikes listedSpikes = new Spikes();
        for (int step = 0; step < STEPS; step++) {
            int row = rowsView.row(step);
            int listedNeurons = 0;
            for (int i = LO; i < HI; i++) {
                double c = random.nextInt(4) == 0 ? 300 * random.nextDouble() : 0;
                current[row][i] = c;
                listedCurrent[row][i] = c;
                if (random.nextInt(10) != 0) {
                    continue;
                }
                // A few events each, summed in the order they come, as the rows and the engine's lists sum them.
                double excitatory = 0;
                double inhibitory = 0;
                for (int e = random.nextInt(4); e >= 0; e--) {
                    double w = weight * random.nextDouble();
                    if (random.nextBoolean()) {
                        ex[row][i] += w;
                        excitatory += w;
                    } else {
                        in[row][i] -= w;
                        inhibitory -= w;
                    }
                }
                listed.set(listedNeurons++, i, excitatory, inhibitory);
            }
            listed.setCount(listedNeurons);
            kernel.update(rowsState, LO, HI, step, step + 1, rowsView, rowsSpikes);
            kernel.updateListed(listedState, LO, HI, step, listedView, listed, listedSpikes);
            for (String name : variables) {
                double[] a = rowsState.values(name);
                double[] b = listedState.values(name);
                for (int i = 0; i < NEURONS; i++) {
                    String place = m.name() + " " + name + "[" + i + "] after step " + step;
                    assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), place);
                }
            }
            assertEquals(rowsSpikes.fired, listedSpikes.fired, m.name() + ": the spikes through step " + step);
            for (double[][] rows : List.of(ex, in, current, listedCurrent)) {
                for (int i = LO; i < HI; i++) {
                    assertEquals(0.0, rows[row][i], "the step's input is taken");
                }
            }
        }
        assertTrue(rowsSpikes.fired.size() > 50, m.name() + " fired " + rowsSpikes.fired.size() + " times");
    }

    private static Kernel<?> prepared(NeuronModel<?, ?> m, TimeGrid grid) {
        return prepare(m, grid);
    }

    private static <P extends Record, S extends NeuronState> Kernel<S> prepare(NeuronModel<P, S> m, TimeGrid grid) {
        return m.prepare(m.defaults(), grid);
    }

    /** Keeps the spikes, as (step, neuron) pairs. */
    private static final class Spikes implements SpikeSink {
        final List<List<Integer>> fired = new ArrayList<>();

        @Override
        public void spike(int i, int step) {
            fired.add(List.of(step, i));
        }

        @Override
        public void spikeAt(int i, double timeMs) {
            throw new AssertionError("a grid kernel reports steps");
        }
    }
}
