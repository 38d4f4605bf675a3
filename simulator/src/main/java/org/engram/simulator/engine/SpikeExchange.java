package org.engram.simulator.engine;

import java.util.Arrays;

/**
 * Gathers the spikes every worker emitted in a slice and merges them into canonical order:
 * by time step, then by network-wide neuron index (population order, then neuron), then by
 * time within the step. The order is the same for every thread count, which makes delivery
 * order, and therefore every floating-point sum in the ring buffers, independent of it. In
 * precise mode {@link #sortByTime} adds the time order within each step that listeners need.
 */
final class SpikeExchange {
    final SpikeBuffer[] buffers;
    /** Per worker and population: where the population's spikes start in the worker's buffer. */
    private final int[][] segmentStart;
    private final int[][] segmentEnd;
    private final int[][] cursor;

    int count;
    int[] population = new int[1024];
    int[] neuron = new int[1024];
    int[] step = new int[1024];
    double[] timeMs = new double[1024];
    /** After {@link #sortByTime}: merged spike indices in (step, time, canonical) order. */
    int[] order = new int[1024];
    private int[] scratch = new int[1024];

    SpikeExchange(int workers, int populations, double dtMs) {
        buffers = new SpikeBuffer[workers];
        for (int w = 0; w < workers; w++) {
            buffers[w] = new SpikeBuffer(dtMs);
        }
        segmentStart = new int[workers][populations];
        segmentEnd = new int[workers][populations];
        cursor = new int[workers][populations];
    }

    /** Called by worker {@code w} before it advances population {@code p}. */
    void beginSegment(int w, int p) {
        segmentStart[w][p] = buffers[w].count;
    }

    /** Called by worker {@code w} after it advanced population {@code p}. */
    void endSegment(int w, int p) {
        segmentEnd[w][p] = buffers[w].count;
    }

    /** Clears every worker's buffer before a slice. */
    void clearBuffers() {
        for (SpikeBuffer b : buffers) {
            b.count = 0;
        }
        for (int[] s : segmentEnd) {
            Arrays.fill(s, 0);
        }
        for (int[] s : segmentStart) {
            Arrays.fill(s, 0);
        }
    }

    /**
     * Merges the workers' buffers; every spike's step lies in {@code [firstStep, lastStep]}.
     * Each (worker, population) segment is already in (step, neuron) order and workers own
     * ascending neuron ranges, so a sweep over steps, populations and workers yields the order.
     */
    void merge(int firstStep, int lastStep) {
        int total = 0;
        for (SpikeBuffer b : buffers) {
            total += b.count;
        }
        ensureCapacity(total);
        count = 0;
        if (total == 0) {
            return;
        }
        int workers = buffers.length;
        int populations = segmentStart.length == 0 ? 0 : segmentStart[0].length;
        for (int w = 0; w < workers; w++) {
            System.arraycopy(segmentStart[w], 0, cursor[w], 0, populations);
        }
        for (int s = firstStep; s <= lastStep && count < total; s++) {
            for (int p = 0; p < populations; p++) {
                for (int w = 0; w < workers; w++) {
                    SpikeBuffer b = buffers[w];
                    int c = cursor[w][p];
                    int end = segmentEnd[w][p];
                    while (c < end && b.step[c] == s) {
                        population[count] = p;
                        neuron[count] = b.neuron[c];
                        step[count] = s;
                        timeMs[count] = b.timeMs[c];
                        count++;
                        c++;
                    }
                    cursor[w][p] = c;
                }
            }
        }
        if (count != total) {
            throw new IllegalStateException("spike merge lost spikes: " + count + " of " + total
                    + " in steps [" + firstStep + ", " + lastStep + "]");
        }
    }

    /**
     * Precise mode: fills {@link #order} with the merged spikes sorted by time within each step.
     * The sort is stable, so equal times keep the canonical (population, neuron) order; it costs a
     * pass when a step's spikes are already in time order.
     */
    void sortByTime() {
        for (int k = 0; k < count; k++) {
            order[k] = k;
        }
        int a = 0;
        while (a < count) {
            int b = a + 1;
            boolean sorted = true;
            while (b < count && step[b] == step[a]) {
                sorted &= !(timeMs[b] < timeMs[b - 1]);
                b++;
            }
            if (!sorted) {
                sortBlock(a, b);
            }
            a = b;
        }
    }

    /** Stable bottom-up merge sort of {@code order[a, b)} by spike time. */
    private void sortBlock(int a, int b) {
        int[] src = order;
        int[] dst = scratch;
        for (int width = 1; width < b - a; width *= 2) {
            for (int lo = a; lo < b; lo += 2 * width) {
                int mid = Math.min(lo + width, b);
                int hi = Math.min(lo + 2 * width, b);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    dst[k++] = timeMs[src[j]] < timeMs[src[i]] ? src[j++] : src[i++];
                }
                while (i < mid) {
                    dst[k++] = src[i++];
                }
                while (j < hi) {
                    dst[k++] = src[j++];
                }
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != order) {
            System.arraycopy(src, a, order, a, b - a);
        }
    }

    private void ensureCapacity(int n) {
        if (n > neuron.length) {
            int size = Math.max(n, neuron.length * 2);
            population = Arrays.copyOf(population, size);
            neuron = Arrays.copyOf(neuron, size);
            step = Arrays.copyOf(step, size);
            timeMs = Arrays.copyOf(timeMs, size);
            order = new int[size];
            scratch = new int[size];
        }
    }
}
