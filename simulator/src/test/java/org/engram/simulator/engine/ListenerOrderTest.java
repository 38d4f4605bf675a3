package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Listeners and observers see spikes in time order. In precise mode several spikes of one step
 * have different times; plasticity rules decay their traces from event to event, so a spike shown
 * before an earlier one pairs them the wrong way round.
 */
class ListenerOrderTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void preciseSpikesOfOneStepReachListenersInTimeOrder(int threads) {
        NetworkBuilder b = new NetworkBuilder(0.1);
        // All in step 10 (1.0, 1.1] ms; population order a, b, c; time order b, c, a, then a's second
        // neuron and b's second neuron tie at 1.08 ms and keep population order.
        b.population("a", 2, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{1.09}, {1.08}}));
        b.population("b", 2, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{1.01}, {1.08}}));
        b.population("c", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{1.05}}));
        List<String> listened = new ArrayList<>();
        List<String> observed = new ArrayList<>();
        try (Engine e = new Engine(b.build(), EngineOptions.precise(threads).withMinParallelNeuronSteps(0))) {
            e.addListener((p, i, t) -> listened.add(p.name() + i + "@" + t));
            e.addObserver((p, i, t) -> observed.add(p.name() + i + "@" + t));
            e.run(2.0);
        }
        String[] expected = {"b0@1.01", "c0@1.05", "a1@1.08", "b1@1.08", "a0@1.09"};
        assertArrayEquals(expected, listened.toArray(), "listener order");
        assertArrayEquals(expected, observed.toArray(), "observer order");
    }

    /**
     * A step of two spikes whose canonical order (population a before b) is the reverse of their
     * time order is swapped; so the one pair of the step is all there is to tell it unsorted, and a
     * spike of a later step in the same slice must not be taken for a third of them.
     */
    @Test
    void twoSpikesOfOneStepInReverseOrderAreSwapped() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        b.population("a", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{1.09, 1.25}}));
        b.population("b", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{1.01}}));
        List<String> listened = new ArrayList<>();
        try (Engine e = new Engine(b.build(), EngineOptions.precise(1))) {
            e.addListener((p, i, t) -> listened.add(p.name() + i + "@" + t));
            e.run(2.0);
        }
        assertEquals(List.of("b0@1.01", "a0@1.09", "a0@1.25"), listened);
    }

    @Test
    void manySpikesOfOneStepArriveSortedAndEachOnce() {
        // 300 neurons spike at seeded random times inside step 10, a few on shared times: the
        // listener must get all 300, times non-decreasing, equal times by ascending neuron.
        int n = 300;
        SplitMixRandom rng = RandomStreams.of(3, Purpose.TASK, 0);
        double[][] times = new double[n][];
        for (int i = 0; i < n; i++) {
            times[i] = new double[] {1.0 + (1 + rng.nextInt(40)) * 0.0025};
        }
        NetworkBuilder b = new NetworkBuilder(0.1);
        b.population("p", n, SpikeTimes.MODEL, new SpikeTimes.Params(times));
        List<double[]> seen = new ArrayList<>();
        try (Engine e = new Engine(b.build(), EngineOptions.precise(2).withMinParallelNeuronSteps(0))) {
            e.addListener((p, i, t) -> seen.add(new double[] {t, i}));
            e.run(2.0);
        }
        assertEquals(n, seen.size());
        boolean[] once = new boolean[n];
        for (int k = 0; k < n; k++) {
            int i = (int) seen.get(k)[1];
            assertTrue(!once[i], "neuron " + i + " twice");
            once[i] = true;
            assertEquals(times[i][0], seen.get(k)[0], 0.0);
            if (k > 0) {
                double[] a = seen.get(k - 1);
                double[] c = seen.get(k);
                assertTrue(a[0] < c[0] || (a[0] == c[0] && a[1] < c[1]), "order at " + k);
            }
        }
    }

    /** A log of calls: onSpike as name, neuron and time, afterSpikesAt as "after" and time. */
    private record Log(String tag, List<String> calls) implements org.engram.simulator.event.SpikeListener {
        @Override
        public void onSpike(org.engram.simulator.network.Population<?, ?> population, int neuron, double timeMs) {
            calls.add(tag + ":" + population.name() + neuron + "@" + timeMs);
        }

        @Override
        public void afterSpikesAt(double timeMs) {
            calls.add(tag + ":after@" + timeMs);
        }
    }

    /** Observers are told when an instant's spikes are all shown, as listeners are (they had not been). */
    @Test
    void observersHearTheEndOfEachInstantToo() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        b.population("s", 3, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{1.0, 2.0}, {1.0}, {2.0}}));
        List<String> observed = new ArrayList<>();
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            e.addObserver(new Log("o", observed));
            e.run(3.0);
        }
        assertEquals(List.of("o:s0@1.0", "o:s1@1.0", "o:after@1.0", "o:s0@2.0", "o:s2@2.0", "o:after@2.0"), observed);
    }

    /**
     * In precise mode an instant ends after its last spike in time order, not in canonical order:
     * b's spike at 1.01 ms is shown and ended first, though population a comes first in the step.
     */
    @Test
    void preciseInstantsEndInTimeOrder() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        b.population("a", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{1.09}}));
        b.population("b", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{1.01}}));
        List<String> calls = new ArrayList<>();
        try (Engine e = new Engine(b.build(), EngineOptions.precise(1))) {
            e.addObserver(new Log("o", calls));
            e.addListener(new Log("l", calls));
            e.run(2.0);
        }
        assertEquals(List.of("o:b0@1.01", "o:after@1.01", "o:a0@1.09", "o:after@1.09",
                "l:b0@1.01", "l:after@1.01", "l:a0@1.09", "l:after@1.09"), calls);
    }

    /**
     * A listener added from a listener starts with the next slice, as an observer does, rather than
     * with the spike being handled; removed between runs, a listener hears nothing more.
     */
    @Test
    void listenersJoinAtTheNextSliceAndLeaveBetweenRuns() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        b.population("s", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{1.0, 2.0, 3.0}}));
        List<String> calls = new ArrayList<>();
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            Log late = new Log("late", calls);
            e.addListener((p, i, t) -> {
                if (calls.isEmpty()) {
                    calls.add("first@" + t);
                    e.addListener(late);
                    assertThrows(IllegalStateException.class, () -> e.removeListener(late));
                }
            });
            e.run(2.5);
            assertEquals(List.of("first@1.0", "late:s0@2.0", "late:after@2.0"), calls);
            assertTrue(e.removeListener(late));
            assertFalse(e.removeListener(late), "removed already");
            e.run(1.0);
            assertEquals(3, calls.size(), "nothing after the removal: " + calls);
        }
    }
}
