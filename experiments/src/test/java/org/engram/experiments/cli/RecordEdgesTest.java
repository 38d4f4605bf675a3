package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edges of what {@code record} takes: the smallest spike sample and the longest state interval a run
 * records, and the values next to them it refuses, each worked by hand from spike sources of known times.
 */
class RecordEdgesTest {
    /** {@link SpikeSourcesConfig}'s populations, pre's neurons each into one of post's. */
    private static final String SOURCES = "name: edges\n" + SpikeSourcesConfig.POPULATIONS + """
            projections:
              - {source: pre, target: post, rule: {type: one_to_one}, weight: 0.5}
            record:
            """;

    private static List<String> refused(Path dir, String record) throws IOException {
        return SpikeSourcesConfig.refused(dir, "edges.yaml", SOURCES + record);
    }

    /**
     * {@code spike_neurons: 1}, the fewest taken, records neuron 0 alone: its spikes at 1 and 3 ms, not neuron
     * 1's at 2 ms. A state interval of the whole run (5 ms) takes one sample, at its end: the first sample falls
     * one interval in.
     */
    @Test
    void oneSpikeNeuronAndAnIntervalOfTheWholeRunAreRecorded(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("edges.yaml"), SOURCES + """
                  spikes: [pre]
                  spike_neurons: 1
                  state: [{population: post, variable: v, interval_ms: 5}]
                """);
        CliRunner.Result r = CliRunner.run("simulate", file.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, r.exitCode(), r.err());
        Path folder = Path.of(r.lastLine());
        assertEquals(List.of("time_ms,neuron", "1.000000000,0", "3.000000000,0"),
                Files.readAllLines(folder.resolve("spikes_pre.csv")));
        List<String> state = Files.readAllLines(folder.resolve("state_post_v.csv"));
        assertEquals(2, state.size(), state.toString());
        assertEquals("5.000000000,0,", state.get(1).substring(0, "5.000000000,0,".length()), state.toString());
    }

    /** A projection listed twice in {@code record.synapses} is refused at its second place, word for word. */
    @Test
    void aProjectionListedTwiceForItsSynapsesIsRefused(@TempDir Path dir) throws IOException {
        assertEquals(List.of("engram: error: edges.yaml:9:25: record.synapses[1]: expected a projection not listed"
                + " before, found pre->post"), refused(dir, "  synapses: [pre->post, pre->post]\n"));
    }

    /**
     * A rate bin past a double's range is refused without the advice to make it a multiple of dt_ms, which
     * only a finite bin off the grid needs.
     */
    @Test
    void anInfiniteRateBinIsRefusedWithoutAdvice(@TempDir Path dir) throws IOException {
        assertEquals(List.of("engram: error: edges.yaml:9:3: record.rate_bin_ms: expected a finite number > 0 (ms),"
                + " found 1e400 (read as Infinity)"), refused(dir, "  rate_bin_ms: 1e400\n"));
    }
}
