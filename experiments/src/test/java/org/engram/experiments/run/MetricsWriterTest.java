package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.engram.experiments.config.ConfigLayers;
import org.engram.experiments.config.ConfigLoader;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.experiments.data.DataLocator;
import org.engram.experiments.data.LocatedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aggregate over seeds, checked against hand-computed means. */
class MetricsWriterTest {
    /** t_{0.975, 2} from the closed form of Student's t with 2 degrees of freedom: 0.95 / sqrt(2 p (1 - p)). */
    private static final double T_975_2 = 0.95 / Math.sqrt(2 * 0.975 * 0.025);
    private static final List<MetricsWriter.Task> TASKS = List.of(new MetricsWriter.Task("a", 10, 5, 0),
            new MetricsWriter.Task("b", 10, 5, 0));

    private static ExperimentConfig config(int seeds) {
        return config(seeds, "", "");
    }

    private static ExperimentConfig config(int seeds, String tasks) {
        return config(seeds, tasks, "");
    }

    /**
     * A config of two synthetic tasks and some seeds, with more keys of {@code tasks}, e.g. its scenario, and
     * more top-level lines.
     */
    private static ExperimentConfig config(int seeds, String tasks, String more) {
        return config(seeds, 2, tasks, more);
    }

    /** A config of some synthetic tasks of two classes and some seeds, with more keys of {@code tasks}. */
    private static ExperimentConfig config(int seeds, int taskCount, String tasks, String more) {
        StringBuilder list = new StringBuilder("1");
        for (int s = 2; s <= seeds; s++) {
            list.append(", ").append(s);
        }
        String yaml = "seeds: [" + list + "]\n"
                + "data: {dataset: synthetic}\n"
                + "tasks: {sequence: synthetic, count: " + taskCount + ", classes_per_task: 2" + tasks + "}\n"
                + "strategies: [{name: naive}]\n" + more;
        return ConfigLayers.resolve(yaml, "t.yaml", List.of(), ConfigLayers.Flags.NONE).config();
    }

    /** A finished unit with the given accuracy rows, one per task, and untrained accuracies of 0.5. */
    private static UnitProgress unit(long seed, double[][] rows) {
        double[] untrained = new double[rows.length];
        Arrays.fill(untrained, 0.5);
        UnitProgress p = UnitProgress.start("naive", seed, rows.length).withRandomInit(untrained);
        for (int t = 0; t < rows.length; t++) {
            p = p.withTask(rows[t], List.of(new EpochRecord("naive", seed, t, 0, 0.1, 0.9, 1.0, 100)), List.of(),
                    List.of(), 1.0, t == rows.length - 1 ? "hash" : null, new long[] {10, 20, 30, 0});
        }
        return p;
    }

    /** A finished unit of two tasks with the given test rows, validation rows and untrained validation accuracies. */
    private static UnitProgress validatedUnit(long seed, double[][] rows, double[][] validation, double[] init) {
        UnitProgress p = UnitProgress.start("naive", seed, rows.length).withRandomInit(new double[] {0.5, 0.5})
                .withValidationRandomInit(init);
        for (int t = 0; t < rows.length; t++) {
            p = p.withTask(rows[t], List.of(new EpochRecord("naive", seed, t, 0, 0.1, 0.9, 1.0, 100)), List.of(),
                    List.of(), 1.0, t == rows.length - 1 ? "hash" : null, new long[] {10, 20, 30, 0}).withValidationRow(
                    validation[t]);
        }
        return p;
    }

