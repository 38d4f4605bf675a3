package org.engram.simulator.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.ParameterException;
import org.engram.simulator.model.Kernel;
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
    final BoundKernels.GridUpdate<?> gridUpdate;
    /** Grid mode: the input rows of each worker's neurons, by worker. */
    final WorkerInput[] inputs;
    /** Grid mode: the bytes a step's pass over a neuron moves ({@link #stepBytes}). */
    private final long stepBytesPerNeuron;
    /**
     * Grid mode: whether the population's synaptic input may be listed ({@link InputLists}): its kernel
     * takes listed input, and no Poisson drive fills its rows.
     */
    final boolean listable;
    /**
     * Grid mode: each worker's lists of few synaptic events, by worker, made by {@link #makeLists} once every
     * population's rows are; null where the input is not listed, or the lists did not fit their share of the heap.
     */
    InputLists[] lists;

    // Precise mode.
    final BoundKernels.ExactUpdate<?> exactUpdate;
    final double[] neuronTimeMs;
    /** Precise mode: each neuron's predicted next threshold crossing (NaN: none before its horizon). */
    final double[] crossingMs;
    /** Precise mode: the time up to which {@link #crossingMs} is known; -infinity when stale. */
    final double[] horizonMs;
    /**
     * Precise mode: per ring slot and neuron, the number of events queued for it (see
     * {@link PreciseQueue#sortByTarget}), 0 outside its step.
     */
    final int[] eventCount;
    final PreciseQueue[][] queues;
    /** Precise mode: shows the neurons at a common time (samples, run ends) without moving them. */
    final ShownState shown;
    /**
     * Precise mode with current input: the summed current inputs of the step being advanced, by neuron
     * (pA); null without current input.
     */
    final double[] stepCurrentPa;

    /**
     * @param owner   the worker that takes the population whole if it is too small to share ({@link #owners})
     * @param ownRows grid mode: whether each worker has input rows of its own (see {@link WorkerInput}),
     *                or all share one set
     * @param undriven grid mode: whether no Poisson drive feeds the population, so that only its
     *                 projections' spikes reach its rows and its synaptic input may be listed
     */
    PopulationRuntime(Population<?, ?> population, int owner, Mode mode, TimeGrid grid, int workers, int slots,
                      boolean currentDriven, boolean ownRows, boolean undriven) {
        this.population = population;
        this.size = population.size();
        this.slots = slots;
        int[] starts = chunkStarts(size, workers, owner);
        chunkLo = Arrays.copyOf(starts, workers);
        chunkHi = Arrays.copyOfRange(starts, 1, workers + 1);
        if (mode == Mode.GRID) {
            gridUpdate = BoundKernels.grid(population, grid);
            inputs = inputRows(population, starts, slots, currentDriven, ownRows, grid);
            listable = undriven && gridUpdate.takesListed();
            stepBytesPerNeuron = population.state().variableNames().size() * Double.BYTES
                    + rowBytesPerNeuron(currentDriven);
            exactUpdate = null;
            shown = null;
            neuronTimeMs = null;
            crossingMs = null;
            horizonMs = null;
            eventCount = null;
            queues = null;
            stepCurrentPa = null;
        } else {
            exactUpdate = BoundKernels.exact(population, grid);
            shown = new ShownState(population);
            neuronTimeMs = new double[size];
            crossingMs = new double[size];
            horizonMs = new double[size];
            Arrays.fill(horizonMs, Double.NEGATIVE_INFINITY);
            if ((long) size * slots > Integer.MAX_VALUE - 8) {
                // One event count per neuron and ring slot, in one int-indexed array.
                throw new ParameterException("engine", "precise mode", "neurons x (maximum delay in steps + 1) <= "
                        + (Integer.MAX_VALUE - 8) + " per population", "'" + population.name() + "': " + size
                        + " x " + slots);
            }
            double countBytes = (double) Integer.BYTES * slots * size;
            if (countBytes > Runtime.getRuntime().maxMemory()) {
                // Past the heap alone: a failed allocation would be reported as past what it holds already.
                throw pastTheHeap(population, slots, Integer.BYTES, countBytes, grid, false);
            }
            try {
                eventCount = new int[size * slots];
            } catch (OutOfMemoryError e) {
                throw pastTheHeap(population, slots, Integer.BYTES, countBytes, grid, true);
            }
            queues = new PreciseQueue[workers][slots];
            for (int w = 0; w < workers; w++) {
                for (int s = 0; s < slots; s++) {
                    queues[w][s] = new PreciseQueue();
                }
            }
            gridUpdate = null;
            inputs = null;
            listable = false;
            stepBytesPerNeuron = 0;
            stepCurrentPa = currentDriven ? new double[size] : null;
        }
    }

    /**
     * Where each worker's contiguous range of a population's neurons starts, and, last, the population's
     * size: worker {@code w} advances {@code [starts[w], starts[w + 1])}. Each start is an even share
     * rounded to the nearest multiple of {@link Kernel#RANGE_ALIGNMENT}. A population so small that the
     * rounding leaves all of it to one worker goes whole to worker {@code owner} ({@link #owners}).
     *
     * @param size    the population's neurons
     * @param workers the workers, {@code >= 1}
     * @param owner   the worker, from 0 to {@code workers - 1}, that takes the population whole if it is
     *                too small to share
     * @return {@code workers + 1} starts, from 0 to {@code size}, none smaller than the one before
     */
    static int[] chunkStarts(int size, int workers, int owner) {
        int[] starts = evenStarts(size, workers);
        if (!shared(starts)) {
            for (int w = 1; w < workers; w++) {
                starts[w] = w <= owner ? 0 : size;
            }
        }
        return starts;
    }

    /** {@return each worker's start at an even share rounded to a multiple of the range alignment} */
    private static int[] evenStarts(int size, int workers) {
        int[] starts = new int[workers + 1];
        for (int w = 1; w <= workers; w++) {
            long even = (long) size * w / workers;
            long aligned = (even + Kernel.RANGE_ALIGNMENT / 2) / Kernel.RANGE_ALIGNMENT * Kernel.RANGE_ALIGNMENT;
            starts[w] = w == workers ? size : (int) Math.min(aligned, size);
        }
        return starts;
    }

    /** {@return whether more than one worker's range holds neurons} */
    private static boolean shared(int[] starts) {
        int filled = 0;
        for (int w = 1; w < starts.length; w++) {
            filled += starts[w] > starts[w - 1] ? 1 : 0;
        }
        return filled > 1;
    }

    /**
     * The worker that takes each population too small to share ({@link #chunkStarts}): the largest
     * first, each to the worker with the least work so far, the shared populations' ranges counted
     * (ties to the lower index). A network of many small populations of different sizes or models so
     * spreads its work as evenly as whole populations allow.
     *
     * @param sizes   each population's neurons
     * @param costs   each population's cost of a neuron-step ({@code NeuronModel.stepCost})
     * @param workers the workers, {@code >= 1}
     * @return per population, its owner; 0 for a population that is shared
     */
    static int[] owners(int[] sizes, double[] costs, int workers) {
        double[] work = new double[workers];
        List<Integer> whole = new ArrayList<>();
        for (int p = 0; p < sizes.length; p++) {
            int[] starts = evenStarts(sizes[p], workers);
            if (shared(starts)) {
                for (int w = 0; w < workers; w++) {
                    work[w] += (starts[w + 1] - starts[w]) * costs[p];
                }
            } else {
                whole.add(p);
            }
        }
        // Stable: populations of equal work keep the network's order.
        whole.sort(Comparator.comparingDouble(p -> -sizes[p] * costs[p]));
        int[] owners = new int[sizes.length];
        for (int p : whole) {
            int least = 0;
            for (int w = 1; w < workers; w++) {
                if (work[w] < work[least]) {
                    least = w;
                }
            }
            owners[p] = least;
            work[least] += sizes[p] * costs[p];
        }
        return owners;
    }

    /**
     * The memory that rows of each worker's own would take beyond one shared set: a worker's rows
     * reach from neuron 0 to the end of its range (see {@link WorkerInput}).
     *
     * @param starts the workers' ranges, from {@link #chunkStarts}
     * @return bytes
     */
    static double ownRowsExtraBytes(int[] starts, int slots, boolean currentDriven) {
        double neurons = 0;
        for (int w = 1; w < starts.length - 1; w++) {
            neurons += starts[w];
        }
        return neurons * slots * rowBytesPerNeuron(currentDriven);
    }

    /**
     * Whether the workers get input rows of their own: only when they run at once, as rows shared
     * by workers run one after the other cost nothing, and only while the rows' extra memory is at
     * most a sixteenth of the heap, as it grows with the threads.
     *
     * @param parallel   whether the workers run at once
     * @param extraBytes {@link #ownRowsExtraBytes} summed over the populations
     * @param heapBytes  the largest heap
     */
    static boolean ownRows(boolean parallel, double extraBytes, long heapBytes) {
        return parallel && extraBytes <= heapBytes / 16.0;
    }

    /** @return the bytes of one neuron's input in one slot: a double per receptor and for the current */
    private static long rowBytesPerNeuron(boolean currentDriven) {
        return (long) (currentDriven ? 3 : 2) * Double.BYTES;
    }

    /**
     * Each worker's rows of input, one per slot and receptor: rows of their own when asked and the
     * heap holds them, else one set they share; refused by name when the heap cannot hold even that.
     *
     * @param starts the workers' ranges, from {@link #chunkStarts}
     */
    private WorkerInput[] inputRows(Population<?, ?> population, int[] starts, int slots, boolean currentDriven,
                                    boolean ownRows, TimeGrid grid) {
        long bytesPerSlot = rowBytesPerNeuron(currentDriven);
        double bytes = bytesPerSlot * slots * (double) size
                + (ownRows ? ownRowsExtraBytes(starts, slots, currentDriven) : 0);
        // Rows are allocated one by one: buffers past the heap would fill it before they failed.
        if (bytes > Runtime.getRuntime().maxMemory()) {
            if (ownRows) {
                return inputRows(population, starts, slots, currentDriven, false, grid);
            }
            throw pastTheHeap(population, slots, bytesPerSlot, bytes, grid, false);
        }
        WorkerInput[] rows = new WorkerInput[chunkLo.length];
        try {
            for (int w = 0; w < rows.length; w++) {
                rows[w] = ownRows ? new WorkerInput(chunkHi[w], slots, currentDriven)
                        : w == 0 ? new WorkerInput(size, slots, currentDriven) : rows[0];
            }
        } catch (OutOfMemoryError e) {
            if (ownRows) {
                // Rows of their own are a speed-up, not a need: beside a network that fills the heap, one set.
                Arrays.fill(rows, null);
                return inputRows(population, starts, slots, currentDriven, false, grid);
            }
            throw pastTheHeap(population, slots, bytesPerSlot, bytes, grid, true);
        }
        return rows;
    }

    /**
     * Grid mode: the bytes a step's pass over worker {@code w}'s neurons of the population moves: its state
     * variables, a double each, and the step's row of every input.
     *
     * @param w a worker
     * @return bytes; 0 in precise mode
     */
    double stepBytes(int w) {
        return (double) (chunkHi[w] - chunkLo[w]) * stepBytesPerNeuron;
    }

    /**
     * Makes each worker's input lists, where the population's input may be listed and they fit the bytes
     * left them. Called once every population's rows are made: the lists are a speed-up, and must not take
     * the room of the rows, which are a need.
     *
     * @param budget the bytes the lists may take
     * @return the bytes they took; 0 where there are none
     */
    double makeLists(double budget) {
        if (!listable) {
            return 0;
        }
        double bytes = 0;
        for (int w = 0; w < chunkLo.length; w++) {
            bytes += InputLists.bytes(chunkLo[w], chunkHi[w], slots);
        }
        if (bytes > budget) {
            return 0;
        }
        InputLists[] made = new InputLists[chunkLo.length];
        try {
            for (int w = 0; w < made.length; w++) {
                made[w] = new InputLists(chunkLo[w], chunkHi[w], slots, inputs[w]);
            }
        } catch (OutOfMemoryError e) {
            return 0;
        }
        lists = made;
        return bytes;
    }

    /**
     * The refusal of input buffers the heap cannot hold: they grow with the longest delay into the
     * population, which a delay of seconds at dt = 0.1 ms makes thousands of rows. {@code besideTheRest}
     * when they would fit the heap alone, but not beside what it holds already. {@code bytes} is
     * their total: one set, as rows of each thread's own that do not fit fall back to one.
     */
    private ParameterException pastTheHeap(Population<?, ?> population, int slots, long bytesPerSlot, double bytes,
                                           TimeGrid grid, boolean besideTheRest) {
        return new HeapLimitExceeded("population '" + population.name() + "'", "input buffers",
                String.format(Locale.ROOT, "buffers that fit the Java heap (%.0f MB in all%s): %d bytes per neuron for "
                        + "each step of the longest delay into the population, and one more",
                        Runtime.getRuntime().maxMemory() / 1e6, besideTheRest ? ", beside the network and the "
                                + "buffers of other populations" : "", bytesPerSlot),
                String.format(Locale.ROOT, "%.0f MB for %d neurons and a longest delay of %d steps (%s ms)",
                        bytes / 1e6, population.size(), slots - 1, (float) grid.timeMs(slots - 1)),
                "shorten the delays into '" + population.name() + "', or " + HeapLimitExceeded.MORE_HEAP);
    }
}
