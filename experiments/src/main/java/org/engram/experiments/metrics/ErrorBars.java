package org.engram.experiments.metrics;

/**
 * The measures a set of figures and tables draws as error: one for the bars on points and columns
 * and a table's ±, one for the bands around the learning curves.
 *
 * @param bars   of the bars of the forgetting, average-accuracy and comparison figures, and of the ± of tables
 * @param curves of the bands around the per-epoch learning curves
 */
public record ErrorBars(ErrorMeasure bars, ErrorMeasure curves) {
    /**
     * As Engram draws them unless told otherwise: 95% confidence intervals, and around the learning
     * curves, which show the seeds' spread from epoch to epoch rather than a comparison of means,
     * one standard deviation.
     */
    public static final ErrorBars DEFAULT = new ErrorBars(ErrorMeasure.CI95, ErrorMeasure.SD);

    /**
     * Checks that both measures are given.
     *
     * @param bars   of the bars of the forgetting, average-accuracy and comparison figures, and of the ± of tables
     * @param curves of the bands around the per-epoch learning curves
     */
    public ErrorBars {
        if (bars == null || curves == null) {
            throw new IllegalArgumentException("error bars: a measure for bars and one for curves, found " + bars
                    + " and " + curves);
        }
    }

    /**
     * The measures of a choice of one, such as {@code --error}'s.
     *
     * @param chosen the measure of every bar and band, or null for {@link #DEFAULT}
     * @return the measures
     */
    public static ErrorBars of(ErrorMeasure chosen) {
        return chosen == null ? DEFAULT : new ErrorBars(chosen, chosen);
    }
}
