package org.engram.simulator.engine;

import java.util.Arrays;

/**
 * One worker's scratch list of a neuron's input events in the current step (precise mode),
 * sorted by time; ties keep their canonical insertion order.
 */
final class EventScratch {
    int count;
    double[] timeMs = new double[64];
    double[] weight = new double[64];
    boolean[] inhibitory = new boolean[64];

    void clear() {
        count = 0;
    }

    void add(double t, double w, boolean inh) {
        if (count == timeMs.length) {
            int n = count * 2;
            timeMs = Arrays.copyOf(timeMs, n);
            weight = Arrays.copyOf(weight, n);
            inhibitory = Arrays.copyOf(inhibitory, n);
        }
        timeMs[count] = t;
        weight[count] = w;
        inhibitory[count] = inh;
        count++;
    }

    /** Stable insertion sort by time; the lists are short (a few events per neuron and step). */
    void sortByTime() {
        for (int a = 1; a < count; a++) {
            double t = timeMs[a];
            double w = weight[a];
            boolean r = inhibitory[a];
            int b = a - 1;
            while (b >= 0 && timeMs[b] > t) {
                timeMs[b + 1] = timeMs[b];
                weight[b + 1] = weight[b];
                inhibitory[b + 1] = inhibitory[b];
                b--;
            }
            timeMs[b + 1] = t;
            weight[b + 1] = w;
            inhibitory[b + 1] = r;
        }
    }
}
