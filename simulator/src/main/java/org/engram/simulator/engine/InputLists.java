package org.engram.simulator.engine;

import org.engram.simulator.model.Kernel;
import org.engram.simulator.model.ListedInput;

/**
 * Grid mode: the synaptic events into one worker's neurons of a population, listed per ring slot and
 * block of {@link #BLOCK} neurons while they are few, for a kernel that takes listed input
 * ({@link Kernel#takesListedInput()}); past {@link #CAPACITY} events a block's list goes into the
 * rows ({@link WorkerInput}), in order, and the block's later events of the slot with it.
 *
 * <p>Rows read in full cost every neuron a pass over its input each step, though at CUBA's rates
 * 2,920 synaptic events a step reach 64,000 neurons: with the rows, that network's state and input
 * outgrow the core's 2 MB of second-level cache, and each step streams them from the third level.
 * Listed, the input costs in proportion to the events, and the rows are not touched. A list's events
 * are summed per neuron in the order they were listed, the order in which the rows would have summed
 * them, so the kernel's state comes out to the bit as with the rows, and whether a block's input went
 * into the rows changes no result.
 */
final class InputLists {
    /**
     * Neurons whose input a list holds, which the engine advances together through a step: a quarter
     * of {@link Engine#BLOCK}, so that a block's state (24 KB for {@code lif_exp}) stays in the core's
     * first-level cache from the refractory neurons' hold through the pass and the listed input to the
     * threshold's screen. CUBA with 64,000 neurons, 10 s: 10.3 s against 11.3 s with blocks of 4,096
     * (simulator/PERFORMANCE.md); blocks of rows stay larger, as a Poisson drive pays a call per block.
     */
    static final int BLOCK = 1024;
    /** Events a block lists in a slot before they go into the rows: an eighth of its neurons. */
    static final int CAPACITY = BLOCK / 8;
    private static final int SHIFT = Integer.numberOfTrailingZeros(BLOCK);

    private final WorkerInput rows;
    private final int firstBlock;
    private final int blocks;
    /** Per slot and block: the events listed, or {@code CAPACITY + 1} once they went into the rows. */
    private final int[] counts;
    /** Per slot, block and event: the target, or {@code ~target} for an inhibitory event. */
    private final int[] targets;
    private final double[] weights;
    private final ListedInput listed = new ListedInput(BLOCK);
    /**
     * Per neuron of a block, its excitatory input summed from 0 as a row sums it, then its inhibitory input at
     * {@code BLOCK} past it; all 0 between takes.
     */
    private final double[] sums = new double[2 * BLOCK];
    private long listedTakes;
    private long rowTakes;

    /**
     * @param lo    first neuron of the worker's range
     * @param hi    end of the range, exclusive
     * @param slots the ring's slots
     * @param rows  the worker's rows, which take a block's events past {@link #CAPACITY}
     * @throws OutOfMemoryError when the heap cannot hold the lists
     */
    InputLists(int lo, int hi, int slots, WorkerInput rows) {
        this.rows = rows;
        firstBlock = lo >>> SHIFT;
        blocks = blocks(lo, hi);
        counts = new int[slots * blocks];
        targets = new int[slots * blocks * CAPACITY];
        weights = new double[targets.length];
    }

    /**
     * The bytes the lists of a worker's range take.
     *
     * @param lo    first neuron of the range
     * @param hi    end of the range, exclusive
     * @param slots the ring's slots
     * @return bytes, about 1.5 a neuron and slot; infinite where the events would pass the largest array Java makes,
     *         so that no heap is taken to hold them
     */
    static double bytes(int lo, int hi, int slots) {
        if ((long) blocks(lo, hi) * slots * CAPACITY > Integer.MAX_VALUE - 8) {
            return Double.POSITIVE_INFINITY;
        }
        return (double) blocks(lo, hi) * slots * (Integer.BYTES + CAPACITY * (Integer.BYTES + Double.BYTES));
    }

