package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
        assertEquals(List.of(9, 10, 12, 13, 14), Arrays.stream(ChartStyle.styles(List.of("mas", "l2",
                "importance_gating", "metaplasticity", "joint"))).boxed().toList());
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
