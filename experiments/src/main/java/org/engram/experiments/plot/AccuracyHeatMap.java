package org.engram.experiments.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.util.List;

import org.engram.experiments.metrics.AccuracyMatrix;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisSpace;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The accuracy matrix as a heat map with each value (%) written in its cell.
 *
 * <p>Columns are the task evaluated, rows the task just trained (first row at the top), so the
 * diagonal is accuracy right after learning and the bottom row the final accuracies. Rows are
 * labelled with the task's number and name ({@code 3: 4,5}), or with its number alone where the
 * names would leave the matrix less than a third of the plot's width (permuted tasks printed 2 in
 * wide), as the columns are.
 */
public final class AccuracyHeatMap {
    private AccuracyHeatMap() {
    }

    /**
     * Draws the figure.
     *
     * @param matrix    the accuracy matrix
     * @param taskNames one short name per task for the axes (e.g. {@code "0,1"} or {@code "45 deg"})
     * @param title     figure title
     * @return the figure, sized so that cells stay square-ish and readable
     */
    public static Figure of(AccuracyMatrix matrix, List<String> taskNames, String title) {
        return of(List.of(matrix), taskNames, title);
    }

    /**
     * Draws the figure of several runs (seeds): the cells of their mean matrix, and in the subtitle
     * their mean ACC, BWT and learning accuracy, as the summary tables give them
     * ({@link AccuracyMatrix#meanOver}).
     *
     * @param runs      the runs' accuracy matrices, one size
     * @param taskNames one short name per task for the axes
     * @param title     figure title
     * @return the figure, sized so that cells stay square-ish and readable
     */
    public static Figure of(List<AccuracyMatrix> runs, List<String> taskNames, String title) {
        return of(runs, taskNames, title, AverageAccuracyPlot.Samples.TEST);
    }

