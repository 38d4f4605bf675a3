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
     * Two projections whose names differ but whose files would be one ({@code pre->post} and {@code pre_to_post}
     * both write {@code synapses_pre_to_post.csv} and {@code weights_pre_to_post.csv}) are refused in
     * {@code record.synapses} and {@code record.weights} at the later name, word for word, with the advice to rename
     * one: listing each once is not enough.
     */
    @Test
    void twoNamesOfOneFileAreToldToRenameOne(@TempDir Path dir) throws IOException {
        String plastic = "rule: {type: one_to_one}, weight: 0.5, plasticity: {type: triplet_stdp}}\n";
        String yaml = "name: edges\n" + SpikeSourcesConfig.POPULATIONS + "projections:\n"
                + "  - {source: pre, target: post, " + plastic
                + "  - {name: pre_to_post, source: pre, target: post, " + plastic
                + "record:\n"
                + "  synapses: [pre->post, pre_to_post]\n"
                + "  weights: [{projection: pre->post}, {projection: pre_to_post}]\n";
        String differs = "expected a projection whose file differs from that of ";
        assertEquals(List.of("engram: error: 2 problems:",
                "  edges.yaml:10:25: record.synapses[1]: " + differs + "record.synapses[0] ('pre->post'; both would"
                        + " write synapses_pre_to_post.csv), found pre_to_post; rename one of the projections",
                "  edges.yaml:11:39: record.weights[1].projection: " + differs + "record.weights[0] ('pre->post';"
                        + " both would write weights_pre_to_post.csv), found pre_to_post; rename one of the"
                        + " projections"),
                SpikeSourcesConfig.refused(dir, "edges.yaml", yaml));
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
     * A {@code record.state} entry of every neuron is held to the recorder's bound, 2147483639 (Integer.MAX_VALUE
     * - 8) samples x neurons, with the population's size: post's 2 neurons sampled every 0.1 ms step over
     * 107374182 ms are 1073741820 x 2 = 2147483640 values, one past it.
     */
    @Test
    void aStateRecordingOfEveryNeuronCountsThePopulationsSize(@TempDir Path dir) throws IOException {
        assertEquals(List.of("engram: error: edges.yaml:10:11: record.state[0]: expected at most 2147483639 samples x"
                + " neurons in one recorder (a longer interval, fewer neurons or a shorter run), found 1073741820"
                + " samples x 2 neurons"), SpikeSourcesConfig.refused(dir, "edges.yaml", SOURCES.replace(
                        "duration_ms: 5", "duration_ms: 107374182")
                        + "  spikes: []\n  state: [{population: post, variable: v, neurons: all}]\n"));
    }

    /** A state interval off the time grid is refused at its key, alone, within a run of a valid length. */
    @Test
    void aStateIntervalOffTheGridIsRefusedAlone(@TempDir Path dir) throws IOException {
        assertEquals(List.of("engram: error: edges.yaml:9:43: record.state[0].interval_ms: expected a whole number of"
                + " time steps (multiple of dt = 0.1 ms), found 0.25"),
                refused(dir, "  state: [{population: post, variable: v, interval_ms: 0.25}]\n"));
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
     * A rate bin past a double's range, below zero (-0.25 ms is 2.5 steps of 0.1 ms, off the grid as well) or of
     * more steps than a run takes is refused without the advice to make it a multiple of dt_ms, which only a finite
     * bin > 0 off the grid needs.
     */
    @Test
    void anInfiniteOrNegativeRateBinIsRefusedWithoutAdvice(@TempDir Path dir) throws IOException {
        assertEquals(List.of("engram: error: edges.yaml:9:3: record.rate_bin_ms: expected a finite number > 0 (ms),"
                + " found 1e400 (read as Infinity)"), refused(dir, "  rate_bin_ms: 1e400\n"));
        assertEquals(List.of("engram: error: edges.yaml:9:3: record.rate_bin_ms: expected a finite number > 0 (ms),"
                + " found -0.25"), refused(dir, "  rate_bin_ms: -0.25\n"));
        assertEquals(List.of("engram: error: edges.yaml:9:3: record.rate_bin_ms: expected at most 2147483647 time"
                + " steps of dt = 0.1 ms (214748364.7 ms, 59.7 hours), found 1e300"),
                refused(dir, "  rate_bin_ms: 1e300\n"));
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
