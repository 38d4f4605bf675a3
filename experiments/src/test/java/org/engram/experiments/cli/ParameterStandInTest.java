package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Beside a parameter of the wrong type the others are checked with defaults standing in; a check against a
 * default is dropped only when an unknown key may have meant that parameter. NEST's {@code V_m} means no
 * parameter (an initial state), so {@code v_reset: -50} against the default {@code v_th} of -55 stays a
 * problem; an unknown key close to no name may have meant any parameter, {@code v_th} too, so it is dropped.
 */
class ParameterStandInTest {
    private static final String KEYS = "expected one of the keys [c_m, e_l, i_e, t_ref, tau_m, v_reset, v_th], found"
            + " unknown key ";
    private static final String TYPE = "populations[0].params.tau_m: expected a value of type number, found the text"
            + " \"abc\"";

    private static List<String> refusal(Path dir, String params) throws IOException {
        return refused(dir, params + ", tau_m: abc, v_reset: -50");
    }

    private static List<String> refused(Path dir, String params) throws IOException {
        Path file = Files.writeString(dir.resolve("cell.yaml"), "name: cell\nduration_ms: 5\npopulations:\n"
                + "  - {name: a, size: 1, model: lif_delta, params: {" + params + "}}\n");
        CliRunner.Result r = CliRunner.run("simulate", file.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.exitCode(), r.err());
        return r.err().lines().map(l -> l.replace(file.toString(), "cell.yaml")).toList();
    }

    @Test
    void aCheckAgainstADefaultStaysBesideAKeyThatMeansNoParameter(@TempDir Path dir) throws IOException {
        assertEquals(List.of("engram: error: 3 problems:",
                "  cell.yaml:4:51: populations[0].params.V_m: " + KEYS + "'V_m'; NEST's V_m (the initial potential)"
                        + " is set here by the population's initial: {v: ...} (mV), not by a parameter",
                "  cell.yaml:4:61: " + TYPE,
                "  cell.yaml:4:73: populations[0].params.v_reset: expected a value < v_th = -55.0 (mV), found -50"),
                refusal(dir, "V_m: -60"));
    }

    @Test
    void aCheckAgainstADefaultGoesBesideAKeyThatMayMeanAnyParameter(@TempDir Path dir) throws IOException {
        assertEquals(List.of("engram: error: 2 problems:",
                "  cell.yaml:4:51: populations[0].params.xyz: " + KEYS + "'xyz'",
                "  cell.yaml:4:59: " + TYPE), refusal(dir, "xyz: 1"));
    }

    /*
     * Column 51 starts the parameters, as above. lif_delta's default v_th is -55 mV: v_reset: -50 is refused
     * against it unless vth is taken for v_th, given in vain.
     */
    @Test
    void aMisspeltParameterDropsTheCheckAgainstTheDefaultOfTheOneItMeant(@TempDir Path dir) throws IOException {
        assertEquals(List.of("engram: error: cell.yaml:4:51: populations[0].params.vth: " + KEYS
                + "'vth'; did you mean 'v_th'?"), refused(dir, "vth: -40, v_reset: -50"));
    }

    /* "tau_m: [1, 2], " is 15 characters, so t_ref stands at 66. */
    @Test
    void aListWhereANumberIsExpectedLeavesTheOtherParametersChecked(@TempDir Path dir) throws IOException {
        assertEquals(List.of("engram: error: 2 problems:",
                "  cell.yaml:4:51: populations[0].params.tau_m: expected a value of type number, found a list",
                "  cell.yaml:4:66: populations[0].params.t_ref: expected a finite number >= 0 (ms), found -1"),
                refused(dir, "tau_m: [1, 2], t_ref: -1"));
    }
}
