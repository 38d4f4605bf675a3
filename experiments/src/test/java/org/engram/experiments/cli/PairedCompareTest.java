package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram compare} also compares rows that share seeds seed by seed ({@code paired.md},
 * {@code paired.tex}, {@code paired.csv}), pairing seeds by number, and leaves its other files as they were
 * but for a line of {@code comparison.md} that points to them.
 *
 * <p>The files under {@code before-paired/} were written by Engram ffda2f3, before paired differences,
 * with {@code engram compare results/reference/quickstart --out DIR}; their run lines name the run by its
 * experiment, id and folder's name, as compare has written them since (before, by its absolute folder).
 * Made again the same way, with that commit's build, if the reference run is;
 * {@code comparison.tex}'s table was written anew when its layout was narrowed (columns 6 pt apart,
 * {@code Learning acc.} on two lines, no space after ±), its numbers unchanged; the metrics' definitions
 * line follows {@code SummaryWriter.DEFINITIONS} as its wording changes.
 */
class PairedCompareTest {
    /** Tests run in the experiments module's folder. */
    private static final String REFERENCE = Path.of("..", "results", "reference", "quickstart").toString();
    /** t_{0.975, 2} and t_{0.975, 1}, quantiles of Student's t from a table, not from the code under test. */
    private static final double T_2 = 4.302652729749464;
    private static final double T_1 = 12.706204736174707;
    /** Differences of a few accuracies, each a multiple of 1/test samples: sums off by a few ulps at most. */
    private static final double TOLERANCE = 1e-12;
    /**
     * Half-widths: the code solves the t quantile numerically to 1e-9 absolute, times sd / sqrt(n) below 1
     * here, so off by less than 1e-9.
     */
    private static final double HALF_WIDTH_TOLERANCE = 1e-9;
    /** What parts a LaTeX row into cells: an ampersand not escaped, and the spaces around it. */
    private static final String CELLS = "\\s*(?<!\\\\)&\\s*";

    @TempDir
    Path dir;

    private static String before(String name) throws IOException {
        try (InputStream in = PairedCompareTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private CliRunner.Result compare(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "compare";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--out";
        all[args.length + 2] = dir.resolve("cmp").toString();
        CliRunner.Result r = CliRunner.run(all);
        assertEquals(0, r.exitCode(), r.err());
        return r;
    }

    /** paired.csv's lines by their row and baseline columns, each line by column. */
    private static Map<String, Map<String, String>> csv(Path folder) throws IOException {
        List<String> lines = Files.readAllLines(folder.resolve("paired.csv"));
        String[] header = lines.get(0).split(",");
        Map<String, Map<String, String>> byPair = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            assertEquals(header.length, fields.length, line);
            Map<String, String> byColumn = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                byColumn.put(header[i], fields[i]);
            }
            byPair.put(fields[0] + " - " + fields[1], byColumn);
        }
        return byPair;
    }

    private static JsonNode seeds(Path run, String strategy) throws IOException {
        return new ObjectMapper().readTree(run.resolve("metrics.json").toFile()).get("strategies").get(strategy)
                .get("seeds");
    }

    @Test
    void existingFilesAreUnchangedButForThePointerLine() throws IOException {
        CliRunner.Result r = compare(REFERENCE);
        Path cmp = Path.of(r.lastLine());
        String pointer = "\nRows that share two or more seeds compared seed by seed over those, with 95% intervals"
                + " of the differences: [paired.md](paired.md) (paired.tex for papers, paired.csv for scripts).\n";
        String md = Files.readString(cmp.resolve("comparison.md"));
        assertTrue(md.contains(pointer), md);
        // The note that the reference's task-incremental FWT measures no transfer came later, on purpose
        // (ComparisonTest checks it): taken out, the files are as they were before the paired ones.
        String fwtNote = "fwt measures no transfer in task-incremental learning";
        assertEquals(before("before-paired/comparison.md"), md.replace(pointer, "")
                .replaceFirst("\n\\*\\*Note:\\*\\* " + fwtNote + "[^\n]*\n", ""));
        assertEquals(before("before-paired/comparison.tex"), Files.readString(cmp.resolve("comparison.tex"))
                .replaceFirst("\n% Note: " + fwtNote + "[^\n]*", ""));
        assertEquals(before("before-error-option/comparison.csv"), Files.readString(cmp.resolve("comparison.csv")));
        assertTrue(r.out().contains("\nRows that share two or more seeds, compared seed by seed over those: "
                + cmp.resolve("paired.md") + "\n" + cmp + "\n"), r.out());
        String tex = Files.readString(cmp.resolve("paired.tex"));
        assertTrue(tex.contains("\n\\multicolumn{6}{@{}l@{}}{\\emph{Baseline: naive}} \\\\\newc & $"), tex);
        assertTrue(tex.contains("\n\\multicolumn{6}{@{}l@{}}{\\emph{Baseline: si}} \\\\\nhlop & $"), tex);
    }

