package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * The merge of the workers' spikes into canonical (step, population, neuron) order, and the
 * precise-mode order by time within a step, checked against hand-written orders and a stable
 * library sort.
 */
class SpikeExchangeTest {
    private static final double DT = 0.1;

    private static Population<?, ?> population(int size) {
        return new NetworkBuilder(DT).population("p", size, LifDelta.MODEL, LifDelta.MODEL.defaults());
    }

    /** One emitted spike, with its place in the order of emission. */
    private record Emitted(int population, int neuron, int step, double timeMs, int sequence) {
    }

    /**
     * Two workers own neurons [0, 2) and [2, 4) of two populations and emit in steps 0 to 2 of a
     * slice; grid spikes of step s arrive at step s + 1. The canonical order, by hand: step 1
     * (p0: 1, 3; p1: 0), step 2 (p0: 2; p1: 2, 3), step 3 (p0: 0).
     */
    @Test
    void gridSpikesMergeByStepThenPopulationThenNeuron() {
        Population<?, ?> p = population(4);
        SpikeExchange x = new SpikeExchange(2, 2, DT);
        x.clearBuffers();
        int[][][] spikes = {
            {{1, 0}, {0, 2}},             // worker 0, population 0: (neuron, step)
            {{0, 0}},                     // worker 0, population 1
            {{3, 0}, {2, 1}},             // worker 1, population 0
            {{2, 1}, {3, 1}},             // worker 1, population 1
        };
        for (int w = 0; w < 2; w++) {
            for (int q = 0; q < 2; q++) {
                x.beginSegment(w, q);
                x.buffers[w].expect(p, 2 * w, 2 * w + 2, 0, 3, false);
                for (int[] s : spikes[2 * w + q]) {
                    x.buffers[w].spike(s[0], s[1]);
                }
                x.endSegment(w, q);
            }
        }
        x.merge(1, 3);
        assertEquals(7, x.count);
        assertArrayEquals(new int[] {0, 0, 1, 0, 1, 1, 0}, java.util.Arrays.copyOf(x.population, 7));
        assertArrayEquals(new int[] {1, 3, 0, 2, 2, 3, 0}, java.util.Arrays.copyOf(x.neuron, 7));
        assertArrayEquals(new int[] {1, 1, 1, 2, 2, 2, 3}, java.util.Arrays.copyOf(x.step, 7));
        for (int m = 0; m < 7; m++) {
            assertEquals(x.step[m] * DT, x.timeMs[m], "a grid spike's time is its step's end");
        }
    }

    /** A slice of 3,000 spikes, past the arrays' first 1,024 entries, loses none and keeps the order. */
    @Test
    void aSliceOfMoreSpikesThanTheFirstArraysHoldMergesThemAll() {
        int n = 1500;
        Population<?, ?> p = population(n);
        SpikeExchange x = new SpikeExchange(2, 1, DT);
        x.clearBuffers();
        for (int w = 0; w < 2; w++) {
            x.beginSegment(w, 0);
            x.buffers[w].expect(p, w * n / 2, (w + 1) * n / 2, 0, 2, false);
            for (int s = 0; s < 2; s++) {
                for (int i = w * n / 2; i < (w + 1) * n / 2; i++) {
                    x.buffers[w].spike(i, s);
                }
            }
            x.endSegment(w, 0);
        }
        x.merge(1, 2);
        assertEquals(2 * n, x.count);
        for (int m = 0; m < 2 * n; m++) {
            assertEquals(m % n, x.neuron[m], "spike " + m);
            assertEquals(1 + m / n, x.step[m], "spike " + m);
        }
    }

