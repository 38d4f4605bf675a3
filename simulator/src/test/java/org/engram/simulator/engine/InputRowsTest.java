package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.LifExp;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * Grid mode's rows of input per worker: what rows of each worker's own cost beyond one shared
 * set, counted by hand, and when the engine gives them. That both give the same spikes is
 * {@link DeterminismTest}'s.
 */
class InputRowsTest {
    private static final TimeGrid GRID = new TimeGrid(0.1);

    @Test
    void extraMemoryCountsTheNeuronsBeforeEachLaterWorkersRange() {
        // 200 neurons on 2 workers: worker 1's range starts at 128 (100 rounded to a multiple of 64),
        // so its rows hold 128 neurons unused, x 3 slots x 2 receptors x 8 bytes.
        assertEquals(128 * 3 * 16, extraBytes(200, 3, false, 2, 0));
        // On 3 workers the ranges start at 0, 64 and 128: 192 unused neurons; a current adds a third array.
        assertEquals(192 * 3 * 24, extraBytes(200, 3, true, 3, 0));
        assertEquals(0, extraBytes(200, 3, false, 1, 0));
        // 10 neurons go whole to one worker: to worker 1 of 2 no rows go unused, to worker 0 the 10
        // neurons of worker 1's rows.
        assertEquals(0, extraBytes(10, 3, false, 2, 1));
        assertEquals(10 * 3 * 16, extraBytes(10, 3, false, 2, 0));
    }

    /**
     * Populations too small to share go whole to workers, the largest first, each to the worker with the
     * least work so far; the shared populations' ranges and the models' step costs count. Worked by hand.
     */
    @Test
    void smallPopulationsGoLargestFirstToTheWorkerWithTheLeastWork() {
        // 30 to worker 0, then each 10 to worker 1 (10, 20, then 20 < 30 again): 30 and 30 neurons, where
        // the populations' indices alone (0, 1, 0, 1) would leave 40 and 20.
        assertArrayEquals(new int[] {0, 1, 1, 1}, PopulationRuntime.owners(new int[] {30, 10, 10, 10},
                new double[] {1, 1, 1, 1}, 2));
        // 1,000 neurons split at 512: worker 1 has 488, so it takes the first 20 (508) and, still below 512,
        // the second.
        assertArrayEquals(new int[] {0, 1, 1}, PopulationRuntime.owners(new int[] {1000, 20, 20},
                new double[] {1, 1, 1}, 2));
        // 10 neurons at 10 LIF neuron-steps each are more work than 20 at 1: they go first, to worker 0.
        assertArrayEquals(new int[] {1, 0}, PopulationRuntime.owners(new int[] {20, 10}, new double[] {1, 10}, 2));
        // Equal work keeps the network's order; one worker takes everything.
        assertArrayEquals(new int[] {0, 1, 2}, PopulationRuntime.owners(new int[] {10, 10, 10},
                new double[] {1, 1, 1}, 3));
        assertArrayEquals(new int[] {0, 0}, PopulationRuntime.owners(new int[] {10, 5000}, new double[] {1, 1}, 1));
    }

    private static double extraBytes(int size, int slots, boolean currentDriven, int workers, int owner) {
        return PopulationRuntime.ownRowsExtraBytes(PopulationRuntime.chunkStarts(size, workers, owner), slots,
                currentDriven);
    }

    @Test
    void workersGetRowsOfTheirOwnOnlyWhenTheyRunAtOnceAndTheExtraIsSmall() {
        long heap = 1600;
        assertTrue(PopulationRuntime.ownRows(true, 100, heap));
        assertFalse(PopulationRuntime.ownRows(true, 101, heap), "past a sixteenth of the heap");
        assertFalse(PopulationRuntime.ownRows(false, 0, heap), "workers one after the other");
    }

