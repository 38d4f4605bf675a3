package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.engram.experiments.launch.LaunchCommand;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run folder read back ({@code engram plot}, {@code compare}) from the hand-made run of
 * {@link RunFilesByHandTest}, whose every number is known: what it holds reads back as written, and each
 * file damaged in one place is refused naming the file, the key or line, what was expected and what was found.
 */
class RunResultsChecksTest {
    /** Every unit's validation matrix: ACC (0.625 + 0.875) / 2 = 0.75. */
    private static final double[][] VALIDATION = {{0.75, 0.5}, {0.625, 0.875}};
    /** The advice after a value that disagrees with the rest of its file. */
    private static final String EDITED = "the file was changed after engram run wrote it; restore it or run the"
            + " experiment again";

    private static RunFolder written(Path results) {
        return RunFilesByHandTest.written(results, RunFilesByHandTest.UNTRAINED, RunFilesByHandTest.ROWS, VALIDATION);
    }

    /** The hand-made run's folder moved into place, as a finished run's is. */
    private static Path finished(Path results) {
        return written(results).commit();
    }

    /** What was written reads back: each strategy's name, matrices, validation matrices and epoch accuracies. */
    @Test
    void theRunReadsBackAsWritten(@TempDir Path results) throws IOException {
        Path run = finished(results);
        RunResults read = RunResults.readFinished(run);   // without status.json: read as it is
        assertEquals("experiment", read.experiment());   // the config names none
        assertEquals("r1", read.runId());
        assertEquals(List.of("a", "b"), read.tasks());
        assertEquals("", read.dataDigest());
        for (int s = 0; s < 2; s++) {
            RunResults.Strategy strategy = read.strategies().get(s);
            assertEquals(strategy.label(), strategy.name());
            for (int seed = 0; seed < 2; seed++) {
                for (int i = 0; i < 2; i++) {
                    assertArrayEquals(RunFilesByHandTest.ROWS[s][seed][i], strategy.matrices().get(seed).row(i), 0);
                    assertArrayEquals(VALIDATION[i], strategy.validationMatrices().get(seed).row(i), 0);
                }
            }
        }
        // log.csv's order: naive seed 1 tasks 0 and 1, naive seed 2, ewc seed 1, ewc seed 2.
        assertEquals(8, read.validationEpochs().size());
        for (int k = 0; k < 8; k++) {
            RunResults.EpochAccuracy e = read.validationEpochs().get(k);
            assertEquals(List.of(k < 4 ? "naive" : "ewc", 1L + k / 2 % 2, k % 2), List.of(e.strategy(), e.seed(),
                    e.task()));
            assertArrayEquals(VALIDATION[k % 2], e.accuracies(), 1e-6);   // written with 6 decimals
        }

        // The name as metrics.json gives it, a data digest as provenance gives it, and an epoch's samples
        // as its speed times its seconds (200 samples/s for 0.5 s).
        edit(run, "metrics.json", root -> {
            ((ObjectNode) root.at("/strategies/naive")).put("name", "naive+replay");
            ((ObjectNode) root).putObject("provenance").put("data_sha256", "ab12");
        });
        editLine(run, "log.csv", 2, line -> line.replaceFirst(",[^,]+,[^,]+$", ",0.5,200"));
        read = RunResults.readFinished(run);
        assertEquals("naive+replay", read.strategies().get(0).name());
        assertEquals("ab12", read.dataDigest());
        assertEquals(100, read.epochs().get(0).samples());
        assertEquals(0.5, read.epochs().get(0).seconds());
    }

