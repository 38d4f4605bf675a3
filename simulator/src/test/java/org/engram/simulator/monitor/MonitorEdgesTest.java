package org.engram.simulator.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.engine.Mode;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * The monitors fed by hand, at the edges of what they hold: the first bins past a rate monitor's
 * initial array, a late start with a short last bin, one neuron's spikes, the neurons a recorder
 * records, a neuron with exactly two intervals, a digest window whose spikes are all settled, and
 * writers that buffer.
 */
class MonitorEdgesTest {
    private static final Population<?, ?> P =
            new NetworkBuilder(0.1).population("p", 4, LifDelta.MODEL, LifDelta.MODEL.defaults());

    @Test
    void aRateMonitorGrowsPastItsFirstBinsWithoutBeingExtended() {
        // 1 ms bins, 4 neurons: spikes at 0.5, 256.5 and 1100.5 ms in bins 0, 256 (the first past the
        // 256 bins the monitor starts with) and 1100 (past twice the 512 it then has). Without
        // extendTo every bin is a full 1 ms wide: 1 / (4 x 0.001 s) = 250 Hz.
        RateMonitor m = new RateMonitor(P, 1);
        m.onSpike(P, 0, 0.5);
        m.onSpike(P, 3, 256.5);
        m.onSpike(P, 2, 1100.5);
        double[] rates = m.ratesHz();
        assertEquals(1101, rates.length);
        assertEquals(250, rates[0], 1e-9);
        assertEquals(250, rates[256], 1e-9);
        assertEquals(250, rates[1100], 1e-9);
        assertEquals(0, rates[700]);
        assertEquals(1, m.binMs());
    }

