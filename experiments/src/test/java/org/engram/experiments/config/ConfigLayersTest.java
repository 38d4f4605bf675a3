package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Defaults, YAML, --set and flags are laid over each other in that order, with located errors. */
class ConfigLayersTest {
    private static final String YAML = String.join("\n",
            "name: layers",
            "seeds: [7]",
            "threads: 3",
            "training:",
            "  epochs: 4",
            "  batch_size: 10",
            "strategies:",
            "  - name: ewc",
            "    params: {lambda: 5}",
            "");

    private static ConfigLayers.Resolved resolve(List<String> sets, ConfigLayers.Flags flags) {
        return ConfigLayers.resolve(YAML, "layers.yaml", sets, flags);
    }

    @Test
    void eachLayerOverridesTheOneBelow() {
        ExperimentConfig c = resolve(List.of("training.epochs=9", "seeds=[8]", "threads=5",
                "strategies[0].params.lambda=50"), new ConfigLayers.Flags(List.of(11L, 12L), 6)).config();
        // default only: learning_rate; YAML only: batch_size; YAML then --set: epochs and lambda;
        // YAML, --set then flag: seeds and threads.
        assertEquals(0.001, c.training().learningRate(), 0.0);
        assertEquals(10, c.training().batchSize());
        assertEquals(9, c.training().epochs());
        assertEquals(50.0, c.strategies().get(0).params().get("lambda").asDouble(), 0.0);
        assertEquals(List.of(11L, 12L), c.seeds());
        assertEquals(6, c.threads());
        // The strategy's other hyperparameters come from its defaults (Ewc.Params.defaults()).
        assertEquals(200, c.strategies().get(0).params().get("fisher_samples").asInt());
        ExperimentConfig yamlOnly = resolve(List.of(), ConfigLayers.Flags.NONE).config();
        assertEquals(4, yamlOnly.training().epochs());
        assertEquals(List.of(7L), yamlOnly.seeds());
        assertEquals(3, yamlOnly.threads());
    }

    /**
     * A relative data path is taken from the working directory and kept absolute, so the run's
     * config.yaml finds the same data from any directory (it kept '../data' and failed elsewhere).
     */
    @Test
    void aRelativeDataPathIsKeptAbsolute() {
        ExperimentConfig c = resolve(List.of("data.path=../data/./plain"), ConfigLayers.Flags.NONE).config();
        assertEquals(Path.of("..", "data", "plain").toAbsolutePath().normalize().toString(),
                c.data().path());
        assertTrue(Path.of(c.data().path()).isAbsolute());
    }

    /**
     * A --set that writes a whole section leaves the keys it does not name at their defaults (the table of keys:
     * training.batch_size 64, tasks.count 5), as it does the sections it adds, so that a default lies under every
     * override.
     */
    @Test
    void aSectionSetWholeKeepsTheDefaultsOfTheKeysItLeavesOut() {
        ExperimentConfig c = ConfigLayers.resolve("strategies: [{name: ewc}]\n", "c.yaml",
                List.of("training={epochs: 2}", "tasks={validation: 0.1}"), ConfigLayers.Flags.NONE).config();
        assertEquals(2, c.training().epochs());
        assertEquals(64, c.training().batchSize());
        assertEquals(0.1, c.tasks().validation(), 0.0);
        assertEquals(5, c.tasks().count());
    }

