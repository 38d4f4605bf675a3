package org.engram.experiments.run;

import org.engram.experiments.metrics.MetricFormat;

/**
 * A cell of a table of results ({@code comparison.md}, {@code comparison.tex}, {@code paired.md},
 * {@code paired.tex}): a mean and, after ±, the half-width of its interval, rounded once so that the
 * Markdown and the LaTeX of a table show the same digits.
 *
 * @param mean the mean as shown, e.g. {@code 86.2} or {@code +10.4}; null where the value is undefined
 * @param half the half-width as shown; null for one seed, for no ±, or where the value is undefined
 */
record TableCell(String mean, String half) {
    /** A cell of an undefined value, shown as n/a. */
    static final TableCell UNDEFINED = new TableCell(null, null);

    /**
     * A cell of a defined value.
     *
     * @param mean       the mean, in the unit the table shows (e.g. % or pp)
     * @param half       the half-width, in that unit; NaN for none
     * @param meanFormat the mean's pattern for {@link MetricFormat#format}, e.g. {@code %.1f}, or
     *                   {@code %+.1f} for a signed difference
     * @param halfFormat the half-width's pattern, e.g. {@code %.1f}
     * @return the cell
     */
    static TableCell of(double mean, double half, String meanFormat, String halfFormat) {
        return new TableCell(MetricFormat.format(meanFormat, mean),
                Double.isNaN(half) ? null : MetricFormat.format(halfFormat, half));
    }

    /**
     * A name in a Markdown table's cell, such as a row's, where a '|' would end the cell.
     *
     * @param name the name
     * @return the name with each '|' escaped
     */
    static String markdownText(String name) {
        return name.replace("|", "\\|");
    }

    /** @return the cell in Markdown: {@code 86.2 ± 10.1}, {@code 86.2} or {@code n/a} */
    String markdown() {
        return mean == null ? "n/a" : half == null ? mean : mean + " ± " + half;
    }

    /**
     * The mean with the half-width after it in the size of a subscript, as papers set it to save width.
     *
     * @return e.g. {@code $86.2{\scriptstyle\,\pm 10.1}$}, or {@code n/a}
     */
    String latex() {
        return mean == null ? "n/a" : "$" + mathText() + "$";
    }

    /**
     * As {@link #latex()}, in bold (the digits of the mean and the half-width: {@code \mathbf} leaves
     * the signs and ± as they are), to mark a cell as a paper marks a result.
     *
     * @return e.g. {@code $\mathbf{+10.4{\scriptstyle\,\pm 8.8}}$}, or {@code n/a}
     */
    String latexBold() {
        return mean == null ? "n/a" : "$\\mathbf{" + mathText() + "}$";
    }

    /**
     * The mean alone, for a table that sets the half-width on a line of its own under it (a narrow table).
     *
     * @param bold whether to set it in bold, as {@link #latexBold()} does
     * @return e.g. {@code $86.2$} or {@code $\mathbf{+10.4}$}, or {@code n/a}
     */
    String latexMean(boolean bold) {
        return mean == null ? "n/a" : bold ? "$\\mathbf{" + mean + "}$" : "$" + mean + "$";
    }

    /**
     * The half-width alone, in the size of a subscript, to stand under {@link #latexMean}.
     *
     * @param bold whether to set it in bold
     * @return e.g. {@code $\scriptstyle\pm 10.1$}, or an empty string for a cell without a half-width
     */
    String latexHalf(boolean bold) {
        return half == null ? "" : "$\\scriptstyle" + (bold ? "\\mathbf{\\pm " + half + "}$" : "\\pm " + half + "$");
    }

    private String mathText() {
        // No space between the sign and the half-width: a table of five such cells must fit a one-column page.
        return mean + (half == null ? "" : "{\\scriptstyle\\,\\pm " + half + "}");
    }
}
