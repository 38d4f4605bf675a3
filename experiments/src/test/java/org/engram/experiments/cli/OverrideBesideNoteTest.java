package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value of the file refused beside a {@code --set} of its entry names that override only where the value
 * could be refused for it: a rule that compares it with the overridden key, a key that the overridden
 * {@code type} does not read or needs. A value refused for its own form (text where a number is expected, an
 * unknown key, a key every entry needs left out, a distribution's sd <= 0) is refused whatever stands beside
 * it, and its message does not tie it to the override.
 */
class OverrideBesideNoteTest {
    private static final String CONFIG = "name: beside\n" + SpikeSourcesConfig.POPULATIONS.replace(
            "model: lif_delta}", "model: lif_delta, params: {tau_m: !!str 20, v_th: -50, v_reset: -65, tau_mm: 1}}")
            + """
            projections:
              - {source: pre, target: post, rule: {type: fixed_probability, p: 0.5}, weight: 0.5}
            """;

    /*
     * Line 5: "  - {name: post, size: 2, model: lif_delta, params: {" is 53 characters, so tau_m stands at column
     * 54; "tau_m: !!str 20, " (17) puts v_th at 71, "v_th: -50, " (11) v_reset at 82 and "v_reset: -65, " (14)
     * tau_mm at 96. Line 7: "  - {source: pre, target: post, rule: {type: fixed_probability, " is 64 characters,
     * so p stands at 65.
     */
    @Test
    void onlyARuleOfTwoKeysOrAKeyTheTypeIgnoresNamesTheOverrideBeside(@TempDir Path dir) throws IOException {
        String vTh = "--set populations[1].params.v_th=-70";
        String type = "--set projections[0].rule.type=one_to_one";
        List<String> errors = SpikeSourcesConfig.refused(dir, "beside.yaml", CONFIG,
                "--set", vTh.substring(6), "--set", type.substring(6));
        assertEquals(List.of("engram: error: 4 problems:",
                // Text where a number is expected: no value of v_th makes it a number.
                "  beside.yaml:5:54: populations[1].params.tau_m: expected a value of type number, found the text"
                        + " \"20\"; a number tagged !!str is text: write 20 without the tag",
                // -65 < -50, as the file has it: refused only for the overridden v_th.
                "  beside.yaml:5:82: populations[1].params.v_reset: expected a value < v_th = -70 (mV), found -65;"
                        + " its entry also has the value of " + vTh,
                // lif_delta has no such parameter, whatever v_th is.
                "  beside.yaml:5:96: populations[1].params.tau_mm: expected one of the keys [c_m, e_l, i_e, t_ref,"
                        + " tau_m, v_reset, v_th], found unknown key 'tau_mm'; did you mean 'tau_m'?",
                // fixed_probability reads p: refused only for the overridden type.
                "  beside.yaml:7:65: projections[0].rule.p: expected no value (rule one_to_one uses no parameters),"
                        + " found 0.5; remove the key; its entry also has the value of " + type), errors);
    }

    /*
     * Line 5: "  - {name: post, size: 2" leaves the entry without its model; the entry's "{" stands at column 5.
     * Line 7: "  - {source: pre, target: pre, " is 31 characters, so the rule, which places a key it leaves out,
     * stands at 32.
     */
    @Test
    void aKeyEveryEntryNeedsIsToldWithoutTheOverrideAndOneTheOverriddenTypeNeedsWithIt(@TempDir Path dir)
            throws IOException {
        String size = "--set populations[1].size=3";
        String type = "--set projections[0].rule.type=fixed_in_degree";
        String yaml = "name: beside\n" + SpikeSourcesConfig.POPULATIONS.replace("size: 2, model: lif_delta}",
                "size: 2}") + """
                projections:
                  - {source: pre, target: pre, rule: {type: all_to_all}, weight: 0.5}
                """;
        List<String> errors = SpikeSourcesConfig.refused(dir, "beside.yaml", yaml,
                "--set", size.substring(6), "--set", type.substring(6));
        assertEquals(List.of("engram: error: 2 problems:",
                // Every population needs a model, whatever its size.
                "  beside.yaml:5:5: populations[1].model: expected a model name (see 'engram list'), found nothing",
                // fixed_in_degree needs k, which all_to_all, as the file has it, does not.
                "  beside.yaml:7:32: projections[0].rule.k: expected a value (rule fixed_in_degree needs it), found"
                        + " nothing; its entry also has the value of " + type), errors);
    }

    /*
     * Line 7: "  - {source: pre, target: post, rule: {type: one_to_one}, weight: {" is 67 characters, so the
     * distribution's name stands at 68 and, after "normal: [0.5, 0.2], " (20), its bound at 88. Line 11
     * has "uniform" in place of "normal", one character more before the bound.
     */
    @Test
    void aDistributionIsToldWithTheOverrideBesideOnlyWhereItComparesTwoValues(@TempDir Path dir)
            throws IOException {
        String prefix = "  - {source: pre, target: post, rule: {type: one_to_one}, weight: ";
        String yaml = "name: beside\n" + SpikeSourcesConfig.POPULATIONS + "projections:\n"
                + prefix + "{normal: [0.5, 0.2], min: abc}}\n"
                + prefix + "{normal: [0.5, 0.2], max: .inf}}\n"
                + prefix + "{normal: [0.5, -0.1]}}\n"
                + prefix + "{uniform: [0.5, 1.0]}}\n"
                + prefix + "{uniform: [0.5, 1.0], min: 2}}\n";
        String[] sets = {"projections[0].weight.normal=[0.4, 0.2]", "projections[1].weight.normal=[0.4, 0.2]",
            "projections[2].weight.max=2", "projections[3].weight.uniform[1]=0.1", "projections[4].weight.max=3"};
        List<String> errors = SpikeSourcesConfig.refused(dir, "beside.yaml", yaml, "--set", sets[0], "--set",
                sets[1], "--set", sets[2], "--set", sets[3], "--set", sets[4]);
        assertEquals(List.of("engram: error: 5 problems:",
                // Text, or YAML's infinity, is no bound whatever the distribution beside it.
                "  beside.yaml:7:88: projections[0].weight.min: expected a finite number (draws past it are drawn"
                        + " again), found \"abc\"",
                "  beside.yaml:8:88: projections[1].weight.max: expected a finite number (draws past it are drawn"
                        + " again), found \".inf\"; YAML's .nan and .inf are not accepted: write a finite number",
                // A negative sd is refused whatever bound is set beside it.
                "  beside.yaml:9:68: projections[2].weight.normal: expected [mean, sd] with a standard deviation"
                        + " sd > 0, found [0.5,-0.1]",
                // The file's low end, 0.5, is refused for the high end the override set.
                "  beside.yaml:10:68: projections[3].weight.uniform: expected [low, high] with low < high, found"
                        + " [0.5,0.1]; its entry also has the value of --set " + sets[3],
                // min 2 above every draw of [0.5, 1.0]: refused for the max of 3 the override set beside it.
                "  beside.yaml:11:89: projections[4].weight.min: expected an interval that holds at least 0.001 of"
                        + " the distribution's probability (most draws would be thrown away), found [2.0, 3.0], holding"
                        + " 0.00; its entry also has the value of --set " + sets[4]), errors);
    }

    /*
     * Line 7: "  - {source: pre, " is 18 characters, so the key target stands at 19.
     */
    @Test
    void aPopulationOfNoNameIsToldWithoutTheOverrideBeside(@TempDir Path dir) throws IOException {
        String yaml = "name: beside\n" + SpikeSourcesConfig.POPULATIONS + """
                projections:
                  - {source: pre, target: psot, rule: {type: all_to_all}, weight: 0.5}
                """;
        // No weight makes 'psot' a population: the note had named the --set of the weight.
        assertEquals(List.of("engram: error: beside.yaml:7:19: projections[0].target: expected one of the populations"
                + " [pre, post], found psot; did you mean 'post'?"),
                SpikeSourcesConfig.refused(dir, "beside.yaml", yaml, "--set", "projections[0].weight=0.2"));
    }

    /*
     * Line 7: "  - {source: pre, target: post, rule: {type: all_to_all}, weight: 0.5, " is 71 characters, so delay_ms
     * stands at 72. Line 9: "     a_plus: 0.01, a_minus: 0.01, tau_plus: 20, tau_minus: 20, w_min: 0.3, " is 75, so
     * w_max stands at 76. Line 10: "  - {name: c, source: pre, target: post, rule: {type: all_to_all}, weight: 0.5, "
     * is 80, so plasticity stands at 81 (where a key it leaves out is placed).
     */
    private static final String COMPARED = "name: beside\n" + SpikeSourcesConfig.POPULATIONS + "projections:\n"
            + "  - {source: pre, target: post, rule: {type: all_to_all}, weight: 0.5, delay_ms: 0.15}\n"
            + "  - {name: b, source: pre, target: post, rule: {type: all_to_all}, weight: 0.5, plasticity:"
            + " {type: pair_stdp,\n"
            + "     a_plus: 0.01, a_minus: 0.01, tau_plus: 20, tau_minus: 20, w_min: 0.3, w_max: 0.25}}\n"
            + "  - {name: c, source: pre, target: post, rule: {type: all_to_all}, weight: 0.5, plasticity:"
            + " {type: pair_stdp}}\n";

    /**
     * A refusal that names the key it compares the value with (the step, w_min, the type that needs a key) names an
     * override of another key of its entry as no cause: each had been told with the override beside it.
     */
    @Test
    void anOverrideOfAKeyTheRuleDoesNotCompareWithIsNotNamed(@TempDir Path dir) throws IOException {
        List<String> errors = SpikeSourcesConfig.refused(dir, "beside.yaml", COMPARED, "--set",
                "projections[0].weight=0.2", "--set", "projections[1].plasticity.a_plus=0.02", "--set",
                "projections[2].plasticity.tau_minus=20");
        String needed = ": expected a value (plasticity pair_stdp needs it), found nothing";
        assertEquals(List.of("engram: error: 6 problems:",
                "  beside.yaml:7:72: projections[0].delay_ms: expected a whole number of time steps (multiple of dt ="
                        + " 0.1 ms), found 0.15",
                "  beside.yaml:9:76: projections[1].plasticity.w_max: expected a weight > w_min = 0.3, found 0.25",
                "  beside.yaml:10:81: projections[2].plasticity.a_plus" + needed,
                "  beside.yaml:10:81: projections[2].plasticity.a_minus" + needed,
                "  beside.yaml:10:81: projections[2].plasticity.tau_plus" + needed,
                "  beside.yaml:10:81: projections[2].plasticity.w_max" + needed), errors);
    }

    /** An override of the key a refusal compares the value with is named beside it. */
    @Test
    void anOverrideOfTheKeyTheRuleComparesWithIsNamed(@TempDir Path dir) throws IOException {
        String wMin = "--set projections[1].plasticity.w_min=0.3";
        String yaml = COMPARED.replace("w_min: 0.3", "w_min: 0.1").replace("{type: pair_stdp}}",
                "{type: triplet_stdp}}");
        String type = "--set projections[2].plasticity.type=pair_stdp";
        List<String> errors = SpikeSourcesConfig.refused(dir, "beside.yaml", yaml, "--set", wMin.substring(6),
                "--set", type.substring(6));
        assertEquals("  beside.yaml:9:76: projections[1].plasticity.w_max: expected a weight > w_min = 0.3, found 0.25;"
                + " its entry also has the value of " + wMin, errors.get(2));
        assertEquals("  beside.yaml:10:81: projections[2].plasticity.a_plus: expected a value (plasticity pair_stdp"
                + " needs it), found nothing; its entry also has the value of " + type, errors.get(3));
    }

    /*
     * Line 7: "record: {state: [{population: post, " is 36 characters, so variable stands at 37.
     */
    @Test
    void aVariableIsToldWithAnOverrideOfItsPopulationAlone(@TempDir Path dir) throws IOException {
        String yaml = "name: beside\n" + SpikeSourcesConfig.POPULATIONS
                + "record: {state: [{population: post, variable: vv, interval_ms: 1}]}\n";
        String refused = "engram: error: beside.yaml:6:37: record.state[0].variable: expected one of [v], found vv;"
                + " did you mean 'v'?";
        assertEquals(List.of(refused), SpikeSourcesConfig.refused(dir, "beside.yaml", yaml, "--set",
                "record.state[0].interval_ms=2"));
        assertEquals(List.of("engram: error: beside.yaml:6:37: record.state[0].variable: expected a model with state"
                + " variables (spike_times has none), found vv; its entry also has the value of --set"
                + " record.state[0].population=pre"), SpikeSourcesConfig.refused(dir, "beside.yaml", yaml, "--set",
                "record.state[0].population=pre"));
    }

    /*
     * Line 5: "  - {" is 5 characters, so the key name stands at column 6.
     */
    @Test
    void aPopulationNameOfABadFormIsToldWithoutTheOverrideBeside(@TempDir Path dir) throws IOException {
        String spaced = "name: beside\n" + SpikeSourcesConfig.POPULATIONS.replace("name: post", "name: p st");
        String cased = "name: beside\n" + SpikeSourcesConfig.POPULATIONS.replace("name: post", "name: Pre");
        // No size makes a name with a space, or one that differs from another in case alone, a name of files.
        assertEquals(List.of("engram: error: beside.yaml:5:6: populations[1].name: expected a name of at most 64"
                + " ASCII letters, digits, '.', '_' or '-' starting with a letter or digit (it names the population's"
                + " result files), found 'p st'"),
                SpikeSourcesConfig.refused(dir, "beside.yaml", spaced, "--set", "populations[1].size=3"));
        assertEquals(List.of("engram: error: beside.yaml:5:6: populations[1].name: expected a name that differs from"
                + " populations[0]'s ('pre') in more than case (the names name result files, which a disk that ignores"
                + " case would take for one), found Pre"),
                SpikeSourcesConfig.refused(dir, "beside.yaml", cased, "--set", "populations[1].size=3"));
    }

    /*
     * Line 7: "  - {source: pre, target: post, rule: {type: one_to_one}, weight: 0.5, " is 71 characters, so
     * delay_ms stands at column 72; line 8 has "weight: 0.5, delay_ms: " at the same place. Line 10: rate_bin_ms
     * stands at column 3.
     */
    @Test
    void aValueRefusedForTheStepIsToldWithoutAnOverrideOfAnotherKeyBeside(@TempDir Path dir) throws IOException {
        String yaml = "name: beside\n" + SpikeSourcesConfig.POPULATIONS + """
                projections:
                  - {source: pre, target: post, rule: {type: one_to_one}, weight: 0.5, delay_ms: 0.15}
                  - {source: pre, target: post, rule: {type: one_to_one}, weight: 0.5, delay_ms: {uniform: [0, 0.02]}}
                record:
                  rate_bin_ms: 0.05
                  state: [{population: post, variable: v}]
                """;
        String bound = "--set projections[1].delay_ms.uniform[1]=0.03";
        List<String> errors = SpikeSourcesConfig.refused(dir, "beside.yaml", yaml, "--set",
                "projections[0].weight=0.2", "--set", bound.substring(6), "--set", "record.state[0].neurons=[1]");
        assertEquals(List.of("engram: error: 3 problems:",
                // No weight makes 0.15 ms a whole number of 0.1 ms steps.
                "  beside.yaml:7:72: projections[0].delay_ms: expected a whole number of time steps (multiple of"
                        + " dt = 0.1 ms), found 0.15",
                // The override set a bound of the distribution refused: it is named.
                "  beside.yaml:8:72: projections[1].delay_ms: expected a distribution with draws that round to 1 to"
                        + " 32767 time steps of dt = 0.1 ms, found a distribution over [0.0, 0.03] ms; its entry also"
                        + " has the value of " + bound,
                // Nor does a state recording's neuron make 0.05 ms a whole number of steps.
                "  beside.yaml:10:3: record.rate_bin_ms: expected a whole number of time steps (multiple of dt ="
                        + " 0.1 ms), found 0.05; set record.rate_bin_ms to a multiple of dt_ms (without it the bin is"
                        + " 1 ms)"), errors);
    }

    /*
     * Line 6: "  - {" is 5 characters, so the key name stands at column 6; so it does on line 8.
     */
    @Test
    void aNameAnotherEntryHasIsToldWithoutTheOverrideBeside(@TempDir Path dir) throws IOException {
        String populations = "name: beside\n" + SpikeSourcesConfig.POPULATIONS
                + "  - {name: post, size: 2, model: lif_delta}\n";
        // No size frees a name that another population has.
        assertEquals(List.of("engram: error: beside.yaml:6:6: populations[2].name: expected a name no other population"
                + " or projection has, found post"),
                SpikeSourcesConfig.refused(dir, "beside.yaml", populations, "--set", "populations[2].size=3"));
        String projections = "name: beside\n" + SpikeSourcesConfig.POPULATIONS + """
                projections:
                  - {name: link, source: pre, target: post, rule: {type: one_to_one}, weight: 0.5}
                  - {name: link, source: pre, target: post, rule: {type: one_to_one}, weight: 0.5}
                """;
        // Nor does a weight free one that another projection has.
        assertEquals(List.of("engram: error: beside.yaml:8:6: projections[1].name: expected a name no other population"
                + " or projection has, found link"),
                SpikeSourcesConfig.refused(dir, "beside.yaml", projections, "--set", "projections[1].weight=0.2"));
    }

    /*
     * Line 4: "  - {name: pre, " is 16 characters, so size stands at 17. Line 5: "  - {name: post, size: 2, model:
     * lif_delta, params: {" is 53 characters, so tau_m stands at 54. Line 7: "  - {source: post, target: post, rule:
     * {type: fixed_in_degree, " is 63 characters, so k stands at 64.
     */
    @Test
    void aValueOutOfItsOwnRangeIsToldWithoutTheOverrideBeside(@TempDir Path dir) throws IOException {
        String yaml = """
                name: beside
                duration_ms: 5
                populations:
                  - {name: pre, size: 0, model: lif_delta}
                  - {name: post, size: 2, model: lif_delta, params: {tau_m: -1, v_th: -50, v_reset: -40}}
                projections:
                  - {source: post, target: post, rule: {type: fixed_in_degree, k: -5}, weight: 0.5}
                """;
        String vTh = "--set populations[1].params.v_th=-45";
        List<String> errors = SpikeSourcesConfig.refused(dir, "beside.yaml", yaml, "--set",
                "populations[0].params.tau_m=5", "--set", vTh.substring(6), "--set", "projections[0].weight=0.2");
        assertEquals(List.of("engram: error: 4 problems:",
                // No time constant makes a population of no neurons, nor does a v_th make a time constant of -1 ms.
                "  beside.yaml:4:17: populations[0].size: expected an integer >= 1, found 0",
                "  beside.yaml:5:54: populations[1].params.tau_m: expected a finite number > 0 (ms), found -1",
                // v_reset is compared with the v_th the override set.
                "  beside.yaml:5:76: populations[1].params.v_reset: expected a value < v_th = -45 (mV), found -40;"
                        + " its entry also has the value of " + vTh,
                // No weight makes a degree of -5.
                "  beside.yaml:7:64: projections[0].rule.k: expected an integer >= 0, found -5"), errors);
        // v_reset is compared with v_th alone: an override of tau_m is no cause.
        assertEquals("  beside.yaml:5:76: populations[1].params.v_reset: expected a value < v_th = -50 (mV), found"
                + " -40", SpikeSourcesConfig.refused(dir, "beside.yaml", yaml, "--set",
                "populations[1].params.tau_m=5").get(2));
    }
}