    /**
     * The validation matrix gets the test matrix's metrics, from its own rows, by hand: seed 1's
     * rows (1.0, 0.4), (0.6, 0.9) and untrained (0.5, 0.3) give ACC 0.75, BWT 0.6 - 1.0 = -0.4,
     * FWT 0.4 - 0.3 = 0.1, forgetting 1.0 - 0.6 = 0.4 and learning accuracy 0.95; seed 2's (0.8, 0.5),
     * (0.8, 0.7) give 0.75, 0, 0.2, 0 and 0.75. The test metrics and their keys are those of a run
     * without validation, which has no validation key at all.
     */
    @Test
    @SuppressWarnings("unchecked")
    void validationMetricsFollowTheirOwnMatrix() {
        double[][] test = {{0.9, 0.5}, {0.7, 0.8}};
        List<UnitProgress> units = List.of(
                validatedUnit(1, test, new double[][] {{1.0, 0.4}, {0.6, 0.9}}, new double[] {0.5, 0.3}),
                validatedUnit(2, test, new double[][] {{0.8, 0.5}, {0.8, 0.7}}, new double[] {0.5, 0.3}));
        List<MetricsWriter.Task> tasks = List.of(new MetricsWriter.Task("a", 8, 5, 2),
                new MetricsWriter.Task("b", 8, 5, 2));
        MetricsWriter w = MetricsWriter.of(config(2, ", validation: 0.2"), "run", tasks, null, units, null);
        Map<String, Object> naive = (Map<String, Object>) strategies(w).get("naive");
        Map<String, Object> seeds = (Map<String, Object>) naive.get("seeds");
        double[][] expected = {{0.75, -0.4, 0.1, 0.4, 0.95}, {0.75, 0, 0.2, 0, 0.75}};
        for (int s = 0; s < 2; s++) {
            Map<String, Object> v = (Map<String, Object>) ((Map<String, Object>) seeds.get(Integer.toString(s + 1)))
                    .get("validation");
            for (int k = 0; k < MetricsWriter.VALIDATION_KEYS.size(); k++) {
                String key = MetricsWriter.VALIDATION_KEYS.get(k);
                assertEquals(expected[s][k], (Double) v.get(key), 1e-12, "seed " + (s + 1) + " " + key);
            }
        }
        Map<String, Object> aggregate = (Map<String, Object>) ((Map<String, Object>) naive.get("aggregate"))
                .get("validation");
        assertEquals(-0.2, (Double) aggregate.get("bwt"), 1e-12);
        // sd of (-0.4, 0): sqrt((0.2^2 + 0.2^2) / 1).
        Map<String, Object> bwt = (Map<String, Object>) ((Map<String, Object>) aggregate.get("over_seeds")).get("bwt");
        assertEquals(Math.sqrt(0.08), (Double) bwt.get("sd"), 1e-12);
        assertArrayEquals(new double[] {0.9, 0.45}, ((double[][]) aggregate.get("accuracy_matrix"))[0], 1e-12);
        assertArrayEquals(new double[] {0.2}, (double[]) aggregate.get("forgetting_per_task"), 1e-12);
        assertEquals(0.2, w.metrics().get("validation_fraction"));
        assertEquals(2, ((List<Map<String, Object>>) w.metrics().get("task_samples")).get(0).get("validation"));
        assertTrue(w.validationMatrixCsv().contains("naive,1,0,1.000000,0.400000\n")
                && w.validationMatrixCsv().contains("naive,mean,1,0.700000,0.800000\n"), w.validationMatrixCsv());
        assertEquals(w.matrixCsv().lines().findFirst(), w.validationMatrixCsv().lines().findFirst(), "one header");

        MetricsWriter plain = MetricsWriter.of(config(2), "run", TASKS, null,
                List.of(unit(1, test), unit(2, test)), null);
        Map<String, Object> plainNaive = (Map<String, Object>) strategies(plain).get("naive");
        Map<String, Object> plainSeed = (Map<String, Object>) ((Map<String, Object>) plainNaive.get("seeds")).get("1");
        Map<String, Object> seed = new LinkedHashMap<>((Map<String, Object>) seeds.get("1"));
        assertEquals(List.copyOf(plainSeed.keySet()), List.copyOf(seed.keySet()).subList(0, plainSeed.size()));
        assertEquals("validation", List.copyOf(seed.keySet()).get(plainSeed.size()));
        assertEquals(plainSeed.get("acc"), seed.get("acc"));
        assertFalse(plainSeed.containsKey("validation") || plain.metrics().containsKey("validation_fraction")
                || ((Map<String, Object>) plainNaive.get("aggregate")).containsKey("validation"));
        List<String> aggregateKeys = List.copyOf(((Map<String, Object>) naive.get("aggregate")).keySet());
        assertEquals(List.copyOf(((Map<String, Object>) plainNaive.get("aggregate")).keySet()),
                aggregateKeys.subList(0, aggregateKeys.size() - 1));

        // summary.md shows the validation ACC beside the test columns, and says what it is for.
        String row = w.summary().lines().filter(l -> l.startsWith("| naive |")).findFirst().orElseThrow();
        String[] cells = row.split("\\|");
        assertEquals("75.0 ± 0.0", cells[cells.length - 1].trim(), row);
        assertTrue(w.summary().contains("Val. ACC: ACC on the training samples held out for validation"));
        assertTrue(w.summary().contains("## naive: validation accuracy matrix (%), mean over seeds"));
        assertFalse(plain.summary().contains("Val. ACC"), plain.summary());
    }

