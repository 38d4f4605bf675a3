package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.model.ExactKernel;
import org.engram.simulator.model.ExactPropagation;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.model.Receptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user model whose exact kernel takes no injected current (the SPI's default) is refused current inputs in
 * precise mode, at {@code mode}, one problem per input, beside the config's other problems; no built-in model
 * reaches this check, as every built-in exact kernel takes a current.
 */
class PreciseClosedKernelTest {
    private static final String REFUSAL = "mode: expected grid mode for current input into a model whose exact"
            + " kernel takes no injected current (ExactKernel.injectedCurrentPa), found precise, with ";

    /** {@code lif_delta} under another name, whose exact kernel leaves {@code injectedCurrentPa} at its default. */
    public static final class ClosedLif extends FineStepLif implements ExactPropagation<LifDelta.Params,
            LifDelta.State> {
        @Override
        public String name() {
            return "closed_lif";
        }

        @Override
        public ExactKernel<LifDelta.State> prepareExact(LifDelta.Params params, TimeGrid grid) {
            ExactKernel<LifDelta.State> lif = LifDelta.MODEL.prepareExact(params, grid);
            return new ExactKernel<>() {
                @Override
                public void propagate(LifDelta.State state, int i, double fromMs, double toMs) {
                    lif.propagate(state, i, fromMs, toMs);
                }

                @Override
                public double nextCrossingMs(LifDelta.State state, int i, double fromMs, double untilMs) {
                    return lif.nextCrossingMs(state, i, fromMs, untilMs);
                }

                @Override
                public void receive(LifDelta.State state, int i, Receptor receptor, double weight, double timeMs) {
                    lif.receive(state, i, receptor, weight, timeMs);
                }

                @Override
                public void fire(LifDelta.State state, int i, double timeMs) {
                    lif.fire(state, i, timeMs);
                }
            };
        }
    }

    private static CliRunner.Result simulate(Path dir, String mode, String yaml) throws IOException {
        Path config = Files.writeString(dir.resolve(mode + ".yaml"), yaml);
        return CliRunner.withServices(dir, NeuronModel.class, List.of(ClosedLif.class.getName()), List.of(),
                () -> CliRunner.run("simulate", config.toString(), "--out", dir.resolve(mode).toString()));
    }

    /**
     * Constant currents and noise into a {@code closed_lif} population are each refused at {@code mode: precise}
     * (line 3) naming the input, word for word; the Poisson input beside them, which is not a current, and the
     * current into {@code lif_delta}, whose kernel takes one, are not; the bad weight is reported with them.
     */
    @Test
    void currentInputsIntoAKernelWithoutInjectedCurrentAreRefusedAtModeEach(@TempDir Path dir) throws IOException {
        CliRunner.Result r = simulate(dir, "precise", """
                name: closed
                duration_ms: 5
                mode: precise
                populations:
                  - {name: c, size: 2, model: closed_lif}
                  - {name: d, size: 2, model: lif_delta}
                inputs:
                  - {type: poisson, target: c, rate_hz: 100, weight: 1}
                  - {type: current, target: c, amplitude_pa: 300}
                  - {type: current, target: d, amplitude_pa: 300}
                  - {type: noise, target: c, std_pa: 10}
                projections:
                  - {source: d, target: c, rule: {type: all_to_all}, receptor: inhibitory, weight: 0.5}
                """);
        assertEquals(2, r.exitCode(), r.err());
        String file = dir.resolve("precise.yaml").toString();
        assertEquals(List.of(
                "engram: error: 3 problems:",
                "  " + file + ":3:1: " + REFUSAL + "constant currents into 'c' (model 'closed_lif') (inputs[1])",
                "  " + file + ":3:1: " + REFUSAL + "a noise current into 'c' (model 'closed_lif') (inputs[3])",
                "  " + file + ":13:76: projections[0].weight: expected an inhibitory weight <= 0 (a positive one"
                        + " needs the excitatory receptor), found 0.5"), r.err().lines().toList());
        assertFalse(Files.exists(dir.resolve("precise")), "nothing written");
    }

    /**
     * Grid mode feeds the same model's neurons the current. Closed form: with R = tau_m / c_m = 0.04 GOhm, 1000 pA
     * drive R I = 40 mV against a threshold 15 mV above rest, so from rest a neuron fires at tau_m ln(40 / 25)
     * = 4.70 ms and every t_ref + 4.70 = 6.70 ms after (reset to rest): at 4.70, 11.40 and 18.10 ms in 20 ms,
     * three spikes each, which the grid of 0.05 ms delays by less than a step each.
     */
    @Test
    void gridModeFeedsItTheCurrent(@TempDir Path dir) throws IOException {
        CliRunner.Result r = simulate(dir, "grid", """
                name: closed
                duration_ms: 20
                dt_ms: 0.05
                populations: [{name: c, size: 2, model: closed_lif}]
                inputs: [{type: current, target: c, amplitude_pa: 1000}]
                """);
        assertEquals(0, r.exitCode(), r.err());
        JsonNode summary = new ObjectMapper().readTree(Path.of(r.lastLine()).resolve("summary.json").toFile());
        assertEquals(6, summary.path("populations").get(0).path("spikes").asLong(), summary.toString());
    }
}
