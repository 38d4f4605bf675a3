package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code engram simulate}'s {@code short_term} key of a projection: a spike train at 20 Hz into two
 * silent {@code lif_delta} neurons through a depressing and a facilitating projection makes jumps
 * of {@code w u_n x_n}, read back from the recorded potentials and compared with the closed forms of
 * a regular train; bad values are named at their key and line.
 */
class ShortTermConfigTest {
    private static final double TAU_M = 20;
    private static final double DELAY_MS = 1.5;
    private static final double[] TIMES = {20, 70, 120, 170, 220, 270};

    private static final String CONFIG = String.join("\n",
            "duration_ms: 300",
            "mode: MODE",
            "populations:",
            "  - {name: src, size: 1, model: spike_times, params: {times_ms: [[20, 70, 120, 170, 220, 270]]}}",
            "  - {name: t, size: 2, model: lif_delta, params: {tau_m: " + TAU_M + ", e_l: 0, v_th: 1e9, v_reset: 0}}",
            "projections:",
            "  - {name: depressing, source: src, target: t, rule: {type: explicit, sources: [0], targets: [0]},",
            "     weight: 4, delay_ms: " + DELAY_MS + ", short_term: {type: tsodyks_markram, u: 0.5, tau_rec: 800}}",
            "  - {name: facilitating, source: src, target: t, rule: {type: explicit, sources: [0], targets: [1]},",
            "     weight: 4, delay_ms: " + DELAY_MS + ", PLASTICITY",
            "     short_term: {type: tsodyks_markram, u: 0.1, tau_rec: 1, tau_fac: 1000}}",
            "record:",
            "  state: [{population: t, variable: v, neurons: all, interval_ms: 0.1}]",
            "");

    private static final double INTERVAL_MS = 50;

    /**
     * The factors of depressing synapses (no facilitation) on the regular train, in closed form:
     * {@code x_n = (1 - d) + (1 - U) d x_{n-1}}, {@code d = exp(-T / tau_rec)}, so
     * {@code x_n = x* + (1 - x*) ((1 - U) d)^(n-1)} and the factor is {@code U x_n}.
     */
    private static double[] depressing(double big, double tauRec) {
        double d = Math.exp(-INTERVAL_MS / tauRec);
        double xStar = (1 - d) / (1 - (1 - big) * d);
        double[] f = new double[TIMES.length];
        for (int n = 0; n < f.length; n++) {
            f[n] = big * (xStar + (1 - xStar) * Math.pow((1 - big) * d, n));
        }
        return f;
    }

    /**
     * The factors of facilitating synapses whose resources recover fully between spikes
     * ({@code tau_rec} a fiftieth of the interval: {@code x = 1 - e^-50}, 1 in a double), in closed
     * form: {@code u_n = u* + (U - u*) ((1 - U) e)^(n-1)}, {@code e = exp(-T / tau_fac)}.
     */
    private static double[] facilitating(double big, double tauFac) {
        double e = Math.exp(-INTERVAL_MS / tauFac);
        double uStar = big / (1 - (1 - big) * e);
        double[] f = new double[TIMES.length];
        for (int n = 0; n < f.length; n++) {
            f[n] = uStar + (big - uStar) * Math.pow((1 - big) * e, n);
        }
        return f;
    }

    private static Path simulate(Path dir, String mode, String plasticity) throws IOException {
        Path config = dir.resolve("stp-" + mode + ".yaml");
        Files.writeString(config, CONFIG.replace("MODE", mode).replace("PLASTICITY", plasticity));
        CliRunner.Result r = CliRunner.run("simulate", config.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, r.exitCode(), r.err());
        return Path.of(r.lastLine());
    }