    /** {@return the blocks that neurons {@code [lo, hi)} touch, a partial one at either end counted whole} */
    private static int blocks(int lo, int hi) {
        return lo < hi ? ((hi - 1) >>> SHIFT) - (lo >>> SHIFT) + 1 : 0;
    }

    /**
     * Where the cells of a slot start, for {@link #add}.
     *
     * @param slot the ring slot of an arrival step
     * @return the index that a target's block number ({@code target >>> SHIFT}) adds to
     */
    int cellBase(int slot) {
        return slot * blocks - firstBlock;
    }

    /**
     * Lists a synaptic event, or adds it into the rows once its block's list of the slot is full.
     *
     * @param base       {@link #cellBase} of the slot
     * @param slot       the ring slot of its arrival step
     * @param target     the neuron, in the worker's range
     * @param inhibitory whether it is inhibitory
     * @param weight     its weight
     */
    void add(int base, int slot, int target, boolean inhibitory, double weight) {
        int cell = base + (target >>> SHIFT);
        int count = counts[cell];
        if (count < CAPACITY) {
            int at = cell * CAPACITY + count;
            targets[at] = inhibitory ? ~target : target;
            weights[at] = weight;
            counts[cell] = count + 1;
            return;
        }
        if (count == CAPACITY) {
            spill(cell, slot);
            counts[cell] = CAPACITY + 1;
        }
        (inhibitory ? rows.inhibitory : rows.excitatory)[slot][target] += weight;
    }

    /** Adds the listed events of a full list into the rows, in the order they came. */
    private void spill(int cell, int slot) {
        double[] excitatory = rows.excitatory[slot];
        double[] inhibitory = rows.inhibitory[slot];
        for (int at = cell * CAPACITY; at < (cell + 1) * CAPACITY; at++) {
            int target = targets[at];
            if (target < 0) {
                inhibitory[~target] += weights[at];
            } else {
                excitatory[target] += weights[at];
            }
        }
    }

    /**
     * Takes the input of a block at a slot, which the slot's step consumes: its events summed per
     * neuron in the order they came, or null when they went into the rows. Either way the block's
     * list is empty after.
     *
     * @param slot  the ring slot of the step
     * @param start the block's first neuron of the worker's range
     * @return the listed input of the block, reused by the next call; null when it is in the rows
     */
    ListedInput take(int slot, int start) {
        int block = start >>> SHIFT;
        int cell = cellBase(slot) + block;
        int count = counts[cell];
        counts[cell] = 0;
        if (count > CAPACITY) {
            rowTakes++;
            return null;
        }
        listedTakes++;
        final int from = cell * CAPACITY;
        final int to = from + count;
        final int blockStart = block << SHIFT;
        // Without a branch on the sign, which is as hard to predict as the events' mix.
        for (int at = from; at < to; at++) {
            int event = targets[at];
            int inhibitory = event >> 31;   // -1 for an inhibitory event, else 0
            sums[(event ^ inhibitory) - blockStart + (inhibitory & BLOCK)] += weights[at];
        }
        // Each neuron listed at its first event, its sums cleared there. One whose sums are both 0 (weights of 0) is
        // left out: the kernel's pass has added 0 in its place, and adding it again changes no bit. (Summed from
        // +0.0, a sum is never -0.0, whose addition could change the sign of a zero.)
        int neurons = 0;
        for (int at = from; at < to; at++) {
            int event = targets[at];
            int target = event ^ (event >> 31);
            int i = target - blockStart;
            double excitatory = sums[i];
            double inhibitory = sums[i + BLOCK];
            if (excitatory != 0 || inhibitory != 0) {
                listed.set(neurons++, target, excitatory, inhibitory);
                sums[i] = 0;
                sums[i + BLOCK] = 0;
            }
        }
        listed.setCount(neurons);
        return listed;
    }

    /** {@return the blocks' steps whose input {@link #take} gave listed} */
    long listedTakes() {
        return listedTakes;
    }

    /** {@return the blocks' steps whose input {@link #take} left in the rows} */
    long rowTakes() {
        return rowTakes;
    }
}
