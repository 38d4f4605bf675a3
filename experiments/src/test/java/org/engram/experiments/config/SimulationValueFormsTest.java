package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.engram.experiments.simulate.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulation config's values of the wrong type or form, each with its place, what was expected and found, and
 * its kind: a scalar of another type ({@code TYPE}) is the kind a model's parameters stand a default in for, where
 * a list or mapping of the wrong form ({@code FORM}) is not. The base config has four lines, so an added key is on
 * line 5, and a top-level key's problem stands at its column 1.
 */
class SimulationValueFormsTest {
    private static final String BASE = String.join("\n", "name: k", "duration_ms: 10",
            "populations: [{name: a, size: 2, model: lif_delta}]",
            "projections: [{name: p, source: a, target: a, rule: {type: one_to_one}, weight: 0.1, delay_ms: 1}]", "");

    /** Each problem of a config as its kind, a space and its message, with the file's directory left out. */
    private static List<String> problems(Path dir, String text) throws IOException {
        Path config = Files.writeString(dir.resolve("c.yaml"), text);
        List<ConfigException> problems = new ArrayList<>();
        try {
            ConfigLoader.load(config, List.of(), SimulationConfig.class, problems);
        } catch (ConfigException whole) {
            problems.add(whole);
        }
        return problems.stream().flatMap(p -> p.problems().stream())
                .map(p -> p.kind() + " " + p.getMessage().replace(dir + "/", "")).toList();
    }

    /** Integer, long, double, text and boolean keys refuse a value of another type as a scalar's type. */
    @Test
    void aScalarOfAnotherTypeIsOfKindType(@TempDir Path dir) throws IOException {
        assertEquals(List.of("TYPE c.yaml:5:1: threads: expected a value of type integer, found the text \"abc\""),
                problems(dir, BASE + "threads: abc\n"));
        assertEquals(List.of("TYPE c.yaml:5:1: seed: expected a value of type integer, found the text \"abc\""),
                problems(dir, BASE + "seed: abc\n"));
        assertEquals(List.of("TYPE c.yaml:5:1: dt_ms: expected a value of type number, found the text \"abc\""),
                problems(dir, BASE + "dt_ms: abc\n"));
        assertEquals(List.of("TYPE c.yaml:1:1: name: expected a value of type text, found a list"),
                problems(dir, BASE.replace("name: k", "name: [k]")));
        // "projections: [{name: p, source: a, target: a, rule: {type: one_to_one, " is 71 characters.
        assertEquals(List.of("TYPE c.yaml:4:72: projections[0].rule.autapses: expected a value of type boolean"
                + " (true/false), found the text \"abc\""),
                problems(dir, BASE.replace("one_to_one}", "one_to_one, autapses: abc}")));
    }

    /** A list where a mapping is expected, or a name no enum has, is of the value's form. */
    @Test
    void aValueOfTheWrongFormIsOfKindForm(@TempDir Path dir) throws IOException {
        assertEquals(List.of("FORM c.yaml:5:1: record: expected a mapping of keys, found a list"),
                problems(dir, BASE + "record: [1]\n"));
        assertEquals(List.of("FORM c.yaml:5:1: mode: expected one of grid, precise, found fast"),
                problems(dir, BASE + "mode: fast\n"));
    }

    /**
     * An entry that may also be given as a name (a weight recording as its projection's name) is told so; one that
     * may not (a population) is told a mapping alone ("record: {weights: [" is 19 characters, "populations: [" 14).
     */
    @Test
    void anEntryReadFromANameAloneIsToldSo(@TempDir Path dir) throws IOException {
        assertEquals(List.of("FORM c.yaml:5:20: record.weights[0]: expected a name or a mapping of keys, found a list"),
                problems(dir, BASE + "record: {weights: [[1]]}\n"));
        assertEquals(List.of("FORM c.yaml:3:15: populations[0]: expected a mapping of keys, found a list"),
                problems(dir, BASE.replace("populations: [{", "populations: [[1], {")));
    }

