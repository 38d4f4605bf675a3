package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.engram.experiments.config.ConfigLayers;
import org.engram.experiments.run.RunPlots;
import org.engram.experiments.run.RunResults;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram run} on the bundled data writes a complete run folder whose metrics agree with
 * their definitions recomputed from the written accuracy matrix; {@code plot} and {@code compare}
 * read it back.
 */
class RunCommandTest {
    /** Two tasks, two strategies, two seeds, tiny network and sample counts: a few seconds. */
    static final String TINY = String.join("\n",
            "name: tiny",
            "seeds: [1, 2]",
            "threads: 2",
            "data: {bundled: true}",
            "tasks: {sequence: split, count: 2, classes_per_task: 2, train_per_task: 100, test_per_task: 40}",
            "network: {hidden: [16]}",
            "encoder: {steps: 6}",
            "training: {epochs: 2, batch_size: 25, learning_rate: 0.005, evaluate_every_epoch: true}",
            "strategies:",
            "  - name: naive",
            "  - name: si",
            "    params: {c: 1.0}",
            "");

    @TempDir
    static Path dir;
    static CliRunner.Result run;
    static Path folder;
    static JsonNode metrics;

    @BeforeAll
    static void runOnce() throws IOException {
        Path config = dir.resolve("tiny.yaml");
        Files.writeString(config, TINY);
        run = CliRunner.run("run", config.toString(), "--out", dir.resolve("results").toString());
        assertEquals(0, run.exitCode(), run.err());
        folder = Path.of(run.lastLine());
        metrics = new ObjectMapper().readTree(folder.resolve("metrics.json").toFile());
    }

    @Test
    void writesEveryFileAndPrintsTheFolderLast() {
        assertEquals(dir.resolve("results").resolve("tiny"), folder.getParent());
        for (String f : List.of("config.yaml", "metrics.json", "accuracy_matrix.csv", "log.csv", "summary.md",
                "table.tex", "status.json", "plots/forgetting_naive.png", "plots/forgetting_si.svg",
                "plots/accuracy_matrix_si.png",
                "plots/comparison.png", "plots/comparison.svg", "plots/average_accuracy.pdf",
                "plots/learning_curve_loss.png",
                "plots/learning_curve_accuracy.svg", "checkpoints/si/seed-2/learner-2.state",
                "checkpoints/naive/seed-1/progress.json")) {
            assertTrue(Files.isRegularFile(folder.resolve(f)), "missing " + f);
        }
        // Progress goes to standard error only.
        assertTrue(run.err().contains("[si seed 2] task 2/2 epoch 2/2"), run.err());
        assertFalse(run.out().contains("epoch 1/2"), run.out());
    }

