package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes of the command line rather than of a config: a config given to the other command, and a
 * misspelt command or option. Each got a list of unknown keys, or "Unmatched arguments", without
 * saying what was meant.
 */
class WrongCommandTest {
    @Test
    void anExperimentGivenToSimulateNamesEngramRun(@TempDir Path dir) {
        CliRunner.Result r = CliRunner.run("simulate", "configs/quickstart.yaml", "--out", dir.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("engram: error: configs/quickstart.yaml: expected a config of engram simulate,"
                + " found a config of engram run (seeds, data, tasks, network, encoder, training, strategies); use:"
                + " engram run configs/quickstart.yaml"), r.err());
        assertEquals(1, r.err().lines().count(), "one line, not a problem per key: " + r.err());
    }

    /** The command to use can be pasted: a path with a space is quoted. */
    @Test
    void theCommandToUseQuotesThePath(@TempDir Path dir) throws Exception {
        Path config = Files.createDirectories(dir.resolve("my configs")).resolve("brunel small.yaml");
        Files.copy(Path.of("configs/brunel-small.yaml"), config);
        CliRunner.Result r = CliRunner.run("run", config.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("; use: engram simulate '" + config + "'"), r.err());
    }

    @Test
    void aNetworkGivenToRunNamesEngramSimulate(@TempDir Path dir) throws Exception {
        CliRunner.Result r = CliRunner.run("run", "configs/brunel-small.yaml", "--out", dir.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("configs/brunel-small.yaml: expected a config of engram run, found a config of"
                + " engram simulate ("), r.err());
        assertTrue(r.err().contains("; use: engram simulate configs/brunel-small.yaml"), r.err());
        try (var left = Files.list(dir)) {
            assertFalse(left.findAny().isPresent(), "nothing written");
        }
    }

