package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.engram.experiments.metrics.SeedSummary;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.Test;

/** The comparison chart shows every label whole and says which bars have no error bar. */
class StrategyComparisonPlotTest {

    private static StrategyComparisonPlot.Entry entry(String label, double... accs) {
        double[] bwts = new double[accs.length];
        for (int i = 0; i < accs.length; i++) {
            bwts[i] = accs[i] - 1;
        }
        return new StrategyComparisonPlot.Entry(label, SeedSummary.of(accs), SeedSummary.of(bwts));
    }

    /** Labels as a comparison of runs tags them, short enough to stand under their bars once slots widen. */
    @Test
    void taggedLabelsStandWholeUnderTheirBars() {
        List<StrategyComparisonPlot.Entry> entries = new ArrayList<>();
        for (String label : List.of("naive [A]", "replay+ewc [B]", "hlop [C]", "si [D]", "ewc+l2 [E]", "gpm [F]",
                "replay+ewc+si [G]")) {
            entries.add(entry(label, 0.8, 0.9));
        }
        Figure figure = StrategyComparisonPlot.of(entries, "compared");
        String svg = figure.svg();
        for (StrategyComparisonPlot.Entry e : entries) {
            assertTrue(svg.contains(">" + e.strategy() + "<"), e.strategy() + " whole in the SVG");
        }
        assertFalse(svg.contains("..."), "no label cut short");
        assertEquals(ChartStyle.HEIGHT, figure.height(), "labels stand upright: no room added under the plot");
    }

    /**
     * Labels too long for any slot are slanted, and the figure grows to hold them: taller by their
     * slanted height, wider by the room the first needs on the left, so the plot keeps its width.
     * (Slanted text is drawn as outlines, so the SVG holds no label to read back.)
     */
    @Test
    void longLabelsAreSlantedInAFigureThatGrowsToHoldThem() {
        List<StrategyComparisonPlot.Entry> entries = new ArrayList<>();
        entries.add(entry("W".repeat(64), 0.8, 0.9));
        entries.add(entry("si", 0.8, 0.9));
        Figure figure = StrategyComparisonPlot.of(entries, "compared");
        double label = ChartStyle.TICK.getStringBounds("W".repeat(64),
                new FontRenderContext(null, true, true)).getWidth();
        // A label of width w slanted at 45 degrees rises w sin 45 = w sqrt(1/2), rounded up to a whole unit.
        assertEquals(ChartStyle.HEIGHT + Math.ceil(label * Math.sqrt(0.5)), figure.height(), "height");
        double left = figure.chart().getPadding().getLeft();
        assertTrue(left > 100, "room on the left for the first label: " + left);
        assertEquals(ChartStyle.WIDTH + left - 8, figure.width(), 1.0, "the default padding is 8");
    }

