package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.engram.experiments.metrics.ErrorMeasure;
import org.junit.jupiter.api.Test;

/**
 * The table of {@code comparison.md} and {@code comparison.tex} against cells written out by hand from
 * known spreads: means in percent (ACC, learning accuracy) or percentage points (BWT, FWT, forgetting),
 * each ± the measure chosen, FWT undefined (class-incremental) as n/a, one seed without ±.
 */
class ResultTableTest {
    /** t_{0.975, 2} from the closed form of Student's t with 2 degrees of freedom: 0.95 / sqrt(2 p (1 - p)). */
    private static final double T_2 = 0.95 / Math.sqrt(2 * 0.975 * 0.025);

    /** A metric's spread over 3 seeds as metrics.json holds it: its 95% interval from T_2 s / sqrt(3). */
    private static Map<String, Object> spread(double mean, double sd) {
        double half = T_2 * sd / Math.sqrt(3);
        Map<String, Object> m = new HashMap<>();
        m.put("mean", mean);
        m.put("sd", sd);
        m.put("ci95_low", mean - half);
        m.put("ci95_high", mean + half);
        m.put("n", 3);
        return m;
    }

    /** A metric of one seed: no spread. */
    private static Map<String, Object> one(double value) {
        Map<String, Object> m = new HashMap<>();
        m.put("mean", value);
        m.put("sd", null);
        m.put("ci95_low", null);
        m.put("ci95_high", null);
        m.put("n", 1);
        return m;
    }

    private static Map<String, Object> strategy(int seeds, Map<String, Object> over) {
        Map<String, Object> bySeed = new HashMap<>();
        for (int s = 1; s <= seeds; s++) {
            bySeed.put(Integer.toString(s), Map.of());
        }
        return Map.of("seeds", bySeed, "aggregate", Map.of("over_seeds", over));
    }

    /**
     * naive over 3 seeds: ACC 0.80 (sd 0.05), BWT -0.10 (sd 0.02), FWT undefined, forgetting 0.10 (sd
     * 0.02), learning accuracy 0.90 (sd 0), 12.34 s (sd 1), 1234.4 samples/s (sd 10). Half-widths of the
     * 95% interval, 4.3027 s / sqrt(3) = 2.4841 s: 12.42 pp, 4.97 pp, 0, 2.48 s and 24.8 samples/s.
     * one: a single seed, ACC 0.70, BWT -0.20, forgetting 0.20, learning accuracy 0.90, 10 s, 1000/s.
     */
    private static Map<String, Object> rows() {
        Map<String, Object> naive = new LinkedHashMap<>();
        naive.put("acc", spread(0.80, 0.05));
        naive.put("bwt", spread(-0.10, 0.02));
        naive.put("fwt", null);
        naive.put("forgetting", spread(0.10, 0.02));
        naive.put("learning_accuracy", spread(0.90, 0));
        naive.put("wall_seconds", spread(12.34, 1));
        naive.put("samples_per_second", spread(1234.4, 10));
        Map<String, Object> single = new LinkedHashMap<>();
        single.put("acc", one(0.70));
        single.put("bwt", one(-0.20));
        single.put("fwt", null);
        single.put("forgetting", one(0.20));
        single.put("learning_accuracy", one(0.90));
        single.put("wall_seconds", one(10));
        single.put("samples_per_second", one(1000));
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("naive", strategy(3, naive));
        rows.put("one", strategy(1, single));
        return rows;
    }

    /** The row of a strategy in the Markdown table. */
    private static String row(ResultTable table, String label) {
        return table.markdown().lines().filter(l -> l.startsWith("| " + label + " |")).findFirst().orElseThrow();
    }