    /**
     * Extreme values that are valid read back: accuracies of 0 and 1 before training, a BWT and an FWT of
     * -1, a forgetting and a learning accuracy of 1; rows (1, 0), (0, 1) from untrained (0, 1).
     */
    @Test
    void valuesAtTheEndsOfTheirRangesReadBack(@TempDir Path results) {
        double[][] rows = {{1, 0}, {0, 1}};
        double[][][][] all = {{rows, rows}, {rows, rows}};
        Path run = RunFilesByHandTest.written(results, new double[] {0, 1}, all, null).commit();
        RunResults read = RunResults.read(run);
        JsonNode over = read.metrics().at("/strategies/naive/aggregate/over_seeds");
        assertEquals(-1, over.at("/bwt/mean").asDouble());
        assertEquals(-1, over.at("/fwt/mean").asDouble());
        assertEquals(1, over.at("/forgetting/mean").asDouble());
        assertEquals(1, over.at("/learning_accuracy/mean").asDouble());
        assertEquals(List.of(), read.validationEpochs());
    }

    /**
     * A spread's mean, and the aggregate's, off by rounding alone reads back: 5e-8 on a speed of 100 samples/s is
     * within 1e-9 of it, relative, while the same difference on an accuracy is not.
     */
    @Test
    void aLargeValueDiffersByRoundingRelativeToItsSize(@TempDir Path results) throws IOException {
        Path run = finished(results);
        // Both seeds ran at 100 samples/s: the interval is [100, 100], edited with the mean.
        edit(run, "metrics.json", root -> ((ObjectNode) root.at("/strategies/naive/aggregate/over_seeds"
                + "/samples_per_second")).put("mean", 100.00000005).put("ci95_low", 100.00000005)
                .put("ci95_high", 100.00000005));
        RunResults.read(run);
        edit(run, "metrics.json", root -> ((ObjectNode) root.at("/strategies/naive/aggregate"))
                .put("samples_per_second", 100.00000005));
        RunResults.read(run);
        edit(run, "metrics.json", root -> ((ObjectNode) root.at("/strategies/naive/aggregate/over_seeds/acc"))
                .put("mean", 0.675 + 5e-8));
        assertTrue(refusal(run).contains("strategies.naive.aggregate.over_seeds.acc.mean: expected the value the"
                + " seeds' values"), refusal(run));
    }

    /**
     * A spread's part that one seed leaves undefined (the sd of one value) but that is written as a number is
     * refused saying so: the run is cut to seed 1 (ACC 0.7) and its ACC spread given that mean and an sd.
     */
    @Test
    void aNumberWhereOneSeedLeavesThePartUndefinedIsRefused(@TempDir Path results) throws IOException {
        Path run = finished(results);
        edit(run, "metrics.json", root -> {
            ((ObjectNode) root).set("seeds", read("[1]"));
            ((ObjectNode) root.at("/strategies/naive/seeds")).remove("2");
            ((ObjectNode) root.at("/strategies/naive/aggregate/over_seeds")).set("acc",
                    read("{\"mean\": 0.7, \"sd\": 0.1, \"ci95_low\": 0.6, \"ci95_high\": 0.8, \"n\": 1}"));
        });
        assertEquals(run.resolve("metrics.json") + ": strategies.naive.aggregate.over_seeds.acc.sd: expected the"
                + " value the seeds' values (seed 1: 0.7) give, null (undefined), found 0.1; " + EDITED, refusal(run));
    }

