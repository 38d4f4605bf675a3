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

    @Test
    void otherNamesTakeTheFreeColoursYellowLast() {
        assertArrayEquals(new int[] {0, 1}, ChartStyle.styles(List.of("naive", "mas")), "mas: the first free colour");
    }

    @Test
    void otherNamesTakeTheFreeColoursThenDashedLines() {
        int[] styles = ChartStyle.styles(List.of("my-ewc", "naive", "joint", "a", "b", "c", "d", "e", "f", "g"));
        assertEquals(0, styles[1], "naive keeps its own");
        assertEquals(List.of(1, 0), List.of(styles[0], styles[1]), "my-ewc takes the first free colour");
        assertEquals(10, Arrays.stream(styles).distinct().count(), Arrays.toString(styles));
        assertEquals(List.of(8, 9), Arrays.stream(styles).skip(8).boxed().toList(), "past eight: dashed lines");
    }

    /**
     * The rows of a comparison keep their strategy's colour, each further run's with a dashed line
     * or another marker: by row order, "naive [B]" had taken ewc's orange and "ewc [A]" si's green.
     */
    @Test
    void comparedRunsKeepTheirStrategysColour() {
        int[] styles = ChartStyle.styles(List.of("naive [A]", "ewc [A]", "naive [B]", "ewc [B]", "joint [A+B]",
                "joint [C]"));
        assertArrayEquals(new int[] {0, 1, 8, 9, 2, 10}, styles);
        assertEquals(ChartStyle.color(0), ChartStyle.color(styles[2]), "naive [B] is naive's colour");
        assertEquals(10, ChartStyle.styles(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")).length);
    }
}
