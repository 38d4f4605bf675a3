package org.engram.experiments.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.engram.experiments.metrics.ErrorMeasure;
import org.engram.experiments.metrics.SeedSummary;

/**
 * The table of strategies' results over seeds, as {@code summary.md} and {@code comparison.md}
 * show it in Markdown and {@code table.tex} and {@code comparison.tex} give it to a paper in LaTeX:
 * each metric's mean and, after ±, the half-width of a measure of its spread (the 95% interval
 * unless {@code compare --error} chooses another), from the same numbers, rounded alike.
 */
final class ResultTable {
    /** The columns' names and units, each shown as {@code name (unit)} or, in LaTeX, the unit on a line of its own. */
    private static final String[] NAMES = {"ACC", "BWT", "FWT", "Forgetting", "Learning acc.", "Wall", "Samples/s"};
    private static final String[] UNITS = {"%", "pp", "pp", "pp", "%", "s", ""};
    /** The accuracy metrics, the first columns; the timings after them are the machine's, not the method's. */
    private static final int ACCURACY_COLUMNS = 5;

    /**
     * One strategy's row.
     *
     * @param validation its ACC on the validation samples ({@code tasks.validation}), or null for a run
     *                   without them
     */
    private record Row(String label, int seeds, List<TableCell> cells, TableCell validation) {
    }

    /** The Markdown column of ACC on the validation samples, shown when a row has it. */
    private static final String VALIDATION_NAME = "Val. ACC (%)";

    /** What the width comment of a table of one line per row says, with or without half-widths in its cells. */
    private static String width(boolean halves) {
        return "% Fits a one-column page (345 pt) with names as short as the quick start's, run tags included; in a"
                + " two-column paper, \\input the narrow version (" + LatexTable.narrowChange(halves) + "),"
                + " comparison-narrow.tex of engram compare, or put this one in a table* (across both columns).\n";
    }

    private final List<Row> rows;
    /** What the ± is. */
    private final ErrorMeasure error;

    private ResultTable(List<Row> rows, ErrorMeasure error) {
        this.rows = rows;
        this.error = error;
    }

    /**
     * The table of a metrics tree's strategies, with 95% confidence intervals after ±.
     *
     * @param strategies each strategy's results by label, as {@code metrics.json} has them
     * @return the table
     */
    static ResultTable of(Map<String, Object> strategies) {
        return of(strategies, ErrorMeasure.CI95);
    }

