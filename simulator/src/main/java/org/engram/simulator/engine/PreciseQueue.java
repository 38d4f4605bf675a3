package org.engram.simulator.engine;

import java.util.Arrays;

/**
 * Precise-mode input events of one worker, one population and one ring slot, in the order they
 * were delivered, with each neuron's count in {@link PopulationRuntime#eventCount}. At the slot's
 * step the worker sorts them by neuron ({@link #sortByTarget}) and empties the queue, so it grows
 * only to the busiest step's size.
 *
 * <p>The sort replaces per-neuron linked lists, whose walk was a chain of dependent loads from
 * random places of the pool: the sort's loads are independent of each other, so the core has many
 * of its misses in flight at once.
 */
final class PreciseQueue {
    int count;
    double[] offsetMs = new double[64];
    double[] weight = new double[64];
    boolean[] inhibitory = new boolean[64];
    int[] target = new int[64];

    /** Adds an event for neuron {@code to}; the caller counts it in the neuron's entry of the counts. */
    void push(double offset, double w, boolean inh, int to) {
        if (count == target.length) {
            grow(count * 2);
        }
        offsetMs[count] = offset;
        weight[count] = w;
        inhibitory[count] = inh;
        target[count] = to;
        count++;
    }

    private void grow(int n) {
        offsetMs = Arrays.copyOf(offsetMs, n);
        weight = Arrays.copyOf(weight, n);
        inhibitory = Arrays.copyOf(inhibitory, n);
        target = Arrays.copyOf(target, n);
    }

    /**
     * Moves the events, whose targets lie in {@code [lo, hi)}, into {@code sorted} ordered by
     * neuron, each neuron's in the order they were delivered (a counting sort, stable), and empties
     * this queue. On entry {@code counts[base + i]} is neuron {@code i}'s number of events; on return
     * it is the end of its events in {@code sorted}, which begin at the previous neuron's end (0 for
     * {@code lo}).
     */
    void sortByTarget(int[] counts, int base, int lo, int hi, PreciseQueue sorted) {
        sorted.count = count;
        if (count == 0) {
            return;   // every count is 0 already
        }
        int start = 0;
        for (int i = base + lo; i < base + hi; i++) {
            int c = counts[i];
            counts[i] = start;
            start += c;
        }
        assert start == count : "the counts hold " + start + " events, the queue " + count;
        if (sorted.target.length < count) {
            sorted.grow(Math.max(count, sorted.target.length * 2));
        }
        for (int e = 0; e < count; e++) {
            int to = target[e];
            int at = counts[base + to]++;
            sorted.offsetMs[at] = offsetMs[e];
            sorted.weight[at] = weight[e];
            sorted.inhibitory[at] = inhibitory[e];
            sorted.target[at] = to;
        }
        count = 0;
    }
}
