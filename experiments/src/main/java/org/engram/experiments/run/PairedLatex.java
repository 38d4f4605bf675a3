package org.engram.experiments.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.engram.experiments.metrics.SeedSummary;

/**
 * {@code paired.tex}: a comparison's {@link PairedDifferences} as a LaTeX {@code tabular} with the rules
 * of the booktabs package, to {@code \input} into a paper's table, its cells set as
 * {@code comparison.tex}'s (half-widths small) and in bold where the interval excludes 0.
 *
 * <p>One table for all pairs: the pairs of a baseline stand under a line that names it (and the seeds,
 * when several sets of seeds are paired), as a column of baselines beside the rows' names would make
 * the table wider than a one-column page. The seeds are said in a comment when one set is paired, as
 * every pair is then over them.
 */
final class PairedLatex {
    private PairedLatex() {
    }

    /**
     * The LaTeX file.
     *
     * @param paired the comparison's paired differences, some rows paired
     * @param source what the comparison is, e.g. {@code Engram comparison of runs quickstart 2026...}
     * @param differ how the comparison's runs differ besides their strategies and seeds, as its notes say
     *               it; empty when they do not
     * @return the text of {@code paired.tex}
     */
    static String latex(PairedDifferences paired, String source, List<String> differ) {
        List<PairedDifferences.Group> groups = paired.groups().stream().filter(PairedDifferences.Group::paired)
                .toList();
        StringBuilder tex = new StringBuilder(LatexTable.comments("Paired differences: the rows of comparison.tex ("
                + source + ") that are over the same seeds, compared seed by seed."));
        tex.append(LatexTable.NEEDS_BOOKTABS).append(PairedFiles.explanation("bold", "comparison.md and"
                + " comparison.tex", paired).replace("±", "\\pm")).append('\n');
        if (!differ.isEmpty()) {
            tex.append(LatexTable.comments(PairedFiles.differences(differ)));
        }
        if (groups.size() == 1) {
            tex.append("% Every pair is over seeds ").append(seedList(groups.get(0).seeds()))
                    .append(", which the caption should say.\n");
        }
        for (PairedDifferences.Group group : groups) {
            if (group.against() != null) {
                tex.append("% Seeds ").append(seedList(group.seeds())).append(": ")
                        .append(PairedFiles.against(paired, group)).append(".\n");
            }
        }
        for (String line : PairedFiles.unpaired(paired)) {
            tex.append("% Not paired: ").append(line).append(".\n");
        }
        List<String> names = new ArrayList<>();
        paired.pairs().forEach(pair -> Collections.addAll(names, pair.row().shown(), pair.baseline().shown()));
        tex.append(LatexTable.unicodeNote(names));
        int columns = 1 + PairedDifferences.METRICS.size();
        tex.append("% About as wide as a one-column page (345 pt) with the names of one run as short as the quick"
                + " start's; run tags ([A], [B+C]), longer names and bold cells widen it: then set it \\small, put it"
                + " in a table* (across both columns of a two-column paper), or leave out columns.\n");
        tex.append("\\begin{tabular}{@{}l").append("r".repeat(columns - 1)).append("@{}}\n\\toprule\n")
                .append(LatexTable.header(List.of("Row"), PairedFiles.NAMES,
                        Collections.nCopies(PairedFiles.NAMES.size(), "pp")))
                .append("\\midrule\n");
        PairedDifferences.Pair previous = null;
        for (PairedDifferences.Pair pair : paired.pairs()) {
            if (previous == null || !previous.baseline().equals(pair.baseline())) {
                tex.append(previous == null ? "" : "\\addlinespace\n").append("\\multicolumn{").append(columns)
                        .append("}{@{}l}{\\emph{Baseline: ").append(LatexText.escaped(pair.baseline().shown()))
                        .append(groups.size() > 1 ? ", seeds " + seedList(pair.seeds()) : "")
                        .append(paired.contexts() ? ", " + LatexText.escaped(pair.row().context()) : "")
                        .append("}} \\\\\n");
            }
            tex.append(LatexText.escaped(pair.row().shown()));
            for (SeedSummary d : pair.differences()) {
                TableCell cell = PairedFiles.cell(d);
                tex.append(" & ").append(PairedFiles.bold(d) ? cell.latexBold() : cell.latex());
            }
            tex.append(" \\\\\n");
            previous = pair;
        }
        return tex.append("\\bottomrule\n\\end{tabular}\n").toString();
    }

    /** Seeds as a sentence lists them: {@code 1, 2, 3}. */
    private static String seedList(List<Long> seeds) {
        return String.join(", ", seeds.stream().map(String::valueOf).toList());
    }
}
