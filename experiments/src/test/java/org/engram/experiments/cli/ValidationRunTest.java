package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.engram.experiments.metrics.MetricFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram run} with {@code tasks.validation}: the held-out samples are scored after every task
 * into a second accuracy matrix, the same on any number of threads and after {@code --resume}, with
 * either learner and with generated tasks; without validation a run is what it was before the key
 * existed.
 */
class ValidationRunTest {
    /** Two tasks of the bundled data, two seeds, one epoch of a network of 8 hidden neurons. */
    private static final String TINY = String.join("\n",
            "name: pin",
            "seeds: [1, 2]",
            "threads: 2",
            "data: {bundled: true}",
            "tasks: {sequence: split, count: 2, classes_per_task: 2, train_per_task: 60, test_per_task: 20%s}",
            "network: {hidden: [8]}",
            "encoder: {steps: 4}",
            "training: {epochs: 1, batch_size: 20, learning_rate: 0.005}",
            "strategies:",
            "  - name: naive",
            "  - name: ewc",
            "    params: {lambda: 100, fisher_samples: 20}",
            "");
    /**
     * The weights of {@link #TINY} without validation, as Engram wrote them before tasks.validation
     * existed (commit ac1083ae): strategy, seed, weights_hash.
     */
    private static final List<List<String>> HASHES_BEFORE = List.of(
            List.of("naive", "1", "8635107e38aa2384927ca462f43e6dda5658e0c219f64a1d5ffd6817a7d370bb"),
            List.of("naive", "2", "e6629fee2c3f486fe04c5352b2dfbcc53f32a876d965f42010ee20a6e1ee04ec"),
            List.of("ewc", "1", "aef25ab2383f980ada32c46ae6234c0d39b36a8e868d3d338b324299b43d61de"),
            List.of("ewc", "2", "77c1a916fe6b14b8ed09ab36a6324a810b26605342c621c3005397f771d1a136"));

