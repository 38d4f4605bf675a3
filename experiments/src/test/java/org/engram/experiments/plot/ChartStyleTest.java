package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strategies most compared keep their colour across runs; every series of a figure has its own style. */
class ChartStyleTest {
    @Test
    void aBuiltInStrategyKeepsItsColourWhateverItsPositionAndTheOthers() {
        int[] quickstart = styles(List.of("naive", "ewc", "si", "hlop"));
        int[] split = styles(List.of("si", "replay", "naive", "ewc"));
        assertArrayEquals(new int[] {0, 1, 2, 4}, quickstart);
        assertArrayEquals(new int[] {2, 3, 0, 1}, split);
    }

    /**
     * Every built-in strategy keeps one style whatever else a figure holds: MAS had taken the first
     * free colour, orange beside naive alone, but green beside naive and EWC.
     */
    @Test
    void theOtherBuiltInStrategiesKeepTheirStyleToo() {
        assertArrayEquals(new int[] {0, 9}, styles(List.of("naive", "mas")));
        assertArrayEquals(new int[] {0, 1, 9}, styles(List.of("naive", "ewc", "mas")));
        assertEquals(ChartStyle.color(1), ChartStyle.color(9), "MAS is drawn in EWC's orange");
        assertArrayEquals(new int[] {3, 11}, styles(List.of("replay", "agem")));
        assertEquals(ChartStyle.color(3), ChartStyle.color(11), "A-GEM is drawn in replay's vermillion");
        assertArrayEquals(new int[] {3, 11, 19}, styles(List.of("replay", "agem", "der")));
        assertEquals(ChartStyle.color(3), ChartStyle.color(19), "DER is drawn in replay's vermillion");
        assertEquals(ChartStyle.line(11), ChartStyle.line(19), "dashed, as A-GEM");
        assertTrue(ChartStyle.shape(3, 8).getBounds2D().equals(ChartStyle.shape(19, 8).getBounds2D())
                && !ChartStyle.shape(11, 8).getBounds2D().equals(ChartStyle.shape(19, 8).getBounds2D()),
                "replay's diamond, not A-GEM's bar");
        assertArrayEquals(new int[] {5, 13, 21}, styles(List.of("gpm", "metaplasticity", "gem")));
        assertEquals(ChartStyle.color(5), ChartStyle.color(21), "GEM is drawn in GPM's sky blue");
        assertTrue(ChartStyle.line(21) != ChartStyle.line(5)
                && ChartStyle.shape(5, 8).getBounds2D().equals(ChartStyle.shape(21, 8).getBounds2D())
                && !ChartStyle.shape(13, 8).getBounds2D().equals(ChartStyle.shape(21, 8).getBounds2D()),
                "dashed, with GPM's cross, not metaplasticity's square");
        assertEquals(List.of(9, 10, 12, 13, 14), Arrays.stream(styles(List.of("mas", "l2",
                "importance_gating", "metaplasticity", "joint"))).boxed().toList());
    }

    /**
     * No two built-in strategies look alike in a figure that holds them all: each differs from every
     * other in colour, line or marker. ER-ACE, a relative of replay, could not take a third dashed
     * vermillion (style 27 repeats A-GEM's 11), and has yellow.
     */
    @Test
    void everyBuiltInStrategyHasALookOfItsOwn() {
        List<String> names = org.engram.learning.continual.Strategies.list().stream()
                .map(org.engram.learning.continual.Strategies.Info::name).toList();
        int[] styles = styles(names);
        java.util.Set<String> looks = new java.util.HashSet<>();
        for (int style : styles) {
            looks.add(ChartStyle.color(style) + " " + (ChartStyle.line(style) == ChartStyle.LINE) + " "
                    + outline(ChartStyle.shape(style, 8)));
        }
        assertEquals(names.size(), looks.size(), names + " drawn in " + Arrays.toString(styles));
        assertEquals(7, styles[names.indexOf("er_ace")], "er_ace: yellow, solid");
    }

    /**
     * Series stay apart in greyscale by their markers: the first eight styles have eight shapes, and
     * a style that repeats a colour (MAS, EWC's orange) has another shape than its colour's first.
     */
    @Test
    void everyColourOfAFigureHasAMarkerOfItsOwn() {
        java.util.Set<String> shapes = new java.util.HashSet<>();
        for (int i = 0; i < 8; i++) {
            shapes.add(outline(ChartStyle.shape(i, 8)));
        }
        assertEquals(8, shapes.size(), "eight shapes for the eight colours");
        for (int relative : new int[] {9, 10, 12, 13, 14}) {
            assertNotEquals(outline(ChartStyle.shape(relative % 8, 8)), outline(ChartStyle.shape(relative, 8)),
                    "style " + relative);
        }
    }