    /**
     * Each measure as ± (sd; se = sd / sqrt(3): 2.89 pp, 1.15 pp, 0.58 s, 5.8/s; none), the same means,
     * BWT negative as forgetting is, and one seed without ±.
     */
    @Test
    void cellsAreTheMeansInPercentWithTheMeasureChosen() {
        Map<String, Object> rows = rows();
        ResultTable ci = ResultTable.of(rows, ErrorMeasure.CI95);
        assertTrue(ci.markdown().startsWith("| Strategy | Seeds | ACC (%) | BWT (pp) | FWT (pp) | Forgetting (pp)"
                + " | Learning acc. (%) | Wall (s) | Samples/s |\n|---|---|---|---|---|---|---|---|---|\n"),
                ci.markdown());
        assertEquals("| naive | 3 | 80.0 ± 12.4 | -10.0 ± 5.0 | n/a | 10.0 ± 5.0 | 90.0 ± 0.0 | 12.3 ± 2.5"
                + " | 1234 ± 25 |", row(ci, "naive"));
        assertEquals("| one | 1 | 70.0 | -20.0 | n/a | 20.0 | 90.0 | 10.0 | 1000 |", row(ci, "one"));
        assertEquals("| naive | 3 | 80.0 ± 5.0 | -10.0 ± 2.0 | n/a | 10.0 ± 2.0 | 90.0 ± 0.0 | 12.3 ± 1.0"
                + " | 1234 ± 10 |", row(ResultTable.of(rows, ErrorMeasure.SD), "naive"));
        assertEquals("| naive | 3 | 80.0 ± 2.9 | -10.0 ± 1.2 | n/a | 10.0 ± 1.2 | 90.0 ± 0.0 | 12.3 ± 0.6"
                + " | 1234 ± 6 |", row(ResultTable.of(rows, ErrorMeasure.SE), "naive"));
        assertEquals("| naive | 3 | 80.0 | -10.0 | n/a | 10.0 | 90.0 | 12.3 | 1234 |",
                row(ResultTable.of(rows, ErrorMeasure.NONE), "naive"));
    }

    /**
     * A run with validation samples adds a column of their ACC: the header, the line under it and every row
     * have one more cell (naive's validation ACC 0.85, sd 0.03: 85.0 ± 7.5), and a strategy without it shows
     * n/a there, as a Markdown table needs every line to have as many cells as its header.
     */
    @Test
    void validationAccuracyIsAColumnOfItsOwnInEveryLine() {
        Map<String, Object> rows = new LinkedHashMap<>(rows());
        @SuppressWarnings("unchecked")
        Map<String, Object> naive = (Map<String, Object>) rows.get("naive");
        @SuppressWarnings("unchecked")
        Map<String, Object> aggregate = new HashMap<>((Map<String, Object>) naive.get("aggregate"));
        aggregate.put("validation", Map.of("over_seeds", Map.of("acc", spread(0.85, 0.03))));
        rows.put("naive", Map.of("seeds", naive.get("seeds"), "aggregate", aggregate));
        String markdown = ResultTable.of(rows).markdown();
        List<String> lines = markdown.lines().toList();
        assertEquals("| Strategy | Seeds | ACC (%) | BWT (pp) | FWT (pp) | Forgetting (pp) | Learning acc. (%)"
                + " | Wall (s) | Samples/s | Val. ACC (%) |", lines.get(0));
        assertEquals("|---|---|---|---|---|---|---|---|---|---|", lines.get(1));
        assertEquals("| naive | 3 | 80.0 ± 12.4 | -10.0 ± 5.0 | n/a | 10.0 ± 5.0 | 90.0 ± 0.0 | 12.3 ± 2.5"
                + " | 1234 ± 25 | 85.0 ± 7.5 |", lines.get(2));
        assertEquals("| one | 1 | 70.0 | -20.0 | n/a | 20.0 | 90.0 | 10.0 | 1000 | n/a |", lines.get(3));
        for (String line : lines) {
            assertEquals(11, line.chars().filter(c -> c == '|').count(), line);
        }
    }

    @Test
    void theNoteSaysWhatThePlusMinusIs() {
        String undefined = "; n/a: undefined (BWT, FWT and forgetting of one task, FWT in class-incremental"
                + " learning)";
        assertEquals("± is the half-width of the 95% confidence interval over seeds (Student t with n - 1 degrees of"
                + " freedom); a value without ± is of one seed" + undefined, ResultTable.of(rows()).note());
        assertEquals("Values are means over seeds, without ±" + undefined,
                ResultTable.of(rows(), ErrorMeasure.NONE).note());
    }

