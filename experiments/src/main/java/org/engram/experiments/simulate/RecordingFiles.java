package org.engram.experiments.simulate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.engram.experiments.run.RunFolder;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.monitor.RateMonitor;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.Projection;

/**
 * Writes the CSV files of a run's recordings: spikes, rates, state, synapses and sampled weights. A file the heap
 * finds no room to write is left out whole and the next one is written: the others are kept all the same.
 */
final class RecordingFiles {
    private RecordingFiles() {
    }

    private interface CsvWriter {
        void write(Writer out) throws IOException;
    }

    /**
     * Writes the spike, rate, state, synapse and weight files of a run that ended, each listed in {@code files}
     * once it is written. They are read from the recordings in place, with no copy of them. A file the heap finds
     * no room to write is listed in {@code unwritten} instead, no part of it left, and the next is written.
     */
    static void write(RunFolder folder, Network network, SimulationConfig c, Recordings recorded,
                      SimulationRun.TestHooks hooks, List<String> files, List<String> unwritten) {
        TimeGrid grid = network.grid();
        for (SpikeRecorder r : recorded.spikes()) {
            writeCsv(folder, ResultFileNames.spikesFile(r.population().name()), r::writeCsv, hooks, files,
                    unwritten);
        }
        for (RateMonitor r : recorded.rates()) {
            writeCsv(folder, ResultFileNames.ratesFile(r.population().name()), r::writeCsv, hooks, files,
                    unwritten);
        }
        for (StateRecorder r : recorded.states()) {
            writeCsv(folder, ResultFileNames.stateFile(r.population().name(), r.variable()), r::writeCsv, hooks,
                    files, unwritten);
        }
        for (String name : c.record().synapses()) {
            Projection projection = network.projection(name);
            writeCsv(folder, ResultFileNames.synapsesFile(name), projection::writeCsv, hooks, files,
                    unwritten);
        }
        for (WeightSampler w : recorded.weights()) {
            writeCsv(folder, ResultFileNames.weightsFile(w.projection().name()), wr -> w.writeCsv(wr, grid), hooks,
                    files, unwritten);
        }
    }

    /**
     * Writes one CSV file of the recordings, listing it in {@code files}, or, should the heap find no room to
     * write it, in {@code unwritten}: the write goes to a temporary name, which then goes, so that no part of the
     * file is left.
     */
    private static void writeCsv(RunFolder folder, String file, CsvWriter csv, SimulationRun.TestHooks hooks,
                                 List<String> files, List<String> unwritten) {
        try {
            folder.write(file, hooks.content(file, out -> {
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                csv.write(writer);
                writer.flush();
            }));
            files.add(file);
        } catch (OutOfMemoryError e) {
            unwritten.add(file);
        }
    }
}