    /**
     * metrics.json damaged at one key (a JSON pointer), given its new value, or - to remove it, and the start of the
     * refusal after the file's name ($ at its end: the whole refusal).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "/experiment | - | experiment: expected the experiment's name, found no such key",
        "/tasks | [] | tasks: expected a list of the tasks' names (texts), one or more, found []",
        "/tasks/0 | [1,2] | tasks: expected a list of the tasks' names (texts), one or more, found [[1,2],\"b\"]$",
        "/seeds | [1.5, 2] | seeds: expected a list of the run's seeds (whole numbers), one or more, found [1.5,2]",
        "/strategies | {} | strategies: expected the results of at least one strategy, found none",
        "/strategies/naive | `\"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnop\"` | "
                + "strategies.naive: expected an object of the strategy's results, found"
                + " \"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefg...",
        "/strategies/naive | `\"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdef\"` | strategies.naive:"
                + " expected an object of the strategy's results, found"
                + " \"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdef\"$",
        "/strategies/naive/seeds | - | strategies.naive.seeds: expected an object of each seed's results, found no"
                + " such key",
        "/strategies/naive/seeds/1/acc | `\"x\"` | strategies.naive.seeds.1.acc: expected a number, or null where"
                + " it is undefined, found \"x\"",
        "/strategies/naive/seeds/1/acc | null | strategies.naive.seeds.1.acc: expected the value its accuracy_matrix"
                + " gives, 0.7, found null",
        "/strategies/naive/seeds/1/bwt | - | strategies.naive.seeds.1.bwt: expected a number, or null where it is"
                + " undefined, found no such key$",
        "/strategies/naive/seeds/1/accuracy_matrix | - | strategies.naive.seeds.1.accuracy_matrix: expected a"
                + " matrix of accuracies (one row per task), found none",
        "/strategies/naive/seeds/1/accuracy_matrix/0 | 5 | strategies.naive.seeds.1.accuracy_matrix[0]: expected a"
                + " row of accuracies (a list, one per task), found 5",
        "/strategies/naive/seeds/1/accuracy_matrix/0/1 | `\"x\"` | strategies.naive.seeds.1.accuracy_matrix[0][1]:"
                + " expected an accuracy in [0, 1], found \"x\"",
        "/strategies/naive/seeds/1/validation/acc | 0.3125 | strategies.naive.seeds.1.validation.acc: expected the"
                + " value its validation accuracy_matrix gives, 0.75, found 0.3125",
        "/strategies/naive/seeds/1/validation/bwt | `\"x\"` | strategies.naive.seeds.1.validation.bwt: expected a"
                + " number, or null where it is undefined, found \"x\"$",
        "/strategies/naive/seeds/1/validation/bwt | - | strategies.naive.seeds.1.validation.bwt: expected a"
                + " number, or null where it is undefined, found no such key$",
        "/strategies/ewc/seeds/2/validation | - | strategies.ewc.seeds: expected the validation results of every"
                + " seed or of none, found those of 1 of its 2 seeds",
        "/strategies/naive/seeds/1/random_init_accuracy | [0.5] | strategies.naive.seeds.1.random_init_accuracy:"
                + " expected a list of 2 accuracies (one per task), found a list of 1",
        "/strategies/naive/seeds/1/random_init_accuracy | 5 | strategies.naive.seeds.1.random_init_accuracy:"
                + " expected a list of 2 accuracies (one per task), found 5",
        "/strategies/naive/seeds/1/random_init_accuracy/1 | 1.5 | strategies.naive.seeds.1.random_init_accuracy[1]:"
                + " expected an accuracy in [0, 1], found 1.5",
        "/strategies/naive/seeds/1/random_init_accuracy/0 | -0.5 | strategies.naive.seeds.1.random_init_accuracy[0]:"
                + " expected an accuracy in [0, 1], found -0.5",
        "/strategies/naive/seeds/1/random_init_accuracy/1 | `\"x\"` | strategies.naive.seeds.1"
                + ".random_init_accuracy[1]: expected an accuracy in [0, 1], found \"x\"",
        "/strategies/naive/aggregate | - | strategies.naive.aggregate.over_seeds: expected the spread over seeds"
                + " that engram run writes, found none",
        "/strategies/naive/aggregate/over_seeds/acc | - | strategies.naive.aggregate.over_seeds.acc: expected the"
                + " metric, or null where it is undefined, found no such key",
        "/strategies/naive/aggregate/over_seeds/acc/mean | `\"x\"` | strategies.naive.aggregate.over_seeds.acc:"
                + " expected null, or a number 'mean' with numbers 'sd', 'ci95_low' and 'ci95_high' (null with one"
                + " seed) and the count of seeds 'n', found",
        "/strategies/naive/aggregate/over_seeds/acc/ci95_low | null | strategies.naive.aggregate.over_seeds.acc:"
                + " expected null, or a number 'mean'",
        "/strategies/naive/aggregate/over_seeds/acc/n | 2.5 | strategies.naive.aggregate.over_seeds.acc:"
                + " expected null, or a number 'mean'",
        "/strategies/naive/aggregate/over_seeds/acc | null | strategies.naive.aggregate.over_seeds.acc: expected"
                + " the spread the seeds' values give, found null",
        "/strategies/naive/aggregate/over_seeds/acc/sd | `\"x\"` | strategies.naive.aggregate.over_seeds.acc:"
                + " expected null, or a number 'mean'",
        "/strategies/naive/aggregate/over_seeds/acc/ci95_low | 0.7 | strategies.naive.aggregate.over_seeds.acc:"
                + " expected ci95_low <= mean <= ci95_high, found",
        "/strategies/naive/aggregate/over_seeds/acc/ci95_high | 0.6 | strategies.naive.aggregate.over_seeds.acc:"
                + " expected ci95_low <= mean <= ci95_high, found",
        "/strategies/naive/aggregate/over_seeds/acc/mean | 1.5 | strategies.naive.aggregate.over_seeds.acc.mean:"
                + " expected an accuracy in [0, 1], found 1.5",
        "/strategies/naive/aggregate/over_seeds/wall_seconds/mean | -1 | strategies.naive.aggregate.over_seeds"
                + ".wall_seconds.mean: expected a number >= 0, found -1",
    })
    void aDamagedMetricsFileIsRefusedByKey(String pointer, String value, String message, @TempDir Path results)
            throws IOException {
        Path run = finished(results);
        set(run, pointer, value);
        String refused = refusal(run);
        String expected = run.resolve("metrics.json") + ": " + message;
        if (expected.endsWith("$")) {
            assertEquals(expected.substring(0, expected.length() - 1), refused);
        } else {
            assertTrue(refused.startsWith(expected), refused);
        }
    }

    /**
     * A value of a strategy's aggregate, or a seed's metric its matrix gives, edited by hand, and the whole
     * refusal after the file's name. The
     * hand-made run's naive seeds: rows (0.9, 0.3), (0.6, 0.8) and (0.8, 0.2), (0.4, 0.9), so ACC 0.7 and
     * 0.65 (mean 0.675), learning accuracy (0.9 + 0.8) / 2 = 0.85 for both, matrix entry [1][0] 0.6 and 0.4
     * (mean 0.5) and task 0 forgotten by 0.9 - 0.6 and 0.8 - 0.4 (mean 0.35); 20 spikes per task, 40 per seed;
     * every seed's validation matrix (0.75, 0.5), (0.625, 0.875): validation ACC 0.75, entry [0][1] 0.5, BWT
     * 0.625 - 0.75 = -0.125 and, from untrained accuracies (0.5, 0.25), FWT 0.5 - 0.25 = 0.25. The
     * numbers are printed as Java's doubles: 0.85 and 0.35 are a last bit above theirs. A file's 1e400 is read
     * as infinity.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "/strategies/naive/aggregate/acc | 1.5 | strategies.naive.aggregate.acc: expected the value the seeds'"
                + " values (seed 1: 0.7, seed 2: 0.65) give, 0.675, found 1.5",
        "/strategies/naive/aggregate/acc | - | strategies.naive.aggregate.acc: expected the value the seeds'"
                + " values (seed 1: 0.7, seed 2: 0.65) give, 0.675, found no such key",
        "/strategies/naive/aggregate/acc | `\"x\"` | strategies.naive.aggregate.acc: expected the value the seeds'"
                + " values (seed 1: 0.7, seed 2: 0.65) give, 0.675, found \"x\"",
        "/strategies/naive/aggregate/learning_accuracy | null | strategies.naive.aggregate.learning_accuracy:"
                + " expected the value the seeds' values (seed 1: 0.8500000000000001, seed 2: 0.8500000000000001) give,"
                + " 0.8500000000000001, found null",
        "/strategies/naive/aggregate/accuracy_matrix/1/0 | 150 | strategies.naive.aggregate.accuracy_matrix[1][0]:"
                + " expected the value the seeds' values (seed 1: 0.6, seed 2: 0.4) give, 0.5, found 150",
        "/strategies/naive/aggregate/accuracy_matrix/1 | [0.5] | strategies.naive.aggregate.accuracy_matrix[1]:"
                + " expected a list of 2 numbers, as the seeds give, found a list of 1",
        "/strategies/naive/aggregate/accuracy_matrix | - | strategies.naive.aggregate.accuracy_matrix: expected a"
                + " list of 2 rows, as the seeds give, found no such key",
        "/strategies/naive/aggregate/forgetting_per_task/0 | 0.3 | strategies.naive.aggregate.forgetting_per_task[0]:"
                + " expected the value the seeds' values (seed 1: 0.30000000000000004, seed 2: 0.4) give,"
                + " 0.35000000000000003, found 0.3",
        "/strategies/naive/aggregate/forgetting_per_task | 5 | strategies.naive.aggregate.forgetting_per_task:"
                + " expected a list of 1 number, as the seeds give, found 5",
        "/strategies/naive/aggregate/spikes | 1e400 | strategies.naive.aggregate.spikes: expected the value the"
                + " seeds' values (seed 1: 40, seed 2: 40) give, 40.0, found Infinity",
        "/strategies/naive/aggregate/validation | - | strategies.naive.aggregate.validation: expected an object of"
                + " the values the seeds give: acc, bwt, fwt, forgetting, learning_accuracy, forgetting_per_task,"
                + " accuracy_matrix, over_seeds, found no such key",
        "/strategies/naive/aggregate/validation/acc | 0.3125 | strategies.naive.aggregate.validation.acc: expected"
                + " the value the seeds' values (seed 1: 0.75, seed 2: 0.75) give, 0.75, found 0.3125",
        "/strategies/ewc/aggregate/validation/accuracy_matrix/0/1 | 0.25 | strategies.ewc.aggregate.validation"
                + ".accuracy_matrix[0][1]: expected the value the seeds' values (seed 1: 0.5, seed 2: 0.5) give, 0.5,"
                + " found 0.25",
        "/strategies/naive/aggregate/validation/over_seeds/acc/n | 3 | strategies.naive.aggregate.validation"
                + ".over_seeds.acc.n: expected the value the seeds' values (seed 1: 0.75, seed 2: 0.75) give, 2.0,"
                + " found 3",
        "/strategies/naive/seeds/1/forgetting_per_task/0 | 0.5 | strategies.naive.seeds.1.forgetting_per_task[0]:"
                + " expected the value its accuracy_matrix gives, 0.30000000000000004, found 0.5",
        "/strategies/naive/seeds/1/forgetting_per_task | [0.3, 0.1] | strategies.naive.seeds.1.forgetting_per_task:"
                + " expected a list of 1 number (one per task but the last), as its accuracy_matrix gives, found a"
                + " list of 2",
        "/strategies/naive/seeds/2/validation/bwt | 0.5 | strategies.naive.seeds.2.validation.bwt: expected the"
                + " value its validation accuracy_matrix gives, -0.125, found 0.5",
        "/strategies/ewc/seeds/1/validation/fwt | 0.5 | strategies.ewc.seeds.1.validation.fwt: expected the value"
                + " its validation accuracy_matrix and random_init_accuracy give, 0.25, found 0.5",
    })
    void aValueOtherThanTheSeedsGiveIsRefused(String pointer, String value, String message,
            @TempDir Path results) throws IOException {
        Path run = finished(results);
        // Written into the text as given: a tree holds 1e400 as infinity, which it writes as "Infinity".
        String marker = "0.123456789";
        set(run, pointer, value.equals("-") ? value : marker);
        Path file = run.resolve("metrics.json");
        Files.writeString(file, Files.readString(file).replace(marker, value));
        assertEquals(file + ": " + message + "; " + EDITED, refusal(run));
    }

    /**
     * A line of log.csv or epoch_accuracy_validation.csv replaced (- removes it, {@code =N} copies line N; one past
     * the last is added), and what the refusal says after the file's name.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "log.csv | 1 | x | :1: expected the header strategy,seed,task,epoch,loss,train_accuracy,seconds,"
                + "samples_per_second, found 'x'",
        "log.csv | 3 | naive,1,1 | :3: expected 8 fields: strategy,seed,task,epoch,loss,train_accuracy,seconds,"
                + "samples_per_second, found 3 in 'naive,1,1'",
        "log.csv | 3 | si,1,1,0,0.1,0.9,1,100 | :3: strategy: expected one of the run's strategies [naive, ewc],"
                + " found 'si'",
        "log.csv | 3 | naive,7,1,0,0.1,0.9,1,100 | :3: seed: expected one of the seeds of 'naive' [1, 2], found 7",
        "log.csv | 3 | naive,x,1,0,0.1,0.9,1,100 | :3: seed: expected a whole number, found 'x'",
        "log.csv | 3 | naive,1,2,0,0.1,0.9,1,100 | :3: task: expected a task index from 0 to 1, found 2",
        "log.csv | 3 | naive,1,-1,0,0.1,0.9,1,100 | :3: task: expected a task index from 0 to 1, found -1",
        "log.csv | 3 | naive,1,1,8,0.1,0.9,1,100 | :3: epoch: expected an epoch index below the log's 8 rows (the"
                + " epochs before it are logged too), found 8",
        "log.csv | 3 | naive,1,1,0,Infinity,0.9,1,100 | :3: loss: expected a finite loss, or NaN for none, found"
                + " Infinity",
        "log.csv | 3 | naive,1,1,0,0.1,1.5,1,100 | :3: train_accuracy: expected an accuracy in [0, 1], or NaN for"
                + " none, found 1.5",
        "log.csv | 3 | naive,1,1,0,0.1,0.9,-1,100 | :3: seconds: expected a finite number >= 0, found -1.0",
        "log.csv | 3 | naive,1,1,0,0.1,0.9,1,-100 | :3: samples_per_second: expected a finite number >= 0, found"
                + " -100.0",
        "log.csv | 3 | naive,1,1,0,0.1,x,1,100 | :3: train_accuracy: expected a number, found 'x'",
        "log.csv | 3 | naive,1,1,0,NaN,0.9,1,100 | :3: loss: expected a number, as on line 2 (NaN is for a learner"
                + " without a loss, on every line), found NaN",
        "log.csv | 3 | naive,1,1,0,0.1,NaN,1,100 | :3: train_accuracy: expected a number, as on line 2 (NaN is for"
                + " a learner without a train_accuracy, on every line), found NaN",
        "log.csv | 2 | naive,1,0,0,NaN,0.9,1,100 | :3: loss: expected NaN, as on line 2 (a learner without a loss"
                + " writes NaN on every line), found 0.1",
        "log.csv | 4 | =2 | :4: expected one line per strategy, seed, task and epoch, found a second line of naive"
                + " seed 1 task 0 epoch 0 (the first is line 2)",
        "log.csv | 10 | naive,1,0,1,0.1,0.9,1,100 | : expected a line for each strategy, seed and task and each of"
                + " the 2 epochs the log has (4 lines per strategy and seed), found no line of naive seed 1 task 1"
                + " epoch 1 among its 9 lines",
        "log.csv | 3 | - | : expected a line for each strategy, seed and task and the 1 epoch the log has"
                + " (2 lines per strategy and seed), found no line of naive seed 1 task 1 epoch 0 among its 7 lines",
        "epoch_accuracy_validation.csv | 1 | x | :1: expected the header strategy,seed,task,epoch,task_0,task_1,"
                + " found 'x'",
        "epoch_accuracy_validation.csv | 9 | - | : expected a line per line of log.csv (8), found 7",
        "epoch_accuracy_validation.csv | 3 | =2 | :3: expected the accuracies after naive seed 1 task 1 epoch 0"
                + " (line 2 of log.csv's epochs), 6 fields, found 'naive,1,0,0,0.750000,0.500000'",
        "epoch_accuracy_validation.csv | 3 | naive,1,1,0,0.5 | :3: expected the accuracies after naive seed 1 task"
                + " 1 epoch 0 (line 2 of log.csv's epochs), 6 fields, found 'naive,1,1,0,0.5'",
        "epoch_accuracy_validation.csv | 3 | naive,1,1,0,0.5,1.5 | :3: task_1: expected an accuracy in [0, 1],"
                + " found 1.5",
        "epoch_accuracy_validation.csv | 3 | naive,1,1,0,-0.5,0.5 | :3: task_0: expected an accuracy in [0, 1],"
                + " found -0.5",
        "epoch_accuracy_validation.csv | 3 | naive,1,1,0,x,0.5 | :3: task_0: expected a number, found 'x'",
    })
    void aDamagedLineIsRefusedByFileAndLine(String file, int line, String text, String message,
                                            @TempDir Path results) throws IOException {
        Path run = finished(results);
        Path path = run.resolve(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(path));
        if (text.equals("-")) {
            lines.remove(line - 1);
        } else if (line > lines.size()) {
            lines.add(text);
        } else {
            lines.set(line - 1, text.startsWith("=") ? lines.get(Integer.parseInt(text.substring(1)) - 1) : text);
        }
        Files.write(path, lines);
        String refused = refusal(run);
        assertTrue(refused.startsWith(path + message), refused);
    }

    /** Accuracies of 0 and 1 after an epoch are in range, and read back as written. */
    @Test
    void epochAccuraciesAtTheEndsOfTheRangeReadBack(@TempDir Path results) throws IOException {
        Path run = finished(results);
        editLine(run, MetricsWriter.VALIDATION_EPOCH_FILE, 2, line -> "naive,1,0,0,0,1");
        assertArrayEquals(new double[] {0, 1}, RunResults.read(run).validationEpochs().get(0).accuracies());
    }

