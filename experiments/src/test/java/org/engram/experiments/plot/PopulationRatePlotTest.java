package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PopulationRatePlotTest {
    @Test
    void ratesMatchHandCountedBins() {
        // 4 neurons, 10 ms in 4 ms bins: [0,4) [4,8) [8,10] (last bin 2 ms wide).
        // spikes at 1, 2.5, 3 -> 3 in bin 0: 3 / (4 * 0.004 s) = 187.5 Hz
        // spike at 7 -> 1 in bin 1: 1 / 0.016 = 62.5 Hz
        // spikes at 9.5 and 10 (end included), 12 and -1 outside -> 2 in bin 2: 2 / (4 * 0.002) = 250 Hz
        double[] rates = PopulationRatePlot.ratesHz(new double[] {1, 2.5, 3, 7, 9.5, 10, 12, -1}, 4, 10, 4);
        assertArrayEquals(new double[] {187.5, 62.5, 250}, rates, 1e-9);
    }

    @Test
    void rejectsEmptyPopulationAndNonPositiveBins() {
        assertThrows(IllegalArgumentException.class, () -> PopulationRatePlot.ratesHz(new double[0], 0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> PopulationRatePlot.ratesHz(new double[0], 1, 10, Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> SpikeRasterPlot.of(new double[] {1}, new int[] {5}, 4, 10, "t"));
    }
}