    /**
     * Nine seeds with full marks on a task: the mean matrix holds exactly 1 there (adding 1/9 nine
     * times gives 1.0000000000000002, which the accuracy matrix refuses, failing the whole run at
     * its end), and accuracy_matrix.csv can be written.
     */
    @Test
    @SuppressWarnings("unchecked")
    void nineSeedsWithFullMarksAverageToExactlyOne() {
        List<UnitProgress> units = new ArrayList<>();
        for (int s = 1; s <= 9; s++) {
            units.add(unit(s, new double[][] {{1, 0.5}, {1, 1}}));
        }
        MetricsWriter w = MetricsWriter.of(config(9), "run", TASKS, null, units, null);
        Map<String, Object> naive = (Map<String, Object>) ((Map<String, Object>) w.metrics().get("strategies"))
                .get("naive");
        double[][] mean = (double[][]) ((Map<String, Object>) naive.get("aggregate")).get("accuracy_matrix");
        assertEquals(1.0, mean[0][0], 0);
        assertEquals(0.5, mean[0][1], 0);
        assertEquals(1.0, mean[1][1], 0);
        assertTrue(w.matrixCsv().contains("naive,mean,1,1.000000,1.000000\n"), w.matrixCsv());
    }

    /**
     * Three seeds whose BWT (0.1, -0.2, 0.1) cancels: their mean in double is -1.85e-17, which
     * "%.1f" wrote as "-0.0" in summary.md and engram compare's table. The half-width is
     * t(0.975, 2) sd / sqrt(3) with sd = sqrt(0.03): 4.3027 x 0.1 = 43.0 pp.
     */
    @Test
    void bwtThatCancelsOverSeedsIsWrittenAsZero() {
        MetricsWriter w = bwtCancelling();
        String row = ResultTable.of(strategies(w)).markdown().lines().filter(l -> l.startsWith("| naive |"))
                .findFirst().orElseThrow();
        assertEquals("0.0 ± 43.0", row.split("\\|")[4].trim(), row);
        assertFalse(w.summary().contains("-0.0"), w.summary());
    }

