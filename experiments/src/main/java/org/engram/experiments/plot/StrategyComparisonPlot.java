package org.engram.experiments.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;

import org.engram.experiments.metrics.ErrorMeasure;
import org.engram.experiments.metrics.SeedSummary;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.Range;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * ACC and BWT of several strategies side by side: bars are means over seeds, error bars a chosen
 * measure of their spread ({@link ErrorMeasure}), by default the 95% confidence interval.
 */
public final class StrategyComparisonPlot {
    /** ACC's bars: a mid grey, dark enough against white, light enough for the black error bars on it. */
    private static final Color ACC_GREY = new Color(0x6E6E6E);
    /** BWT's bars: a light grey, told apart from ACC's also when printed in black and white. */
    private static final Color BWT_GREY = new Color(0xBDBDBD);

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
     * Draws the figure with 95% confidence intervals as error bars.
     *
     * @param entries one entry per strategy, in the order to show, summarised at 95% confidence
     * @param title   figure title
     * @return the figure at the default size (wider for many strategies)
     */
    public static Figure of(List<Entry> entries, String title) {
        return of(entries, title, ErrorMeasure.CI95);
    }

    /**
     * Draws the figure.
     *
     * @param entries one entry per strategy, in the order to show; for {@link ErrorMeasure#CI95},
     *                summarised at 95% confidence
     * @param title   figure title
     * @param error   what the error bars show
     * @return the figure at the default size (wider for many strategies)
     */
    public static Figure of(List<Entry> entries, String title, ErrorMeasure error) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("strategy comparison needs at least one strategy");
        }
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        boolean oneSeed = false;
        int minSeeds = Integer.MAX_VALUE;
        int maxSeeds = 0;
        boolean mixed = entries.stream().mapToInt(e -> e.acc().n()).distinct().count() > 1;
        List<String> names = entries.stream().map(e -> Labels.withSeeds(e.strategy(), e.acc().n(), mixed)).toList();
        for (int k = 0; k < entries.size(); k++) {
            Entry e = entries.get(k);
            data.add(100 * e.acc().mean(), errorBar(e.acc(), error), "ACC (average accuracy, %)", names.get(k));
            data.add(100 * e.bwt().mean(), errorBar(e.bwt(), error), "BWT (backward transfer, pp)", names.get(k));
            for (SeedSummary summary : List.of(e.acc(), e.bwt())) {
                if (summary.n() < 2) {
                    oneSeed = true;
                } else {
                    minSeeds = Math.min(minSeeds, summary.n());
                    maxSeeds = Math.max(maxSeeds, summary.n());
                }
            }
        }
        CategoryAxis x = new CategoryAxis("strategy");
        x.setCategoryMargin(0.25);
        double label = widestLabel(names);
        double needed = (label + 4) / ChartStyle.LABEL_SHARE;
        boolean slanted = needed > MAX_SLOT;
        int slot = slanted ? (int) MIN_SLOT : (int) Math.ceil(Math.max(MIN_SLOT, needed));
        int height = ChartStyle.HEIGHT;
        if (slanted) {
            // Too long to stand under its bars even in the widest slot: slanted at 45 degrees, whole
            // (up to the plot's height), with the figure made taller by what they take.
            x.setCategoryLabelPositions(ChartStyle.SLANTED);
            height += (int) Math.ceil(label * Math.sqrt(0.5));
        }
        NumberAxis y = new NumberAxis("ACC (%) and BWT (pp)");
        Range range = valueRange(data);
        y.setRange(range);
        StatisticalBarRenderer r = new StatisticalBarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setItemMargin(0.05);
        // Greys, not the strategies' colours, which mean strategies in the other figures of a run or paper.
        r.setSeriesPaint(0, ACC_GREY);
        r.setSeriesPaint(1, BWT_GREY);
        r.setErrorIndicatorPaint(Color.BLACK);
        r.setErrorIndicatorStroke(new BasicStroke(1.5f));
        CategoryPlot plot = new CategoryPlot(data, x, y, r);
        ValueMarker zero = new ValueMarker(0, Color.DARK_GRAY, new BasicStroke(1.2f));
        plot.addRangeMarker(zero);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        ChartStyle.subtitle(chart, barsSaid(entries, error, oneSeed, minSeeds, maxSeeds)
                + Labels.barsCut(barsPastTheAxis(data, range), range, ""));
        int width = Math.max(ChartStyle.WIDTH, 160 + slot * entries.size());
        ChartStyle.apply(chart);
        if (slanted) {
            // Slanted labels reach left of their slots, past the range axis: room added on the left, and to
            // the figure, so the plot keeps its width.
            RectangleInsets padding = chart.getPadding();
            double left = Math.max(padding.getLeft(), ChartStyle.slantedLabelOverhang(plot, MIN_SLOT));
            chart.setPadding(new RectangleInsets(padding.getTop(), left, padding.getBottom(), padding.getRight()));
            width += (int) (left - padding.getLeft());
        }
        return new Figure(chart, width, height);
    }

    /**
     * The width (pixels) of a strategy's slot on the axis: its two bars and, under them, its label.
     * A label wider than {@code MIN_SLOT} widens every slot up to {@code MAX_SLOT}; past that
     * labels are slanted and slots keep {@code MIN_SLOT}.
     */
    private static final double MIN_SLOT = 110;
    private static final double MAX_SLOT = 220;

    /** The width (pixels) of the widest label in the axis's font. */
    private static double widestLabel(List<String> names) {
        double widest = 0;
        for (String name : names) {
            widest = Math.max(widest, ChartStyle.textWidth(name, ChartStyle.TICK));
        }
        return widest;
    }

    /**
     * The value axis: from the lowest to the highest end of the bars and error bars, with 0, but
     * within -100 and 100, where ACC (%) and BWT (pp) end: a Student-t interval of 2 seeds reached
     * -500 to 500 and squeezed the bars to slivers. Error bars past the range run off the edge.
     */
    private static Range valueRange(DefaultStatisticalCategoryDataset data) {
        double low = 0;
        double high = 0;
        for (int r = 0; r < data.getRowCount(); r++) {
            for (int c = 0; c < data.getColumnCount(); c++) {
                Number mean = data.getMeanValue(r, c);
                if (mean == null) {
                    continue;
                }
                Number sd = data.getStdDevValue(r, c);
                double half = sd == null || Double.isNaN(sd.doubleValue()) ? 0 : sd.doubleValue();
                low = Math.min(low, mean.doubleValue() - half);
                high = Math.max(high, mean.doubleValue() + half);
            }
        }
        low = Math.max(-100, low);
        high = Math.min(100, high);
        double margin = Math.max(1, 0.04 * (high - low));
        return new Range(low - margin, high + margin);
    }

    /** The error bars whose ends lie beyond the value axis, which cuts them (see {@link #valueRange}). */
    static int barsPastTheAxis(DefaultStatisticalCategoryDataset data, Range axis) {
        int cut = 0;
        for (int r = 0; r < data.getRowCount(); r++) {
            for (int c = 0; c < data.getColumnCount(); c++) {
                Number mean = data.getMeanValue(r, c);
                Number half = data.getStdDevValue(r, c);
                if (mean != null && half != null && !Double.isNaN(half.doubleValue())) {
                    boolean below = mean.doubleValue() - half.doubleValue() < axis.getLowerBound();
                    cut += below || mean.doubleValue() + half.doubleValue() > axis.getUpperBound() ? 1 : 0;
                }
            }
        }
        return cut;
    }

    /** The half-width in percent, or {@code null} (no bar) when a single seed or the measure gives none. */
    private static Number errorBar(SeedSummary s, ErrorMeasure error) {
        double half = error.halfWidth(s);
        return Double.isNaN(half) ? null : 100 * half;
    }

    /**
     * What the subtitle says the bars and error bars are. The seeds counted are those of summaries
     * with error bars ({@code minSeeds} to {@code maxSeeds}, 0 when none has one); with none drawn by
     * choice, those of every strategy, whose means the bars are.
     */
    private static String barsSaid(List<Entry> entries, ErrorMeasure error, boolean oneSeed, int minSeeds,
                                   int maxSeeds) {
        if (maxSeeds == 0) {
            return "bars: mean; one seed: no error bars";
        }
        if (!error.drawn()) {
            int fewest = entries.stream().mapToInt(e -> e.acc().n()).min().orElseThrow();
            int most = entries.stream().mapToInt(e -> e.acc().n()).max().orElseThrow();
            return "bars: mean over " + (fewest == most ? most : fewest + " to " + most) + " seeds; "
                    + error.caption("error bars", true, "");
        }
        String seeds = minSeeds == maxSeeds ? Integer.toString(minSeeds) : minSeeds + " to " + maxSeeds;
        return "bars: mean; " + error.caption("error bars", true, " over " + seeds + " seeds")
                + (oneSeed ? "; bars of one seed have none" : "");
    }
}
