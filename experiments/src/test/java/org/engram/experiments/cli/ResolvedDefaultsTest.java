package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The defaults a simulation config's keys take, as the resolved config shows them: those its README and
 * records document (name simulation, dt 0.1 ms, seed 1, one thread, grid mode; a projection named source->target,
 * excitatory, of 1 ms delay; NEST's tsodyks2_synapse U = 0.5, tau_rec = 800 ms, tau_fac = 0; a Poisson input
 * excitatory, a current input of no receptor, a sinusoid of phase and offset 0; rate bins of 1 ms from 0 ms;
 * a weight recording every 1 ms of no synapse listed or drawn) and NEST's iaf_psc_delta parameters.
 */
class ResolvedDefaultsTest {
    @Test
    void everyKeyLeftOutIsWrittenWithItsDefault(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("min.yaml"), SpikeSourcesConfig.POPULATIONS + """
                projections:
                  - {source: pre, target: post, rule: {type: one_to_one}, weight: 0.5,
                     short_term: {type: tsodyks_markram},
                     plasticity: {type: pair_stdp, a_plus: 0.01, a_minus: 0.01, tau_plus: 20, tau_minus: 20, w_max: 1}}
                inputs:
                  - {type: poisson, target: post, rate_hz: 100.5, weight: 0.5}
                  - {type: current, target: post, amplitude_pa: 1.5}
                  - {type: sinusoidal, target: post, amplitude_pa: 1.5, frequency_hz: 10.5}
                record:
                  weights: [pre->post]
                  state: [{population: post, variable: v}]
                """);
        CliRunner.Result r = CliRunner.run("simulate", file.toString(), "--print-config");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("""
                name: simulation
                dt_ms: 0.1
                duration_ms: 5.0
                seed: 1
                threads: 1
                mode: grid
                populations:
                - name: pre
                  size: 2
                  model: spike_times
                  params:
                    times_ms:
                    - - 1.0
                      - 3.0
                    - - 2.0
                  initial: {}
                - name: post
                  size: 2
                  model: lif_delta
                  params:
                    tau_m: 10.0
                    c_m: 250.0
                    e_l: -70.0
                    v_th: -55.0
                    v_reset: -70.0
                    t_ref: 2.0
                    i_e: 0.0
                  initial: {}
                projections:
                - name: pre->post
                  source: pre
                  target: post
                  rule:
                    type: one_to_one
                  receptor: excitatory
                  weight: 0.5
                  delay_ms: 1.0
                  plastic: true
                  plasticity:
                    type: pair_stdp
                    a_plus: 0.01
                    a_minus: 0.01
                    tau_plus: 20.0
                    tau_minus: 20.0
                    w_min: 0.0
                    w_max: 1.0
                    dependence: additive
                    pairing: all_to_all
                  short_term:
                    type: tsodyks_markram
                    u: 0.5
                    tau_rec: 800.0
                    tau_fac: 0.0
                inputs:
                - type: poisson
                  target: post
                  rate_hz: 100.5
                  weight: 0.5
                  receptor: excitatory
                - type: current
                  target: post
                  amplitude_pa: 1.5
                - type: sinusoidal
                  target: post
                  amplitude_pa: 1.5
                  frequency_hz: 10.5
                  phase_deg: 0.0
                  offset_pa: 0.0
                record:
                  rate_bin_ms: 1.0
                  state:
                  - population: post
                    variable: v
                  synapses: []
                  from_ms: 0.0
                  weights:
                  - projection: pre->post
                    interval_ms: 1.0
                    synapses: []
                    pairs: []
                    sample: 0
                """, r.out());
    }

    /**
     * A built-in rule's keys left out take the values of its paper: triplet STDP those of Pfister and Gerstner's
     * (2006) all-to-all visual-cortex fit (their Table 4: tau_+ 16.8 ms, tau_- 33.7 ms, tau_x 101 ms, tau_y 125 ms,
     * A2+ 5e-10, A3+ 6.2e-3, A2- 7e-3, A3- 2.3e-4) in weights of [0, 1], Vogels and Sprekeler's (2011) tau of
     * 20 ms and target rate of 5 Hz.
     */
    @Test
    void aRulesKeysLeftOutTakeItsPapersValues(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("rules.yaml"), "name: rules\n" + SpikeSourcesConfig.POPULATIONS + """
                projections:
                  - {source: pre, target: post, rule: {type: one_to_one}, weight: 0.5, plasticity: {type: triplet_stdp}}
                  - {name: inh, source: pre, target: post, rule: {type: one_to_one}, weight: -0.5, receptor: inhibitory,
                     plasticity: {type: vogels_sprekeler, eta: 0.01, w_max: 1}}
                """);
        CliRunner.Result r = CliRunner.run("simulate", file.toString(), "--print-config");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("""
                    type: triplet_stdp
                    tau_plus: 16.8
                    tau_minus: 33.7
                    w_min: 0.0
                    w_max: 1.0
                    a2_plus: 5.0E-10
                    a3_plus: 0.0062
                    a2_minus: 0.007
                    a3_minus: 2.3E-4
                    tau_x: 101.0
                    tau_y: 125.0
                """, """
                    type: vogels_sprekeler
                    w_max: 1.0
                    tau: 20.0
                    eta: 0.01
                    target_rate_hz: 5.0
                """), plasticity(r.out()));
    }

    /** The plasticity entries of a resolved config, each as the lines below its {@code plasticity:}. */
    private static List<String> plasticity(String yaml) {
        List<String> rules = new ArrayList<>();
        String[] parts = yaml.split("\n  plasticity:\n");
        for (int k = 1; k < parts.length; k++) {
            rules.add(parts[k].lines().takeWhile(l -> l.startsWith("    "))
                    .collect(Collectors.joining("\n", "", "\n")));
        }
        return rules;
    }
}
