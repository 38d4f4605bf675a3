package org.engram.experiments.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.engram.experiments.config.ConfigException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.input.NoiseCurrent;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State recordings that cannot fit the disk are refused before the run: recording every neuron
 * of a large network at every step fills a disk (Brunel's 10,000 excitatory neurons for 2 s: 7 GB)
 * and the run fails after its work.
 */
class StateRoomTest {
    private static SimulationConfig recording(double durationMs, List<SimulationConfig.StateSpec> state) {
        return new SimulationConfig("room", 0.1, durationMs, 1L, 1, null, List.of(), List.of(), List.of(),
                new SimulationConfig.RecordSpec(null, null, state, null, null, null, null));
    }

    /**
     * The estimate bounds the file the recorder writes, and not by far: a recording of three noisy
     * neurons at every step over 50 ms.
     */
    @Test
    void theEstimateBoundsTheFileWritten() throws IOException {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("a", 3,
                LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.noise(new NoiseCurrent(p, null, 300, 300));
        Network net = b.build();
        StringWriter csv = new StringWriter();
        try (Engine e = new Engine(net,
                EngineOptions.grid(1))) {
            StateRecorder r = e.recordState(p, "v", new int[] {0, 1, 2}, 0.1);
            e.run(50);
            r.writeCsv(csv);
        }
        long estimate = RecordRoom.stateBytes(recording(50, List.of(
                new SimulationConfig.StateSpec("a", "v", new int[] {0, 1, 2}, null))), new TimeGrid(0.1));
        long written = csv.toString().length();   // ASCII: a byte a character
        assertTrue(written <= estimate && estimate <= 2.5 * written, written + " bytes written, " + estimate
                + " estimated");
    }

    /** Samples (one per interval, the first one interval in) times neurons times a generous row. */
    @Test
    void theFilesTakeTheirRows() {
        SimulationConfig c = recording(50, List.of(
                new SimulationConfig.StateSpec("a", "v", new int[] {0, 1, 2}, 1.0),
                new SimulationConfig.StateSpec("b", "v", null, null)));
        // 50 samples x 3 neurons, and 500 steps x neuron 0; 53 bytes a row.
        assertEquals((50 * 3 + 500) * 53L, RecordRoom.stateBytes(c, new TimeGrid(0.1)));
    }

    /**
     * Rates take a row per bin and recorded population, from record.from_ms on; a bin of 0.1 ms over 2.1e8 ms
     * (a 59-hour run) writes 2.1e9 rows a population, which were not counted, and the widest row fits.
     */
    @Test
    void theRatesTakeTheirRows() {
        SimulationConfig c = new SimulationConfig("room", 0.1, 1000.0, 1L, 1, null, List.of(), List.of(), List.of(),
                new SimulationConfig.RecordSpec(null, 0.5, List.of(), null, 200.0, null, null));
        assertEquals(1600L * RecordRoom.RATE_ROW_BYTES * 3, RecordRoom.rateBytes(c, 3));
        SimulationConfig days = new SimulationConfig("room", 0.1, 2.1e8, 1L, 1, null, List.of(), List.of(),
                List.of(), new SimulationConfig.RecordSpec(null, 0.1, List.of(), null, null, null, null));
        assertEquals(2_100_000_000L * RecordRoom.RATE_ROW_BYTES, RecordRoom.rateBytes(days, 1));
        // RateMonitor's row: a bin start with 9 decimals, a rate as Java writes a double at its longest.
        String widest = String.format(java.util.Locale.ROOT, "%.9f,", 2.147483647e9) + -2.2250738585072014E-308 + "\n";
        assertTrue(widest.length() <= RecordRoom.RATE_ROW_BYTES, widest);
    }

    @Test
    void recordingsPastTheFreeSpaceAreRefused(@TempDir Path dir) throws IOException {
        RecordRoom.requireRoom(7_000_000_000L, 7_000_000_000L, Path.of("brunel.yaml"), List.of());
        ConfigException e = assertThrows(ConfigException.class,
                () -> RecordRoom.requireRoom(7_000_000_001L, 2_500_000_000L, Path.of("brunel.yaml"), List.of()));
        assertEquals("brunel.yaml: record: expected state samples, rates, synapses and weights whose CSV files fit the "
                + "2.5 GB "
                + "free on the result folder's disk, found up to 7.0 GB; record fewer neurons, at a longer interval_ms "
                + "or rate_bin_ms or fewer projections, or write the results to another disk (--out)", e.getMessage());
        // A small disk in megabytes (20 MB free read "0.0 GB"), and the --set that asked for the recording named.
        Path cuba = Files.writeString(dir.resolve("cuba.yaml"), "name: cuba\n");
        e = assertThrows(ConfigException.class, () -> RecordRoom.requireRoom(120_000_000L, 20_000_000L,
                cuba, List.of("duration_ms=100", "record.state=[{population: exc, variable: v}]")));
        assertTrue(e.getMessage().contains("fit the 20.0 MB free on the result folder's disk, found up to 120.0 MB; ")
                && e.getMessage().endsWith("; record is partly what --set record.state=[{population: exc, variable: v}]"
                        + " gave"), e.getMessage());
        assertEquals("512.0 kB", RecordRoom.diskSize(512_000));
        assertEquals("1.0 GB", RecordRoom.diskSize(999_960_000));
        assertEquals("999.9 MB", RecordRoom.diskSize(999_940_000));
        assertEquals("1.0 MB", RecordRoom.diskSize(999_960));
        // Each unit from the first size the smaller one would show as 1000.0, and not a byte before it.
        assertEquals("1.0 GB", RecordRoom.diskSize(999_950_000));
        assertEquals("999.9 MB", RecordRoom.diskSize(999_949_999));
        assertEquals("1.0 MB", RecordRoom.diskSize(999_950));
        assertEquals("999.9 kB", RecordRoom.diskSize(999_949));
    }

    /**
     * A recording past 1 GB is announced before the run, one byte past the bound and not at it, worked by hand
     * from the rows the check counts and not written: the rates of one population in 1 ms bins, 46 bytes a row,
     * take 21,739,130 x 46 = 999,999,980 bytes over 21,739,130 ms and 46 more over one millisecond more.
     */
    @Test
    void aRecordingPastOneGigabyteIsAnnounced() {
        Network net = oneNeuron();
        StringWriter err = new StringWriter();
        RecordRoom.require(recording(21_739_130, List.of()), net, Path.of("long.yaml"), List.of(), Long.MAX_VALUE,
                new PrintWriter(err));
        assertEquals("", err.toString());
        RecordRoom.require(recording(21_739_131, List.of()), net, Path.of("long.yaml"), List.of(), Long.MAX_VALUE,
                new PrintWriter(err));
        assertEquals("engram simulate: the state samples, rates, synapses and weights to write will take up to 1.0 GB"
                + " of disk" + System.lineSeparator(), err.toString());
    }

    /**
     * The check before a run measures what it writes against the disk's free bytes, the bound itself allowed:
     * the rates of one population over 100 ms in 1 ms bins take 100 rows of 46 bytes, 4,600 bytes.
     */
    @Test
    void recordingsOfExactlyTheFreeBytesFitAndOfOneMoreDoNot() {
        Network net = oneNeuron();
        StringWriter err = new StringWriter();
        RecordRoom.require(recording(100, List.of()), net, Path.of("short.yaml"), List.of(), 4_600,
                new PrintWriter(err));
        ConfigException e = assertThrows(ConfigException.class, () -> RecordRoom.require(recording(100, List.of()),
                net, Path.of("short.yaml"), List.of(), 4_599, new PrintWriter(err)));
        assertTrue(e.getMessage().contains("fit the 4.6 kB free on the result folder's disk, found up to 4.6 kB"),
                e.getMessage());
        assertEquals("", err.toString());
    }

    /** {@return a network of one population of one neuron, {@code a}, whose spikes and rates are recorded} */
    private static Network oneNeuron() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        b.population("a", 1, LifDelta.MODEL, LifDelta.MODEL.defaults());
        return b.build();
    }
}
