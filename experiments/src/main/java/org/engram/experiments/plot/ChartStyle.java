package org.engram.experiments.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.font.FontRenderContext;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.engram.experiments.metrics.ErrorMeasure;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.CategoryLabelPosition;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.CategoryLabelWidthType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.LengthConstraintType;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.text.TextBlockAnchor;
import org.jfree.chart.title.Title;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.Range;

/**
 * Fonts, colours, strokes and sizes shared by every Engram figure.
 *
 * <p>Series colours are the Okabe-Ito palette (Okabe and Ito 2008, "Color Universal Design"),
 * which stays distinguishable under the common forms of colour blindness; a style index beyond
 * the first eight repeats a colour with a dashed, dotted or dash-dotted line and another marker.
 */
public final class ChartStyle {
    /** Default figure width (pixels). */
    public static final int WIDTH = 900;
    /** Default figure height (pixels). */
    public static final int HEIGHT = 560;

    /** Font family of all text; the logical font exists on every Java platform. */
    static final String FAMILY = Font.SANS_SERIF;
    static final Font TITLE = new Font(FAMILY, Font.BOLD, 20);
    static final Font SUBTITLE = new Font(FAMILY, Font.PLAIN, 14);
    static final Font AXIS_LABEL = new Font(FAMILY, Font.PLAIN, 16);
    static final Font TICK = new Font(FAMILY, Font.PLAIN, 13);
    static final Font LEGEND = new Font(FAMILY, Font.PLAIN, 13);
    static final Font CELL = new Font(FAMILY, Font.BOLD, 14);