    /**
     * Every marker is centred on its point and as wide as asked, within a third: the diagonal cross's arms, a
     * third of its half-width thick, end past its corners (8 by 8 when 6 is asked). The bar lying down is half
     * as high as wide.
     */
    @Test
    void markersAreCentredAndAsWideAsAsked() {
        for (int i = 0; i < 8; i++) {
            java.awt.geom.Rectangle2D b = ChartStyle.shape(i, 6).getBounds2D();
            assertEquals(0, b.getCenterX(), 1e-6, "shape " + i);
            assertEquals(0, b.getCenterY(), 1e-6, "shape " + i);
            assertTrue(b.getWidth() >= 6 - 1e-6 && b.getWidth() <= 8 + 1e-6, "shape " + i + ": " + b);
            assertTrue(b.getHeight() >= 3 - 1e-6 && b.getHeight() <= 8 + 1e-6, "shape " + i + ": " + b);
        }
    }

    /**
     * Lines as documented: solid for the first eight series, then dashed for each colour's next two variants
     * (series 8 to 23), dotted from the third.
     */
    @Test
    void linesAreSolidThenDashedThenDotted() {
        for (int i = 0; i < 8; i++) {
            assertEquals(ChartStyle.LINE, ChartStyle.line(i), "series " + i);
        }
        for (int i = 8; i < 24; i++) {
            assertEquals(ChartStyle.DASHED_LINE, ChartStyle.line(i), "series " + i);
        }
        assertNotEquals(ChartStyle.LINE, ChartStyle.line(24));
        assertNotEquals(ChartStyle.DASHED_LINE, ChartStyle.line(24));
    }

    /** A colour's dotted variants take each shape in turn from the colour's own: the third variant has it. */
    @Test
    void dottedVariantsTakeTheShapesInTurnFromTheColoursOwn() {
        for (int colour = 0; colour < 8; colour++) {
            assertEquals(outline(ChartStyle.shape(colour, 8)), outline(ChartStyle.shape(colour + 8 * 3, 8)));
            assertEquals(outline(ChartStyle.shape((colour + 1) % 8, 8)), outline(ChartStyle.shape(colour + 8 * 4, 8)));
        }
    }

    private static String outline(java.awt.Shape shape) {
        StringBuilder b = new StringBuilder();
        java.awt.geom.PathIterator it = shape.getPathIterator(null);
        double[] c = new double[6];
        while (!it.isDone()) {
            int type = it.currentSegment(c);
            b.append(type).append(Arrays.toString(c)).append(';');
            it.next();
        }
        return b.toString();
    }

    /** Tasks are coloured in their order along one map, apart from the strategies' colours. */
    @Test
    void orderedItemsRunFromTheMapsStartToItsEnd() {
        assertEquals(new java.awt.Color(0x44, 0x01, 0x54), ChartStyle.ordered(0, 5));
        assertEquals(new java.awt.Color(0xB5, 0xDE, 0x2B), ChartStyle.ordered(4, 5));
        assertEquals(new java.awt.Color(0x21, 0x90, 0x8C), ChartStyle.ordered(1, 3), "the middle of three");
        assertEquals(ChartStyle.ordered(0, 5), ChartStyle.ordered(0, 1));
        for (int k = 0; k < 8; k++) {
            for (int i = 0; i < 8; i++) {
                assertNotEquals(ChartStyle.color(i), ChartStyle.ordered(k, 8));
            }
        }
    }

    @Test
    void heatMapCellsNeverRoundBelowAHundredToAHundred() {
        assertEquals("99", CellValue.text(99.8, false));
        assertEquals("100", CellValue.text(100.0, false));
        assertEquals("99", CellValue.text(99.4, false));
        assertEquals("86", CellValue.text(85.5, false));
        assertEquals("99.8", CellValue.text(99.8, true));
        assertEquals("99.9", CellValue.text(99.96, true));
        assertEquals("100.0", CellValue.text(100.0, true));
    }

    /** Styles of series that each strategy labels as its name ("naive", "mas"). */
    private static int[] styles(List<String> labels) {
        return ChartStyle.styles(labels.stream().map(ChartStyle.Series::of).toList());
    }

    private static int styleIn(ChartStyle.Series series, ChartStyle.Series... figure) {
        List<ChartStyle.Series> all = Arrays.asList(figure);
        return ChartStyle.styles(all)[all.indexOf(series)];
    }

    private static final ChartStyle.Series EWC_100 = new ChartStyle.Series("ewc", "ewc-100");
    private static final ChartStyle.Series EWC_1000 = new ChartStyle.Series("ewc", "ewc-1000");

