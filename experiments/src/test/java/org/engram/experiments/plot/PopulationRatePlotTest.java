package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PopulationRatePlotTest {
    @Test
    void rejectsEmptyPopulationAndNonPositiveBins() {
        assertThrows(IllegalArgumentException.class, () -> PopulationRatePlot.of(new double[] {1}, 0, 10, 1, "t"));
        assertThrows(IllegalArgumentException.class, () -> PopulationRatePlot.of(new double[] {1}, 1, 10, Double.NaN, "t"));
        assertThrows(IllegalArgumentException.class, () -> PopulationRatePlot.of(new double[0], 1, 10, 1, "t"));
        assertThrows(IllegalArgumentException.class,
                () -> SpikeRasterPlot.of(new double[] {1}, new int[] {5}, 4, 10, "t"));
    }
}
