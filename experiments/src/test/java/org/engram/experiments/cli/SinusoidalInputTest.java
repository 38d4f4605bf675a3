package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code engram simulate}'s sinusoidal input: the neuron it drives, and its keys' problems at their lines. */
class SinusoidalInputTest {
    private static final String CONFIG = String.join("\n",
            "name: sine",
            "duration_ms: 30",
            "populations:",
            "  - {name: cell, size: 2, model: lif_delta, params: {v_th: 1000, e_l: 0, v_reset: 0}}",
            "inputs:",
            "  - {type: sinusoidal, target: cell, amplitude_pa: 100, frequency_hz: 20, phase_deg: 30, neurons: [1]}",
            "record:",
            "  state: [{population: cell, variable: v, neurons: all}]",
            "");

    /**
     * lif_delta's defaults, tau_m 10 ms and c_m 250 pF: tau_m u' = -u + R I, u(0) = 0, under
     * I = A sin(w t + phi) gives u = R A / (1 + (w tau)^2) (sin(w t + phi) - w tau cos(w t + phi)) + K exp(-t / tau).
     */
    private static double response(double tMs) {
        double tau = 10;
        double w = 2 * Math.PI * 20 / 1000;
        double phi = Math.toRadians(30);
        double gain = tau / 250 * 100 / (1 + w * tau * w * tau);
        return gain * (Math.sin(w * tMs + phi) - w * tau * Math.cos(w * tMs + phi))
                - gain * (Math.sin(phi) - w * tau * Math.cos(phi)) * Math.exp(-tMs / tau);
    }

    @Test
    void theChosenNeuronFollowsTheSinusoidAndTheOtherRests(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("sine.yaml"), CONFIG);
        CliRunner.Result r = CliRunner.run("simulate", config.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> rows = Files.readAllLines(Path.of(r.lastLine()).resolve("state_cell_v.csv"));
        assertEquals("time_ms,neuron,v", rows.get(0));
        assertEquals(1 + 2 * 300, rows.size());
        for (int k = 1; k < rows.size(); k++) {
            String[] cells = rows.get(k).split(",");
            double t = Double.parseDouble(cells[0]);
            double expected = cells[1].equals("1") ? response(t) : 0;
            assertEquals(expected, Double.parseDouble(cells[2]), 5e-5, rows.get(k));
        }
    }

    @Test
    void theResolvedConfigWritesThePhaseAndOffsetOut(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("sine.yaml"), CONFIG.replace("phase_deg: 30, ", ""));
        CliRunner.Result r = CliRunner.run("simulate", config.toString(), "--print-config");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("  frequency_hz: 20.0\n  phase_deg: 0.0\n  offset_pa: 0.0\n"), r.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'frequency_hz: 20, '|''|inputs[0].frequency_hz: expected a value (a sinusoidal input needs it), found nothing",
        "'frequency_hz: 20'|'frequency_hz: -3'|inputs[0].frequency_hz: expected a finite number >= 0 (Hz), found -3",
        "'amplitude_pa: 100'|'amplitude_pa: [1]'|inputs[0].amplitude_pa: expected a number (pA), found [1]",
        "'phase_deg: 30'|'phase_deg: 30, std_pa: 1'|inputs[0].std_pa: expected no value (input type sinusoidal uses"})
    void aProblemIsNamedAtItsKey(String written, String replacement, String message, @TempDir Path dir)
            throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), CONFIG.replace(written, replacement));
        CliRunner.Result r = CliRunner.run("simulate", config.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("engram: error: " + config + ":6:"), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertTrue(!Files.exists(dir.resolve("out")), "nothing written");
    }
}
