package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram simulate}'s constant current input, {@code amplitude_pa}: a number, a list of one
 * per neuron, or a distribution drawn once per neuron, in both modes. Each neuron's current is read back from
 * its potential: a LIF neuron from rest under a constant current {@code I} is at {@code R I (1 - exp(-t / tau_m))}.
 */
class ConstantCurrentConfigTest {
    private static final double TAU_M = 20;
    private static final double C_M = 250;
    private static final double DURATION_MS = 10;

    private static final String CONFIG = String.join("\n",
            "duration_ms: " + DURATION_MS,
            "mode: MODE",
            "seed: 4",
            "populations:",
            "  - {name: p, size: 6, model: lif_delta, params: {tau_m: " + TAU_M + ", c_m: " + C_M
                    + ", e_l: 0, v_th: 1e9, v_reset: 0}}",
            "inputs:",
            "  - {type: current, target: p, INPUT}",
            "record:",
            "  state: [{population: p, variable: v, neurons: all, interval_ms: " + DURATION_MS + "}]",
            "");

    /** The current each neuron received in grid mode, from its potential at the end of the run. */
    private static double[] currents(Path dir, String name, String input) throws IOException {
        return currents(dir, name, input, "grid");
    }

    private static double[] currents(Path dir, String name, String input, String mode) throws IOException {
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, CONFIG.replace("INPUT", input).replace("MODE", mode));
        CliRunner.Result r = CliRunner.run("simulate", config.toString(), "--out", dir.resolve(name).toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> rows = Files.readAllLines(Path.of(r.lastLine()).resolve("state_p_v.csv"));
        double gain = TAU_M / C_M * -Math.expm1(-DURATION_MS / TAU_M);
        double[] currents = new double[6];
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            currents[Integer.parseInt(cells[1])] = Double.parseDouble(cells[2]) / gain;
        }
        return currents;
    }

    @Test
    void aNumberGivesEveryNeuronTheCurrentOfAScheduleOfOneAmplitude(@TempDir Path dir) throws IOException {
        double[] constant = currents(dir, "constant", "amplitude_pa: 300");
        for (double c : constant) {
            assertEquals(300, c, 1e-9);
        }
        double[] schedule = currents(dir, "schedule", "times_ms: [0], amplitudes_pa: [300]");
        for (int i = 0; i < 6; i++) {
            assertEquals(schedule[i], constant[i], 0.0, "neuron " + i);
        }
    }

    /**
     * Drawn amplitudes lie in their distribution's range, differ from neuron to neuron, and a neuron
     * listed alone gets the amplitude it gets among all (its stream is keyed by its index).
     */
    @Test
    void aDistributionGivesEachNeuronItsOwnCurrent(@TempDir Path dir) throws IOException {
        double[] all = currents(dir, "all", "amplitude_pa: {uniform: [100, 200]}");
        for (int i = 0; i < 6; i++) {
            assertTrue(all[i] >= 100 - 1e-9 && all[i] <= 200 + 1e-9, "neuron " + i + ": " + all[i]);
            for (int j = 0; j < i; j++) {
                assertNotEquals(all[j], all[i], 1e-6, "neurons " + j + " and " + i);
            }
        }
        double[] chosen = currents(dir, "chosen", "neurons: [4, 1], amplitude_pa: {uniform: [100, 200]}");
        for (int i = 0; i < 6; i++) {
            assertEquals(i == 1 || i == 4 ? all[i] : 0, chosen[i], 0.0, "neuron " + i);
        }
    }

    /** A list gives each neuron its own amplitude, the k-th to the k-th listed neuron. */
    @Test
    void aListGivesEachNeuronTheAmplitudeAtItsPlace(@TempDir Path dir) throws IOException {
        double[] all = currents(dir, "all", "amplitude_pa: [10, 20, 30, 40, 50, -60]");
        double[] chosen = currents(dir, "chosen", "neurons: [4, 1], amplitude_pa: [7.5, 9]");
        double[] expectedAll = {10, 20, 30, 40, 50, -60};
        double[] expectedChosen = {0, 9, 0, 0, 7.5, 0};
        for (int i = 0; i < 6; i++) {
            assertEquals(expectedAll[i], all[i], 1e-9, "neuron " + i);
            assertEquals(expectedChosen[i], chosen[i], 1e-9, "neuron " + i);
        }
    }

    /** Precise mode takes each form and gives each neuron the current grid mode gives. */
    @Test
    void preciseModeGivesTheCurrentsGridModeGives(@TempDir Path dir) throws IOException {
        for (String input : List.of("amplitude_pa: [10, 20, 30, 40, 50, -60]", "amplitude_pa: {normal: [100, 20]}",
                "times_ms: [0, 5], amplitudes_pa: [300, 300]")) {
            double[] grid = currents(dir, "grid", input, "grid");
            double[] precise = currents(dir, "precise", input, "precise");
            for (int i = 0; i < 6; i++) {
                assertEquals(grid[i], precise[i], 1e-9, input + ", neuron " + i);
            }
        }
    }

    /** The drawn currents, and so the spikes, are the seed's alone, whatever the thread count. */
    @Test
    void drawnCurrentsGiveTheSameSpikesOnOneAndTwoThreads(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("spiking.yaml");
        Files.writeString(config, String.join("\n",
                "duration_ms: 100",
                "seed: 9",
                "populations:",
                "  - {name: p, size: 3000, model: lif_delta, params: {tau_m: 20, c_m: 250, e_l: 0, v_th: 15,"
                        + " v_reset: 0, t_ref: 2}}",
                // Slices of 20 steps, which two threads share.
                "projections:",
                "  - {source: p, target: p, rule: {type: fixed_in_degree, k: 20}, weight: 0.2, delay_ms: 2}",
                "inputs:",
                "  - {type: current, target: p, amplitude_pa: {normal: [200, 30]}}",
                ""));
        String[] hashes = new String[2];
        for (int threads = 1; threads <= 2; threads++) {
            CliRunner.Result r = CliRunner.run("simulate", config.toString(), "--threads", String.valueOf(threads),
                    "--out", dir.resolve("t" + threads).toString());
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains((threads == 1 ? "1 thread" : "2 threads") + ", seed 9"), r.out());
            assertTrue(r.out().matches("(?s).*\\| p \\| 3000 \\| [1-9][0-9]* \\|.*"), "spikes: " + r.out());
            hashes[threads - 1] = r.out().lines().filter(l -> l.contains("spike hash")).findFirst().orElseThrow();
        }
        assertEquals(hashes[0], hashes[1]);
    }
}