    /**
     * A labelled variant of a strategy looks the same whatever else its figure holds: ewc-1000 had
     * taken the styles left free in order, sky blue with a cross in the Split figures and SI's
     * green triangle in the Permuted figures of one paper.
     */
    @Test
    void aLabelledVariantKeepsItsLookWhateverTheFigureHolds() {
        ChartStyle.Series naive = ChartStyle.Series.of("naive");
        ChartStyle.Series si = ChartStyle.Series.of("si");
        int alone = styleIn(EWC_1000, EWC_1000);
        assertEquals(alone, styleIn(EWC_1000, naive, EWC_1000, si, ChartStyle.Series.of("hlop")));
        assertEquals(alone, styleIn(EWC_1000, si, EWC_100, ChartStyle.Series.of("replay"), EWC_1000, naive));
        assertEquals(alone, styleIn(EWC_1000, EWC_100, EWC_1000), "with ewc-100 in the figure, or without");
        assertEquals(ChartStyle.color(1), ChartStyle.color(alone), "EWC's orange");
        List<String> builtIn = org.engram.learning.continual.Strategies.list().stream()
                .map(org.engram.learning.continual.Strategies.Info::name).toList();
        int[] own = styles(builtIn);
        for (int i = 0; i < own.length; i++) {
            assertNotEquals(own[i], alone, "ewc-1000 looks like " + builtIn.get(i));
        }
    }

    /** Variants of one strategy differ from each other and from the strategy, each in its colour. */
    @Test
    void variantsOfOneStrategyLookApart() {
        int[] three = ChartStyle.styles(List.of(ChartStyle.Series.of("ewc"), EWC_100, EWC_1000));
        assertEquals(3, Arrays.stream(three).distinct().count(), Arrays.toString(three));
        for (int style : three) {
            assertEquals(ChartStyle.color(1), ChartStyle.color(style));
        }
        assertEquals(1, three[0], "unlabelled, EWC keeps its own look");
        // One look per (line, marker) pair: a colour's variants stay apart in greyscale too.
        java.util.Set<String> looks = new java.util.HashSet<>();
        for (int v = 0; v < ChartStyle.VARIANTS; v++) {
            int style = 8 * v;
            looks.add(ChartStyle.line(style) + " " + outline(ChartStyle.shape(style, 8)));
        }
        assertEquals(ChartStyle.VARIANTS, looks.size(), "every variant of a colour has a line and marker of its own");
    }

    /**
     * A strategy that is not built in (a chain, one of one's own) has one look in every figure, a
     * dashed one no built-in strategy keeps; its variants keep its colour.
     */
    @Test
    void aStrategyNotBuiltInKeepsOneLookThatNoBuiltInHas() {
        ChartStyle.Series chain = ChartStyle.Series.of("replay+ewc");
        int alone = styleIn(chain, chain);
        assertEquals(alone, styleIn(chain, ChartStyle.Series.of("naive"), ChartStyle.Series.of("mine"), chain));
        assertTrue(List.of(8, 15, 16, 17, 18, 20, 22, 23).contains(alone), "a free dashed look: " + alone);
        ChartStyle.Series variant = new ChartStyle.Series("replay+ewc", "replay+ewc-big");
        assertEquals(ChartStyle.color(alone), ChartStyle.color(styleIn(variant, chain, variant)));
    }

    /** The hash that picks looks is FNV-1a, the same in every run: checked against its published test value. */
    @Test
    void theLookHashIsFnv1a() {
        // FNV-1a 64 of "a" (Fowler, Noll and Vo's test vectors): 0xaf63dc4c8601ec8c.
        assertEquals(0xaf63dc4c8601ec8cL, ChartStyle.hash("a"));
        assertEquals(0xcbf29ce484222325L, ChartStyle.hash(""));
    }

    /**
     * The rows of a comparison keep their strategy's colour, each further run's with a dashed line
     * or another marker: by row order, "naive [B]" had taken ewc's orange and "ewc [A]" si's green.
     */
    @Test
    void comparedRunsKeepTheirStrategysColour() {
        // A comparison's rows of one strategy and label from two runs are one series twice.
        int[] styles = styles(List.of("naive", "ewc", "naive", "ewc", "joint", "joint"));
        assertArrayEquals(new int[] {0, 1, 8, 17, 14, 22}, styles);
        // A further run's row never takes the style a built-in strategy keeps (MAS's 9), in the figure or not.
        assertArrayEquals(new int[] {1, 17, 9}, styles(List.of("ewc", "ewc", "mas")));
        assertArrayEquals(new int[] {1, 17}, styles(List.of("ewc", "ewc")));
        int[] variantTwice = ChartStyle.styles(List.of(EWC_1000, EWC_1000));
        assertEquals(ChartStyle.color(1), ChartStyle.color(variantTwice[1]));
        assertNotEquals(variantTwice[0], variantTwice[1]);
        assertEquals(30, styles(java.util.Collections.nCopies(30, "a")).length);
        assertEquals(30, Arrays.stream(styles(java.util.Collections.nCopies(30, "a"))).distinct().count());
    }
}
