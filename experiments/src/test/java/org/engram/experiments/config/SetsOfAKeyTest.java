package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ConfigLoader#lastSetOf} and {@link ConfigLoader#setsAtOrUnder} find an override that names a
 * list entry in brackets by its label or name under the entry's index, as the override set it: they
 * had matched the key path as typed, so {@code populations[inh].size} was not among the sets of
 * {@code populations[1]}.
 */
class SetsOfAKeyTest {
    private static final String SIMULATION = String.join("\n",
            "dt_ms: 0.1",
            "populations:",
            "  - {name: exc, size: 40, model: lif_delta}",
            "  - {name: inh, size: 10, model: lif_delta}",
            "");

    @Test
    void anEntryNamedByItsNameIsFoundUnderItsIndex(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("net.yaml"), SIMULATION);
        List<String> sets = List.of("populations[inh].size=5", "dt_ms=0.3", "populations[exc]={name: exc, size: 3}");
        assertEquals("--set populations[inh].size=5", ConfigLoader.lastSetOf(file, sets, "populations[1].size"));
        assertEquals(List.of("--set populations[inh].size=5"),
                ConfigLoader.setsAtOrUnder(file, sets, "populations[1]"));
        // A key set whole with its entry is that override's too.
        assertEquals("--set populations[exc]={name: exc, size: 3}",
                ConfigLoader.lastSetOf(file, sets, "populations[0].size"));
        assertEquals(List.of("--set populations[inh].size=5", "--set populations[exc]={name: exc, size: 3}"),
                ConfigLoader.setsAtOrUnder(file, sets, "populations"));
        assertEquals("--set dt_ms=0.3", ConfigLoader.lastSetOf(file, sets, "dt_ms"));
        assertNull(ConfigLoader.lastSetOf(file, sets, "duration_ms"));
        assertEquals(List.of(), ConfigLoader.setsAtOrUnder(file, sets, "record"));
    }

    @Test
    void aStrategyNamedByItsLabelIsFoundUnderItsIndex(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("run.yaml"), String.join("\n",
                "strategies:",
                "  - {name: naive}",
                "  - {name: ewc, label: ewc-1000, params: {lambda: 1000}}",
                ""));
        List<String> sets = List.of("strategies[ewc-1000].params.lambda=10");
        assertEquals("--set strategies[ewc-1000].params.lambda=10",
                ConfigLoader.lastSetOf(file, sets, "strategies[1].params.lambda"));
        assertEquals(List.of(), ConfigLoader.setsAtOrUnder(file, sets, "strategies[0]"));
    }
}