    /**
     * si minus naive on the reference run's three seeds, from metrics.json's per-seed ACC and learning
     * accuracy by the
     * textbook formulas: mean, sample sd (divided by n - 1), half-width t_{0.975, 2} sd / sqrt(3).
     */
    @Test
    void referenceDifferencesMatchTheSeedsValues() throws IOException {
        Path cmp = Path.of(compare(REFERENCE).lastLine());
        JsonNode naive = seeds(Path.of(REFERENCE), "naive");
        JsonNode si = seeds(Path.of(REFERENCE), "si");
        Map<String, String> line = csv(cmp).get("si - naive");
        for (String metric : List.of("acc", "learning_accuracy")) {
            double[] d = new double[3];
            for (int s = 1; s <= 3; s++) {
                d[s - 1] = si.get(Integer.toString(s)).get(metric).asDouble()
                        - naive.get(Integer.toString(s)).get(metric).asDouble();
            }
            double mean = (d[0] + d[1] + d[2]) / 3;
            double sd = Math.sqrt(((d[0] - mean) * (d[0] - mean) + (d[1] - mean) * (d[1] - mean)
                    + (d[2] - mean) * (d[2] - mean)) / 2);
            assertEquals(mean, Double.parseDouble(line.get(metric + "_difference_mean")), TOLERANCE);
            assertEquals(sd, Double.parseDouble(line.get(metric + "_difference_sd")), TOLERANCE);
            assertEquals(T_2 * sd / Math.sqrt(3), Double.parseDouble(line.get(metric + "_difference_ci95_half_width")),
                    HALF_WIDTH_TOLERANCE);
            assertEquals(Boolean.toString(Math.abs(mean) > T_2 * sd / Math.sqrt(3)), line.get(metric
                    + "_excludes_zero"));
        }
        assertEquals(6, csv(cmp).size(), "every pair of four rows");
    }

    @Test
    void namesAreShownAndErrorLeavesTheIntervalsAt95() throws IOException {
        Path plain = Path.of(compare(REFERENCE, "--name", "naive=Fine-tuning").lastLine());
        String md = Files.readString(plain.resolve("paired.md"));
        assertTrue(md.contains("\n| ewc | Fine-tuning | 3 | "), md);
        Map<String, String> line = csv(plain).get("si - Fine-tuning");
        assertEquals("naive", line.get("baseline_strategy"));
        Path sd = Path.of(compare(REFERENCE, "--name", "naive=Fine-tuning", "--error", "sd").lastLine());
        assertEquals(md, Files.readString(sd.resolve("paired.md")));
        String tex = Files.readString(plain.resolve("paired.tex"));
        assertTrue(tex.contains("\\emph{Baseline: Fine-tuning}"), tex);
        assertEquals(tex, Files.readString(sd.resolve("paired.tex")));
        assertEquals(Files.readString(plain.resolve("paired.csv")), Files.readString(sd.resolve("paired.csv")));
    }

