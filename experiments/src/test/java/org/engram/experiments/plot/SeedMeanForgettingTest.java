package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.engram.experiments.metrics.AccuracyMatrix;
import org.junit.jupiter.api.Test;

/**
 * The forgetting plot of several seeds states their mean forgetting, as the tables do, not the
 * forgetting of their mean matrix, which differs because forgetting takes a maximum.
 */
class SeedMeanForgettingTest {
    @Test
    void subtitleGivesTheSeedsMeanForgetting() {
        // Task 0 peaks at 0.9 after task 0 in seed A and after task 1 in seed B, then ends at 0.4:
        // each seed forgets 0.5 of task 0 and nothing of task 1, average (0.5 + 0) / 2 = 0.25.
        // The mean matrix has 0.7 after both, so its forgetting of task 0 is only 0.3, average 0.15.
        AccuracyMatrix a = AccuracyMatrix.of(new double[][] {{0.9, 0, 0}, {0.5, 0.8, 0}, {0.4, 0.8, 0.7}});
        AccuracyMatrix b = AccuracyMatrix.of(new double[][] {{0.5, 0, 0}, {0.9, 0.8, 0}, {0.4, 0.8, 0.7}});
        assertEquals(0.15, AccuracyMatrix.mean(List.of(a, b)).averageForgetting(), 1e-12);
        String svg = ForgettingPlot.of(List.of(a, b), List.of("0", "1", "2"), "two seeds").svg();
        assertTrue(svg.contains("average forgetting +25.0 pp"), "expected the seeds' mean forgetting");
        // ACC is linear in the entries: the mean matrix's ACC is the seeds' mean, (0.4 + 0.8 + 0.7) / 3.
        assertTrue(svg.contains("ACC 63.3%"), "ACC of the mean");
    }
}