    /**
     * A key written with no value is refused where it has a default that is not null, and a section given no
     * value, in the file or by --set, is the section at its defaults (energy.pj_per_accumulate 0.9, pJ).
     */
    @Test
    void anEmptyKeyIsRefusedAndAnEmptySectionTakesItsDefaults() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                "strategies: [{name: ewc}]\ntraining: {epochs: }\n", "c.yaml", List.of(), ConfigLayers.Flags.NONE));
        // "training: {" is 11 characters: epochs stands at column 12 of line 2.
        assertEquals(List.of("c.yaml:2:12: training.epochs: expected a value, found nothing (an empty entry)"),
                e.problems().stream().map(ConfigException::getMessage).toList());
        ConfigException set = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                "strategies: [{name: ewc}]\n", "c.yaml", List.of("training.epochs=null"), ConfigLayers.Flags.NONE));
        assertEquals("--set training.epochs=null: training.epochs: expected a value, found nothing (an empty entry)",
                set.getMessage());
        assertEquals(0.9, ConfigLayers.resolve("strategies: [{name: ewc}]\n", "c.yaml", List.of("energy=null"),
                ConfigLayers.Flags.NONE).config().energy().pjPerAccumulate(), 0.0);
    }

    /**
     * A key unknown at the top level leaves every section checked, each bad value named (columns counted by hand:
     * "training: {" is 11 characters, "encoder: {kind: rate, " 22).
     */
    @Test
    void anUnknownKeyLeavesEverySectionChecked() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLayers.resolve("strategies:\n"
                + "  - {name: ewc}\ntraining: {epochs: two}\nencoder: {kind: rate, steps: x}\nfoo: 1\n", "c.yaml",
                List.of(), ConfigLayers.Flags.NONE));
        assertEquals(List.of("c.yaml:3:12: training.epochs: expected a value of type integer, found the text \"two\"",
                "c.yaml:4:23: encoder.steps: expected a value of type integer, found the text \"x\"",
                "c.yaml:5:1: foo: expected one of the keys [data, encoder, energy, learner, name, network, seeds,"
                        + " strategies, tasks, threads, training], found unknown key 'foo'"),
                e.problems().stream().map(ConfigException::getMessage).toList());
    }

    /** A strategy entry with an unknown key has its params checked all the same (lambda at column 36 of line 2). */
    @Test
    void anEntryWithAnUnknownKeyHasItsParamsChecked() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLayers.resolve("strategies:\n"
                + "  - {name: ewc, extra: 1, params: {lambda: -1}}\n", "c.yaml", List.of(), ConfigLayers.Flags.NONE));
        assertEquals(List.of("c.yaml:2:17: strategies[0].extra: expected one of the keys [label, name, params], found"
                        + " unknown key 'extra'",
                "c.yaml:2:36: strategies[0].params.lambda: expected a finite number >= 0 (dimensionless), found -1"),
                e.problems().stream().map(ConfigException::getMessage).toList());
    }

    /** Overrides apply in order: the later of two on one key wins, and a whole list replaces an item set before. */
    @Test
    void laterOverridesWin() {
        assertEquals(2, resolve(List.of("training.epochs=7", "training.epochs=2"), ConfigLayers.Flags.NONE)
                .config().training().epochs());
        assertEquals(7, resolve(List.of("training.epochs=2", "training.epochs=7"), ConfigLayers.Flags.NONE)
                .config().training().epochs());
        ExperimentConfig replaced = resolve(List.of("strategies[0].params.lambda=50", "strategies=[{name: si}]"),
                ConfigLayers.Flags.NONE).config();
        assertEquals(List.of("si"), replaced.strategies().stream().map(s -> s.name()).toList());
    }

    /**
     * Bad values in different sections and in different strategies' params are reported together,
     * each at its own line or override (binding the whole config stopped at the first, and the
     * strategies' params were checked only once the sections were valid): the file's in the order
     * written, then the overrides' in the order given (they came in the order of the config's
     * sections: a later --set of the network before an earlier one of training).
     */
    @Test
    void badValuesOfSeveralSectionsAreReportedTogether() {
        String yaml = String.join("\n",
                "name: several",
                "training:",
                "  epochs: 0",
                "encoder:",
                "  steps: 0",
                "strategies:",
                "  - name: ewc",
                "    params: {lambda: -1}",
                "  - name: si",
                "    params: {c: -2}",
                "");
        ConfigException sections = assertThrows(ConfigException.class,
                () -> ConfigLayers.resolve(yaml, "several.yaml", List.of("training.batch_size=0",
                        "network.hidden[0]=0"), ConfigLayers.Flags.NONE));
        assertEquals(String.join("\n",
                "6 problems:",
                "  several.yaml:3:3: training.epochs: expected an integer >= 1, found 0",
                "  several.yaml:5:3: encoder.steps: expected an integer >= 1, found 0",
                "  several.yaml:8:14: strategies[0].params.lambda: expected a finite number >= 0 (dimensionless),"
                        + " found -1",
                "  several.yaml:10:14: strategies[1].params.c: expected a finite number >= 0 (dimensionless),"
                        + " found -2",
                "  --set training.batch_size=0: training.batch_size: expected an integer >= 1, found 0",
                "  --set network.hidden[0]=0: network.hidden[0]: expected a layer size >= 1, found 0"),
                sections.getMessage());
        String fixed = yaml.replace("epochs: 0", "epochs: 1").replace("steps: 0", "steps: 5");
        ConfigException strategies = assertThrows(ConfigException.class,
                () -> ConfigLayers.resolve(fixed, "several.yaml", List.of(), ConfigLayers.Flags.NONE));
        assertTrue(strategies.getMessage().startsWith("2 problems:\n  several.yaml:8:"), strategies.getMessage());
        assertTrue(strategies.getMessage().contains("strategies[0].params.lambda: expected a finite number >= 0"),
                strategies.getMessage());
        assertTrue(strategies.getMessage().contains("strategies[1].params.c: expected a finite number >= 0"),
                strategies.getMessage());
    }

    /**
     * Several bad values within one section are all reported, each at its own line and column,
     * together with those of other sections (a section's constructor stopped at its first).
     */
    @Test
    void badValuesWithinOneSectionAreReportedTogether() {
        String yaml = String.join("\n",
                "name: within",
                "network: {tau_ms: -1, threshold: 0}",
                "training:",
                "  epochs: 0",
                "  learning_rate: -1",
                "strategies: [{name: naive}]",
                "");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLayers.resolve(yaml, "within.yaml", List.of(), ConfigLayers.Flags.NONE));
        // min_learning_rate (0) is not reported against the bad learning_rate it is compared with.
        assertEquals(String.join("\n",
                "4 problems:",
                "  within.yaml:2:11: network.tau_ms: expected a finite number > 0 (ms), found -1",
                "  within.yaml:2:23: network.threshold: expected a finite number > 0 (dimensionless), found 0",
                "  within.yaml:4:3: training.epochs: expected an integer >= 1, found 0",
                "  within.yaml:5:3: training.learning_rate: expected a finite number > 0 (dimensionless), found -1"),
                e.getMessage());
        assertEquals(4, e.problems().size());
        // A --set answers for the value it wrote, the file for the others of the same section.
        ConfigException set = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(yaml, "within.yaml",
                List.of("network.threshold=-2", "encoder.steps=0"), ConfigLayers.Flags.NONE));
        assertTrue(set.getMessage().startsWith("5 problems:\n"), set.getMessage());
        assertTrue(set.getMessage().contains("\n  within.yaml:2:11: network.tau_ms: "), set.getMessage());
        assertTrue(set.getMessage().contains("\n  --set network.threshold=-2: network.threshold: expected a finite"
                + " number > 0 (dimensionless), found -2"), set.getMessage());
        assertTrue(set.getMessage().contains("\n  --set encoder.steps=0: encoder.steps: expected an integer >= 1,"
                + " found 0"), set.getMessage());
        // The rules of the top-level keys come with the strategies' params once the sections are valid.
        ConfigException top = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                "name: 'a b'\nseeds: [1, 1]\nstrategies: [{name: ewc, params: {lambda: -1}}]\n", "top.yaml",
                List.of(), ConfigLayers.Flags.NONE));
        assertEquals(3, top.problems().size(), top.getMessage());
        assertTrue(top.problems().get(0).getMessage().startsWith("top.yaml:1:1: name: expected a name of at most 64 "
                + "ASCII letters"), top.getMessage());
        assertEquals("top.yaml:2:1: seeds: expected distinct seeds, found [1, 1]", top.problems().get(1).getMessage());
        assertTrue(top.problems().get(2).getMessage().startsWith("top.yaml:3:35: strategies[0].params.lambda: "),
                top.getMessage());
        // Within one strategy's params too.
        ConfigException params = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                "strategies: [{name: replay, params: {memory_size: 0, replay_batch_size: 0}}]\n", "replay.yaml",
                List.of(), ConfigLayers.Flags.NONE));
        assertEquals(String.join("\n",
                "2 problems:",
                "  replay.yaml:1:38: strategies[0].params.memory_size: expected an integer >= 1 (samples), found 0",
                "  replay.yaml:1:54: strategies[0].params.replay_batch_size: expected an integer >= 1 (samples),"
                        + " found 0"), params.getMessage());
    }

    /**
     * Every bad item of a list is reported, each at its own column or override, with the problems of other
     * keys: binding the list whole stopped at its first bad item.
     */
    @Test
    void badItemsOfOneListAreReportedTogether() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                "seeds: [2.5, 7, x, 3e0]\ntraining: {epochs: 0}\nstrategies: [{name: naive}]\n", "list.yaml",
                List.of("network.hidden=[10, y, 1.5]"), ConfigLayers.Flags.NONE));
        assertEquals(String.join("\n",
                "6 problems:",
                "  list.yaml:1:9: seeds[0]: expected a value of type integer, found 2.5",
                "  list.yaml:1:17: seeds[2]: expected a value of type integer, found the text \"x\"",
                "  list.yaml:1:20: seeds[3]: expected a value of type integer, found 3e0; an integer is written without"
                        + " point or exponent: write 3",
                "  list.yaml:2:12: training.epochs: expected an integer >= 1, found 0",
                "  --set network.hidden=[10, y, 1.5]: network.hidden[1]: expected a value of type integer, found the"
                        + " text \"y\"",
                "  --set network.hidden=[10, y, 1.5]: network.hidden[2]: expected a value of type integer, found 1.5"),
                e.getMessage());
    }

    /**
     * The rules of the top-level keys (distinct seeds, threads in range, distinct labels) are reported with
     * the sections' problems, not once those are mended. A key that holds a refused value is not judged
     * again (a label is compared only where it is known), nor is a required key left out beside an unknown
     * one, which may be it misspelt.
     */
    @Test
    void topLevelRulesAreReportedBesideTheSectionsProblems() {
        String duplicateLabel = "strategies[1].name: expected a label (else name) no other strategy has, also with"
                + " '+' read as '_' and capitals as small letters, as file names are on some systems (set label: to"
                + " tell two runs of one strategy apart), found ewc (strategies[0] has ewc)";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                "name: t\nseeds: [3, 3]\ntraining: {epochs: x}\nstrategies: [{name: ewc}, {name: ewc}]\n",
                "top.yaml", List.of(), new ConfigLayers.Flags(null, 0)));
        assertEquals(String.join("\n",
                "4 problems:",
                "  top.yaml:2:1: seeds: expected distinct seeds, found [3, 3]",
                "  top.yaml:3:12: training.epochs: expected a value of type integer, found the text \"x\"",
                "  top.yaml:4:28: " + duplicateLabel,
                "  --threads: threads: expected an integer in [1, 1024], found 0"),
                e.getMessage());
        ConfigException refusedEntry = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                "name: t\nstrategies: [{name: ewc}, {name: ewc}, {name: naive, x: 1}]\n", "top.yaml", List.of(),
                ConfigLayers.Flags.NONE));
        // The labels are known all the same: an entry's unknown key beside them hides none of them.
        assertEquals(String.join("\n",
                "2 problems:",
                "  top.yaml:2:28: " + duplicateLabel,
                "  top.yaml:2:54: strategies[2].x: expected one of the keys [label, name, params], found unknown key"
                        + " 'x'"), refusedEntry.getMessage());
        ConfigException misspelt = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                "name: t\nthreads: 0\nstrategy: [{name: naive}]\n", "m.yaml", List.of(), ConfigLayers.Flags.NONE));
        assertEquals(String.join("\n",
                "2 problems:",
                "  m.yaml:2:1: threads: expected an integer in [1, 1024], found 0",
                "  m.yaml:3:1: strategy: expected one of the keys [data, encoder, energy, learner, name, network,"
                        + " seeds, strategies, tasks, threads, training], found unknown key 'strategy'"),
                misspelt.getMessage());
    }

    /**
     * The wrong types and unknown keys of a strategy's params, and of each member's params in a
     * chain, are all reported, each at its own column or override (converting the params stopped at
     * the first, and a chain at its first member with one), in the order written.
     */
    @Test
    void typeErrorsAndUnknownKeysWithinStrategyParamsAreReportedTogether() {
        String yaml = """
                name: params
                strategies:
                  - name: ewc
                    params: {lambda: abc, lamda: 3, gamma: x}
                  - name: replay+ewc
                    params: {replay: {size: x, memory_size: many}, ewc: {fisher_samples: 2.5}}
                """;
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLayers.resolve(yaml, "params.yaml", List.of(), ConfigLayers.Flags.NONE));
        assertEquals(String.join("\n",
                "6 problems:",
                "  params.yaml:4:14: strategies[0].params.lambda: expected a value of type number, found the text"
                        + " \"abc\"",
                "  params.yaml:4:27: strategies[0].params.lamda: expected one of the keys [fisher, fisher_samples,"
                        + " lambda], found unknown key 'lamda'; did you mean 'lambda'?",
                "  params.yaml:4:37: strategies[0].params.gamma: expected one of the keys [fisher, fisher_samples,"
                        + " lambda], found unknown key 'gamma'",
                "  params.yaml:6:23: strategies[1].params.replay.size: expected one of the keys [buffer, memory_size,"
                        + " replay_batch_size], found unknown key 'size'",
                "  params.yaml:6:32: strategies[1].params.replay.memory_size: expected a value of type integer,"
                        + " found the text \"many\"",
                "  params.yaml:6:58: strategies[1].params.ewc.fisher_samples: expected a value of type integer,"
                        + " found 2.5"),
                e.getMessage());
        // An override answers for the key it wrote, the file for the others of the same params.
        ConfigException set = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(yaml, "params.yaml",
                List.of("strategies[0].params.fisher_samples=x"), ConfigLayers.Flags.NONE));
        assertTrue(set.getMessage().startsWith("7 problems:\n"), set.getMessage());
        assertTrue(set.getMessage().contains("\n  params.yaml:4:37: strategies[0].params.gamma: "), set.getMessage());
        assertTrue(set.getMessage().contains("\n  --set strategies[0].params.fisher_samples=x:"
                + " strategies[0].params.fisher_samples: expected a value of type integer"), set.getMessage());
    }

    /** A section written with nothing under it takes every default, like an absent one (it crashed the run's end). */
    @Test
    void emptySectionsTakeTheirDefaults() {
        String empty = "name: empty\nstrategies: [{name: naive}]\nenergy:\ntraining:\ntasks:\n";
        String absent = "name: empty\nstrategies: [{name: naive}]\n";
        assertEquals(ConfigLayers.resolve(absent, "a.yaml", List.of(), ConfigLayers.Flags.NONE).config(),
                ConfigLayers.resolve(empty, "e.yaml", List.of(), ConfigLayers.Flags.NONE).config());
    }

    /** Every experiment config shipped in configs/ resolves: no key they set is refused or ignored. */
    @Test
    void shippedRunConfigsResolve() throws IOException {
        List<Path> configs;
        try (Stream<Path> files = Files.list(Path.of("configs"))) {
            configs = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        int runConfigs = 0;
        for (Path f : configs) {
            String text = Files.readString(f);
            if (text.contains("\nstrategies:")) {
                ConfigLayers.resolve(text, f.toString(), List.of(), ConfigLayers.Flags.NONE);
                runConfigs++;
            }
        }
        assertTrue(runConfigs >= 5, "found " + runConfigs + " run configs in " + configs);
    }

    @Test
    void resolvedConfigResolvesToItself() {
        ConfigLayers.Resolved once = resolve(List.of("network.hidden=[12, 6]"), ConfigLayers.Flags.NONE);
        ConfigLayers.Resolved twice = ConfigLayers.resolve(once.yaml(), "config.yaml", List.of(),
                ConfigLayers.Flags.NONE);
        assertEquals(once.yaml(), twice.yaml());
        assertEquals(once.config(), twice.config());
        assertEquals(List.of(12, 6), twice.config().network().hidden());
    }

    @Test
    void threadsDoNotChangeTheResultHash() {
        String a = resolve(List.of(), new ConfigLayers.Flags(null, 1)).resultHash();
        String b = resolve(List.of(), new ConfigLayers.Flags(null, 4)).resultHash();
        String c = resolve(List.of("training.epochs=5"), new ConfigLayers.Flags(null, 1)).resultHash();
        assertEquals(a, b);
        assertTrue(!a.equals(c));
    }

    @Test
    void setAppendsAListElementAtTheNextIndex() {
        ExperimentConfig c = resolve(List.of("strategies[1].name=si", "strategies[1].params.c=2"),
                ConfigLayers.Flags.NONE).config();
        assertEquals(2, c.strategies().size());
        assertEquals(2.0, c.strategies().get(1).params().get("c").asDouble(), 0.0);
    }

    private static final String VARIANTS = String.join("\n",
            "name: variants",
            "strategies:",
            "  - name: naive",
            "  - {name: ewc, label: ewc-100, params: {lambda: 100}}",
            "  - {name: ewc, label: ewc-1000, params: {lambda: 1000}}",
            "  - {name: si, params: {c: 0.5}}",
            "");

    private static ExperimentConfig variants(String set) {
        return ConfigLayers.resolve(VARIANTS, "variants.yaml", List.of(set), ConfigLayers.Flags.NONE).config();
    }

    /**
     * A strategy is set by its label (or by a name one strategy alone has), as engram compare's notes
     * name its keys: strategies[ewc-1000].params.lambda was refused as no key path at all.
     */
    @Test
    void setNamesAStrategyByItsLabelOrItsName() {
        ExperimentConfig byLabel = variants("strategies[ewc-1000].params.lambda=10");
        assertEquals(10.0, byLabel.strategies().get(2).params().get("lambda").asDouble(), 0.0);
        assertEquals(100.0, byLabel.strategies().get(1).params().get("lambda").asDouble(), 0.0);
        assertEquals(4, byLabel.strategies().size(), "set, not appended");
        assertEquals(0.2, variants("strategies[si].params.c=0.2").strategies().get(3).params().get("c").asDouble(),
                0.0);
        ConfigException located = assertThrows(ConfigException.class,
                () -> variants("strategies[ewc-1000].params.lambda=-1"));
        assertTrue(located.getMessage().contains("strategies[2].params.lambda: expected a finite number >= 0"),
                located.getMessage());
    }

    /** A name two strategies share, or one no strategy has, is refused with the entries it could mean. */
    @Test
    void setRefusesAnAmbiguousOrUnknownStrategyNameListingTheEntries() {
        ConfigException ambiguous = assertThrows(ConfigException.class,
                () -> variants("strategies[ewc].params.lambda=10"));
        assertEquals("--set strategies[ewc].params.lambda=10: strategies[ewc]: expected a label or name that one"
                + " entry of strategies has, found the name of 2 entries: strategies[1] (ewc-100), strategies[2]"
                + " (ewc-1000); write the label or the index of the entry to set", ambiguous.getMessage());
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> variants("strategies[mas].params.lambda=10"));
        assertTrue(unknown.getMessage().contains("found 'mas'") && unknown.getMessage().contains("strategies[0]"
                + " (naive), strategies[1] (ewc-100), strategies[2] (ewc-1000), strategies[3] (si)")
                && unknown.getMessage().contains("strategies[4]"), unknown.getMessage());
    }

    /**
     * A tag of one's own ({@code !custom 2}) was dropped without a word, and {@code !!set} read as a
     * mapping of its members to nothing ("seeds.1: expected a value, found nothing"); standard tags
     * are read as before.
     */
    @Test
    void aTagOfOnesOwnAndASetAreRefusedNamingThem() {
        ConfigException custom = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                YAML.replace("epochs: 4", "epochs: !custom 4"), "layers.yaml", List.of(), ConfigLayers.Flags.NONE));
        assertTrue(custom.getMessage().contains("training.epochs: expected a value without a tag of its own"),
                custom.getMessage());
        assertTrue(custom.getMessage().contains("found the tag !custom on 4"), custom.getMessage());
        ConfigException set = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                YAML.replace("seeds: [7]", "seeds: !!set {1, 2}"), "layers.yaml", List.of(), ConfigLayers.Flags.NONE));
        assertTrue(set.getMessage().contains("seeds: expected a value without the tag !!set (no key of a config"
                + " holds a set; a key of several values takes a list, e.g. [1, 2]), found a set (!!set)"),
                set.getMessage());
        assertEquals("123", ConfigLayers.resolve(YAML.replace("name: layers", "name: !!str 123"), "layers.yaml",
                List.of(), ConfigLayers.Flags.NONE).config().name());
    }

    /**
     * {@code !!binary} was decoded as base64: a bad one was told in the decoder's words ("Unexpected end of
     * base64-encoded String ... This Base64Variant might have been incorrectly configured"), a good one read as
     * text. No key holds bytes, so both are refused naming the tag.
     */
    @Test
    void aBinaryValueIsRefusedNamingTheTag() {
        for (String value : List.of("x", "aGVsbG8=")) {
            ConfigException binary = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                    YAML.replace("name: layers", "name: !!binary " + value), "layers.yaml", List.of(),
                    ConfigLayers.Flags.NONE));
            assertTrue(binary.getMessage().contains("name: expected a value without the tag !!binary (no key of a"
                    + " config holds bytes), found the tag !!binary on " + value + "; write the value without the"
                    + " tag"), binary.getMessage());
        }
    }

    /** A tag of one's own on a list or a mapping was dropped without a word, as on a value; YAML's own are read. */
    @Test
    void aTagOfOnesOwnOnAListOrAMappingIsRefusedNamingIt() {
        ConfigException list = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                YAML.replace("seeds: [7]", "seeds: !custom [7]"), "layers.yaml", List.of(), ConfigLayers.Flags.NONE));
        assertTrue(list.getMessage().contains("seeds: expected a list without a tag of its own"), list.getMessage());
        assertTrue(list.getMessage().contains("found the tag !custom on a list; write the list without the tag"),
                list.getMessage());
        ConfigException mapping = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                YAML.replace("training:", "training: !custom"), "layers.yaml", List.of(), ConfigLayers.Flags.NONE));
        assertTrue(mapping.getMessage().contains("found the tag !custom on a mapping"), mapping.getMessage());
        assertEquals(List.of(7L), ConfigLayers.resolve(YAML.replace("seeds: [7]", "seeds: !!seq [7]"), "layers.yaml",
                List.of(), ConfigLayers.Flags.NONE).config().seeds());
    }

    /** A list written without brackets reads as text: the message says how to write it, in each notation. */
    @Test
    void aListWrittenAsTextSaysToPutItInBrackets() {
        ConfigException set = assertThrows(ConfigException.class,
                () -> resolve(List.of("seeds=1,2"), ConfigLayers.Flags.NONE));
        assertEquals("--set seeds=1,2: seeds: expected a list, found the text \"1,2\"; write seeds=[1,2]",
                set.getMessage());
        ConfigException file = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                YAML.replace("seeds: [7]", "seeds: '1,2'"), "layers.yaml", List.of(), ConfigLayers.Flags.NONE));
        assertTrue(file.getMessage().endsWith("seeds: expected a list, found the text \"1,2\"; write seeds: [1,2]"),
                file.getMessage());
        // Text that brackets would not make a list of items gets no advice: one word, or a list in quotes.
        ConfigException word = assertThrows(ConfigException.class,
                () -> resolve(List.of("seeds=one"), ConfigLayers.Flags.NONE));
        assertEquals("--set seeds=one: seeds: expected a list, found the text \"one\"", word.getMessage());
        ConfigException quoted = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                YAML.replace("seeds: [7]", "seeds: '[1, 2]'"), "layers.yaml", List.of(), ConfigLayers.Flags.NONE));
        assertEquals("layers.yaml:2:1: seeds: expected a list, found the text \"[1, 2]\"", quoted.getMessage());
    }

    /**
     * A syntax error is placed where the YAML parser found it, in its own words, and names where the list,
     * mapping, quoted text or indented block it broke starts: an unclosed list on line 2 (its '[' in column
     * 8, after "seeds: ") is found at the colon of line 3's key (column 9), where the list could not go on.
     */
    @Test
    void aSyntaxErrorIsPlacedWhereTheParserFoundIt() {
        assertEquals("syntax.yaml:3:9: expected valid YAML, found a syntax error: expected ',' or ']', but got :;"
                + " in the list [...] that starts at 2:8",
                syntaxError("name: a\nseeds: [1, 2\ntraining: {epochs: 1}\n"));
        // The first entry's '{' is column 5 of line 2 (after "  - "); its value "ewc" runs on over the line
        // break into "ewc -", as a plain value may, so the parser stops at the next entry's '{' (3:5).
        assertEquals("syntax.yaml:3:5: expected valid YAML, found a syntax error: expected ',' or '}', but got {;"
                + " in the mapping {...} that starts at 2:5",
                syntaxError("strategies:\n  - {name: ewc\n  - {name: naive}\n"));
        // The quote opens in column 7 of line 1 ("name: "); the text ends, on line 3, before it closes.
        assertEquals("syntax.yaml:3:1: expected valid YAML, found a syntax error: found unexpected end of stream;"
                + " in the quoted text that starts at 1:7", syntaxError("name: \"a\nseeds: [1]\n"));
        // The entry's keys start in column 5, its '- ' in column 3; a key in column 4 belongs to neither.
        assertEquals("syntax.yaml:4:4: expected valid YAML, found a syntax error: expected <block end>, but found"
                + " '<block mapping start>'; in the indented block (its keys or '- ' entries indented alike)"
                + " that starts at 2:3", syntaxError("strategies:\n  - name: ewc\n    label: a\n   params: {}\n"));
        // A key indented past the one above it makes that one's value run on ("1 lr"), and the colon after
        // "   lr" (3:6) cannot follow.
        assertEquals("syntax.yaml:3:6: expected valid YAML, found a syntax error: mapping values are not allowed"
                + " here; a key indented more than the one above it, or ': ' inside a value that needs quotes",
                syntaxError("training:\n  epochs: 1\n   lr: 0.1\n"));
    }

    /** A key without its colon is found on the next line; the message names the key's own line. */
    @Test
    void aKeyWithoutItsColonIsNamedAtItsLine() {
        assertEquals("syntax.yaml:3:1: expected valid YAML, found a syntax error: could not find expected ':';"
                + " in the key that starts at 2:1", syntaxError("name: a\nseeds [1]\ntraining: {epochs: 1}\n"));
        // What the hint has no words of its own for, it names in the parser's: here an anchor without a name.
        assertEquals("syntax.yaml:1:8: expected valid YAML, found a syntax error: unexpected character found"
                + " \\n(10); in an anchor that starts at 1:7", syntaxError("name: &\nseeds: [1]\n"));
    }

    private static String syntaxError(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigLayers.resolve(yaml, "syntax.yaml", List.of(),
                ConfigLayers.Flags.NONE)).getMessage();
    }

    /**
     * An override's text is read as the user wrote it: one without a key before '=' is no key=value; a label
     * with a dot names its entry whole (the dot is no key separator inside brackets); a key the file does
     * not write, made by an override of a list element under it, is that override's.
     */
    @Test
    void overridesAreReadAsWritten() {
        String file = "strategies:\n  - {name: ewc, label: ewc-0.5, params: {lambda: 0.5}}\n  - {name: naive}\n";
        assertEquals("--set =5: expected key=value, e.g. training.epochs=2 or populations[0].size=100, found '=5'",
                refusal(file, "=5"));
        assertEquals("--set strategies[ewc-0.5].params.lambda=-1: strategies[0].params.lambda: expected a finite"
                + " number >= 0 (dimensionless), found -1", refusal(file, "strategies[ewc-0.5].params.lambda=-1"));
        // Labels name strategies (every strategy has one: its name by default), so a name no entry has is no label.
        assertEquals("--set strategies[nope].params.lambda=1: strategies[nope]: expected the index or the label of an"
                + " entry of strategies (strategies[0] (ewc-0.5), strategies[1] (naive)), found 'nope'; to add an"
                + " entry, write its index, strategies[2], with all its required keys",
                refusal(file, "strategies[nope].params.lambda=1"));
        // Without labels in the file too: each strategy's label is filled from its name before the override.
        assertEquals("--set strategies[nope].params.lambda=1: strategies[nope]: expected the index or the label of an"
                + " entry of strategies (strategies[0] (ewc), strategies[1] (naive)), found 'nope'; to add an entry,"
                + " write its index, strategies[2], with all its required keys", refusal(file.replace(
                        ", label: ewc-0.5", ""), "strategies[nope].params.lambda=1"));
        assertEquals("--set sedes[0]=3: sedes: expected one of the keys [data, encoder, energy, learner, name,"
                + " network, seeds, strategies, tasks, threads, training], found unknown key 'sedes'; did you mean"
                + " 'seeds'?", refusal(file, "sedes[0]=3"));
    }

    /**
     * A key missing from the file, beside an override of another, is the file's; and a number with a point
     * where a list is expected is shown as written (the tree's double would show 2.5).
     */
    @Test
    void aKeyMissingBesideAnOverrideIsTheFilesAndANumberIsShownAsWritten() {
        assertEquals("set.yaml: strategies: expected a value (the strategies compared, in order, each {name, label,"
                + " params}; see engram list), found no such key", refusal("name: a\n", "training.epochs=2"));
        assertEquals("set.yaml:1:1: seeds: expected a list, found 2.50", refusal("seeds: 2.50\n"
                + "strategies: [{name: naive}]\n", "training.epochs=2"));
    }

    private static String refusal(String file, String override) {
        return assertThrows(ConfigException.class, () -> ConfigLayers.resolve(file, "set.yaml", List.of(override),
                ConfigLayers.Flags.NONE)).getMessage();
    }

    /** A value a command-line flag gave is refused naming the flag, not the file's line it replaced. */
    @Test
    void aFlagsValueIsRefusedNamingTheFlag() {
        String file = "name: f\nseeds: [1, 2]\nthreads: 2\nstrategies: [{name: naive}]\n";
        assertEquals("--seeds: seeds: expected distinct seeds, found [1, 1]", assertThrows(ConfigException.class,
                () -> ConfigLayers.resolve(file, "f.yaml", List.of(), new ConfigLayers.Flags(List.of(1L, 1L), null)))
                .getMessage());
        assertEquals("--threads: threads: expected an integer in [1, 1024], found 0", assertThrows(
                ConfigException.class, () -> ConfigLayers.resolve(file, "f.yaml", List.of(),
                        new ConfigLayers.Flags(null, 0))).getMessage());
    }

    /** A control character that is the file's very first is placed at line 1, column 1, as one further on is. */
    @Test
    void aControlCharacterFirstInTheFileIsPlacedAtItsStart() {
        String refusal = "expected printable text (YAML allows tabs and line breaks, no other control characters),"
                + " found the character U+0007; delete it, or write it in a double-quoted text as an escape such as"
                + " \\x07";
        assertEquals("bell.yaml:1:1: " + refusal, assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                "\u0007" + YAML, "bell.yaml", List.of(), ConfigLayers.Flags.NONE)).getMessage());
        assertEquals("bell.yaml:2:3: " + refusal, assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                YAML.replace("seeds", "  \u0007seeds"), "bell.yaml", List.of(), ConfigLayers.Flags.NONE))
                .getMessage());
    }

    /**
     * An index one past the last appends a strategy: the missing name was all the message said; it
     * now says which is the last strategy and that a new one needs its name.
     */
    @Test
    void aKeySetInAnAppendedStrategySaysWhichIsTheLast() {
        ConfigException e = assertThrows(ConfigException.class, () -> variants("strategies[4].params.lambda=10"));
        assertTrue(e.getMessage().startsWith("--set strategies[4].params.lambda=10: strategies[4].name: expected a"
                + " value"), e.getMessage());
        assertTrue(e.getMessage().contains("index 4 adds a new entry after the last, strategies[3] (si)")
                && e.getMessage().contains("strategies[4].name="), e.getMessage());
    }

    /**
     * A misspelt required key is reported as the unknown key it is (with the known keys), not as the
     * required key missing (the record's own check ran first and said "strategies: ... found null").
     */
    @Test
    void aMisspeltRequiredKeyIsReportedAsUnknown() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                "name: typo\nstrategy: [{name: naive}]\n", "typo.yaml", List.of(), ConfigLayers.Flags.NONE));
        assertTrue(e.getMessage().startsWith("typo.yaml:2:1: strategy: expected one of the keys [data, encoder,"
                + " energy, learner, name, network, seeds, strategies, tasks, threads, training], found unknown key"
                + " 'strategy'"), e.getMessage());
    }

    /** A key without a default that is left out is called missing, not "found null". */
    @Test
    void aMissingRequiredKeyIsCalledMissing() {
        ConfigException top = assertThrows(ConfigException.class, () -> ConfigLayers.resolve("name: m\n", "m.yaml",
                List.of(), ConfigLayers.Flags.NONE));
        assertTrue(top.getMessage().startsWith("m.yaml: strategies: expected a value (the strategies compared")
                && top.getMessage().endsWith("found no such key"), top.getMessage());
        ConfigException name = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                "name: m\nstrategies: [{label: x}]\n", "m.yaml", List.of(), ConfigLayers.Flags.NONE));
        assertTrue(name.getMessage().startsWith("m.yaml:2:14: strategies[0].name: expected a value (strategy name")
                && name.getMessage().endsWith("found no such key"), name.getMessage());
    }

    /** A list index counts the entries of the list below the override, the defaults' included. */
    @Test
    void setIndexesTheDefaultListOfAKeyTheFileLeavesOut() {
        String file = "name: d\nstrategies: [{name: naive}]\n";
        ExperimentConfig c = ConfigLayers.resolve(file, "d.yaml", List.of("seeds[1]=7", "network.hidden[1]=32"),
                ConfigLayers.Flags.NONE).config();
        assertEquals(List.of(1L, 7L), c.seeds());
        assertEquals(List.of(256, 32), c.network().hidden());
    }

    /** Errors, each with the text its message must contain. */
    static Stream<List<Object>> errors() {
        return Stream.of(
                List.of(List.of("training.epoch=2"), List.of("--set training.epoch=2", "training.epoch",
                        "did you mean 'epochs'?")),
                List.of(List.of("training.epochs=0"), List.of("--set training.epochs=0", "training.epochs",
                        "an integer >= 1", "found 0")),
                List.of(List.of("strategies[0].params.lamda=3"), List.of("strategies[0].params.lamda",
                        "did you mean 'lambda'?")),
                List.of(List.of("strategies[3].name=si"), List.of("strategies[3]", "the list has 1 entry;")),
                List.of(List.of("training.epochs"), List.of("key=value")),
                List.of(List.of("strategies[0].name=ewk"), List.of("'ewk'", "did you mean 'ewc'?")),
                // an unknown section the override made, not the file: it was blamed on the file
                List.of(List.of("netwrk.hidden=[10]"), List.of("--set netwrk.hidden=[10]: netwrk:",
                        "did you mean 'network'?")),
                // a key missing from a list entry an override appended: it was blamed on the file
                List.of(List.of("strategies[1].params.lambda=3"), List.of(
                        "--set strategies[1].params.lambda=3: strategies[1].name: expected a value",
                        "found no such key")),
                // a file's value that an override's conflicts with: blamed on that override, not the file's line
                List.of(List.of("data.dataset=synthetic"), List.of(
                        "--set data.dataset=synthetic: tasks.sequence: expected synthetic")),
                List.of(List.of("strategies[1].params.lambda=3", "strategies[1].name=ewc"), List.of(
                        "--set strategies[1].name=ewc: strategies[1].name: expected a label (else name) no other"
                                + " strategy has")),

                // a clash an override made at the other strategy: that strategy is named, where the override is
                List.of(List.of("strategies[1].name=si", "strategies[0].label=si"), List.of(
                        "strategies[1].name: expected a label (else name) no other strategy has",
                        "found si (strategies[0] has si)")));
    }

    @ParameterizedTest
    @MethodSource("errors")
    @SuppressWarnings("unchecked")
    void overrideErrorsNameTheOverrideAndKey(List<Object> testCase) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> resolve((List<String>) testCase.get(0), ConfigLayers.Flags.NONE));
        for (String part : (List<String>) testCase.get(1)) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    /**
     * A file's value that conflicts with an override's is that override's fault: encoder.steps: 2
     * is fine until --set network.hidden=[8, 8]; the file's line was named, which the user never changed.
     */
    @Test
    void aConflictThatAnOverrideMadeNamesTheOverride() {
        String file = "name: c\nencoder: {steps: 2}\nstrategies: [{name: naive}]\n";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(file, "c.yaml",
                List.of("network.hidden=[8, 8]"), ConfigLayers.Flags.NONE));
        assertTrue(e.getMessage().startsWith("--set network.hidden=[8, 8]: encoder.steps: expected more than the 2 "
                + "hidden layers"), e.getMessage());
        ConfigException fromFile = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                file.replace("name: c", "name: c\nnetwork: {hidden: [8, 8]}"), "c.yaml", List.of(),
                ConfigLayers.Flags.NONE));
        assertTrue(fromFile.getMessage().startsWith("c.yaml:3:11: encoder.steps"), fromFile.getMessage());
    }

    @Test
    void fileErrorsNameTheLineOfTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                YAML.replace("batch_size: 10", "batch_size: -1"), "layers.yaml", List.of(), ConfigLayers.Flags.NONE));
        // batch_size is on line 6, indented by two spaces: column 3.
        assertTrue(e.getMessage().startsWith(
                "layers.yaml:6:3: training.batch_size: expected an integer >= 1, found -1"), e.getMessage());
    }

    /** A folder or a binary file named as the config says what it is, not an I/O exception's text. */
    @Test
    void aFolderOrBinaryFileIsNamedAsSuch(@TempDir Path dir) throws IOException {
        ConfigException folder = assertThrows(ConfigException.class,
                () -> ConfigLayers.resolve(dir, List.of(), ConfigLayers.Flags.NONE));
        assertEquals(dir + ": expected a YAML file, found a folder", folder.getMessage());
        Path binary = dir.resolve("run.yaml");
        Files.write(binary, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xff, (byte) 0xfe});
        ConfigException bytes = assertThrows(ConfigException.class,
                () -> ConfigLayers.resolve(binary, List.of(), ConfigLayers.Flags.NONE));
        assertTrue(bytes.getMessage().startsWith(binary + ": expected a YAML file of UTF-8 text, found bytes that are"
                + " not UTF-8"), bytes.getMessage());
    }

    /** YAML 1.1's yes/no/on/off are words: a text key keeps them, a boolean key takes true or false only. */
    @Test
    void yesAndNoAreWordsNotBooleans() {
        ExperimentConfig named = ConfigLayers.resolve("name: no\nstrategies: [{name: naive, label: on}]\n",
                "words.yaml", List.of(), ConfigLayers.Flags.NONE).config();
        assertEquals("no", named.name());
        assertEquals("on", named.strategies().get(0).label());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                "name: words\ndata: {bundled: yes}\nstrategies: [{name: naive}]\n", "words.yaml", List.of(),
                ConfigLayers.Flags.NONE));
        assertTrue(e.getMessage().startsWith("words.yaml:2:") && e.getMessage().contains("data.bundled: expected a"
                + " value of type boolean (true/false), found the text \"yes\""), e.getMessage());
    }

    @Test
    void everyShippedConfigResolves() throws IOException {
        Path configs = Path.of("configs");
        try (Stream<Path> files = Files.list(configs)) {
            List<Path> yaml = files.filter(p -> p.getFileName().toString().matches("(quickstart|pmnist-hlop|split-.*)"
                    + "\\.yaml")).toList();
            assertEquals(5, yaml.size(), yaml.toString());
            for (Path p : yaml) {
                ConfigLayers.Resolved r = ConfigLayers.resolve(p, List.of(), ConfigLayers.Flags.NONE);
                assertEquals(p.getFileName().toString().replace(".yaml", ""), r.config().name());
            }
        }
    }

    @Test
    void everyKeyIsDocumentedWithADefaultOrAsRequired() {
        for (ConfigDocs.Row row : ConfigDocs.rows()) {
            assertTrue(!row.meaning().isBlank(), "no meaning for " + row.key());
        }
        String table = ConfigDocs.markdown();
        assertTrue(table.contains("| `training.epochs` | `1` |"), table);
        assertTrue(table.contains("| `strategies[].name` | `required` |"), table);
    }
}
