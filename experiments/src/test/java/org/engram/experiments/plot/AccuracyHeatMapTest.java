package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.engram.experiments.metrics.AccuracyMatrix;
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
}