    /**
     * A bad item of a list of integers expects an integer, not the list it is in, the first item too
     * ("record: {weights: [{projection: p, synapses: [" is 46 characters).
     */
    @Test
    void aBadItemOfAnIntegerListExpectsAnInteger(@TempDir Path dir) throws IOException {
        assertEquals(List.of("TYPE c.yaml:5:50: record.weights[0].synapses[1]: expected a value of type integer,"
                + " found the text \"x\""),
                problems(dir, BASE + "record: {weights: [{projection: p, synapses: [0, x]}]}\n"));
        assertEquals(List.of("TYPE c.yaml:5:47: record.weights[0].synapses[0]: expected a value of type integer,"
                + " found the text \"0,1\""),
                problems(dir, BASE + "record: {weights: [{projection: p, synapses: [\"0,1\"]}]}\n"));
        // "inputs: [{type: poisson, target: a, rate_hz: 10, weight: 0.1, neurons: [" is 72 characters, "0, " 3 more.
        assertEquals(List.of("TYPE c.yaml:5:76: inputs[0].neurons[1]: expected a value of type integer, found the text"
                + " \"1\"; a number in quotes is text: write 1 without quotes"), problems(dir, BASE
                + "inputs: [{type: poisson, target: a, rate_hz: 10, weight: 0.1, neurons: [0, \"1\"]}]\n"));
        assertEquals(List.of("TYPE c.yaml:5:73: inputs[0].neurons[0]: expected a value of type integer, found the text"
                + " \"1\"; a number in quotes is text: write 1 without quotes"), problems(dir, BASE
                + "inputs: [{type: poisson, target: a, rate_hz: 10, weight: 0.1, neurons: [\"1\"]}]\n"));
    }

    /** A list in a list of numbers expects a number, not the list it is in, the first item too. */
    @Test
    void aListWithinAListOfNumbersExpectsANumber(@TempDir Path dir) throws IOException {
        // "inputs: [{type: spike_times, target: a, times_ms: [" is 51 characters.
        assertEquals(List.of("TYPE c.yaml:5:55: inputs[0].times_ms[1]: expected a value of type number, found a list"),
                problems(dir, BASE + "inputs: [{type: spike_times, target: a, times_ms: [1, [1]]}]\n"));
        assertEquals(List.of("TYPE c.yaml:5:52: inputs[0].times_ms[0]: expected a value of type number, found a list"),
                problems(dir, BASE + "inputs: [{type: spike_times, target: a, times_ms: [[1]]}]\n"));
    }

    /** An item of a list within a list has both indices, the first 0 ("...pairs: [[0, " is 47 characters). */
    @Test
    void anItemOfAnInnerListHasBothIndices(@TempDir Path dir) throws IOException {
        assertEquals(List.of("TYPE c.yaml:5:48: record.weights[0].pairs[0][1]: expected a value of type integer,"
                + " found the text \"x\""),
                problems(dir, BASE + "record: {weights: [{projection: p, pairs: [[0, x]]}]}\n"));
    }

    /** A list written as text without its brackets is told to add them, with the whole key path. */
    @Test
    void aListWrittenAsTextIsToldItsBrackets(@TempDir Path dir) throws IOException {
        assertEquals(List.of("FORM c.yaml:3:1: populations: expected a list, found the text \"a,b\"; write populations:"
                + " [a,b]"), problems(dir, BASE.replace("[{name: a, size: 2, model: lif_delta}]", "\"a,b\"")));
        // "record: {" is 9 characters.
        assertEquals(List.of("FORM c.yaml:5:10: record.spikes: expected a list, found the text \"a,b\"; write"
                + " record.spikes: [a,b]"), problems(dir, BASE + "record: {spikes: \"a,b\"}\n"));
        // An override's advice is written as an override, with the whole key path.
        Path config = Files.writeString(dir.resolve("c.yaml"), BASE);
        List<ConfigException> problems = new ArrayList<>();
        ConfigLoader.load(config, List.of("record.spikes=a,b"), SimulationConfig.class, problems);
        assertEquals(List.of("--set record.spikes=a,b: record.spikes: expected a list, found the text \"a,b\"; write"
                + " record.spikes=[a,b]"), problems.stream().flatMap(p -> p.problems().stream())
                .map(ConfigException::getMessage).toList());
    }

