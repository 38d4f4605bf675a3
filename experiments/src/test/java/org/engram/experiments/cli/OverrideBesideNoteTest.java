package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value of the file refused beside a {@code --set} of its entry names that override only where the value
 * could be refused for it: a rule that compares it with the overridden key, or a key that the overridden
 * {@code type} does not read. A value refused for its own form (text where a number is expected, an unknown
 * key) is refused whatever stands beside it, and its message does not tie it to the override.
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
}
