package org.engram.simulator.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.engram.simulator.ParameterException;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

class SpikeStatisticsTest {
    private static SpikeRecorder recorder(double... times) {
        Population<?, ?> p = new NetworkBuilder(0.1).population("p", 2, LifDelta.MODEL, LifDelta.MODEL.defaults());
        SpikeRecorder r = new SpikeRecorder(p);
        for (double t : times) {
            r.onSpike(p, 0, t);
        }
        return r;
    }

    @Test
    void rateAndCvMatchHandComputedValues() {
        // Neuron 0 spikes at 10, 20, 40, 50 ms in [0, 100): 4 spikes over 2 neurons and 0.1 s = 20 Hz.
        // ISIs 10, 20, 10: mean 40/3, sample variance ((10-40/3)^2 * 2 + (20-40/3)^2) / 2 = 100/3,
        // so CV = sqrt(100/3) / (40/3) = 0.4330127...
        SpikeStatistics s = SpikeStatistics.of(recorder(10, 20, 40, 50, 150), 0, 100);
        assertEquals(4, s.spikes());
        assertEquals(20.0, s.meanRateHz(), 1e-12);
        assertEquals(Math.sqrt(100.0 / 3) / (40.0 / 3), s.meanCv(), 1e-12);
        assertEquals(1, s.cvNeurons());
    }

    @Test
    void rejectsAnEmptyReversedOrNaNWindow() {
        // An empty window divided by zero (rate NaN or infinite); a NaN bound made every comparison
        // false, so all spikes counted while the rate became NaN.
        SpikeRecorder r = recorder(10, 20);
        double[][] windows = {{50, 50}, {60, 50}, {Double.NaN, 50}, {0, Double.NaN}};
        String[] blamed = {"to", "to", "from", "to"};
        for (int k = 0; k < windows.length; k++) {
            double[] window = windows[k];
            ParameterException e = assertThrows(ParameterException.class,
                    () -> SpikeStatistics.of(r, window[0], window[1]));
            assertEquals(blamed[k], e.location(), e.getMessage());
        }
    }
}
