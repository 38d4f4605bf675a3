package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.engram.experiments.simulate.SimulationConfig;
import org.engram.experiments.simulate.SimulationRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every number form YAML 1.1 knows is read as its decimal meaning or refused with advice, never read
 * as another value: in {@code engram run} and {@code engram simulate} configs, at the top level, in
 * nested mappings, in list items and in {@code --set} overrides. YAML 1.1 read {@code seed: 010} as 8
 * and {@code 0x10} as 16.
 */
class YamlNumberFormsTest {
    /**
     * A form as written, and what a key of integer type and one of number type make of it: the value
     * read, or a part of the refusal's message. The decimals are worked out by hand.
     */
    record Form(String yaml, Object asInteger, Object asNumber) {
        @Override
        public String toString() {
            return yaml;
        }
    }

    static Stream<Form> forms() {
        String octal = "write 10 (decimal) or 8 (YAML 1.1 reads 010 as octal 8)";
        String sexagesimal = "YAML 1.1 reads 1:30 as base 60 (sexagesimal), Engram does not: write 90 if";
        return Stream.of(
                new Form("10", 10L, 10.0),
                new Form("010", octal, octal),
                new Form("!!int 010", octal, octal),
                new Form("0x10", "0x10 is hexadecimal: numbers are decimal, write 16",
                        "0x10 is hexadecimal: numbers are decimal, write 16"),
                new Form("0o10", "0o10 is octal: numbers are decimal, write 8",
                        "0o10 is octal: numbers are decimal, write 8"),
                new Form("0b101", "0b101 is binary: numbers are decimal, write 5",
                        "0b101 is binary: numbers are decimal, write 5"),
                new Form("1_000", 1000L, 1000.0),
                new Form("+5", 5L, 5.0),
                new Form("1:30", sexagesimal, sexagesimal),
                new Form("1:30.5", "write 90.5 if", "write 90.5 if"),
                new Form("1e3", "an integer is written without point or exponent: write 1000", 1000.0),
                new Form(".5", "expected a value of type integer, found .5", 0.5),
                new Form("5.", "an integer is written without point or exponent: write 5", 5.0),
                new Form("\"10\"", "a number in quotes is text: write 10 without quotes",
                        "a number in quotes is text: write 10 without quotes"),
                new Form("012.5", "numbers are decimal, without leading zeros: write 12.5",
                        "numbers are decimal, without leading zeros: write 12.5"));
    }

    private static ExperimentConfig run(String yaml, String... overrides) {
        return ConfigLayers.resolve(yaml + "strategies: [{name: naive}]\n", "c.yaml", List.of(overrides),
                ConfigLayers.Flags.NONE).config();
    }

