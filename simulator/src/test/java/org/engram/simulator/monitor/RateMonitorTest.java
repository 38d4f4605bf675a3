package org.engram.simulator.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.input.SpikeTimes;
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
        // Bin by bin, as a figure of many bins reads them, with no copy: the same hand-counted rates.
        assertEquals(3, m.binCount());
        assertEquals(250, m.rateHz(0), 1e-9);
        assertEquals(62.5, m.rateHz(1), 1e-9);
        assertEquals(250, m.rateHz(2), 1e-9);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> m.rateHz(3));
        assertEquals("RateMonitor.rateHz: b: expected an index in [0, 3), found 3", e.getMessage());
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

    /**
     * A silent stretch longer than the bins first made (1,000 bins of 1 ms) is extended into zero rates, and
     * a spike in its last bin then counts there: 1 spike of 2 neurons in 1 ms is 1 / (2 x 0.001 s) = 500 Hz.
     */
    @Test
    void aLongSilentStretchIsExtendedIntoZeroRatesItsLastBinCounting() {
        Population<?, ?> p = new NetworkBuilder(0.1).population("p", 2, LifDelta.MODEL, LifDelta.MODEL.defaults());
        RateMonitor m = new RateMonitor(p, 1);
        m.extendTo(1000);
        assertEquals(1000, m.binCount());
        assertArrayEquals(new double[1000], m.ratesHz());
        m.onSpike(p, 0, 999.5);
        assertEquals(500, m.rateHz(999), 1e-9);
        assertEquals(0, m.rateHz(998));
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

    /**
     * A precise spike time a nanosecond or less past a bin's end lies in the next bin, as the bins
     * (start + b bin, start + (b + 1) bin] say: it had been counted in the bin before, within a
     * tolerance of 1e-9 bins meant for grid times' rounding. In (1, 2]: 1.0000000005, 1.5 and 2; in
     * (2, 3]: 2.0000000001 and 2.000001; the same 1 ms apart at 10 s, and with bins 100 ms wide.
     */
    @Test
    void preciseTimesJustPastAnEdgeLieInTheNextBin() {
        Population<?, ?> p = new NetworkBuilder(0.1).population("p", 1, LifDelta.MODEL, LifDelta.MODEL.defaults());
        for (double offset : new double[] {0, 10_000}) {
            RateMonitor m = new RateMonitor(p, 1, offset);
            for (double t : new double[] {1.0000000005, 1.5, 2.0, 2.0000000001, 2.000001}) {
                m.onSpike(p, 0, offset + t);
            }
            m.extendTo(offset + 3);
            assertArrayEquals(new double[] {0, 3000, 2000}, m.ratesHz(), 1e-9, "from " + offset + " ms");
        }
        RateMonitor wide = new RateMonitor(p, 100);
        for (double t : new double[] {100, 100.000000001, 200}) {
            wide.onSpike(p, 0, t);
        }
        wide.extendTo(200);
        assertArrayEquals(new double[] {10, 20}, wide.ratesHz(), 1e-9);
    }

    /**
     * A monitor made to start at 100 ms counts no spike before then: the 3 spikes before 100 ms,
     * one of them a step before it, used to land in its first bin. Its one bin, (100, 110], holds the
     * spike at 100 ms (counted in bin 0 by the bins' rule) and the one at 105: 2 / (1 * 0.01 s) = 200 Hz.
     */
    @Test
    void spikesBeforeTheStartAreNotCounted() {
        Population<?, ?> p = new NetworkBuilder(0.1).population("p", 1, LifDelta.MODEL, LifDelta.MODEL.defaults());
        RateMonitor m = new RateMonitor(p, 10, 100);
        for (double t : new double[] {5, 50, 99.9, 100, 105}) {
            m.onSpike(p, 0, t);
        }
        m.extendTo(110);
        assertArrayEquals(new double[] {200}, m.ratesHz(), 1e-9);
    }

    /**
     * A monitor that joins a simulation under way bins from where it joined: watched from 100 ms
     * in 50 ms bins, a driven neuron's rates are its spikes in (100, 150] and (150, 200] as a
     * recorder saw them, per 50 ms; before the fix the bins started at 0 and showed 0 Hz there.
     */
    @Test
    void aMonitorJoiningARunBinsFromItsStart() throws IOException {
        NetworkBuilder b = new NetworkBuilder(0.1);
        // i_e = 500 pA: v_inf = 500 * 20 / 250 = 40 mV, above the 20 mV threshold: regular firing.
        Population<?, ?> p = b.population("p", 1, LifDelta.MODEL, new LifDelta.Params(20, 250, 0, 20, 10, 2, 500));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            e.run(100);
            RateMonitor m = e.recordRate(p, 50);
            SpikeRecorder spikes = e.recordSpikes(p);
            e.run(100);
            assertEquals(100.0, m.startMs());
            long first = Arrays.stream(spikes.timesMs()).filter(t -> t > 100 && t <= 150).count();
            long second = Arrays.stream(spikes.timesMs()).filter(t -> t > 150 && t <= 200).count();
            assertTrue(first > 0 && second > 0, "the neuron fires");
            assertArrayEquals(new double[] {first * 1000.0 / 50, second * 1000.0 / 50}, m.ratesHz(), 1e-9);
            StringWriter csv = new StringWriter();
            m.writeCsv(csv);
            assertTrue(csv.toString().startsWith("bin_start_ms,rate_hz\n100.000000000,")
                    && csv.toString().contains("\n150.000000000,"), csv.toString());
        }
    }

    /**
     * A monitor taken off the engine keeps the bins it watched and gets no more: a source that fires
     * at 5, 25 and 75 ms, watched in 10 ms bins for the first 50 ms, gives 1 / (1 neuron * 0.01 s) =
     * 100 Hz in (0, 10] and (20, 30] and nothing past 50 ms. The engine had gone on extending it, so
     * (70, 80] read 0 Hz, silence at a time it did not watch, though the source fired then.
     */
    @Test
    void aRemovedMonitorGetsNoBinsItDidNotWatch() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("src", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{5, 25, 75}}));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            RateMonitor m = e.recordRate(p, 10);
            e.run(50);
            assertTrue(e.removeObserver(m));
            e.run(50);
            assertArrayEquals(new double[] {100, 0, 100, 0, 0}, m.ratesHz(), 1e-9);
        }
    }

    /**
     * A monitor made by hand and added as an observer reaches the end of each run, as one from
     * {@code recordRate} does: two sources firing at 105 and 112 ms, watched from 100 ms in 10 ms
     * bins through a run of 100 ms, give 1 / (2 neurons * 0.01 s) = 50 Hz in (100, 110] and
     * (110, 120] and eight silent bins to 200 ms. It had stopped at its last spike, two bins long,
     * so the silence after it did not show.
     */
    @Test
    void aMonitorAddedAsObserverShowsItsSilentTail() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("src", 2, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{105}, {112}}));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            e.run(100);
            RateMonitor m = new RateMonitor(p, 10, 100);
            e.addObserver(m);
            e.run(100);
            assertArrayEquals(new double[] {50, 50, 0, 0, 0, 0, 0, 0, 0, 0}, m.ratesHz(), 1e-9);
        }
    }
}
