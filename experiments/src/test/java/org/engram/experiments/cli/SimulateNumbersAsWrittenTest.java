package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A number that a check of {@code engram simulate} refuses is shown as the config or {@code --set} wrote it, with
 * what it reads as where that is another number: the checks see the double the config's tree holds, which had
 * shown {@code duration_ms: -1e-400} as "found -0.0", {@code tau_m: -2.0e1} as -20.0 and {@code t_ref: -1} as
 * -1.0. Every expected message below is written out by hand from the config.
 */
class SimulateNumbersAsWrittenTest {
    private static final String CONFIG = String.join("\n",
            "name: written",
            "dt_ms: 0.1",
            "duration_ms: -1e-400",
            "populations:",
            "  - {name: a, size: 2, model: lif_delta, params: {tau_m: -2.0e1, t_ref: -1}}",
            "projections:",
            "  - {source: a, target: a, rule: {type: all_to_all}, weight: 1e999, delay_ms: 1e-400}",
            "inputs:",
            "  - {type: poisson, target: a, rate_hz: -4.0e3, weight: 0.5}",
            "  - {type: current, target: a, amplitude_pa: 1e999}",
            "record:",
            "  rate_bin_ms: -1",
            "  state:",
            "    - {population: a, variable: v, interval_ms: -0.50}",
            "");

    /** The problems {@code engram simulate} reports, one a line, the config's folder left out of its name. */
    private static List<String> problems(Path dir, String... sets) throws IOException {
        Path file = Files.writeString(dir.resolve("written.yaml"), CONFIG);
        List<String> args = new ArrayList<>(List.of("simulate", file.toString(), "--out",
                dir.resolve("results").toString()));
        for (String set : sets) {
            args.addAll(List.of("--set", set));
        }
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(2, r.exitCode(), r.err());
        assertFalse(Files.exists(dir.resolve("results")), "nothing written");
        return r.err().replace(dir + java.io.File.separator, "").lines().skip(1).map(String::strip).toList();
    }

    @Test
    void theFilesNumbersAreShownAsWritten(@TempDir Path dir) throws IOException {
        assertEquals(List.of(
                "written.yaml:3:1: duration_ms: expected a number > 0 (ms), found -1e-400 (read as -0.0)",
                "written.yaml:5:51: populations[0].params.tau_m: expected a finite number > 0 (ms), found -2.0e1",
                "written.yaml:5:66: populations[0].params.t_ref: expected a finite number >= 0 (ms), found -1",
                "written.yaml:7:54: projections[0].weight: expected a finite weight of magnitude <= 3.4028235E38"
                        + " (weights are stored as float), found 1e999 (read as Infinity)",
                // A unit the check adds stays after the number, as read and as written.
                "written.yaml:7:69: projections[0].delay_ms: expected a delay of 1 to 32767 time steps (at least"
                        + " dt), found 1e-400 ms (read as 0.0 ms)",
                "written.yaml:9:32: inputs[0].rate_hz: expected a finite number >= 0 (Hz), found -4.0e3",
                // The key the config wrote: the current had named its one amplitude amplitudes_pa[0].
                "written.yaml:10:32: inputs[1].amplitude_pa: expected a finite number (pA), found 1e999 (read as"
                        + " Infinity)",
                "written.yaml:12:3: record.rate_bin_ms: expected a finite number > 0 (ms), found -1",
                "written.yaml:14:36: record.state[0].interval_ms: expected at least one time step, found -0.50"),
                problems(dir));
    }

    /** A value a {@code --set} gave is shown as that override wrote it, whatever the file wrote there. */
    @Test
    void anOverridesNumbersAreShownAsItWroteThem(@TempDir Path dir) throws IOException {
        List<String> problems = problems(dir, "dt_ms=-1e-400", "populations[a].params.tau_m=-1_0",
                "inputs[0].rate_hz=-1e999");
        assertEquals(List.of(
                "--set dt_ms=-1e-400: dt_ms: expected a finite number > 0 (ms), found -1e-400 (read as -0.0)",
                "--set populations[a].params.tau_m=-1_0: populations[0].params.tau_m: expected a finite number > 0"
                        + " (ms), found -1_0",
                "--set inputs[0].rate_hz=-1e999: inputs[0].rate_hz: expected a finite number >= 0 (Hz), found -1e999"
                        + " (read as -Infinity)"),
                problems.subList(problems.size() - 3, problems.size()));
    }
}
