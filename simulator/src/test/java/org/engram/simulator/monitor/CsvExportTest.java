package org.engram.simulator.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.stream.IntStream;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.engine.Mode;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Spike and state CSVs hold one documented line per spike or sample, in any locale, and writing a
 * large recording does not cost a formatter per line.
 */
class CsvExportTest {
    private static final int NEURONS = 200;

    private record Recorded(SpikeRecorder spikes, StateRecorder state) {
    }

    /** 200 strongly driven neurons, every one sampled every step for 50 ms: 100,000 state lines. */
    private static Recorded record(Mode mode) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(5);
        Population<?, ?> p = b.population("p", NEURONS, LifDelta.MODEL, new LifDelta.Params(20, 250, 0, 20, 10, 2, 0));
        b.poissonInput(p, 40_000, 0.2, Receptor.EXCITATORY);
        Network network = b.build();
        try (Engine e = new Engine(network, new EngineOptions(1, mode))) {
            SpikeRecorder spikes = e.recordSpikes(p);
            StateRecorder state = e.recordState(p, "v", IntStream.range(0, NEURONS).toArray(), 0.1);
            e.run(50);
            return new Recorded(spikes, state);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void linesAreTheDocumentedFormatInAnyLocale(Mode mode) throws IOException {
        Recorded r = record(mode);
        StringBuilder spikes = new StringBuilder("time_ms,neuron\n");
        double[] times = r.spikes().timesMs();
        int[] neurons = r.spikes().neurons();
        for (int k = 0; k < times.length; k++) {
            spikes.append(String.format(Locale.ROOT, "%.9f,%d", times[k], neurons[k])).append('\n');
        }
        StringBuilder state = new StringBuilder("time_ms,neuron,v\n");
        double[] sampleTimes = r.state().timesMs();
        for (int s = 0; s < sampleTimes.length; s++) {
            for (int k = 0; k < NEURONS; k++) {
                state.append(String.format(Locale.ROOT, "%.9f,%d,", sampleTimes[s], k))
                        .append(r.state().trace(k)[s]).append('\n');
            }
        }
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);   // a decimal comma, were the locale used
        try {
            StringWriter spikeCsv = new StringWriter();
            r.spikes().writeCsv(spikeCsv);
            assertEquals(spikes.toString(), spikeCsv.toString());
            StringWriter stateCsv = new StringWriter();
            r.state().writeCsv(stateCsv);
            assertEquals(state.toString(), stateCsv.toString());
        } finally {
            Locale.setDefault(before);
        }
        assertTrue(times.length > 1000, "the network must be active, saw " + times.length + " spikes");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void writingAllocatesLittlePerLine(Mode mode) throws IOException {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Recorded r = record(mode);
        Writer sink = new BufferedWriter(new OutputStreamWriter(OutputStream.nullOutputStream()));
        long before = threads.getCurrentThreadAllocatedBytes();
        r.state().writeCsv(sink);
        long state = threads.getCurrentThreadAllocatedBytes() - before;
        long lines = (long) r.state().sampleCount() * NEURONS;
        // Measured: about 120 bytes a line (the neuron's and the value's strings); a String.format
        // per line made about 2,400 (its Formatter, parse and buffers). 600 lies well between.
        assertTrue(state < 600 * lines, state / lines + " bytes per state line");
        if (mode == Mode.GRID) {
            // Grid-mode spikes of a step share their time, formatted once; here a step has several
            // (over 1,000 spikes in 500 steps), and the same bound holds.
            before = threads.getCurrentThreadAllocatedBytes();
            r.spikes().writeCsv(sink);
            long spikes = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(spikes < 600L * r.spikes().count(), spikes / r.spikes().count() + " bytes per spike line");
        }
    }
}
