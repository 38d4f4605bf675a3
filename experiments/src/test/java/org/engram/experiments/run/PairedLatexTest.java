package org.engram.experiments.run;

import static org.engram.experiments.run.PairedDifferencesTest.handWorked;
import static org.engram.experiments.run.PairedDifferencesTest.over;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code paired.tex} as text, against tables written out by hand (pdflatex is not there to build it in
 * every test environment): the cells of {@link PairedDifferencesTest}'s hand-worked pair, rounded to
 * 0.1 pp, with the half-widths set small and in bold where the interval excludes 0.
 */
class PairedLatexTest {
    /** The space between two columns, and the column after it. */
    private static final String GAP = "@{\\hspace{6pt}}r";

    /** The lines from the table's own on, after the comments. */
    private static String tabular(String tex) {
        return tex.substring(tex.indexOf("\\begin{tabular}"));
    }

    /**
     * ewc minus naive: ACC +5.3 ± 6.3, BWT +5.3 ± 1.4 (bold), FWT undefined, forgetting -6.0 ± 2.5
     * (bold), learning accuracy -0.7 ± 3.8 (see {@code differencesMatchTheHandWorkedStudentTInterval}).
     */
    @Test
    void handWorkedPairIsSetAsComparisonTexSetsItsCells() {
        String tex = PairedLatex.latex(handWorked(), "a comparison", List.of(), List.of());
        // FWT, n/a in every pair, is left out.
        assertEquals("\\begin{tabular}{@{}l" + GAP.repeat(4) + "@{}}\n"
                + "\\toprule\n"
                + "Row & ACC & BWT & Forgetting & Learning \\\\\n"
                + " & (pp) & (pp) & (pp) & acc. (pp) \\\\\n"
                + "\\midrule\n"
                + "\\multicolumn{5}{@{}l@{}}{\\emph{Baseline: naive}} \\\\\n"
                + "ewc & $+5.3{\\scriptstyle\\,\\pm 6.3}$ & $\\mathbf{+5.3{\\scriptstyle\\,\\pm 1.4}}$"
                + " & $\\mathbf{-6.0{\\scriptstyle\\,\\pm 2.5}}$ & $-0.7{\\scriptstyle\\,\\pm 3.8}$ \\\\\n"
                + "\\bottomrule\n"
                + "\\end{tabular}\n", tabular(tex));
        String[] lines = tex.split("\n");
        assertEquals("% Paired differences: the rows of comparison.tex (a comparison) that share two or more seeds,"
                + " compared seed by seed over those.", lines[0]);
        assertTrue(lines[1].startsWith("% Needs \\usepackage{booktabs}. Each cell is the mean of a row's value minus"
                + " its baseline's"), lines[1]);
        for (String part : List.of("\\pm the half-width of its 95% confidence interval", "bold: the interval excludes"
                + " 0", "whatever --error chose for comparison.md and comparison.tex", "not corrected for their"
                + " number: 1 pair gives 4 intervals here, of which about 0.2 would exclude 0 by chance alone",
                "better for ACC, BWT, FWT and learning accuracy, worse for forgetting", "a permuted sequence's"
                + " permutations, not the images: the intervals are over those draws")) {
            assertTrue(lines[1].contains(part), part + " in " + lines[1]);
        }
        assertEquals("% Every pair is over seeds 1, 2, 3, which the caption should say.", lines[2]);
        assertEquals("% FWT: n/a (undefined) in every row, left out.", lines[3]);
        assertTrue(lines[4].startsWith("% Fits a one-column page (345 pt)"), lines[4]);
        assertTrue(lines[5].startsWith("\\begin{tabular}"), "no other comment: " + lines[5]);
    }

