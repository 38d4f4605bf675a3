package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jfree.chart.annotations.XYPolygonAnnotation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.junit.jupiter.api.Test;

class LearningCurvePlotTest {
    private static final double NAN = Double.NaN;

    /**
     * A band runs along the upper edge and back along the lower one, is split where a value or its
     * spread is missing, and leaves out a lone point, which has no width to fill.
     */
    @Test
    void bandsFollowTheRunsOfPointsWithASpread() {
        LearningCurvePlot.Curve c = new LearningCurvePlot.Curve("ewc", new double[] {1, 2, 3, 4, 5, 6, 7},
                new double[] {1.0, 0.8, NAN, 0.6, 0.5, 0.4, 0.3}, new double[] {0.1, 0.2, 0.3, 0.1, NAN, 0.1, 0.05});
        List<double[]> bands = LearningCurvePlot.bands(c, false);
        assertEquals(2, bands.size());
        assertArrayEquals(new double[] {1, 1.1, 2, 1.0, 2, 0.6000000000000001, 1, 0.9}, bands.get(0), 1e-12);
        assertArrayEquals(new double[] {6, 0.5, 7, 0.35, 7, 0.25, 6, 0.30000000000000004}, bands.get(1), 1e-12);
    }

    /** Neither a loss nor an accuracy goes below 0, nor an accuracy above 100: the band stops there. */
    @Test
    void bandsStopWhereTheValuesEnd() {
        LearningCurvePlot.Curve c = new LearningCurvePlot.Curve("naive", new double[] {1, 2},
                new double[] {97, 3}, new double[] {5, 5});
        assertArrayEquals(new double[] {1, 100, 2, 8, 2, 0, 1, 92}, LearningCurvePlot.bands(c, true).get(0));
        assertArrayEquals(new double[] {1, 102, 2, 8, 2, 0, 1, 92}, LearningCurvePlot.bands(c, false).get(0));
    }

    /** The bands are drawn behind the curves and the range axis takes them in, so none is cut off. */
    @Test
    void theAxisTakesTheBandsIn() {
        LearningCurvePlot.Curve c = new LearningCurvePlot.Curve("si", new double[] {1, 2, 3},
                new double[] {2.0, 1.0, 0.5}, new double[] {1.5, 0.5, 0.25});
        XYPlot plot = (XYPlot) LearningCurvePlot.of(List.of(c), "loss (nats)", false, new int[0], "t").chart()
                .getPlot();
        assertEquals(1, ((AbstractXYItemRenderer) plot.getRenderer()).getAnnotations().stream()
                .filter(a -> a instanceof XYPolygonAnnotation).count());
        assertTrue(plot.getRangeAxis().getUpperBound() >= 3.5, "upper edge of the band at epoch 1");
        LearningCurvePlot.Curve plain = new LearningCurvePlot.Curve("si", new double[] {1, 2, 3},
                new double[] {2.0, 1.0, 0.5});
        XYPlot without = (XYPlot) LearningCurvePlot.of(List.of(plain), "loss (nats)", false, new int[0], "t")
                .chart().getPlot();
        assertTrue(without.getRangeAxis().getUpperBound() < 3.5, "a curve without a band keeps its own range");
    }

    @Test
    void aNegativeSpreadOrArraysOfOtherLengthsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LearningCurvePlot.Curve("x", new double[] {1, 2},
                new double[] {1, 2}, new double[] {0.1, -0.1}));
        assertThrows(IllegalArgumentException.class, () -> new LearningCurvePlot.Curve("x", new double[] {1, 2},
                new double[] {1, 2}, new double[] {0.1}));
    }

    /**
     * The axes span the data, not from 0: epochs 1 to 4 and accuracies 87.3 to 99.8 % drawn from 0 would
     * squeeze the curve into the top eighth of the plot.
     */
    @Test
    void theAxesSpanTheDataNotFromZero() {
        LearningCurvePlot.Curve c = new LearningCurvePlot.Curve("naive", new double[] {1, 2, 3, 4},
                new double[] {90.3, 96.8, 87.3, 99.8});
        XYPlot plot = LearningCurvePlot.of(List.of(c), "training accuracy (%)", true, new int[] {3}, "t").chart()
                .getXYPlot();
        assertTrue(plot.getDomainAxis().getLowerBound() > 0.5, plot.getDomainAxis().getRange().toString());
        assertTrue(plot.getRangeAxis().getLowerBound() > 80, plot.getRangeAxis().getRange().toString());
    }

    /**
     * A boundary's label names the task that starts there, "task 2", where it has room; thirty one-epoch tasks
     * side by side leave each label about 800 / 30 = 27 units, room for its number only.
     */
    @Test
    void boundaryLabelsNameTheirTaskAsRoomAllows() {
        LearningCurvePlot.Curve two = new LearningCurvePlot.Curve("naive", new double[] {1, 2, 3, 4},
                new double[] {1, 2, 3, 4});
        assertTrue(LearningCurvePlot.of(List.of(two), "loss (nats)", false, new int[] {3}, "t").svg()
                .contains(">task 2<"));
        double[] epochs = new double[30];
        int[] starts = new int[29];
        for (int k = 0; k < epochs.length; k++) {
            epochs[k] = k + 1;
        }
        for (int k = 0; k < starts.length; k++) {
            starts[k] = k + 2;
        }
        String svg = LearningCurvePlot.of(List.of(new LearningCurvePlot.Curve("naive", epochs, epochs)),
                "loss (nats)", false, starts, "t").svg();
        assertTrue(svg.contains(">12<") && !svg.contains("task 12"), "task 12's label");
    }
}
