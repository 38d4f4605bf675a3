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

    /**
     * A typo stands for the key it is close to, so that key is not reported missing; written beside that key,
     * it no longer hides the key's own value, whose problem had waited for the typo to be mended.
     */
    @Test
    void aTypoBesideTheKeyItMeansLeavesThatKeysValueChecked(@TempDir Path dir) throws IOException {
        List<String> errors = SpikeSourcesConfig.refused(dir, "typo.yaml", "name: typo\n"
                + SpikeSourcesConfig.POPULATIONS + """
                projections:
                  - {source: pre, target: post, rule: {type: all_to_all}, weight: -1, weigth: 3}
                  - {name: b, source: pre, target: post, rule: {type: fixed_probability, p: 2, prob: 0.1}, weight: 1}
                  - {name: c, source: pre, target: post, rule: {type: all_to_all}, weigth: 3}
                """);
        String keys = "expected one of the keys [delay_ms, name, plastic, plasticity, receptor, rule, short_term,"
                + " source, target, weight], found unknown key 'weigth'; did you mean 'weight'?";
        assertEquals(List.of("engram: error: 5 problems:",
                "  typo.yaml:7:59: projections[0].weight: expected an excitatory weight >= 0 (a negative one needs"
                        + " the inhibitory receptor), found -1",
                "  typo.yaml:7:71: projections[0].weigth: " + keys,
                "  typo.yaml:8:74: projections[1].rule.p: expected a probability in [0, 1], found 2",
                "  typo.yaml:8:80: projections[1].rule.prob: expected one of the keys [autapses, p, type], found"
                        + " unknown key 'prob'; the probability is p here",
                "  typo.yaml:9:68: projections[2].weigth: " + keys), errors);
    }
}