    private static Path run(Path dir, String out, String config, String... more) throws IOException {
        Path file = dir.resolve("pin.yaml");
        Files.writeString(file, config);
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--out",
                dir.resolve(out).toString()));
        args.addAll(List.of(more));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        return Path.of(r.lastLine());
    }

    /** Runs a config with --stop-after-tasks into {@code dir/out}, which stops it (exit 2). */
    private static CliRunner.Result stop(Path dir, String out, String config, int tasks) throws IOException {
        Files.writeString(dir.resolve("pin.yaml"), config);
        CliRunner.Result stopped = CliRunner.run("run", dir.resolve("pin.yaml").toString(), "--out",
                dir.resolve(out).toString(), "--stop-after-tasks", Integer.toString(tasks));
        assertEquals(2, stopped.exitCode(), stopped.err());
        return stopped;
    }

    /** The partial folder of the one run stopped under {@code root}. */
    private static Path partial(Path root) throws IOException {
        try (var entries = Files.list(root.resolve("pin"))) {
            return entries.findFirst().orElseThrow();
        }
    }

    /**
     * Writes each damaged copy of a file of a stopped run in its place and asserts that a resume
     * refuses it, before any training, with the message given after the file's name.
     *
     * @param damaged each copy's text, and the message it must meet
     */
    private static void assertEachResumeRefused(Path partial, Path file, Map<String, String> damaged)
            throws IOException {
        for (Map.Entry<String, String> d : damaged.entrySet()) {
            Files.writeString(file, d.getKey());
            CliRunner.Result r = CliRunner.run("run", "--resume", partial.toString());
            assertEquals(2, r.exitCode(), r.err());
            // A key the file holds is named with its line and column; one it lacks has none.
            assertTrue(r.err().matches("(?s).*" + java.util.regex.Pattern.quote(file.toString()) + "(:1:\\d+)?: "
                    + java.util.regex.Pattern.quote(d.getValue()) + ".*"), r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("deserialize")
                    || r.err().contains("after task 2/2"), r.err());
        }
    }

    private static JsonNode metrics(Path folder) throws IOException {
        return new ObjectMapper().readTree(folder.resolve("metrics.json").toFile());
    }

    @Test
    void withoutValidationTheWeightsAreThoseOfBefore(@TempDir Path dir) throws IOException {
        for (String validation : List.of("", ", validation: 0")) {
            Path folder = run(dir, "out" + validation.length(), String.format(TINY, validation));
            JsonNode m = metrics(folder);
            for (List<String> h : HASHES_BEFORE) {
                JsonNode seed = m.get("strategies").get(h.get(0)).get("seeds").get(h.get(1));
                assertEquals(h.get(2), seed.get("weights_hash").asText(), h.toString());
                assertFalse(seed.has("validation"), "no validation metrics without validation");
            }
            assertFalse(m.has("validation_fraction"));
            assertFalse(Files.exists(folder.resolve("accuracy_matrix_validation.csv")));
            assertFalse(Files.exists(folder.resolve("plots/average_accuracy_validation.png")));
            assertFalse(Files.exists(folder.resolve("plots/accuracy_matrix_validation_naive.png")));
            assertFalse(Files.readString(folder.resolve("table.tex")).contains("validation"));
            // data.json keeps the keys, in the order, it had before tasks.validation existed.
            List<String> keys = new ArrayList<>();
            new ObjectMapper().readTree(folder.resolve("data.json").toFile()).fieldNames().forEachRemaining(keys::add);
            assertEquals(List.of("origin", "location", "train_samples", "test_samples", "sha256", "files"), keys);
        }
    }

    /**
     * A run with validation trains on fewer samples (other weights), scores the held-out ones into
     * their own matrix, and repeats bit for bit on one thread and after a stop and {@code --resume}.
     */
    @Test
    void validationIsTheSameOnAnyThreadsAndAfterAResume(@TempDir Path dir) throws IOException {
        String config = String.format(TINY, ", validation: 0.25");
        JsonNode two = metrics(run(dir, "two", config));
        JsonNode one = metrics(run(dir, "one", config, "--threads", "1"));

        CliRunner.Result stopped = stop(dir, "stopped", config, 3);
        Path partial = partial(dir.resolve("stopped"));
        CliRunner.Result resumed = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().matches("(?s).*after task 2/2: test accuracy \\(%\\) on tasks 1-2:( [0-9.]+){2};"
                + " validation:( [0-9.]+){2}\n.*"), resumed.err());
        assertTrue(stopped.err().contains("; validation: "), "the progress shows validation accuracy");
        Path finished = Path.of(resumed.lastLine());
        JsonNode again = metrics(finished);

        // 60 samples of two classes: round(0.25 n0) + round(0.25 n1) is within 1 of 0.25 x 60 = 15.
        for (JsonNode samples : two.get("task_samples")) {
            int held = samples.get("validation").asInt();
            assertEquals(60, samples.get("train").asInt() + held, samples.toString());
            assertTrue(held >= 14 && held <= 16, samples.toString());
        }
        assertEquals(0.25, two.get("validation_fraction").asDouble());
        for (List<String> h : HASHES_BEFORE) {
            JsonNode seed = two.get("strategies").get(h.get(0)).get("seeds").get(h.get(1));
            assertNotEquals(h.get(2), seed.get("weights_hash").asText(), "trained on fewer samples");
            JsonNode v = seed.get("validation");
            assertEquals(2, v.get("accuracy_matrix").size());
            assertEquals(v.get("acc").asDouble(), (v.get("accuracy_matrix").get(1).get(0).asDouble()
                    + v.get("accuracy_matrix").get(1).get(1).asDouble()) / 2, 1e-12);
            for (JsonNode other : List.of(one, again)) {
                JsonNode same = other.get("strategies").get(h.get(0)).get("seeds").get(h.get(1));
                for (String key : List.of("validation", "accuracy_matrix", "random_init_accuracy", "per_task",
                        "weights_hash")) {
                    assertEquals(seed.get(key), same.get(key), h + " " + key);
                }
            }
        }
        assertEquals(two.get("strategies").get("ewc").get("aggregate").get("validation"),
                again.get("strategies").get("ewc").get("aggregate").get("validation"));
        String csv = Files.readString(finished.resolve("accuracy_matrix_validation.csv"));
        assertTrue(csv.startsWith("strategy,seed,") && csv.contains("\newc,mean,1,"), csv);
        assertTrue(Files.readString(finished.resolve("summary.md")).contains("Val. ACC (%)"));
        // The paper's table has no Val. ACC column, and says its networks trained on fewer samples.
        String tex = Files.readString(finished.resolve("table.tex"));
        assertFalse(tex.contains("Val. ACC"), tex);
        assertTrue(tex.contains("\n% Trained without the samples tasks.validation 0.25 held out for validation"
                + " (round(0.25 x n) of each class of n training samples in every task); every accuracy in the"
                + " table is on test samples;"), tex);
        for (String format : List.of("png", "svg", "pdf")) {
            assertTrue(Files.isRegularFile(finished.resolve("plots/average_accuracy_validation." + format)), format);
        }
        // Each strategy's validation accuracy matrix beside its test one, with the mean of its seeds' Val. ACC
        // as metrics.json gives each.
        for (String label : List.of("naive", "ewc")) {
            JsonNode seeds = again.get("strategies").get(label).get("seeds");
            double acc = (seeds.get("1").get("validation").get("acc").asDouble()
                    + seeds.get("2").get("validation").get("acc").asDouble()) / 2;
            String svg = Files.readString(finished.resolve("plots/accuracy_matrix_validation_" + label + ".svg"));
            assertTrue(svg.contains("<title>" + label + ": validation accuracy matrix (mean of 2 seeds)</title>")
                    && svg.contains("Val. ACC " + MetricFormat.format("%.1f%%", 100 * acc)), svg);
            assertTrue(Files.isRegularFile(finished.resolve("plots/accuracy_matrix_validation_" + label + ".pdf")));
        }
        // engram plot draws the validation figure from metrics.json, so it refuses one whose validation
        // results disagree: a seed without them, or a Val. ACC that its matrix does not give.
        ObjectNode edited = (ObjectNode) new ObjectMapper().readTree(finished.resolve("metrics.json").toFile());
        ObjectNode lacking = edited.deepCopy();
        ((ObjectNode) lacking.at("/strategies/naive/seeds/2")).remove("validation");
        ObjectNode wrongAcc = edited.deepCopy();
        ((ObjectNode) wrongAcc.at("/strategies/naive/seeds/1/validation")).put("acc", 0.01);
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put(lacking.toString(), "strategies.naive.seeds: expected the validation results of every seed or"
                + " of none, found those of 1 of its 2 seeds");
        refusals.put(wrongAcc.toString(), "strategies.naive.seeds.1.validation.acc: expected the value its"
                + " validation accuracy_matrix gives");
        for (Map.Entry<String, String> r : refusals.entrySet()) {
            Path copy = Files.createDirectories(dir.resolve("edited").resolve(Integer.toString(r.getValue().length())));
            Files.copy(finished.resolve("log.csv"), copy.resolve("log.csv"));
            Files.writeString(copy.resolve("metrics.json"), r.getKey());
            CliRunner.Result plot = CliRunner.run("plot", copy.toString());
            assertEquals(2, plot.exitCode(), plot.err());
            assertTrue(plot.err().contains(r.getValue()), plot.err());
        }
    }

    /**
     * With {@code training.evaluate_every_epoch}, every task's validation samples are scored after every
     * epoch into epoch_accuracy_validation.csv, in the layout of epoch_accuracy.csv. Checked against a
     * second measurement: naive's afterTask changes no weight, so its evaluation after a task's last
     * epoch is the validation matrix's row of that task. The evaluations change no training (the weights
     * are those of the same run without them), a resume gives the file bit for bit, and a progress file
     * that lacks the epochs' validation rows is refused by key before any training.
     */
    @Test
    void everyEpochScoresTheValidationSamplesToo(@TempDir Path dir) throws IOException {
        String plain = String.format(TINY, ", validation: 0.25").replace("epochs: 1,", "epochs: 2,");
        String config = plain.replace("learning_rate: 0.005}", "learning_rate: 0.005, evaluate_every_epoch: true}");
        Path straight = run(dir, "straight", config);
        List<String> epochs = Files.readAllLines(straight.resolve("epoch_accuracy_validation.csv"));
        List<String> test = Files.readAllLines(straight.resolve("epoch_accuracy.csv"));
        List<String> matrix = Files.readAllLines(straight.resolve("accuracy_matrix_validation.csv"));
        assertEquals(test.get(0), epochs.get(0));
        assertEquals("strategy,seed,task,epoch,task_0,task_1", epochs.get(0));
        // 2 strategies x 2 seeds x 2 tasks x 2 epochs, in the order of epoch_accuracy.csv.
        assertEquals(1 + 16, epochs.size());
        for (int i = 1; i < epochs.size(); i++) {
            String key = test.get(i).substring(0, nthComma(test.get(i), 4));   // strategy,seed,task,epoch
            assertTrue(epochs.get(i).startsWith(key + ","), epochs.get(i));
        }
        RunCommandTest.assertLastEpochsAreMatrixRows(epochs, matrix);
        assertTrue(Files.readString(straight.resolve("summary.md")).contains("epoch_accuracy_validation.csv (every"
                + " task's validation samples after every epoch)"));
        assertTrue(Files.isRegularFile(straight.resolve("plots/learning_curve_validation.png")));
        // engram plot reads the file back, and refuses an accuracy it holds outside [0, 1] by line and column.
        Path copy = Files.createDirectories(dir.resolve("edited"));
        for (String f : List.of("metrics.json", "log.csv")) {
            Files.copy(straight.resolve(f), copy.resolve(f));
        }
        List<String> damaged = new ArrayList<>(epochs);
        damaged.set(3, damaged.get(3).substring(0, damaged.get(3).lastIndexOf(',')) + ",1.5");
        Files.write(copy.resolve("epoch_accuracy_validation.csv"), damaged);
        CliRunner.Result plot = CliRunner.run("plot", copy.toString());
        assertEquals(2, plot.exitCode(), plot.err());
        Path epochFile = copy.resolve("epoch_accuracy_validation.csv");
        assertTrue(plot.err().contains(epochFile + ":4: task_1: expected an accuracy in [0, 1], found 1.5"),
                plot.err());
        List<String> swapped = new ArrayList<>(epochs);
        Collections.swap(swapped, 1, 2);   // two epochs' lines in each other's place
        Files.write(epochFile, swapped);
        String[] first = epochs.get(1).split(",");
        assertTrue(refusedPlot(copy).contains(epochFile + ":2: expected the accuracies after " + first[0] + " seed "
                + first[1] + " task " + first[2] + " epoch " + first[3] + " (line 1 of log.csv's epochs), "
                + first.length + " fields, found '" + epochs.get(2) + "'"), epochs.toString());
        Files.write(epochFile, epochs.subList(0, epochs.size() - 1));
        assertTrue(refusedPlot(copy).contains(epochFile + ": expected a line per line of log.csv ("
                + (epochs.size() - 1) + "), found " + (epochs.size() - 2)), epochs.toString());
        Files.write(epochFile, epochs.subList(1, epochs.size()));
        assertTrue(refusedPlot(copy).contains(epochFile + ":1: expected the header " + epochs.get(0) + ", found '"
                + epochs.get(1) + "'"), epochs.toString());
        assertStaleValidationCurveRemoved(copy, epochs);
        Path plainFolder = run(dir, "plain", plain);
        assertFalse(Files.exists(plainFolder.resolve("epoch_accuracy_validation.csv")));
        assertFalse(Files.exists(plainFolder.resolve("plots/learning_curve_validation.png")));
        JsonNode without = metrics(plainFolder);
        for (List<String> h : HASHES_BEFORE) {
            assertEquals(without.get("strategies").get(h.get(0)).get("seeds").get(h.get(1)).get("weights_hash"),
                    metrics(straight).get("strategies").get(h.get(0)).get("seeds").get(h.get(1)).get("weights_hash"),
                    h.toString());
        }

        stop(dir, "stopped", config, 1);
        Path partial = partial(dir.resolve("stopped"));
        Path progress = partial.resolve("checkpoints/naive/seed-1/progress.json");
        String saved = Files.readString(progress);
        ObjectNode node = (ObjectNode) new ObjectMapper().readTree(saved);
        assertEquals(2, node.get("validation_epoch_accuracy").size(), saved);
        Files.writeString(progress, node.without("validation_epoch_accuracy").toString());
        CliRunner.Result refused = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, refused.exitCode(), refused.err());
        // As an Engram build from before the key wrote it: said so, not as a damaged file.
        assertTrue(refused.err().contains(progress + ": validation_epoch_accuracy: expected a list (the validation"
                + " results of every epoch evaluated, as tasks.validation is 0.25 and training.evaluate_every_epoch is"
                + " true), found nothing: the checkpoint was written by an Engram build that kept no validation"
                + " results per epoch; resume with the build that started the run (status.json names it), or start"
                + " the run anew"), refused.err());
        ObjectNode shortened = (ObjectNode) new ObjectMapper().readTree(saved);
        ((com.fasterxml.jackson.databind.node.ArrayNode) shortened.get("validation_epoch_accuracy")).remove(1);
        Files.writeString(progress, shortened.toString());
        CliRunner.Result short1 = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, short1.exitCode(), short1.err());
        assertTrue(short1.err().contains(progress + ":1:") && short1.err().contains(": validation_epoch_accuracy:"
                + " expected one row per row of epoch_accuracy (2: the validation results of every epoch evaluated),"
                + " found 1"), short1.err());
        Files.writeString(progress, saved);
        CliRunner.Result resumed = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertEquals(Files.readString(straight.resolve("epoch_accuracy_validation.csv")),
                Files.readString(Path.of(resumed.lastLine()).resolve("epoch_accuracy_validation.csv")));
    }

    /** The index of a line's n-th comma, from 1. */
    private static int nthComma(String line, int n) {
        int at = -1;
        for (int k = 0; k < n; k++) {
            at = line.indexOf(',', at + 1);
        }
        return at;
    }

    /**
     * A progress file must hold the validation results exactly when the run validates: a resume
     * refuses one without them (it had crashed after training the next task) or with them in a run
     * without validation, before any training, naming the file and key.
     */
    @Test
    void aProgressFileThatDisagreesWithTheRunsValidationIsRefused(@TempDir Path dir) throws IOException {
        String without = "expected nothing (the run holds no samples out for validation: tasks.validation is 0),"
                + " found a list";
        String lacks = "expected a list (the validation results of the finished tasks, as tasks.validation is 0.25),"
                + " found nothing";
        for (String validation : List.of(", validation: 0.25", "")) {
            stop(dir, "stopped" + validation.length(), String.format(TINY, validation), 1);
            Path partial = partial(dir.resolve("stopped" + validation.length()));
            Path progress = partial.resolve("checkpoints/naive/seed-1/progress.json");
            ObjectNode saved = (ObjectNode) new ObjectMapper().readTree(progress.toFile());
            // Each damaged copy of the progress file, and the refusal it must meet.
            Map<String, String> damaged = new LinkedHashMap<>();
            if (validation.isEmpty()) {
                assertTrue(saved.path("validation_rows").isMissingNode() || saved.get("validation_rows").isNull(),
                        saved.toString());
                damaged.put(saved.deepCopy().set("validation_rows", saved.get("rows")).toString(),
                        "validation_rows: " + without);
                damaged.put(saved.deepCopy().set("validation_random_init", saved.get("random_init")).toString(),
                        "validation_random_init: " + without);
            } else {
                damaged.put(saved.deepCopy().without("validation_rows").toString(), "validation_rows: " + lacks);
                damaged.put(saved.deepCopy().without(List.of("validation_rows", "validation_random_init")).toString(),
                        "validation_rows: " + lacks);
                damaged.put(saved.deepCopy().without("validation_random_init").toString(),
                        "validation_random_init: expected 2 accuracies (one per task), found nothing");
            }
            assertEachResumeRefused(partial, progress, damaged);
        }
    }

    /**
     * A data.json whose validation keys were edited or damaged (a value changed, or of the wrong
     * type) is refused by a resume with the file, the key, the value the run's config makes of its
     * data and the value found, and what to do; a wrong type had stopped it with Jackson's message
     * ("Cannot deserialize value of type `java.lang.Double` from String"), and a changed value had
     * been resumed and finished with the wrong record.
     */
    @Test
    void aDataRecordWhoseValidationWasEditedIsRefused(@TempDir Path dir) throws IOException {
        String configured = " (as tasks.validation of the run's config.yaml makes it)";
        for (String validation : List.of(", validation: 0.25", "")) {
            stop(dir, "stopped" + validation.length(), String.format(TINY, validation), 1);
            Path partial = partial(dir.resolve("stopped" + validation.length()));
            Path dataFile = partial.resolve("data.json");
            ObjectNode saved = (ObjectNode) new ObjectMapper().readTree(dataFile.toFile());
            // Each damaged copy of data.json, and the refusal it must meet.
            Map<String, String> damaged = new LinkedHashMap<>();
            if (validation.isEmpty()) {
                damaged.put(saved.deepCopy().put("validation_fraction", 0.25).toString(), "validation_fraction:"
                        + " expected nothing" + configured + ", found 0.25; remove the key, which the run did not"
                        + " write, or start a new run");
            } else {
                int train = saved.get("task_samples").get(1).get("train").asInt();
                int held = saved.get("task_samples").get(0).get("validation").asInt();
                String again = " back, as the run wrote it, or start a new run";
                damaged.put(saved.deepCopy().put("validation_fraction", "x").toString(), "validation_fraction:"
                        + " expected 0.25" + configured + ", found \"x\"; write 0.25" + again);
                damaged.put(saved.deepCopy().put("validation_fraction", 0.5).toString(), "validation_fraction:"
                        + " expected 0.25" + configured + ", found 0.5; write 0.25" + again);
                ObjectNode changed = saved.deepCopy();
                ((ObjectNode) changed.get("task_samples").get(1)).put("train", train + 1);
                damaged.put(changed.toString(), "task_samples[1].train: expected " + train + configured + ", found "
                        + (train + 1) + "; write " + train + again);
                ObjectNode wrongType = saved.deepCopy();
                ((ObjectNode) wrongType.get("task_samples").get(0)).put("validation", "many");
                damaged.put(wrongType.toString(), "task_samples[0].validation: expected " + held + configured
                        + ", found \"many\"; write " + held + again);
                ObjectNode olderBuild = saved.deepCopy();
                olderBuild.remove("validation_fraction");
                damaged.put(olderBuild.toString(), "validation_fraction: expected 0.25" + configured + ", found no"
                        + " validation_fraction (deleted, or the run was started by an older Engram, which did not"
                        + " record it); add validation_fraction: 0.25, or start a new run");
            }
            assertEachResumeRefused(partial, dataFile, damaged);
        }
    }

    /**
     * {@code engram compare} pools two runs of one seed each into rows over both seeds: its Val. ACC
     * is the mean of the two runs' own validation ACC, as each metrics.json gives it.
     */
    @Test
    void comparePoolsTheValidationAccOfItsRuns(@TempDir Path dir) throws IOException {
        String config = String.format(TINY, ", validation: 0.25").replace("seeds: [1, 2]", "seeds: [%d]");
        Path first = run(dir, "first", String.format(config, 1));
        Path second = run(dir, "second", String.format(config, 2));
        CliRunner.Result compare = CliRunner.run("compare", first.toString(), second.toString(), "--out",
                dir.resolve("compared").toString());
        assertEquals(0, compare.exitCode(), compare.err());
        String table = Files.readString(Path.of(compare.lastLine()).resolve("comparison.md"));
        assertTrue(table.contains("| Val. ACC (%) |"), table);
        for (String strategy : List.of("naive", "ewc")) {
            double mean = (metrics(first).get("strategies").get(strategy).get("seeds").get("1").get("validation")
                    .get("acc").asDouble() + metrics(second).get("strategies").get(strategy).get("seeds").get("2")
                    .get("validation").get("acc").asDouble()) / 2;
            String row = table.lines().filter(l -> l.startsWith("| " + strategy + " | 2 |")).findFirst()
                    .orElseThrow(() -> new AssertionError(table));
            String[] cells = row.split("\\|");
            String shown = cells[cells.length - 1].trim();
            assertEquals(MetricFormat.format("%.1f", 100 * mean), shown.split(" ")[0], row);
            // comparison.csv gives it unrounded in its last three columns: the mean, and the sample
            // standard deviation of two values a and b, |a - b| / sqrt(2).
            double a = metrics(first).get("strategies").get(strategy).get("seeds").get("1").get("validation")
                    .get("acc").asDouble();
            double b = metrics(second).get("strategies").get(strategy).get("seeds").get("2").get("validation")
                    .get("acc").asDouble();
            List<String> csv = Files.readAllLines(Path.of(compare.lastLine()).resolve("comparison.csv"));
            List<String> header = List.of(csv.get(0).split(","));
            assertTrue(csv.get(0).endsWith(",samples_per_second_sd,seed_list,val_acc_mean,val_acc_ci95_half_width,"
                    + "val_acc_sd"), csv.get(0));
            String[] line = csv.stream().filter(l -> l.startsWith(strategy + ",")).findFirst().orElseThrow()
                    .split(",", -1);
            assertEquals(header.size(), line.length);
            // The mean of two doubles: within an ulp of (a + b) / 2 whatever the order of summation.
            assertEquals((a + b) / 2, Double.parseDouble(line[header.indexOf("val_acc_mean")]), 1e-15);
            assertEquals(Math.abs(a - b) / Math.sqrt(2), Double.parseDouble(line[header.indexOf("val_acc_sd")]),
                    1e-12);
            assertFalse(line[header.indexOf("val_acc_ci95_half_width")].isEmpty());
        }
        // The chart of the validation samples' average accuracy pools the runs' seeds as the table does.
        CliRunner.Result printed = CliRunner.run("compare", first.toString(), second.toString(), "--out",
                dir.resolve("printed").toString(), "--width-in", "3.3");
        assertEquals(0, printed.exitCode(), printed.err());
        String captions = Files.readString(Path.of(printed.lastLine()).resolve("plots/captions.md"));
        String entry = captions.lines().filter(l -> l.startsWith("- `average_accuracy_validation`")).findFirst()
                .orElseThrow(() -> new AssertionError(captions));
        assertTrue(entry.contains("Average accuracy on the validation samples as tasks are learned")
                && entry.contains("mean over 2 seeds") && entry.contains("the last point is Val. ACC"), entry);
        // The LaTeX tables have no Val. ACC column, so their notes do not speak of one; they say which runs
        // trained without their validation samples.
        for (String tex : List.of("comparison.tex", "comparison-narrow.tex")) {
            String text = Files.readString(Path.of(compare.lastLine()).resolve(tex));
            assertFalse(text.contains("Val. ACC"), text);
            assertTrue(text.contains(", tasks.validation 0.25, seeds [2],") && text.contains("\n% Runs whose line"
                    + " names tasks.validation trained without the samples it held out for validation;"), text);
        }
    }

    /**
     * The Diehl and Cook network and generated tasks hold samples out too: each task's validation
     * samples are scored after every task.
     */
    @Test
    void diehlCookAndSyntheticTasksAreValidated(@TempDir Path dir) throws IOException {
        String stdp = String.join("\n",
                "name: pin",
                "seeds: [3]",
                "data: {bundled: true}",
                "tasks: {sequence: split, scenario: class_incremental, count: 2, classes_per_task: 2,"
                        + " train_per_task: 24, test_per_task: 10, validation: 0.25}",
                "learner: {kind: diehl_cook, neurons: 10, present_ms: 50, rest_ms: 10, label_per_task: 10}",
                "strategies: [{name: naive}]",
                "");
        String synthetic = String.join("\n",
                "name: pin",
                "seeds: [3]",
                "data: {dataset: synthetic}",
                "tasks: {sequence: synthetic, count: 2, classes_per_task: 2, validation: 0.2,"
                        + " synthetic: {inputs: 20, train_per_class: 10, test_per_class: 5}}",
                "network: {hidden: [8]}",
                "encoder: {steps: 4}",
                "training: {epochs: 1, batch_size: 10}",
                "strategies: [{name: naive}]",
                "");
        for (String config : List.of(stdp, synthetic)) {
            Path folder = run(dir, "out" + config.length(), config);
            JsonNode m = metrics(folder);
            JsonNode v = m.get("strategies").get("naive").get("seeds").get("3").get("validation");
            assertEquals(2, v.get("accuracy_matrix").size(), config);
            assertTrue(Files.isRegularFile(folder.resolve("accuracy_matrix_validation.csv")));
            int held = m.get("task_samples").get(0).get("validation").asInt();
            // Synthetic: 0.2 x 10 = 2 of each class's 10; bundled data: within 1 of 0.25 x 24 = 6.
            assertTrue(config.equals(synthetic) ? held == 4 : held >= 5 && held <= 7, m.get("task_samples").toString());
            // data.json, written before the first task, says what each task holds out of its training samples.
            JsonNode data = new ObjectMapper().readTree(folder.resolve("data.json").toFile());
            assertEquals(config.equals(synthetic) ? 0.2 : 0.25, data.get("validation_fraction").asDouble());
            assertEquals(2, data.get("task_samples").size());
            for (int t = 0; t < 2; t++) {
                JsonNode task = data.get("task_samples").get(t);
                assertEquals(m.get("tasks").get(t).asText(), task.get("task").asText());
                int trained = task.get("train").asInt();
                int heldOut = task.get("validation").asInt();
                // Synthetic: 2 classes of 10, each 8 trained and 2 held out; bundled: 24 in all.
                assertEquals(config.equals(synthetic) ? List.of(16, 4) : List.of(24 - heldOut, heldOut),
                        List.of(trained, heldOut), task.toString());
                assertEquals(m.get("task_samples").get(t).get("validation").asInt(), heldOut);
            }
        }
    }

    /** The message of {@code engram plot} refusing a run folder (exit 2). */
    /**
     * Once epoch_accuracy_validation.csv is deleted, engram plot removes the learning_curve_validation
     * it drew from it from the run's own plot folders (and its captions.md entry), says so, and keeps the
     * other figures; a folder of one's own (--out) keeps it. It had stayed, drawn from data the run no
     * longer holds.
     */
    private static void assertStaleValidationCurveRemoved(Path run, List<String> epochs) throws IOException {
        Files.write(run.resolve("epoch_accuracy_validation.csv"), epochs);
        Path own = run.resolve("own");
        for (List<String> args : List.<List<String>>of(List.of(), List.of("--width-in", "3.3"),
                List.of("--out", own.toString()))) {
            assertEquals(0, plot(run, args).exitCode());
        }
        Path screen = run.resolve("plots");
        Path print = run.resolve("plots-3.3in");
        for (Path plots : List.of(screen, print, own)) {
            assertTrue(Files.isRegularFile(plots.resolve("learning_curve_validation.svg")), plots.toString());
        }
        assertTrue(Files.readString(print.resolve("captions.md")).contains("`learning_curve_validation`"));

        Files.delete(run.resolve("epoch_accuracy_validation.csv"));
        for (List<String> args : List.<List<String>>of(List.of(), List.of("--width-in", "3.3"))) {
            CliRunner.Result r = plot(run, args);
            assertEquals(0, r.exitCode(), r.err());
            Path plots = args.isEmpty() ? screen : print;
            assertTrue(r.err().contains("engram plot: removed " + plots.resolve("learning_curve_validation")
                    + ".png, .svg and .pdf: the run's files no longer hold what it shows"), r.err());
            for (String ext : List.of(".png", ".svg", ".pdf")) {
                assertFalse(Files.exists(plots.resolve("learning_curve_validation" + ext)), plots + ext);
                assertTrue(Files.exists(plots.resolve("learning_curve_loss" + ext)), plots + ext);
            }
        }
        String captions = Files.readString(print.resolve("captions.md"));
        assertTrue(!captions.contains("`learning_curve_validation`") && captions.contains("`learning_curve_loss`"),
                captions);
        CliRunner.Result again = plot(run, List.of("--out", own.toString(), "--replace"));
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(Files.isRegularFile(own.resolve("learning_curve_validation.svg")) && again.err().isEmpty(),
                again.err());
    }

    private static CliRunner.Result plot(Path run, List<String> options) {
        List<String> args = new ArrayList<>(List.of("plot", run.toString()));
        args.addAll(options);
        return CliRunner.run(args.toArray(String[]::new));
    }

    private static String refusedPlot(Path run) {
        CliRunner.Result r = CliRunner.run("plot", run.toString());
        assertEquals(2, r.exitCode(), r.err());
        return r.err();
    }
}
