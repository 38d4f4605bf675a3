package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

class PopulationRatePlotTest {
    @Test
    void rejectsEmptyPopulationAndNonPositiveBins() {
        assertThrows(IllegalArgumentException.class, () -> PopulationRatePlot.of(new double[] {1}, 0, 10, 1, "t"));
        assertThrows(IllegalArgumentException.class,
                () -> PopulationRatePlot.of(new double[] {1}, 1, 10, Double.NaN, "t"));
        assertThrows(IllegalArgumentException.class, () -> PopulationRatePlot.of(new double[0], 1, 10, 1, "t"));
        assertThrows(IllegalArgumentException.class,
                () -> SpikeRasterPlot.of(new double[] {1}, new int[] {5}, 4, 0, 10, "t"));
    }

    /** Up to the limit every bin is drawn as it is, followed by the last level repeated at the end. */
    @Test
    void drawsEveryBinUpToTheLimit() {
        double[] rates = new double[PopulationRatePlot.MAX_DRAWN_BINS];
        for (int k = 0; k < rates.length; k++) {
            rates[k] = k % 7;
        }
        XYDataset d = PopulationRatePlot.of(rates, 5, rates.length, 1, "t").chart().getXYPlot().getDataset();
        assertEquals(rates.length + 1, d.getItemCount(0));
        for (int k = 0; k < rates.length; k++) {
            assertEquals(k, d.getXValue(0, k));
            assertEquals(rates[k], d.getYValue(0, k));
        }
        assertTrue(subtitle(PopulationRatePlot.of(rates, 5, rates.length, 1, "t")).contains("5 neurons, 1 ms bins;"));
        // One neuron in the singular; mean rate 2.997 Hz: 142 cycles of 0..6 Hz (21 each) and 0..5 (15), 1000 bins.
        assertEquals("1 neuron, 1 ms bins; mean rate 3.00 Hz", subtitle(PopulationRatePlot.of(rates, 1, rates.length,
                1, "t")));
    }

    /**
     * Past the limit, neighbouring bins are drawn together at the rate of their spikes over their
     * time, counted here from the spikes each bin's rate stands for; the last bin is half as long.
     */
    @Test
    void drawsTheBinsOfALongRunMergedAtTheRateOfTheirSpikes() {
        int neurons = 4;
        double binMs = 0.1;
        int bins = PopulationRatePlot.MAX_DRAWN_BINS + 1;   // two bins to a step, the last step one bin
        double durationMs = (bins - 0.5) * binMs;
        int[] spikes = new int[bins];
        double[] rates = new double[bins];
        double totalSpikes = 0;
        for (int k = 0; k < bins; k++) {
            spikes[k] = (k * 5) % 9;
            double width = k == bins - 1 ? binMs / 2 : binMs;
            rates[k] = spikes[k] * 1000.0 / (neurons * width);
            totalSpikes += spikes[k];
        }
        Figure f = PopulationRatePlot.of(rates, neurons, durationMs, binMs, "t");
        XYDataset d = f.chart().getXYPlot().getDataset();
        assertEquals((bins + 1) / 2 + 1, d.getItemCount(0));
        for (int step = 0; step < bins / 2; step++) {
            double expected = (spikes[2 * step] + spikes[2 * step + 1]) * 1000.0 / (neurons * 2 * binMs);
            assertEquals(2 * step * binMs, d.getXValue(0, step), 1e-12);
            assertEquals(expected, d.getYValue(0, step), 1e-9, "step " + step);
        }
        int last = bins / 2;
        assertEquals(rates[bins - 1], d.getYValue(0, last), 1e-9);
        assertEquals(durationMs, d.getXValue(0, last + 1));
        assertEquals(rates[bins - 1], d.getYValue(0, last + 1), 1e-9);
        double meanHz = totalSpikes * 1000.0 / (neurons * durationMs);
        assertTrue(subtitle(f).contains(String.format(java.util.Locale.ROOT,
                "4 neurons, 0.1 ms bins drawn merged into 0.2 ms; mean rate %.2f Hz", meanHz)), subtitle(f));
    }

    /** From 10 s on, times are in seconds: tick labels in ms (1,000,000) ran past the plot's edge. */
    @Test
    void aLongRunsTimeAxisIsInSeconds() {
        XYPlot rate = PopulationRatePlot.of(new double[] {1, 2}, 1, 20_000, 10_000, "t").chart().getXYPlot();
        assertEquals("time (s)", rate.getDomainAxis().getLabel());
        assertEquals(20, rate.getDomainAxis().getUpperBound());
        assertEquals(10, rate.getDataset().getXValue(0, 1));
        XYPlot raster = SpikeRasterPlot.of(new double[] {9_500}, new int[] {0}, 1, 9_000, 10_000, "t").chart()
                .getXYPlot();
        assertEquals("time (s)", raster.getDomainAxis().getLabel());
        assertEquals(9, raster.getDomainAxis().getLowerBound());
        assertEquals(9.5, raster.getDataset().getXValue(0, 0));
        XYPlot shorter = PopulationRatePlot.of(new double[] {1}, 1, 9_999, 9_999, "t").chart().getXYPlot();
        assertEquals("time (ms)", shorter.getDomainAxis().getLabel());
        assertEquals(9_999, shorter.getDomainAxis().getUpperBound());
    }

    static String subtitle(Figure f) {
        return ((TextTitle) f.chart().getSubtitle(0)).getText();
    }

    @Test
    void rejectsNoBinsAndNoNeurons() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PopulationRatePlot.of(0, k -> 1, 1, 0, 10, 1,
                "t")).getMessage().endsWith("found 0 bins, 1, 0.0 to 10.0 ms, 1.0 ms"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PopulationRatePlot.of(1, k -> 1, 0, 0, 10, 1,
                "t")).getMessage().endsWith("found 1 bins, 0, 0.0 to 10.0 ms, 1.0 ms"));
    }

    /**
     * A bin that starts at the window's end (a monitor's last, empty bin) adds no time and no spikes: the levels
     * drawn are the rates given, none NaN, and the mean rate is that of the first two bins, (10 + 20) / 2 = 15 Hz.
     */
    @Test
    void aBinAtTheWindowsEndIsDrawnAsGiven() {
        Figure f = PopulationRatePlot.of(new double[] {10, 20, 30}, 4, 0, 20, 10, "t");
        XYDataset d = f.chart().getXYPlot().getDataset();
        for (int k = 0; k < d.getItemCount(0); k++) {
            double level = d.getYValue(0, k);
            assertTrue(level == 10 || level == 20 || level == 30, "item " + k + " drawn at " + level);
        }
        assertEquals("4 neurons, 10 ms bins; mean rate 15.00 Hz", subtitle(f));
    }
}
