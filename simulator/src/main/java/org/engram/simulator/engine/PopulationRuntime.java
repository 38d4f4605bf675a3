package org.engram.simulator.engine;

import java.util.Arrays;
import java.util.Locale;
import org.engram.simulator.ParameterException;
import org.engram.simulator.model.InputView;
import org.engram.simulator.network.Population;

/**
 * What the engine keeps per population during a run: the bound kernel, the ring buffers of
 * input, each worker's contiguous range of neurons, and in precise mode the event queues and
 * every neuron's current time.
 */
final class PopulationRuntime {
    final Population<?, ?> population;
    final int size;
    final int slots;
    final int[] chunkLo;
    final int[] chunkHi;

    // Grid mode.
    final Population.GridUpdate gridUpdate;
    final double[][] excitatory;
    final double[][] inhibitory;
    /** External current; null when no current source feeds this population. */
    final double[][] current;
    final InputView input;

    // Precise mode.
    final Population.ExactUpdate<?> exactUpdate;
    final double[] neuronTimeMs;
    /** Precise mode: each neuron's predicted next threshold crossing (NaN: none before its horizon). */
    final double[] crossingMs;
    /** Precise mode: the time up to which {@link #crossingMs} is known; -infinity when stale. */
    final double[] horizonMs;
    final int[] eventHead;
    final PreciseQueue[][] queues;
    /** Precise mode: shows the neurons at a common time (samples, run ends) without moving them. */
    final ShownState shown;

    PopulationRuntime(Population<?, ?> population, Mode mode, TimeGrid grid, int workers, int slots,
                      boolean currentDriven) {
        this.population = population;
        this.size = population.size();
        this.slots = slots;
        chunkLo = new int[workers];
        chunkHi = new int[workers];
        for (int w = 0; w < workers; w++) {
            chunkLo[w] = (int) ((long) size * w / workers);
            chunkHi[w] = (int) ((long) size * (w + 1) / workers);
        }
        if (mode == Mode.GRID) {
            gridUpdate = population.prepareGrid(grid);
            int arrays = currentDriven ? 3 : 2;
            excitatory = rows(population, slots, arrays, grid);
            inhibitory = rows(population, slots, arrays, grid);
            current = currentDriven ? rows(population, slots, arrays, grid) : null;
            input = new InputView(excitatory, inhibitory, current);
            exactUpdate = null;
            shown = null;
            neuronTimeMs = null;
            crossingMs = null;
            horizonMs = null;
            eventHead = null;
            queues = null;
        } else {
            exactUpdate = population.prepareExact(grid);
            shown = new ShownState(population.state());
            neuronTimeMs = new double[size];
            crossingMs = new double[size];
            horizonMs = new double[size];
            Arrays.fill(horizonMs, Double.NEGATIVE_INFINITY);
            if ((long) size * slots > Integer.MAX_VALUE - 8) {
                // One queue head per neuron and ring slot, in one int-indexed array.
                throw new ParameterException("engine", "precise mode", "neurons x (maximum delay in steps + 1) <= "
                        + (Integer.MAX_VALUE - 8) + " per population", "'" + population.name() + "': " + size
                        + " x " + slots);
            }
            try {
                eventHead = new int[size * slots];
            } catch (OutOfMemoryError e) {
                throw pastTheHeap(population, slots, Integer.BYTES, grid, true);
            }
            Arrays.fill(eventHead, -1);
            queues = new PreciseQueue[workers][slots];
            for (int w = 0; w < workers; w++) {
                for (int s = 0; s < slots; s++) {
                    queues[w][s] = new PreciseQueue();
                }
            }
            gridUpdate = null;
            excitatory = null;
            inhibitory = null;
            current = null;
            input = null;
        }
    }

    /** One row of input per slot, {@code arrays} such arrays in all; refused by name when the heap cannot hold them. */
    private static double[][] rows(Population<?, ?> population, int slots, int arrays, TimeGrid grid) {
        long bytesPerSlot = (long) arrays * Double.BYTES;
        // Rows are allocated one by one: buffers past the heap would fill it before they failed.
        if (bytesPerSlot * slots * (double) population.size() > Runtime.getRuntime().maxMemory()) {
            throw pastTheHeap(population, slots, bytesPerSlot, grid, false);
        }
        try {
            return new double[slots][population.size()];
        } catch (OutOfMemoryError e) {
            throw pastTheHeap(population, slots, bytesPerSlot, grid, true);
        }
    }

    /**
     * The refusal of input buffers the heap cannot hold: they grow with the longest delay into the
     * population, which a delay of seconds at dt = 0.1 ms makes thousands of rows. {@code besideTheRest}
     * when they would fit the heap alone, but not beside what it holds already.
     */
    private static ParameterException pastTheHeap(Population<?, ?> population, int slots, long bytesPerSlot,
                                                  TimeGrid grid, boolean besideTheRest) {
        return new ParameterException("population '" + population.name() + "'", "input buffers",
                String.format(Locale.ROOT, "buffers that fit the Java heap (%.0f MB in all%s): %d bytes per neuron for "
                        + "each step of the longest delay into the population, and one more",
                        Runtime.getRuntime().maxMemory() / 1e6, besideTheRest ? ", beside the network and the "
                                + "buffers of other populations" : "", bytesPerSlot),
                String.format(Locale.ROOT, "%.0f MB for %d neurons and a longest delay of %d steps (%s ms)",
                        bytesPerSlot * slots * (double) population.size() / 1e6, population.size(), slots - 1,
                        (float) grid.timeMs(slots - 1)),
                "shorten the delays into '" + population.name() + "', or give Java more heap (-Xmx)");
    }

    /** Zeroes the grid input row of step {@code step} for neurons {@code [lo, hi)}, once consumed. */
    void clearRow(int step, int lo, int hi) {
        int row = input.row(step);
        Arrays.fill(excitatory[row], lo, hi, 0);
        Arrays.fill(inhibitory[row], lo, hi, 0);
        if (current != null) {
            Arrays.fill(current[row], lo, hi, 0);
        }
    }
}
