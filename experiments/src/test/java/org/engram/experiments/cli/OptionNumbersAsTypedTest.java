package org.engram.experiments.cli;

import static org.engram.experiments.cli.CliRunner.assertRefused;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A number option refused after it was read shows its value as the command line wrote it, as a config's key
 * shows its own: {@code --duration-ms -1} said "found -1.0", {@code --dt 1e-400} "found 0.0" and {@code
 * --threads +0} "found 0". Each expected message is written out by hand from the text typed.
 */
class OptionNumbersAsTypedTest {
    private static final String POSITIVE_MS = "expected a finite number > 0 (ms), found ";
    private static final String WIDTH = "expected a printed width in inches in [2, 100), e.g. 3.3 for a paper's column"
            + " (narrower, the figures' 7-pt text does not fit), found ";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bench cuba --duration-ms -1|bench cuba: --duration-ms: " + POSITIVE_MS + "-1",
        "bench coba --dt 0|bench coba: --dt: " + POSITIVE_MS + "0",
        "bench brunel --dt 0.000|bench brunel: --dt: " + POSITIVE_MS + "0.000",
        // Past a double's range, either way: what it reads as, in a config's words.
        "bench cuba --duration-ms 1e400|bench cuba: --duration-ms: " + POSITIVE_MS + "1e400 (read as Infinity)",
        "bench cuba --dt 1e-400|bench cuba: --dt: " + POSITIVE_MS + "1e-400 (read as 0.0)",
        "bench cuba --dt -1e-400|bench cuba: --dt: " + POSITIVE_MS + "-1e-400 (read as -0.0)",
        "bench cuba --warmup-ms -5|bench cuba: --warmup-ms: expected a finite number >= 0 (ms), found -5",
        // The step a rule names, as typed too.
        "bench cuba --warmup-ms 0.05 --dt 0.10|bench cuba: --warmup-ms: expected a whole number of time steps"
                + " (multiple of dt = 0.10 ms), found 0.05",
        // The default duration as the option's default is written (and --help shows it).
        "bench cuba --dt 0.30|bench cuba: --dt: expected a step that divides --duration-ms (default 1000 ms) into"
                + " whole steps, from one to 2147483647, found 0.30; give --duration-ms too, or another --dt",
        "plot nowhere --width-in 1.50|engram plot: --width-in: " + WIDTH + "1.50",
        "compare a b --width-in 1e400|engram compare: --width-in: " + WIDTH + "1e400 (read as Infinity)"})
    void aNumberOptionShowsItsValueAsTyped(String arguments, String message) {
        assertRefused(message, CliRunner.run(arguments.split(" ")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bench cuba --threads +0|bench cuba: --threads: expected an integer in [1, 1024], found +0",
        "bench cuba --neurons 7_9|bench cuba: --neurons: expected an integer >= 80, found 7_9",
        "bench brunel --neurons -0|bench brunel: --neurons: expected an integer >= 25, found -0",
        "bench stdp --test +0|bench stdp: --test: expected an integer >= 1, found +0",
        "bench train --classes +1|bench train: --classes: expected an integer in [2, 256], found +1",
        // A list option: the item refused, not another of the same value.
        "bench train --hidden 16,+0,0|bench train: --hidden: expected an integer >= 1, found +0",
        "bench train --hidden 16,0,+0|bench train: --hidden: expected an integer >= 1, found 0",
        "run --jobs +0|engram run: --jobs: expected how many units (strategy and seed) train at once, 1 to 1024,"
                + " found +0"})
    void anIntegerOptionShowsItsValueAsTyped(String arguments, String message) {
        assertRefused(message, CliRunner.run(arguments.split(" ")));
    }

    /** Where the option sets a config's key, the config's check shows it as typed too, alone or among others. */
    @Test
    void runThreadsShowAsTyped(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("run.yaml"), String.join("\n", "name: numbers", "seeds: [1]",
                "threads: 1", "data: {bundled: true}", "strategies: [{name: naive}]", ""));
        String threads = "--threads: threads: expected an integer in [1, 1024], found +0";
        assertRefused(threads, CliRunner.run("run", config.toString(), "--threads", "+0", "--out", dir.toString()));
        assertRefused("2 problems:\n  --set training.epochs=0: training.epochs: expected an integer >= 1, found 0\n  "
                + threads, CliRunner.run("run", config.toString(), "--threads", "+0", "--set", "training.epochs=0",
                "--out", dir.toString()));
    }

    @Test
    void simulateThreadsShowAsTyped(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("sim.yaml"), String.join("\n", "name: numbers",
                "duration_ms: 5", "populations: [{name: p, size: 1, model: lif_delta}]", ""));
        assertRefused("simulate: --threads: expected an integer in [1, 1024], found +0",
                CliRunner.run("simulate", config.toString(), "--threads", "+0", "--out", dir.toString()));
    }
}