    /** Each neuron's jump at each arrival: the sample there less the one before, decayed by a step. */
    private static double[][] jumps(Path folder) throws IOException {
        List<String> rows = Files.readAllLines(folder.resolve("state_t_v.csv"));
        double[][] v = new double[2][(rows.size() - 1) / 2];
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            int sample = (int) Math.round(Double.parseDouble(cells[0]) / 0.1) - 1;
            v[Integer.parseInt(cells[1])][sample] = Double.parseDouble(cells[2]);
        }
        double[][] jumps = new double[2][TIMES.length];
        for (int i = 0; i < 2; i++) {
            for (int n = 0; n < TIMES.length; n++) {
                int k = (int) Math.round((TIMES[n] + DELAY_MS) / 0.1) - 1;
                jumps[i][n] = v[i][k] - v[i][k - 1] * Math.exp(-0.1 / TAU_M);
            }
        }
        return jumps;
    }

    @ParameterizedTest
    @ValueSource(strings = {"grid", "precise"})
    void jumpsAreTheWeightTimesTheFactors(String mode, @TempDir Path dir) throws IOException {
        double[][] jumps = jumps(simulate(dir, mode, ""));
        double[] depressing = depressing(0.5, 800);
        double[] facilitating = facilitating(0.1, 1000);
        for (int n = 0; n < TIMES.length; n++) {
            // The CSV holds every digit of a double; a jump is read from two samples: rounding ~1e-14.
            assertEquals(4 * depressing[n], jumps[0][n], 1e-9, "depressing jump " + n);
            assertEquals(4 * facilitating[n], jumps[1][n], 1e-9, "facilitating jump " + n);
        }
        assertTrue(jumps[0][1] < jumps[0][0] && jumps[1][1] > jumps[1][0], "depression and facilitation");
    }

    /**
     * The summary gives each projection's state after the source's last spike, in closed form: the
     * depressing synapses' {@code u} is U and their resources left {@code (1 - U) x_6 = (1 - U) f_6 / U};
     * the facilitating ones' {@code u} is {@code f_6} (their {@code x} is 1 at each spike) and
     * {@code x} left {@code 1 - u_6}.
     */
    @Test
    void theSummaryGivesTheStateAfterTheLastSpike(@TempDir Path dir) throws IOException {
        Path folder = simulate(dir, "grid", "");
        JsonNode entries = new ObjectMapper().readTree(folder.resolve("summary.json").toFile()).get("short_term");
        assertEquals(2, entries.size(), entries.toString());
        double lastDepressing = depressing(0.5, 800)[TIMES.length - 1];
        double lastFacilitating = facilitating(0.1, 1000)[TIMES.length - 1];
        double[][] expected = {{0.5, 0.5 * lastDepressing / 0.5}, {lastFacilitating, 1 - lastFacilitating}};
        for (int p = 0; p < 2; p++) {
            JsonNode e = entries.get(p);
            assertEquals(p == 0 ? "depressing" : "facilitating", e.get("projection").asText());
            assertEquals(1, e.get("sources").asInt());
            assertEquals(p == 0 ? 0.5 : 0.1, e.get("u").asDouble(), e.toString());
            assertEquals(p == 0 ? 800 : 1, e.get("tau_rec_ms").asDouble(), e.toString());
            assertEquals(p == 0 ? 0 : 1000, e.get("tau_fac_ms").asDouble(), e.toString());
            assertEquals(1, e.get("sources_that_spiked").asInt());
            assertEquals(expected[p][0], e.get("mean_utilisation").asDouble(), 1e-12, e.toString());
            assertEquals(expected[p][1], e.get("mean_resources_left").asDouble(), 1e-12, e.toString());
        }
        String summary = Files.readString(folder.resolve("summary.md"));
        assertTrue(summary.contains("- projection depressing (tsodyks_markram (U 0.5, tau_rec 800.0 ms, tau_fac 0.0"
                + " ms)): 1 of 1 source spiked; after their last spike mean u 0.500000, mean resources left x"
                + " 0.0672513"),
                summary);
    }

    /**
     * With a plasticity rule beside it the projection is plastic and delivers its current weight times
     * the factor; pair STDP leaves the weight alone here (no target fires: no pairs), so the jumps are
     * those of static weights, and the resolved config keeps both keys.
     */
    @Test
    void combinesWithAPlasticityRule(@TempDir Path dir) throws IOException {
        Path folder = simulate(dir, "grid", "plasticity: {type: pair_stdp, a_plus: 0.01, a_minus: 0.012,"
                + " tau_plus: 20, tau_minus: 20, w_max: 10},");
        double[] facilitating = facilitating(0.1, 1000);
        double[][] jumps = jumps(folder);
        for (int n = 0; n < TIMES.length; n++) {
            assertEquals(4 * facilitating[n], jumps[1][n], 1e-9, "facilitating jump " + n);
        }
        String resolved = Files.readString(folder.resolve("config.yaml"));
        assertTrue(resolved.contains("type: pair_stdp") && resolved.contains("tau_fac: 1000.0"), resolved);
    }

    @Test
    void leftOutParametersTakeNestsDefaultsAndShowInTheResolvedConfig(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("defaults.yaml");
        Files.writeString(config, CONFIG.replace("MODE", "grid").replace("PLASTICITY", "")
                .replace("{type: tsodyks_markram, u: 0.5, tau_rec: 800}", "{type: tsodyks_markram}"));
        CliRunner.Result r = CliRunner.run("simulate", config.toString(), "--print-config");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("short_term:\n    type: tsodyks_markram\n    u: 0.5\n    tau_rec: 800.0\n"
                + "    tau_fac: 0.0\n"), r.out());
    }

    @Test
    void badValuesAreNamedAtTheirKeyAndLine(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, String.join("\n",
                "duration_ms: 10",
                "populations:",
                "  - {name: src, size: 1, model: spike_times, params: {times_ms: [[1]]}}",
                "  - {name: t, size: 2, model: lif_delta}",
                "projections:",
                "  - {source: src, target: t, rule: {type: all_to_all}, weight: 1,",
                "     short_term: {type: tsodyks_markram, u: 1.5, tau_rec: -800, tau_fac: -1}}",
                "  - {name: b, source: src, target: t, rule: {type: all_to_all}, weight: 1,",
                "     short_term: {type: tsodyks_markam}}",
                "  - {name: c, source: src, target: t, rule: {type: all_to_all}, weight: 1,",
                "     short_term: {type: tsodyks_markram, tau_recovery: 3}}",
                "  - {name: d, source: src, target: t, rule: {type: all_to_all}, weight: 1, short_term: {u: 0.3}}",
                ""));
        CliRunner.Result r = CliRunner.run("simulate", config.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.exitCode(), r.err());
        String err = r.err();
        String file = config.toString();
        assertTrue(err.contains(file + ":7:42: projections[0].short_term.u: expected a number in (0, 1]")
                && err.contains("found 1.5"), err);
        assertTrue(err.contains(file + ":7:50: projections[0].short_term.tau_rec: expected a finite number > 0 (ms),"
                + " found -800"), err);
        assertTrue(err.contains("projections[0].short_term.tau_fac: expected a finite number >= 0 (ms), found -1"),
                err);
        assertTrue(err.contains(file + ":9:19: projections[1].short_term.type: expected one of [tsodyks_markram],"
                + " found tsodyks_markam; did you mean 'tsodyks_markram'?"), err);
        assertTrue(err.contains("projections[2].short_term.tau_recovery: expected one of the keys") && err.contains(
                "did you mean 'tau_rec'?"), err);
        assertTrue(err.contains("projections[3].short_term.type: expected a short-term plasticity model:"
                + " [tsodyks_markram], found nothing"), err);
        assertFalse(err.contains("Exception"), err);
        assertFalse(Files.exists(dir.resolve("out")) && Files.list(dir.resolve("out")).findAny().isPresent(),
                "no result folder");
    }

    /**
     * The example config: along the 20 Hz train the depressing neuron's PSPs (peak above the potential
     * at the spike) shrink and the facilitating neuron's grow; 500 ms after the train the depressing
     * synapses have recovered part of the way.
     */
    @Test
    void theExampleConfigShowsDepressionAndFacilitation(@TempDir Path dir) throws IOException {
        CliRunner.Result r = CliRunner.run("simulate", "configs/short-term-plasticity.yaml", "--out",
                dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> rows = Files.readAllLines(Path.of(r.lastLine()).resolve("state_psp_v.csv"));
        double[][] v = new double[2][(rows.size() - 1) / 2];
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            v[Integer.parseInt(cells[1])][(int) Math.round(Double.parseDouble(cells[0]) / 0.1) - 1] =
                    Double.parseDouble(cells[2]);
        }
        double[] spikes = {50, 100, 150, 200, 250, 300, 350, 400, 900};
        double[][] psps = new double[2][spikes.length];
        for (int i = 0; i < 2; i++) {
            for (int n = 0; n < spikes.length; n++) {
                int at = (int) Math.round(spikes[n] / 0.1) - 1;
                double peak = Double.NEGATIVE_INFINITY;
                for (int k = at; k < at + 300; k++) {
                    peak = Math.max(peak, v[i][k]);
                }
                psps[i][n] = peak - v[i][at];
            }
        }
        for (int n = 1; n < 8; n++) {
            assertTrue(psps[0][n] < psps[0][n - 1], "depressing " + Arrays.toString(psps[0]));
            assertTrue(psps[1][n] > psps[1][n - 1], "facilitating " + Arrays.toString(psps[1]));
        }
        assertTrue(psps[0][8] > psps[0][7] && psps[0][8] < psps[0][0], "recovery " + Arrays.toString(psps[0]));
    }

    @Test
    void listShowsTheModelWithItsDefaults() {
        CliRunner.Result r = CliRunner.run("list");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Short-term plasticity of projections (engram simulate:"
                + " projections[i].short_term):\n  tsodyks_markram") && r.out().contains(
                "defaults {u: 0.5, tau_rec: 800.0, tau_fac: 0.0}"), r.out());
    }
}
