package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.engram.experiments.config.ConfigLayers;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files a run writes from a hand-made result of two strategies over two seeds of two tasks, every number
 * worked out by hand: each seed's ACC, BWT, FWT, forgetting and learning accuracy from its matrix, their means
 * over the seeds and 95% intervals by Student's t, and the cells of summary.md and table.tex that show them.
 *
 * <p>With two seeds the interval's half-width has a closed form: t(0.975, 1) = tan(0.475 pi) = 12.7062 (the
 * quantile of Student's t with one degree of freedom, a Cauchy variable, is tan(pi (p - 1/2))), and the sample
 * sd of a and b is |a - b| / sqrt(2), so the half-width is t |a - b| / 2.
 */
class RunFilesByHandTest {
    private static final double T_975_1 = Math.tan(0.475 * Math.PI);
    static final double[] UNTRAINED = {0.5, 0.25};
    private static final List<MetricsWriter.Task> TASKS = List.of(new MetricsWriter.Task("a", 10, 5, 0),
            new MetricsWriter.Task("b", 10, 5, 0));
    /**
     * naive, seed 1: rows (0.9, 0.3), (0.6, 0.8): ACC 0.7, BWT 0.6 - 0.9 = -0.3, FWT 0.3 - 0.25 = 0.05,
     * forgetting 0.3, learning accuracy (0.9 + 0.8) / 2 = 0.85; seed 2: (0.8, 0.2), (0.4, 0.9): 0.65, -0.4, -0.05,
     * 0.4, 0.85. ewc, seed 1: (0.9, 0.3), (0.8, 0.7): 0.75, -0.1, 0.05, 0.1, 0.8; seed 2: (0.7, 0.4), (0.7, 0.9):
     * 0.8, 0, 0.15, 0, 0.8.
     */
    static final double[][][][] ROWS = {
        {{{0.9, 0.3}, {0.6, 0.8}}, {{0.8, 0.2}, {0.4, 0.9}}},
        {{{0.9, 0.3}, {0.8, 0.7}}, {{0.7, 0.4}, {0.7, 0.9}}}};
    /** Each strategy's seeds' ACC, BWT, FWT, forgetting and learning accuracy, as worked out above. */
    private static final double[][][] SEED_METRICS = {
        {{0.7, -0.3, 0.05, 0.3, 0.85}, {0.65, -0.4, -0.05, 0.4, 0.85}},
        {{0.75, -0.1, 0.05, 0.1, 0.8}, {0.8, 0, 0.15, 0, 0.8}}};
    private static final List<String> LABELS = List.of("naive", "ewc");

    /** A config of two synthetic tasks, seeds 1 and 2, with more keys of {@code tasks} and more top-level lines. */
    private static ExperimentConfig config(String strategies, String tasks, String more) {
        String yaml = "seeds: [1, 2]\ndata: {dataset: synthetic}\n"
                + "tasks: {sequence: synthetic, count: 2, classes_per_task: 2, scenario: domain_incremental" + tasks
                + "}\nstrategies: [" + strategies + "]\n" + more;
        return ConfigLayers.resolve(yaml, "t.yaml", List.of(), ConfigLayers.Flags.NONE).config();
    }

    /**
     * A finished unit: one epoch per task of 100 samples in 1 s (100 samples/s), 1 s of wall time per task, every
     * epoch's evaluation its matrix row, and with validation rows their own matrix and epoch evaluations.
     */
    private static UnitProgress unit(String label, long seed, double[][] rows, double[][] validation) {
        return unit(label, seed, UNTRAINED, rows, validation);
    }