    /**
     * Slanted labels stay whole when laid out for a paper's column, whose slots are narrower than a
     * screen's: the first label of nine ran off the figure's left edge at 3.3 in. No dark pixel may
     * touch the left edge, on screen or in print.
     */
    @Test
    void slantedLabelsStayWithinTheFigureInAColumn() throws IOException {
        List<StrategyComparisonPlot.Entry> entries = new ArrayList<>();
        for (String label : List.of("naive [A+B+C+D+H+I]", "ewc [A+B+C+D+H+I]", "si [G]", "naive [G]", "ewc [E]",
                "naive [E]", "si [F]", "naive [F]", "ewc [J]")) {
            entries.add(entry(label, 0.8, 0.9));
        }
        Figure screen = StrategyComparisonPlot.of(entries, "compared");
        for (Figure f : List.of(screen, screen.printedAt(3.3), screen.printedAt(2))) {
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(f.png()));
            for (int y = 0; y < png.getHeight(); y++) {
                for (int x = 0; x < 3; x++) {
                    Color c = new Color(png.getRGB(x, y));
                    assertTrue(c.getRed() + c.getGreen() + c.getBlue() > 600, "ink at (" + x + ", " + y + ") of a "
                            + png.getWidth() + "-pixel-wide figure");
                }
            }
        }
    }

    @Test
    void barsOfOneSeedAreSaidToHaveNoErrorBar() {
        String mixed = StrategyComparisonPlot.of(List.of(entry("a", 0.8, 0.9), entry("b", 0.7)), "t").svg();
        assertTrue(mixed.contains("over 2 seeds; bars of one seed have none"), mixed);
        String allOne = StrategyComparisonPlot.of(List.of(entry("a", 0.8), entry("b", 0.7)), "t").svg();
        assertTrue(allOne.contains("one seed: no error bars"), allOne);
        String three = StrategyComparisonPlot.of(List.of(entry("a", 0.8, 0.9, 0.85), entry("b", 0.7, 0.75)), "t").svg();
        assertTrue(three.contains("over 2 to 3 seeds<"), three);
    }

    /** Strategies of different numbers of seeds say how many each has, which the subtitle gives only as a range. */
    @Test
    void labelsGiveTheSeedsWhenTheyDiffer() {
        CategoryDataset mixed = ((CategoryPlot) StrategyComparisonPlot.of(List.of(entry("a", 0.8, 0.9, 0.85),
                entry("b", 0.7, 0.75)), "t").chart().getPlot()).getDataset();
        assertEquals(List.of("a (n=3)", "b (n=2)"), mixed.getColumnKeys());
        CategoryDataset alike = ((CategoryPlot) StrategyComparisonPlot.of(List.of(entry("a", 0.8, 0.9),
                entry("b", 0.7, 0.75)), "t").chart().getPlot()).getDataset();
        assertEquals(List.of("a", "b"), alike.getColumnKeys());
    }
    /**
     * Two seeds far apart give Student-t intervals far past 100: the axis keeps within -100 and 100
     * (it ran from -500 to 500, the bars slivers). Small bars keep a tight axis that holds 0.
     */
    @Test
    void theValueAxisStaysWithinTheMetricsRange() {
        Figure wide = StrategyComparisonPlot.of(List.of(entry("naive", 0.2, 0.6), entry("ewc", 0.5, 0.55)), "t");
        org.jfree.chart.axis.ValueAxis y = ((org.jfree.chart.plot.CategoryPlot) wide.chart().getPlot()).getRangeAxis();
        assertTrue(y.getUpperBound() > 99 && y.getUpperBound() <= 108, "upper bound " + y.getUpperBound());
        assertTrue(y.getLowerBound() < -99 && y.getLowerBound() >= -108, "lower bound " + y.getLowerBound());
        // The error bars the axis cuts are counted in the subtitle: a caption must not read them as whole.
        assertEquals(StrategyComparisonPlot.barsPastTheAxis(
                        (org.jfree.data.statistics.DefaultStatisticalCategoryDataset)
                        ((org.jfree.chart.plot.CategoryPlot) wide.chart().getPlot()).getDataset(), y.getRange())
                + " bars run past the axis (" + Math.round(y.getLowerBound()) + " to " + Math.round(y.getUpperBound())
                + ") and are cut", PopulationRatePlotTest.subtitle(wide).replaceAll(".*; ", ""));
        Figure tight = StrategyComparisonPlot.of(List.of(entry("naive", 0.30, 0.31)), "t");
        y = ((org.jfree.chart.plot.CategoryPlot) tight.chart().getPlot()).getRangeAxis();
        // ACC about 30.5% (t interval of two seeds 0.01 apart: +-6.4), BWT about -69.5: all of it shown.
        assertTrue(y.getUpperBound() >= 37 && y.getUpperBound() < 45, "upper bound " + y.getUpperBound());
        assertTrue(y.getLowerBound() <= -76 && y.getLowerBound() > -90, "lower bound " + y.getLowerBound());
        assertTrue(!PopulationRatePlotTest.subtitle(tight).contains("cut"), PopulationRatePlotTest.subtitle(tight));
    }
}
