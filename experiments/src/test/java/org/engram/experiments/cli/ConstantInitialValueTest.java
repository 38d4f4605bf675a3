package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A constant initial value ({@code initial: {v: 25}}) is the state every neuron of the population starts in. */
class ConstantInitialValueTest {
    /**
     * Without input, three lif_delta neurons that start at v = 25 mV, above v_th = 20, each fire once in the first
     * step (v decays to 25 exp(-0.1 / 20) = 24.9 mV, still above) and, reset to 10 mV and decaying towards e_l = 0,
     * never again; two that start at 15 mV, below, never fire. Started at their rest (0 mV), none would fire.
     */
    @Test
    void neuronsStartAtTheValueGiven(@TempDir Path dir) throws IOException {
        String params = "params: {tau_m: 20, e_l: 0, v_th: 20, v_reset: 10, t_ref: 2}";
        Path config = Files.writeString(dir.resolve("start.yaml"), String.join("\n",
                "name: start",
                "duration_ms: 5",
                "populations:",
                "  - {name: above, size: 3, model: lif_delta, " + params + ", initial: {v: 25}}",
                "  - {name: below, size: 2, model: lif_delta, " + params + ", initial: {v: 15}}",
                ""));
        CliRunner.Result r = CliRunner.run("simulate", config.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, r.exitCode(), r.err());
        Path folder = Path.of(r.lastLine());
        List<String> above = Files.readAllLines(folder.resolve("spikes_above.csv"));
        assertEquals(List.of("0", "1", "2"), above.subList(1, above.size()).stream()
                .map(l -> l.substring(l.indexOf(',') + 1)).sorted().toList(), above.toString());
        assertEquals(1, Files.readAllLines(folder.resolve("spikes_below.csv")).size(), "the header alone");
    }
}