    /** Asserts the value read, or that reading fails with the expected advice and the file or override named. */
    private static void assertReads(Object expected, String where, Function<String, Number> read, String yaml) {
        if (expected instanceof String part) {
            ConfigException e = assertThrows(ConfigException.class, () -> read.apply(yaml));
            assertTrue(e.getMessage().contains(part) && e.getMessage().contains(where),
                    "'" + part + "' or '" + where + "' missing from: " + e.getMessage());
        } else if (expected instanceof Long l) {
            assertEquals(l.longValue(), read.apply(yaml).longValue());
        } else {
            assertEquals((Double) expected, read.apply(yaml).doubleValue(), 0.0);   // exact: decimal text to double
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void runIntegerKeyInANestedMapping(Form f) {
        assertReads(f.asInteger(), "c.yaml:3:3: training.epochs: ",
                y -> run("name: t\ntraining:\n  epochs: " + y + "\n").training().epochs(), f.yaml());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void runIntegerListItem(Form f) {
        assertReads(f.asInteger(), "seeds[1]: ", y -> run("seeds: [1, " + y + "]\n").seeds().get(1), f.yaml());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void runNumberKeyInAFlowMapping(Form f) {
        assertReads(f.asNumber(), "training.learning_rate: ",
                y -> run("training: {learning_rate: " + y + "}\n").training().learningRate(), f.yaml());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void setOverride(Form f) {
        assertReads(f.asInteger(), "--set training.epochs=" + f.yaml() + ": training.epochs: ",
                y -> run("name: t\n", "training.epochs=" + y).training().epochs(), f.yaml());
    }

    /** A one-population simulation with {@code X} where the form goes. */
    private static final String SIMULATION = String.join("\n",
            "name: forms",
            "duration_ms: 1",
            "seed: SEED",
            "populations:",
            "  - name: a",
            "    size: 2",
            "    model: lif_delta",
            "    params: {tau_m: TAU}",
            "    initial: {v: {uniform: [-100, HIGH]}}",
            "");

    private static SimulationConfig simulate(Path dir, String seed, String tau, String high) {
        try {
            Path config = Files.createTempFile(dir, "forms", ".yaml");
            Files.writeString(config, SIMULATION.replace("SEED", seed).replace("TAU", tau).replace("HIGH", high));
            Path folder = SimulationRun.execute(config, dir.resolve("results"), SimulationRun.Overrides.NONE, List.of(),
                    new java.io.PrintWriter(java.io.Writer.nullWriter())).folder();
            return ConfigLoader.load(folder.resolve("config.yaml"), SimulationConfig.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void simulateIntegerKey(Form f, @TempDir Path dir) {
        assertReads(f.asInteger(), ":3:1: seed: ", y -> simulate(dir, y, "10", "0").seed(), f.yaml());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void simulateModelParameterInANestedMapping(Form f, @TempDir Path dir) {
        assertReads(f.asNumber(), "populations[0].params.tau_m: ",
                y -> simulate(dir, "1", y, "0").populations().get(0).params().get("tau_m").asDouble(), f.yaml());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void simulateDistributionArgumentInAList(Form f, @TempDir Path dir) {
        assertReads(f.asNumber(), "populations[0].initial.v.uniform[1]: ",
                y -> simulate(dir, "1", "10", y).populations().get(0).initial().get("v").get("uniform").get(1)
                        .asDouble(), f.yaml());
    }

    /**
     * An element of an array key is an integer, not "a list" as Jackson's array type made the message say; and
     * every bad element is named at its own column, as a Java list's are (bound whole, either stops at its first).
     */
    @Test
    void anArrayElementIsNamedWithItsOwnType(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("explicit.yaml");
        Files.writeString(config, String.join("\n", "name: explicit", "duration_ms: 1",
                "populations: [{name: a, size: 2, model: lif_delta}]",
                "projections: [{source: a, target: a, rule: {type: explicit, sources: [0, 1, 1], targets: [0, 0x1,"
                        + " 1.5]}, weight: 1}]", ""));
        ConfigException e = assertThrows(ConfigException.class,
                () -> SimulationRun.execute(config, dir.resolve("results"), SimulationRun.Overrides.NONE, List.of(),
                    new java.io.PrintWriter(java.io.Writer.nullWriter())));
        // "targets: [0, 0x1, 1.5]" starts at column 81 of line 4: 0x1 stands at 94, 1.5 at 99.
        assertEquals(String.join("\n", "2 problems:",
                "  " + config + ":4:94: projections[0].rule.targets[1]: expected a value of type integer, found the"
                        + " text \"0x1\"; 0x1 is hexadecimal: numbers are decimal, write 1",
                "  " + config + ":4:99: projections[0].rule.targets[2]: expected a value of type integer, found 1.5"),
                e.getMessage());
    }

    /**
     * One past each end of int (2^31 - 1) and long (2^63 - 1) is refused with the bound it passed, not
     * "a valid value" (nor the whole range, whose negative end meant nothing for a count).
     */
    @Test
    void anIntegerBeyondItsTypeIsRefusedWithTheBoundItPassed() {
        ConfigException epochs = assertThrows(ConfigException.class,
                () -> run("training: {epochs: 2147483648}\n"));
        assertTrue(epochs.getMessage().contains("training.epochs: expected an integer <= 2147483647, found 2147483648"),
                epochs.getMessage());
        assertEquals(2147483647, run("training: {epochs: 2147483647}\n").training().epochs());
        ConfigException below = assertThrows(ConfigException.class,
                () -> run("training: {epochs: -2147483649}\n"));
        assertTrue(below.getMessage().contains(
                "training.epochs: expected an integer >= -2147483648, found -2147483649"), below.getMessage());
        ConfigException seed = assertThrows(ConfigException.class, () -> run("seeds: [9223372036854775808]\n"));
        assertTrue(seed.getMessage().contains("seeds[0]: expected an integer <= 9223372036854775807, found "
                + "9223372036854775808"), seed.getMessage());
    }

    /**
     * A whole number past int where a name is expected is refused as no name, as a smaller one is: it had been
     * told "expected an integer <= 2147483647", a rule of no key that takes a name.
     */
    @Test
    void aWholeNumberPastIntWhereANameIsExpectedIsRefusedAsNoName() {
        String rule = "encoder.kind: expected one of rate, latency, direct_current, found ";
        assertEquals("c.yaml:2:3: " + rule + "99999999999999999999", assertThrows(ConfigException.class,
                () -> run("encoder:\n  kind: 99999999999999999999\n")).getMessage());
        assertEquals("c.yaml:2:3: " + rule + "-3000000000",
                assertThrows(ConfigException.class, () -> run("encoder:\n  kind: -3000000000\n")).getMessage());
        assertEquals("--set encoder.kind=3000000000: " + rule + "3000000000",
                assertThrows(ConfigException.class, () -> run("", "encoder.kind=3000000000")).getMessage());
    }

    /**
     * A whole number written with an exponent past its key's type is not advised to be written out, which
     * would be refused next as past the bound: it is told the bound ({@code threads: 3e9} had been told
     * "write 3000000000").
     */
    @Test
    void aWholeNumberWithAnExponentPastItsTypeIsToldTheBound() {
        String rule = "; an integer is written without point or exponent, and ";
        assertEquals("c.yaml:1:1: threads: expected a value of type integer, found 3e9" + rule
                        + "3e9 is more than the largest allowed, 2147483647",
                assertThrows(ConfigException.class, () -> run("threads: 3e9\n")).getMessage());
        assertEquals("c.yaml:1:12: training.epochs: expected a value of type integer, found -2.2e9" + rule
                        + "-2.2e9 is less than the smallest allowed, -2147483648",
                assertThrows(ConfigException.class, () -> run("training: {epochs: -2.2e9}\n")).getMessage());
        assertEquals("c.yaml:1:9: seeds[0]: expected a value of type integer, found 1e19" + rule
                        + "1e19 is more than the largest allowed, 9223372036854775807",
                assertThrows(ConfigException.class, () -> run("seeds: [1e19]\n")).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> run("threads: 2.147483647e9\n")).getMessage()
                .endsWith("write 2147483647"));
    }

    /**
     * A number with a point or exponent where an integer is expected is shown as written, with advice only
     * when the number written is whole: the double the config's tree holds rounds it, and had shown
     * {@code 1e-400} as "found 0.0" advising "write 0", {@code 1.0000000000000000001e0} as 1.0 advising
     * "write 1", and let {@code 1e99999999999} (Infinity) escape as a NumberFormatException.
     */
    @Test
    void aFractionWhereAnIntegerIsExpectedIsShownAsWrittenWithAdviceOnlyWhenWhole(@TempDir Path dir) {
        String write = "; an integer is written without point or exponent: write ";
        List<List<String>> cases = List.of(List.of("1e-400", ""), List.of("1.0000000000000000001e0", ""),
                List.of("1e99999999999", ""), List.of("9.223372036854775807e18", write + "9223372036854775807"),
                List.of("1_000.0e0", write + "1000"), List.of("-2.50e1", write + "-25"));
        for (List<String> c : cases) {
            String refusal = "seeds[1]: expected a value of type integer, found " + c.get(0) + c.get(1);
            assertEquals("c.yaml:1:12: " + refusal,
                    assertThrows(ConfigException.class, () -> run("seeds: [1, " + c.get(0) + "]\n")).getMessage());
            assertEquals("--set seeds=[1, " + c.get(0) + "]: " + refusal, assertThrows(ConfigException.class,
                    () -> run("name: t\n", "seeds=[1, " + c.get(0) + "]")).getMessage());
            assertEquals(": seed: expected a value of type integer, found " + c.get(0) + c.get(1),
                    messageAfterTheFile(assertThrows(ConfigException.class, () -> simulate(dir, c.get(0), "10", "0"))));
        }
    }

    /**
     * A number a record's or a strategy's check refuses is shown as written, in the file and in {@code --set},
     * with the double read where that is another number: {@code 1e-400} had been shown as 0.0 alone, which
     * hid what was written, and 1e-400 alone would hide why a check of {@code > 0} refuses it.
     */
    @Test
    void aNumberARuleRefusesIsShownAsWrittenAndAsRead() {
        String expected = "expected a finite number >= 0 (dimensionless), found ";
        // An integer too, which the check read as a double and had shown as -1.0; one past a double's 53 bits reads
        // as another number.
        for (List<String> c : List.of(List.of("-1e999", "-1e999 (read as -Infinity)"),
                List.of("-1.00000000000000000001", "-1.00000000000000000001 (read as -1.0)"),
                List.of("-2.50e-1", "-2.50e-1"), List.of("-1_0.0", "-1_0.0"), List.of("-1", "-1"),
                List.of("-1_0", "-1_0"),
                List.of("-9007199254740993", "-9007199254740993 (read as -9.007199254740992E15)"))) {
            String config = "name: t\nstrategies: [{name: ewc, params: {lambda: " + c.get(0) + "}}]\n";
            assertEquals("c.yaml:2:35: strategies[0].params.lambda: " + expected + c.get(1),
                    assertThrows(ConfigException.class, () -> ConfigLayers.resolve(config, "c.yaml", List.of(),
                            ConfigLayers.Flags.NONE)).getMessage());
        }
        assertEquals("c.yaml:1:12: training.learning_rate: expected a finite number > 0 (dimensionless), found"
                        + " 1e-400 (read as 0.0)",
                assertThrows(ConfigException.class, () -> run("training: {learning_rate: 1e-400}\n")).getMessage());
        assertEquals("--set training.learning_rate=-2.50e-1: training.learning_rate: expected a finite number > 0"
                        + " (dimensionless), found -2.50e-1",
                assertThrows(ConfigException.class, () -> run("name: t\n", "training.learning_rate=-2.50e-1"))
                        .getMessage());
        assertEquals("c.yaml:1:12: training.learning_rate: expected a finite number > 0 (dimensionless), found -1",
                assertThrows(ConfigException.class, () -> run("training: {learning_rate: -1}\n")).getMessage());
    }

    /** What a check shows of something other than the value written at its key is kept as the check showed it. */
    @Test
    void whatACheckShowsOfAnotherValueIsKept() {
        assertEquals("-1.5 ms", NumberForms.asWritten("-1.5 ms", "2"));
        assertEquals("[1,-1.0]", NumberForms.asWritten("[1,-1.0]", "-1.0"));
        assertEquals("Infinity", NumberForms.asWritten("Infinity", "1e308"));
        assertEquals("-0.0", NumberForms.asWritten("-0.0", null));
        assertEquals("-1.50 ms", NumberForms.asWritten("-1.5 ms", "-1.50"));
    }

    /** A simulation config's message from its first key on, without the temporary file's name and line. */
    private static String messageAfterTheFile(ConfigException e) {
        return e.getMessage().substring(e.getMessage().indexOf(":3:1") + 4);
    }

    /**
     * The YAML 1.1 integer and float type pages give one value in every form: 685230 and 685230.15.
     * Each form is read as that value or refused with advice to write it.
     */
    @Test
    void yamlSpecificationExamplesAreReadOrRefusedWithTheirValue() {
        assertEquals(List.of(685230L), run("seeds: [685_230]\n").seeds());
        assertEquals(List.of(685230L), run("seeds: [+685_230]\n").seeds());
        for (String form : List.of("0x_0A_74_AE", "0b1010_0111_0100_1010_1110", "190:20:30")) {
            ConfigException e = assertThrows(ConfigException.class, () -> run("seeds: [" + form + "]\n"));
            assertTrue(e.getMessage().contains("write 685230"), e.getMessage());
        }
        ConfigException octal = assertThrows(ConfigException.class, () -> run("seeds: [02472256]\n"));
        assertTrue(octal.getMessage().contains("write 2472256 (decimal) or 685230 (YAML 1.1 reads 02472256 as octal"),
                octal.getMessage());
        assertEquals(685230.15, run("training: {learning_rate: 685_230.15}\n").training().learningRate(), 0.0);
        assertEquals(685230.15, run("training: {learning_rate: 6.8523015e+5}\n").training().learningRate(), 0.0);
        assertEquals(685230.15, run("training: {learning_rate: 685.230_15e+03}\n").training().learningRate(), 0.0);
        ConfigException base60 = assertThrows(ConfigException.class,
                () -> run("training: {learning_rate: 190:20:30.15}\n"));
        assertTrue(base60.getMessage().contains("write 685230.15 if"), base60.getMessage());
    }

    @Test
    void aTextKeyKeepsWhatLooksLikeANumberAsWrittenOrAsksForQuotes() {
        assertEquals("010", run("name: 010\n").name());
        assertEquals("0x10", run("name: 0x10\n").name());
        assertEquals("1.50", run("name: '1.50'\n").name());
        for (String number : List.of("1.50", "1e3", "2024", "+5", "True")) {
            ConfigException e = assertThrows(ConfigException.class, () -> run("name: " + number + "\n"));
            assertTrue(e.getMessage().contains("c.yaml:1:1: name: expected a value of type text")
                    && e.getMessage().contains("put it in quotes"), e.getMessage());
        }
    }

    @Test
    void aResolvedConfigQuotesTextThatWouldReadAsANumber() {
        ConfigLayers.Resolved r = ConfigLayers.resolve("name: '2024'\nstrategies: [{name: naive, label: '1e3'}]\n",
                "c.yaml", List.of(), ConfigLayers.Flags.NONE);
        ExperimentConfig again = ConfigLayers.resolve(r.yaml(), "config.yaml", List.of(), ConfigLayers.Flags.NONE)
                .config();
        assertEquals("2024", again.name());
        assertEquals("1e3", again.strategies().get(0).label());
    }

    /**
     * YAML 1.1 types {@code 1__0} and {@code 5_} as integers (its rule lets any underscores follow the first
     * digit); Engram's decimal rule takes an underscore only between two digits, so it refuses them and says so.
     */
    @Test
    void anUnderscoreOutsideTwoDigitsIsRefusedWithTheNumberWithoutIt() {
        ConfigException doubled = assertThrows(ConfigException.class, () -> run("training: {epochs: 1__0}\n"));
        assertTrue(doubled.getMessage().contains("training.epochs: expected a value of type integer, found the text "
                + "\"1__0\"; an underscore may only stand between two digits: write 10"), doubled.getMessage());
        ConfigException trailing = assertThrows(ConfigException.class, () -> run("seeds: [5_]\n"));
        assertTrue(trailing.getMessage().contains("seeds[0]: expected a value of type integer, found the text \"5_\"; "
                + "an underscore may only stand between two digits: write 5"), trailing.getMessage());
    }
}
