package org.engram.experiments.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;

import org.engram.experiments.metrics.SeedSummary;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * ACC and BWT of several strategies side by side: bars are means over seeds, error bars the
 * confidence interval of {@link SeedSummary} (95% unless stated otherwise).
 */
public final class StrategyComparisonPlot {
    private StrategyComparisonPlot() {
    }

    /**
     * The summaries of one strategy.
     *
     * @param strategy name shown under the bars, e.g. {@code "EWC"}
     * @param acc      ACC over seeds (fractions)
     * @param bwt      BWT over seeds (fractions)
     */
    public record Entry(String strategy, SeedSummary acc, SeedSummary bwt) {
    }

    /**
     * Draws the figure.
     *
     * @param entries one entry per strategy, in the order to show
     * @param title   figure title
     * @return the figure at the default size (wider for many strategies)
     */
    public static Figure of(List<Entry> entries, String title) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("strategy comparison needs at least one strategy");
        }
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        int minSeeds = Integer.MAX_VALUE;
        int maxSeeds = 0;
        double confidence = entries.get(0).acc().confidence();
        for (Entry e : entries) {
            data.add(100 * e.acc().mean(), errorBar(e.acc()), "ACC (average accuracy, %)", e.strategy());
            data.add(100 * e.bwt().mean(), errorBar(e.bwt()), "BWT (backward transfer, pp)", e.strategy());
            minSeeds = Math.min(minSeeds, Math.min(e.acc().n(), e.bwt().n()));
            maxSeeds = Math.max(maxSeeds, Math.max(e.acc().n(), e.bwt().n()));
        }
        CategoryAxis x = new CategoryAxis("strategy");
        x.setCategoryMargin(0.25);
        NumberAxis y = new NumberAxis("ACC (%) and BWT (percentage points)");
        StatisticalBarRenderer r = new StatisticalBarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setItemMargin(0.05);
        r.setSeriesPaint(0, ChartStyle.color(0));
        r.setSeriesPaint(1, ChartStyle.color(3));
        r.setErrorIndicatorPaint(Color.BLACK);
        r.setErrorIndicatorStroke(new BasicStroke(1.5f));
        CategoryPlot plot = new CategoryPlot(data, x, y, r);
        ValueMarker zero = new ValueMarker(0, Color.DARK_GRAY, new BasicStroke(1.2f));
        plot.addRangeMarker(zero);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        String seeds = minSeeds == maxSeeds ? Integer.toString(minSeeds) : minSeeds + " to " + maxSeeds;
        String bars = maxSeeds < 2 ? "one seed: no error bars"
                : "error bars: " + Math.round(100 * confidence) + "% confidence interval (Student t) over " + seeds
                        + " seeds";
        ChartStyle.subtitle(chart, "bars: mean; " + bars);
        int width = Math.max(ChartStyle.WIDTH, 160 + 110 * entries.size());
        return new Figure(ChartStyle.apply(chart), width, ChartStyle.HEIGHT);
    }

    /** The half-width in percent, or {@code null} (no bar) when a single seed gives no interval. */
    private static Number errorBar(SeedSummary s) {
        return Double.isNaN(s.halfWidth()) ? null : 100 * s.halfWidth();
    }
}
