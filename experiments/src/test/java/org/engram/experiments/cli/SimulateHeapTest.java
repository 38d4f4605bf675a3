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
 * A simulation whose recorded spikes fill the heap stops naming the config's key and what to
 * change, and leaves no folder: it ended in the bare out-of-memory message, which named neither.
 */
class SimulateHeapTest {
    @Test
    void spikesPastTheHeapAreToldAtTheRecordKey(@TempDir Path dir) throws Exception {
        // 2,000 neurons driven to about 245 Hz: half a million spikes a second of network time.
        Path config = Files.writeString(dir.resolve("busy.yaml"), """
                name: busy
                duration_ms: 100000
                populations:
                  - name: a
                    size: 2000
                    model: lif_delta
                    params: {tau_m: 10, c_m: 250, e_l: -70, v_th: -55, v_reset: -70, t_ref: 2, i_e: 2000}
                record:
                  rate_bin_ms: 100
                """);
        Path err = dir.resolve("err.txt");
        Path results = dir.resolve("results");
        Process p = new ProcessBuilder(CliRunner.command(List.of("-Xmx64m"), "simulate", config.toString(), "--out",
                results.toString())).redirectOutput(dir.resolve("out.txt").toFile()).redirectError(err.toFile())
                .start();
        assertEquals(2, p.waitFor(), Files.readString(err));
        String message = Files.readString(err);
        assertTrue(message.matches("(?s)engram: error: \\S*busy.yaml:\\d+:\\d+: record.spike_neurons: expected"
                + " spikes that fit the Java heap \\(\\d+ MB in all\\), 12 bytes each, found \\d+ spikes of 2000"
                + " neurons of 'a' by [0-9.]+ ms of the run's 100000 ms; record the spikes of fewer neurons"
                + " \\(record.spike_neurons\\), fewer populations \\(record.spikes\\), from a later record.from_ms"
                + " or over a shorter run, or \\Q" + HeapAdvice.MORE_HEAP + "\\E\\s*"), message);
        if (Files.exists(results.resolve("busy"))) {
            try (Stream<Path> left = Files.list(results.resolve("busy"))) {
                assertEquals(List.of(), left.toList(), "no run folder left");
            }
        }
    }
}