    /** A finished unit as {@link #unit(String, long, double[][], double[][])} with other untrained accuracies. */
    private static UnitProgress unit(String label, long seed, double[] untrained, double[][] rows,
                                     double[][] validation) {
        UnitProgress p = UnitProgress.start(label, seed, 2).withRandomInit(untrained);
        if (validation != null) {
            p = p.withValidationRandomInit(untrained);
        }
        for (int t = 0; t < 2; t++) {
            p = p.withTask(rows[t], List.of(new EpochRecord(label, seed, t, 0, 0.1, 0.9, 1.0, 100)),
                    List.of(rows[t]), validation == null ? List.of() : List.of(validation[t]), 1.0,
                    t == 1 ? "hash" : null, new long[] {10, 20, 30, 0});
            if (validation != null) {
                p = p.withValidationRow(validation[t]);
            }
        }
        return p;
    }

    /**
     * Writes the folder of a hand-made run of naive and ewc over seeds 1 and 2 that evaluates after every epoch
     * and, given validation rows, holds samples out for validation.
     *
     * @param results    the results root
     * @param untrained  every unit's accuracies before training
     * @param rows       each strategy's seeds' matrices, as {@link #ROWS}
     * @param validation every unit's validation matrix, or null for none
     * @return the run folder, experiment {@code e}, run {@code r1}
     */
    static RunFolder written(Path results, double[] untrained, double[][][][] rows, double[][] validation) {
        List<UnitProgress> units = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            for (int seed = 1; seed <= 2; seed++) {
                units.add(unit(LABELS.get(s), seed, untrained, rows[s][seed - 1], validation));
            }
        }
        ExperimentConfig c = config("{name: naive}, {name: ewc}", validation == null ? "" : ", validation: 0.2",
                "training: {evaluate_every_epoch: true}\n");
        RunFolder folder = RunFolder.create(results, "e", "r1");
        MetricsWriter.of(c, "r1", TASKS, null, units, null).write(folder);
        return folder;
    }

    private static MetricsWriter twoByTwo(Provenance provenance) {
        List<UnitProgress> units = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            for (int seed = 1; seed <= 2; seed++) {
                units.add(unit(LABELS.get(s), seed, ROWS[s][seed - 1], null));
            }
        }
        return MetricsWriter.of(config("{name: naive}, {name: ewc}", "", ""), "r1", TASKS, null, units, provenance);
    }

    /** metrics.json's spread over seeds: each mean, sd |a - b| / sqrt(2) and interval mean -+ t sd / sqrt(2). */
    @Test
    @SuppressWarnings("unchecked")
    void theSpreadOverSeedsIsTheHandComputedOne() {
        Map<String, Object> strategies = (Map<String, Object>) twoByTwo(null).metrics().get("strategies");
        assertEquals(LABELS, List.copyOf(strategies.keySet()));
        for (int s = 0; s < 2; s++) {
            Map<String, Object> over = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) strategies
                    .get(LABELS.get(s))).get("aggregate")).get("over_seeds");
            for (int k = 0; k < MetricsWriter.VALIDATION_KEYS.size(); k++) {
                String at = LABELS.get(s) + " " + MetricsWriter.VALIDATION_KEYS.get(k);
                double a = SEED_METRICS[s][0][k];
                double b = SEED_METRICS[s][1][k];
                Map<String, Object> spread = (Map<String, Object>) over.get(MetricsWriter.VALIDATION_KEYS.get(k));
                assertEquals((a + b) / 2, (double) spread.get("mean"), 1e-15, at);
                assertEquals(Math.abs(a - b) / Math.sqrt(2), (double) spread.get("sd"), 1e-15, at);
                // The t quantile is solved by commons-math to about 1e-9 (relative), and t |a - b| / 2 < 1.
                assertEquals((a + b) / 2 - T_975_1 * Math.abs(a - b) / 2, (double) spread.get("ci95_low"), 1e-8, at);
                assertEquals((a + b) / 2 + T_975_1 * Math.abs(a - b) / 2, (double) spread.get("ci95_high"), 1e-8, at);
                assertEquals(2, spread.get("n"), at);
            }
        }
    }

    /**
     * summary.md's table and table.tex's rows, by hand from the metrics above: naive's ACC (0.7 + 0.65) / 2 =
     * 67.5% with half-width 12.7062 x 0.05 / 2 = 31.8; BWT -35.0, FWT 0.0, forgetting 35.0, each 12.7062 x 0.1 / 2
     * = 63.5; learning accuracy 85.0 +- 0.0. ewc: 77.5 +- 31.8, -5.0 +- 63.5, 10.0 +- 63.5, 5.0 +- 63.5,
     * 80.0 +- 0.0. Both: 2 s of wall time, 200 samples in 2 s of epochs.
     */
    @Test
    void theTablesCellsAreTheHandComputedOnes() {
        MetricsWriter w = twoByTwo(null);
        String[][] cells = {{"67.5", "31.8", "-35.0", "63.5", "0.0", "63.5", "35.0", "63.5", "85.0", "0.0"},
            {"77.5", "31.8", "-5.0", "63.5", "10.0", "63.5", "5.0", "63.5", "80.0", "0.0"}};
        String summary = w.summary();
        String latex = w.latexTable();
        for (int s = 0; s < 2; s++) {
            StringBuilder md = new StringBuilder("| " + LABELS.get(s) + " | 2 |");
            StringBuilder tex = new StringBuilder(LABELS.get(s));
            for (int k = 0; k < 5; k++) {
                md.append(' ').append(cells[s][2 * k]).append(" ± ").append(cells[s][2 * k + 1]).append(" |");
                tex.append(" & $").append(cells[s][2 * k]).append("{\\scriptstyle\\,\\pm ")
                        .append(cells[s][2 * k + 1]).append("}$");
            }
            md.append(" 2.0 ± 0.0 | 100 ± 0 |\n");
            assertTrue(summary.contains("\n" + md), md + " in\n" + summary);
            assertTrue(latex.contains("\n" + tex + " \\\\\n"), tex + " in\n" + latex);
        }
        assertTrue(latex.contains("\n% Every row is over 2 seeds, which the caption should say.\n"), latex);
        assertFalse(latex.contains("Made by") || latex.contains("held out"), latex);
    }

    /**
     * per_seed.csv has a line per strategy and seed, in the order of the config and the seeds, each with the run's
     * id and the seed's own metrics (not the mean's), as worked out above.
     */
    @Test
    void perSeedCsvHoldsEachSeedsOwnMetrics() {
        List<String> lines = twoByTwo(null).perSeedCsv().lines().toList();
        assertEquals("strategy,run_tag,run,seed,acc,bwt,fwt,forgetting,learning_accuracy", lines.get(0));
        assertEquals(5, lines.size(), lines.toString());
        for (int s = 0; s < 2; s++) {
            for (int seed = 1; seed <= 2; seed++) {
                String[] f = lines.get(1 + 2 * s + seed - 1).split(",", -1);
                assertEquals(List.of(LABELS.get(s), "", "r1", Integer.toString(seed)), List.of(f).subList(0, 4));
                for (int k = 0; k < 5; k++) {
                    assertEquals(SEED_METRICS[s][seed - 1][k], Double.parseDouble(f[4 + k]), 1e-15,
                            LABELS.get(s) + " seed " + seed + " column " + k);
                }
            }
        }
    }

    /**
     * The summary's threads: 1 per unit and, with --jobs 3 over the 2 x 2 = 4 units, 3 at once; --jobs 8 trains
     * the 4 there are. A strategy's parameter that is a text is shown as the text, without JSON's quotes.
     */
    @Test
    void theSummarySaysHowManyUnitsTrainedAtOnceAndTextParametersAsWritten() {
        assertTrue(twoByTwo(provenance(3)).summary().contains(", 1 thread per unit, 3 units at once\n"));
        assertTrue(twoByTwo(provenance(8)).summary().contains(", 1 thread per unit, 4 units at once\n"));
        assertTrue(twoByTwo(provenance(1)).summary().contains("; seeds [1, 2], 1 thread\n"));
        Map<String, Object> strategies = new LinkedHashMap<>();
        strategies.put("s", Map.of("name", "s", "params", JsonFiles.MAPPER.createObjectNode().put("mode", "online")
                .set("sizes", JsonFiles.MAPPER.createArrayNode().add(1).add(2))));
        assertEquals("s (mode online, sizes [1,2])", SummaryWriter.strategies(strategies));
    }

    private static Provenance provenance(int jobs) {
        return new Provenance("1.0", "abc", "17", "vm", "os", "amd64", 2, "2026-12-03T00:00:00Z", List.of(1L, 2L), 1,
                jobs, "GENERATED", "generator", null, "0123456789abcdef", "r", List.of(), null, List.of(),
                List.of("abc"));
    }

    /**
     * The files a run's results make are those its summary names, and back: a run without validation samples or
     * evaluations after every epoch writes none of their files and names none; one with both writes and names all,
     * with every epoch's accuracies, the test samples' and the validation samples', as the units hold them, and its
     * table.tex says its networks trained without the held-out samples.
     */
    @Test
    void theFilesWrittenAreThoseTheSummaryNames(@TempDir Path dir) throws IOException {
        RunFolder plain = RunFolder.create(dir, "plain", "r1");
        twoByTwo(null).write(plain);
        assertEquals(Set.of("metrics.json", "accuracy_matrix.csv", "per_seed.csv", "log.csv", "table.tex"),
                namedAndWritten(plain));

        double[][] validation = {{0.75, 0.5}, {0.625, 0.875}};
        MetricsWriter w = MetricsWriter.of(config("{name: naive}", ", validation: 0.2",
                "training: {evaluate_every_epoch: true}\n"), "r2", TASKS, null,
                List.of(unit("naive", 1, ROWS[0][0], validation), unit("naive", 2, ROWS[0][1], validation)), null);
        RunFolder both = RunFolder.create(dir, "both", "r2");
        w.write(both);
        assertEquals(Set.of("metrics.json", "accuracy_matrix.csv", "per_seed.csv", "log.csv", "table.tex",
                "epoch_accuracy.csv", "accuracy_matrix_validation.csv", "epoch_accuracy_validation.csv"),
                namedAndWritten(both));
        assertEquals("strategy,seed,task,epoch,task_0,task_1\n"
                + "naive,1,0,0,0.900000,0.300000\nnaive,1,1,0,0.600000,0.800000\n"
                + "naive,2,0,0,0.800000,0.200000\nnaive,2,1,0,0.400000,0.900000\n",
                Files.readString(both.directory().resolve("epoch_accuracy.csv")));
        assertEquals("strategy,seed,task,epoch,task_0,task_1\n"
                + "naive,1,0,0,0.750000,0.500000\nnaive,1,1,0,0.625000,0.875000\n"
                + "naive,2,0,0,0.750000,0.500000\nnaive,2,1,0,0.625000,0.875000\n",
                Files.readString(both.directory().resolve("epoch_accuracy_validation.csv")));
        assertTrue(Files.readString(both.directory().resolve("table.tex")).contains("\n% Trained without the"
                + " samples tasks.validation 0.2 held out for validation (round(0.2 x n) of each class of n training"
                + " samples in every task); " + SummaryWriter.HELD_OUT_NOTE + ".\n"), w.latexTable());
    }

    /**
     * The result files in a folder, checked to be the ones its summary.md's list of files names (beside the
     * summary itself, and the config, data record and status, which others write).
     */
    private static Set<String> namedAndWritten(RunFolder folder) throws IOException {
        Set<String> written = new TreeSet<>();
        try (Stream<Path> files = Files.list(folder.directory())) {
            files.map(f -> f.getFileName().toString()).forEach(written::add);
        }
        assertTrue(written.remove("summary.md"), written.toString());
        String summary = Files.readString(folder.directory().resolve("summary.md"));
        String list = summary.lines().filter(l -> l.startsWith("- Files: ")).findFirst().orElseThrow();
        Set<String> named = new TreeSet<>();
        Matcher m = Pattern.compile("[a-z_]+\\.(?:json|csv|tex)").matcher(list);
        while (m.find()) {
            named.add(m.group());
        }
        named.removeAll(Set.of("data.json", "status.json"));
        assertEquals(named, written, list);
        return written;
    }

    /**
     * table.tex warns of names pdflatex cannot print without packages: a label with a letter outside ASCII and
     * Greek (ï), not one with Greek letters only, which it sets in math mode.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theLatexTableWarnsOfNamesOutsideAsciiAndGreekOnly() {
        Map<String, Object> strategies = (Map<String, Object>) twoByTwo(null).metrics().get("strategies");
        String note = "% Names hold letters outside ASCII and Greek";
        Map<String, Object> greek = new LinkedHashMap<>();
        greek.put("EWC (λ = 100)", strategies.get("ewc"));
        String latex = ResultTable.of(greek).latex("greek");
        assertFalse(latex.contains(note), latex);
        assertTrue(latex.contains("\nEWC ($\\lambda$ = 100) & $77.5"), latex);
        Map<String, Object> accent = new LinkedHashMap<>(greek);
        accent.put("naïve", strategies.get("naive"));
        assertTrue(ResultTable.of(accent).latex("accent").contains(note));
    }

    /**
     * What the run writes reads back as it was made: each strategy's seeds and matrices. A seed's metric or a spread
     * over seeds edited afterwards, so that it no longer follows from the matrices (or the seeds' values), is refused
     * by key, as compare and plot would show it beside figures drawn from the matrices.
     */
    @Test
    void theFilesReadBackAndRefuseAMetricTheMatricesDoNotGive(@TempDir Path dir) throws IOException {
        RunFolder folder = RunFolder.create(dir, "e", "r1");
        twoByTwo(null).write(folder);
        RunResults read = RunResults.read(folder.directory());
        assertEquals(LABELS, read.strategies().stream().map(RunResults.Strategy::label).toList());
        for (int s = 0; s < 2; s++) {
            RunResults.Strategy strategy = read.strategies().get(s);
            assertEquals(List.of(1L, 2L), strategy.seeds());
            for (int seed = 0; seed < 2; seed++) {
                for (int i = 0; i < 2; i++) {
                    assertArrayEquals(ROWS[s][seed][i], strategy.matrices().get(seed).row(i), 0);
                }
            }
        }
        Path metrics = folder.directory().resolve("metrics.json");
        String written = Files.readString(metrics);
        for (String key : List.of("acc", "bwt", "fwt", "forgetting", "learning_accuracy")) {
            ObjectNode root = (ObjectNode) JsonFiles.MAPPER.readTree(written);
            ((ObjectNode) root.at("/strategies/ewc/seeds/2")).put(key, 0.3125);
            Files.writeString(metrics, JsonFiles.write(root));
            String message = assertThrows(EngramException.class, () -> RunResults.read(folder.directory()))
                    .getMessage();
            assertTrue(message.contains("strategies.ewc.seeds.2." + key + ": expected the value its accuracy_matrix")
                    && message.contains("found 0.3125"), message);
        }
        ObjectNode root = (ObjectNode) JsonFiles.MAPPER.readTree(written);
        ((ObjectNode) root.at("/strategies/naive/aggregate/over_seeds/bwt")).put("mean", -0.3125);
        Files.writeString(metrics, JsonFiles.write(root));
        String message = assertThrows(EngramException.class, () -> RunResults.read(folder.directory())).getMessage();
        assertTrue(message.contains("strategies.naive.aggregate.over_seeds.bwt.mean: expected the value the seeds'"
                + " values (seed 1: -0.30000000000000004, seed 2: -0.4) give"), message);
        ((ObjectNode) root.at("/strategies/naive/aggregate/over_seeds/bwt")).put("mean", -1.5);
        Files.writeString(metrics, JsonFiles.write(root));
        message = assertThrows(EngramException.class, () -> RunResults.read(folder.directory())).getMessage();
        assertTrue(message.contains("strategies.naive.aggregate.over_seeds.bwt.mean: expected a difference of"
                + " accuracies in [-1, 1], found -1.5"), message);
    }
}
