package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.engram.learning.layered.HiddenLayer;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.layered.LayeredNetSpec;
import org.engram.learning.layered.Readout;
import org.engram.learning.layered.ReadoutLayer;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Strategy settings that would mislabel a run, do nothing or count twice are refused where they stand. */
class StrategyParamsTest {
    private static ConfigException refused(String strategy) {
        String yaml = "name: s\nstrategies:\n  - " + strategy + "\n";
        return assertThrows(ConfigException.class,
                () -> ConfigLayers.resolve(yaml, "s.yaml", List.of(), ConfigLayers.Flags.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            // online_ewc's mode is its name; a mode key made a run labelled online_ewc plain EWC
            "{name: online_ewc, params: {mode: separate}}; s.yaml:3:; strategies[0].params.mode",
            // plain EWC keeps one Fisher per task and never decays them: gamma would be ignored
            "{name: ewc, params: {gamma: 0.3}}; s.yaml:3:; strategies[0].params.gamma",
            // one params mapping serves both copies, so they could only add up
            "{name: ewc+ewc, params: {ewc: {lambda: 5}}}; s.yaml:3:; 'ewc+ewc'",
            "{name: replay+lwf+replay}; s.yaml:3:; each strategy at most once",
            // a per-weight scaling after a projection brings back components in the protected subspace
            "{name: gpm+metaplasticity}; s.yaml:3:; 'gpm+metaplasticity' (metaplasticity after gpm);"
                    + " write 'metaplasticity+gpm'",
            "{name: replay+hlop+ewc+importance_gating}; s.yaml:3:; write 'replay+ewc+importance_gating+hlop'",
            // "expected one of the keys []" did not say why
            "{name: naive, params: {lambda: 3}}; s.yaml:3:; naive takes none",
            // the trainer learns weights only: the key had no effect
            "{name: hlop, params: {freeze_non_weight_parameters: false}}; s.yaml:3:; freeze_non_weight_parameters"})
    void misleadingSettingsAreRefused(String strategy, String where, String what) {
        String message = refused(strategy).getMessage();
        assertTrue(message.startsWith(where) && message.contains(what), message);
    }

    /**
     * The values a record's constructor or a strategy's factory of one's own refuses are each located
     * at their key, where a Java name stands for the config's ({@code memorySize}: {@code memory_size}).
     */
    @Test
    void refusedValuesAreEachLocatedAtTheKeyTheConfigWrites() {
        ParameterException refused = ParameterException.all(List.of(
                new ParameterException("mine", "memorySize", "an integer >= 1", 0),
                new ParameterException("mine", "gamma", "a number in (0, 1]", 2, "try 0.9"),
                new ParameterException("mine", "decayRates[1]", "a number > 0", -1)));
        List<ConfigException> each = YamlErrors.eachProblem(refused, "strategies[2].params", key -> "at " + key,
                key -> null);
        assertEquals(List.of("at strategies[2].params.memory_size: strategies[2].params.memory_size: expected an"
                        + " integer >= 1, found 0",
                "at strategies[2].params.gamma: strategies[2].params.gamma: expected a number in (0, 1], found 2;"
                        + " try 0.9",
                "at strategies[2].params.decay_rates[1]: strategies[2].params.decay_rates[1]: expected a number > 0,"
                        + " found -1"), each.stream().map(ConfigException::getMessage).toList());
    }

    /**
     * GPM takes one threshold, or one per weight matrix of the network the learning layer builds
     * (counted there, recurrent matrices included); another count is refused before the run, where
     * it used to fail when GPM's first task began, after the strategies before it had trained.
     */
    @ParameterizedTest(name = "recurrent {0}")
    @ValueSource(booleans = {false, true})
    void gpmThresholdsAreCountedAgainstTheNetworkBeforeTheRun(boolean recurrent) {
        HiddenLayer layer = HiddenLayer.lif(3, 10).withRecurrent(recurrent);
        int matrices = LayeredNet.create(LayeredNetSpec.of(4, List.of(layer, layer), ReadoutLayer.of(2,
                Readout.MEAN_MEMBRANE, 10)), 1).matrixCount();
        String yaml = "name: s\nnetwork: {hidden: [3, 3], recurrent: " + recurrent + "}\nstrategies:\n"
                + "  - {name: naive}\n  - {name: replay+gpm, params: {gpm: {thresholds: %s}}}\n";
        for (int n : new int[] {1, matrices}) {
            String fits = yaml.formatted(Collections.nCopies(n, 0.9));
            assertEquals(2, ConfigLayers.resolve(fits, "s.yaml", List.of(), ConfigLayers.Flags.NONE).config()
                    .strategies().size());
        }
        for (int n : new int[] {2, matrices - 1, matrices + 1}) {
            String misfit = yaml.formatted(Collections.nCopies(n, 0.9));
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ConfigLayers.resolve(misfit, "s.yaml", List.of(), ConfigLayers.Flags.NONE));
            assertTrue(e.getMessage().startsWith("s.yaml:5:") && e.getMessage().contains("strategies[1].params")
                    && e.getMessage().contains("one per weight matrix (" + matrices + ")"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "{name: ewc, params: {lambda: 5, fisher_samples: 10}}",
            "{name: online_ewc, params: {lambda: 5, gamma: 0.5}}",
            "{name: replay+ewc, params: {ewc: {lambda: 5}}}"})
    void validSettingsResolve(String strategy) {
        String yaml = "name: s\nstrategies:\n  - " + strategy + "\n";
        assertEquals(1, ConfigLayers.resolve(yaml, "s.yaml", List.of(), ConfigLayers.Flags.NONE).config()
                .strategies().size());
    }
}