    /**
     * The narrow LaTeX table: each half-width on the line under its mean, in its column; the row of one
     * seed has no such line; a column of seeds, as the rows have different numbers of them.
     */
    @Test
    void theNarrowLatexTableSetsEachHalfWidthUnderItsMean() {
        String tex = ResultTable.of(rows()).latex("a comparison", true);
        assertTrue(tex.endsWith("\\midrule\n"
                + "naive & 3 & $80.0$ & $-10.0$ & $10.0$ & $90.0$ \\\\\n"
                + " & & $\\scriptstyle\\pm 12.4$ & $\\scriptstyle\\pm 5.0$ & $\\scriptstyle\\pm 5.0$"
                + " & $\\scriptstyle\\pm 0.0$ \\\\[2pt]\n"
                + "one & 1 & $70.0$ & $-20.0$ & $20.0$ & $90.0$ \\\\\n"
                + "\\bottomrule\n\\end{tabular}\n"), tex);
        // FWT, n/a in every row, is left out, as a comment says for the caption.
        assertTrue(tex.contains("\nStrategy & $n$ & ACC & BWT & Forg. & LA \\\\\n"), tex);
        assertTrue(tex.contains("\n% FWT: n/a (undefined) in every row, left out.\n"), tex);
        assertTrue(tex.contains("\\begin{tabular}{@{}l" + "@{\\hspace{6pt}}r".repeat(5) + "@{}}"), tex);
        assertTrue(tex.contains("\n% Narrow: each \\pm under its mean, for a column of a two-column page"), tex);
        assertTrue(tex.contains("\n% Forg.: forgetting; LA: learning accuracy"), tex);
        String wide = ResultTable.of(rows()).latex("a comparison");
        assertTrue(wide.contains("\nnaive & 3 & $80.0{\\scriptstyle\\,\\pm 12.4}$ & $-10.0{\\scriptstyle\\,\\pm 5.0}$"
                + " & $10.0{\\scriptstyle\\,\\pm 5.0}$ & $90.0{\\scriptstyle\\,\\pm 0.0}$ \\\\\n"), wide);
        assertTrue(wide.contains("\\input the narrow version (each \\pm under its mean)"), wide);
        assertFalse(wide.contains("% Narrow:"), wide);
    }

    /** Without ± (--error none) a narrow table has no half-widths to set under the means: its comments say so. */
    @Test
    void aTableWithoutHalfWidthsSaysTheNarrowOneOnlyShortensNames() {
        String wide = ResultTable.of(rows(), ErrorMeasure.NONE).latex("a comparison");
        assertTrue(wide.contains("\\input the narrow version (short column names)"), wide);
        String narrow = ResultTable.of(rows(), ErrorMeasure.NONE).latex("a comparison", true);
        assertTrue(narrow.contains("\n% Narrow: short column names, for a column"), narrow);
        assertTrue(narrow.contains("\nnaive & 3 & $80.0$ & $-10.0$ & $10.0$ & $90.0$ \\\\\none & 1 & "),
                narrow);
    }

    /** A column that holds a value in one row at least is kept, n/a in the others, and no comment leaves it out. */
    @Test
    void aColumnDefinedInSomeRowIsKept() {
        Map<String, Object> rows = rows();
        @SuppressWarnings("unchecked")
        Map<String, Object> over = new LinkedHashMap<>((Map<String, Object>) ((Map<String, Object>) ((Map<String,
                Object>) rows.get("naive")).get("aggregate")).get("over_seeds"));
        over.put("fwt", spread(-0.05, 0.01));
        rows.put("naive", strategy(3, over));
        String tex = ResultTable.of(rows, ErrorMeasure.NONE).latex("a comparison");
        assertTrue(tex.contains("\nStrategy & $n$ & ACC & BWT & FWT & Forgetting & Learning \\\\\n"), tex);
        assertTrue(tex.contains("\none & 1 & $70.0$ & $-20.0$ & n/a & $20.0$ & $90.0$ \\\\\n"), tex);
        assertFalse(tex.contains("left out"), tex);
    }

    /** A narrow table of one task shows no Forg. column, and its comment says only what LA stands for. */
    @Test
    void theNarrowKeyNamesOnlyTheShortNamesShown() {
        Map<String, Object> over = new LinkedHashMap<>();
        over.put("acc", one(0.9));
        over.put("bwt", null);
        over.put("fwt", null);
        over.put("forgetting", null);
        over.put("learning_accuracy", one(0.9));
        over.put("wall_seconds", one(1));
        over.put("samples_per_second", one(100));
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("naive", strategy(1, over));
        String tex = ResultTable.of(rows).latex("a run", true);
        assertTrue(tex.contains("\nStrategy & ACC & LA \\\\\n"), tex);
        assertTrue(tex.contains("\n% BWT, FWT, Forgetting: n/a (undefined) in every row, left out.\n"), tex);
        assertTrue(tex.contains("\n% LA: learning accuracy (mean accuracy on each task just after learning it),"
                + " which the caption should say.\n"), tex);
        assertFalse(tex.contains("Forg."), tex);
    }

    @Test
    void namesAreThoseOfTheAccuracyColumnsOnly() {
        assertEquals("ACC", ResultTable.name("acc"));
        assertEquals("Learning acc.", ResultTable.name("learning_accuracy"));
        assertEquals(List.of("ACC", "BWT", "FWT", "Forgetting", "Learning acc."), PairedFiles.NAMES);
        assertThrows(IllegalArgumentException.class, () -> ResultTable.name("wall_seconds"));
        assertThrows(IllegalArgumentException.class, () -> ResultTable.name("spikes"));
    }
}