    @Test
    void aMissingOrEmptyLogIsRefused(@TempDir Path results) throws IOException {
        Path run = finished(results);
        Path log = run.resolve("log.csv");
        Files.writeString(log, "");
        assertTrue(refusal(run).startsWith(log + ":1: expected the header " + MetricsWriter.LOG_HEADER
                + ", found an empty file"), refusal(run));
        Files.delete(log);
        assertTrue(refusal(run).startsWith(log + ": expected the log.csv of a finished run (engram run writes it),"
                + " found no such file"), refusal(run));
    }

    /** A folder whose status.json says the run is not finished is refused saying what it is; complete reads. */
    @Test
    void aRunWhoseStatusIsNotCompleteIsRefused(@TempDir Path results) throws IOException {
        Path run = finished(results);
        Files.writeString(run.resolve(RunStatus.FILE), "{\"state\": \"complete\"}");
        assertEquals("r1", RunResults.readFinished(run).runId());
        Files.writeString(run.resolve(RunStatus.FILE), "{\"state\": \"stopped\"}");
        String refused = assertThrows(EngramException.class, () -> RunResults.readFinished(run)).getMessage();
        assertEquals(run + ": expected the folder of a finished run, found a run whose status.json says stopped;"
                + " it is the folder of a run that stopped; finish it with: " + LaunchCommand.resume(run), refused);
    }

