package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.engram.experiments.metrics.AccuracyMatrix;
import org.junit.jupiter.api.Test;

class SingleTaskFiguresTest {
    @Test
    void oneTaskShowsNotApplicableInsteadOfNaN() {
        // With T = 1, BWT and forgetting average over zero tasks (NaN); the subtitle must say n/a.
        AccuracyMatrix one = AccuracyMatrix.of(new double[][] {{0.875}});
        String forgetting = ForgettingPlot.of(one, List.of("all"), "One task").svg();
        String heat = AccuracyHeatMap.of(one, List.of("all"), "One task").svg();
        for (String svg : List.of(forgetting, heat)) {
            assertTrue(svg.contains("ACC 87.5%"), "ACC missing");
            assertTrue(svg.contains("BWT n/a"), "BWT should read n/a");
            assertFalse(svg.contains("NaN"), "NaN printed");
        }
    }
}
