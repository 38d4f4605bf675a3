package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Problems found after a config became a record are placed where the file, an override or an option
 * wrote their keys, told in the form written, and listed in reading order.
 */
class WithPositionTest {
    /*
     * Line 4, counting columns from 1: "    params: {" puts v_th at column 14; "v_th: -5e1, " is 12
     * characters, so v_reset stands at 26; "v_reset: -65, " is 14 more, so tau_m stands at 40.
     */
    private static final String YAML = String.join("\n",
            "name: sim",
            "populations:",
            "  - name: exc",
            "    params: {v_th: -5e1, v_reset: -65, tau_m: !!str 20}",
            "");

    private static ConfigException problem(Path file, String keyPath, String expected, String found, String hint) {
        return new ConfigException(file.toString(), keyPath, expected, found, hint);
    }

    @Test
    void problemsArePlacedToldAsWrittenAndSortedInReadingOrder(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("sim.yaml"), YAML);
        String override = "populations[0].params.v_reset=-60";
        ConfigException e = ConfigException.all(List.of(
                problem(file, "populations[0].params.v_reset", "a value < v_th", "-60.0", null),
                ConfigException.ofForm(file.toString(), "populations[0].params.tau_m", "a number",
                        "the text \"20\"", "a number in quotes is text: write 20 without quotes"),
                problem(file, "populations[0].params.v_th", "a value > -60", "-50.0", null),
                problem(file, "populations[0].size", "a value >= 1", "0", null)));
        List<String> shown = ConfigLoader.withPosition(e, file, List.of(override), List.of(
                new ConfigLoader.KeyOption("--size", "populations[0].size", "0"))).problems().stream()
                .map(ConfigException::getMessage).toList();
        String f = file.toString();
        assertEquals(List.of(
                // The file's values, by column; v_th is refused for the override beside it, and shown as written.
                f + ":4:14: populations[0].params.v_th: expected a value > -60, found -5e1; its entry also has the"
                        + " value of --set " + override,
                // The file tags 20 as text, where the check saw only a text; no override beside it makes text a number.
                f + ":4:40: populations[0].params.tau_m: expected a number, found the text \"20\"; a number tagged"
                        + " !!str is text: write 20 without the tag",
                // Then the override's problem, then the option's.
                "--set " + override + ": populations[0].params.v_reset: expected a value < v_th, found -60",
                "--size: populations[0].size: expected a value >= 1, found 0"), shown);
    }

    /** A problem of another source, or without a key, is left as it was found. */
    @Test
    void aProblemOfAnotherSourceIsLeftAsFound(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("sim.yaml"), YAML);
        ConfigException other = new ConfigException("data.csv", "populations[0].name", "a name", "x", null);
        ConfigException noKey = new ConfigException(file.toString(), null, "a config", "nothing", null);
        assertEquals(List.of(other.getMessage(), noKey.getMessage()), ConfigLoader.withPosition(
                ConfigException.all(List.of(other, noKey)), file, List.of(), List.of()).problems().stream()
                .map(ConfigException::getMessage).toList());
    }

    /** A number the file quotes, not tags, keeps the advice to drop the quotes. */
    @Test
    void aQuotedNumberOfTheFileKeepsTheAdviceOnQuotes(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("sim.yaml"), "name: sim\nseed: '7'\n");
        ConfigException quoted = problem(file, "seed", "an integer", "the text \"7\"",
                "a number in quotes is text: write 7 without quotes");
        String shown = ConfigLoader.withPosition(quoted, file, List.of(), List.of()).getMessage();
        assertEquals(file + ":2:1: seed: expected an integer, found the text \"7\"; a number in quotes is text:"
                + " write 7 without quotes", shown);
    }

    /**
     * A key the file does not write (nor any key holding it) has no place in it: its problem comes after those
     * the file places and those of overrides, as the others do.
     */
    @Test
    void aProblemOfAKeyTheFileDoesNotWriteComesLast(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("sim.yaml"), "name: sim\nseed: 3\n");
        ConfigException e = ConfigException.all(List.of(
                problem(file, "duration_ms", "a value > 0", "0", null),
                problem(file, "seed", "a value >= 5", "3", null)));
        String f = file.toString();
        assertEquals(List.of(f + ":2:1: seed: expected a value >= 5, found 3",
                f + ": duration_ms: expected a value > 0, found 0"),
                ConfigLoader.withPosition(e, file, List.of(), List.of()).problems().stream()
                        .map(ConfigException::getMessage).toList());
        assertEquals(List.of("--set seed=4: seed: expected a value >= 5, found 3",
                f + ": duration_ms: expected a value > 0, found 0"),
                ConfigLoader.withPosition(e, file, List.of("seed=4"), List.of()).problems().stream()
                        .map(ConfigException::getMessage).toList());
    }

    /** Reading order is by line first: size (line 4, column 5) comes before duration_ms (line 5, column 1). */
    @Test
    void anEarlierLineComesFirstWhateverItsColumn(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("sim.yaml"), "name: sim\npopulations:\n  - name: exc\n    size: 0\n"
                + "duration_ms: 0\n");
        ConfigException e = ConfigException.all(List.of(problem(file, "duration_ms", "a value > 0", "0", null),
                problem(file, "populations[0].size", "a value >= 1", "0", null)));
        String f = file.toString();
        assertEquals(List.of(f + ":4:5: populations[0].size: expected a value >= 1, found 0",
                f + ":5:1: duration_ms: expected a value > 0, found 0"),
                ConfigLoader.withPosition(e, file, List.of(), List.of()).problems().stream()
                        .map(ConfigException::getMessage).toList());
    }

    /** A key on a later line of a mapping written in braces over two lines is placed on its own line. */
    @Test
    void aKeyOnTheSecondLineOfABracedMappingIsPlacedThere(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("sim.yaml"), "name: sim\nrecord: {spikes: true,\n  from_ms: -1}\n");
        ConfigException e = problem(file, "record.from_ms", "a time >= 0 (ms)", "-1", null);
        assertEquals(file + ":3:3: record.from_ms: expected a time >= 0 (ms), found -1",
                ConfigLoader.withPosition(e, file, List.of(), List.of()).getMessage());
    }
}
