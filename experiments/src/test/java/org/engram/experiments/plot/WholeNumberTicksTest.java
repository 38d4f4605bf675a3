package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.engram.experiments.metrics.AccuracyMatrix;
import org.jfree.chart.axis.ValueAxis;
import org.junit.jupiter.api.Test;

/**
 * Axes that count whole things (tasks learned, epochs, neurons) tick at whole numbers only: a tick at 1.5 tasks
 * learned or at neuron 0.5 names nothing.
 */
class WholeNumberTicksTest {
    private static final AccuracyMatrix THREE_TASKS = AccuracyMatrix.of(new double[][] {
            {0.9, 0.1, 0.1}, {0.7, 0.8, 0.1}, {0.6, 0.7, 0.9}});

    @Test
    void tasksLearnedTickAtWholeNumbers() {
        assertWholeTicks(AverageAccuracyPlot.of(List.of(new AverageAccuracyPlot.Strategy("naive",
                List.of(THREE_TASKS))), "t").chart().getXYPlot().getDomainAxis());
        assertWholeTicks(ForgettingPlot.of(THREE_TASKS, List.of("a", "b", "c"), "t").chart().getXYPlot()
                .getDomainAxis());
    }

    @Test
    void epochsTickAtWholeNumbers() {
        LearningCurvePlot.Curve c = new LearningCurvePlot.Curve("naive", new double[] {1, 2, 3, 4},
                new double[] {90.3, 96.8, 87.3, 99.8});
        assertWholeTicks(LearningCurvePlot.of(List.of(c), "training accuracy (%)", true, new int[] {3}, "t")
                .chart().getXYPlot().getDomainAxis());
    }

    @Test
    void neuronIndicesTickAtWholeNumbers() {
        assertWholeTicks(SpikeRasterPlot.of(new double[] {1, 2}, new int[] {0, 2}, 3, 0, 10, "t").chart()
                .getXYPlot().getRangeAxis());
    }

    private static void assertWholeTicks(ValueAxis axis) {
        List<Double> ticks = PercentAxisTest.labelledTicks(axis);
        assertFalse(ticks.isEmpty());
        assertTrue(ticks.stream().allMatch(v -> v == Math.rint(v)), ticks.toString());
    }
}
