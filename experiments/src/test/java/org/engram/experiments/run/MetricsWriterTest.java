package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.engram.experiments.config.ConfigLayers;
import org.engram.experiments.config.ConfigLoader;
import org.engram.experiments.config.ExperimentConfig;
import org.junit.jupiter.api.Test;

/** The aggregate over seeds, checked against hand-computed means. */
class MetricsWriterTest {
    private static final List<MetricsWriter.Task> TASKS = List.of(new MetricsWriter.Task("a", 10, 5),
            new MetricsWriter.Task("b", 10, 5));

    private static ExperimentConfig config(int seeds) {
        StringBuilder list = new StringBuilder("1");
        for (int s = 2; s <= seeds; s++) {
            list.append(", ").append(s);
        }
        String yaml = "seeds: [" + list + "]\n"
                + "data: {dataset: synthetic}\n"
                + "tasks: {sequence: synthetic, count: 2, classes_per_task: 2}\n"
                + "strategies: [{name: naive}]\n";
        return ConfigLayers.resolve(yaml, "t.yaml", List.of(), ConfigLayers.Flags.NONE).config();
    }

    /** A finished unit of two tasks with the given accuracy rows. */
    private static UnitProgress unit(long seed, double[][] rows) {
        UnitProgress p = UnitProgress.start("naive", seed, rows.length).withRandomInit(new double[] {0.5, 0.5});
        for (int t = 0; t < rows.length; t++) {
            p = p.withTask(rows[t], List.of(new EpochRecord("naive", seed, t, 0, 0.1, 0.9, 1.0, 100)), List.of(),
                    1.0, t == rows.length - 1 ? "hash" : null, new long[] {10, 20, 30, 0});
        }
        return p;
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
     * summary.md and table.tex say with which hyperparameters the strategies ran and which build,
     * Java and data made the run, which a paper's methods section needs and metrics.json alone held.
     */
    @Test
    void theSummaryAndTableNameTheStrategiesParametersAndTheBuild() throws Exception {
        Provenance made = new Provenance("1.0", "def5678", "17.0.15", "vm", "os", "amd64", 2, "2026-12-03T00:00:00Z",
                List.of(1L), 1, "BUNDLED_SUBSET", "here", "0123456789abcdef", "fedcba9876543210", "r", List.of(),
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
        List<MetricsWriter.Task> uneven = List.of(new MetricsWriter.Task("a", 480, 1000),
                new MetricsWriter.Task("b", 500, 1000));
        MetricsWriter w = MetricsWriter.of(config(1), "run", uneven, null, units, null);
        assertEquals(List.of("a", "b"), w.metrics().get("tasks"));
        List<Map<String, Object>> samples = (List<Map<String, Object>>) w.metrics().get("task_samples");
        assertEquals(List.of(Map.of("train", 480, "test", 1000), Map.of("train", 500, "test", 1000)), samples);
        assertTrue(w.summary().contains("; 480-500 training and 1000 test samples per task\n"), w.summary());
        MetricsWriter even = MetricsWriter.of(config(1), "run", TASKS, null, units, null);
        assertTrue(even.summary().contains("- data: generated patterns; 10 training and 5 test samples per task\n"),
                even.summary());
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