    /**
     * Pairs written as one flat list are told that each entry is a list ("record: {weights: [{projection: p, pairs:
     * [" is 43 characters, so 0 stands at 44 and 4 at 47).
     */
    @Test
    void aFlatListOfPairsIsToldItsEntriesAreLists(@TempDir Path dir) throws IOException {
        String advice = "; each entry of pairs is a list itself: [[...], [...]]";
        assertEquals(List.of("FORM c.yaml:5:44: record.weights[0].pairs[0]: expected a list, found 0" + advice,
                "FORM c.yaml:5:47: record.weights[0].pairs[1]: expected a list, found 4" + advice),
                problems(dir, BASE + "record: {weights: [{projection: p, pairs: [0, 4]}]}\n"));
    }

    /** A whole number past an integer key's type is told the bound it passed, that of an int or of a long. */
    @Test
    void aWholeNumberPastItsTypeIsToldTheBound(@TempDir Path dir) throws IOException {
        // "populations: [{name: a, " is 24 characters.
        assertEquals(List.of("FORM c.yaml:3:25: populations[0].size: expected an integer <= 2147483647,"
                + " found 99999999999"),
                problems(dir, BASE.replace("size: 2", "size: 99999999999")));
        assertEquals(List.of("FORM c.yaml:5:1: seed: expected an integer <= 9223372036854775807,"
                + " found 99999999999999999999"), problems(dir, BASE + "seed: 99999999999999999999\n"));
    }

    /** The places and words of errors of the text itself: a second document, a syntax error, a key given twice. */
    @Test
    void errorsOfTheTextStandWhereTheyBegin(@TempDir Path dir) throws IOException {
        assertEquals(List.of("RULE c.yaml:5:1: expected one YAML document, found a second one, starting with '---'"),
                problems(dir, BASE + "---\nname: x\n"));
        // The mapping opens at "inputs: [{" column 10 of line 5; the parser finds it unclosed at the end, 6:1.
        assertEquals(List.of("RULE c.yaml:6:1: expected valid YAML, found a syntax error: expected ',' or '}', but got"
                + " <stream end>; in the mapping {...} that starts at 5:10"),
                problems(dir, BASE + "inputs: [{type: poisson, target: a\n"));
        assertEquals(List.of("FORM c.yaml:5:1: name: expected each key once in a mapping, found it a second time"),
                problems(dir, BASE + "name: again\n"));
    }

    /**
     * Errors the reader gives no key path for stand at their place on the first line and at the end of a line, as
     * further on: a list used as a key (the reader stands past its '[', column 3), a number past the reader's length
     * first in the file (not the 5 of the comment after it, which is of another length), a control character last
     * on its line ("name: k" is 7 characters).
     */
    @Test
    void errorsOfTheTextOnTheFirstLineAreThere(@TempDir Path dir) throws IOException {
        assertEquals(List.of("RULE c.yaml:1:4: expected keys written as plain text, found a list or mapping used as a"
                + " key (YAML's '? ' form)"), problems(dir, "? [a]\n: b\n" + BASE));
        assertEquals(List.of("FORM c.yaml:1:1: expected a number of at most 1000 characters, found one of 1001; a"
                + " double keeps about 17 significant digits: write fewer, with an exponent for a large or small number"
                + " (1.5e300)"), problems(dir, "1".repeat(1001) + "\n# 5\n"));
        assertEquals(List.of("FORM c.yaml:1:8: expected printable text (YAML allows tabs and line breaks, no other"
                + " control characters), found the character U+0007; delete it, or write it in a double-quoted text as"
                + " an escape such as \\x07"), problems(dir, BASE.replace("name: k", "name: k\u0007")));
    }

    /** A syntax error the parser names no earlier place for has no hint ("\tname: k" has its tab at 1:1). */
    @Test
    void aSyntaxErrorWithoutAnEarlierPlaceHasNoHint(@TempDir Path dir) throws IOException {
        assertEquals(List.of("RULE c.yaml:1:1: expected valid YAML, found a syntax error: found character '\\t(TAB)'"
                + " that cannot start any token. (Do not use \\t(TAB) for indentation)"), problems(dir, "\tname: k\n"));
    }
}
