package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.engram.experiments.metrics.AccuracyMatrix;
import org.engram.experiments.metrics.SeedSummary;
import org.engram.simulator.ParameterException;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Figures laid out for print keep whole labels and a usable plot however many strategies they
 * show (found by an audit): at 3.3 in, six strategies' bar labels were cut to "onl...", and fifteen
 * strategies' legend, beside the plot, took most of the width or, at 2 in, all of the figure.
 */
class PrintLayoutTest {
    private static final AccuracyMatrix LOW = AccuracyMatrix.of(new double[][] {{0.95, 0.1}, {0.5, 0.9}});
    private static final AccuracyMatrix HIGH = AccuracyMatrix.of(new double[][] {{0.99, 0.1}, {0.98, 0.99}});

    private static List<AverageAccuracyPlot.Strategy> strategies(int n) {
        List<AverageAccuracyPlot.Strategy> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new AverageAccuracyPlot.Strategy("strategy_" + i, List.of(LOW, HIGH)));
        }
        return list;
    }

    @Test
    void aLongLegendGoesBelowThePlotAndTheFigureGrowsForIt() {
        Figure few = AverageAccuracyPlot.of(strategies(2), "t").printedAt(3.3);
        Figure many = AverageAccuracyPlot.of(strategies(15), "t").printedAt(3.3);
        assertEquals(Math.round(few.width() * 0.75), few.height(), 1, "a legend of a row fits the usual 3/4");
        assertTrue(many.height() > few.height() + 40, many.height() + " against " + few.height());
        LegendTitle legend = many.chart().getLegend();
        assertSame(RectangleEdge.BOTTOM, legend.getPosition());
        assertSame(RectangleEdge.RIGHT, AverageAccuracyPlot.of(strategies(15), "t").chart().getLegend()
                .getPosition(), "on screen it stays beside the plot");
    }

    @Test
    void crowdedBarLabelsAreSlantedInPrintNotCut() {
        List<StrategyComparisonPlot.Entry> entries = new ArrayList<>();
        for (String name : List.of("naive", "ewc", "online_ewc", "si", "replay", "importance_gating")) {
            entries.add(new StrategyComparisonPlot.Entry(name, SeedSummary.of(new double[] {0.8, 0.9}),
                    SeedSummary.of(new double[] {-0.1, -0.2})));
        }
        Figure screen = StrategyComparisonPlot.of(entries, "t");
        Figure print = screen.printedAt(3.3);
        assertSame(CategoryLabelPositions.STANDARD, ((CategoryPlot) screen.chart().getPlot()).getDomainAxis()
                .getCategoryLabelPositions(), "on screen the slots widen instead");
        assertSame(ChartStyle.SLANTED, ((CategoryPlot) print.chart().getPlot()).getDomainAxis()
                .getCategoryLabelPositions());
        Figure page = StrategyComparisonPlot.of(entries.subList(0, 2), "t").printedAt(7);
        assertSame(CategoryLabelPositions.STANDARD, ((CategoryPlot) page.chart().getPlot()).getDomainAxis()
                .getCategoryLabelPositions(), "two labels stand upright on a page");
    }

    /**
     * Twelve long labels slanted below a column's bar chart make the figure taller, not the plot
     * smaller: it had kept 3/4 of the width, leaving the bars a sixth of its height and cutting the
     * axis title.
     */
    @Test
    void slantedLabelsInPrintMakeTheFigureTallerNotThePlotSmaller() {
        List<StrategyComparisonPlot.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            entries.add(new StrategyComparisonPlot.Entry("replay-small-memory-buffer-" + i + " [A+B]",
                    SeedSummary.of(new double[] {0.8, 0.9}), SeedSummary.of(new double[] {-0.1, -0.2})));
        }
        Figure print = StrategyComparisonPlot.of(entries, "t").printedAt(3.3);
        assertTrue(print.height() > print.width() * 0.75 + 40, print.height() + " for a width of " + print.width());
        ChartRenderingInfo info = new ChartRenderingInfo();
        Graphics2D g = new BufferedImage(print.width(), print.height(), BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            print.chart().draw(g, new Rectangle(0, 0, print.width(), print.height()), info);
        } finally {
            g.dispose();
        }
        double plot = info.getPlotInfo().getDataArea().getHeight();
        assertTrue(plot >= 0.4 * print.width(), "the bars' area is " + plot + " high for a width of " + print.width());
    }

    /**
     * A forgetting plot of many tasks printed a column wide keeps the usual shape and its plot: a legend of one
     * entry a task ("task 11 (permutation 10)"), two to a row below the plot, had made 20 tasks' figure 1.6
     * times as high as wide and 50 tasks' 2 times, their legend as high as the plot and twice as high.
     *
     * <p>Expected by hand: 3.3 in is 441 units (237.6 pt, at 7/13 pt a unit, the tick labels' 13 units printed
     * at 7 pt), 3/4 of that 331 high. What the plot's axes leave it (the y axis's numbers and label about 55
     * units, the x axis's about 45, the padding 8 and 16 either side) holds a plot at least half as high as
     * the figure is wide; a colour scale of the tasks beside it (a strip of 16 units, numbers of 2 digits
     * and a label, with margins: about 90) leaves it more than half the width.
     */
    @ParameterizedTest(name = "{0} tasks")
    @ValueSource(ints = {20, 50})
    void aForgettingPlotOfManyTasksInAColumnKeepsItsPlot(int tasks) {
        List<String> permutations = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            permutations.add("permutation " + i);
        }
        Figure print = ForgettingPlot.of(matrix(tasks), permutations, "t").printedAt(3.3);
        assertEquals(441, print.width());
        assertEquals(331, print.height(), "the usual 3/4: no room taken below the plot");
        BufferedImage image = new BufferedImage(print.width(), print.height(), BufferedImage.TYPE_INT_RGB);
        ChartRenderingInfo info = new ChartRenderingInfo();
        Graphics2D g = image.createGraphics();
        try {
            print.chart().draw(g, new Rectangle(0, 0, print.width(), print.height()), info);
        } finally {
            g.dispose();
        }
        Rectangle2D data = info.getPlotInfo().getDataArea();
        assertTrue(data.getHeight() >= 0.5 * print.width(), "the plot is " + data.getHeight() + " high");
        assertTrue(data.getWidth() >= 0.55 * print.width(), "the plot is " + data.getWidth() + " wide");
        // The legend: whatever is drawn outside the plot and its axes, and past the plot's outline on its edge.
        Rectangle2D area = info.getPlotInfo().getPlotArea();
        Rectangle2D plot = new Rectangle2D.Double(area.getX() - 1, area.getY() - 1, area.getWidth() + 2,
                area.getHeight() + 2);
        Rectangle legend = null;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if (inked(image.getRGB(x, y)) && !plot.contains(x + 0.5, y + 0.5)) {
                    legend = legend == null ? new Rectangle(x, y, 1, 1) : legend.union(new Rectangle(x, y, 1, 1));
                }
            }
        }
        assertTrue(legend != null && legend.getMinX() >= plot.getMaxX() && legend.getWidth() <= print.width() / 4.0
                && legend.getHeight() <= plot.getHeight(), "a legend " + legend + " beside the plot " + plot);
        // Its strip, the first column of it drawn over half the plot's height, goes from the first task's
        // colour at the bottom to the last's at the top.
        XYItemRenderer lines = print.chart().getXYPlot().getRenderer();
        int stripX = legend.x;
        while (drawn(image, stripX) < data.getHeight() / 2) {
            stripX++;
        }
        stripX += 4;   // past the edge that anti-aliasing blends with white
        int top = legend.y;
        while (!inked(image.getRGB(stripX, top))) {
            top++;
        }
        int bottom = legend.y + legend.height - 1;
        while (!inked(image.getRGB(stripX, bottom))) {
            bottom--;
        }
        double band = (bottom - top + 1.0) / tasks;
        assertEquals(lines.getSeriesPaint(tasks - 1), new Color(image.getRGB(stripX, (int) (top + band / 2))));
        assertEquals(lines.getSeriesPaint(0), new Color(image.getRGB(stripX, (int) (bottom - band / 2))));
    }

    /** {@return whether a pixel is drawn on: not white, nor the near-white that anti-aliasing leaves by an edge} */
    private static boolean inked(int rgb) {
        Color c = new Color(rgb);
        return Math.min(c.getRed(), Math.min(c.getGreen(), c.getBlue())) < 240;
    }

    /** {@return how many pixels of a column of the image are drawn on} */
    private static int drawn(BufferedImage image, int x) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            count += inked(image.getRGB(x, y)) ? 1 : 0;
        }
        return count;
    }

    /** Up to ten tasks keep a legend that names each, whose entries a column's figure grows for. */
    @Test
    void aForgettingPlotOfTenTasksNamesThemInItsLegend() {
        List<String> permutations = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            permutations.add("permutation " + i);
        }
        Figure print = ForgettingPlot.of(matrix(10), permutations, "t").printedAt(3.3);
        assertSame(RectangleEdge.BOTTOM, print.chart().getLegend().getPosition());
        assertTrue(print.svg().contains(">task 10 (permutation 9)<"));
        assertTrue(print.height() > 331, "taller than 3/4 for the legend: " + print.height());
    }

    /** A Student-t interval of two seeds reached 180%, squeezing the lines into a band. */
    @Test
    void averageAccuracyStaysWithinTheAccuraciesRange() {
        XYPlot plot = (XYPlot) AverageAccuracyPlot.of(strategies(1), "t").chart().getPlot();
        double upper = plot.getRangeAxis().getUpperBound();
        assertTrue(upper > 99 && upper <= 104, "upper bound " + upper);
        assertTrue(plot.getRangeAxis().getLowerBound() >= -4, "lower bound " + plot.getRangeAxis().getLowerBound());
    }

    /** An accuracy matrix of n tasks, every value distinct from its neighbours'. */
    private static AccuracyMatrix matrix(int n) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = j <= i ? 1.0 : 0.5 + 0.013 * ((i + 3 * j) % 37);
            }
        }
        return AccuracyMatrix.of(a);
    }

    private static List<String> names(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add((2 * i) + "-" + (2 * i + 1));
        }
        return names;
    }

    /**
     * Heat-map values are written only where they fit their cells at 5 pt or more in print, all
     * alike: ten tasks printed a column wide had run their one-decimal numbers into each other. On
     * screen, and printed a page wide, they keep their decimal; in a column they are left to the
     * colour scale.
     */
    @Test
    void heatMapValuesFitTheirCells() {
        Figure tenTasks = AccuracyHeatMap.of(matrix(10), names(10), "t");
        assertTrue(tenTasks.svg().contains(">53.9<"), "one decimal on screen");
        String page = tenTasks.printedAt(7).svg();
        assertTrue(page.contains(">53.9<"), "one decimal a page wide");
        String column = tenTasks.printedAt(3.3).svg();
        assertTrue(!column.contains(">53.9<") && !column.contains(">54<"), "no value a column wide");
        String threeTasks = AccuracyHeatMap.of(matrix(3), names(3), "t").printedAt(3.3).svg();
        assertTrue(threeTasks.contains(">53.9<"), "three tasks keep their decimal in a column");
        // No value is written smaller than 5 pt printed (tick labels are 7 pt).
        Matcher sizes = Pattern.compile("font-size: ([0-9.]+)px[^>]*>[0-9]+(\\.[0-9])?<").matcher(page + column
                + threeTasks);
        while (sizes.find()) {
            assertTrue(Double.parseDouble(sizes.group(1)) >= CellValue.SMALLEST - 1e-3, sizes.group());
        }
    }

    /**
     * A heat map's rows name their tasks only where the names leave the matrix room: permuted
     * tasks ("10: permutation 9") printed 2 in wide had left it none, and the figure showed its
     * colour scale alone, under a label of its columns cut at both edges (found by an audit). There
     * the rows are numbered alone, as the columns are, and the label is shortened; where they fit,
     * on screen and a column wide, names and label stay whole.
     */
    @Test
    void heatMapRowsNumberedAloneWhereTheirNamesLeaveTheMatrixNoRoom() {
        List<String> permuted = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            permuted.add("permutation " + i);
        }
        Figure screen = AccuracyHeatMap.of(matrix(10), permuted, "t");
        Figure narrow = screen.printedAt(2);
        ChartRenderingInfo info = new ChartRenderingInfo();
        Graphics2D g = new BufferedImage(narrow.width(), narrow.height(), BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            narrow.chart().draw(g, new Rectangle(0, 0, narrow.width(), narrow.height()), info);
        } finally {
            g.dispose();
        }
        // Of the 267 units, the colour scale beside the matrix takes about 80 and the rows' axis,
        // numbered, about 60 with its label and the padding: the matrix keeps about a third (a
        // quarter asked here); named rows ("10: permutation 9", some 130 units) had left it none.
        double matrix = info.getPlotInfo().getDataArea().getWidth();
        assertTrue(matrix >= narrow.width() / 4.0, "the matrix is " + matrix + " wide of " + narrow.width());
        String narrowSvg = narrow.svg();
        assertTrue(!narrowSvg.contains("permutation"), "no row named at 2 in");
        assertTrue(narrowSvg.contains(">9<"), "rows numbered alone");
        assertTrue(screen.svg().contains(">10: permutation 9<"), "named on screen");
        assertTrue(screen.printedAt(3.3).svg().contains(">10: permutation 9<"), "named a column wide");
        String shortNames = AccuracyHeatMap.of(matrix(3), names(3), "t").printedAt(2).svg();
        assertTrue(shortNames.contains(">3: 4-5<"), "short names of few tasks stay at 2 in");
        // The columns' label, about 320 units at 7 pt, ran past both edges of a figure 267 wide.
        assertTrue(narrowSvg.contains(">evaluated on task<") && shortNames.contains(">evaluated on task<"),
                "the columns' label shortened at 2 in");
        assertTrue(screen.printedAt(3.3).svg().contains(">evaluated on task (numbers as in the rows)<"),
                "whole a column wide");
    }

    /**
     * The task boundaries of a learning curve are labelled "task 2" where that fits before the next,
     * else by their number alone: ten tasks of one epoch, printed a column wide, had run their labels
     * into each other.
     */
    @Test
    void taskBoundaryLabelsFitTheRoomToTheNext() {
        double[] epochs = new double[10];
        double[] values = new double[10];
        int[] starts = new int[9];
        for (int k = 0; k < 10; k++) {
            epochs[k] = k + 1;
            values[k] = 0.5;
            if (k > 0) {
                starts[k - 1] = k + 1;
            }
        }
        Figure curve = LearningCurvePlot.of(List.of(new LearningCurvePlot.Curve("naive", epochs, values,
                new double[10])), "loss", false, starts, "t");
        assertTrue(curve.svg().contains(">task 10<"), "whole labels on screen");
        String printed = curve.printedAt(3.3).svg();
        assertTrue(!printed.contains(">task ") && printed.contains(">10<"), "numbers alone in print");
    }

    /**
     * A printed width whose PNG would take more than half the heap is refused before anything is drawn: 99.9 in ran
     * out of memory in a 2 GB heap (from a fuzz audit). At 300 dpi it is 29970 x 22478 pixels or more, 4 bytes
     * each: 2,695 MB, more than half of 2 GB and less than half of 8 GB.
     */
    @Test
    void aPrintedWidthWhosePngPassesHalfTheHeapIsRefused() {
        Figure.requirePngFits("engram plot", "--width-in", 99.9, 8_000_000_000L);
        Figure.requirePngFits("engram plot", "--width-in", 3.3, 2_000_000_000L);
        ParameterException wide = assertThrows(ParameterException.class,
                () -> Figure.requirePngFits("engram plot", "--width-in", 99.9, 2_000_000_000L));
        assertTrue(wide.getMessage().contains("--width-in") && wide.getMessage().contains("found 99.9 in (29970 x")
                && wide.getMessage().contains("2695 MB"), wide.getMessage());
    }

    @Test
    void aFigureNarrowerThanTwoInchesIsRefused() {
        ParameterException narrow = assertThrows(ParameterException.class,
                () -> AverageAccuracyPlot.of(strategies(1), "t").printedAt(1.5));
        assertTrue(narrow.getMessage().contains("in [2, 100)"), narrow.getMessage());
    }
}
