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
     * What would be recorded twice is refused at its later place, word for word: a population listed again in
     * {@code record.spikes} names its first place, which need not be the one just before it; a second
     * {@code record.state} entry of one population and variable, whatever neurons each lists, would write the
     * first one's file over.
     */
    @Test
    void whatWouldBeRecordedTwiceIsRefusedAtItsLaterPlace(@TempDir Path dir) throws IOException {
        String spikes = "  spikes: [pre, post, pre]\n";
        String state = "  state: [{population: post, variable: v}, {population: post, variable: v, neurons: [1]}]\n";
        assertEquals(List.of("engram: error: edges.yaml:9:23: record.spikes[2]: expected a population not listed"
                + " before (it is record.spikes[0]), found pre"), refused(dir, spikes));
        assertEquals(List.of("engram: error: edges.yaml:9:44: record.state[1]: expected a population and variable"
                + " not recorded by record.state[0] (both would write state_post_v.csv; list every neuron in one"
                + " entry), found post v"), refused(dir, state));
    }

    /**
     * A population not built for a bad parameter still has its recorded variable and neurons checked, against a
     * stand-in of its model and size, so that all three problems come in one round.
     */
    @Test
    void aRecordingOfAPopulationWithABadParameterIsCheckedInTheSameRound(@TempDir Path dir) throws IOException {
        List<String> err = SpikeSourcesConfig.refused(dir, "standin.yaml", """
                name: standin
                duration_ms: 5
                populations: [{name: post, size: 2, model: lif_delta, params: {tau_m: -5}}]
                record: {state: [{population: post, variable: w, neurons: [2]}]}
                """);
        assertEquals(List.of("engram: error: 3 problems:",
                "  standin.yaml:3:64: populations[0].params.tau_m: expected a finite number > 0 (ms), found -5",
                "  standin.yaml:4:37: record.state[0].variable: expected one of [v], found w",
                "  standin.yaml:4:50: record.state[0].neurons: expected distinct ascending indices in [0, 2), found 2"
                        + " at neurons[0]"),
                err);
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

    /**
     * A rate bin given is checked where no population's spikes, and so no rates, are recorded: {@code spikes: []}
     * had let {@code rate_bin_ms: -1} pass, which the same config recording spikes refuses.
     */
    @Test
    void aRateBinGivenIsCheckedWithoutRates(@TempDir Path dir) throws IOException {
        assertEquals(List.of("engram: error: edges.yaml:10:3: record.rate_bin_ms: expected a finite number > 0 (ms),"
                + " found -1"), refused(dir, "  spikes: []\n  rate_bin_ms: -1\n"));
        assertEquals(List.of("engram: error: edges.yaml:10:3: record.rate_bin_ms: expected a whole number of time"
                + " steps (multiple of dt = 0.1 ms), found 0.25; set record.rate_bin_ms to a multiple of dt_ms (without"
                + " it the bin is 1 ms)"), refused(dir, "  spikes: []\n  rate_bin_ms: 0.25\n"));
    }

    /**
     * The default bin, 1 ms, is checked only where rates are recorded: off a 0.4 ms grid (which lif_delta's
     * default t_ref of 2 ms fits) it is refused with the advice to set the bin, at the file as the key is not in
     * it, and without rates it is not used and the config is taken.
     */
    @Test
    void theDefaultRateBinIsCheckedWhereItIsUsed(@TempDir Path dir) throws IOException {
        String yaml = "name: grid\ndt_ms: 0.4\nduration_ms: 4\npopulations: [{name: a, size: 1, model: lif_delta}]"
                + "\n";
        assertEquals(List.of("engram: error: grid.yaml: record.rate_bin_ms: expected a whole number of time"
                + " steps (multiple of dt = 0.4 ms), found 1.0; set record.rate_bin_ms to a multiple of dt_ms"
                + " (without it the bin is 1 ms)"), SpikeSourcesConfig.refused(dir, "grid.yaml", yaml));
        Path file = Files.writeString(dir.resolve("grid.yaml"), yaml + "record: {spikes: []}\n");
        CliRunner.Result taken = CliRunner.run("simulate", file.toString(), "--print-config");
        assertEquals(0, taken.exitCode(), taken.err());
    }
}
