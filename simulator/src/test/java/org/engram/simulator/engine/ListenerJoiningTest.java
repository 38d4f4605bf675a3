package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.engram.simulator.ParameterException;
import org.engram.simulator.event.SpikeListener;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.monitor.RateMonitor;
import org.engram.simulator.monitor.SpikeTrainDigest;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * A monitor added to an engine is asked first whether it can follow the engine's clock
 * ({@code SpikeListener.joining}): one whose bins or spikes stop elsewhere than where the engine
 * is (a later time, an earlier engine's; an earlier one, time it never watched) is refused before
 * the run, where it had mixed two clocks or read unwatched time as silence without a word.
 */
class ListenerJoiningTest {
    private final Network network;
    private final Population<?, ?> source;

    ListenerJoiningTest() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        source = b.population("src", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{2, 5, 8, 15}}));
        network = b.build();
    }

    @Test
    void aRateMonitorStartingBeforeTheEnginesTimeIsRefused() {
        try (Engine e = new Engine(network, EngineOptions.grid(1))) {
            e.run(5);
            RateMonitor early = new RateMonitor(source, 1.0);
            ParameterException refused = assertThrows(ParameterException.class, () -> e.addObserver(early));
            assertEquals("rate monitor of 'src': start: expected a start at or after the engine's time, 5.0 ms, as"
                    + " bins before it would read as silence it did not watch, found 0.0 ms; start it there (new"
                    + " RateMonitor(population, bin, engine.timeMs())), or use engine.recordRate",
                    refused.getMessage());
            RateMonitor fromNow = new RateMonitor(source, 5.0, e.timeMs());
            e.addObserver(fromNow);
            e.run(5);
            // Spikes at 8 ms in (5, 10]: 1 spike of 1 neuron in 5 ms, 200 Hz.
            assertArrayEquals(new double[] {200}, fromNow.ratesHz(), 1e-9);
        }
    }

    @Test
    void aRateMonitorGoesOnOnlyWhereItStopped() {
        RateMonitor watched;
        try (Engine e = new Engine(network, EngineOptions.grid(1))) {
            watched = e.recordRate(source, 5.0);
            e.run(5);
            e.removeObserver(watched);
            e.addObserver(watched);   // at once: no time unwatched
            e.removeObserver(watched);
            e.run(5);
            ParameterException gap = assertThrows(ParameterException.class, () -> e.addObserver(watched));
            assertEquals("rate monitor of 'src': engine: expected an engine whose time is where the bins end, at"
                    + " 5.0 ms, found 10.0 ms; a monitor goes on only where it stopped; record the rest with a new one"
                    + " (engine.recordRate)", gap.getMessage());
        }
        try (Engine next = new Engine(network, EngineOptions.grid(1))) {
            ParameterException past = assertThrows(ParameterException.class, () -> next.addListener(watched));
            assertEquals("rate monitor of 'src': engine: expected an engine whose time is where the bins end, at"
                    + " 5.0 ms, found 0.0 ms; a monitor goes on only where it stopped; record the rest with a new one"
                    + " (engine.recordRate)", past.getMessage());
        }
        // The spikes at 2 and 5 ms, in (0, 5]: 2 spikes in 5 ms, 400 Hz; nothing added after it was removed.
        assertArrayEquals(new double[] {400}, watched.ratesHz(), 1e-9);
    }

    @Test
    void aDigestOfAnEarlierEngineIsRefused() {
        SpikeTrainDigest digest = new SpikeTrainDigest(0.1);
        String firstRun;
        try (Engine e = new Engine(network, EngineOptions.grid(1))) {
            e.addObserver(digest);
            e.run(6);
            firstRun = digest.hex();
        }
        try (Engine next = new Engine(network, EngineOptions.grid(1))) {
            ParameterException refused = assertThrows(ParameterException.class, () -> next.addObserver(digest));
            assertEquals("spike-train digest: engine: expected an engine whose clock has reached the last spike shown,"
                    + " at 5.0 ms (a new engine's clock starts at 0), found 0.0 ms; digest the new engine's spikes with"
                    + " a new digest", refused.getMessage());
            next.run(10);
        }
        assertEquals(2, digest.spikes());
        assertEquals(firstRun, digest.hex());
    }

    @Test
    void aListenerThatRefusesIsNotAdded() {
        try (Engine e = new Engine(network, EngineOptions.grid(1))) {
            e.run(5);
            int[] shown = new int[1];
            SpikeListener picky = new SpikeListener() {
                @Override
                public void onSpike(Population<?, ?> population, int neuron, double timeMs) {
                    shown[0]++;
                }

                @Override
                public void joining(Network joined, double timeMs) {
                    assertEquals(network, joined);
                    throw new ParameterException("picky", "engine", "time 0", timeMs);
                }
            };
            assertThrows(ParameterException.class, () -> e.addListener(picky));
            assertThrows(ParameterException.class, () -> e.addObserver(picky));
            e.run(10);
            assertEquals(0, shown[0]);
        }
    }
}
