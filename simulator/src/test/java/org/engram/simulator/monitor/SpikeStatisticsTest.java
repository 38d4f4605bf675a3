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
        // Neuron 0 spikes at 10, 20, 40, 50 ms in (0, 100]: 4 spikes over 2 neurons and 0.1 s = 20 Hz.
        // ISIs 10, 20, 10: mean 40/3, sample variance ((10-40/3)^2 * 2 + (20-40/3)^2) / 2 = 100/3,
        // so CV = sqrt(100/3) / (40/3) = 0.4330127...
        SpikeStatistics s = SpikeStatistics.of(recorder(10, 20, 40, 50, 150), 0, 100);
        assertEquals(4, s.spikes());
        assertEquals(20.0, s.meanRateHz(), 1e-12);
        assertEquals(Math.sqrt(100.0 / 3) / (40.0 / 3), s.meanCv(), 1e-12);
        assertEquals(1, s.cvNeurons());
    }

    /** Spikes all at one time (spike times given twice) have no CV, and leave the others' mean as it is. */
    @Test
    void intervalsOfLengthZeroLeaveTheMeanCvAlone() {
        Population<?, ?> p = new NetworkBuilder(0.1).population("p", 2, LifDelta.MODEL, LifDelta.MODEL.defaults());
        SpikeRecorder r = new SpikeRecorder(p);
        for (double t : new double[] {5, 5, 5}) {
            r.onSpike(p, 0, t);
        }
        for (double t : new double[] {10, 20, 40, 50}) {
            r.onSpike(p, 1, t);
        }
        SpikeStatistics s = SpikeStatistics.of(r, 0, 100);
        assertEquals(7, s.spikes());
        assertEquals(Math.sqrt(100.0 / 3) / (40.0 / 3), s.meanCv(), 1e-12, "neuron 1's CV alone");
        assertEquals(1, s.cvNeurons());
    }

    /**
     * The window is (from, to]: a grid step's spikes carry its end time, so a run of T ms has
     * spikes up to T (in its last step) and none at 0; the window (0, T] holds them all, and
     * (a, b] the steps from a / dt to b / dt - 1. From 0, a precise-mode spike at 0 counts too.
     */
    @Test
    void windowHoldsItsEndAndNotItsStart() {
        SpikeRecorder r = recorder(0, 20, 50, 80, 100);
        assertEquals(5, SpikeStatistics.of(r, 0, 100).spikes(), "a run's window (0, T] holds every spike");
        assertEquals(2, SpikeStatistics.of(r, 20, 80).spikes(), "(20, 80] holds 50 and 80");
        assertEquals(2, SpikeStatistics.of(r, 50, 100).spikes(), "(50, 100] holds 80 and 100");
        assertEquals(3, SpikeStatistics.of(r, 0, 50).spikes(), "(0, 50] holds 0, 20 and 50");
    }

    /**
     * The last step of a 203.7 ms run on the 0.1 ms grid ends at 2037 x 0.1 = 203.70000000000002 ms:
     * its spikes belong to the run's window (0, 203.7], and one at the step ending at a window's
     * start, 50.300000000000004 ms, does not belong to (50.3, 203.7]; the summary had left out the
     * last step's spikes of a third of all durations.
     */
    @Test
    void windowEdgesAreComparedAsTheGridComparesTimes() {
        double last = 2037 * 0.1;
        double start = 503 * 0.1;
        SpikeRecorder r = recorder(start, 100, last);
        assertEquals(3, SpikeStatistics.of(r, 0, 203.7).spikes(), last + " lies in (0, 203.7]");
        assertEquals(2, SpikeStatistics.of(r, 50.3, 203.7).spikes(), start + " lies outside (50.3, 203.7]");
    }

    @Test
    void aMissingRecorderIsRefusedByName() {
        ParameterException e = assertThrows(ParameterException.class, () -> SpikeStatistics.of(null, 0, 100));
        assertEquals("recorder", e.location());
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
