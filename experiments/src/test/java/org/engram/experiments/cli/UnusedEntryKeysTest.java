package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key of a rule or input that its type does not read would be dropped silently: each is refused, all of an
 * entry's at once, with the keys the type reads in alphabetical order, or that it reads none.
 */
class UnusedEntryKeysTest {
    @Test
    void everyUnusedKeyIsRefusedWithTheKeysItsTypeReads(@TempDir Path dir) throws IOException {
        List<String> errors = SpikeSourcesConfig.refused(dir, "keys.yaml", "name: keys\n"
                + SpikeSourcesConfig.POPULATIONS + """
                projections:
                  - {source: pre, target: post, rule: {type: one_to_one, p: 0.5, k: 2}, weight: 0.5}
                  - {name: p2, source: pre, target: post, rule: {type: fixed_in_degree, k: 1, p: 0.5}, weight: 0.5}
                inputs:
                  - {type: noise, target: post, std_pa: 1.5, rate_hz: 5.5, weight: 1.5}
                """);
        String remove = "; remove the key";
        assertEquals(List.of("engram: error: 5 problems:",
                "  keys.yaml:7:58: projections[0].rule.p: expected no value (rule one_to_one uses no parameters),"
                        + " found 0.5" + remove,
                "  keys.yaml:7:66: projections[0].rule.k: expected no value (rule one_to_one uses no parameters),"
                        + " found 2" + remove,
                "  keys.yaml:8:79: projections[1].rule.p: expected no value (rule fixed_in_degree uses autapses, k,"
                        + " multapses), found 0.5" + remove,
                "  keys.yaml:10:46: inputs[0].rate_hz: expected no value (input type noise uses mean_pa, neurons,"
                        + " std_pa, target), found 5.5" + remove,
                "  keys.yaml:10:60: inputs[0].weight: expected no value (input type noise uses mean_pa, neurons,"
                        + " std_pa, target), found 1.5" + remove), errors);
    }

    /**
     * An unknown key, or a value of the wrong type, beside other problems of an input: each is reported with
     * the rest, where the input's own checks (a noise's deviation, a Poisson weight's sign) had waited for the
     * next run, after the first was mended.
     */
    @Test
    void anInputsOtherProblemsAreReportedBesideAnUnknownKey(@TempDir Path dir) throws IOException {
        List<String> errors = SpikeSourcesConfig.refused(dir, "inputs.yaml", "name: inputs\n"
                + SpikeSourcesConfig.POPULATIONS + """
                inputs:
                  - {type: noise, target: post, std_pa: -1, colour: red}
                  - {type: poisson, target: post, rate_hz: -1, weight: -1}
                  - {type: poisson, target: post, rate_hz: x, weight: -1, receptor: inhibitory}
                """);
        assertEquals(List.of("engram: error: 5 problems:",
                "  inputs.yaml:7:33: inputs[0].std_pa: expected a finite number >= 0 (pA), found -1",
                "  inputs.yaml:7:45: inputs[0].colour: expected one of the keys [mean_pa, neurons, std_pa, target,"
                        + " type], found unknown key 'colour'",
                "  inputs.yaml:8:35: inputs[1].rate_hz: expected a finite number >= 0 (Hz), found -1",
                "  inputs.yaml:8:48: inputs[1].weight: expected an excitatory weight >= 0 (a negative one needs the"
                        + " inhibitory receptor), found -1",
                "  inputs.yaml:9:35: inputs[2].rate_hz: expected a value of type number, found the text \"x\""),
                errors);
    }
}