    @Test
    void summaryNamesEveryFileOfTheFolder() throws IOException {
        String summary = Files.readString(folder.resolve("summary.md"));
        assertTrue(summary.contains("## naive: accuracy matrix (%), mean over seeds\n"), summary);
        // The data, with its number of classes (data.classes), which sizes the readout.
        assertTrue(summary.contains("- data: Fashion-MNIST from classpath:")
                && summary.contains("(the bundled subset), 10 classes; 100 training and 40 test samples per task\n"),
                summary);
        String files = summary.substring(summary.indexOf("- Files: "));
        try (var entries = Files.list(folder)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString() + (Files.isDirectory(entry) ? "/" : "");
                if (!name.startsWith(".") && !name.equals("summary.md")) {
                    assertTrue(Pattern.compile("\\s" + Pattern.quote(name) + "[ ,.]").matcher(files).find(),
                            "summary.md does not name " + name + ": " + files);
                }
            }
        }
    }

    @Test
    void metricsFollowTheirDefinitionsOnTheWrittenMatrix() throws IOException {
        List<String> csv = Files.readAllLines(folder.resolve("accuracy_matrix.csv"));
        assertEquals("strategy,seed,after_task,task_0,task_1", csv.get(0));
        for (String strategy : List.of("naive", "si")) {
            JsonNode s = metrics.get("strategies").get(strategy);
            double accSum = 0;
            for (String seed : List.of("1", "2")) {
                JsonNode m = s.get("seeds").get(seed);
                double[][] r = matrix(csv, strategy, seed);
                // The CSV holds 6 decimals: its values are within 5e-7 of the JSON's.
                double tol = 1e-6;
                assertEquals((r[1][0] + r[1][1]) / 2, m.get("acc").asDouble(), tol, "ACC = mean of last row");
                assertEquals(r[1][0] - r[0][0], m.get("bwt").asDouble(), tol, "BWT of two tasks");
                // Forgetting of task 0 with two tasks: max over l < 1 of R[l][0], minus R[1][0].
                assertEquals(r[0][0] - r[1][0], m.get("forgetting").asDouble(), tol, "forgetting");
                assertEquals(r[0][1] - m.get("random_init_accuracy").get(1).asDouble(), m.get("fwt").asDouble(), tol,
                        "FWT against the untrained network");
                assertEquals((r[0][0] + r[1][1]) / 2, m.get("learning_accuracy").asDouble(), tol);
                // Activity of the evaluations: energy is 0.9 pJ per accumulate and 4.6 pJ per MAC.
                long ops = m.get("synaptic_operations").asLong();
                assertTrue(m.get("spikes").asLong() > 0 && ops > 0, "counted activity: " + m);
                assertEquals(ops * 0.9e-12 + m.get("multiply_accumulates").asLong() * 4.6e-12,
                        m.get("energy_joules").asDouble(), 1e-9 * m.get("energy_joules").asDouble());
                // TINY evaluates every epoch too; only every task's test set after every task counts.
                assertEquals(2 * 2 * 40, m.get("inference_samples").asLong(), "two tasks of 40 test images, twice");
                assertEquals((double) ops / m.get("inference_samples").asLong(),
                        m.get("synaptic_operations_per_inference").asDouble(), 1e-9);
                assertTrue(m.get("wall_seconds").asDouble() > 0 && m.get("samples_per_second").asDouble() > 0);
                accSum += m.get("acc").asDouble();
            }
            JsonNode agg = s.get("aggregate");
            // Means of two values are exact up to one rounding: 1e-15 covers it.
            assertEquals(accSum / 2, agg.get("acc").asDouble(), 1e-15);
            assertEquals(agg.get("acc").asDouble(), agg.get("over_seeds").get("acc").get("mean").asDouble(), 0.0);
            assertEquals((s.get("seeds").get("1").get("bwt").asDouble() + s.get("seeds").get("2").get("bwt")
                    .asDouble()) / 2, agg.get("bwt").asDouble(), 1e-15);
            assertEquals((s.get("seeds").get("1").get("accuracy_matrix").get(1).get(0).asDouble()
                    + s.get("seeds").get("2").get("accuracy_matrix").get(1).get(0).asDouble()) / 2,
                    agg.get("accuracy_matrix").get(1).get(0).asDouble(), 1e-15);
            JsonNode ci = agg.get("over_seeds").get("acc");
            assertTrue(ci.get("ci95_low").asDouble() <= ci.get("mean").asDouble()
                    && ci.get("mean").asDouble() <= ci.get("ci95_high").asDouble());
        }
        for (String key : List.of("engram_version", "java_version", "os", "arch", "start_time", "seeds", "threads",
                "data_origin", "data_location", "config_sha256")) {
            assertTrue(metrics.get("provenance").has(key), "provenance lacks " + key);
        }
        assertEquals("BUNDLED_SUBSET", metrics.get("provenance").get("data_origin").asText());
    }

    /**
     * The evaluations after every epoch are diagnostics: the activity and energy totals are those of
     * the same run without them (the weights, and so the counted evaluations, are the same).
     */
    @Test
    void epochEvaluationsAreNotCountedInActivityOrEnergy() throws IOException {
        CliRunner.Result r = CliRunner.run("run", dir.resolve("tiny.yaml").toString(), "--out",
                dir.resolve("no-epoch-eval").toString(), "--seeds", "1", "--set",
                "training.evaluate_every_epoch=false");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode without = new ObjectMapper().readTree(Path.of(r.lastLine()).resolve("metrics.json").toFile());
        for (String strategy : List.of("naive", "si")) {
            JsonNode a = metrics.get("strategies").get(strategy).get("seeds").get("1");
            JsonNode b = without.get("strategies").get(strategy).get("seeds").get("1");
            for (String key : List.of("weights_hash", "inference_samples", "spikes", "synaptic_operations",
                    "multiply_accumulates", "energy_joules")) {
                assertEquals(b.get(key), a.get(key), strategy + " " + key);
            }
        }
    }

    private static double[][] matrix(List<String> csv, String strategy, String seed) {
        double[][] r = new double[2][2];
        for (String line : csv) {
            String[] f = line.split(",");
            if (f[0].equals(strategy) && f[1].equals(seed)) {
                int i = Integer.parseInt(f[2]);
                r[i][0] = Double.parseDouble(f[3]);
                r[i][1] = Double.parseDouble(f[4]);
            }
        }
        return r;
    }

    @Test
    void logHasOneLinePerEpoch() throws IOException {
        List<String> log = Files.readAllLines(folder.resolve("log.csv"));
        assertEquals("strategy,seed,task,epoch,loss,train_accuracy,seconds,samples_per_second", log.get(0));
        // 2 strategies x 2 seeds x 2 tasks x 2 epochs.
        assertEquals(1 + 16, log.size());
    }

    @Test
    void lastEpochEvaluationIsTheAccuracyMatrixRow() throws IOException {
        // Naive's afterTask changes no weight, so the evaluation after a task's last epoch and the
        // matrix row written after the task are two measurements of the same network.
        List<String> epochs = Files.readAllLines(folder.resolve("epoch_accuracy.csv"));
        assertEquals("strategy,seed,task,epoch,task_0,task_1", epochs.get(0));
        assertEquals(1 + 16, epochs.size());
        assertLastEpochsAreMatrixRows(epochs, Files.readAllLines(folder.resolve("accuracy_matrix.csv")));
    }

    /**
     * Asserts that naive's evaluation after the last (second) epoch of each of two tasks, for seeds 1
     * and 2, is the matrix's row of that task.
     *
     * @param epochs the lines of an epoch accuracy file
     * @param matrix the lines of the accuracy matrix file of the same samples
     */
    static void assertLastEpochsAreMatrixRows(List<String> epochs, List<String> matrix) {
        for (String seed : List.of("1", "2")) {
            for (int task = 0; task < 2; task++) {
                String last = "naive," + seed + "," + task + ",1,";
                String row = "naive," + seed + "," + task + ",";
                String e = epochs.stream().filter(l -> l.startsWith(last)).findFirst().orElseThrow();
                String m = matrix.stream().filter(l -> l.startsWith(row)).findFirst().orElseThrow();
                assertEquals(m.substring(row.length()), e.substring(last.length()), last);
            }
        }
    }

    /**
     * The resolved config runs again to the same results on another thread count: here more than
     * the processors, which a note names by the flag that asked for them.
     */
    @Test
    void resolvedConfigRunsAgainToTheSameResults() throws IOException {
        int threads = Runtime.getRuntime().availableProcessors() + 1;
        CliRunner.Result again = CliRunner.run("run", folder.resolve("config.yaml").toString(), "--out",
                dir.resolve("again").toString(), "--threads", String.valueOf(threads));
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.err().contains("engram run: note: --threads " + threads + " on "), again.err());
        JsonNode other = new ObjectMapper().readTree(Path.of(again.lastLine()).resolve("metrics.json").toFile());
        for (String strategy : List.of("naive", "si")) {
            for (String seed : List.of("1", "2")) {
                JsonNode a = metrics.get("strategies").get(strategy).get("seeds").get(seed);
                JsonNode b = other.get("strategies").get(strategy).get("seeds").get(seed);
                assertEquals(a.get("accuracy_matrix"), b.get("accuracy_matrix"));
                assertEquals(a.get("weights_hash"), b.get("weights_hash"));
            }
        }
    }

    @Test
    void plotRedrawsEveryFigure() throws IOException {
        Path plots = folder.resolve("plots");
        List<Path> before;
        try (Stream<Path> s = Files.list(plots)) {
            before = s.sorted().toList();
        }
        for (Path p : before) {
            Files.delete(p);
        }
        CliRunner.Result r = CliRunner.run("plot", folder.toString());
        assertEquals(0, r.exitCode(), r.err());
        try (Stream<Path> s = Files.list(plots)) {
            assertEquals(before, s.sorted().toList());
        }
        // The learning curves say over how many seeds they are means, as the other figures do, and what their band is.
        String curves = Files.readString(plots.resolve("learning_curve_loss.svg"));
        assertTrue(curves.replaceAll("</text>.*?<text[^>]*>", "").contains("mean over 2 seeds, band: one standard "
                + "deviation"), "the title, over the lines it is wrapped in: " + curves);
    }

    /** A figure that fails after others were made leaves none written: the folder is not half redrawn. */
    @Test
    void aFigureThatFailsLeavesNoneWritten() throws IOException {
        RunResults results = RunResults.read(folder);
        Path out = dir.resolve("half-drawn");
        int[] calls = {0};
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RunPlots.draw(results, out, f -> {
            if (++calls[0] == 3) {
                throw new IllegalStateException("the third figure");
            }
            return f;
        }));
        assertEquals("the third figure", e.getMessage());
        try (Stream<Path> files = Files.exists(out) ? Files.list(out) : Stream.empty()) {
            assertEquals(List.of(), files.toList(), "no figure written before the failure");
        }
    }

    /**
     * A run killed while it drew its plots has a complete metrics.json in its partial folder, but is
     * not finished: plot and compare refuse it and say how to finish it (they had taken it as finished).
     */
    @Test
    void plotAndCompareRefuseARunWhoseStatusSaysItIsNotFinished() throws IOException {
        Path copy = copyOfTheRun("killed-while-drawing");
        JsonNode status = new ObjectMapper().readTree(copy.resolve("status.json").toFile());
        assertEquals("complete", status.path("state").asText(), "a finished run says so");
        for (String state : List.of("running", "interrupted")) {
            Files.writeString(copy.resolve("status.json"), "{\"state\": \"" + state + "\"}");
            for (List<String> command : List.of(List.of("plot", copy.toString()),
                    List.of("compare", copy.toString(), "--out", dir.resolve("killed-compare").toString()))) {
                CliRunner.Result refused = CliRunner.run(command.toArray(new String[0]));
                assertEquals(2, refused.exitCode(), refused.err());
                assertTrue(refused.err().contains(copy + ": expected the folder of a finished run, found a run whose "
                        + "status.json says " + state) && refused.err().contains("engram run --resume " + copy),
                        refused.err());
            }
        }
        Files.delete(copy.resolve("status.json"));
        assertEquals(0, CliRunner.run("plot", copy.toString()).exitCode(), "a run copied without its status is read");
    }

    /** A damaged or missing log.csv is named as such (it was reported as a bad metrics.json). */
    @Test
    void plotNamesADamagedOrMissingLog() throws IOException {
        Path copy = copyOfTheRun("damaged-log");
        List<String> log = Files.readAllLines(copy.resolve("log.csv"));
        Files.writeString(copy.resolve("log.csv"), log.get(0) + "\n" + log.get(1).substring(0, 12) + "\n");
        CliRunner.Result damaged = CliRunner.run("plot", copy.toString());
        assertEquals(2, damaged.exitCode(), damaged.err());
        assertTrue(damaged.err().contains("log.csv:2") && damaged.err().contains("8 fields"), damaged.err());
        // Eight fields, one not a number: that field is named (the line was said to lack fields).
        String[] fields = log.get(1).split(",");
        fields[4] = "abc";
        Files.writeString(copy.resolve("log.csv"), log.get(0) + "\n" + String.join(",", fields) + "\n");
        CliRunner.Result word = CliRunner.run("plot", copy.toString());
        assertEquals(2, word.exitCode(), word.err());
        assertTrue(word.err().contains("log.csv:2: loss: expected a number, found 'abc'"), word.err());
        // Rows the run cannot have, values a chart cannot draw, and a header of another file: each named,
        // before any figure is drawn (a task of 7 had drawn 12 of the 18 figures, then failed).
        for (String[] bad : new String[][] {
                {"2", "7", "log.csv:2: task: expected a task index from 0 to 1, found 7"},
                {"3", "99999999", "log.csv:2: epoch: expected an epoch index below the log's 1 rows"},
                {"4", "-Infinity", "log.csv:2: loss: expected a finite loss, or NaN for none, found -Infinity"},
                {"5", "1.5", "log.csv:2: train_accuracy: expected an accuracy in [0, 1], or NaN for none, found 1.5"},
                {"0", "lwf", "log.csv:2: strategy: expected one of the run's strategies [naive, si]"},
                {"1", "9", "log.csv:2: seed: expected one of the seeds of 'naive' [1, 2], found 9"}}) {
            String[] row = log.get(1).split(",");
            row[Integer.parseInt(bad[0])] = bad[1];
            Files.writeString(copy.resolve("log.csv"), log.get(0) + "\n" + String.join(",", row) + "\n");
            Path out = dir.resolve("damaged-log-plots");
            CliRunner.Result refused = CliRunner.run("plot", copy.toString(), "--out", out.toString());
            assertEquals(2, refused.exitCode(), refused.err());
            assertTrue(refused.err().contains(bad[2]), refused.err());
            assertFalse(Files.exists(out) && Files.list(out).findAny().isPresent(), "no figure drawn");
        }
        for (String header : new String[] {"garbage", "strategy,seed", ""}) {
            Files.writeString(copy.resolve("log.csv"), header + "\n" + String.join("\n", log.subList(1, log.size())));
            CliRunner.Result refused = CliRunner.run("plot", copy.toString());
            assertEquals(2, refused.exitCode(), refused.err());
            assertTrue(refused.err().contains("log.csv:1: expected the header strategy,seed,task,epoch,"),
                    refused.err());
        }
        Files.delete(copy.resolve("log.csv"));
        CliRunner.Result missing = CliRunner.run("plot", copy.toString());
        assertEquals(2, missing.exitCode(), missing.err());
        assertTrue(missing.err().contains("log.csv") && missing.err().contains("no such file"), missing.err());
        // A log that cannot be read is named with the reason (it was blamed on metrics.json, in Java's words).
        Files.write(copy.resolve("log.csv"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        CliRunner.Result binary = CliRunner.run("plot", copy.toString());
        assertEquals(2, binary.exitCode(), binary.err());
        assertTrue(binary.err().contains("log.csv: cannot read: not UTF-8 text"), binary.err());
        Files.delete(copy.resolve("log.csv"));
        Files.createDirectory(copy.resolve("log.csv"));
        CliRunner.Result folder = CliRunner.run("plot", copy.toString());
        assertEquals(2, folder.exitCode(), folder.err());
        assertTrue(folder.err().contains("log.csv: cannot read: is a directory"), folder.err());
        assertFalse(folder.err().contains("metrics.json"), folder.err());
    }

    /**
     * A log.csv edited into one whose every line parses, but with an epoch twice, an epoch left out,
     * or NaN as the loss or accuracy of one line only, is refused by line before a figure is drawn:
     * the learning curves' means over seeds would count a line twice or leave it out (a NaN loss had
     * stopped plot with "seed summary: values[0]", naming neither file nor line).
     */
    @Test
    void plotRefusesALogWithAnEpochTwiceOrMissingOrNaNOnOneLineOnly() throws IOException {
        Path copy = copyOfTheRun("edited-log");
        Path file = copy.resolve("log.csv");
        List<String> log = Files.readAllLines(file);
        Path out = dir.resolve("edited-log-plots");
        // Line 3 again after it, as line 4.
        List<String> twice = new ArrayList<>(log);
        twice.add(3, log.get(2));
        String[] third = log.get(2).split(",");
        String epoch = third[0] + " seed " + third[1] + " task " + third[2] + " epoch " + third[3];
        // The last line left out.
        String[] last = log.get(log.size() - 1).split(",");
        String missing = last[0] + " seed " + last[1] + " task " + last[2] + " epoch " + last[3];
        List<String> nanLoss = new ArrayList<>(log);
        String[] row = log.get(2).split(",");
        row[4] = "NaN";
        nanLoss.set(2, String.join(",", row));
        List<String> nanAccuracy = new ArrayList<>(log);
        row = log.get(3).split(",");
        row[5] = "NaN";
        nanAccuracy.set(3, String.join(",", row));
        String[][] cases = {
            {String.join("\n", twice), "log.csv:4: expected one line per strategy, seed, task and epoch, found a"
                    + " second line of " + epoch + " (the first is line 3)"},
            {String.join("\n", log.subList(0, log.size() - 1)), "log.csv: expected a line for each strategy, seed"
                    + " and task and each of the 2 epochs the log has (4 lines per strategy and seed), found no"
                    + " line of " + missing},
            {String.join("\n", nanLoss), "log.csv:3: loss: expected a number, as on line 2"},
            {String.join("\n", nanAccuracy), "log.csv:4: train_accuracy: expected a number, as on line 2"}};
        for (String[] c : cases) {
            Files.writeString(file, c[0] + "\n");
            CliRunner.Result refused = CliRunner.run("plot", copy.toString(), "--out", out.toString());
            assertEquals(2, refused.exitCode(), refused.err());
            assertTrue(refused.err().contains(c[1]), refused.err());
            assertFalse(refused.err().contains("seed summary"), refused.err());
            assertFalse(Files.exists(out) && Files.list(out).findAny().isPresent(), "no figure drawn");
        }
        Files.writeString(file, String.join("\n", log) + "\n");
        assertEquals(0, CliRunner.run("plot", copy.toString(), "--out", out.toString()).exitCode(),
                "the log as written");
    }

    /**
     * A seed's metric, a seed's key, a strategy or a spread over seeds of another kind than engram
     * run writes, or a spread the seeds do not give, stops plot as well as compare, by key.
     */
    @Test
    void plotAndCompareRefuseValuesOfAnotherKindByKey() throws IOException {
        // Each had been a Java exception's text or trace, or plot had drawn the file as if sound.
        List<List<String>> cases = List.of(
                List.of("/strategies/si/seeds/2", "acc", "\"0.9\"",
                        "strategies.si.seeds.2.acc: expected a number, or null where it is undefined, found \"0.9\""),
                List.of("/strategies/si/seeds/2", "wall_seconds", "\"fast\"",
                        "strategies.si.seeds.2.wall_seconds: expected a number, or null where it is undefined"),
                List.of("/strategies/si/seeds", "x", "{}",
                        "strategies.si.seeds.x: expected a seed (a whole number) as the key of each seed's results,"
                                + " found 'x'"),
                List.of("/strategies", "si", "5", "strategies.si: expected an object of the strategy's results,"
                        + " found 5"),
                List.of("/strategies/si/aggregate/over_seeds/acc", "sd", "\"x\"",
                        "strategies.si.aggregate.over_seeds.acc: expected null, or a number 'mean' with numbers 'sd'"),
                List.of("/strategies/si/aggregate/over_seeds/acc", "n", "\"3\"",
                        "strategies.si.aggregate.over_seeds.acc: expected null, or a number 'mean' with numbers 'sd'"),
                List.of("/strategies/si/aggregate/over_seeds", "acc", "null",
                        "strategies.si.aggregate.over_seeds.acc: expected the spread the seeds' values give,"
                                + " found null"),
                List.of("/strategies/si/aggregate/over_seeds/acc", "n", "4",
                        "strategies.si.aggregate.over_seeds.acc.n: expected the value the seeds' values (seed 1: "),
                List.of("/strategies/si/aggregate/over_seeds/acc", "mean", "0.9",
                        "strategies.si.aggregate.over_seeds.acc.mean: expected the value the seeds' values (seed 1: "),
                // A seed's value that its matrix does not check is found in the spread, which names the seeds' values.
                List.of("/strategies/si/seeds/2", "wall_seconds", "123",
                        "strategies.si.aggregate.over_seeds.wall_seconds.mean: expected the value the seeds' values"
                                + " (seed 1: "),
                // The run's seeds, which scripts read, and the seeds each strategy has results of.
                List.of("", "seeds", "[1, 2, 3]", "strategies.naive.seeds: expected the results of the run's seeds"
                        + " [1, 2, 3], found results of seeds [1, 2]; the file was changed after engram run wrote it"),
                List.of("", "seeds", "[1, \"2\"]", "seeds: expected a list of the run's seeds (whole numbers), one or"
                        + " more, found [1,\"2\"]"));
        for (int k = 0; k < cases.size(); k++) {
            List<String> c = cases.get(k);
            Path run = copyOfTheRun("another-kind-" + k);
            ObjectNode m = (ObjectNode) new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
            ((ObjectNode) m.at(c.get(0))).set(c.get(1), new ObjectMapper().readTree(c.get(2)));
            Files.writeString(run.resolve("metrics.json"), m.toString());
            String expected = run.resolve("metrics.json") + ": " + c.get(3);
            CliRunner.Result plot = CliRunner.run("plot", run.toString());
            assertEquals(2, plot.exitCode(), plot.err());
            assertTrue(plot.err().contains(expected), plot.err());
            assertFalse(plot.err().contains("Exception"), plot.err());
            Path out = dir.resolve("cmp-kind-" + k);
            CliRunner.Result compare = CliRunner.run("compare", run.toString(), "--out", out.toString());
            assertEquals(2, compare.exitCode(), compare.err());
            assertTrue(compare.err().contains(expected), compare.err());
            assertFalse(Files.exists(out), "no comparison folder");
            if (c.get(1).equals("wall_seconds") && c.get(2).equals("123")) {
                assertTrue(compare.err().contains(", seed 2: 123) give, "), compare.err());
            }
        }
    }

    /**
     * A metrics.json whose accuracy matrix has a short row, or that holds no strategy, stops plot and
     * compare as a user error naming the file and the key (strategy and seed), and nothing is written.
     */
    @Test
    void plotAndCompareNameTheFileAndKeyOfBadMetrics() throws IOException {
        Path shortRow = copyOfTheRun("short-row");
        ObjectNode m = (ObjectNode) new ObjectMapper().readTree(shortRow.resolve("metrics.json").toFile());
        ((ArrayNode) m.get("strategies").get("si").get("seeds").get("2").get("accuracy_matrix").get(1)).remove(0);
        Files.writeString(shortRow.resolve("metrics.json"), m.toString());
        Path noStrategy = copyOfTheRun("no-strategy");
        m.putObject("strategies");
        Files.writeString(noStrategy.resolve("metrics.json"), m.toString());
        // A null accuracy had been read as 0 by plot, a word as a conversion error of Jackson's.
        Path nullAccuracy = copyOfTheRun("null-accuracy");
        ObjectNode n0 = (ObjectNode) new ObjectMapper().readTree(nullAccuracy.resolve("metrics.json").toFile());
        ((ArrayNode) n0.get("strategies").get("si").get("seeds").get("1").get("accuracy_matrix").get(1)).set(0,
                NullNode.getInstance());
        Files.writeString(nullAccuracy.resolve("metrics.json"), n0.toString());
        Path wordAccuracy = copyOfTheRun("word-accuracy");
        ((ArrayNode) n0.get("strategies").get("si").get("seeds").get("1").get("accuracy_matrix").get(1)).set(0,
                TextNode.valueOf("x"));
        Files.writeString(wordAccuracy.resolve("metrics.json"), n0.toString());
        // A row that is no list had reached Jackson, whose message named Java types (from a fuzz audit).
        Path numberRow = copyOfTheRun("number-row");
        ObjectNode r0 = (ObjectNode) new ObjectMapper().readTree(numberRow.resolve("metrics.json").toFile());
        ((ArrayNode) r0.get("strategies").get("si").get("seeds").get("1").get("accuracy_matrix")).set(1,
                DoubleNode.valueOf(0.5));
        Files.writeString(numberRow.resolve("metrics.json"), r0.toString());
        Path wordInit = copyOfTheRun("word-init");
        ObjectNode w0 = (ObjectNode) new ObjectMapper().readTree(wordInit.resolve("metrics.json").toFile());
        ((ArrayNode) w0.get("strategies").get("si").get("seeds").get("1").get("random_init_accuracy")).set(0,
                TextNode.valueOf("x"));
        Files.writeString(wordInit.resolve("metrics.json"), w0.toString());
        // Of another length than the tasks, or no list: its FWT had gone unchecked (from a review).
        Path shortInit = copyOfTheRun("short-init");
        ObjectNode i0 = (ObjectNode) new ObjectMapper().readTree(shortInit.resolve("metrics.json").toFile());
        ((ArrayNode) i0.get("strategies").get("si").get("seeds").get("1").get("random_init_accuracy")).remove(1);
        Files.writeString(shortInit.resolve("metrics.json"), i0.toString());
        Path numberInit = copyOfTheRun("number-init");
        ((ObjectNode) i0.get("strategies").get("si").get("seeds").get("1")).put("random_init_accuracy", 0.5);
        Files.writeString(numberInit.resolve("metrics.json"), i0.toString());
        Path noTasks = copyOfTheRun("no-tasks");
        n0.remove("tasks");
        Files.writeString(noTasks.resolve("metrics.json"), n0.toString());
        // A seed's ACC that its matrix does not give: compare had pooled it into a table that the plots,
        // drawn from the matrix, contradicted.
        Path editedAcc = copyOfTheRun("edited-acc");
        ObjectNode e0 = (ObjectNode) new ObjectMapper().readTree(editedAcc.resolve("metrics.json").toFile());
        ObjectNode seed2 = (ObjectNode) e0.get("strategies").get("si").get("seeds").get("2");
        double trueAcc = seed2.get("acc").asDouble();
        seed2.put("acc", 0.1);
        Files.writeString(editedAcc.resolve("metrics.json"), e0.toString());

        for (String[] bad : new String[][] {
                {nullAccuracy.toString(), "strategies.si.seeds.1.accuracy_matrix[1][0]: expected an accuracy in"
                        + " [0, 1], found null"},
                {wordAccuracy.toString(), "strategies.si.seeds.1.accuracy_matrix[1][0]: expected an accuracy in"
                        + " [0, 1], found \"x\""},
                {numberRow.toString(), "strategies.si.seeds.1.accuracy_matrix[1]: expected a row of accuracies (a"
                        + " list, one per task), found 0.5"},
                {wordInit.toString(), "strategies.si.seeds.1.random_init_accuracy[0]: expected an accuracy in [0, 1],"
                        + " found \"x\""},
                {shortInit.toString(), "strategies.si.seeds.1.random_init_accuracy: expected a list of 2 accuracies"
                        + " (one per task), found a list of 1"},
                {numberInit.toString(), "strategies.si.seeds.1.random_init_accuracy: expected a list of 2"
                        + " accuracies (one per task), found 0.5"},
                {noTasks.toString(), "tasks: expected a list of the tasks' names (texts), one or more, found no such"
                        + " key"},
                {shortRow.toString(), "strategies.si.seeds.2.accuracy_matrix: row 1: expected 2 entries (one per task),"
                        + " found 1"},
                {noStrategy.toString(), "strategies: expected the results of at least one strategy, found none"},
                {editedAcc.toString(), "strategies.si.seeds.2.acc: expected the value its accuracy_matrix gives, "
                        + trueAcc + ", found 0.1; the file was changed after engram run wrote it"}}) {
            String expected = Path.of(bad[0], "metrics.json") + ": " + bad[1];
            Path plots = Path.of(bad[0], "plots");
            try (Stream<Path> files = Files.list(plots)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.delete(f);
                }
            }
            Files.delete(plots);
            CliRunner.Result plot = CliRunner.run("plot", bad[0]);
            assertEquals(2, plot.exitCode(), plot.err());
            assertTrue(plot.err().contains(expected), plot.err());
            assertFalse(Files.exists(plots), "no plot drawn");
            Path out = dir.resolve("cmp-bad");
            CliRunner.Result compare = CliRunner.run("compare", folder.toString(), bad[0], "--out", out.toString());
            assertEquals(2, compare.exitCode(), compare.err());
            assertTrue(compare.err().contains(expected), compare.err());
            assertFalse(Files.exists(out), "no comparison folder");
        }
        // Each strategy's spread over seeds, which compare shows (plot refuses a damaged one too).
        Path noSpread = copyOfTheRun("no-spread");
        ObjectNode n = (ObjectNode) new ObjectMapper().readTree(noSpread.resolve("metrics.json").toFile());
        ((ObjectNode) n.get("strategies").get("naive")).remove("aggregate");
        Files.writeString(noSpread.resolve("metrics.json"), n.toString());
        CliRunner.Result compare = CliRunner.run("compare", noSpread.toString(), "--out",
                dir.resolve("cmp-bad").toString());
        assertEquals(2, compare.exitCode(), compare.err());
        assertTrue(compare.err().contains(noSpread.resolve("metrics.json") + ": strategies.naive.aggregate.over_seeds:"
                + " expected the spread over seeds that engram run writes, found none"), compare.err());
        assertFalse(Files.exists(dir.resolve("cmp-bad")), "no comparison folder");
        // A damaged spread of one metric: no mean, a text mean, a number, one end of the interval.
        List<String> spreads = List.of("{}", "{\"mean\":\"x\"}", "5", "{\"mean\":0.5,\"ci95_low\":0.4}");
        for (int k = 0; k < spreads.size(); k++) {
            Path damaged = copyOfTheRun("bad-spread-" + k);
            ObjectNode d = (ObjectNode) new ObjectMapper().readTree(damaged.resolve("metrics.json").toFile());
            ((ObjectNode) d.get("strategies").get("si").get("aggregate").get("over_seeds"))
                    .set("acc", new ObjectMapper().readTree(spreads.get(k)));
            Files.writeString(damaged.resolve("metrics.json"), d.toString());
            CliRunner.Result r = CliRunner.run("compare", damaged.toString(), "--out",
                    dir.resolve("cmp-bad").toString());
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains(damaged.resolve("metrics.json") + ": strategies.si.aggregate.over_seeds.acc:"
                    + " expected null, or a number 'mean' with numbers 'sd', 'ci95_low' and 'ci95_high' (null with one"
                    + " seed) and the count of seeds 'n', found " + spreads.get(k)), r.err());
            assertFalse(Files.exists(dir.resolve("cmp-bad")), "no comparison folder");
        }
        // A spread within range that the seeds' values do not give.
        Path editedSpread = copyOfTheRun("edited-spread");
        ObjectNode e1 = (ObjectNode) new ObjectMapper().readTree(editedSpread.resolve("metrics.json").toFile());
        ObjectNode accSpread = (ObjectNode) e1.get("strategies").get("si").get("aggregate")
                .get("over_seeds").get("acc");
        double trueMean = accSpread.get("mean").asDouble();
        accSpread.put("mean", (accSpread.get("ci95_low").asDouble() + trueMean) / 2);
        Files.writeString(editedSpread.resolve("metrics.json"), e1.toString());
        CliRunner.Result spread = CliRunner.run("compare", editedSpread.toString(), "--out",
                dir.resolve("cmp-bad").toString());
        assertEquals(2, spread.exitCode(), spread.err());
        assertTrue(spread.err().contains("strategies.si.aggregate.over_seeds.acc.mean: expected the value the seeds'"
                + " values (seed 1: 0.9375, seed 2: 0.85) give, " + trueMean), spread.err());
        assertFalse(Files.exists(dir.resolve("cmp-bad")), "no comparison folder");
        // Well-formed but impossible, or missing: an ACC of 4.2 was shown as 420%, and a missing
        // BWT as n/a, which reads as undefined.
        List<List<String>> impossible = List.of(
                List.of("acc", "{\"mean\":4.2,\"sd\":0.1,\"n\":3,\"ci95_low\":4.1,\"ci95_high\":4.3}",
                        "strategies.si.aggregate.over_seeds.acc.mean: expected an accuracy in [0, 1], found 4.2"),
                List.of("bwt", "{\"mean\":-1.5,\"sd\":0.1,\"n\":3,\"ci95_low\":-1.6,\"ci95_high\":-1.4}",
                        "over_seeds.bwt.mean: expected a difference of accuracies in [-1, 1], found -1.5"),
                List.of("acc", "{\"mean\":0.5,\"sd\":0.1,\"n\":3,\"ci95_low\":0.6,\"ci95_high\":0.7}",
                        "over_seeds.acc: expected ci95_low <= mean <= ci95_high"),
                List.of("wall_seconds", "{\"mean\":-3,\"sd\":0.1,\"n\":3,\"ci95_low\":-4,\"ci95_high\":-2}",
                        "over_seeds.wall_seconds.mean: expected a number >= 0, found -3"),
                List.of("bwt", "",
                        "over_seeds.bwt: expected the metric, or null where it is undefined, found no such key"));
        for (int k = 0; k < impossible.size(); k++) {
            List<String> c = impossible.get(k);
            Path damaged = copyOfTheRun("impossible-" + k);
            ObjectNode d = (ObjectNode) new ObjectMapper().readTree(damaged.resolve("metrics.json").toFile());
            ObjectNode over = (ObjectNode) d.get("strategies").get("si").get("aggregate").get("over_seeds");
            if (c.get(1).isEmpty()) {
                over.remove(c.get(0));
            } else {
                over.set(c.get(0), new ObjectMapper().readTree(c.get(1)));
            }
            Files.writeString(damaged.resolve("metrics.json"), d.toString());
            CliRunner.Result r = CliRunner.run("compare", damaged.toString(), "--out",
                    dir.resolve("cmp-bad").toString());
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains(c.get(2)), r.err());
            assertFalse(Files.exists(dir.resolve("cmp-bad")), "no comparison folder");
        }
    }

    /** A copy of the run folder to damage, under {@code dir/<name>/run}. */
    private static Path copyOfTheRun(String name) throws IOException {
        return RunCopies.copy(folder, dir.resolve(name).resolve("run"));
    }

    /** A truncated or garbled metrics.json is named with its line and column, in words rather than Jackson's. */
    @Test
    void plotAndCompareNameADamagedMetricsFile() throws IOException {
        Path copy = copyOfTheRun("damaged-metrics");
        Path file = copy.resolve("metrics.json");
        List<String> lines = Files.readAllLines(file);
        // Ten whole lines, the object still open: the text ends on line 11, column 1.
        Files.writeString(file, String.join("\n", lines.subList(0, 10)) + "\n");
        CliRunner.Result plot = CliRunner.run("plot", copy.toString());
        CliRunner.Result compare = CliRunner.run("compare", folder.toString(), copy.toString(), "--out",
                dir.resolve("cmp-damaged").toString());
        for (CliRunner.Result r : List.of(plot, compare)) {
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains(file + ":11:1: expected complete JSON") && r.err().contains("truncated"),
                    r.err());
            for (String internal : BrokenRunConfigTest.PARSER_INTERNALS) {
                assertFalse(r.err().contains(internal), r.err());
            }
        }
        Files.writeString(file, "{\n  \"experiment\": tiny\n}\n");
        CliRunner.Result garbled = CliRunner.run("plot", copy.toString());
        assertEquals(2, garbled.exitCode(), garbled.err());
        assertTrue(garbled.err().contains(file + ":2:")
                && garbled.err().contains("not valid JSON (Unrecognized token 'tiny')"), garbled.err());
        assertFalse(Files.exists(dir.resolve("cmp-damaged")), "no comparison folder");
    }

    /** The CSV names a run by its id, as the table does, even when its folder was copied or renamed. */
    @Test
    void comparisonCsvNamesARunByItsId() throws IOException {
        Path copy = copyOfTheRun("renamed");
        CliRunner.Result r = CliRunner.run("compare", copy.toString(), "--out", dir.resolve("cmp-renamed").toString());
        assertEquals(0, r.exitCode(), r.err());
        String runId = new ObjectMapper().readTree(folder.resolve("metrics.json").toFile()).get("run_id").asText();
        List<String> rows = Files.readAllLines(Path.of(r.lastLine()).resolve("comparison.csv"));
        assertEquals(runId, rows.get(1).split(",")[1], rows.toString());
        assertTrue(Files.readString(Path.of(r.lastLine()).resolve("comparison.md")).contains(runId));
    }

    @Test
    void compareWritesATableAndAChart() throws IOException {
        CliRunner.Result r = CliRunner.run("compare", folder.toString(), "--out", dir.resolve("cmp").toString());
        assertEquals(0, r.exitCode(), r.err());
        Path cmp = Path.of(r.lastLine());
        assertTrue(Files.isRegularFile(cmp.resolve("plots/comparison.png")));
        assertTrue(Files.isRegularFile(cmp.resolve("plots/average_accuracy.png")));
        assertFalse(Files.exists(cmp.resolve("plots/average_accuracy_validation.png")), "no validation samples");
        // The table for a paper: a row per strategy, and in its comments the run it is made of.
        String latex = Files.readString(cmp.resolve("comparison.tex"));
        String runId = new ObjectMapper().readTree(folder.resolve("metrics.json").toFile()).get("run_id").asText();
        assertTrue(latex.startsWith("% Engram comparison of runs tiny " + runId + ".\n"), latex);
        // Both rows over 2 seeds: the count goes to a comment for the caption, not a column.
        assertTrue(latex.contains("\nnaive & $") && latex.contains("\nsi & $"), latex);
        assertTrue(latex.contains("\n% Every row is over 2 seeds, which the caption should say.\n"), latex);
        assertTrue(latex.contains("\n% Runs:\n% - tiny " + runId + " (") && !latex.contains(dir.toString()), latex);
        assertTrue(Files.readString(cmp.resolve("comparison.md")).contains("ACC: mean final accuracy over tasks"));
        List<String> rows = new ArrayList<>(Files.readAllLines(cmp.resolve("comparison.csv")));
        assertEquals(3, rows.size(), rows.toString());
        assertTrue(rows.get(1).startsWith("naive,"), rows.get(1));
        assertTrue(r.out().contains("| si | 2 |"), r.out());
        // Mean and half-width as metrics.json has them, neither rounded.
        List<String> header = List.of(rows.get(0).split(","));
        String[] naive = rows.get(1).split(",", -1);
        JsonNode acc = new ObjectMapper().readTree(folder.resolve("metrics.json").toFile()).get("strategies")
                .get("naive").get("aggregate").get("over_seeds").get("acc");
        assertEquals(acc.get("mean").asDouble(), Double.parseDouble(naive[header.indexOf("acc_mean")]), 0.0);
        assertEquals((acc.get("ci95_high").asDouble() - acc.get("ci95_low").asDouble()) / 2,
                Double.parseDouble(naive[header.indexOf("acc_ci95_half_width")]), 0.0);
        assertEquals(acc.get("sd").asDouble(), Double.parseDouble(naive[header.indexOf("acc_sd")]), 0.0);
        assertEquals("1 2", naive[header.indexOf("seed_list")]);
        // Numbers written out, never in E notation, which some spreadsheets read as text.
        for (int k = 0; k < header.size(); k++) {
            if (header.get(k).matches(".*_(mean|ci95_half_width|sd)")) {
                assertTrue(naive[k].matches("-?[0-9]*\\.?[0-9]*"), header.get(k) + ": " + naive[k]);
            }
        }
        // comparison.md, read without the runs' summaries, says what its ± and n/a are.
        String md = Files.readString(cmp.resolve("comparison.md"));
        assertTrue(md.contains("± is the half-width of the 95% confidence interval over seeds"), md);
    }

    /**
     * With several runs every row names its run ([A], [B]), so labels stay short on the chart and
     * two runs with the same strategies do not overwrite each other in the table; runs that differ
     * in scenario, tasks or config keys are compared with a note for each.
     */
    @Test
    void compareTagsEachRunAndNotesWhatTheRunsDifferIn() throws IOException {
        String thisBuild = new ObjectMapper().readTree(folder.resolve("metrics.json").toFile()).get("provenance")
                .get("engram_commits").get(0).asText();
        Path other = copyOfTheRun("other-scenario");
        ObjectNode m = (ObjectNode) new ObjectMapper().readTree(other.resolve("metrics.json").toFile());
        m.put("scenario", "class_incremental");
        String task0 = m.get("tasks").get(0).asText();
        String task1 = m.get("tasks").get(1).asText();
        ((ArrayNode) m.get("tasks")).set(1, "renamed");
        String config = Files.readString(other.resolve("config.yaml")).replace("epochs: 2", "epochs: 3")
                .replaceFirst("(?m)^name: ", "name: renamed-");
        Files.writeString(other.resolve("config.yaml"), config);
        // B stands for a run made with that config (whose hash its id carries), by another build, one with
        // uncommitted changes.
        m.put("run_id", "20261201T000000Z-" + ConfigLayers.sha256(config).substring(0, 6));
        ObjectNode provenance = (ObjectNode) m.get("provenance");
        provenance.put("config_sha256", ConfigLayers.sha256(config));
        provenance.putArray("engram_commits").add("abc1234").add("def5678-dirty");
        Files.writeString(other.resolve("metrics.json"), m.toString());
        CliRunner.Result r = CliRunner.run("compare", folder.toString(), other.toString(), "--out",
                dir.resolve("cmp-tags").toString());
        assertEquals(0, r.exitCode(), r.err());
        Path cmp = Path.of(r.lastLine());
        String md = Files.readString(cmp.resolve("comparison.md"));
        for (String row : List.of("| naive [A] |", "| si [A] |", "| naive [B] |", "| si [B] |")) {
            assertTrue(md.contains(row), row + " missing from\n" + md);
        }
        // A copy's folder, named otherwise than its run's id, by its name, not its path.
        assertTrue(md.contains("- [B] ") && md.contains(" (folder run, 2 tasks, ") && !md.contains(dir.toString())
                && md.contains("scenario class_incremental"), md);
        for (String note : List.of("the runs differ in scenario (A: task_incremental, B: class_incremental)",
                "the runs differ in their tasks (A: " + task0 + ", " + task1 + "; B: " + task0 + ", renamed)",
                "the runs' configs differ in training.epochs (A: 2, B: 3)\n",
                "the runs were trained by different Engram builds (A: " + thisBuild + "; B: abc1234 then"
                        + " def5678-dirty): results may differ by the code as well",
                "built with uncommitted changes, which the commit does not identify: ", "B: def5678-dirty\n")) {
            assertTrue(md.contains(note) && r.err().contains(note), note + " in\n" + md + r.err());
        }
        List<String> csv = Files.readAllLines(cmp.resolve("comparison.csv"));
        assertEquals(5, csv.size(), "a header and four rows, as the table: " + csv);
        // The rows of a strategy stand together.
        assertTrue(csv.get(0).contains(",run_tag,scenario,sequence,data,engram_commits,acc_sd,")
                && csv.get(0).endsWith(",samples_per_second_sd,seed_list") && csv.get(2).startsWith("naive,")
                && csv.get(2).contains(",B,class_incremental,") && csv.get(2).contains(",abc1234 def5678-dirty,")
                && csv.get(2).endsWith(",1 2"), csv.toString());
        assertTrue(md.contains("Engram abc1234 then def5678-dirty)"), md);
        // Tags named for a paper's legend: the rows, the CSV and the charts show the names; a comma or a
        // quote is quoted in the CSV (RFC 4180), a '|' escaped in the Markdown table, whose cell it would end.
        CliRunner.Result named = CliRunner.run("compare", folder.toString(), other.toString(), "--name", "A=epochs 2",
                "--name", "B=epochs 3, \"b\" | c", "--out", dir.resolve("cmp-named").toString());
        assertEquals(0, named.exitCode(), named.err());
        Path namedCmp = Path.of(named.lastLine());
        String namedMd = Files.readString(namedCmp.resolve("comparison.md"));
        assertTrue(namedMd.contains("| naive [epochs 2] |") && namedMd.contains("| si [epochs 3, \"b\" \\| c] |")
                && namedMd.contains("Named in the rows: A as epochs 2; B as epochs 3, \"b\" | c."), namedMd);
        assertTrue(Files.readAllLines(namedCmp.resolve("comparison.csv")).get(2)
                .contains(",\"epochs 3, \"\"b\"\" | c\",class_incremental,"));
        assertTrue(Files.readString(namedCmp.resolve("plots/average_accuracy.svg"))
                .contains(">naive [epochs 3, &quot;b&quot; | c]<"));
        // A tag left as it is cannot be another's name.
        CliRunner.Result clash = CliRunner.run("compare", folder.toString(), other.toString(), "--name", "B=A",
                "--out", dir.resolve("cmp-clash").toString());
        assertEquals(2, clash.exitCode(), clash.err());
        assertTrue(clash.err().contains("expected a name no other tag has, found 'A', the name of A"), clash.err());
        // A tag the comparison does not have, and one name for two tags, are refused before anything is written.
        for (List<String> bad : List.of(List.of("C=x", "expected the tag of one of the comparison's runs or pools"
                + " [A, B] or the label of one of their strategies [naive, si], found 'C'"), List.of("B=epochs 2",
                "expected a name no other tag has, found 'epochs 2',"
                + " the name of A"), List.of("B=epochs\n3", "expected a name of one line, without tabs or other "
                + "control characters, found 'epochs\\n3'"),
                List.of("B=epochs  2", "found 'epochs  2', the name of A but for spaces"),
                List.of("B", "--name: expected TAG=NAME or LABEL=NAME, e.g. --name A+B='lambda 100', found"
                + " 'B'"), List.of("A=epochs 3", "--name A: expected one name for A, found two: 'epochs 2' and"
                + " 'epochs 3'"))) {
            Path out = dir.resolve("cmp-bad-name");
            CliRunner.Result refused = CliRunner.run("compare", folder.toString(), other.toString(), "--name",
                    "A=epochs 2", "--name", bad.get(0), "--out", out.toString());
            assertEquals(2, refused.exitCode(), refused.err());
            assertTrue(refused.err().contains(bad.get(1)), refused.err());
            assertFalse(Files.exists(out), "nothing written");
        }
    }

    /**
     * Compare reads a run's settings from its config.yaml: one edited since the run (its hash is not
     * the one metrics.json keeps) is refused, by name, as it would pool or part runs by settings
     * they were not trained with.
     */
    @Test
    void compareRefusesAConfigEditedAfterTheRun() throws IOException {
        Path edited = copyOfTheRun("edited-config");
        Files.writeString(edited.resolve("config.yaml"), Files.readString(edited.resolve("config.yaml"))
                .replace("epochs: 2", "epochs: 3"));
        Path out = dir.resolve("cmp-edited");
        CliRunner.Result r = CliRunner.run("compare", edited.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(edited.resolve("config.yaml") + ": expected the config the run was made with"
                + " (whose hash its run id "), r.err());
        assertTrue(r.err().contains("found an edited file"), r.err());
        assertFalse(Files.exists(out), "no comparison");
        // Reformatted only (other line endings, a comment), as --resume accepts it: compared.
        Path reformatted = copyOfTheRun("reformatted-config");
        Files.writeString(reformatted.resolve("config.yaml"), "# the lines of this run\n"
                + Files.readString(reformatted.resolve("config.yaml")).replace("\n", "\r\n"));
        CliRunner.Result ok = CliRunner.run("compare", reformatted.toString(), "--out",
                dir.resolve("cmp-reformatted").toString());
        assertEquals(0, ok.exitCode(), ok.err());
    }

    /**
     * A run_id edited in metrics.json leaves compare no hash to check config.yaml by: the message
     * names metrics.json and its run_id, not config.yaml, which is as the run wrote it.
     */
    @Test
    void compareNamesARunIdNotOfARunInMetrics() throws IOException {
        Path edited = copyOfTheRun("edited-run-id");
        Path metrics = edited.resolve("metrics.json");
        String text = Files.readString(metrics);
        String edit = text.replaceFirst("\"run_id\" : \"[^\"]+\"", "\"run_id\" : \"abc\"");
        assertNotEquals(text, edit, "the run_id as engram run writes it");
        Files.writeString(metrics, edit);
        Path out = dir.resolve("cmp-edited-run-id");
        CliRunner.Result r = CliRunner.run("compare", edited.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("engram: error: " + metrics + ": run_id: expected a run id as engram run gives it, e.g."
                + " 20261130T081500Z-3fa2c1 (its last 6 hex digits are of the run's config), found 'abc'; restore"
                + " it: compare checks the run's config.yaml by it", r.err().strip());
        assertFalse(Files.exists(out), "no comparison");
    }

    /**
     * Runs of one config made with other seeds (one job per seed, say) are pooled: each strategy
     * has one row over all their seeds, the same numbers as the run that had both seeds. A run that
     * shares a seed with them is shown apart, with a note.
     */
    @Test
    void compareOfRunsThatDifferOnlyInSeedsPoolsTheirSeeds() throws IOException {
        Path config = dir.resolve("tiny.yaml");
        List<Path> single = new ArrayList<>();
        for (String seed : List.of("2", "1")) {
            CliRunner.Result r = CliRunner.run("run", config.toString(), "--seeds", seed, "--set", "name=tiny-" + seed,
                    "--out", dir.resolve("seed-" + seed).toString());
            assertEquals(0, r.exitCode(), r.err());
            single.add(Path.of(r.lastLine()));
        }
        CliRunner.Result pooled = CliRunner.run("compare", single.get(0).toString(), single.get(1).toString(), "--out",
                dir.resolve("cmp-pooled").toString());
        assertEquals(0, pooled.exitCode(), pooled.err());
        Path cmp = Path.of(pooled.lastLine());
        List<String> csv = Files.readAllLines(cmp.resolve("comparison.csv"));
        assertEquals(3, csv.size(), csv.toString());
        List<String> header = List.of(csv.get(0).split(","));
        for (String row : csv.subList(1, 3)) {
            String[] cells = row.split(",", -1);
            assertEquals("2", cells[header.indexOf("seeds")], row);
            // The pool's runs, by their ids, in the order given.
            assertEquals(single.get(0).getFileName() + "+" + single.get(1).getFileName(),
                    cells[header.indexOf("run")], row);
            JsonNode over = metrics.get("strategies").get(cells[0]).get("aggregate").get("over_seeds");
            for (String key : List.of("acc", "bwt", "forgetting", "learning_accuracy")) {
                JsonNode m = over.get(key);
                // The seeds in another order: sums of two terms are the same either way.
                assertEquals(m.get("mean").asDouble(), Double.parseDouble(cells[header.indexOf(key + "_mean")]), 1e-15,
                        cells[0] + " " + key);
                assertEquals((m.get("ci95_high").asDouble() - m.get("ci95_low").asDouble()) / 2,
                        Double.parseDouble(cells[header.indexOf(key + "_ci95_half_width")]), 1e-12,
                        cells[0] + " " + key);
            }
        }
        String md = Files.readString(cmp.resolve("comparison.md"));
        assertTrue(md.contains("runs A, B differ only in their seeds: each strategy's row is over the seeds of all of "
                + "them") && md.contains("| naive | 2 |") && !md.contains("| naive ["), md);
        CliRunner.Result apart = CliRunner.run("compare", folder.toString(), single.get(1).toString(), "--out",
                dir.resolve("cmp-apart").toString());
        assertEquals(0, apart.exitCode(), apart.err());
        assertTrue(apart.err().contains("run B has the config of run A and seeds in common with it [1]: shown apart, "
                + "as pooled a seed would count twice"), apart.err());
        assertTrue(apart.out().contains("| naive [A] | 2 |") && apart.out().contains("| naive [B] | 1 |"), apart.out());
        // Which run each tag names, before the table that uses them.
        assertTrue(apart.out().startsWith("[A] tiny " + folder.getFileName() + " (") && apart.out().contains("\n[B] "
                + "tiny-1 " + single.get(1).getFileName() + " ("), apart.out());
        // A run whose seeds are those of two pooled runs together shares a seed with each.
        CliRunner.Result third = CliRunner.run("compare", single.get(0).toString(), single.get(1).toString(),
                folder.toString(), "--out", dir.resolve("cmp-third").toString());
        assertEquals(0, third.exitCode(), third.err());
        assertTrue(third.err().contains("run C has the config of run A and seeds in common with the runs pooled with "
                + "it [1, 2]"), third.err());
        assertTrue(third.out().contains("| naive [A+B] | 2 |") && third.out().contains("| naive [C] | 2 |"),
                third.out());
    }

    /**
     * --width-in lays the figures out for a paper's column (990 pixels at 300 dpi for 3.3 in), into
     * --out for plot, and leaves the run's own plots as they were; a width of 0 is refused by the option.
     */
    @Test
    void plotAndCompareLayFiguresOutForPrint() throws IOException {
        byte[] before = Files.readAllBytes(folder.resolve("plots/comparison.png"));
        Path out = dir.resolve("print");
        CliRunner.Result r = CliRunner.run("plot", folder.toString(), "--width-in", "3.3", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(out.toString(), r.lastLine());
        assertEquals(990, ImageIO.read(out.resolve("forgetting_naive.png").toFile()).getWidth());
        assertArrayEquals(before, Files.readAllBytes(folder.resolve("plots/comparison.png")));
        CliRunner.Result compared = CliRunner.run("compare", folder.toString(), "--width-in", "3.3", "--out",
                dir.resolve("cmp-print").toString());
        assertEquals(0, compared.exitCode(), compared.err());
        assertEquals(990, ImageIO.read(Path.of(compared.lastLine()).resolve("plots/comparison.png").toFile())
                .getWidth());
        // Without --out, beside the run's own plots, which it leaves as they were.
        CliRunner.Result beside = CliRunner.run("plot", folder.toString(), "--width-in", "7");
        assertEquals(0, beside.exitCode(), beside.err());
        assertEquals(folder.resolve("plots-7in").toString(), beside.lastLine());
        assertEquals(2100, ImageIO.read(folder.resolve("plots-7in/forgetting_naive.png").toFile()).getWidth(), 2);
        assertArrayEquals(before, Files.readAllBytes(folder.resolve("plots/comparison.png")));
        CliRunner.Result zero = CliRunner.run("plot", folder.toString(), "--width-in", "0", "--out",
                dir.resolve("print-0").toString());
        assertEquals(2, zero.exitCode(), zero.err());
        assertTrue(zero.err().contains("engram: error: engram plot: --width-in: expected a printed width in inches in"
                + " [2, 100)"), zero.err());
        assertFalse(Files.exists(dir.resolve("print-0")), "nothing drawn");
        // A file as --out is named as run and compare name it (it said the folder of afile/x.png "exists already").
        Path file = Files.writeString(dir.resolve("afile"), "");
        CliRunner.Result onAFile = CliRunner.run("plot", folder.toString(), "--out", file.toString());
        assertEquals(2, onAFile.exitCode(), onAFile.err());
        assertTrue(onAFile.err().contains(file + ": --out: expected a folder for the figures (created if absent), found"
                + " a file"), onAFile.err());
    }

    /**
     * A folder of one's own given to plot --out that holds figures of the names plot draws (another
     * run's, say) is refused, and nothing in it changes; --replace draws over them.
     */
    @Test
    void plotKeepsFiguresAlreadyInOutUnlessToldToReplaceThem() throws IOException {
        Path figures = Files.createDirectories(dir.resolve("paper-figures"));
        Files.writeString(figures.resolve("notes.txt"), "mine");
        CliRunner.Result first = CliRunner.run("plot", folder.toString(), "--out", figures.toString());
        assertEquals(0, first.exitCode(), first.err());
        byte[] drawn = Files.readAllBytes(figures.resolve("forgetting_naive.png"));
        Files.write(figures.resolve("forgetting_naive.png"), new byte[] {1, 2, 3});

        CliRunner.Result again = CliRunner.run("plot", folder.toString(), "--out", figures.toString(), "--width-in",
                "3.3");
        assertEquals(2, again.exitCode(), again.err());
        assertTrue(again.err().contains(figures + ": --out: expected a folder without figures of the names plot "
                + "draws, found 24 of them, e.g. forgetting_naive.png; give another --out, or add --replace to draw "
                + "over them"), again.err());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(figures.resolve("forgetting_naive.png")));

        CliRunner.Result replaced = CliRunner.run("plot", folder.toString(), "--out", figures.toString(),
                "--replace");
        assertEquals(0, replaced.exitCode(), replaced.err());
        assertArrayEquals(drawn, Files.readAllBytes(figures.resolve("forgetting_naive.png")));
        assertEquals("mine", Files.readString(figures.resolve("notes.txt")));
        // A finished run's folders are never an --out, --replace or not: another run's plots (a copy's
        // here), the run's own top folder or its checkpoints had taken figures they were not drawn from.
        Path other = copyOfTheRun("other");
        byte[] its = Files.readAllBytes(other.resolve("plots/forgetting_naive.png"));
        for (Path into : List.of(other.resolve("plots"), folder, folder.resolve("checkpoints"))) {
            CliRunner.Result refused = CliRunner.run("plot", folder.toString(), "--out", into.toString(), "--replace");
            assertEquals(2, refused.exitCode(), refused.err());
            assertTrue(refused.err().contains(into + ": --out: expected a folder for the figures (created if absent),"
                    + " found a folder inside the finished run ") || refused.err().contains("found the folder of the"
                    + " finished run " + folder.toAbsolutePath().normalize()), refused.err());
            assertTrue(refused.err().contains("without --out, plot draws into RUN_DIR/plots"), refused.err());
        }
        assertArrayEquals(its, Files.readAllBytes(other.resolve("plots/forgetting_naive.png")));
    }

    /** The same run twice, by another path or as a copy (its run id), would stand twice in every table. */
    @Test
    void compareRefusesTheSameRunTwice() throws IOException {
        Path copy = copyOfTheRun("copy");
        for (Path again : List.of(folder.resolve("."), copy)) {
            CliRunner.Result r = CliRunner.run("compare", folder.toString(), again.toString(), "--out",
                    dir.resolve("cmp2").toString());
            assertEquals(2, r.exitCode(), r.err());
            String runId = new ObjectMapper().readTree(folder.resolve("metrics.json").toFile()).get("run_id").asText();
            assertTrue(r.err().contains(again + ": runs: expected each run once, found run " + runId
                    + " again, given first as " + folder), r.err());
            assertTrue(!Files.exists(dir.resolve("cmp2")), "no comparison folder");
        }
    }

    /**
     * Runs of another number of tasks have accuracy matrices of another shape, with no row or metric
     * in common to set side by side: compare refuses them, saying how many tasks the first had, and
     * writes nothing.
     */
    @Test
    void compareRefusesRunsOfAnotherNumberOfTasks() throws IOException {
        Path three = TinyRuns.run(dir, "three-tasks", TinyRuns.ONE_SEED.replace("count: 2", "count: 3")
                + "strategies:\n  - name: naive\n");
        CliRunner.Result r = CliRunner.run("compare", folder.toString(), three.toString(), "--out",
                dir.resolve("cmp-tasks").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("tasks: expected runs with the same number of tasks (2), found 3"), r.err());
        assertFalse(Files.exists(dir.resolve("cmp-tasks")), "no comparison folder");
    }

    /**
     * Runs of one task have no forgetting to set beside their accuracy and no second task to average over:
     * compare writes its tables and draws no figure (as a run of one task draws no ACC/BWT comparison).
     */
    @Test
    void compareOfRunsOfOneTaskDrawsNoFigures() throws IOException {
        Path one = TinyRuns.run(dir, "one-task", TinyRuns.ONE_SEED.replace("count: 2", "count: 1")
                + "strategies:\n  - name: naive\n");
        CliRunner.Result r = CliRunner.run("compare", one.toString(), "--out", dir.resolve("cmp-one-task").toString());
        assertEquals(0, r.exitCode(), r.err());
        Path cmp = Path.of(r.lastLine());
        assertTrue(Files.isRegularFile(cmp.resolve("comparison.md")) && Files.isRegularFile(cmp.resolve(
                "comparison.csv")));
        assertFalse(Files.exists(cmp.resolve("plots")), "figures drawn for one task");
    }

    /**
     * --seeds reads seeds as a config does: 010 is refused there (YAML reads it as 8), so here too, with
     * the same advice, and +3 and 1_000 are read there, so here too; an empty item, also after a
     * trailing comma, is refused rather than dropped.
     */
    @Test
    void seedsOnTheCommandLineAreDecimal() {
        for (String[] bad : new String[][] {
                {"010", "without leading zeros), found '010'; numbers are decimal, without leading zeros: write 10 "
                        + "(decimal) or 8"},
                {"0x10", "0x10 is hexadecimal: numbers are decimal, write 16"}, {"1e3", "write 1000"},
                {"\"10\"", "a number in quotes is text: write 10 without quotes"},
                {"1,,2", "found nothing (an empty list, or an empty item between commas)"}, {"x", "found 'x'"},
                {"99999999999999999999", "expected a seed from -9223372036854775808"},
                // Read exactly, not as a double: 1e-400 is no whole number, 1e99999999999 no number to convert.
                {"1e-400", "found '1e-400'\n"}, {"1e99999999999", "found '1e99999999999'\n"},
                {"1,2,", "expected a seed after every comma, found a trailing comma"}, {",", "found a trailing comma"},
                {"1,2,,", "found a trailing comma"}}) {
            CliRunner.Result r = CliRunner.run("run", "any.yaml", "--seeds", bad[0]);
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("--seeds") && r.err().contains(bad[1]), r.err());
        }
        CliRunner.Result signed = CliRunner.run("run", dir.resolve("tiny.yaml").toString(), "--seeds", "+3,1_000,-2",
                "--print-config");
        assertEquals(0, signed.exitCode(), signed.err());
        assertTrue(signed.out().contains("seeds:\n- 3\n- 1000\n- -2\n"), signed.out());
    }

    @Test
    void listAndHelpShowStrategiesAndKeys() {
        CliRunner.Result list = CliRunner.run("list");
        assertTrue(list.out().contains("hlop") && list.out().contains("Xiao et al. 2024"), list.out());
        assertTrue(list.out().contains("permuted"), list.out());
        CliRunner.Result help = CliRunner.run("run", "--help");
        assertTrue(help.out().contains("training.epochs") && help.out().contains("--resume"), help.out());
    }
}
