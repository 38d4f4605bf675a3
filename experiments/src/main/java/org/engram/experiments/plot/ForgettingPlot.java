package org.engram.experiments.plot;

import java.util.List;

import org.engram.experiments.metrics.AccuracyMatrix;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * How the accuracy on each task develops as later tasks are learned: one line per task, from the
 * moment it is learned to the end of the sequence.
 *
 * <p>x is the number of tasks learned so far (1..T), y the test accuracy on the task (%). A line
 * that falls shows forgetting; the subtitle gives ACC, BWT and average forgetting.
 */
public final class ForgettingPlot {
    private ForgettingPlot() {
    }

    /**
     * Draws the figure of one run.
     *
     * @param matrix    the accuracy matrix of the run
     * @param taskNames one name per task for the legend
     * @param title     figure title, e.g. {@code "Permuted Fashion-MNIST, EWC"}
     * @return the figure at the default size
     */
    public static Figure of(AccuracyMatrix matrix, List<String> taskNames, String title) {
        return of(List.of(matrix), taskNames, title);
    }

    /**
     * Draws the figure of several runs (seeds): the lines of their mean matrix, and in the subtitle
     * their mean ACC, BWT and average forgetting, as the summary tables give them
     * ({@link AccuracyMatrix#meanOver}).
     *
     * @param runs      the runs' accuracy matrices, one size
     * @param taskNames one name per task for the legend
     * @param title     figure title
     * @return the figure at the default size
     */
    public static Figure of(List<AccuracyMatrix> runs, List<String> taskNames, String title) {
        AccuracyMatrix matrix = AccuracyMatrix.mean(runs);
        int t = matrix.size();
        Labels.requireCount(taskNames, t, "task names");
        XYSeriesCollection data = new XYSeriesCollection();
        for (int j = 0; j < t; j++) {
            XYSeries s = new XYSeries("task " + (j + 1) + ": " + taskNames.get(j), false, false);
            for (int i = j; i < t; i++) {
                s.add(i + 1, 100 * matrix.get(i, j));
            }
            data.addSeries(s);
        }
        NumberAxis x = new NumberAxis("number of tasks learned");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setRange(0.7, t + 0.3);
        NumberAxis y = new NumberAxis("test accuracy on the task (%)");
        y.setRange(0, 104);   // room above 100, where finished tasks often stay, for whole markers
        y.setTickUnit(new NumberTickUnit(10));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int j = 0; j < t; j++) {
            r.setSeriesPaint(j, ChartStyle.color(j));
            r.setSeriesStroke(j, ChartStyle.line(j));
            r.setSeriesShape(j, ChartStyle.shape(j, 8));
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        // Later tasks on top: the last task has a single point, which an earlier line would cover.
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(t > 6 ? RectangleEdge.RIGHT : RectangleEdge.BOTTOM);
        String summary = "ACC " + Labels.percent(AccuracyMatrix.meanOver(runs, AccuracyMatrix::acc))
                + "   BWT " + Labels.points(AccuracyMatrix.meanOver(runs, AccuracyMatrix::bwt))
                + "   average forgetting "
                + Labels.points(AccuracyMatrix.meanOver(runs, AccuracyMatrix::averageForgetting)) + "   (" + t
                + (t == 1 ? " task)" : " tasks)");
        ChartStyle.subtitle(chart, summary);
        return new Figure(ChartStyle.apply(chart), ChartStyle.WIDTH, ChartStyle.HEIGHT);
    }
}
