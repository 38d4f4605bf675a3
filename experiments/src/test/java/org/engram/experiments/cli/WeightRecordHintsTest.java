package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The advice that goes with a refused {@code record.weights} entry, and only where it helps. */
class WeightRecordHintsTest {
    /**
     * At dt = 0.3 ms: the default interval of 1 ms, which the entry does not write, is told how to set it; an
     * interval_ms written as 0.25 is not; a synapse listed of a projection that has none (p = 0) is told to
     * leave synapses out. Word for word, at their lines.
     */
    @Test
    void aDefaultIntervalAndAProjectionWithoutSynapsesAreAdvised(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("w.yaml"), """
                name: w
                duration_ms: 6
                dt_ms: 0.3
                populations:
                  - {name: pre, size: 2, model: spike_times, params: {times_ms: [[1.2], [2.4]]}}
                  - {name: post, size: 2, model: lif_delta, params: {t_ref: 2.1}}
                projections:
                  - {source: pre, target: post, rule: {type: one_to_one}, weight: 0.5, delay_ms: 0.3,
                     plasticity: {type: triplet_stdp}}
                  - {name: none, source: pre, target: post, rule: {type: fixed_probability, p: 0}, weight: 0.5,
                     delay_ms: 0.3, plasticity: {type: triplet_stdp}}
                record:
                  rate_bin_ms: 0.6
                  weights:
                    - {projection: pre->post}
                    - {projection: none, interval_ms: 0.25, synapses: [0]}
                """);
        CliRunner.Result r = CliRunner.run("simulate", file.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.exitCode(), r.err());
        String steps = "expected a whole number of time steps (multiple of dt = 0.3 ms), found ";
        assertEquals(List.of("engram: error: 3 problems:",
                "  w.yaml:15:7: record.weights[0].interval_ms: " + steps + "1.0; set interval_ms to a multiple of"
                        + " dt_ms (without it the interval is 1 ms)",
                "  w.yaml:16:26: record.weights[1].interval_ms: " + steps + "0.25",
                "  w.yaml:16:56: record.weights[1].synapses[0]: expected a synapse index in [0, 0) (the data rows of"
                        + " synapses_none.csv, from 0), found 0; the projection has no synapses: leave synapses out"),
                r.err().lines().map(l -> l.replace(file.toString(), "w.yaml")).toList());
    }
}
