package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A small simulation whose spikes are known by hand, for the tests of what {@code engram simulate} takes and
 * refuses: two spike sources, {@code pre}, neuron 0 firing at 1 and 3 ms and neuron 1 at 2 ms, beside two LIF
 * neurons at NEST's defaults, {@code post}, for 5 ms.
 */
final class SpikeSourcesConfig {
    /** The duration and populations, lines 2 to 5 of a file whose first line is its name. */
    static final String POPULATIONS = """
            duration_ms: 5
            populations:
              - {name: pre, size: 2, model: spike_times, params: {times_ms: [[1.0, 3.0], [2.0]]}}
              - {name: post, size: 2, model: lif_delta}
            """;

    private SpikeSourcesConfig() {
    }

    /**
     * Simulates a config that must be refused, into {@code dir/out}.
     *
     * @param options further arguments of {@code engram simulate}, e.g. {@code --duration-ms 5e1}
     * @return the lines of standard error, the config's path shortened to its file name
     */
    static List<String> refused(Path dir, String fileName, String yaml, String... options) throws IOException {
        Path file = Files.writeString(dir.resolve(fileName), yaml);
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("simulate", file.toString(), "--out", out.toString()));
        args.addAll(List.of(options));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(2, r.exitCode(), r.err());
        try (Stream<Path> written = Files.exists(out) ? Files.list(out) : Stream.<Path>empty()) {
            assertFalse(written.findAny().isPresent(), "nothing written");
        }
        return r.err().lines().map(l -> l.replace(file.toString(), fileName)).toList();
    }
}
