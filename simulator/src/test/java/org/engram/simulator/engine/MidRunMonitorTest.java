package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.monitor.RateMonitor;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

/**
 * A rate monitor added from a listener during a run counts the spikes it is shown: its bins start
 * where it starts seeing spikes, the end of the slice in which it was added.
 */
class MidRunMonitorTest {
    /** A source firing every 0.5 ms from 0.5 to 10 ms, and a 2 ms delay: slices of 2 ms. */
    private static Network network() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        double[] times = new double[20];
        for (int k = 0; k < times.length; k++) {
            times[k] = 0.5 * (k + 1);
        }
        Population<?, ?> src = b.population("src", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {times}));
        Population<?, ?> sink = b.population("sink", 1, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("src->sink", src, sink, Rules.allToAll(), Synapses.excitatory(0.1).delayMs(2.0));
        return b.build();
    }

    @Test
    void aRateMonitorAddedByAListenerStartsWhereItSeesSpikes() {
        Network n = network();
        Population<?, ?> src = n.population("src");
        AtomicReference<RateMonitor> added = new AtomicReference<>();
        try (Engine e = new Engine(n, EngineOptions.grid(1))) {
            e.addListener((population, neuron, timeMs) -> {
                if (added.get() == null) {
                    added.set(e.recordRate(src, 1.0));   // at the first spike, 0.5 ms, in the slice (0, 2]
                }
            });
            e.run(10);
        }
        RateMonitor r = added.get();
        assertEquals(2.0, r.startMs(), 1e-12);
        // Two spikes per 1 ms bin from 2 to 10 ms, by hand: 2 / (1 neuron x 1 ms) = 2,000 Hz.
        double[] expected = new double[8];
        Arrays.fill(expected, 2000);
        assertArrayEquals(expected, r.ratesHz(), 1e-9);
    }
}
