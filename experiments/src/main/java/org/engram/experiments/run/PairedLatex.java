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
 * every pair is then over them, and so are the seeds a pair of rows over different seeds leaves out.
 * The narrow version ({@code paired-narrow.tex}) sets each half-width under its mean, for a column of a
 * two-column page.
 */
final class PairedLatex {
    private PairedLatex() {
    }

    /**
     * The LaTeX file, one line per pair.
     *
     * @param paired the comparison's paired differences, some rows paired
     * @param source what the comparison is, e.g. {@code Engram comparison of runs quickstart 2026...}
     * @param differ how the comparison's runs differ besides their strategies and seeds, as its notes say
     *               it; empty when they do not
     * @param notes  the comparison's notes on what its metrics mean, as {@code comparison.tex} has them
     * @return the text of {@code paired.tex}
     */
    static String latex(PairedDifferences paired, String source, List<String> differ, List<String> notes) {
        return latex(paired, source, differ, notes, false);
    }

    /**
     * The LaTeX file, one line per pair or, narrow, each half-width under its mean.
     *
     * @param paired the comparison's paired differences, some rows paired
     * @param source what the comparison is, e.g. {@code Engram comparison of runs quickstart 2026...}
     * @param differ how the comparison's runs differ besides their strategies and seeds, as its notes say
     *               it; empty when they do not
     * @param notes  the comparison's notes on what its metrics mean, as {@code comparison.tex} has them
     * @param narrow whether to set each half-width under its mean, for a column of a two-column page
     * @return the text of {@code paired.tex} or {@code paired-narrow.tex}
     */
    static String latex(PairedDifferences paired, String source, List<String> differ, List<String> notes,
            boolean narrow) {
        List<PairedDifferences.Section> sections = paired.sections();
        StringBuilder tex = new StringBuilder(LatexTable.comments("Paired differences: the rows of comparison.tex ("
                + source + ") that share two or more seeds, compared seed by seed over those."));
        tex.append(LatexTable.NEEDS_BOOKTABS).append(PairedFiles.explanation("bold", "comparison.md and"
                + " comparison.tex", paired).replace("±", "\\pm")).append('\n');
        if (!differ.isEmpty()) {
            tex.append(LatexTable.comments(PairedFiles.differences(differ)));
        }
        notes.forEach(note -> tex.append(LatexTable.comments("Note: " + note)));
        if (sections.size() == 1) {
            tex.append("% Every pair is over seeds ").append(PairedFiles.seedList(sections.get(0).seeds()))
                    .append(", which the caption should say.\n");
        }
        for (PairedDifferences.Group group : paired.groups()) {
            if (group.against() != null) {
                tex.append("% Seeds ").append(PairedFiles.seedList(group.seeds())).append(": ")
                        .append(PairedFiles.against(paired, group)).append(".\n");
            }
        }
        for (PairedDifferences.Section section : sections) {
            String dropped = PairedFiles.dropped(section);
            if (!dropped.isEmpty()) {
                tex.append("% ").append(dropped).append(".\n");
            }
        }
        for (String line : PairedFiles.unpaired(paired)) {
            tex.append("% Not paired: ").append(line).append(".\n");
        }
        List<String> names = new ArrayList<>();
        paired.pairs().forEach(pair -> Collections.addAll(names, pair.row().shown(), pair.baseline().shown()));
        tex.append(LatexTable.unicodeNote(names));
        List<Integer> kept = LatexTable.definedColumns(paired.pairs().stream().map(pair -> pair.differences()
                .stream().map(PairedFiles::cell).toList()).toList(), PairedFiles.NAMES.size());
        tex.append(LatexTable.leftOutNote(PairedFiles.NAMES, kept));
        int columns = 1 + kept.size();
        tex.append(narrow ? LatexTable.narrowWidth(true, PairedFiles.NAMES, kept) : "% Fits a one-column page"
                + " (345 pt) with names as short as the quick start's, run tags included; in a two-column paper,"
                + " \\input paired-narrow.tex (each \\pm under its mean), or put this one in a table* (across both"
                + " columns).\n");
        tex.append("\\begin{tabular}{").append(LatexTable.columns(columns - 1)).append("}\n\\toprule\n")
                .append(LatexTable.header(List.of("Row"), LatexTable.kept(narrow
                                ? LatexTable.narrowNames(PairedFiles.NAMES) : PairedFiles.NAMES, kept),
                        Collections.nCopies(kept.size(), "pp")))
                .append("\\midrule\n");
        PairedDifferences.Pair previous = null;
        for (PairedDifferences.Pair pair : paired.pairs()) {
            if (previous == null || !previous.baseline().equals(pair.baseline())
                    || !previous.seeds().equals(pair.seeds())) {
                tex.append(previous == null ? "" : "\\addlinespace\n").append("\\multicolumn{").append(columns)
                        .append("}{@{}l@{}}{\\emph{Baseline: ").append(LatexText.escaped(pair.baseline().shown()))
                        .append(sections.size() > 1 ? ", seeds " + PairedFiles.seedList(pair.seeds()) : "")
                        .append(paired.contexts() ? ", " + LatexText.escaped(pair.row().context()) : "")
                        .append("}} \\\\\n");
            }
            List<SeedSummary> differences = pair.differences();
            tex.append(LatexTable.row(List.of(LatexText.escaped(pair.row().shown())),
                    LatexTable.kept(differences.stream().map(PairedFiles::cell).toList(), kept),
                    k -> PairedFiles.bold(differences.get(kept.get(k))), narrow));
            previous = pair;
        }
        return tex.append("\\bottomrule\n\\end{tabular}\n").toString();
    }
}