    @Test
    void ownRowsReachTheEndOfEachWorkersRangeAndSharedOnesAreOneSet() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 200, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.build();
        PopulationRuntime own = new PopulationRuntime(p, 0, Mode.GRID, GRID, 3, 4, false, true, true);
        assertNotSame(own.inputs[0], own.inputs[1]);
        assertEquals(64, own.inputs[0].excitatory[0].length);
        assertEquals(128, own.inputs[1].inhibitory[3].length);
        assertEquals(200, own.inputs[2].excitatory[0].length);
        assertEquals(4, own.inputs[2].excitatory.length);
        PopulationRuntime shared = new PopulationRuntime(p, 0, Mode.GRID, GRID, 3, 4, false, false, true);
        assertSame(shared.inputs[0], shared.inputs[2]);
        assertEquals(200, shared.inputs[0].excitatory[0].length);
    }

    /**
     * Workers' ranges tile the population and start at multiples of 64 neurons, so that no two share a
     * word of a bit per neuron. Where the population is shared, each start lies within 32 neurons of an
     * even share; a population too small to share goes whole to the worker asked for.
     */
    @Test
    void workersRangesTileThePopulationFromMultiplesOf64NearEvenShares() {
        for (int size : new int[] {1, 31, 63, 64, 65, 100, 127, 129, 200, 1000, 12500}) {
            for (int workers = 1; workers <= 4; workers++) {
                for (int asked = 0; asked < workers; asked++) {
                    int[] starts = PopulationRuntime.chunkStarts(size, workers, asked);
                    String where = size + " neurons on " + workers + " workers, owner " + asked;
                    assertEquals(workers + 1, starts.length, where);
                    assertEquals(0, starts[0], where);
                    assertEquals(size, starts[workers], where);
                    int shared = 0;
                    int owner = -1;
                    for (int w = 0; w < workers; w++) {
                        assertTrue(starts[w] <= starts[w + 1], where);
                        assertTrue(starts[w] % 64 == 0 || starts[w] == size, where + ": " + starts[w]);
                        if (starts[w] < starts[w + 1]) {
                            shared++;
                            owner = w;
                        }
                    }
                    if (shared > 1) {
                        for (int w = 1; w < workers; w++) {
                            double even = (double) size * w / workers;
                            assertTrue(Math.abs(starts[w] - even) <= 32, where + ": " + starts[w]);
                        }
                    } else {
                        assertEquals(asked, owner, where);
                    }
                }
            }
        }
    }

    /**
     * Rows of each worker's own are a speed-up: asked for where they would pass the heap, the
     * workers share one set instead. 100,000 neurons x 64 slots x 16 bytes = 102 MB in one set;
     * 256 workers' own rows add about 255/2 sets more, 13 GB.
     */
    @Test
    void ownRowsPastTheHeapFallBackToOneSharedSet() {
        int workers = 256;
        double shared = 100_000 * 64 * 16.0;
        double extra = extraBytes(100_000, 64, false, workers, 0);
        assumeTrue(shared + extra > Runtime.getRuntime().maxMemory() && shared < Runtime.getRuntime().maxMemory() / 8,
                "a heap that holds one set, but not the workers' own");
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 100_000, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.build();
        PopulationRuntime rt = new PopulationRuntime(p, 0, Mode.GRID, GRID, workers, 64, false, true, true);
        assertSame(rt.inputs[0], rt.inputs[workers - 1]);
        assertEquals(100_000, rt.inputs[0].excitatory[0].length);
        assertEquals(64, rt.inputs[0].excitatory.length);
    }

    /**
     * A population's input lists are made after every population's rows, within the bytes left them: none past
     * the budget, and about 1.5 bytes a neuron and slot within it (here 5 blocks of 1,024 neurons, 4 slots, each a
     * count and 128 events of an {@code int} target and a {@code double} weight).
     */
    @Test
    void inputListsAreMadeWithinTheBytesLeftThem() {
        Population<?, ?> p = new NetworkBuilder(0.1).population("cells", 5000, LifExp.MODEL, LifExp.MODEL.defaults());
        PopulationRuntime rt = new PopulationRuntime(p, 0, Mode.GRID, GRID, 1, 4, false, true, true);
        assertTrue(rt.listable);
        assertNull(rt.lists, "no lists before they are made");
        double bytes = 5 * 4 * (4 + 128 * 12);
        assertEquals(0, rt.makeLists(bytes - 1));
        assertNull(rt.lists, "none past the budget");
        assertEquals(bytes, rt.makeLists(bytes));
        assertEquals(1, rt.lists.length);
    }
}
