package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.engram.experiments.simulate.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Top-level {@code x-} keys hold anchors and are not read, in both kinds of config. */
class ExtensionKeysTest {
    private static final String SIMULATION_WRITTEN_OUT = String.join("\n",
            "name: cells",
            "populations:",
            "  - {name: exc, size: 4, model: lif_delta, params: {tau_m: 20, v_th: 20, v_reset: 10, t_ref: 2}}",
            "  - {name: inh, size: 1, model: lif_delta, params: {tau_m: 10, v_th: 20, v_reset: 10, t_ref: 2}}",
            "");

    private static final String SIMULATION_ANCHORED = String.join("\n",
            "x-neurons:",
            "  lif: &lif {tau_m: 20, v_th: 20, v_reset: 10, t_ref: 2}",
            "x-unused: [anything, {at: all}]",
            "name: cells",
            "populations:",
            "  - {name: exc, size: 4, model: lif_delta, params: *lif}",
            "  - {name: inh, size: 1, model: lif_delta, params: {<<: *lif, tau_m: 10}}",
            "");

    @Test
    void aSimulationReadsAsWithTheValuesWrittenOut(@TempDir Path dir) throws Exception {
        SimulationConfig expected = ConfigLoader.parse(SIMULATION_WRITTEN_OUT, "w.yaml", SimulationConfig.class);
        assertEquals(expected, ConfigLoader.parse(SIMULATION_ANCHORED, "x.yaml", SimulationConfig.class));
        Path file = Files.writeString(dir.resolve("x.yaml"), SIMULATION_ANCHORED);
        List<ConfigException> problems = new ArrayList<>();
        assertEquals(expected, ConfigLoader.load(file, List.of(), SimulationConfig.class, problems).config());
        assertEquals(List.of(), problems);
        SimulationConfig seeded = ConfigLoader.load(file, List.of("seed=7"), SimulationConfig.class, problems)
                .config();
        assertEquals(7, seeded.seed());
        assertEquals(expected.populations(), seeded.populations());
    }

    @Test
    void aProblemInAValueAnchoredThereIsReportedAtItsKey() {
        String bad = "x-times: {short: &short five}\n" + SIMULATION_WRITTEN_OUT.replace("name: cells",
                "name: cells\nduration_ms: *short");
        String message = "duration_ms: expected a value of type number, found the text \"five\"";
        ConfigException parsed = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(bad, "bad.yaml", SimulationConfig.class));
        assertEquals("bad.yaml:3:1: " + message, parsed.getMessage());
    }

    @Test
    void anExperimentReadsAsWithTheValuesWrittenOutAndItsConfigLeavesThemOut() {
        String anchored = String.join("\n",
                "x-ewc: &ewc {lambda: 1000, fisher_samples: 64}",
                "name: sweep",
                "strategies:",
                "  - {name: ewc, label: strong, params: *ewc}",
                "  - {name: ewc, label: weak, params: {<<: *ewc, lambda: 10}}",
                "");
        String written = String.join("\n",
                "name: sweep",
                "strategies:",
                "  - {name: ewc, label: strong, params: {lambda: 1000, fisher_samples: 64}}",
                "  - {name: ewc, label: weak, params: {lambda: 10, fisher_samples: 64}}",
                "");
        ConfigLayers.Resolved expected = ConfigLayers.resolve(written, "w.yaml", List.of(), ConfigLayers.Flags.NONE);
        ConfigLayers.Resolved resolved = ConfigLayers.resolve(anchored, "x.yaml", List.of(), ConfigLayers.Flags.NONE);
        assertEquals(expected.config(), resolved.config());
        assertEquals(expected.yaml(), resolved.yaml());
        assertTrue(!resolved.yaml().contains("x-"), resolved.yaml());
    }

    @Test
    void anXKeyBelowTheTopLevelIsUnknownAndSaysWhereSuchKeysGo() {
        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                "name: e\ntasks: {x-b: 2}\nstrategies: [{name: naive}]\n", "e.yaml", List.of(),
                ConfigLayers.Flags.NONE));
        assertTrue(error.getMessage().startsWith("e.yaml:2:9: tasks.x-b: expected one of the keys"),
                error.getMessage());
        assertTrue(error.getMessage().endsWith("found unknown key 'x-b'; keys beginning with x- are left unread at the"
                + " top level only"), error.getMessage());
        ConfigException simulation = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                SIMULATION_WRITTEN_OUT.replace("{name: inh,", "{x-v: 1, name: inh,"), "s.yaml",
                SimulationConfig.class));
        assertTrue(simulation.getMessage().contains("keys beginning with x- are left unread at the top level only"),
                simulation.getMessage());
    }

    /** The example of configs/README.md, as written there. */
    @Test
    void theConfigReadmesExampleSharesItsValue() throws Exception {
        String readme = Files.readString(Path.of("configs", "README.md"));
        int from = readme.indexOf("```yaml\nx-fisher:") + 8;
        ConfigLayers.Resolved r = ConfigLayers.resolve(readme.substring(from, readme.indexOf("```", from)),
                "README.md", List.of(), ConfigLayers.Flags.NONE);
        assertEquals(List.of("ewc-100", "online-ewc"), r.config().strategies().stream()
                .map(ExperimentConfig.StrategySpec::label).toList());
        for (ExperimentConfig.StrategySpec spec : r.config().strategies()) {
            assertEquals(64, spec.params().get("fisher_samples").asInt(), spec.label());
        }
    }

    @Test
    void aSetOfAnXKeySaysThatItIsLeftUnread() {
        ConfigException error = assertThrows(ConfigException.class, () -> SetOverride.parse("x-ewc.lambda=3"));
        assertTrue(error.getMessage().endsWith("; keys beginning with x- are left unread, so --set has nothing to set"
                + " there"), error.getMessage());
    }

    /** Keys meant to be left unread but spelt otherwise are refused, saying how such keys are spelt. */
    @Test
    void aTopLevelKeySpeltAlmostAsAnXKeySaysHowTheyAreSpelt() {
        for (String key : List.of("X-lif", "x_lif")) {
            ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                    key + ": {tau_m: 10}\n" + SIMULATION_WRITTEN_OUT, "s.yaml", SimulationConfig.class));
            assertTrue(error.getMessage().startsWith("s.yaml:1:1: " + key + ": expected one of the keys"),
                    error.getMessage());
            assertTrue(error.getMessage().endsWith("found unknown key '" + key + "'; a top-level key is left unread"
                    + " when its name begins with x- (a lower-case x and a hyphen)"), error.getMessage());
        }
        ConfigException experiment = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                "name: e\nX-fisher: {fisher_samples: 64}\nstrategies: [{name: naive}]\n", "e.yaml", List.of(),
                ConfigLayers.Flags.NONE));
        assertTrue(experiment.getMessage().startsWith("e.yaml:2:1: X-fisher: expected one of the keys")
                && experiment.getMessage().endsWith("begins with x- (a lower-case x and a hyphen)"),
                experiment.getMessage());
    }

    @Test
    void aMisspeltTopLevelKeyIsStillRefused() {
        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "nmae: cells\n" + SIMULATION_WRITTEN_OUT, "s.yaml", SimulationConfig.class));
        assertTrue(error.getMessage().contains("unknown key 'nmae'"), error.getMessage());
    }
}
