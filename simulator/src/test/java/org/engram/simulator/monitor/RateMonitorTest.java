package org.engram.simulator.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

class RateMonitorTest {
    @Test
    void ratesMatchHandCountedBins() {
        Population<?, ?> p = new NetworkBuilder(0.1).population("p", 4, LifDelta.MODEL, LifDelta.MODEL.defaults());
        RateMonitor m = new RateMonitor(p, 4);
        // 4 neurons, 10 ms in 4 ms bins: (0,4] (4,8] (8,10] (the last 2 ms wide).
        // 0 (counted in the first bin), 1, 2.5, 4 -> 4 spikes: 4 / (4 * 0.004 s) = 250 Hz
        // 7 -> 1 spike: 1 / 0.016 s = 62.5 Hz
        // 9.5, 10 -> 2 spikes in 2 ms: 2 / (4 * 0.002 s) = 250 Hz
        for (double t : new double[] {0, 1, 2.5, 4, 7, 9.5, 10}) {
            m.onSpike(p, 0, t);
        }
        m.extendTo(10);
        assertArrayEquals(new double[] {250, 62.5, 250}, m.ratesHz(), 1e-9);
    }

    @Test
    void silentTailShowsAsZeroRates() {
        Population<?, ?> p = new NetworkBuilder(0.1).population("p", 2, LifDelta.MODEL, LifDelta.MODEL.defaults());
        RateMonitor m = new RateMonitor(p, 1);
        m.onSpike(p, 1, 0.5);
        m.extendTo(3);
        // One spike in (0, 1] among 2 neurons: 1 / (2 * 0.001 s) = 500 Hz, then two silent bins.
        assertArrayEquals(new double[] {500, 0, 0}, m.ratesHz(), 1e-9);
    }

    @Test
    void gridSpikeTimesFallInTheBinOfTheirStep() {
        // The engine stamps a spike of step s with time (s + 1) dt; 3 * 0.1 is 0.30000000000000004,
        // one ulp past the end of bin 2 when bins are one step wide. One spike per step must give one
        // spike in every bin: 1 / (1 neuron * 0.0001 s) = 10 kHz each.
        Population<?, ?> p = new NetworkBuilder(0.1).population("p", 1, LifDelta.MODEL, LifDelta.MODEL.defaults());
        RateMonitor m = new RateMonitor(p, 0.1);
        int steps = 40;
        for (int s = 0; s < steps; s++) {
            m.onSpike(p, 0, (s + 1) * 0.1);
        }
        m.extendTo(steps * 0.1);
        double[] expected = new double[steps];
        java.util.Arrays.fill(expected, 10_000);
        assertArrayEquals(expected, m.ratesHz(), 1e-6);
    }
}