    /** Three seeds whose BWT (0.1, -0.2, 0.1) cancels. */
    private static MetricsWriter bwtCancelling() {
        List<UnitProgress> units = new ArrayList<>();
        double[] after = {0.6, 0.3, 0.6};
        for (int s = 0; s < 3; s++) {
            units.add(unit(s + 1, new double[][] {{0.5, 0.5}, {after[s], 0.5}}));
        }
        return MetricsWriter.of(config(3), "run", TASKS, null, units, null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> strategies(MetricsWriter w) {
        return (Map<String, Object>) w.metrics().get("strategies");
    }

    /**
     * The LaTeX table holds the Markdown table's accuracy columns, the same numbers rounded alike,
     * in a booktabs tabular a paper can {@code \input}, units on a line of their own and the
     * half-width set small; undefined values are n/a, and labels are escaped. Rows of one number of
     * seeds leave the seeds to a comment.
     */
    @Test
    void theLatexTableHasTheMarkdownTablesNumbers() {
        MetricsWriter w = bwtCancelling();
        String latex = w.latexTable();
        String[] md = ResultTable.of(strategies(w)).markdown().lines().filter(l -> l.startsWith("| naive |"))
                .findFirst().orElseThrow().split("\\|");
        String row = latex.lines().filter(l -> l.startsWith("naive & ")).findFirst().orElseThrow();
        String[] cells = row.replace(" \\\\", "").split(" & ");
        assertEquals(6, cells.length, row);
        for (int k = 1; k < 6; k++) {
            String expected = md[k + 2].trim();
            assertEquals(expected.equals("n/a") ? "n/a" : "$" + expected.replace(" ± ", "{\\scriptstyle\\,\\pm ")
                    + (expected.contains("±") ? "}" : "") + "$", cells[k], row);
        }
        String gap = "@{\\hspace{6pt}}r";
        assertTrue(latex.contains("\\begin{tabular}{@{}l" + gap.repeat(5) + "@{}}\n\\toprule\n"
                + "Strategy & ACC & BWT & FWT & Forgetting & Learning \\\\\n"
                + " & (\\%) & (pp) & (pp) & (pp) & acc. (\\%) \\\\\n\\midrule\n"), latex);
        assertTrue(latex.contains("\n% Every row is over 3 seeds, which the caption should say.\n"), latex);
        assertTrue(latex.endsWith("\\bottomrule\n\\end{tabular}\n"), latex);
        assertTrue(latex.lines().takeWhile(l -> !l.startsWith("\\begin")).allMatch(l -> l.startsWith("% ")), latex);
        assertEquals("replay\\_ewc+si \\& 100\\% \\textbackslash{}", LatexText.escaped("replay_ewc+si & 100% \\"));
    }

    /**
     * table.tex goes into a paper's sources, whose comments arXiv publishes: it names the data folder by its
     * name, never by its local path (which would show the author's home folder); summary.md, read locally,
     * keeps the path.
     */
    @Test
    void theLatexTableNamesTheDataFolderWithoutItsPath(@TempDir Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("home").resolve("me").resolve("fashion"));
        for (String file : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte")) {
            Files.writeString(data.resolve(file), "");
        }
        LocatedData located = new DataLocator().locate(data, "data.path");
        MetricsWriter w = MetricsWriter.of(config(1), "run", TASKS, located,
                List.of(unit(1, new double[][] {{0.5, 0.5}, {0.6, 0.5}})), null);
        String latex = w.latexTable();
        assertTrue(latex.contains("\n% Data: IDX data from folder fashion (data.path).\n"), latex);
        assertFalse(latex.contains(dir.toString()) || latex.contains("home"), latex);
        assertTrue(w.summary().contains(data.toString()), w.summary());
    }

    /**
     * summary.md and table.tex say with which hyperparameters the strategies ran and which build,
     * Java and data made the run, which a paper's methods section needs and metrics.json alone held.
     */
    @Test
    void theSummaryAndTableNameTheStrategiesParametersAndTheBuild() throws Exception {
        Provenance made = new Provenance("1.0", "def5678", "17.0.15", "vm", "os", "amd64", 2, "2026-12-03T00:00:00Z",
                List.of(1L), 1, 1, "BUNDLED_SUBSET", "here", "0123456789abcdef", "fedcba9876543210", "r", List.of(),
                null, List.of(), List.of("abc1234", "def5678"));
        MetricsWriter w = MetricsWriter.of(config(1), "run", TASKS, null,
                List.of(unit(1, new double[][] {{0.5, 0.5}, {0.6, 0.5}})), made);
        String by = "Engram abc1234 then def5678 (1.0), Java 17.0.15; data SHA-256 0123456789ab; config SHA-256"
                + " fedcba987654";
        assertTrue(w.summary().contains("\n- strategies: naive\n- made by: " + by + "\n\n"), w.summary());
        assertTrue(w.latexTable().contains("\n% Data: generated patterns.\n% Strategies: naive.\n% Made by " + by
                + ".\n"), w.latexTable());
        Map<String, Object> strategies = new LinkedHashMap<>();
        strategies.put("strong", Map.of("name", "ewc", "params",
                ConfigLoader.mapper().readTree("{lambda: 1000.0, fisher_samples: 200}")));
        strategies.put("replay+ewc", Map.of("name", "replay+ewc", "params",
                ConfigLoader.mapper().readTree("{replay: {memory_size: 50}, ewc: {lambda: 10.0}}")));
        strategies.put("naive", Map.of("name", "naive", "params", ConfigLoader.mapper().readTree("{}")));
        assertEquals("strong = ewc (lambda 1000.0, fisher_samples 200); replay+ewc (replay (memory_size 50), ewc"
                + " (lambda 10.0)); naive", SummaryWriter.strategies(strategies));
    }

    /** Rows of different numbers of seeds (runs pooled by compare) get a column that says how many each has. */
    @Test
    void rowsOfDifferentSeedCountsGetASeedsColumn() {
        Map<String, Object> rows = new LinkedHashMap<>(strategies(bwtCancelling()));
        rows.put("one seed", strategies(MetricsWriter.of(config(1), "run", TASKS, null,
                List.of(unit(1, new double[][] {{0.5, 0.5}, {0.6, 0.5}})), null)).get("naive"));
        String latex = ResultTable.of(rows).latex("two rows");
        assertTrue(latex.contains("\\begin{tabular}{@{}l" + "@{\\hspace{6pt}}r".repeat(6) + "@{}}\n\\toprule\nStrategy"
                + " & $n$ & ACC & BWT"), latex);
        assertTrue(latex.contains("\n% $n$: the number of seeds of a row, which the caption should say.\n"), latex);
        assertTrue(latex.contains("\n & & (\\%) & (pp)"), latex);
        assertTrue(latex.contains("\nnaive & 3 & $"), latex);
        assertTrue(latex.contains("\none seed & 1 & $55.0$ & "), latex);
        assertFalse(latex.contains("Every row is"), latex);
    }

    /**
     * The tasks' sample counts are those the tasks have, which a limit past the data leaves unmet:
     * the summary said "at most 500 training and 5000 test samples per task" of tasks with 1000.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theTasksSampleCountsAreWrittenAsTheyAre() {
        List<UnitProgress> units = List.of(unit(1, new double[][] {{1, 0.5}, {1, 1}}));
        List<MetricsWriter.Task> uneven = List.of(new MetricsWriter.Task("a", 480, 1000, 0),
                new MetricsWriter.Task("b", 500, 1000, 0));
        MetricsWriter w = MetricsWriter.of(config(1), "run", uneven, null, units, null);
        assertEquals(List.of("a", "b"), w.metrics().get("tasks"));
        List<Map<String, Object>> samples = (List<Map<String, Object>>) w.metrics().get("task_samples");
        assertEquals(List.of(Map.of("train", 480, "test", 1000), Map.of("train", 500, "test", 1000)), samples);
        assertTrue(w.summary().contains("; 480-500 training and 1000 test samples per task\n"), w.summary());
        MetricsWriter even = MetricsWriter.of(config(1), "run", TASKS, null, units, null);
        assertTrue(even.summary().contains("- data: generated patterns; 10 training and 5 test samples per task\n"),
                even.summary());
    }

    /**
     * A unit of two tasks of two epochs each: task t's epoch 0 has loss 0.4 + t and training accuracy 0.6, 100
     * samples in 1.5 s; its epoch 1 loss 0.2 + t, accuracy 0.8, 100 samples in 0.5 s. Each task's evaluations
     * count {@code activity} (samples, spikes, synaptic operations, multiply-accumulates).
     */
    private static UnitProgress twoEpochUnit(long seed, double[][] rows, long[] activity) {
        UnitProgress p = UnitProgress.start("naive", seed, 2).withRandomInit(new double[] {0.5, 0.25});
        for (int t = 0; t < 2; t++) {
            p = p.withTask(rows[t], List.of(new EpochRecord("naive", seed, t, 0, 0.4 + t, 0.6, 1.5, 100),
                    new EpochRecord("naive", seed, t, 1, 0.2 + t, 0.8, 0.5, 100)), List.of(), List.of(), 3.0,
                    t == 1 ? "h" : null, activity);
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> naive(MetricsWriter w) {
        return (Map<String, Object>) strategies(w).get("naive");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> seed(MetricsWriter w, String seed) {
        return (Map<String, Object>) ((Map<String, Object>) naive(w).get("seeds")).get(seed);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> aggregate(MetricsWriter w) {
        return (Map<String, Object>) naive(w).get("aggregate");
    }

    /**
     * A seed's throughput, activity per inference and per-task results, by hand: 400 samples trained in
     * 2 x (1.5 + 0.5) = 4 s of epochs (not the 6 s of wall time, which evaluations add) are 100 samples/s;
     * 2 x 50 = 100 inferences with 2 x 30 = 60 synaptic operations and 2 x 4 = 8 multiply-accumulates,
     * 0.6 per inference, 60 x 0.9 pJ + 8 x 4.6 pJ = 90.8 pJ, 0.908 pJ per inference. Each task's loss and
     * training accuracy are those of its last epoch (epoch 1), its accuracy after learning R[t][t], its final
     * accuracy R[1][t]; FWT is R[0][1] minus the untrained network's 0.25 on task 1.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aSeedsThroughputActivityAndPerTaskResultsAreTheHandComputedOnes() {
        MetricsWriter w = MetricsWriter.of(config(1), "run", TASKS, null,
                List.of(twoEpochUnit(1, new double[][] {{0.9, 0.3}, {0.6, 0.8}}, new long[] {50, 40, 30, 4})), null);
        Map<String, Object> m = seed(w, "1");
        assertEquals(400L, m.get("train_samples"));
        assertEquals(6.0, (double) m.get("wall_seconds"), 0);
        assertEquals(100.0, (double) m.get("samples_per_second"), 1e-12);
        assertEquals(100L, m.get("inference_samples"));
        assertEquals(80L, m.get("spikes"));
        assertEquals(0.6, (double) m.get("synaptic_operations_per_inference"), 1e-15);
        assertEquals(90.8e-12, (double) m.get("energy_joules"), 1e-24);
        assertEquals(0.908e-12, (double) m.get("energy_joules_per_inference"), 1e-26);
        assertEquals(0.3 - 0.25, (double) m.get("fwt"), 1e-15);
        List<Map<String, Object>> perTask = (List<Map<String, Object>>) m.get("per_task");
        assertEquals(2, perTask.size(), perTask.toString());
        double[][] r = {{0.9, 0.3}, {0.6, 0.8}};
        for (int t = 0; t < 2; t++) {
            Map<String, Object> task = perTask.get(t);
            assertEquals(t, task.get("task"));
            assertEquals(0.2 + t, (double) task.get("final_epoch_loss"), 1e-15);
            assertEquals(0.8, (double) task.get("final_epoch_train_accuracy"), 0);
            assertEquals(r[t][t], (double) task.get("accuracy_after_learning"), 0);
            assertEquals(r[1][t], (double) task.get("final_accuracy"), 0);
        }
    }

    /**
     * A run of one task has that task's results too: its only epoch's loss and training accuracy (0.1 and
     * 0.9 in {@link #unit}), and R[0][0] both after learning and at the end. A task's last epoch is found
     * among its own epochs, which with one task are all the epochs there are.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aRunOfOneTaskHasItsPerTaskResults() {
        MetricsWriter w = MetricsWriter.of(config(1, 1, "", ""), "run", TASKS.subList(0, 1), null,
                List.of(unit(1, new double[][] {{0.7}})), null);
        List<Map<String, Object>> perTask = (List<Map<String, Object>>) seed(w, "1").get("per_task");
        assertEquals(List.of(Map.of("task", 0, "final_epoch_loss", 0.1, "final_epoch_train_accuracy", 0.9,
                "accuracy_after_learning", 0.7, "final_accuracy", 0.7)), perTask);
    }

    /**
     * A seed without evaluations or timed epochs has no throughput and no activity per inference (null,
     * not a division by zero), and the aggregate of a count is null when any seed lacks it.
     */
    @Test
    void perInferenceValuesAndThroughputAreNullWithoutInferencesOrTime() {
        UnitProgress idle = UnitProgress.start("naive", 2, 2).withRandomInit(new double[] {0.5, 0.5});
        for (int t = 0; t < 2; t++) {
            idle = idle.withTask(new double[] {0.5, 0.5}, List.of(new EpochRecord("naive", 2, t, 0, 0.1, 0.9, 0, 100)),
                    List.of(), List.of(), 0, t == 1 ? "h" : null, new long[] {0, 0, 0, 0});
        }
        MetricsWriter w = MetricsWriter.of(config(2), "run", TASKS, null,
                List.of(twoEpochUnit(1, new double[][] {{0.9, 0.3}, {0.6, 0.8}}, new long[] {50, 40, 30, 4}), idle),
                null);
        Map<String, Object> m = seed(w, "2");
        assertTrue(m.containsKey("samples_per_second") && m.get("samples_per_second") == null, m.toString());
        assertEquals(null, m.get("synaptic_operations_per_inference"));
        assertEquals(null, m.get("energy_joules_per_inference"));
        Map<String, Object> aggregate = aggregate(w);
        assertEquals(null, aggregate.get("samples_per_second"));
        assertEquals(null, aggregate.get("energy_joules_per_inference"));
        // Counts every seed has are averaged: (100 + 0) / 2 inferences, (80 + 0) / 2 spikes.
        assertEquals(50.0, (double) aggregate.get("inference_samples"), 0);
        assertEquals(40.0, (double) aggregate.get("spikes"), 0);
    }

    /**
     * Over two seeds the aggregate holds each metric's mean, the forgetting of each task averaged over the
     * seeds (seed 1: 0.9 - 0.6 = 0.3, seed 2: max(0.5) - 0.7 = -0.2, mean 0.05) and the mean matrix;
     * accuracy_matrix.csv has each seed's rows, then the mean's.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theAggregateAveragesTheSeedsForgettingPerTaskCountsAndMatrix() {
        MetricsWriter w = MetricsWriter.of(config(2), "run", TASKS, null,
                List.of(twoEpochUnit(1, new double[][] {{0.9, 0.3}, {0.6, 0.8}}, new long[] {50, 40, 30, 4}),
                        twoEpochUnit(2, new double[][] {{0.5, 0.1}, {0.7, 0.6}}, new long[] {50, 20, 10, 0})), null);
        Map<String, Object> aggregate = aggregate(w);
        assertArrayEquals(new double[] {0.05}, (double[]) aggregate.get("forgetting_per_task"), 1e-15);
        // ACC: seed 1 (0.6 + 0.8) / 2 = 0.7, seed 2 (0.7 + 0.6) / 2 = 0.65; mean 0.675.
        assertEquals(0.675, (double) aggregate.get("acc"), 1e-15);
        assertEquals(0.05, (double) aggregate.get("forgetting"), 1e-15);
        double[][] mean = (double[][]) aggregate.get("accuracy_matrix");
        assertArrayEquals(new double[] {0.7, 0.2}, mean[0], 1e-15);
        assertArrayEquals(new double[] {0.65, 0.7}, mean[1], 1e-15);
        // Synaptic operations (60 + 20) / 2 = 40; their energy (54 + 36.8 + 18) / 2 pJ = 54.4 pJ.
        assertEquals(40.0, (double) aggregate.get("synaptic_operations"), 0);
        assertEquals(54.4e-12, (double) aggregate.get("energy_joules"), 1e-24);
        assertEquals("strategy,seed,after_task,task_0,task_1\n"
                + "naive,1,0,0.900000,0.300000\nnaive,1,1,0.600000,0.800000\n"
                + "naive,2,0,0.500000,0.100000\nnaive,2,1,0.700000,0.600000\n"
                + "naive,mean,0,0.700000,0.200000\nnaive,mean,1,0.650000,0.700000\n", w.matrixCsv());
        String summary = w.summary();
        assertTrue(summary.contains("\n## naive: accuracy matrix (%), mean over seeds\n\n| after task | task 1 |"
                + " task 2 |\n|---|---|---|\n| 1 | 70.0 | 20.0 |\n| 2 | 65.0 | 70.0 |\n"), summary);
    }

    /**
     * summary.md's lines on what was run repeat the config's settings, as the YAML below gives them, and name
     * epoch_accuracy.csv only when every epoch was evaluated; without a provenance there is no made-by line.
     */
    @Test
    void theSummarySaysWhatWasRunAsTheConfigSetIt() {
        ExperimentConfig c = config(1, ", scenario: class_incremental", "threads: 2\nnetwork: {hidden: [16]}\n"
                + "encoder: {steps: 8}\ntraining: {epochs: 3, batch_size: 10, learning_rate: 0.01,"
                + " evaluate_every_epoch: true}\n");
        List<UnitProgress> units = List.of(unit(1, new double[][] {{0.5, 0.5}, {0.6, 0.5}}));
        String summary = MetricsWriter.of(c, "r1", TASKS, null, units, null).summary();
        assertTrue(summary.startsWith("# experiment (run r1)\n\n- synthetic sequence, class-incremental learning,"
                + " 2 tasks: a; b\n- network: hidden [16] lif, readout mean_membrane; encoder rate, T = 8 steps\n"
                + "- training: 3 epochs per task, batch 10, adam lr 0.01; seeds [1], 2 threads\n"
                + "- data: generated patterns; 10 training and 5 test samples per task\n- strategies: naive\n\n|"),
                summary);
        assertTrue(summary.contains("table.tex (the table above in LaTeX), epoch_accuracy.csv (every task after"
                + " every epoch), plots/"), summary);
        assertFalse(MetricsWriter.of(config(1), "r1", TASKS, null, units, null).summary()
                .contains("epoch_accuracy.csv"));
    }

    /** One seed: its matrix alone, in the CSV (no mean rows) and in the summary, named by its seed. */
    @Test
    void oneSeedHasNoMeanMatrix() {
        MetricsWriter w = MetricsWriter.of(config(1), "run", TASKS, null,
                List.of(twoEpochUnit(1, new double[][] {{0.9, 0.3}, {0.6, 0.8}}, new long[] {50, 40, 30, 4})), null);
        assertEquals("strategy,seed,after_task,task_0,task_1\nnaive,1,0,0.900000,0.300000\n"
                + "naive,1,1,0.600000,0.800000\n", w.matrixCsv());
        assertTrue(w.summary().contains("\n## naive: accuracy matrix (%), seed 1\n\n| after task | task 1 | task 2 |"
                + "\n|---|---|---|\n| 1 | 90.0 | 30.0 |\n| 2 | 60.0 | 80.0 |\n"), w.summary());
    }

    /**
     * In class-incremental learning a task's classes cannot be predicted before it is learned: FWT is null
     * for every seed and over the seeds, and the notes say why; in task-incremental learning FWT has a value.
     */
    @Test
    @SuppressWarnings("unchecked")
    void classIncrementalRunsHaveNoForwardTransferAndSaySo() {
        List<UnitProgress> units = List.of(twoEpochUnit(1, new double[][] {{0.9, 0.3}, {0.6, 0.8}},
                new long[] {50, 40, 30, 4}), twoEpochUnit(2, new double[][] {{0.5, 0.1}, {0.7, 0.6}},
                new long[] {50, 20, 10, 0}));
        MetricsWriter w = MetricsWriter.of(config(2, ", scenario: class_incremental"), "run", TASKS, null, units,
                null);
        Map<String, Object> m = seed(w, "1");
        assertTrue(m.containsKey("fwt") && m.get("fwt") == null, m.toString());
        assertEquals(null, aggregate(w).get("fwt"));
        assertEquals(null, ((Map<String, Object>) aggregate(w).get("over_seeds")).get("fwt"));
        assertEquals(List.of(MetricsWriter.FWT_NOTE), w.metrics().get("notes"));
        assertTrue(w.summary().contains("\n- " + MetricsWriter.FWT_NOTE + ".\n"), w.summary());
        MetricsWriter task = MetricsWriter.of(config(2), "run", TASKS, null, units, null);
        assertFalse(task.metrics().get("notes").toString().contains(MetricsWriter.FWT_NOTE), task.summary());
        // FWT of task-incremental seeds: (0.3 - 0.25) and (0.1 - 0.25), mean -0.05.
        assertEquals(-0.05, (double) aggregate(task).get("fwt"), 1e-15);
    }

    /**
     * Task-incremental FWT reads a head that no task has trained yet: metrics.json's notes, summary.md and
     * table.tex say so, and keep the value; domain-incremental FWT, through the head every task trains, has
     * no such note.
     */
    @Test
    void taskIncrementalRunsSayTheirForwardTransferReadsAnUntrainedHead() {
        List<UnitProgress> units = List.of(twoEpochUnit(1, new double[][] {{0.9, 0.3}, {0.6, 0.8}},
                new long[] {50, 40, 30, 4}));
        MetricsWriter task = MetricsWriter.of(config(1, ", scenario: task_incremental"), "run", TASKS, null, units,
                null);
        assertEquals(List.of(MetricsWriter.FWT_NOTE_TASK_INCREMENTAL), task.metrics().get("notes"));
        assertTrue(task.summary().contains("\n- " + MetricsWriter.FWT_NOTE_TASK_INCREMENTAL + ".\n"), task.summary());
        assertTrue(task.latexTable().contains("\n% Note: " + MetricsWriter.FWT_NOTE_TASK_INCREMENTAL + ".\n"),
                task.latexTable());
        // The value stays: R[0][1] - b[1] = 0.3 - 0.25 (the untrained accuracies of twoEpochUnit).
        assertEquals(0.05, (double) seed(task, "1").get("fwt"), 1e-15);
        MetricsWriter domain = MetricsWriter.of(config(1, ", scenario: domain_incremental"), "run", TASKS, null,
                units, null);
        assertEquals(List.of(), domain.metrics().get("notes"));
        assertFalse(domain.summary().contains("fwt measures no transfer"), domain.summary());
        assertFalse(domain.latexTable().contains("% Note: "), domain.latexTable());
        // One task has no FWT to explain, in either scenario that notes it.
        for (String scenario : List.of("task_incremental", "class_incremental")) {
            MetricsWriter one = MetricsWriter.of(config(1, 1, ", scenario: " + scenario, ""), "run",
                    TASKS.subList(0, 1), null, List.of(unit(1, new double[][] {{0.9}})), null);
            assertEquals(List.of(), one.metrics().get("notes"), scenario);
            assertFalse(one.summary().contains(MetricsWriter.FWT_NOTE_TASK_INCREMENTAL)
                    || one.summary().contains(MetricsWriter.FWT_NOTE), one.summary());
        }
    }

    /**
     * The spread over seeds of each summary metric, against the textbook formulas: {0.6, 0.7, 0.8} has mean 0.7,
     * sample sd 0.1 and 95% interval 0.7 -+ t_{0.975, 2} 0.1 / sqrt(3); a metric one seed leaves undefined is null;
     * one seed has its value as mean and no sd or interval.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theSpreadOverSeedsIsTheMeanSampleSdAndStudentInterval() {
        List<Map<String, Object>> seeds = new ArrayList<>();
        double[] acc = {0.8, 0.6, 0.7};
        for (int k = 0; k < 3; k++) {
            Map<String, Object> m = new HashMap<>();
            m.put("acc", acc[k]);
            m.put("bwt", k == 1 ? null : -0.1);
            seeds.add(m);
        }
        Map<String, Object> spread = MetricsWriter.overSeeds(seeds);
        assertEquals(MetricsWriter.SUMMARY_KEYS, List.copyOf(spread.keySet()));
        Map<String, Object> a = (Map<String, Object>) spread.get("acc");
        double half = T_975_2 * 0.1 / Math.sqrt(3);
        assertEquals(0.7, (double) a.get("mean"), 1e-15);
        assertEquals(0.1, (double) a.get("sd"), 1e-15);
        // The t quantile is solved by commons-math to about 1e-9.
        assertEquals(0.7 - half, (double) a.get("ci95_low"), 1e-9);
        assertEquals(0.7 + half, (double) a.get("ci95_high"), 1e-9);
        assertEquals(3, a.get("n"));
        assertTrue(spread.containsKey("bwt") && spread.get("bwt") == null, "undefined for seed 2: " + spread);
        assertEquals(null, spread.get("fwt"), "undefined for every seed");
        Map<String, Object> one = (Map<String, Object>) MetricsWriter.overSeeds(seeds.subList(0, 1)).get("acc");
        assertEquals(0.8, (double) one.get("mean"), 0);
        assertEquals(null, one.get("sd"));
        assertEquals(null, one.get("ci95_low"));
        assertEquals(null, one.get("ci95_high"));
        assertEquals(1, one.get("n"));
    }

    /** Negative zero is written as 0.0 in JSON, in boxed and primitive doubles and in arrays. */
    @Test
    void jsonHasNoNegativeZero() throws Exception {
        String json = JsonFiles.write(Map.of("mean", -0.0, "row", new double[] {-0.0, 0.5},
                "rows", new double[][] {{-0.0}}, "point", new Point(-0.0)));
        assertFalse(json.contains("-0"), json);
        assertEquals(0x0L, Double.doubleToRawLongBits(JsonFiles.MAPPER.readTree(json).get("mean").asDouble()));
    }

    /** A record with a primitive double. */
    record Point(double x) {
    }
}
