package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code engram simulate}'s {@code plasticity: {type: vogels_sprekeler, ...}}: an inhibitory synapse
 * whose weight after two presynaptic spikes around one postsynaptic spike is the rule's three
 * changes, written out from the recorded spike time; the resolved config holds every value used and
 * runs to the same weights; bad values are named at their key and line; {@code engram list} shows it.
 */
class VogelsSprekelerConfigTest {
    private static final String CONFIG = String.join("\n",
            "name: istdp",
            "duration_ms: 40",
            "populations:",
            "  - {name: pre, size: 1, model: spike_times, params: {times_ms: [[10.0, 25.0]]}}",
            "  - {name: drive, size: 1, model: spike_times, params: {times_ms: [[14.0]]}}",
            "  - {name: post, size: 1, model: lif_delta, params: {tau_m: 20, e_l: 0, v_th: 20, v_reset: 0, t_ref: 2}}",
            "projections:",
            "  - {source: pre, target: post, rule: {type: all_to_all}, receptor: inhibitory, weight: -0.5,",
            "     plasticity: {type: vogels_sprekeler, eta: 0.01, w_max: 1}}",
            "  - {source: drive, target: post, rule: {type: all_to_all}, weight: 30}",
            "record:",
            "  synapses: [pre->post]",
            "");

    private static CliRunner.Result simulate(Path dir, String yaml) throws IOException {
        Path config = Files.writeString(dir.resolve("istdp.yaml"), yaml);
        return CliRunner.run("simulate", config.toString(), "--out", dir.resolve("results").toString());
    }

    /**
     * Pre spikes at 10 and 25 ms, one post spike at t (the drive's, about 15 ms): with the defaults
     * tau = 20 ms and rho0 = 5 Hz (alpha = 0.2), |w| changes by {@code eta (0 - alpha)} at 10 ms,
     * {@code eta exp(-(t - 10) / tau)} at t and {@code eta (exp(-(25 - t) / tau) - alpha)} at 25 ms;
     * the inhibitory weight is {@code -|w|}.
     */
    @Test
    void anInhibitorySynapseChangesByTheRulesThreeSteps(@TempDir Path dir) throws IOException {
        CliRunner.Result r = simulate(dir, CONFIG);
        assertEquals(0, r.exitCode(), r.err());
        Path folder = Path.of(r.lastLine());
        List<String> post = Files.readAllLines(folder.resolve("spikes_post.csv"));
        assertEquals(2, post.size(), "one postsynaptic spike: " + post);
        double t = Double.parseDouble(post.get(1).split(",")[0]);
        double magnitude = 0.5 + 0.01 * (-0.2 + Math.exp(-(t - 10) / 20) + Math.exp(-(25 - t) / 20) - 0.2);
        List<String> synapses = Files.readAllLines(folder.resolve("synapses_pre_to_post.csv"));
        assertEquals(-magnitude, Double.parseDouble(synapses.get(1).split(",")[2]), 1e-6, synapses.toString());
        String resolved = Files.readString(folder.resolve("config.yaml"));
        for (String key : List.of("type: vogels_sprekeler", "tau: 20.0", "eta: 0.01", "target_rate_hz: 5.0",
                "w_max: 1.0")) {
            assertTrue(resolved.contains(key), key + " in " + resolved);
        }
        assertFalse(resolved.contains("alpha"), "target_rate_hz stands for alpha: " + resolved);
        CliRunner.Result again = CliRunner.run("simulate", folder.resolve("config.yaml").toString(), "--out",
                dir.resolve("again").toString());
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(synapses, Files.readAllLines(Path.of(again.lastLine()).resolve("synapses_pre_to_post.csv")));
    }

