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
        int[] quickstart = ChartStyle.styles(List.of("naive", "ewc", "si", "hlop"));
        int[] split = ChartStyle.styles(List.of("si", "replay", "naive", "ewc"));
        assertArrayEquals(new int[] {0, 1, 2, 4}, quickstart);
        assertArrayEquals(new int[] {2, 3, 0, 1}, split);
    }

    /**
     * Every built-in strategy keeps one style whatever else a figure holds: MAS had taken the first
     * free colour, orange beside naive alone, but green beside naive and EWC.
     */
    @Test
    void theOtherBuiltInStrategiesKeepTheirStyleToo() {
        assertArrayEquals(new int[] {0, 9}, ChartStyle.styles(List.of("naive", "mas")));
        assertArrayEquals(new int[] {0, 1, 9}, ChartStyle.styles(List.of("naive", "ewc", "mas")));
        assertEquals(ChartStyle.color(1), ChartStyle.color(9), "MAS is drawn in EWC's orange");
        assertArrayEquals(new int[] {3, 11}, ChartStyle.styles(List.of("replay", "agem")));
        assertEquals(ChartStyle.color(3), ChartStyle.color(11), "A-GEM is drawn in replay's vermillion");
        assertArrayEquals(new int[] {3, 11, 19}, ChartStyle.styles(List.of("replay", "agem", "der")));
        assertEquals(ChartStyle.color(3), ChartStyle.color(19), "DER is drawn in replay's vermillion");
        assertEquals(ChartStyle.line(11), ChartStyle.line(19), "dashed, as A-GEM");
        assertTrue(ChartStyle.shape(3, 8).getBounds2D().equals(ChartStyle.shape(19, 8).getBounds2D())
                && !ChartStyle.shape(11, 8).getBounds2D().equals(ChartStyle.shape(19, 8).getBounds2D()),
                "replay's diamond, not A-GEM's bar");
        assertArrayEquals(new int[] {5, 13, 21}, ChartStyle.styles(List.of("gpm", "metaplasticity", "gem")));
        assertEquals(ChartStyle.color(5), ChartStyle.color(21), "GEM is drawn in GPM's sky blue");
        assertTrue(ChartStyle.line(21) != ChartStyle.line(5)
                && ChartStyle.shape(5, 8).getBounds2D().equals(ChartStyle.shape(21, 8).getBounds2D())
                && !ChartStyle.shape(13, 8).getBounds2D().equals(ChartStyle.shape(21, 8).getBounds2D()),
                "dashed, with GPM's cross, not metaplasticity's square");
        assertEquals(List.of(9, 10, 12, 13, 14), Arrays.stream(ChartStyle.styles(List.of("mas", "l2",
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
        int[] styles = ChartStyle.styles(names);
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

    @Test
    void otherNamesTakeTheFreeStylesColoursFirst() {
        int[] styles = ChartStyle.styles(List.of("my-ewc", "naive", "joint", "a", "b", "c", "d", "e", "f", "g", "h",
                "i"));
        assertEquals(0, styles[1], "naive keeps its own");
        assertEquals(14, styles[2], "joint keeps its own");
        assertEquals(1, styles[0], "my-ewc takes the first free colour");
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9, 10), Arrays.stream(styles).skip(3).boxed().toList(),
                "the free colours, yellow last, then dashed lines");
        assertEquals(styles.length, Arrays.stream(styles).distinct().count(), Arrays.toString(styles));
    }

    /**
     * The rows of a comparison keep their strategy's colour, each further run's with a dashed line
     * or another marker: by row order, "naive [B]" had taken ewc's orange and "ewc [A]" si's green.
     */
    @Test
    void comparedRunsKeepTheirStrategysColour() {
        int[] styles = ChartStyle.styles(List.of("naive [A]", "ewc [A]", "naive [B]", "ewc [B]", "joint [A+B]",
                "joint [C]", "mine [A]", "mine [B]"));
        assertArrayEquals(new int[] {0, 1, 8, 9, 14, 22, 2, 10}, styles);
        assertEquals(ChartStyle.color(0), ChartStyle.color(styles[2]), "naive [B] is naive's colour");
        // A further run's row never takes the style a built-in strategy of the figure keeps.
        assertArrayEquals(new int[] {1, 17, 9}, ChartStyle.styles(List.of("ewc [A]", "ewc [B]", "mas [A]")));
        assertEquals(10, ChartStyle.styles(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")).length);
    }
}