    /**
     * A partial folder whose status says complete: stopped as it was moved into place, or, while a process
     * holds it, about to be moved there.
     */
    @Test
    void aPartialFolderOfAFinishedRunSaysHowToFinishIt(@TempDir Path results) throws IOException {
        RunFolder folder = written(results);
        Path run = folder.directory();
        Files.writeString(run.resolve(RunStatus.FILE), "{\"state\": \"complete\"}");
        String refused = assertThrows(EngramException.class, () -> RunResults.readFinished(run)).getMessage();
        assertEquals(run + ": expected the folder of a finished run, found the partial folder of a run that was"
                + " stopped as it was moved into place; finish it with: " + LaunchCommand.resume(run), refused);
        folder.lock(new PrintWriter(new StringWriter()));
        try {
            refused = assertThrows(EngramException.class, () -> RunResults.readFinished(run)).getMessage();
            assertEquals(run + ": expected the folder of a finished run, found the partial folder of a run that the"
                    + " engram process holding it is moving into place; give its final folder once it is there: "
                    + folder.finalDirectory(), refused);
        } finally {
            folder.release();
        }
    }

    /** A folder without metrics.json is told by its status: how the run ended and how to go on. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"state\": \"failed\", \"message\": \"disk full\", \"resume\": \"x\"}` | it is the folder of a run that"
                + " failed: disk full; continue it with: RESUME",
        "`{\"state\": \"failed\", \"message\": \"disk full\"}` | it is the folder of a run that failed: disk full;"
                + " if its message allows, continue it with: RESUME",
        "`{\"state\": \"failed\", \"message\": \"diverged\", \"resume\": null}` | it is the folder of a run that"
                + " failed: diverged",
        "`{\"state\": \"complete\"}` | its status says the run is complete, but its metrics.json is gone",
        "`{\"state\": \"interrupted\"}` | it is the folder of a run that stopped; finish it with: RESUME",
        "`{\"state\": \"running\"}` | its status says the run is running, but no engram process holds its folder:"
                + " the run was stopped without a word; continue it with: RESUME",
    })
    void aFolderWithoutMetricsIsToldByItsStatus(String status, String told, @TempDir Path results)
            throws IOException {
        RunFolder folder = written(results);
        folder.lock(new PrintWriter(new StringWriter()));
        folder.release();   // the lock file stays, held by no one
        Path run = folder.directory();
        Files.delete(run.resolve("metrics.json"));
        Files.writeString(run.resolve(RunStatus.FILE), status);
        assertEquals(run.resolve("metrics.json") + ": expected the metrics.json of a finished run (engram run writes"
                + " it), found no such file; " + told.replace("RESUME", LaunchCommand.resume(run)), refusal(run));
    }

    @Test
    void aSimulationsFolderIsToldAsOne(@TempDir Path results) throws IOException {
        Path run = finished(results);
        Files.delete(run.resolve("metrics.json"));
        Files.writeString(run.resolve("config.yaml"), "populations: []\n");
        assertTrue(refusal(run).endsWith("found no such file; it is the folder of an engram simulate, which draws its"
                + " plots as it runs"), refusal(run));
    }

    private static String refusal(Path run) {
        return assertThrows(EngramException.class, () -> RunResults.readFinished(run)).getMessage();
    }

    private interface Edit {
        void apply(JsonNode root) throws IOException;
    }

    private static void edit(Path run, String file, Edit edit) throws IOException {
        Path path = run.resolve(file);
        JsonNode root = JsonFiles.MAPPER.readTree(Files.readString(path));
        edit.apply(root);
        Files.writeString(path, JsonFiles.write(root));
    }

    /** Sets the value at a JSON pointer of the run's metrics.json, given as JSON; {@code -} removes the key. */
    private static void set(Path run, String pointer, String value) throws IOException {
        edit(run, "metrics.json", root -> {
            int cut = pointer.lastIndexOf('/');
            JsonNode parent = root.at(pointer.substring(0, cut));
            String key = pointer.substring(cut + 1);
            JsonNode node = value.equals("-") ? null : read(value);
            if (parent instanceof ArrayNode list) {
                list.set(Integer.parseInt(key), node);
            } else if (node == null) {
                ((ObjectNode) parent).remove(key);
            } else {
                ((ObjectNode) parent).set(key, node);
            }
        });
    }

    private static void editLine(Path run, String file, int line, java.util.function.UnaryOperator<String> edit)
            throws IOException {
        Path path = run.resolve(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(path));
        lines.set(line - 1, edit.apply(lines.get(line - 1)));
        Files.write(path, lines);
    }

    private static JsonNode read(String json) throws IOException {
        return JsonFiles.MAPPER.readTree(json);
    }
}