    /** {@code alpha} in place of the target rate: 0.6 is rho0 = 15 Hz at tau = 20 ms; the resolved config keeps it. */
    @Test
    void alphaSetsTheOffsetDirectly(@TempDir Path dir) throws IOException {
        CliRunner.Result r = simulate(dir, CONFIG.replace("eta: 0.01, w_max: 1", "eta: 0.01, w_max: 1, alpha: 0.6"));
        assertEquals(0, r.exitCode(), r.err());
        Path folder = Path.of(r.lastLine());
        double t = Double.parseDouble(Files.readAllLines(folder.resolve("spikes_post.csv")).get(1).split(",")[0]);
        double magnitude = 0.5 + 0.01 * (-0.6 + Math.exp(-(t - 10) / 20) + Math.exp(-(25 - t) / 20) - 0.6);
        List<String> synapses = Files.readAllLines(folder.resolve("synapses_pre_to_post.csv"));
        assertEquals(-magnitude, Double.parseDouble(synapses.get(1).split(",")[2]), 1e-6, synapses.toString());
        String resolved = Files.readString(folder.resolve("config.yaml"));
        assertTrue(resolved.contains("alpha: 0.6") && !resolved.contains("target_rate_hz"), resolved);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "eta: 0.01, w_max: 1, alpha: 0.2, target_rate_hz: 5 | projections[0].plasticity.target_rate_hz: expected"
                    + " no value beside alpha (alpha = 2 rho0 tau, rho0 per ms, sets the target rate: give one of"
                    + " them), found 5",
            "w_max: 1 | projections[0].plasticity.eta: expected a value (plasticity vogels_sprekeler needs it), found"
                    + " nothing",
            "eta: -0.01, w_max: 1 | projections[0].plasticity.eta: expected a finite number > 0 (weight unit per"
                    + " unit of trace), found -0.01",
            "eta: 0.01, w_max: 1, tau: 1e305, target_rate_hz: 1e10 | projections[0].plasticity.target_rate_hz:"
                    + " expected a rate whose alpha = 2 rho0 tau is finite, found 1e10",
            "eta: 0.01, w_max: 0 | projections[0].plasticity.w_max: expected a finite number > 0",
            "eta: 0.01, w_max: 1, tau: 0 | projections[0].plasticity.tau: expected a finite number > 0 (ms), found 0",
            "eta: 0.01, w_max: 1, target_rate_hz: -5 | projections[0].plasticity.target_rate_hz: expected a finite"
                    + " number >= 0 (Hz), found -5",
            "eta: 0.01, w_max: 1, a_plus: 0.1 | projections[0].plasticity.a_plus: expected no value (plasticity"
                    + " vogels_sprekeler uses",
            "eta: 0.01, w_max: 0.4 | projections[0].weight: expected weights within the rule's bounds [-w_max, 0] ="
                    + " [-0.4, 0.0], found -0.5 (synapse 0)"})
    void aBadEntryIsRefusedAtItsKey(String entry, String message, @TempDir Path dir) throws IOException {
        CliRunner.Result r = simulate(dir, CONFIG.replace("eta: 0.01, w_max: 1", entry));
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("istdp.yaml:") && r.err().contains(message), r.err());
        assertFalse(Files.exists(dir.resolve("results").resolve("istdp")), "no folder is made");
    }

    /** Two values given and a bad tau: both reported at once, and no alpha the file does not hold. */
    @Test
    void everyProblemIsReportedAtOnce(@TempDir Path dir) throws IOException {
        CliRunner.Result r = simulate(dir, CONFIG.replace("eta: 0.01, w_max: 1",
                "eta: 0.01, w_max: 1, tau: -20, alpha: 0.2, target_rate_hz: 5"));
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("projections[0].plasticity.target_rate_hz: expected no value beside alpha"),
                r.err());
        assertTrue(r.err().contains("projections[0].plasticity.tau: expected a finite number > 0 (ms), found -20"),
                r.err());
        CliRunner.Result withRate = simulate(dir, CONFIG.replace("eta: 0.01, w_max: 1",
                "eta: 0.01, w_max: 1, tau: -20"));
        assertTrue(withRate.err().contains("plasticity.tau: expected"), withRate.err());
        assertFalse(withRate.err().contains("plasticity.alpha"), "the file gives no alpha: " + withRate.err());
    }

    /** Both keys the rule needs left out: each is refused, not only the first the rule reads. */
    @Test
    void everyKeyTheRuleNeedsIsAskedForAtOnce(@TempDir Path dir) throws IOException {
        CliRunner.Result r = simulate(dir, CONFIG.replace("eta: 0.01, w_max: 1", "tau: 20"));
        assertEquals(2, r.exitCode(), r.err());
        for (String key : List.of("eta", "w_max")) {
            assertTrue(r.err().contains("projections[0].plasticity." + key + ": expected a value (plasticity"
                    + " vogels_sprekeler needs it), found nothing"), r.err());
        }
    }

    @Test
    void engramListShowsTheRule() {
        String out = CliRunner.run("list").out();
        assertTrue(out.contains("vogels_sprekeler   inhibitory STDP of Vogels, Sprekeler et al. 2011"), out);
        assertTrue(out.contains("vogels_sprekeler   inhibitory STDP (Vogels, Sprekeler et al. 2011) that holds"), out);
    }
}
