package org.engram.experiments.plot;

import java.util.List;
import java.util.Locale;
import org.engram.experiments.metrics.AccuracyMatrix;
import org.engram.experiments.metrics.ErrorMeasure;
import org.engram.experiments.metrics.SeedSummary;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.Range;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The figure that compares continual-learning strategies over a task sequence: after each task
 * learned, the average accuracy on the tasks learned so far (row {@code i} of the accuracy matrix
 * averaged over its first {@code i + 1} columns), one line per strategy, its mean over seeds with
 * error bars of a chosen measure, by default the 95% confidence interval (Student t). Its last
 * point is ACC.
 */
public final class AverageAccuracyPlot {
    /**
     * How far apart, in tasks, neighbouring strategies' points are drawn, so that their bars do not cover each other.
     */
    private static final double DODGE = 0.06;

    /**
     * The widest the strategies' points about one task may be, in tasks: a tenth of a task within the axis's
     * half-task margins, and so nearer their own task than the next, for the many rows of a comparison too.
     */
    private static final double DODGE_SPAN = 0.8;

    private AverageAccuracyPlot() {
    }

    /**
     * Which samples the accuracies are of, as the figure's axis and subtitle say.
     */
    public enum Samples {
        /** The test samples: the last point is ACC. */
        TEST("average accuracy (%)", ""),
        /** The training samples held out for validation ({@code tasks.validation}): the last point is Val. ACC. */
        VALIDATION("average validation accuracy (%)", "Val. ");

        private final String axis;
        private final String prefix;

        Samples(String axis, String prefix) {
            this.axis = axis;
            this.prefix = prefix;
        }

        /** {@return a measure's name for these samples, as the tables write it: {@code ACC}, {@code Val. ACC}} */
        String named(String measure) {
            return prefix + measure;
        }
    }

    /**
     * One strategy: its accuracy matrix for each seed.
     *
     * @param label    legend entry
     * @param style    the strategy whose colour, line and marker the line takes ({@code ChartStyle.styles}),
     *                 whatever name of one's own or run tag ({@code ewc [A]}) the legend shows
     * @param matrices one matrix per seed, all of one size
     */
    public record Strategy(String label, ChartStyle.Series style, List<AccuracyMatrix> matrices) {
        /**
         * Copies the list and checks it holds matrices of one size.
         *
         * @param label    legend entry
         * @param style    the strategy whose colour, line and marker the line takes ({@code ChartStyle.styles}),
         *                 whatever name of one's own or run tag ({@code ewc [A]}) the legend shows
         * @param matrices one matrix per seed, all of one size
         */
        public Strategy {
            List<AccuracyMatrix> copy = List.copyOf(matrices);
            matrices = copy;
            if (copy.isEmpty() || copy.stream().anyMatch(m -> m.size() != copy.get(0).size())) {
                throw new IllegalArgumentException("strategy " + label + ": need at least one matrix, all of one "
                        + "size");
            }
        }

        /**
         * A strategy styled as its legend entry names it.
         *
         * @param label    legend entry, the strategy's label
         * @param matrices one matrix per seed, all of one size
         */
        public Strategy(String label, List<AccuracyMatrix> matrices) {
            this(label, ChartStyle.Series.of(label), matrices);
        }

        /**
         * The average accuracy on the tasks learned so far, after each task, over the seeds.
         *
         * @return one summary per task learned
         */
        public SeedSummary[] afterEachTask() {
            int tasks = matrices.get(0).size();
            SeedSummary[] out = new SeedSummary[tasks];
            for (int i = 0; i < tasks; i++) {
                double[] values = new double[matrices.size()];
                for (int s = 0; s < values.length; s++) {
                    double sum = 0;
                    for (int j = 0; j <= i; j++) {
                        sum += matrices.get(s).get(i, j);
                    }
                    values[s] = sum / (i + 1);
                }
                out[i] = SeedSummary.of(values);
            }
            return out;
        }
    }

    /**
     * Draws the figure with 95% confidence intervals as error bars.
     *
     * @param strategies the strategies, all of one task count
     * @param title      figure title
     * @return the figure at the default size
     */
    public static Figure of(List<Strategy> strategies, String title) {
        return of(strategies, title, ErrorMeasure.CI95);
    }

    /**
     * Draws the figure.
     *
     * @param strategies the strategies, all of one task count
     * @param title      figure title
     * @param error      what the error bars show
     * @return the figure at the default size
     */
    public static Figure of(List<Strategy> strategies, String title, ErrorMeasure error) {
        return of(strategies, title, error, Samples.TEST);
    }