    /**
     * Precise mode: over slices of random sizes in the same four steps (each shorter or longer than
     * the last, so stale entries of those steps lie past the count), three workers emit spikes at
     * times drawn from a few values per step (many ties); the merge equals a stable sort of the
     * emitted spikes by (step, population, neuron), and the time order a stable sort of that by
     * (step, time). Includes a slice of exactly 1,024 spikes, the arrays' first size.
     */
    @Test
    void preciseSpikesSortByTimeWithinAStepAndKeepTheCanonicalOrderOfTies() {
        int n = 60;
        Population<?, ?> p = population(n);
        SpikeExchange x = new SpikeExchange(3, 2, DT);
        SplittableRandom random = new SplittableRandom(13);
        // Spikes per slice, and in how many of its steps: a slice of one step after a longer one has
        // stale entries of that step right past its count.
        int[][] slices = {{40, 4}, {7, 1}, {300, 4}, {1024, 4}, {5, 1}, {1, 1}, {0, 4}, {90, 4}, {2, 1}};
        int from = 0;
        int to = 4;
        for (int[] slice : slices) {
            int target = slice[0];
            x.clearBuffers();
            List<Emitted> emitted = new ArrayList<>();
            // Every neuron of the slice draws how many spikes it makes so that the total is the target.
            int[][][] counts = new int[2][to - from][n];
            for (int k = 0; k < target; k++) {
                counts[random.nextInt(2)][random.nextInt(slice[1])][random.nextInt(n)]++;
            }
            for (int w = 0; w < 3; w++) {
                int lo = w * n / 3;
                int hi = (w + 1) * n / 3;
                for (int q = 0; q < 2; q++) {
                    x.beginSegment(w, q);
                    x.buffers[w].expect(p, lo, hi, from, to, true);
                    for (int s = from; s < to; s++) {
                        x.buffers[w].currentStep = s;
                        for (int i = lo; i < hi; i++) {
                            for (int c = 0; c < counts[q][s - from][i]; c++) {
                                double t = (s + random.nextInt(4) / 4.0) * DT;
                                x.buffers[w].spikeAt(i, t);
                                emitted.add(new Emitted(q, i, s, t, emitted.size()));
                            }
                        }
                    }
                    x.endSegment(w, q);
                }
            }
            x.merge(from, to - 1);
            List<Emitted> canonical = new ArrayList<>(emitted);
            canonical.sort(Comparator.comparingInt(Emitted::step).thenComparingInt(Emitted::population)
                    .thenComparingInt(Emitted::neuron));
            assertEquals(target, x.count);
            for (int m = 0; m < target; m++) {
                Emitted e = canonical.get(m);
                assertEquals(List.of(e.population(), e.neuron(), e.step(), e.timeMs()),
                        List.of(x.population[m], x.neuron[m], x.step[m], x.timeMs[m]), "merged spike " + m);
            }
            x.sortByTime();
            List<Integer> byTime = new ArrayList<>();
            for (int m = 0; m < target; m++) {
                byTime.add(m);
            }
            byTime.sort(Comparator.comparingInt((Integer m) -> canonical.get(m).step())
                    .thenComparingDouble(m -> canonical.get(m).timeMs()));
            for (int m = 0; m < target; m++) {
                assertEquals(byTime.get(m), x.order[m], "position " + m + " of a slice of " + target);
            }
        }
    }

    /**
     * Steps whose spikes came in falling time order come out rising, ties by canonical order: by
     * hand, step 0 holds neurons 0 (0.08 ms) and 1 (0.02 ms), step 1 neurons 0 (0.19), 1 (0.15), 2
     * (0.11) and 3 (0.15).
     */
    @Test
    void stepsInFallingTimeOrderAreSorted() {
        Population<?, ?> p = population(4);
        SpikeExchange x = new SpikeExchange(1, 1, DT);
        x.clearBuffers();
        x.beginSegment(0, 0);
        x.buffers[0].expect(p, 0, 4, 0, 2, true);
        x.buffers[0].currentStep = 0;
        x.buffers[0].spikeAt(0, 0.08);
        x.buffers[0].spikeAt(1, 0.02);
        x.buffers[0].currentStep = 1;
        double[] times = {0.19, 0.15, 0.11, 0.15};
        for (int i = 0; i < 4; i++) {
            x.buffers[0].spikeAt(i, times[i]);
        }
        x.endSegment(0, 0);
        x.merge(0, 1);
        x.sortByTime();
        assertArrayEquals(new int[] {1, 0, 4, 3, 5, 2}, java.util.Arrays.copyOf(x.order, 6));
    }

    /** A worker that skips a population in a slice adds nothing for it, whatever it added before. */
    @Test
    void aSegmentNotBegunInASliceIsEmpty() {
        Population<?, ?> p = population(4);
        SpikeExchange x = new SpikeExchange(1, 2, DT);
        x.clearBuffers();
        for (int q = 0; q < 2; q++) {
            x.beginSegment(0, q);
            x.buffers[0].expect(p, 0, 4, 0, 1, false);
            x.buffers[0].spike(q, 0);
            x.buffers[0].spike(q + 2, 0);
            x.endSegment(0, q);
        }
        x.merge(1, 1);
        assertEquals(4, x.count);
        x.clearBuffers();
        x.beginSegment(0, 1);
        x.buffers[0].expect(p, 0, 4, 1, 2, false);
        x.buffers[0].spike(3, 1);
        x.endSegment(0, 1);
        x.merge(2, 2);
        assertEquals(1, x.count);
        assertEquals(List.of(1, 3, 2), List.of(x.population[0], x.neuron[0], x.step[0]));
    }
}
