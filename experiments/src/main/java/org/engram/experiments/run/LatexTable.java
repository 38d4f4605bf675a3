package org.engram.experiments.run;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The parts that the LaTeX tables of runs and comparisons ({@code table.tex}, {@code comparison.tex},
 * {@code paired.tex}) share, so that they read alike: comments that say what a table is, and the
 * header of a booktabs {@code tabular} with each column's unit on a line of its own, its columns
 * and its rows, one line each or, in a narrow table, each half-width under its mean.
 *
 * <p>Widths, measured with pdflatex in a 10 pt {@code article}, whose text is 345 pt wide (229.5 pt a
 * column in {@code twocolumn}): the columns stand 6 pt apart, not booktabs' 12 pt, and a header of two
 * words, {@code Learning acc.}, puts its second word on the units' line, so that a comparison of five
 * metrics fits a one-column page (the quick start's comparison: 284 pt; five runs with tags such as
 * {@code [C+D+E]}: 337 pt, and 340 pt for their paired differences); the narrow tables, each ± under its
 * mean and with short column names, fit a column of a two-column page (182 pt; 235 pt with those tags,
 * which fits IEEEtran's 252 pt column, not {@code article}'s).
 */
final class LatexTable {
    /** The start of the comment that names the package a table needs. */
    static final String NEEDS_BOOKTABS = "% Needs \\usepackage{booktabs}. ";

    private LatexTable() {
    }

    /** The space between two columns, in place of twice {@code \tabcolsep} (12 pt in the standard classes). */
    private static final String GAP = "@{\\hspace{6pt}}";
    /** What a narrow table's short column names stand for, in the order of the columns. */
    private static final Map<String, String> SHORT_NAMES = shortNames();

    /**
     * What a narrow table changes, for the comments that point to it: a table without half-widths
     * ({@code --error none}, one seed) has no ± to set under its means, only shorter column names.
     *
     * @param halves whether the table's cells have half-widths
     * @return e.g. {@code each \pm under its mean}
     */
    static String narrowChange(boolean halves) {
        return halves ? "each \\pm under its mean" : "short column names";
    }