    /** --baseline: every row against the one named as the table shows it; a row the table lacks is refused. */
    @Test
    void aBaselineChosenIsEveryRowsBaseline() throws IOException {
        Path cmp = Path.of(compare(REFERENCE, "--name", "si=SI", "--baseline", "SI").lastLine());
        Map<String, Map<String, String>> lines = csv(cmp);
        assertEquals(Set.of("naive - SI", "ewc - SI", "hlop - SI"), lines.keySet());
        JsonNode naive = seeds(Path.of(REFERENCE), "naive");
        JsonNode si = seeds(Path.of(REFERENCE), "si");
        double mean = 0;
        for (String seed : List.of("1", "2", "3")) {
            mean += (naive.get(seed).get("acc").asDouble() - si.get(seed).get("acc").asDouble()) / 3;
        }
        assertEquals(mean, Double.parseDouble(lines.get("naive - SI").get("acc_difference_mean")), TOLERANCE);
        assertTrue(Files.readString(cmp.resolve("paired.md")).contains("compared with the baseline chosen"
                + " (--baseline), SI, only."));
        Path out = dir.resolve("refused");
        CliRunner.Result refused = CliRunner.run("compare", REFERENCE, "--baseline", "si", "--name", "si=SI", "--out",
                out.toString());
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("engram compare: --baseline: expected a row of the comparison as its table"
                + " shows it, one of [naive, ewc, SI, hlop], found 'si'; --name renames that row: the table shows it"
                + " as 'SI'"), refused.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    /**
     * Run A has seeds [1, 2], run B the same in the order [2, 1], run C others: A's and B's rows are
     * paired seed 1 with seed 1 (by position they would pair 1 with 2), C's row is named as unpaired.
     * With two seeds the half-width is t_{0.975, 1} |d1 - d2| / 2.
     */
    @Test
    void seedsArePairedByNumberAndOtherSeedSetsAreNot() throws IOException {
        Path a = run("a", "seeds: [1, 2]", "naive");
        Path b = run("b", "seeds: [2, 1]", "ewc");
        Path c = run("c", "seeds: [3, 4]", "si");
        Path cmp = Path.of(compare(a.toString(), b.toString(), c.toString()).lastLine());
        JsonNode naive = seeds(a, "naive");
        JsonNode ewc = seeds(b, "ewc");
        double d1 = ewc.get("1").get("acc").asDouble() - naive.get("1").get("acc").asDouble();
        double d2 = ewc.get("2").get("acc").asDouble() - naive.get("2").get("acc").asDouble();
        // B lists seed 2 first: by position, its seed 2 would meet A's seed 1.
        double p1 = ewc.get("2").get("acc").asDouble() - naive.get("1").get("acc").asDouble();
        double p2 = ewc.get("1").get("acc").asDouble() - naive.get("2").get("acc").asDouble();
        assertNotEquals(Math.abs(d1 - d2), Math.abs(p1 - p2), "pairing by position must be told apart");
        Map<String, Map<String, String>> lines = csv(cmp);
        assertEquals(List.of("ewc [B] - naive [A]"), List.copyOf(lines.keySet()));
        Map<String, String> line = lines.get("ewc [B] - naive [A]");
        assertEquals(T_1 * Math.abs(d1 - d2) / 2, Double.parseDouble(line.get("acc_difference_ci95_half_width")),
                HALF_WIDTH_TOLERANCE);
        assertEquals("1 2", line.get("seed_list"));
        // A baseline named by a run's own tag after --name renamed it: the row it was, not the closest (naive [B]).
        CliRunner.Result renamed = CliRunner.run("compare", a.toString(), b.toString(), "--name", "A=run one",
                "--baseline", "naive [A]", "--out", dir.resolve("renamed").toString());
        assertEquals(2, renamed.exitCode(), renamed.err());
        assertTrue(renamed.err().contains("found 'naive [A]'; --name renames that row: the table shows it as"
                + " 'naive [run one]'"), renamed.err());
        String md = Files.readString(cmp.resolve("paired.md"));
        assertTrue(md.contains("\n- si [C]: over seeds [3, 4], which no other row shares two or more of\n"), md);
        // The runs' configs differ in seeds and strategies, which comparison.md notes, but a strategy's draws
        // follow the seed alone: the caveat on what the seeds draw does not name them (a build of uncommitted
        // changes, as a test's may be, is named).
        assertTrue(Files.readString(cmp.resolve("comparison.md")).contains("the runs' configs differ in "));
        assertFalse(md.contains("configs differ"), md);
        // Another number of epochs trains on other batches after the first epoch: the caveat names it.
        Path d = TinyRuns.run(dir, "d", "name: paired-d\n" + TinyRuns.ONE_SEED.replace("seeds: [1]", "seeds: [1, 2]")
                .replace("epochs: 1", "epochs: 2") + "strategies: [{name: ewc}]\n");
        String caveat = Files.readString(Path.of(compare(a.toString(), d.toString()).lastLine()).resolve("paired.md"));
        assertTrue(caveat.contains("\nRows of different runs are paired by the numbers of their seeds, but the runs"
                + " differ in more than their strategies (the runs' configs differ in training.epochs (A: 1, B: 2)"),
                caveat);
    }

    /**
     * A strategy whose run lacks a seed (B: ewc over seeds 1 and 2) against runs over 1, 2, 3: paired over
     * seeds 1 and 2, from metrics.json's per-seed ACC by hand (mean of the two differences, half-width
     * t_{0.975, 1} |d1 - d2| / 2), with the seed left out named in every paired file; the narrow tables
     * hold the one-line tables' rows, each half-width on the line under its mean.
     */
    @Test
    void partialSeedSetsArePairedOverTheSeedsTheyShare() throws IOException {
        Path a = run("a", "seeds: [1, 2, 3]", "naive");
        Path b = run("b", "seeds: [1, 2]", "ewc");
        Path cmp = Path.of(compare(a.toString(), b.toString()).lastLine());
        JsonNode naive = seeds(a, "naive");
        JsonNode ewc = seeds(b, "ewc");
        double d1 = ewc.get("1").get("acc").asDouble() - naive.get("1").get("acc").asDouble();
        double d2 = ewc.get("2").get("acc").asDouble() - naive.get("2").get("acc").asDouble();
        Map<String, Map<String, String>> lines = csv(cmp);
        assertEquals(Set.of("ewc [B] - naive [A]"), lines.keySet());
        Map<String, String> line = lines.get("ewc [B] - naive [A]");
        assertEquals((d1 + d2) / 2, Double.parseDouble(line.get("acc_difference_mean")), TOLERANCE);
        assertEquals(T_1 * Math.abs(d1 - d2) / 2, Double.parseDouble(line.get("acc_difference_ci95_half_width")),
                HALF_WIDTH_TOLERANCE);
        assertEquals("1 2", line.get("seed_list"));
        assertEquals("", line.get("row_seeds_left_out"));
        assertEquals("3", line.get("baseline_seeds_left_out"));
        String note = "over the seeds both rows of a pair share, 1, 2: seed 3 of naive [A] is left out";
        assertTrue(Files.readString(cmp.resolve("paired.md")).contains(note), "paired.md names the seed left out");
        String tex = Files.readString(cmp.resolve("paired.tex"));
        assertTrue(tex.contains("\n% Rows over other seeds are paired " + note), tex);
        assertTrue(tex.contains("\n% Every pair is over seeds 1, 2, which the caption should say.\n"), tex);
        for (String name : List.of("comparison", "paired")) {
            List<String> wide = body(cmp.resolve(name + ".tex"));
            List<String> narrow = body(cmp.resolve(name + "-narrow.tex"));
            assertEquals(2 * wide.size(), narrow.size(), name + ": one line of half-widths under each row");
            for (int i = 0; i < wide.size(); i++) {
                String[] one = wide.get(i).replace(" \\\\", "").split(CELLS, -1);
                String[] means = narrow.get(2 * i).replace(" \\\\", "").split(CELLS, -1);
                String[] halves = narrow.get(2 * i + 1).replace(" \\\\[2pt]", "").split(CELLS, -1);
                assertEquals(one.length, halves.length, narrow.get(2 * i + 1));
                for (int k = 0; k < one.length; k++) {
                    // $86.2{\scriptstyle\,\pm 10.1}$ is $86.2$ over $\scriptstyle\pm 10.1$.
                    String joined = means[k].startsWith("$") && !halves[k].isEmpty() ? means[k].replace("$", "")
                            + "{\\scriptstyle\\," + halves[k].replace("$\\scriptstyle", "").replace("$", "") + "}"
                            : means[k];
                    assertEquals(one[k].replace("$", ""), joined.replace("$", ""), wide.get(i));
                }
            }
        }
    }

    /** The rows of a LaTeX table: the lines between \midrule and \bottomrule but its baselines' headings. */
    private static List<String> body(Path tex) throws IOException {
        List<String> lines = Files.readAllLines(tex);
        return lines.subList(lines.indexOf("\\midrule") + 1, lines.indexOf("\\bottomrule")).stream()
                .filter(l -> !l.startsWith("\\multicolumn") && !l.equals("\\addlinespace")).toList();
    }

    /**
     * Runs of one scenario, sequence and data whose tasks differ (B learns classes 4 to 7, A and C 0 to 3)
     * measure different things, as comparison.md notes: B's row is not paired with theirs, and the files
     * name its tasks (they had paired it, under a heading that named the tasks as "their tasks ?").
     */
    @Test
    void rowsOfRunsOfOtherTasksAreNotPaired() throws IOException {
        Path a = run("a", "seeds: [1, 2]", "naive");
        Path b = TinyRuns.run(dir, "b", "name: paired-b\n" + TinyRuns.ONE_SEED.replace("seeds: [1]", "seeds: [1, 2]")
                .replace("classes_per_task: 2,", "classes_per_task: 2, groups: [[4, 5], [6, 7]],")
                + "strategies: [{name: ewc}]\n");
        Path c = run("c", "seeds: [1, 2]", "si");
        Path cmp = Path.of(compare(a.toString(), b.toString(), c.toString()).lastLine());
        assertTrue(Files.readString(cmp.resolve("comparison.md")).contains("the runs differ in their tasks"));
        assertEquals(Set.of("si [C] - naive [A]"), csv(cmp).keySet());
        String md = Files.readString(cmp.resolve("paired.md"));
        assertTrue(md.contains("\n## Seeds [1, 2], tasks classes 0,1, classes 2,3\n"), md);
        assertTrue(md.contains("\n- ewc [B]: over seeds [1, 2], which no other row of tasks classes 4,5, classes 6,7"
                + " shares two or more of\n"), md);
        assertFalse(md.contains("?"), md);
    }

    /**
     * The same data found another way (B's through data.path, A's as the bundled subset) has the same
     * digest and is the same data: the runs' rows are paired, under no heading of data.
     */
    @Test
    void rowsOfTheSameDataFoundElsewhereArePaired() throws IOException {
        Path a = run("a", "seeds: [1, 2]", "naive");
        Path elsewhere = RunCopies.withDataElsewhere(run("b", "seeds: [1, 2]", "ewc"), dir.resolve("elsewhere"));
        CliRunner.Result r = compare(a.toString(), elsewhere.toString());
        assertTrue(r.err().contains("the runs differ in data (A: bundled_subset "), r.err());
        Path cmp = Path.of(r.lastLine());
        assertEquals(Set.of("ewc [B] - naive [A]"), csv(cmp).keySet());
        assertTrue(Files.readString(cmp.resolve("paired.md")).contains("\n## Seeds [1, 2]\n"));
    }

    @Test
    void oneSeedWritesNoPairedFiles() throws IOException {
        Path run = TinyRuns.run(dir, "one", "name: one\n" + TinyRuns.ONE_SEED
                + "strategies: [{name: naive}, {name: ewc}]\n");
        CliRunner.Result r = compare(run.toString());
        Path cmp = Path.of(r.lastLine());
        assertFalse(Files.exists(cmp.resolve("paired.md")));
        assertFalse(Files.exists(cmp.resolve("paired.csv")));
        assertFalse(Files.exists(cmp.resolve("paired.tex")));
        assertFalse(Files.readString(cmp.resolve("comparison.md")).contains("paired"));
        assertFalse(r.out().contains("seed by seed"), r.out());
    }

    private Path run(String name, String seeds, String strategy) throws IOException {
        return TinyRuns.run(dir, name, "name: paired-" + name + "\n" + TinyRuns.ONE_SEED.replace("seeds: [1]", seeds)
                + "strategies: [{name: " + strategy + "}]\n");
    }
}