    static final Color GRID = new Color(0xD9D9D9);
    static final Color TEXT = new Color(0x222222);
    static final Stroke LINE = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke DASHED_LINE = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
            new float[] {7f, 5f}, 0f);
    static final Stroke DOTTED_LINE = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
            new float[] {0.5f, 4.5f}, 0f);
    static final Stroke DASH_DOT_LINE = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
            new float[] {8f, 4.5f, 0.5f, 4.5f}, 0f);
    static final Stroke MARKER = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
            new float[] {4f, 4f}, 0f);

    private static final Color[] OKABE_ITO = {
        new Color(0x0072B2), // blue
        new Color(0xE69F00), // orange
        new Color(0x009E73), // bluish green
        new Color(0xD55E00), // vermillion
        new Color(0xCC79A7), // reddish purple
        new Color(0x56B4E9), // sky blue
        new Color(0x000000), // black
        new Color(0xF0E442), // yellow, last: it has the least contrast on white
    };

    private ChartStyle() {
    }

    /**
     * The colour of series {@code i}.
     *
     * @param i series index, from 0
     * @return its colour
     */
    public static Color color(int i) {
        return OKABE_ITO[i % OKABE_ITO.length];
    }

    /**
     * The style of each built-in strategy in every figure ({@link #styles}), so that a strategy
     * looks the same in the figures of different runs. The seven most often compared have a colour
     * of their own and a solid line; the eighth colour, yellow, reads poorly on white and is left to
     * come last. The others share a colour with a relative and are drawn dashed: MAS
     * EWC's orange (importance from the output's sensitivity rather than the Fisher information),
     * L2 SI's green, A-GEM replay's vermillion (an episodic memory too), importance gating HLOP's
     * purple, metaplasticity GPM's sky blue, and joint training, the upper bound, black. Dark
     * experience replay, replay with the stored logits, is replay's vermillion dashed with replay's
     * diamond (A-GEM's dashed vermillion has the bar). ER-ACE, replay with an asymmetric loss, has
     * the eighth colour, yellow, solid with its bar: vermillion has no further dashed look of its own
     * (a third dashed vermillion would repeat A-GEM's bar). GEM, a projection too (of the gradient,
     * onto the cone of steps that raise no earlier task's loss), is GPM's sky blue dashed with GPM's
     * cross (metaplasticity's dashed sky blue has the square).
     */
    private static final Map<String, Integer> OWN_STYLE = Map.ofEntries(
            Map.entry("naive", 0), Map.entry("ewc", 1), Map.entry("si", 2), Map.entry("replay", 3),
            Map.entry("hlop", 4), Map.entry("gpm", 5), Map.entry("lwf", 6),
            Map.entry("mas", 9), Map.entry("l2", 10), Map.entry("agem", 11), Map.entry("importance_gating", 12),
            Map.entry("metaplasticity", 13), Map.entry("joint", 14), Map.entry("der", 19),
            Map.entry("er_ace", 7), Map.entry("gem", 21));

    /**
     * What a series' look is chosen by: the strategy it shows, never the other series of its figure.
     *
     * @param strategy the strategy's registry name, or names joined by '+' for a chain (its own name)
     * @param label    its label; the strategy's name when it has none
     */
    public record Series(String strategy, String label) {
        /**
         * A series styled as its label names it: a label that is a built-in strategy's name takes
         * that strategy's look.
         *
         * @param label the label, also taken as the strategy's name
         * @return the series
         */
        public static Series of(String label) {
            return new Series(label, label);
        }

        /** Whether it is a variant of its strategy labelled apart ({@code ewc-1000} of {@code ewc}). */
        boolean labelled() {
            return !label.equals(strategy);
        }
    }

    /** Looks per colour ({@link #line}, {@link #shape}): solid, two dashed, eight dotted, eight dash-dotted. */
    static final int VARIANTS = 19;

    /** Every look: each colour in each of its variants. */
    private static final int LOOKS = VARIANTS * 8;

    /**
     * The looks of strategies that are not built in (chains, strategies of one's own): the dashed
     * looks no built-in strategy keeps, so that none is ever drawn as a built-in one.
     */
    private static final int[] FREE = IntStream.range(8, 24)
            .filter(i -> !OWN_STYLE.containsValue(i)).toArray();

    /**
     * A style index ({@link #color}, {@link #line}, {@link #shape}) for each series of a figure,
     * each from what the series is alone, so that it looks the same in every figure of every run:
     * a built-in strategy keeps its own style ({@code OWN_STYLE}); another strategy (a chain, one
     * of one's own) has one of the {@link #FREE} styles, chosen by a hash of its name; a variant
     * labelled apart ({@code ewc-1000} of {@code ewc}) has its strategy's colour in another line and
     * marker, chosen by a hash of its label among those no built-in strategy keeps. A hash, not the
     * variant's place among its strategy's entries, so that a figure without {@code ewc-100} draws
     * {@code ewc-1000} as a figure with it does. Only when two series of a figure would look alike
     * (the same strategy and label from two compared runs, or two hashes alike) does the later one
     * take the next free look of its colour.
     *
     * @param series the series, in the figure's order
     * @return one style index per series, distinct
     */
    static int[] styles(List<Series> series) {
        int[] styles = new int[series.size()];
        Set<Integer> preferred = new HashSet<>();
        for (int i = 0; i < styles.length; i++) {
            styles[i] = style(series.get(i));
            preferred.add(styles[i]);
        }
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < styles.length; i++) {
            if (!used.add(styles[i])) {
                styles[i] = nextFree(styles[i], preferred, used);
                used.add(styles[i]);
            }
        }
        return styles;
    }

    /** The look of a series from what it is alone. */
    private static int style(Series s) {
        Integer own = OWN_STYLE.get(s.strategy());
        int base = own != null ? own : FREE[(int) Math.floorMod(hash(s.strategy()), (long) FREE.length)];
        if (!s.labelled()) {
            return base;
        }
        int colour = base % OKABE_ITO.length;
        List<Integer> variants = new ArrayList<>();
        for (int v = 1; v < VARIANTS; v++) {
            int style = colour + OKABE_ITO.length * v;
            if (style != base && !OWN_STYLE.containsValue(style)) {
                variants.add(style);
            }
        }
        return variants.get((int) Math.floorMod(hash(s.label()), (long) variants.size()));
    }

    /**
     * The next look after {@code style} that no built-in strategy keeps and no series of the figure
     * prefers or has: its colour's further variants first, then the next colours'.
     */
    private static int nextFree(int style, Set<Integer> preferred, Set<Integer> used) {
        int colour = style % OKABE_ITO.length;
        int variant = style / OKABE_ITO.length % VARIANTS;
        for (int k = 1; k < LOOKS; k++) {
            int v = (variant + k) % VARIANTS;
            int c = (colour + (variant + k) / VARIANTS) % OKABE_ITO.length;
            int candidate = c + OKABE_ITO.length * v;
            if (!OWN_STYLE.containsValue(candidate) && !preferred.contains(candidate) && !used.contains(candidate)) {
                return candidate;
            }
        }
        return style;   // more series than looks: one look repeats
    }

    /**
     * A hash of a name that is the same in every run, on every platform: 64-bit FNV-1a over its
     * UTF-16 units (Fowler, Noll and Vo), whose low bits change with every character.
     */
    static long hash(String name) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /**
     * The line of series {@code i}: solid for the first eight; dashed for the next two variants of
     * a colour; then dotted, then dash-dotted.
     *
     * @param i series index, from 0
     * @return its stroke
     */
    static Stroke line(int i) {
        int variant = i / OKABE_ITO.length % VARIANTS;
        return variant == 0 ? LINE : variant < 3 ? DASHED_LINE : variant < 11 ? DOTTED_LINE : DASH_DOT_LINE;
    }

    /**
     * The marker of series {@code i}, one of eight shapes, so that series stay apart where colour
     * does not (a greyscale print: blue, green and vermillion come out nearly one grey): each of the
     * first eight has a shape of its own; a colour's first dashed variant takes the shape four
     * places on from the colour's own, its second the colour's own; its dotted and dash-dotted
     * variants take each shape in turn.
     *
     * @param i series index, from 0
     * @param size marker width (pixels)
     * @return the shape, centred on the origin
     */
    static Shape shape(int i, double size) {
        int colour = i % OKABE_ITO.length;
        int variant = i / OKABE_ITO.length % VARIANTS;
        // Dotted and dash-dotted variants take each of the eight shapes in turn, from the colour's own.
        int kind = (colour + (variant < 3 ? 4 * variant : (variant - 3) % MARKERS)) % MARKERS;
        double h = size / 2;
        float s = (float) h;
        return switch (kind) {
            case 0 -> new Ellipse2D.Double(-h, -h, size, size);
            case 1 -> new Rectangle2D.Double(-h, -h, size, size);
            case 2 -> ShapeUtils.createUpTriangle(s);
            case 3 -> ShapeUtils.createDiamond(s);
            case 4 -> ShapeUtils.createDownTriangle(s);
            case 5 -> ShapeUtils.createDiagonalCross(s, s / 3);
            case 6 -> ShapeUtils.createRegularCross(s, s / 3);
            default -> new Rectangle2D.Double(-h, -h / 2, size, h);   // a bar lying down
        };
    }

    /** The number of marker shapes {@link #shape} draws. */
    private static final int MARKERS = 8;

    /**
     * Colours for things in an order (the tasks of a sequence), from dark blue to green along the
     * viridis map (its yellow end reads poorly on white): apart from the strategies' colours, so that
     * blue means naive in one figure and not task 1 in the next.
     */
    private static final Color[] SEQUENCE = {new Color(0x44, 0x01, 0x54), new Color(0x3B, 0x52, 0x8B),
        new Color(0x21, 0x90, 0x8C), new Color(0x5D, 0xC8, 0x63), new Color(0xB5, 0xDE, 0x2B)};

    /**
     * The colour of the {@code k}-th of {@code n} ordered items, interpolated along {@link #SEQUENCE}.
     *
     * @param k the item, from 0
     * @param n how many there are, at least 1
     * @return its colour
     */
    static Color ordered(int k, int n) {
        double at = n == 1 ? 0 : (double) k / (n - 1) * (SEQUENCE.length - 1);
        int lo = Math.min((int) at, SEQUENCE.length - 2);
        double f = at - lo;
        Color a = SEQUENCE[lo];
        Color b = SEQUENCE[lo + 1];
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    /**
     * Applies the shared look to a chart: white background, light grid, fonts of title, subtitles,
     * legend and axes.
     *
     * @param chart the chart, changed in place
     * @return the same chart
     */
    static JFreeChart apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(TITLE);
            chart.getTitle().setPaint(TEXT);
        }
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            Title t = chart.getSubtitle(i);
            if (t instanceof LegendTitle) {
                LegendTitle legend = (LegendTitle) t;
                legend.setItemFont(LEGEND);
                legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
            } else if (t instanceof TextTitle) {
                ((TextTitle) t).setFont(SUBTITLE);
                ((TextTitle) t).setPaint(TEXT);
            }
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.GRAY);
        if (plot instanceof XYPlot) {
            XYPlot xy = (XYPlot) plot;
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
            xy.setDomainGridlineStroke(new BasicStroke(1f));
            xy.setRangeGridlineStroke(new BasicStroke(1f));
        } else if (plot instanceof CategoryPlot) {
            CategoryPlot cat = (CategoryPlot) plot;
            cat.setRangeGridlinePaint(GRID);
            cat.setRangeGridlineStroke(new BasicStroke(1f));
        }
        eachAxis(plot, axis -> {
            axis.setLabelFont(AXIS_LABEL);
            axis.setLabelPaint(TEXT);
            axis.setTickLabelFont(TICK);
            axis.setTickLabelPaint(TEXT);
        });
        return chart;
    }

    /**
     * A copy of a styled chart for print ({@link Figure#printedAt}): without its title and text
     * subtitles, whose words belong in the paper's caption and would crowd a column, with axis
     * labels as large as tick labels, as is usual in print, so that a long one fits a column's
     * height, and with tick units chosen anew to fit the smaller axes.
     *
     * @param chart the chart, left as it is
     * @return the copy
     */
    static JFreeChart forPrint(JFreeChart chart, int width) {
        JFreeChart copy;
        try {
            copy = (JFreeChart) chart.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("JFreeChart charts are cloneable", e);
        }
        copy.setTitle((TextTitle) null);
        for (int i = copy.getSubtitleCount() - 1; i >= 0; i--) {
            if (copy.getSubtitle(i) instanceof TextTitle) {
                copy.removeSubtitle(copy.getSubtitle(i));
            } else if (copy.getSubtitle(i) instanceof LegendTitle legend) {
                // Beside the plot, a legend of many series took most of a column's width.
                legend.setPosition(RectangleEdge.BOTTOM);
            }
        }
        if (copy.getPlot() instanceof CategoryPlot categories) {
            slantIfCrowded(categories, width);
            // A column's slots are narrower than a screen's: the first slanted labels need more room on the left.
            RectangleInsets padding = copy.getPadding();
            List<?> slots = categories.getCategories();
            double slot = (width - RANGE_AXIS_WIDTH) / Math.max(1, slots == null ? 0 : slots.size());
            copy.setPadding(new RectangleInsets(padding.getTop(), Math.max(padding.getLeft(),
                    slantedLabelOverhang(categories, slot)), padding.getBottom(), padding.getRight()));
        }
        Consumer<Axis> forPrint = axis -> {
            axis.setLabelFont(TICK);
            if (axis instanceof ValueAxis value) {
                value.setAutoTickUnitSelection(true);
            }
        };
        eachAxis(copy.getPlot(), forPrint);
        for (int i = 0; i < copy.getSubtitleCount(); i++) {
            if (copy.getSubtitle(i) instanceof PaintScaleLegend colourBar) {
                forPrint.accept(colourBar.getAxis());
            }
        }
        return copy;
    }

    /**
     * Category labels slanted at 45 degrees, whole (up to the plot's height): for labels too long
     * to stand under their slot, which would otherwise be cut to "onl...".
     */
    static final CategoryLabelPositions SLANTED = CategoryLabelPositions.replaceBottomPosition(
            CategoryLabelPositions.UP_45, new CategoryLabelPosition(RectangleAnchor.TOP, TextBlockAnchor.TOP_RIGHT,
                    TextAnchor.TOP_RIGHT, -Math.PI / 4, CategoryLabelWidthType.RANGE, 1.0f));

    /**
     * The share of a category's slot an upright label may fill: the axis gives each category its
     * slot less the category margin and its part of the axis's end margins, with a little to spare.
     */
    static final double LABEL_SHARE = 0.6;

    /**
     * Slants the category labels of a plot drawn {@code width} wide when the widest does not fit
     * its share of a slot (the range axis takes about a sixth of the width).
     */
    private static void slantIfCrowded(CategoryPlot plot, int width) {
        List<?> categories = plot.getCategories();
        if (categories == null || categories.isEmpty()) {
            return;
        }
        double widest = 0;
        for (Object category : categories) {
            widest = Math.max(widest, textWidth(category.toString(), plot.getDomainAxis().getTickLabelFont()));
        }
        if (widest + 4 > LABEL_SHARE * width * 5 / 6 / categories.size()) {
            plot.getDomainAxis().setCategoryLabelPositions(SLANTED);
        }
    }

    /** About the width (chart units) of the range axis with its label and tick labels, left of the first slot. */
    static final double RANGE_AXIS_WIDTH = 70;

    /**
     * The room that slanted category labels need left of the plot's range axis: each reaches left of
     * its slot's middle by its slanted width, the first past the axis, a long later one past it too.
     *
     * @param plot      the plot
     * @param slotWidth the width (chart units) of a category's slot
     * @return the room in chart units, 0 for upright labels or no categories
     */
    static double slantedLabelOverhang(CategoryPlot plot, double slotWidth) {
        List<?> categories = plot.getCategories();
        if (plot.getDomainAxis().getCategoryLabelPositions() != SLANTED || categories == null) {
            return 0;
        }
        double overhang = 0;
        for (int i = 0; i < categories.size(); i++) {
            double reach = textWidth(categories.get(i).toString(), plot.getDomainAxis().getTickLabelFont())
                    * Math.sqrt(0.5);
            overhang = Math.max(overhang, reach - RANGE_AXIS_WIDTH - (i + 0.5) * slotWidth);
        }
        return Math.ceil(overhang);
    }

    /**
     * The height that slanted category labels take below a plot: the widest label at 45 degrees.
     *
     * @param chart the chart
     * @return that height in chart units, 0 for a chart of upright labels or no categories
     */
    static double slantedLabelHeight(JFreeChart chart) {
        if (!(chart.getPlot() instanceof CategoryPlot plot)
                || plot.getDomainAxis().getCategoryLabelPositions() != SLANTED
                || plot.getCategories() == null) {
            return 0;
        }
        double widest = 0;
        for (Object category : plot.getCategories()) {
            widest = Math.max(widest, textWidth(category.toString(), plot.getDomainAxis().getTickLabelFont()));
        }
        return widest * Math.sqrt(0.5);
    }

    /**
     * The height the legends of a chart take when laid out across its width.
     *
     * @param chart the chart
     * @param width its width
     * @return the legends' height, 0 without one
     */
    static double legendHeight(JFreeChart chart, int width) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            double height = 0;
            for (int i = 0; i < chart.getSubtitleCount(); i++) {
                if (chart.getSubtitle(i) instanceof LegendTitle legend && legend.isVisible()) {
                    // As JFreeChart arranges a title at the bottom, with room enough to stand whole.
                    height += legend.arrange(g, new RectangleConstraint(width, new Range(0, width),
                            LengthConstraintType.RANGE, Integer.MAX_VALUE, new Range(0, Integer.MAX_VALUE),
                            LengthConstraintType.RANGE)).getHeight();
                }
            }
            return height;
        } finally {
            g.dispose();
        }
    }

    /**
     * The width of a text in a font.
     *
     * @param text the text
     * @param font the font
     * @return its width in the font's units (pixels at 72 dpi)
     */
    static double textWidth(String text, Font font) {
        return font.getStringBounds(text, new FontRenderContext(null, true, true)).getWidth();
    }

    /** Calls {@code action} on every axis of an XY or category plot. */
    private static void eachAxis(Plot plot, Consumer<Axis> action) {
        List<Axis> axes = new ArrayList<>();
        if (plot instanceof XYPlot xy) {
            for (int i = 0; i < xy.getDomainAxisCount(); i++) {
                axes.add(xy.getDomainAxis(i));
            }
            for (int i = 0; i < xy.getRangeAxisCount(); i++) {
                axes.add(xy.getRangeAxis(i));
            }
        } else if (plot instanceof CategoryPlot cat) {
            axes.add(cat.getDomainAxis());
            axes.add(cat.getRangeAxis());
        }
        for (Axis axis : axes) {
            if (axis != null) {
                action.accept(axis);
            }
        }
    }

    /**
     * A renderer of lines with markers, and each point's interval (a y interval data set's start
     * and end) as a thin vertical bar with caps.
     *
     * @param error what the bars show; with none, no bar is drawn, not even the caps of an empty one
     * @return the renderer, for series paints, strokes and shapes to be set
     */
    static XYErrorRenderer linesWithErrorBars(ErrorMeasure error) {
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setDrawYError(error.drawn());
        r.setDefaultLinesVisible(true);
        r.setDefaultShapesVisible(true);
        r.setErrorStroke(new BasicStroke(1.2f));
        r.setCapLength(6);
        return r;
    }

    /**
     * A colour scale beside the plot, right of it, for figures whose colours stand for values: the
     * scale's axis takes the figures' fonts, as {@link #apply} gives the plot's axes.
     *
     * @param scale the colours, over the axis's range
     * @param axis  the scale's axis, with its label and range
     * @return the scale, for the chart's subtitles
     */
    static PaintScaleLegend colourScale(PaintScale scale, NumberAxis axis) {
        axis.setLabelFont(AXIS_LABEL);
        axis.setLabelPaint(TEXT);
        axis.setTickLabelFont(TICK);
        axis.setTickLabelPaint(TEXT);
        PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(16);
        legend.setAxisOffset(4);
        legend.setMargin(new RectangleInsets(10, 12, 10, 4));
        return legend;
    }

    /**
     * Adds a one-line subtitle under the title.
     *
     * @param chart the chart
     * @param text  the subtitle
     */
    static void subtitle(JFreeChart chart, String text) {
        // No-break spaces keep the gaps between a subtitle's figures in SVG, whose renderers collapse plain ones.
        TextTitle t = new TextTitle(text.replaceAll(" (?= )|(?<= ) ", "\u00A0"), SUBTITLE);
        t.setPaint(TEXT);
        t.setPadding(new RectangleInsets(2, 0, 6, 0));
        chart.addSubtitle(0, t);
    }
}
