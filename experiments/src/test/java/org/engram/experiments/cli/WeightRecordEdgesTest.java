package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edges of {@code record.weights}, on {@link SpikeSourcesConfig}'s populations joined by an explicit rule:
 * synapse 0 joins pre's neuron 0 to post's neuron 1, synapse 1 neuron 1 to neuron 0. post never fires (0.5 mV
 * cannot lift it the 15 mV to its threshold), so pair STDP, which changes a weight only at a post spike and a
 * pre spike after one, leaves every weight at 0.5.
 */
class WeightRecordEdgesTest {
    private static String config(String weights) {
        return "name: w\n" + SpikeSourcesConfig.POPULATIONS + """
                projections:
                  - {source: pre, target: post, rule: {type: explicit, sources: [0, 1], targets: [1, 0]}, weight: 0.5,
                     plasticity: {type: pair_stdp, a_plus: 0.01, a_minus: 0.01, tau_plus: 20, tau_minus: 20, w_max: 1}}
                record:
                """ + "  weights: [{projection: pre->post, " + weights + "}]\n";
    }

    /** An interval of the whole run samples at 0 and at its end; the pair [0, 1] is synapse 0, its column w_0. */
    @Test
    void anIntervalOfTheWholeRunAndThePairOfSynapseZeroAreRecorded(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("w.yaml"), config("interval_ms: 5, pairs: [[0, 1]]"));
        CliRunner.Result r = CliRunner.run("simulate", file.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("time_ms,mean,sd,min,max,w_0", "0.000000000,0.5,0.0,0.5,0.5,0.5",
                "5.000000000,0.5,0.0,0.5,0.5,0.5"),
                Files.readAllLines(Path.of(r.lastLine()).resolve("weights_pre_to_post.csv")));
    }

    /** A pair one past the last source or the last target is refused, each at its place, word for word. */
    @Test
    void aPairJustPastThePopulationsIsRefused(@TempDir Path dir) throws IOException {
        String within = "expected a [source, target] pair within the populations, source in [0, 2) and target in"
                + " [0, 2), found ";
        assertEquals(List.of("engram: error: 2 problems:",
                "  w.yaml:10:45: record.weights[0].pairs[0]: " + within + "[2, 0]",
                "  w.yaml:10:53: record.weights[0].pairs[1]: " + within + "[0, 2]"),
                SpikeSourcesConfig.refused(dir, "w.yaml", config("pairs: [[2, 0], [0, 2]]")));
    }

    /** A pair without its own brackets is two numbers where pairs are expected: each is told so (0 at column 45). */
    @Test
    void aPairWithoutItsBracketsIsToldTheEntriesAreLists(@TempDir Path dir) throws IOException {
        String told = "expected a list, found %s; each entry of pairs is a list itself: [[...], [...]]";
        assertEquals(List.of("engram: error: 2 problems:",
                "  w.yaml:10:45: record.weights[0].pairs[0]: " + told.formatted(0),
                "  w.yaml:10:48: record.weights[0].pairs[1]: " + told.formatted(1)),
                SpikeSourcesConfig.refused(dir, "w.yaml", config("pairs: [0, 1]")));
    }

    /**
     * The heap less its 48 MB reserve bounds a recording: sampled every step (0.1 ms) with no synapse listed, a
     * recording of S samples takes 28 S bytes (a sample's step, mean, sd, min and max), and its samples are the one
     * at 0 and one a step. The most that fit, S = floor((heap - 48 MB) / 28), pass the check; one more sample, still
     * well within the heap itself, is refused at the entry's interval with its size.
     */
    @Test
    void theHeapLessItsReserveBoundsARecording(@TempDir Path dir) throws IOException {
        long heap = Runtime.getRuntime().maxMemory();
        long fit = (long) Math.floor((heap - 48e6) / 28);
        String yaml = config("interval_ms: 0.1").replace("record:\n", "record:\n  spikes: []\n");
        Path file = Files.writeString(dir.resolve("w.yaml"), yaml);
        CliRunner.Result taken = CliRunner.run("simulate", file.toString(), "--print-config", "--duration-ms",
                BigDecimal.valueOf(fit - 1, 1).toPlainString());
        assertEquals(0, taken.exitCode(), taken.err());
        String past = BigDecimal.valueOf(fit, 1).toPlainString();
        List<String> err = SpikeSourcesConfig.refused(dir, "w.yaml", yaml, "--print-config", "--duration-ms",
                past);
        assertTrue(err.get(0).startsWith("engram: error: w.yaml:11:37: record.weights[0].interval_ms: expected samples"
                + " that fit the Java heap"), err.toString());
        assertTrue(err.get(0).contains(String.format(Locale.ROOT, ", found %d samples of 0 synapses (%.0f MB); ",
                fit + 1, 28.0 * (fit + 1) / 1e6)), err.toString());
    }

    /**
     * A duration that is itself refused, of no steps or of more than a run takes, is the one problem: the
     * recording's interval is not held against it.
     */
    @Test
    void aRefusedDurationIsNotAlsoTheIntervals(@TempDir Path dir) throws IOException {
        assertEquals(List.of("engram: error: w.yaml:2:1: duration_ms: expected a number > 0 (ms), found 0"),
                SpikeSourcesConfig.refused(dir, "w.yaml", config("interval_ms: 5").replace("duration_ms: 5",
                        "duration_ms: 0")));
        assertEquals(List.of("engram: error: w.yaml:2:1: duration_ms: expected at most 2147483647 time steps of dt ="
                + " 0.1 ms (214748364.7 ms, 59.7 hours), found 1e300"), SpikeSourcesConfig.refused(dir, "w.yaml",
                config("interval_ms: 5").replace("duration_ms: 5", "duration_ms: 1e300")));
    }
}
