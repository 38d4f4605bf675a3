package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.IntStream;
import org.engram.experiments.metrics.AccuracyMatrix;
import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.data.xy.XYZDataset;
import org.junit.jupiter.api.Test;

/** The heat map's cells against the mean matrix worked out by hand. */
class AccuracyHeatMapTest {
    /**
     * Seeds {{0.9, 0.1}, {0.7, 0.8}} and {{0.7, 0.2}, {0.5, 0.9}}: the mean matrix in percent is
     * {{80, 15}, {60, 85}}, each cell at column j (the task evaluated) and row i (the task just trained), its
     * value written in it. Means of two accuracies times 100, within a few ulps of 100.
     */
    @Test
    void eachCellIsTheSeedsMeanAccuracyInPercentAtItsRowAndColumn() {
        AccuracyMatrix a = AccuracyMatrix.of(new double[][] {{0.9, 0.1}, {0.7, 0.8}});
        AccuracyMatrix b = AccuracyMatrix.of(new double[][] {{0.7, 0.2}, {0.5, 0.9}});
        Figure f = AccuracyHeatMap.of(List.of(a, b), List.of("0,1", "2,3"), "two seeds");
        XYZDataset cells = (XYZDataset) f.chart().getXYPlot().getDataset();
        double[][] expected = {{80, 15}, {60, 85}};
        assertEquals(4, cells.getItemCount(0));
        boolean[][] seen = new boolean[2][2];
        for (int k = 0; k < 4; k++) {
            int row = (int) cells.getYValue(0, k);
            int column = (int) cells.getXValue(0, k);
            assertEquals(expected[row][column], cells.getZValue(0, k), 1e-12, "row " + row + ", column " + column);
            seen[row][column] = true;
        }
        for (boolean[] row : seen) {
            assertTrue(row[0] && row[1], "every cell once");
        }
        String svg = f.svg();
        for (String value : List.of(">80.0<", ">15.0<", ">60.0<", ">85.0<")) {
            assertTrue(svg.contains(value), value + " written in its cell");
        }
    }

    /**
     * Three tasks make three cells a side, each one wide about its task's index (0, 1, 2): the axes run from
     * -0.5 to 2.5, edge to edge of the cells; the colour scale beside spans accuracy from 0 to 100 %.
     */
    @Test
    void theAxesSpanTheCellsAndTheScaleEveryAccuracy() {
        AccuracyMatrix m = AccuracyMatrix.of(new double[][] {{0.9, 0.1, 0.1}, {0.7, 0.8, 0.1}, {0.6, 0.7, 0.9}});
        Figure f = AccuracyHeatMap.of(m, List.of("a", "b", "c"), "t");
        XYPlot plot = f.chart().getXYPlot();
        for (ValueAxis axis : List.of(plot.getDomainAxis(), plot.getRangeAxis())) {
            assertEquals(-0.5, axis.getLowerBound(), axis.getLabel());
            assertEquals(2.5, axis.getUpperBound(), axis.getLabel());
        }
        PaintScaleLegend scale = (PaintScaleLegend) f.chart().getSubtitles().stream()
                .filter(PaintScaleLegend.class::isInstance).findFirst().orElseThrow();
        assertEquals(0, scale.getAxis().getLowerBound());
        assertEquals(100, scale.getAxis().getUpperBound());
    }

    /** More tasks get a larger figure, so that the cells and their values keep their size. */
    @Test
    void moreTasksMakeALargerFigure() {
        Figure three = AccuracyHeatMap.of(matrix(3), names(3), "t");
        Figure ten = AccuracyHeatMap.of(matrix(10), names(10), "t");
        assertTrue(ten.height() > three.height() && ten.width() > three.width(),
                three.width() + " x " + three.height() + " vs " + ten.width() + " x " + ten.height());
    }

    /**
     * Each cell's value reads against its cell: the contrast ratio of the text's colour and the cell's (WCAG 2's
     * relative luminance, from linearised sRGB) is at least 3, the least WCAG allows for large text, over
     * cells from 0 to 99 %. The text's colour is read from the pixels it draws.
     */
    @Test
    void everyCellsValueContrastsWithItsCell() {
        XYPlot plot = AccuracyHeatMap.of(matrix(10), names(10), "t").chart().getXYPlot();
        PaintScale cells = ((XYBlockRenderer) plot.getRenderer()).getPaintScale();
        Rectangle2D area = new Rectangle2D.Double(0, 0, 1000, 1000);
        List<XYAnnotation> values = plot.getAnnotations();
        assertEquals(100, values.size());
        for (int k = 0; k < values.size(); k++) {
            BufferedImage image = new BufferedImage(1000, 1000, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = image.createGraphics();
            values.get(k).draw(g, plot, area, plot.getDomainAxis(), plot.getRangeAxis(), 0, null);
            g.dispose();
            Color text = mostOpaque(image);
            // The cells are written row by row: cell k is row k / 10, column k % 10, at k % (see matrix).
            double percent = k;
            Color cell = (Color) cells.getPaint(percent);
            double lighter = Math.max(luminance(text), luminance(cell));
            double darker = Math.min(luminance(text), luminance(cell));
            double contrast = (lighter + 0.05) / (darker + 0.05);
            assertTrue(contrast >= 3, percent + " %: contrast " + contrast);
        }
    }

    /** Accuracy (i n + j) / n^2 for row i and column j of n tasks: 10 tasks give every percent from 0 to 99. */
    private static AccuracyMatrix matrix(int n) {
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                r[i][j] = (i * n + j) / (double) (n * n);
            }
        }
        return AccuracyMatrix.of(r);
    }

    private static List<String> names(int n) {
        return IntStream.range(0, n).mapToObj(Integer::toString).toList();
    }

    /** The colour of the most opaque pixel drawn: the text's, away from its anti-aliased edges. */
    private static Color mostOpaque(BufferedImage image) {
        int best = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int argb = image.getRGB(x, y);
                if (argb >>> 24 > best >>> 24) {
                    best = argb;
                }
            }
        }
        assertTrue(best >>> 24 == 255, "no text drawn");
        return new Color(best & 0xFFFFFF);
    }

    /** WCAG 2's relative luminance of an sRGB colour. */
    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(int channel) {
        double v = channel / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}
