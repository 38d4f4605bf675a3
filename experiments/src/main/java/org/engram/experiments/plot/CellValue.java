package org.engram.experiments.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.Objects;
import org.engram.experiments.metrics.MetricFormat;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.TextAnchor;

/**
 * A value written in the centre of a heat map's cell, fitted to the cell as drawn: with one
 * decimal where that fits, else rounded to a whole number, else in a smaller font down to
 * {@link #SMALLEST}, else left out (the colour and its scale still give the value). Fitted when
 * drawn, since only then is the cell's size known: a matrix of ten tasks printed a column wide has
 * cells a third as wide as on screen, where the numbers had run into each other.
 */
final class CellValue extends AbstractXYAnnotation {
    private static final long serialVersionUID = 1L;
    /** The share of a cell's width the text may take. */
    private static final double SHARE = 0.9;
    /**
     * The smallest font size (in the chart's units) a value is shrunk to before it is left out: 5 pt
     * when printed, where tick labels are {@value Figure#PRINT_TICK_POINTS} pt (the least most
     * journals accept).
     */
    static final float SMALLEST = (float) (ChartStyle.TICK.getSize2D() * 5 / Figure.PRINT_TICK_POINTS);
    private static final String WIDEST_DECIMAL = "100.0";
    private static final String WIDEST_WHOLE = "100";

    private final double x;
    private final double y;
    private final double percent;
    private final Font font;
    private final Color paint;

    /**
     * @param x       the cell's column (data units)
     * @param y       the cell's row (data units)
     * @param percent the value, in %
     * @param font    the font it is written in where it fits
     * @param paint   the text's colour
     */
    CellValue(double x, double y, double percent, Font font, Color paint) {
        this.x = x;
        this.y = y;
        this.percent = percent;
        this.font = font;
        this.paint = paint;
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
                     int rendererIndex, PlotRenderingInfo info) {
        double cell = SHARE * domainAxis.lengthToJava2D(1, dataArea, plot.getDomainAxisEdge());
        // Decided by the widest value, 100 %, so that every cell of the matrix is written alike.
        boolean decimal = ChartStyle.textWidth(WIDEST_DECIMAL, font) <= cell;
        double wholeWidth = ChartStyle.textWidth(WIDEST_WHOLE, font);
        Font shown = decimal || wholeWidth <= cell ? font
                : font.deriveFont((float) (font.getSize2D() * cell / wholeWidth));
        if (shown.getSize2D() < SMALLEST) {
            return;
        }
        g2.setFont(shown);
        g2.setPaint(paint);
        double cx = domainAxis.valueToJava2D(x, dataArea, plot.getDomainAxisEdge());
        double cy = rangeAxis.valueToJava2D(y, dataArea, plot.getRangeAxisEdge());
        TextUtils.drawAlignedString(text(percent, decimal), g2, (float) cx, (float) cy, TextAnchor.CENTER);
    }

    /**
     * The value as written in its cell: one decimal, or whole numbers where that does not fit, but
     * never 100 for less (99.8 rounded read as a task kept perfectly): that is written 99, or 99.9.
     */
    static String text(double percent, boolean decimal) {
        String rounded = MetricFormat.format(decimal ? "%.1f" : "%.0f", percent);
        if (percent < 100 && Double.parseDouble(rounded) >= 100) {
            return decimal ? "99.9" : "99";
        }
        return rounded;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CellValue c && c.x == x && c.y == y && c.percent == percent && c.font.equals(font)
                && c.paint.equals(paint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(x, y, percent, font);
    }
}
