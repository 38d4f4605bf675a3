package org.engram.simulator.engine;

import java.util.Arrays;

/**
 * Precise-mode input events of one worker, one population and one ring slot: a pool of events
 * linked into per-neuron lists whose heads live in {@link PopulationRuntime#eventHead}. The pool
 * is emptied when its step has been processed, so it grows only to the busiest step's size.
 */
final class PreciseQueue {
    int count;
    double[] offsetMs = new double[64];
    double[] weight = new double[64];
    boolean[] inhibitory = new boolean[64];
    int[] next = new int[64];

    /** Adds an event and links it in front of {@code head}; returns the new head. */
    int push(double offset, double w, boolean inh, int head) {
        if (count == next.length) {
            int n = count * 2;
            offsetMs = Arrays.copyOf(offsetMs, n);
            weight = Arrays.copyOf(weight, n);
            inhibitory = Arrays.copyOf(inhibitory, n);
            next = Arrays.copyOf(next, n);
        }
        offsetMs[count] = offset;
        weight[count] = w;
        inhibitory[count] = inh;
        next[count] = head;
        return count++;
    }
}
