package org.engram.experiments.plot;

import java.awt.Paint;
import java.util.List;

import org.engram.experiments.metrics.AccuracyMatrix;
import org.engram.experiments.metrics.ErrorMeasure;
import org.engram.experiments.metrics.SeedSummary;
import org.engram.simulator.Plural;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.Range;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * How the accuracy on each task develops as later tasks are learned: one line per task, from the
 * moment it is learned to the end of the sequence; over several seeds, with a bar of each point's
 * spread, by default its 95% confidence interval (Student t).
 *
 * <p>x is the number of tasks learned so far (1..T), y the test accuracy on the task (%). A line
 * that falls shows forgetting; the subtitle gives ACC, BWT and average forgetting. A legend names
 * up to {@value #NAMED_TASKS} tasks; more are told apart by a colour scale of their numbers.
 */
public final class ForgettingPlot {
    private ForgettingPlot() {
    }

    /**
     * Draws the figure of one run.
     *
     * @param matrix    the accuracy matrix of the run
     * @param taskNames one name per task, for the legend
     * @param title     figure title, e.g. {@code "Permuted Fashion-MNIST, EWC"}
     * @return the figure at the default size
     */
    public static Figure of(AccuracyMatrix matrix, List<String> taskNames, String title) {
        return of(List.of(matrix), taskNames, title);
    }

    /**
     * Draws the figure of several runs (seeds) with 95% confidence intervals as bars.
     *
     * @param runs      the runs' accuracy matrices, one size
     * @param taskNames one name per task, for the legend
     * @param title     figure title
     * @return the figure at the default size
     */
    public static Figure of(List<AccuracyMatrix> runs, List<String> taskNames, String title) {
        return of(runs, taskNames, title, ErrorMeasure.CI95);
    }

    /**
     * Draws the figure of several runs (seeds): the lines of their mean matrix, and in the subtitle
     * their mean ACC, BWT and average forgetting, as the summary tables give them
     * ({@link AccuracyMatrix#meanOver}).
     *
     * @param runs      the runs' accuracy matrices, one size
     * @param taskNames one name per task, for the legend
     * @param title     figure title
     * @param error     what the bars show
     * @return the figure at the default size
     */
    public static Figure of(List<AccuracyMatrix> runs, List<String> taskNames, String title, ErrorMeasure error) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("forgetting plot: need the accuracy matrix of at least one run");
        }
        AccuracyMatrix matrix = AccuracyMatrix.mean(runs);
        int t = matrix.size();
        Labels.requireCount(taskNames, t, "task names");
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (int j = 0; j < t; j++) {
            YIntervalSeries s = new YIntervalSeries("task " + (j + 1) + " (" + taskNames.get(j) + ")", false, false);
            // Side by side around each task's number, so that the tasks' bars do not cover each other, nor, of
            // one seed, the markers of tasks of one accuracy (two tasks at 100%, or at chance).
            double dodge = Dodge.offset(j, t, DODGE, DODGE_SPAN);
            for (int i = j; i < t; i++) {
                double mean = 100 * matrix.get(i, j);
                SeedSummary spread = SeedSummary.of(over(runs, i, j));
                double half = error.halfWidth(spread);
                boolean finite = Double.isFinite(half);
                s.add(i + 1 + dodge, mean, finite ? 100 * (spread.mean() - half) : mean,
                        finite ? 100 * (spread.mean() + half) : mean);
            }
            data.addSeries(s);
        }
        NumberAxis x = new NumberAxis("number of tasks learned");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setRange(1 - X_MARGIN, t + X_MARGIN);
        NumberAxis y = new PercentAxis("test accuracy on the task (%)");
        Range range = new Range(0, 104);   // room above 100, where finished tasks often stay, for whole markers
        y.setRange(range);
        y.setTickUnit(new NumberTickUnit(10));
        XYErrorRenderer r = ChartStyle.linesWithErrorBars(error);
        boolean named = t <= NAMED_TASKS;
        // Markers that a legend does not name are smaller, so that the lines of many tasks show between them.
        double marker = named ? 8 : 4;
        for (int j = 0; j < t; j++) {
            // The tasks' own colours, in their order: the strategies' colours mean strategies elsewhere.
            r.setSeriesPaint(j, ChartStyle.ordered(j, t));
            r.setSeriesStroke(j, ChartStyle.line(0));
            r.setSeriesShape(j, ChartStyle.shape(j, marker));
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        // Later tasks on top: the last task has a single point, which an earlier line would cover.
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, named);
        if (named) {
            chart.getLegend().setPosition(t > 6 ? RectangleEdge.RIGHT : RectangleEdge.BOTTOM);
        } else {
            PaintScaleLegend scale = ChartStyle.colourScale(new TaskColours(t), taskAxis(t));
            scale.setSubdivisionCount(t);   // a band of one colour a task, edge to edge
            // The strip next to the plot, whose lines it names; the numbers and label beyond it.
            scale.setAxisLocation(AxisLocation.TOP_OR_RIGHT);
            chart.addSubtitle(scale);
        }
        String summary = "ACC " + Labels.percent(AccuracyMatrix.meanOver(runs, AccuracyMatrix::acc))
                + "   BWT " + Labels.points(AccuracyMatrix.meanOver(runs, AccuracyMatrix::bwt))
                + "   average forgetting "
                + Labels.points(AccuracyMatrix.meanOver(runs, AccuracyMatrix::averageForgetting)) + "   ("
                + Plural.count(t, "task") + ")"
                + (runs.size() > 1 ? ";   " + error.caption("bars", false, " over " + runs.size() + " seeds") : "")
                + Labels.barsCut(AverageAccuracyPlot.barsPastTheAxis(data, range), range, "%");
        ChartStyle.subtitle(chart, summary);
        return new Figure(ChartStyle.apply(chart), ChartStyle.WIDTH, ChartStyle.HEIGHT);
    }

    /**
     * The most tasks a legend names one by one ({@code task 3 (permutation 2)}). More tasks are told apart by a
     * colour scale of their numbers beside the plot, each line starting at its task's number: a legend of 20
     * tasks, printed a column wide, had been as high as the plot, and of 50 twice as high; on screen, beside
     * the plot, 50 tasks' legend had left the plot a third of the width.
     */
    static final int NAMED_TASKS = 10;

    /** The scale's axis: the tasks' numbers, each task's colour a band one task wide about its number. */
    private static NumberAxis taskAxis(int tasks) {
        NumberAxis axis = new NumberAxis("task");
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setRange(0.5, tasks + 0.5);
        return axis;
    }

    /** The tasks' colours ({@link ChartStyle#ordered}) over their numbers: task k's over [k - 0.5, k + 0.5). */
    private record TaskColours(int tasks) implements PaintScale {
        @Override
        public double getLowerBound() {
            return 0.5;
        }

        @Override
        public double getUpperBound() {
            return tasks + 0.5;
        }

        @Override
        public Paint getPaint(double value) {
            int task = (int) Math.floor(value - 0.5);
            return ChartStyle.ordered(Math.max(0, Math.min(tasks - 1, task)), tasks);
        }
    }

    /** How far apart, in tasks, neighbouring tasks' points are drawn. */
    private static final double DODGE = 0.04;

    /** The x axis's room before the first task and after the last, in tasks. */
    private static final double X_MARGIN = 0.3;

    /**
     * The widest the tasks' points about one x may be, in tasks: a tenth of a task within the axis's margins,
     * so that the first task's first point and the last task's only point, of a long sequence too, are drawn.
     */
    private static final double DODGE_SPAN = 0.4;

    /** The accuracy on task {@code j} after task {@code i} of each run. */
    private static double[] over(List<AccuracyMatrix> runs, int i, int j) {
        double[] values = new double[runs.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = runs.get(k).get(i, j);
        }
        return values;
    }
}