    /**
     * A long run's grid times are written as their steps' decimal times: step 41943791 of 0.1 ms ends at
     * 4194379.1 ms, which the double 41943791 x 0.1 misses by an ulp, 4194379.100000001, which the spike file
     * wrote, placing the spike after its step and its rate bin; a time off the grid keeps its decimals.
     */
    @Test
    void gridTimesPastTwoToTheTwentyTwoMsAreWrittenAsTheirSteps() throws IOException {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 2, LifDelta.MODEL, LifDelta.MODEL.defaults());
        Network network = b.build();
        assertEquals("4194379.100000001", Double.toString(41943791 * 0.1), "the product itself is off the decimal");
        SpikeRecorder spikes = new SpikeRecorder(p);
        spikes.joining(network, 0);
        spikes.onSpike(p, 1, 41943791 * 0.1);
        spikes.onSpike(p, 0, 4194379.1234567);
        StringWriter csv = new StringWriter();
        spikes.writeCsv(csv);
        assertEquals("time_ms,neuron\n4194379.100000000,1\n4194379.123456700,0\n", csv.toString());
        try (Engine engine = new Engine(network, new EngineOptions(1, Mode.GRID))) {
            // The engine's recorder knows the step too: fed by hand, as a run of 70 minutes would feed it.
            SpikeRecorder recorded = engine.recordSpikes(p);
            recorded.onSpike(p, 1, 41943791 * 0.1);
            StringWriter engineCsv = new StringWriter();
            recorded.writeCsv(engineCsv);
            assertEquals("time_ms,neuron\n4194379.100000000,1\n", engineCsv.toString());
        }
        // Bins of 3000000.7 ms: the fourth starts at 9000002.1 ms, whose product 3 x 3000000.7 is 9000002.100000001.
        RateMonitor rates = new RateMonitor(p, 3000000.7);
        rates.extendTo(4 * 3000000.7);
        StringWriter rateCsv = new StringWriter();
        rates.writeCsv(rateCsv);
        assertTrue(rateCsv.toString().endsWith("\n9000002.100000000,0.0\n"), rateCsv.toString());
    }

    /**
     * A sparse bin's rate reads back as its spike count: one spike among 4 neurons in a bin of 10^9 ms is
     * 2.5e-7 Hz, which six decimals wrote as 0.000000 (a bin of 1 s over 10 million neurons is as sparse).
     */
    @Test
    void aSparseBinsRateIsWrittenInFullAndGivesBackItsSpikes() throws IOException {
        RateMonitor m = new RateMonitor(P, 1e9);
        m.onSpike(P, 2, 5);
        m.extendTo(1e9);
        StringWriter csv = new StringWriter();
        m.writeCsv(csv);
        String rate = csv.toString().split("\n")[1].split(",")[1];
        assertEquals(1, Double.parseDouble(rate) * P.size() * 1e9 / 1000, 1e-12);
    }

    /**
     * A last bin cut short is as wide as the written times make it: from 10.3 ms in bins of 0.7 ms up to 123.4 ms,
     * the last bin starts at 123.0 and is 0.4 ms wide, which 123.4 - 10.3 - 161 x 0.7 computes as 0.4000000000000199:
     * its 2 spikes among 4 neurons were 1249.999999999938 Hz, not 2 / (4 x 0.0004 s) = 1250.
     */
    @Test
    void aShortLastBinsRateIsTakenOverItsWrittenWidth() {
        RateMonitor m = new RateMonitor(P, 0.7, 10.3);
        m.onSpike(P, 0, 123.1);
        m.onSpike(P, 1, 123.4);
        m.extendTo(123.4);
        assertEquals(162, m.binCount());
        assertEquals(1250.0, m.rateHz(161));
    }

    /** A window's rate divides by its written width: 123.4 - 123.3 computes as 0.10000000000000853 ms. */
    @Test
    void aWindowsRateIsTakenOverItsWrittenWidth() {
        SpikeRecorder r = new SpikeRecorder(P);
        r.onSpike(P, 3, 123.35);
        // One spike among 4 neurons in 0.1 ms: 1 / (4 x 0.0001 s) = 2500 Hz.
        assertEquals(2500.0, SpikeStatistics.of(r, 123.3, 123.4).meanRateHz());
    }

    @Test
    void aLateMonitorsLastBinIsAsShortAsTheTimeLeft() {
        // Start 5 ms, 4 ms bins, extended to 15 ms: (5, 9], (9, 13], (13, 15], the last 2 ms wide.
        // One spike in each: 1 / (4 x 0.004 s) = 62.5 Hz, and 1 / (4 x 0.002 s) = 125 Hz in the last.
        RateMonitor m = new RateMonitor(P, 4, 5);
        for (double t : new double[] {6, 10, 14}) {
            m.onSpike(P, 1, t);
        }
        m.extendTo(15);
        assertArrayEquals(new double[] {62.5, 62.5, 125}, m.ratesHz(), 1e-9);
    }

    @Test
    void aRecorderGivesOneNeuronsSpikesAndKnowsWhichItRecords() {
        SpikeRecorder r = new SpikeRecorder(P);
        double[][] spikes = {{1, 0}, {1, 2}, {2, 2}, {3, 1}, {4, 2}};
        for (double[] s : spikes) {
            r.onSpike(P, (int) s[1], s[0]);
        }
        assertArrayEquals(new double[] {1, 2, 4}, r.timesOf(2));
        assertArrayEquals(new double[] {1}, r.timesOf(0));
        assertArrayEquals(new double[0], r.timesOf(3), "a recorded neuron that never fired");
        assertTrue(r.records(3));
        assertFalse(r.records(4), "past the population");
        assertFalse(r.records(-1));
        // Four neurons: the message gives the indices there are, 0 to 3.
        assertEquals("spike recorder of 'p': neuron: expected a neuron of the population, 0 to 3, found 4",
                assertThrows(ParameterException.class, () -> r.timesOf(4)).getMessage());
        // Five spikes: the k-th, one by one, is one of the five or none, said by the reader, k and the range.
        assertEquals(4.0, r.timeMs(4));
        assertEquals(2, r.neuron(4));
        for (int k : new int[] {-1, 5}) {
            String range = ": k: expected an index in [0, 5), found " + k;
            assertEquals("SpikeRecorder.timeMs" + range,
                    assertThrowsExactly(IndexOutOfBoundsException.class, () -> r.timeMs(k)).getMessage());
            assertEquals("SpikeRecorder.neuron" + range,
                    assertThrowsExactly(IndexOutOfBoundsException.class, () -> r.neuron(k)).getMessage());
        }
        SpikeRecorder chosen = new SpikeRecorder(P, new int[] {1, 3});
        assertTrue(chosen.records(1));
        assertFalse(chosen.records(2));
    }

    @Test
    void neuronsWithTwoIntervalsHaveACvAndTheWindowSetsTheRate() {
        // Neuron 0 at 10, 20, 40 ms: intervals 10 and 20, mean 15, sample variance
        // ((10 - 15)^2 + (20 - 15)^2) / 1 = 50, CV sqrt(50) / 15. Neuron 1 at 50, 60, 90: intervals 10
        // and 30, mean 20, variance 200, CV sqrt(200) / 20. Neuron 2 has one interval only. Window
        // (5, 105]: 8 spikes over 4 neurons and 0.1 s = 20 Hz.
        SpikeRecorder r = new SpikeRecorder(P);
        double[][] spikes = {{10, 0}, {20, 0}, {30, 2}, {35, 2}, {40, 0}, {50, 1}, {60, 1}, {90, 1}};
        for (double[] s : spikes) {
            r.onSpike(P, (int) s[1], s[0]);
        }
        SpikeStatistics s = SpikeStatistics.of(r, 5, 105);
        assertEquals(2, s.cvNeurons());
        assertEquals((Math.sqrt(50) / 15 + Math.sqrt(200) / 20) / 2, s.meanCv(), 1e-12);
        assertEquals(8, s.spikes());
        assertEquals(20, s.meanRateHz(), 1e-9);
    }

    @Test
    void aFullDigestWindowWhoseSpikesAreAllSettledHashesThemAll() throws Exception {
        // 256 spikes (the window) at 0.1 ms, neurons 0 to 3 in turn, then one of neuron 0 at 100 ms:
        // all 256 are settled when it comes. The train sorted by (time, neuron) is 64 spikes of each
        // neuron at 0.1 ms, then the last.
        SpikeTrainDigest digest = new SpikeTrainDigest(0.1);
        for (int k = 0; k < 256; k++) {
            digest.onSpike(P, k % 4, 0.1);
        }
        digest.onSpike(P, 0, 100);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer record = ByteBuffer.allocate(12);   // big-endian: time bits, then neuron
        for (int k = 0; k < 257; k++) {
            record.clear();
            record.putLong(Double.doubleToLongBits(k < 256 ? 0.1 : 100)).putInt(k < 256 ? k / 64 : 0);
            sha.update(record.array());
        }
        assertEquals(HexFormat.of().formatHex(sha.digest()), digest.hex());
    }

    @Test
    void monitorsFlushWhatTheyWrite() throws IOException {
        SpikeRecorder r = new SpikeRecorder(P);
        r.onSpike(P, 2, 0.5);
        StringWriter spikes = new StringWriter();
        r.writeCsv(new BufferedWriter(spikes));
        assertEquals("time_ms,neuron\n0.500000000,2\n", spikes.toString());
        RateMonitor m = new RateMonitor(P, 1);
        m.onSpike(P, 2, 0.5);
        StringWriter rates = new StringWriter();
        m.writeCsv(new BufferedWriter(rates));
        assertEquals("bin_start_ms,rate_hz\n0.000000000,250.0\n", rates.toString());
    }
}
