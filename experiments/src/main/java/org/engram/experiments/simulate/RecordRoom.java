package org.engram.experiments.simulate;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.ConfigLoader;
import org.engram.simulator.engine.EngineChecks;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.network.Network;

/**
 * The disk space that a simulation's state, rate, synapse and weight records take, checked against the result
 * folder's disk (the spike files' size is not known before the run).
 */
final class RecordRoom {

    /**
     * Bytes a state CSV row takes, counted generously: a time of 9 decimals below 10^6 ms, a neuron
     * index of up to 10 digits, a double as Java writes it (up to 24 characters), separators.
     */
    private static final int STATE_ROW_BYTES = 16 + 1 + 10 + 1 + 24 + 1;
    /**
     * Bytes a rate CSV row takes, counted generously: a bin start of 9 decimals below 10^10 ms, a rate as Java
     * writes a double (up to 24 characters), separators.
     */
    static final int RATE_ROW_BYTES = 20 + 1 + 24 + 1;
    /** Bytes a synapse CSV row takes, counted generously: two indices, a float weight, a delay. */
    private static final int SYNAPSE_ROW_BYTES = 10 + 1 + 10 + 1 + 15 + 1 + 12 + 1;
    /**
     * Bytes a weight CSV row takes besides its listed synapses, counted generously: a time of 9 decimals below
     * 10^10 ms and four doubles as Java writes them, separators; each listed synapse adds a float and a comma.
     */
    private static final int WEIGHT_ROW_BYTES = 20 + 4 * (1 + 24) + 1;
    /** Bytes a listed synapse adds to a weight CSV row: a float as Java writes it (up to 15 characters), a comma. */
    private static final int WEIGHT_BYTES = 1 + 15;
    /** Bytes of a weight CSV's header besides its listed synapses: {@code time_ms,mean,sd,min,max} and a newline. */
    private static final int WEIGHT_HEADER_BYTES = 24;
    /** Bytes a listed synapse adds to the header: {@code ,w_} and an index of up to 10 digits. */
    private static final int WEIGHT_COLUMN_BYTES = 3 + 10;
    /**
     * Bytes a listed synapse adds to {@code summary.json}, counted generously: an entry
     * {@code {"index":...,"source":...,"target":...}} of three indices of up to 10 digits, indented on its lines.
     */
    private static final int SUMMARY_SYNAPSE_BYTES = 3 * (8 + 12 + 10 + 2) + 12;
    /** Recordings past this size (1 GB) are announced before the run. */
    static final long ANNOUNCED_BYTES = 1_000_000_000L;

    private RecordRoom() {
    }

    /**
     * Refuses, before the run, state samples, rates, synapses and weights to write whose CSV files cannot fit the
     * free space of the result folder's disk (found after the run, the disk would be full and the
     * run lost), and announces on standard error those past 1 GB.
     */
    static void require(SimulationConfig c, Network network, Path config, List<String> sets, Path folder,
                        PrintWriter err) {
        long free;
        try {
            free = Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            return;   // a file system that cannot say: the write will tell
        }
        require(c, network, config, sets, free, err);
    }

    /**
     * As {@link #require(SimulationConfig, Network, Path, List, Path, PrintWriter)}, against a disk's free bytes.
     *
     * @param free the free bytes of the result folder's disk
     */
    static void require(SimulationConfig c, Network network, Path config, List<String> sets, long free,
                        PrintWriter err) {
        List<String> recorded = c.record().spikes();
        long total = stateBytes(c, network.grid())
                + rateBytes(c, recorded == null ? network.populations().size() : recorded.size());
        for (String name : c.record().synapses()) {
            total += (long) network.projection(name).synapseCount() * SYNAPSE_ROW_BYTES;
        }
        total += weightBytes(c, network.grid());
        if (total == 0) {
            return;
        }
        requireRoom(total, free, config, sets);
        if (total > ANNOUNCED_BYTES) {
            err.println("engram simulate: the state samples, rates, synapses and weights to write will take up to "
                    + diskSize(total) + " of disk");
            err.flush();
        }
    }

    /** The bytes the state CSV files of a config take at most ({@code STATE_ROW_BYTES} per sample and neuron). */
    static long stateBytes(SimulationConfig c, TimeGrid grid) {
        int steps = grid.positiveSteps("simulation", "duration_ms", c.durationMs());
        long total = 0;
        for (SimulationConfig.StateSpec b : c.record().state()) {
            long samples = steps / EngineChecks.stateIntervalSteps(grid, b.intervalMsOr(grid.dtMs()));
            total += samples * b.neuronCount(RecordChecks.sizeOf(c, b.population())) * STATE_ROW_BYTES;
        }
        return total;
    }

    /**
     * The bytes the weight CSV files of a config take at most, a header and a row of each sample, and the
     * entries of their listed synapses in {@code summary.json}.
     */
    static long weightBytes(SimulationConfig c, TimeGrid grid) {
        int steps = grid.positiveSteps("simulation", "duration_ms", c.durationMs());
        long total = 0;
        for (SimulationConfig.WeightSpec w : c.record().weights()) {
            long samples = WeightSampler.sampleCount(grid.positiveSteps("record", "interval_ms", w.intervalMs()),
                    steps);
            total += WEIGHT_HEADER_BYTES + (long) (WEIGHT_COLUMN_BYTES + SUMMARY_SYNAPSE_BYTES) * w.listedCount()
                    + samples * (WEIGHT_ROW_BYTES + (long) WEIGHT_BYTES * w.listedCount());
        }
        return total;
    }

    /**
     * The bytes the rate CSV files of a config take at most ({@code RATE_ROW_BYTES} per bin): one file per
     * population whose spikes are recorded, a row per bin from {@code record.from_ms} to the end.
     *
     * @param c           the config
     * @param populations how many populations' rates are recorded
     * @return the bytes, 0 for no population
     */
    static long rateBytes(SimulationConfig c, int populations) {
        return rateBins(c) * RATE_ROW_BYTES * populations;
    }

    /** {@return the rate bins of each recorded population: from {@code record.from_ms} to the end, the last partial} */
    static long rateBins(SimulationConfig c) {
        return (long) Math.max(0, Math.ceil((c.durationMs() - c.record().fromMs()) / c.record().rateBinMs() - 1e-9));
    }

    /**
     * @param bytes  what the state, rate and synapse files take
     * @param free   the free bytes of the result folder's disk
     * @param config the config file, for the message and to tell the {@code --set} overrides of its record
     * @param sets   the {@code --set} texts applied over the file, in order
     * @throws ConfigException if the files cannot fit
     */
    static void requireRoom(long bytes, long free, Path config, List<String> sets) {
        if (bytes > free) {
            List<String> recordSets = ConfigLoader.setsAtOrUnder(config, sets, "record");
            throw new ConfigException(config.toString(), "record", "state samples, rates, synapses and weights whose "
                    + "CSV files fit the " + diskSize(free) + " free on the result folder's disk",
                    "up to " + diskSize(bytes),
                    "record fewer neurons, at a longer interval_ms or rate_bin_ms or fewer projections, or write the "
                    + "results to another disk (--out)" + (recordSets.isEmpty() ? "" : "; record is partly what "
                    + String.join(" and ", recordSets) + " gave"));
        }
    }

    /** A size on disk in the unit that shows it: 20 MB free read as "0.0 GB". */
    static String diskSize(long bytes) {
        // Each unit from where the smaller one would round to 1000.0.
        if (bytes >= 999_950_000L) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        }
        return bytes >= 999_950L ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)
                : String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
    }
}