    /**
     * Typos that happen to be keys of the other command are typos of this config: one such key, or
     * several without the key that makes the other kind ({@code seed} and {@code mode} in a run
     * config, which has {@code seeds}).
     */
    @Test
    void typosThatAreKeysOfTheOtherCommandStayUnknownKeys(@TempDir Path dir) throws Exception {
        for (String typos : new String[] {"record: {spikes: [a]}\n", "seed: 3\nmode: grid\n"}) {
            Path config = dir.resolve("typos.yaml");
            Files.writeString(config, "name: one\nstrategies: [{name: naive}]\n" + typos);
            CliRunner.Result r = CliRunner.run("run", config.toString(), "--out", dir.resolve("out").toString());
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains(typos.substring(0, typos.indexOf(':')) + ": expected one of the keys"),
                    r.err());
            assertFalse(r.err().contains("engram simulate"), r.err());
        }
    }

    @Test
    void misspeltCommandsAndOptionsGetSuggestions() {
        CliRunner.Result command = CliRunner.run("simulte", "x.yaml");
        assertEquals(2, command.exitCode(), command.err());
        assertTrue(command.err().contains("Did you mean: engram simulate?"), command.err());
        // A short slip picocli's letter matching misses: the edit distance of config keys finds it.
        CliRunner.Result slip = CliRunner.run("rn", "x.yaml");
        assertEquals(2, slip.exitCode(), slip.err());
        assertTrue(slip.err().contains("Did you mean: engram run?"), slip.err());
        CliRunner.Result option = CliRunner.run("run", "--thread", "2", "x.yaml");
        assertEquals(2, option.exitCode(), option.err());
        assertTrue(option.err().contains("--threads"), option.err());
    }

    /** A word where a command's name goes is named with the commands there are, not blamed on the options after it. */
    @Test
    void anUnknownCommandListsTheCommandsThereAre() {
        CliRunner.Result bench = CliRunner.run("bench", "hh", "--json");
        assertEquals(2, bench.exitCode(), bench.err());
        assertTrue(bench.err().startsWith("engram: error: unknown command 'hh' of engram bench: expected one of cuba, "
                + "coba, brunel, train, stdp\n"), bench.err());
        // hh is one letter from -h, which no one typing a network's name means.
        assertFalse(bench.err().contains("Did you mean"), bench.err());
        assertTrue(bench.out().isEmpty(), bench.out());
        CliRunner.Result close = CliRunner.run("bench", "brunl");
        assertTrue(close.err().contains("unknown command 'brunl' of engram bench")
                && close.err().contains("Did you mean: engram bench brunel?"), close.err());
    }

    /** Options that go together are refused apart, not dropped in silence (found by an audit). */
    @Test
    void keysAndMarkdownGoTogetherAndAlone() {
        CliRunner.Result markdown = CliRunner.run("run", "--markdown");
        assertEquals(2, markdown.exitCode(), markdown.err());
        assertTrue(markdown.err().contains("--markdown: expected --keys beside it"), markdown.err());
        CliRunner.Result keysAndConfig = CliRunner.run("run", "x.yaml", "--print-config", "--keys");
        assertEquals(2, keysAndConfig.exitCode(), keysAndConfig.err());
        assertTrue(keysAndConfig.err().contains("--keys: expected nothing beside it but --markdown (it prints every key"
                + " and exits), found x.yaml --print-config"), keysAndConfig.err());
        CliRunner.Result keysAndSet = CliRunner.run("run", "--keys", "--set", "training.epochs=2");
        assertEquals(2, keysAndSet.exitCode(), keysAndSet.err());
        assertEquals(0, CliRunner.run("run", "--keys", "--markdown").exitCode());
    }

    /** plot on a folder that is no finished run says what it is, not only "no such file". */
    @Test
    void plotOnAFolderThatIsNoFinishedRunSaysWhatItIs(@TempDir Path dir) throws Exception {
        Path partial = Files.createDirectories(dir.resolve("quickstart").resolve(".20261201T000000Z-abcdef.partial"));
        Files.writeString(partial.resolve("status.json"), "{\"state\": \"stopped\", \"message\": \"interrupted\"}");
        CliRunner.Result stopped = CliRunner.run("plot", partial.toString());
        assertEquals(2, stopped.exitCode(), stopped.err());
        assertTrue(stopped.err().contains("metrics.json: expected the metrics.json of a finished run"), stopped.err());
        assertTrue(stopped.err().contains("it is the folder of a run that stopped; finish it with: engram run --resume "
                + partial), stopped.err());
        // A diverged run is not to be resumed: its status says why it failed and what to do.
        Files.writeString(partial.resolve("status.json"), "{\"state\": \"failed\", \"message\": \"the loss is NaN;"
                + " start the run anew\", \"resume\": null}");
        CliRunner.Result failed = CliRunner.run("plot", partial.toString());
        assertTrue(failed.err().contains("it is the folder of a run that failed: the loss is NaN; start the run anew"),
                failed.err());
        assertFalse(failed.err().contains("--resume"), failed.err());
        // Another failure (a full disk) can go on, as its status's resume command says, whatever its
        // message's words; a run marked running may be another process's.
        Files.writeString(partial.resolve("status.json"), "{\"state\": \"failed\", \"message\": \"IOException:"
                + " No space left on device; start anew or --resume\", \"resume\": \"engram run --resume elsewhere\"}");
        CliRunner.Result full = CliRunner.run("plot", partial.toString());
        assertTrue(full.err().contains("No space left on device; start anew or --resume; continue it with: engram run"
                + " --resume " + partial), full.err());
        // A status written before the resume key: the command comes with an if.
        Files.writeString(partial.resolve("status.json"), "{\"state\": \"failed\", \"message\": \"IOException\"}");
        CliRunner.Result old = CliRunner.run("plot", partial.toString());
        assertTrue(old.err().contains("IOException; if its message allows, continue it with: engram run --resume"),
                old.err());
        Files.writeString(partial.resolve("status.json"), "{\"state\": \"running\"}");
        CliRunner.Result running = CliRunner.run("plot", partial.toString());
        assertTrue(running.err().contains("its status says the run is running: another engram may be running it"),
                running.err());
        // With a lock file, what the status cannot tell is told by whether a process holds the lock: here
        // this test's own lock stands for the running engram's, then, released, for one that was killed.
        try (FileChannel lockFile = FileChannel.open(partial.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = lockFile.lock()) {
            CliRunner.Result going = CliRunner.run("plot", partial.toString());
            assertEquals(2, going.exitCode(), going.err());
            assertTrue(going.err().contains("its status says the run is running, and an engram process holds its"
                    + " folder: wait for the run to finish"), going.err());
            assertFalse(going.err().contains("--resume"), going.err());
        }
        CliRunner.Result killed = CliRunner.run("plot", partial.toString());
        assertTrue(killed.err().contains("its status says the run is running, but no engram process holds its folder:"
                + " the run was stopped without a word; continue it with: engram run --resume " + partial),
                killed.err());
        // A simulation's folder, finished or not, whatever it recorded.
        Path simulation = Files.createDirectories(dir.resolve("cuba").resolve(".20261201T000000Z-abcdef.partial"));
        Files.writeString(simulation.resolve("config.yaml"), "name: cuba\npopulations: []\n");
        CliRunner.Result simulated = CliRunner.run("plot", simulation.toString());
        assertEquals(2, simulated.exitCode(), simulated.err());
        assertTrue(simulated.err().contains("it is the folder of an engram simulate"), simulated.err());
        assertFalse(simulated.err().contains("--resume"), simulated.err());
        CliRunner.Result missing = CliRunner.run("plot", dir.resolve("nowhere").toString());
        // Said as the folder's absence, not as a missing metrics.json in it.
        assertTrue(missing.err().contains(dir.resolve("nowhere") + ": expected the folder of a finished run, found no"
                + " such folder"), missing.err());
        // A file given for the folder: said so, not the file system's "Not a directory".
        Path file = Files.writeString(dir.resolve("afile"), "");
        CliRunner.Result notAFolder = CliRunner.run("plot", file.toString());
        assertEquals(2, notAFolder.exitCode(), notAFolder.err());
        assertTrue(notAFolder.err().contains(file + ": expected the folder of a finished run, found a file"),
                notAFolder.err());
    }

    /**
     * The partial folder of a quick-start run whose last status said complete, with its files.
     *
     * @return the folder, {@code quickstart/.20261201T000000Z-abcdef.partial} in {@code dir}
     */
    private static Path completePartialFolder(Path dir) throws IOException {
        Path reference = Path.of("..", "results", "reference", "quickstart");
        Path partial = Files.createDirectories(dir.resolve("quickstart").resolve(".20261201T000000Z-abcdef.partial"));
        for (String file : new String[] {"metrics.json", "log.csv", "config.yaml"}) {
            Files.copy(reference.resolve(file), partial.resolve(file));
        }
        Files.writeString(partial.resolve("status.json"), "{\"state\": \"complete\"}");
        return partial;
    }

    /**
     * A run killed after its last status said complete, before its folder was moved into place, holds
     * every file: plot and compare send it to --resume, which moves it, rather than draw into it.
     */
    @Test
    void aRunStoppedAsItWasMovedIntoPlaceIsSentToResume(@TempDir Path dir) throws Exception {
        Path partial = completePartialFolder(dir);
        String expected = partial + ": expected the folder of a finished run, found the partial folder of a run that"
                + " was stopped as it was moved into place; finish it with: engram run --resume " + partial;
        assertPlotAndCompareRefuse(partial, dir.resolve("table"), expected);
    }

    /**
     * A run whose process has written its last status and is moving its folder into place (it holds
     * the folder's lock): plot and compare sent it to --resume, which the lock refuses, and said it was
     * stopped. They say it is being moved and where it will be.
     */
    @Test
    void aRunBeingMovedIntoPlaceIsNotSentToResume(@TempDir Path dir) throws Exception {
        Path partial = completePartialFolder(dir);
        String expected = partial + ": expected the folder of a finished run, found the partial folder of a run that"
                + " the engram process holding it is moving into place; give its final folder once it is there: "
                + dir.resolve("quickstart").resolve("20261201T000000Z-abcdef");
        try (FileChannel channel = FileChannel.open(partial.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = channel.lock()) {
            assertPlotAndCompareRefuse(partial, dir.resolve("table"), expected);
        }
    }

    /** Plot and compare given a partial folder exit with 2 and the expected message, writing nothing. */
    private static void assertPlotAndCompareRefuse(Path partial, Path table, String expected) {
        CliRunner.Result plot = CliRunner.run("plot", partial.toString());
        assertEquals(2, plot.exitCode(), plot.err());
        assertTrue(plot.err().contains(expected), plot.err());
        assertFalse(Files.exists(partial.resolve("plots")), "plot drew into the partial folder");
        CliRunner.Result compare = CliRunner.run("compare", partial.toString(), "--out", table.toString());
        assertEquals(2, compare.exitCode(), compare.err());
        assertTrue(compare.err().contains(expected), compare.err());
        assertFalse(Files.exists(table), "compare wrote a table");
    }

    /** A number option given something else says what to write, not which Java type failed ("is not an int"). */
    @Test
    void aNumberOptionGivenAWordSaysWhatToWrite() {
        CliRunner.Result words = CliRunner.run("bench", "cuba", "--threads", "two");
        assertEquals(2, words.exitCode(), words.err());
        assertTrue(words.err().startsWith("engram: error: Invalid value for option '--threads': expected an integer, "
                + "found 'two'\n"), words.err());
        CliRunner.Result fraction = CliRunner.run("bench", "cuba", "--threads", "1.5");
        assertTrue(fraction.err().contains("'--threads': expected an integer, found '1.5'"), fraction.err());
        CliRunner.Result large = CliRunner.run("bench", "cuba", "--threads", "99999999999");
        assertTrue(large.err().contains("'--threads': expected an integer <= 2147483647, found 99999999999"),
                large.err());
        CliRunner.Result below = CliRunner.run("bench", "cuba", "--neurons", "-99999999999");
        assertTrue(below.err().contains("'--neurons': expected an integer >= -2147483648, found -99999999999"),
                below.err());
        CliRunner.Result duration = CliRunner.run("bench", "cuba", "--duration-ms", "1s");
        assertEquals(2, duration.exitCode(), duration.err());
        assertTrue(duration.err().contains("'--duration-ms': expected a number, found '1s'"), duration.err());
        // An unset shell variable gives an empty value: named in words, as a path option names it.
        CliRunner.Result emptyInteger = CliRunner.run("bench", "cuba", "--threads", "");
        assertEquals(2, emptyInteger.exitCode(), emptyInteger.err());
        assertTrue(emptyInteger.err().contains("'--threads': expected an integer, found an empty text (a shell variable"
                + " that is not set gives one)"), emptyInteger.err());
        CliRunner.Result emptyNumber = CliRunner.run("bench", "cuba", "--duration-ms", "");
        assertTrue(emptyNumber.err().contains("'--duration-ms': expected a number, found an empty text"),
                emptyNumber.err());
        assertTrue(duration.err().contains("(see engram bench cuba --help)"), duration.err());
    }

    /**
     * A whole number written with a point or exponent where an option takes an int is told the integer to write,
     * or the bound of an int it passes, as a config's integer key is: {@code --hidden 3e9} had been told to
     * write 3000000000, which it then refused, and {@code --threads 4.0} nothing.
     */
    @Test
    void aWholeNumberWithAPointOrExponentIsToldWhatAnIntOptionTakes() {
        String rule = "an integer is written without point or exponent";
        for (List<String> c : List.of(
                List.of("--threads 4.0", "'--threads': expected an integer, found '4.0'; " + rule + ": write 4"),
                List.of("--batch 3e9", "'--batch': expected an integer, found '3e9'; " + rule + ", and 3e9 is more than"
                        + " the largest allowed, 2147483647"),
                List.of("--batch -3e9", "'--batch': expected an integer, found '-3e9'; " + rule + ", and -3e9 is less"
                        + " than the smallest allowed, -2147483648"),
                List.of("--hidden 16,3e9", "'--hidden' (N): expected a layer size written in decimal (digits after an"
                        + " optional sign, without leading zeros), found '3e9'; " + rule + ", and 3e9 is more than the"
                        + " largest allowed, 2147483647"),
                List.of("--hidden 1e3", "'--hidden' (N): expected a layer size written in decimal (digits after an"
                        + " optional sign, without leading zeros), found '1e3'; " + rule + ": write 1000"))) {
            List<String> args = new ArrayList<>(List.of("bench", "train"));
            args.addAll(List.of(c.get(0).split(" ")));
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertEquals(2, r.exitCode(), r.err());
            assertEquals("engram: error: Invalid value for option " + c.get(1), r.err().lines().findFirst().orElse(""));
        }
    }

    /**
     * {@code engram help} follows every word down to the command named: picocli's help command read the
     * first only, so {@code help bench cuba} showed bench's help and {@code help bench nope} did too, with
     * exit code 0.
     */
    @Test
    void helpShowsTheHelpOfTheCommandItNames() {
        for (String[] command : new String[][] {{"bench", "cuba"}, {"bench", "train"}, {"run"}, {}}) {
            String[] help = new String[command.length + 1];
            help[0] = "help";
            System.arraycopy(command, 0, help, 1, command.length);
            String[] option = java.util.Arrays.copyOf(command, command.length + 1);
            option[command.length] = "--help";
            CliRunner.Result viaHelp = CliRunner.run(help);
            CliRunner.Result viaOption = CliRunner.run(option);
            assertEquals(0, viaHelp.exitCode(), viaHelp.err());
            assertEquals(viaOption.out(), viaHelp.out(), String.join(" ", help));
        }
        CliRunner.Result unknown = CliRunner.run("help", "bench", "cubba");
        assertEquals(2, unknown.exitCode(), unknown.err());
        assertTrue(unknown.err().startsWith("engram: error: unknown command 'cubba' of engram bench: expected one of "
                + "cuba, coba, brunel, train, stdp; did you mean 'cuba'?"), unknown.err());
        assertTrue(unknown.out().isEmpty(), unknown.out());
    }
}