    /**
     * The table of a metrics tree's strategies.
     *
     * @param strategies each strategy's results by label, as {@code metrics.json} has them
     * @param error      what the ± is; {@link ErrorMeasure#NONE} leaves it out
     * @return the table
     */
    @SuppressWarnings("unchecked")
    static ResultTable of(Map<String, Object> strategies, ErrorMeasure error) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Object> e : strategies.entrySet()) {
            Map<String, Object> s = (Map<String, Object>) e.getValue();
            Map<String, Object> aggregate = (Map<String, Object>) s.get("aggregate");
            Map<String, Object> over = (Map<String, Object>) aggregate.get("over_seeds");
            List<TableCell> cells = new ArrayList<>();
            for (String key : MetricsWriter.SUMMARY_KEYS) {
                boolean percent = !key.equals("wall_seconds") && !key.equals("samples_per_second");
                cells.add(cell((Map<String, Object>) over.get(key), percent ? 100 : 1,
                        key.equals("samples_per_second") ? "%.0f" : "%.1f", error));
            }
            Map<String, Object> validation = (Map<String, Object>) aggregate.get("validation");
            TableCell validationAcc = validation == null ? null
                    : cell((Map<String, Object>) ((Map<String, Object>) validation.get("over_seeds")).get("acc"), 100,
                            "%.1f", error);
            rows.add(new Row(e.getKey(), ((Map<String, Object>) s.get("seeds")).size(), cells, validationAcc));
        }
        return new ResultTable(rows, error);
    }

    private static TableCell cell(Map<String, Object> spread, double scale, String format, ErrorMeasure error) {
        if (spread == null) {
            return TableCell.UNDEFINED;
        }
        SeedSummary summary = MetricsWriter.summaryOf(spread);
        return TableCell.of(scale * summary.mean(), scale * error.halfWidth(summary), format, format);
    }

    /**
     * The name a table gives an accuracy metric's column.
     *
     * @param key the metric's key in {@code metrics.json}, one of the accuracy metrics of
     *            {@link MetricsWriter#SUMMARY_KEYS}, e.g. {@code learning_accuracy}
     * @return its column's name, e.g. {@code Learning acc.}
     */
    static String name(String key) {
        int k = MetricsWriter.SUMMARY_KEYS.indexOf(key);
        if (k < 0 || k >= ACCURACY_COLUMNS) {
            throw new IllegalArgumentException("not an accuracy metric: " + key);
        }
        return NAMES[k];
    }

    /**
     * What the table's ± and n/a are, as a note under it or a comment above it says.
     *
     * @return e.g. {@code ± is one standard deviation over seeds (...); a value without ± is of one seed; n/a: ...}
     */
    String note() {
        return note(validated());
    }

    /** The note, with what Val. ACC is only where the table shows it (the LaTeX tables never do). */
    private String note(boolean validated) {
        return (error.drawn() ? "± is " + error.plusMinus() + "; a value without ± is of one seed"
                : "Values are means over seeds, without ±") + "; n/a: undefined (BWT, FWT and forgetting of one task,"
                + " FWT in class-incremental learning" + (validated ? ", Val. ACC of a run without validation"
                + " samples" : "") + ")" + (validated ? "; Val. ACC: ACC on the training samples held out for"
                + " validation (tasks.validation), on which to choose hyperparameters, reporting the test columns"
                : "");
    }

    /** @return whether a row has an ACC on validation samples */
    boolean validated() {
        return rows.stream().anyMatch(r -> r.validation() != null);
    }

    /**
     * @return the table in Markdown, every column, and last, when a row has one, the ACC on the
     *         validation samples (n/a for a row without)
     */
    String markdown() {
        boolean validated = validated();
        StringBuilder sb = new StringBuilder("| Strategy | Seeds |");
        for (int k = 0; k < NAMES.length; k++) {
            sb.append(' ').append(NAMES[k]).append(UNITS[k].isEmpty() ? "" : " (" + UNITS[k] + ")").append(" |");
        }
        sb.append(validated ? " " + VALIDATION_NAME + " |" : "");
        sb.append("\n|---|---").append("|---".repeat(NAMES.length + (validated ? 1 : 0))).append("|\n");
        for (Row row : rows) {
            // A '|' in a name of --name would end the cell.
            sb.append("| ").append(TableCell.markdownText(row.label())).append(" | ").append(row.seeds());
            row.cells().forEach(c -> sb.append(" | ").append(c.markdown()));
            if (validated) {
                sb.append(" | ").append((row.validation() == null ? TableCell.UNDEFINED : row.validation()).markdown());
            }
            sb.append(" |\n");
        }
        return sb.toString();
    }

    /**
     * The accuracy columns as a LaTeX {@code tabular} with the rules of the booktabs package, to
     * {@code \input} into a paper's table: the timings are left out, as they measure the machine, and
     * so is the ACC on validation samples, which chooses hyperparameters and is not reported.
     * The units stand on a line of their own and the half-widths are set small, so that the table fits
     * a one-column page (see {@link LatexTable}); a column of seeds ({@code n}) is given only when the
     * rows have different numbers of them (else a comment says how many), and a metric's column that is
     * n/a in every row (FWT in class-incremental learning) is left out, as a comment says.
     *
     * @param note what the table is, a comment at its top (e.g. the runs it is made of)
     * @return the LaTeX source
     */
    String latex(String note) {
        return latex(note, false);
    }

    /**
     * As {@link #latex(String)}, or narrow: each half-width on a line of its own under its mean, so that
     * the table fits a column of a two-column page.
     *
     * @param note   what the table is, a comment at its top
     * @param narrow whether to set each half-width under its mean
     * @return the LaTeX source
     */
    String latex(String note, boolean narrow) {
        StringBuilder sb = new StringBuilder(LatexTable.comments(note));
        boolean seedsColumn = rows.stream().mapToInt(Row::seeds).distinct().count() > 1;
        sb.append(LatexTable.NEEDS_BOOKTABS).append(note(false).replace("±", "\\pm")).append(".\n");
        if (!seedsColumn && !rows.isEmpty()) {
            int n = rows.get(0).seeds();
            sb.append("% Every row is ").append(n == 1 ? "of one seed" : "over " + n + " seeds").append(", which the"
                    + " caption should say.\n");
        } else if (seedsColumn) {
            sb.append("% $n$: the number of seeds of a row, which the caption should say.\n");
        }
        sb.append(LatexTable.unicodeNote(rows.stream().map(Row::label).toList()));
        boolean halves = rows.stream().anyMatch(r -> r.cells().subList(0, ACCURACY_COLUMNS).stream()
                .anyMatch(c -> c.half() != null));
        List<Integer> kept = LatexTable.definedColumns(rows.stream().map(r -> r.cells().subList(0, ACCURACY_COLUMNS))
                .toList(), ACCURACY_COLUMNS);
        List<String> names = List.of(NAMES).subList(0, ACCURACY_COLUMNS);
        sb.append(narrow ? LatexTable.narrowWidth(halves, names, kept) : width(halves));
        sb.append(LatexTable.leftOutNote(names, kept));
        sb.append("\\begin{tabular}{").append(LatexTable.columns((seedsColumn ? 1 : 0) + kept.size()))
                .append("}\n\\toprule\n");
        sb.append(LatexTable.header(seedsColumn ? List.of("Strategy", "$n$") : List.of("Strategy"),
                LatexTable.kept(narrow ? LatexTable.narrowNames(names) : names, kept),
                LatexTable.kept(List.of(UNITS), kept)));
        sb.append("\\midrule\n");
        for (Row row : rows) {
            List<String> leading = seedsColumn ? List.of(LatexText.escaped(row.label()), Integer.toString(row.seeds()))
                    : List.of(LatexText.escaped(row.label()));
            sb.append(LatexTable.row(leading, LatexTable.kept(row.cells(), kept), k -> false, narrow));
        }
        return sb.append("\\bottomrule\n\\end{tabular}\n").toString();
    }
}
