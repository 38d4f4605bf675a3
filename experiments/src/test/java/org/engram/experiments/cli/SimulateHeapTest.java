package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.engram.experiments.launch.HeapAdvice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulation whose recordings fill the heap during its run stops naming the config's key and what to
 * change, and leaves no folder: it ended in the bare out-of-memory message, which named neither, or in the
 * recorder's message, which named the recorder and not the key to change.
 */
class SimulateHeapTest {
    /** One neuron of the default model over 700 s, 7,000,000 steps of 0.1 ms, and the key of what it records. */
    private static final String ONE_NEURON_FOR_700_S = """
            duration_ms: 700000
            populations:
              - {name: a, size: 1, model: lif_delta}
            record:
            """;

    @Test
    void spikesPastTheHeapAreToldAtTheRecordKey(@TempDir Path dir) throws Exception {
        // 2,000 neurons driven to about 245 Hz: half a million spikes a second of network time.
        String message = refused(dir, "busy", List.of("-Xmx64m"), """
                duration_ms: 100000
                populations:
                  - name: a
                    size: 2000
                    model: lif_delta
                    params: {tau_m: 10, c_m: 250, e_l: -70, v_th: -55, v_reset: -70, t_ref: 2, i_e: 2000}
                record:
                  rate_bin_ms: 100
                """);
        assertRefusal(message, "busy", "\\d+:\\d+: record.spike_neurons: expected spikes that fit the Java heap"
                + " \\(\\d+ MB in all\\), 12 bytes each, found \\d+ spikes of 2000 neurons of 'a' by [0-9.]+ ms of the"
                + " run's 100000 ms; record the spikes of fewer neurons \\(record.spike_neurons\\), fewer populations"
                + " \\(record.spikes\\), from a later record.from_ms or over a shorter run, or ");
    }

    /**
     * 7,000,000 bins of 0.1 ms over 700 s, 8 bytes each: 56 MB, within the heap of 64 MiB (65 MB as the serial
     * collector reports it), so the check before the run lets them in, but more than its old generation (two
     * thirds, 45 MB) holds in one array, so the run finds no room for them when it starts. The message names the
     * key to change, at its line, as the check before the run does.
     */
    @Test
    void ratesPastTheHeapAtTheRunAreToldAtTheBinKey(@TempDir Path dir) throws Exception {
        String message = refused(dir, "rates", List.of("-Xmx64m", "-XX:+UseSerialGC"), ONE_NEURON_FOR_700_S
                + "  rate_bin_ms: 0.1\n");
        assertRefusal(message, "rates", "6:3: record.rate_bin_ms: expected rate bins that fit the Java heap \\(\\d+"
                + " MB in all\\), 8 bytes a bin for each population whose spikes are recorded, found 7000000 bins of"
                + " 0.1 ms of 'a' up to 700000 ms \\(56 MB\\), for which the heap, holding the network and the other"
                + " recordings, had no room; a wider rate_bin_ms, fewer populations in record.spikes or a shorter run,"
                + " or ");
    }

    /**
     * 7,000,000 samples of one neuron's v every 0.1 ms over 700 s: 56 MB, let in by the check before the run and
     * refused by the run as the rate bins above are. The message names the entry's interval_ms at its line.
     */
    @Test
    void statesPastTheHeapAtTheRunAreToldAtTheEntrysInterval(@TempDir Path dir) throws Exception {
        String message = refused(dir, "states", List.of("-Xmx64m", "-XX:+UseSerialGC"), ONE_NEURON_FOR_700_S + """
                  spikes: []
                  state:
                    - {population: a, variable: v, interval_ms: 0.1}
                """);
        assertRefusal(message, "states", "8:36: record.state\\[0\\].interval_ms: expected samples that fit the Java"
                + " heap \\(\\d+ MB in all; a longer interval, fewer neurons or a shorter run\\), found 7000000 samples"
                + " x 1 neuron of 'a', variable v \\(56 MB\\), for which the heap, holding the network and the other"
                + " recordings, had no room; ");
    }

    /**
     * Checks a refusal's message, word for word but for the heap's size and where the spikes filled it: the error
     * at the config file's line, then {@code body} (a regular expression), then the advice on the heap.
     */
    private static void assertRefusal(String message, String config, String body) {
        assertTrue(message.matches("(?s)engram: error: \\S*" + config + ".yaml:" + body + "\\Q" + HeapAdvice.MORE_HEAP
                + "\\E\\s*"), message);
    }

    /**
     * Simulates {@code name: <name>} and the rest of a config in a JVM of its own, checks that it exits with 2 and
     * leaves no run folder, and gives its standard error.
     */
    private static String refused(Path dir, String name, List<String> jvmOptions, String rest) throws Exception {
        Path config = Files.writeString(dir.resolve(name + ".yaml"), "name: " + name + "\n" + rest);
        Path err = dir.resolve("err.txt");
        Path results = dir.resolve("results");
        Process p = new ProcessBuilder(CliRunner.command(jvmOptions, "simulate", config.toString(), "--out",
                results.toString())).redirectOutput(dir.resolve("out.txt").toFile()).redirectError(err.toFile())
                .start();
        assertEquals(2, p.waitFor(), Files.readString(err));
        if (Files.exists(results.resolve(name))) {
            try (Stream<Path> left = Files.list(results.resolve(name))) {
                assertEquals(List.of(), left.toList(), "no run folder left");
            }
        }
        return Files.readString(err);
    }
}