    /**
     * Draws the figure of the accuracies on the given samples.
     *
     * @param strategies the strategies, all of one task count, each with its matrices of those samples
     * @param title      figure title
     * @param error      what the error bars show
     * @param samples    which samples the matrices score, as the axis and subtitle name them
     * @return the figure at the default size
     */
    public static Figure of(List<Strategy> strategies, String title, ErrorMeasure error, Samples samples) {
        if (strategies.isEmpty() || strategies.stream().anyMatch(s -> s.matrices().get(0).size()
                != strategies.get(0).matrices().get(0).size())) {
            throw new IllegalArgumentException("average accuracy: need strategies of one task count");
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        int n = strategies.size();
        int fewestSeeds = strategies.stream().mapToInt(s -> s.matrices().size()).min().orElseThrow();
        int mostSeeds = strategies.stream().mapToInt(s -> s.matrices().size()).max().orElseThrow();
        for (int k = 0; k < n; k++) {
            Strategy s = strategies.get(k);
            YIntervalSeries series = new YIntervalSeries(Labels.withSeeds(s.label(), s.matrices().size(),
                    fewestSeeds != mostSeeds), false, true);
            SeedSummary[] points = s.afterEachTask();
            for (int i = 0; i < points.length; i++) {
                SeedSummary p = points[i];
                double half = error.halfWidth(p);
                boolean spread = Double.isFinite(half);
                series.add(i + 1 + Dodge.offset(k, n, DODGE, DODGE_SPAN), 100 * p.mean(),
                        100 * (spread ? p.mean() - half : p.mean()), 100 * (spread ? p.mean() + half : p.mean()));
            }
            data.addSeries(series);
        }
        NumberAxis x = new NumberAxis("number of tasks learned");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setRange(0.5, strategies.get(0).matrices().get(0).size() + 0.5);
        NumberAxis y = new PercentAxis(samples.axis);
        Range range = accuracyRange(data);
        y.setRange(range);
        XYErrorRenderer r = ChartStyle.linesWithErrorBars(error);
        int[] styles = ChartStyle.styles(strategies.stream().map(Strategy::style).toList());
        for (int k = 0; k < n; k++) {
            r.setSeriesPaint(k, ChartStyle.color(styles[k]));
            r.setSeriesStroke(k, ChartStyle.line(styles[k]));
            r.setSeriesShape(k, ChartStyle.shape(styles[k], 6));
        }
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, new XYPlot(data, x, y, r), true);
        chart.getLegend().setPosition(n > 6 ? RectangleEdge.RIGHT : RectangleEdge.BOTTOM);
        String seeds = fewestSeeds == mostSeeds ? fewestSeeds + (fewestSeeds == 1 ? " seed" : " seeds")
                : fewestSeeds + " to " + mostSeeds + " seeds";
        int cut = barsPastTheAxis(data, range);
        ChartStyle.subtitle(chart, String.format(Locale.ROOT, "%s%s; the last point is %s%s",
                mostSeeds == 1 ? "one seed" : "mean over " + seeds,
                mostSeeds > 1 ? ", " + error.caption("bars", true, "") : "", samples.named("ACC"),
                Labels.barsCut(cut, range, "%")));
        return new Figure(ChartStyle.apply(chart), ChartStyle.WIDTH, ChartStyle.HEIGHT);
    }

    /** The bars whose ends lie beyond the axis, which cuts them (see {@link #accuracyRange}). */
    static int barsPastTheAxis(YIntervalSeriesCollection data, Range axis) {
        int cut = 0;
        for (int s = 0; s < data.getSeriesCount(); s++) {
            for (int i = 0; i < data.getItemCount(s); i++) {
                boolean below = data.getStartYValue(s, i) < axis.getLowerBound();
                cut += below || data.getEndYValue(s, i) > axis.getUpperBound() ? 1 : 0;
            }
        }
        return cut;
    }

    /**
     * The accuracy axis: from the lowest to the highest end of the bars, but within 0 and 100%,
     * where accuracies end (a Student-t interval of 2 or 3 seeds can reach far past 100 and would
     * squeeze the lines), with a margin for whole markers. Bars past the range run off the edge.
     */
    private static Range accuracyRange(YIntervalSeriesCollection data) {
        double low = 100;
        double high = 0;
        for (int s = 0; s < data.getSeriesCount(); s++) {
            for (int i = 0; i < data.getItemCount(s); i++) {
                low = Math.min(low, data.getStartYValue(s, i));
                high = Math.max(high, data.getEndYValue(s, i));
            }
        }
        low = Math.max(0, Math.min(low, 100));
        high = Math.min(100, Math.max(high, low));
        double margin = Math.max(1, 0.04 * (high - low));
        return new Range(low - margin, high + margin);
    }
}