    private static Map<String, String> shortNames() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("Forg.", "forgetting");
        names.put("LA", "learning accuracy (mean accuracy on each task just after learning it)");
        return names;
    }

    /**
     * The comment that says how wide a narrow table is, and what the short names of its columns stand for.
     *
     * @param halves whether the table's cells have half-widths
     * @param names  the names of every metric's column
     * @param kept   the indices of the columns the table shows
     * @return the comment lines, each ending in a line break
     */
    static String narrowWidth(boolean halves, List<String> names, List<Integer> kept) {
        List<String> shown = narrowNames(kept(names, kept));
        String key = SHORT_NAMES.entrySet().stream().filter(e -> shown.contains(e.getKey()))
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
        return "% Narrow: " + narrowChange(halves) + ", for a column of a two-column page: with the quick start's"
                + " names about 180 pt wide, 235 pt with run tags such as [C+D+E].\n"
                + (key.isEmpty() ? "" : "% " + key + ", which the caption should say.\n");
    }

    /**
     * The metrics' column names as a narrow table shows them, shortened where a name is wider than the
     * numbers under it ({@link #narrowWidth} says what they stand for).
     *
     * @param names the names, e.g. {@code Forgetting}, {@code Learning acc.}
     * @return the names, {@code Forgetting} as {@code Forg.} and {@code Learning acc.} as {@code LA}
     */
    static List<String> narrowNames(List<String> names) {
        return names.stream().map(n -> n.equals("Forgetting") ? "Forg." : n.equals("Learning acc.") ? "LA" : n)
                .toList();
    }

    /**
     * The metrics' columns of a table that hold a value in some row. A column that is n/a in every row (FWT
     * in class-incremental learning, or all but ACC and learning accuracy in a run of one task) tells a reader
     * nothing a caption cannot, and takes width that a table in a column of a page lacks.
     *
     * @param rows    each row's cells, one per column
     * @param columns the number of columns
     * @return the indices of the columns to keep, ascending; every column when there are no rows
     */
    static List<Integer> definedColumns(List<List<TableCell>> rows, int columns) {
        return IntStream.range(0, columns).filter(k -> rows.isEmpty()
                || rows.stream().anyMatch(cells -> cells.get(k).mean() != null)).boxed().toList();
    }

    /**
     * The items of the columns kept.
     *
     * @param items one item per column, e.g. the columns' names or a row's cells
     * @param kept  the indices of the columns kept, as {@link #definedColumns} gives them
     * @param <T>   the type of an item
     * @return the items of those columns, in order
     */
    static <T> List<T> kept(List<T> items, List<Integer> kept) {
        return kept.stream().map(items::get).toList();
    }

    /**
     * The comment that names the columns left out as n/a in every row, for the caption to say.
     *
     * @param names the names of every column
     * @param kept  the indices of the columns kept
     * @return e.g. {@code % FWT: n/a (undefined) in every row, left out.} and a line break; empty when none is
     */
    static String leftOutNote(List<String> names, List<Integer> kept) {
        List<String> left = IntStream.range(0, names.size()).filter(k -> !kept.contains(k)).mapToObj(names::get)
                .toList();
        return left.isEmpty() ? "" : "% " + String.join(", ", left) + ": n/a (undefined) in every row, left out.\n";
    }

    /**
     * The column specification of a table: the names' column, left-aligned, then right-aligned ones.
     *
     * @param numbers the number of columns after the names' one
     * @return e.g. {@code @{}l@{\hspace{6pt}}r@{\hspace{6pt}}r@{}}
     */
    static String columns(int numbers) {
        return "@{}l" + (GAP + "r").repeat(numbers) + "@{}";
    }

    /**
     * A row of a table, as one line, or as two, the half-widths under the means, in a narrow table.
     *
     * @param leading the cells before the numbers, as LaTeX, e.g. an escaped name and a number of seeds
     * @param cells   the numbers
     * @param bold    which of them, by index into {@code cells}, to set in bold
     * @param narrow  whether to set each half-width under its mean
     * @return the line or lines, each ending in {@code \\} and a line break
     */
    static String row(List<String> leading, List<TableCell> cells, IntPredicate bold, boolean narrow) {
        StringBuilder sb = new StringBuilder(String.join(" & ", leading));
        StringBuilder under = new StringBuilder(" &".repeat(leading.size() - 1));
        boolean anyHalf = false;
        for (int k = 0; k < cells.size(); k++) {
            TableCell cell = cells.get(k);
            boolean b = bold.test(k);
            sb.append(" & ").append(narrow ? cell.latexMean(b) : b ? cell.latexBold() : cell.latex());
            String half = cell.latexHalf(b);
            under.append(" & ").append(half);
            anyHalf |= !half.isEmpty();
        }
        sb.append(" \\\\\n");
        // The half-widths' line is left out where there are none (one seed, or --error none).
        return narrow && anyHalf ? sb.append(under).append(" \\\\[2pt]\n").toString() : sb.toString();
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
     * A name of two words or more has its last word on the units' line ({@code Learning} over
     * {@code acc. (\%)}), as a column is no wider than its widest line.
     *
     * @param leading the names of the columns before the metrics, which have no unit, as LaTeX, e.g.
     *                {@code Strategy} or {@code $n$}
     * @param names   the metrics' names
     * @param units   the metrics' units, in the order of {@code names}, e.g. {@code %} or {@code pp}
     * @return the two lines, the metrics' names and units escaped, each ending in {@code \\} and a line break
     */
    static String header(List<String> leading, List<String> names, List<String> units) {
        StringBuilder sb = new StringBuilder(String.join(" & ", leading));
        StringBuilder unitLine = new StringBuilder(" &".repeat(leading.size() - 1));
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            int space = name.lastIndexOf(' ');
            sb.append(" & ").append(LatexText.escaped(space < 0 ? name : name.substring(0, space)));
            unitLine.append(" & ").append(space < 0 ? "" : LatexText.escaped(name.substring(space + 1)) + " ")
                    .append('(').append(LatexText.escaped(units.get(k))).append(')');
        }
        return sb.append(" \\\\\n").append(unitLine).append(" \\\\\n").toString();
    }
}
