package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The values of other keys that a rule of {@code engram simulate} names are shown as the config, a {@code --set}
 * or {@code --duration-ms} wrote them, as a value found is: the rules had shown the double read ({@code v_th =
 * -50.0} for {@code -5.0e1}, {@code at most the duration, 50.0 ms} for {@code 5e1}), and {@code --duration-ms
 * -1e-400} had been told "found -0.0". Every expected message below is written out by hand from the config.
 */
class SimulateRulesAsWrittenTest {
    private static final String CONFIG = String.join("\n",
            "name: rules",
            "dt_ms: 0.1",
            "duration_ms: 5e1",
            "populations:",
            "  - {name: a, size: 2, model: lif_delta, params: {v_th: -5.0e1, v_reset: -40}}",
            "projections:",
            "  - {source: a, target: a, rule: {type: all_to_all}, weight: 0.75,",
            "     plasticity: {type: pair_stdp, a_plus: 0.01, a_minus: 0.01, tau_plus: 20, tau_minus: 20,",
            "                  w_min: 1.00, w_max: 0.5}}",
            "record:",
            "  from_ms: 60",
            "  state:",
            "    - {population: a, variable: v, interval_ms: 60}",
            "");

    /** The lines {@code engram simulate} writes to standard error, the config's folder left out of its name. */
    private static List<String> problems(Path dir, String... options) throws IOException {
        return SpikeSourcesConfig.refused(dir, "rules.yaml", CONFIG, options).stream().map(String::strip).toList();
    }

    @Test
    void theValuesARuleNamesAreShownAsTheFileWroteThem(@TempDir Path dir) throws IOException {
        assertEquals(List.of("engram: error: 4 problems:",
                "rules.yaml:5:65: populations[0].params.v_reset: expected a value < v_th = -5.0e1 (mV), found -40",
                "rules.yaml:9:32: projections[0].plasticity.w_max: expected a weight > w_min = 1.00, found 0.5",
                "rules.yaml:11:3: record.from_ms: expected a time before the end of the run (duration_ms = 5e1),"
                        + " found 60",
                "rules.yaml:13:36: record.state[0].interval_ms: expected at most the duration, duration_ms = 5e1 ms"
                        + " (the first sample is taken one interval in), found 60"),
                problems(dir));
    }

    /** A value an override or the duration's option gave is shown as it wrote it, whatever the file wrote. */
    @Test
    void theValuesARuleNamesAreShownAsTheCommandLineWroteThem(@TempDir Path dir) throws IOException {
        String hint = "; the duration is the one --duration-ms set";
        assertEquals(List.of("engram: error: 4 problems:",
                "rules.yaml:5:65: populations[0].params.v_reset: expected a value < v_th = -4.5e1 (mV), found -40;"
                        + " its entry also has the value of --set populations[a].params.v_th=-4.5e1",
                "rules.yaml:9:32: projections[0].plasticity.w_max: expected a weight > w_min = 1.00, found 0.5",
                "rules.yaml:11:3: record.from_ms: expected a time before the end of the run (duration_ms = 0.5e2),"
                        + " found 60" + hint,
                "rules.yaml:13:36: record.state[0].interval_ms: expected at most the duration, duration_ms = 0.5e2 ms"
                        + " (the first sample is taken one interval in), found 60" + hint),
                problems(dir, "--set", "populations[a].params.v_th=-4.5e1", "--duration-ms", "0.5e2"));
    }

    /**
     * The step a rule names as {@code dt}, in ms, is the key {@code dt_ms} as the file or a {@code --set} wrote it:
     * "multiple of dt = 0.1 ms" had shown the double read whatever was written, there and in the limit of a
     * Poisson input's rate.
     */
    @Test
    void theStepARuleNamesAsDtIsShownAsWritten(@TempDir Path dir) throws IOException {
        String delay = "projections: [{source: p, target: p, rule: {type: one_to_one}, weight: 1, delay_ms: 0.15}]";
        String rule = "engram: error: step.yaml:5:75: projections[0].delay_ms: expected a whole number of time steps"
                + " (multiple of dt = ";
        assertEquals(List.of(rule + "1e-1 ms), found 0.15"), stepRefused(dir, "1e-1", delay));
        assertEquals(List.of(rule + "0.100 ms), found 0.15; dt_ms is the one --set dt_ms=0.100 gave"),
                stepRefused(dir, "1e-1", delay, "--set", "dt_ms=0.100"));
        assertEquals(List.of("engram: error: step.yaml:5:37: inputs[0].rate_hz: expected at most 700.0 events per step"
                + " on average, i.e. 700000.0 Hz at dt = 1.0e0 ms, found 1e9"),
                stepRefused(dir, "1.0e0", "inputs: [{type: poisson, target: p, rate_hz: 1e9, weight: 0.1}]"));
    }

    /** The refusal of a population of two with the step written as given and one more line, the fifth. */
    private static List<String> stepRefused(Path dir, String dt, String fifthLine, String... options)
            throws IOException {
        String config = String.join("\n", "name: step", "dt_ms: " + dt, "duration_ms: 10",
                "populations: [{name: p, size: 2, model: lif_delta}]", fifthLine, "");
        return SpikeSourcesConfig.refused(dir, "step.yaml", config, options);
    }

    /**
     * The duration's option is blamed for its own value, shown as written with what it reads as; the rules that
     * compare with the duration wait for one that is sound.
     */
    @Test
    void theDurationOptionsValueIsShownAsWritten(@TempDir Path dir) throws IOException {
        assertEquals(List.of("engram: error: 3 problems:",
                "rules.yaml:5:65: populations[0].params.v_reset: expected a value < v_th = -5.0e1 (mV), found -40",
                "rules.yaml:9:32: projections[0].plasticity.w_max: expected a weight > w_min = 1.00, found 0.5",
                "--duration-ms: duration_ms: expected a number > 0 (ms), found -1e-400 (read as -0.0)"),
                problems(dir, "--duration-ms", "-1e-400"));
    }
}
