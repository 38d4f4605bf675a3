package org.engram.experiments.run;

import java.util.Collection;
import java.util.List;

/**
 * The parts that the LaTeX tables of runs and comparisons ({@code table.tex}, {@code comparison.tex},
 * {@code paired.tex}) share, so that they read alike: comments that say what a table is, and the
 * header of a booktabs {@code tabular} with each column's unit on a line of its own.
 */
final class LatexTable {
    /** The start of the comment that names the package a table needs. */
    static final String NEEDS_BOOKTABS = "% Needs \\usepackage{booktabs}. ";

    private LatexTable() {
    }

    /**
     * Text as LaTeX comments.
     *
     * @param text lines of text
     * @return each line after {@code % }, each ending in a line break
     */
    static String comments(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            sb.append("% ").append(line).append('\n');
        }
        return sb.toString();
    }

    /**
     * The comment that warns of names pdflatex cannot print without packages, if any are.
     *
     * @param names the names the table shows, before escaping
     * @return the comment line, or an empty string when every name is ASCII or Greek
     */
    static String unicodeNote(Collection<String> names) {
        return names.stream().anyMatch(LatexText::needsUnicode) ? "% Names hold letters outside ASCII and Greek:"
                + " pdflatex needs packages for them (or use xelatex or lualatex).\n" : "";
    }

    /**
     * The two lines of a table's header: the columns' names, then their units in parentheses under them.
     *
     * @param leading the names of the columns before the metrics, which have no unit, e.g. {@code Strategy}
     * @param names   the metrics' names
     * @param units   the metrics' units, in the order of {@code names}, e.g. {@code %} or {@code pp}
     * @return the two lines, escaped, each ending in {@code \\} and a line break
     */
    static String header(List<String> leading, List<String> names, List<String> units) {
        StringBuilder sb = new StringBuilder(String.join(" & ", leading.stream().map(LatexText::escaped).toList()));
        StringBuilder unitLine = new StringBuilder(" &".repeat(leading.size() - 1));
        for (int k = 0; k < names.size(); k++) {
            sb.append(" & ").append(LatexText.escaped(names.get(k)));
            unitLine.append(" & (").append(LatexText.escaped(units.get(k))).append(')');
        }
        return sb.append(" \\\\\n").append(unitLine).append(" \\\\\n").toString();
    }
}
