package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.engram.experiments.metrics.AccuracyMatrix;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.junit.jupiter.api.Test;

class ForgettingPlotTest {
    /**
     * Twelve tasks, more than a legend names, are told apart by a colour scale of their numbers: its axis runs
     * from 0.5 to 12.5, a band one task wide about each number from 1 to 12, and the colour at number k is that
     * of task k's line.
     */
    @Test
    void theColourScaleOfManyTasksGivesEachNumberItsTasksColour() {
        int tasks = 12;
        double[][] r = new double[tasks][tasks];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            Arrays.fill(r[i], 0.5);
            names.add("task" + i);
        }
        JFreeChart chart = ForgettingPlot.of(AccuracyMatrix.of(r), names, "t").chart();
        PaintScaleLegend scale = (PaintScaleLegend) chart.getSubtitles().stream()
                .filter(PaintScaleLegend.class::isInstance).findFirst().orElseThrow();
        assertEquals(0.5, scale.getAxis().getLowerBound());
        assertEquals(tasks + 0.5, scale.getAxis().getUpperBound());
        XYItemRenderer lines = chart.getXYPlot().getRenderer();
        for (int k = 1; k <= tasks; k++) {
            // The middle of task k's band and a point near each of its edges.
            for (double at : new double[] {k - 0.45, k, k + 0.45}) {
                assertEquals(lines.getSeriesPaint(k - 1), scale.getScale().getPaint(at), "task " + k + " at " + at);
            }
        }
    }
}