    /**
     * Draws the figure of several runs' accuracies on the given samples, as {@link #of(List, List, String)}
     * does; the subtitle names the measures for them ({@code Val. ACC} on the validation samples).
     *
     * @param runs      the runs' accuracy matrices, one size
     * @param taskNames one short name per task for the axes
     * @param title     figure title
     * @param samples   which samples the accuracies are of
     * @return the figure
     */
    public static Figure of(List<AccuracyMatrix> runs, List<String> taskNames, String title,
                            AverageAccuracyPlot.Samples samples) {
        AccuracyMatrix matrix = AccuracyMatrix.mean(runs);
        int t = matrix.size();
        Labels.requireCount(taskNames, t, "task names");
        double[][] xyz = new double[3][t * t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                int k = i * t + j;
                xyz[0][k] = j;
                xyz[1][k] = i;
                xyz[2][k] = 100 * matrix.get(i, j);
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("accuracy", xyz);
        String[] symbols = new String[t];
        for (int j = 0; j < t; j++) {
            symbols[j] = (j + 1) + ": " + taskNames.get(j);
        }
        // Numbers only across: names side by side would not fit under the columns (the axis dropped
        // every other one); the rows give each number's name.
        String[] numbers = new String[t];
        for (int j = 0; j < t; j++) {
            numbers[j] = Integer.toString(j + 1);
        }
        SymbolAxis x = new ColumnAxis("evaluated on task (numbers as in the rows)", "evaluated on task", numbers);
        x.setRange(-0.5, t - 0.5);
        x.setGridBandsVisible(false);
        SymbolAxis y = new TaskAxis("after training task", symbols);
        y.setRange(-0.5, t - 0.5);
        y.setInverted(true);
        y.setGridBandsVisible(false);
        XYBlockRenderer r = new XYBlockRenderer();
        Blues scale = new Blues();
        r.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                double v = 100 * matrix.get(i, j);
                plot.addAnnotation(new CellValue(j, i, v, ChartStyle.CELL, scale.textOn(v)));
            }
        }
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, false);
        NumberAxis legendAxis = new NumberAxis("accuracy (%)");
        legendAxis.setRange(0, 100);
        legendAxis.setTickUnit(new NumberTickUnit(20));
        chart.addSubtitle(ChartStyle.colourScale(scale, legendAxis));
        ChartStyle.subtitle(chart, samples.named("ACC ") + Labels.percent(AccuracyMatrix.meanOver(runs,
                AccuracyMatrix::acc)) + "   " + samples.named("BWT ")
                + Labels.points(AccuracyMatrix.meanOver(runs, AccuracyMatrix::bwt))
                + "   " + samples.named("learning accuracy ")
                + Labels.percent(AccuracyMatrix.meanOver(runs, AccuracyMatrix::learningAccuracy)));
        int side = Math.max(520, Math.min(1100, 200 + 70 * t));
        return new Figure(ChartStyle.apply(chart), side + 160, side);
    }

    /**
     * The rows' axis: each task's number and name, or its number alone where the names, fitted when
     * the chart is drawn, would leave the matrix less than {@link #MATRIX_SHARE} of the plot's width:
     * a figure printed narrow, with the colour scale beside it, then had no matrix at all.
     */
    private static final class TaskAxis extends SymbolAxis {
        private static final long serialVersionUID = 1L;
        /** The least share of the plot's width (its axes included) the matrix keeps for the rows' names. */
        private static final double MATRIX_SHARE = 1.0 / 3;
        /** Whether the rows are numbered alone, decided each time the chart reserves room for its axes. */
        private boolean numbered;

        TaskAxis(String label, String[] symbols) {
            super(label, symbols);
        }

        @Override
        public AxisSpace reserveSpace(Graphics2D g2, Plot plot, Rectangle2D plotArea, RectangleEdge edge,
                                      AxisSpace space) {
            numbered = false;
            AxisSpace named = super.reserveSpace(g2, plot, plotArea, edge, new AxisSpace());
            double left = plotArea.getWidth() - named.getLeft() - named.getRight();
            numbered = left < MATRIX_SHARE * plotArea.getWidth();
            return super.reserveSpace(g2, plot, plotArea, edge, space);
        }

        @Override
        public String valueToString(double value) {
            String symbol = super.valueToString(value);
            int colon = symbol.indexOf(':');
            return numbered && colon > 0 ? symbol.substring(0, colon) : symbol;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TaskAxis && super.equals(o);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }

    /**
     * The columns' axis, whose label is shortened where it is wider than the plot and the rows'
     * axis together: printed 2 in wide, it ran past both edges of the figure.
     */
    private static final class ColumnAxis extends SymbolAxis {
        private static final long serialVersionUID = 1L;
        private final String shortLabel;
        /** Whether the short label is shown, decided each time the chart reserves room for its axes. */
        private boolean shortened;

        ColumnAxis(String label, String shortLabel, String[] symbols) {
            super(label, symbols);
            this.shortLabel = shortLabel;
        }

        @Override
        public AxisSpace reserveSpace(Graphics2D g2, Plot plot, Rectangle2D plotArea, RectangleEdge edge,
                                      AxisSpace space) {
            shortened = false;
            // The area given is the plot's less the rows' axis, whose room the label may use too.
            double room = plotArea.getWidth() + (space == null ? 0 : space.getLeft());
            shortened = ChartStyle.textWidth(super.getLabel(), getLabelFont()) > room;
            return super.reserveSpace(g2, plot, plotArea, edge, space);
        }

        @Override
        public String getLabel() {
            return shortened ? shortLabel : super.getLabel();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ColumnAxis c && c.shortLabel.equals(shortLabel) && super.equals(o);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }

    /**
     * A light-to-dark blue scale over [0, 100] %, interpolated between three colours of the
     * ColorBrewer "Blues" scheme (Brewer 2003).
     */
    private static final class Blues implements PaintScale {
        private static final int[][] ANCHORS = {{0xF7, 0xFB, 0xFF}, {0x6B, 0xAE, 0xD6}, {0x08, 0x30, 0x6B}};

        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 100;
        }

        @Override
        public Paint getPaint(double value) {
            double u = Math.max(0, Math.min(1, value / 100)) * (ANCHORS.length - 1);
            int k = Math.min((int) u, ANCHORS.length - 2);
            double f = u - k;
            int[] a = ANCHORS[k];
            int[] b = ANCHORS[k + 1];
            return new Color(mix(a[0], b[0], f), mix(a[1], b[1], f), mix(a[2], b[2], f));
        }

        private static int mix(int a, int b, double f) {
            return (int) Math.round(a + (b - a) * f);
        }

        /** White text on dark cells, near-black on light ones (relative luminance threshold). */
        Color textOn(double value) {
            Color c = (Color) getPaint(value);
            double luminance = (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255;
            return luminance < 0.5 ? Color.WHITE : ChartStyle.TEXT;
        }
    }
}