    /**
     * Two sets of seeds: each baseline's line names its seeds, as no comment can; names are escaped
     * (λ in math mode), one outside ASCII and Greek is noted, rows not paired are named in comments.
     * Equal metrics give differences of 0 ± 0, unsigned and not bold.
     */
    @Test
    void severalSeedSetsNameTheirSeedsAndNamesAreEscaped() {
        PairedDifferences p = PairedDifferences.of(List.of(over("naive [A]", 1, 2), over("EWC (λ = 1) [A]", 1, 2),
                over("naive [B]", 3, 4), over("Zoë_2 [B]", 3, 4), over("si [C]", 7)), null);
        String tex = PairedLatex.latex(p, "a comparison",
                List.of("the runs' configs differ in training.epochs (A: 1, B: 2)"), List.of());
        String zeros = " & $0.0{\\scriptstyle\\,\\pm 0.0}$".repeat(5) + " \\\\\n";
        assertTrue(tex.endsWith("\\midrule\n"
                + "\\multicolumn{6}{@{}l@{}}{\\emph{Baseline: naive [A], seeds 1, 2}} \\\\\n"
                + "EWC ($\\lambda$ = 1) [A]" + zeros
                + "\\addlinespace\n"
                + "\\multicolumn{6}{@{}l@{}}{\\emph{Baseline: naive [B], seeds 3, 4}} \\\\\n"
                + "Zoë\\_2 [B]" + zeros
                + "\\bottomrule\n"
                + "\\end{tabular}\n"), tex);
        assertTrue(tex.contains("\n% Rows of different runs are paired by the numbers of their seeds, but the runs"
                + " differ in more than their strategies (the runs' configs differ in training.epochs (A: 1, B: 2)):"
                + " seed n of one need not draw"), tex);
        assertTrue(tex.contains("\n% Not paired: si [C]: over seed 7 alone, which gives no interval.\n"), tex);
        assertTrue(tex.contains("\n% Names hold letters outside ASCII and Greek: pdflatex needs packages"), tex);
        assertFalse(tex.contains("Every pair is over"), tex);
    }

    /**
     * The narrow table sets the hand-worked pair's cells as the one-line table does, each half-width on
     * the line under its mean, in its column and in bold with it; the long column names are shortened
     * and a comment says what they stand for.
     */
    @Test
    void narrowTableSetsEachHalfWidthUnderItsMean() {
        String tex = PairedLatex.latex(handWorked(), "a comparison", List.of(), List.of(), true);
        assertEquals("\\begin{tabular}{@{}l" + GAP.repeat(4) + "@{}}\n"
                + "\\toprule\n"
                + "Row & ACC & BWT & Forg. & LA \\\\\n"
                + " & (pp) & (pp) & (pp) & (pp) \\\\\n"
                + "\\midrule\n"
                + "\\multicolumn{5}{@{}l@{}}{\\emph{Baseline: naive}} \\\\\n"
                + "ewc & $+5.3$ & $\\mathbf{+5.3}$ & $\\mathbf{-6.0}$ & $-0.7$ \\\\\n"
                + " & $\\scriptstyle\\pm 6.3$ & $\\scriptstyle\\mathbf{\\pm 1.4}$ "
                + "& $\\scriptstyle\\mathbf{\\pm 2.5}$ & $\\scriptstyle\\pm 3.8$ \\\\[2pt]\n"
                + "\\bottomrule\n"
                + "\\end{tabular}\n", tabular(tex));
        assertTrue(tex.contains("\n% Forg.: forgetting; LA: learning accuracy (mean accuracy on each task just after"
                + " learning it), which the caption should say.\n"), tex);
    }

    /**
     * A new baseline line wherever the baseline changes (b - a, c - a, then c - b, one set of seeds) and
     * wherever the seeds do under one baseline (d, over seeds 1 and 2 only, against a over those).
     */
    @Test
    void aBaselineLineStandsWhereTheBaselineOrTheSeedsChange() {
        String zeros = " & $0.0{\\scriptstyle\\,\\pm 0.0}$".repeat(5) + " \\\\\n";
        String oneSet = PairedLatex.latex(PairedDifferences.of(List.of(over("a", 1, 2, 3), over("b", 1, 2, 3),
                over("c", 1, 2, 3)), null), "a comparison", List.of(), List.of());
        assertTrue(oneSet.endsWith("\\midrule\n"
                + "\\multicolumn{6}{@{}l@{}}{\\emph{Baseline: a}} \\\\\n"
                + "b" + zeros + "c" + zeros
                + "\\addlinespace\n"
                + "\\multicolumn{6}{@{}l@{}}{\\emph{Baseline: b}} \\\\\n"
                + "c" + zeros
                + "\\bottomrule\n\\end{tabular}\n"), oneSet);
        String twoSets = PairedLatex.latex(PairedDifferences.of(List.of(over("a", 1, 2, 3), over("b", 1, 2, 3),
                over("d", 1, 2)), "a"), "a comparison", List.of(), List.of());
        assertTrue(twoSets.endsWith("\\midrule\n"
                + "\\multicolumn{6}{@{}l@{}}{\\emph{Baseline: a, seeds 1, 2, 3}} \\\\\n"
                + "b" + zeros
                + "\\addlinespace\n"
                + "\\multicolumn{6}{@{}l@{}}{\\emph{Baseline: a, seeds 1, 2}} \\\\\n"
                + "d" + zeros
                + "\\bottomrule\n\\end{tabular}\n"), twoSets);
    }
}
