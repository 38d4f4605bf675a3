package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jfree.chart.axis.ValueAxis;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

class SpikeRasterPlotTest {
    /** {@code count} spikes evenly over {@code (0, durationMs]}. */
    private static double[] even(int count, double durationMs) {
        double[] t = new double[count];
        for (int k = 0; k < count; k++) {
            t[k] = (k + 1) * durationMs / count;
        }
        return t;
    }

    /** A window's length reads as written: 203.7 - 50.3 printed 153.39999999999998. */
    @Test
    void subtitleTimesReadAsWritten() {
        assertEquals("153.4", SpikeRasterPlot.trim(203.7 - 50.3));
        assertEquals("500", SpikeRasterPlot.trim(500));
        assertEquals("0.1", SpikeRasterPlot.trim(0.1));
        assertEquals("2.123456789", SpikeRasterPlot.trim(2.123456789));
    }

    @Test
    void aRunOfFewSpikesIsShownWhole() {
        assertEquals(0, SpikeRasterPlot.windowStartMs(even(SpikeRasterPlot.MAX_DOTS, 1000), 1000, 1000));
        assertEquals(0, SpikeRasterPlot.windowStartMs(new double[0], 1, 1000));
    }

    /**
     * Of 1,000 neurons (1-pixel dots, 400,000 along the rows) at most 50,000 dots are drawn. At 60
     * spikes per ms over 1,000 ms the last 500 ms hold 30,000; at 200 per ms they hold 100,000, the
     * last 200 ms 40,000; at 0.98 per ms over 200 s the last 100 s hold 98,000, the last 50 s 49,000.
     */
    @Test
    void aLongRunIsShownByItsLongestRoundEndThatHoldsFewEnoughSpikes() {
        assertEquals(500, SpikeRasterPlot.windowStartMs(even(60_000, 1000), 1000, 1000));
        assertEquals(800, SpikeRasterPlot.windowStartMs(even(200_000, 1000), 1000, 1000));
        assertEquals(150_000, SpikeRasterPlot.windowStartMs(even(196_000, 200_000), 1000, 200_000));
        // Reckoned in decimal: 2500.7 - 2000, not 500.6999999999998.
        assertEquals(500.7, SpikeRasterPlot.windowStartMs(even(60_000, 2500.7), 1000, 2500.7));
    }

    /**
     * Fewer rows take fewer dots, one per two dot widths of the 800-pixel rows: 200 neurons of
     * 2-pixel dots 40,000, which 45,000 spikes in the last 500 ms exceed (1,000 neurons take them);
     * 10 neurons of 3-pixel dots 1,333, which 1 spike per ms leaves for the last second of 1,000.
     */
    @Test
    void fewerNeuronsAreShownOverAShorterEnd() {
        assertEquals(800, SpikeRasterPlot.windowStartMs(even(90_000, 1000), 200, 1000));
        assertEquals(500, SpikeRasterPlot.windowStartMs(even(90_000, 1000), 1000, 1000));
        assertEquals(999_000, SpikeRasterPlot.windowStartMs(even(1_000_000, 1_000_000), 10, 1_000_000));
    }

    @Test
    void spikesPiledAtTheEndAreDrawnAllTheSame() {
        double[] t = new double[SpikeRasterPlot.MAX_DOTS + 1];
        java.util.Arrays.fill(t, 10.0);
        double start = SpikeRasterPlot.windowStartMs(t, 1000, 10);
        assertTrue(start > 9.99 && start < 10, "the last microsecond: " + start);
    }

    @Test
    void timesOutOfOrderAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpikeRasterPlot.windowStartMs(new double[] {1, 3, 2}, 1, 10));
        assertTrue(e.getMessage().contains("found 3.0 ms before 2.0 ms"), e.getMessage());
    }

    @Test
    void aWindowSetsTheTimeAxisAndTheSubtitle() {
        Figure f = SpikeRasterPlot.of(new double[] {600, 700}, new int[] {0, 1}, 2, 500, 1000, "t");
        ValueAxis x = f.chart().getXYPlot().getDomainAxis();
        assertEquals(500, x.getLowerBound());
        assertEquals(1000, x.getUpperBound());
        // 2 spikes of 2 neurons in 0.5 s: 2 Hz.
        assertEquals("2 spikes from 2 neurons in the 500 ms from 500 to 1000 ms; mean rate 2.00 Hz",
                PopulationRatePlotTest.subtitle(f));
        // One of each is said in the singular: "1 spikes from 1 neurons" had read as a slip in a figure.
        assertEquals("1 spike from 1 neuron in 1000 ms; mean rate 1.00 Hz",
                PopulationRatePlotTest.subtitle(SpikeRasterPlot.of(new double[] {5}, new int[] {0}, 1, 0, 1000, "t")));
        assertThrows(IllegalArgumentException.class,
                () -> SpikeRasterPlot.of(new double[0], new int[0], 1, 10, 10, "t"));
    }

    /**
     * A train read in place counts only the spikes of the neurons shown: with 60,000 spikes of the 1,000 neurons
     * shown and as many of others among them, the window is the one of the shown spikes alone (500 ms, above).
     */
    @Test
    void theWindowOfATrainCountsTheNeuronsShownOnly() {
        double[] shown = even(60_000, 1000);
        double[] times = new double[2 * shown.length];
        int[] neurons = new int[times.length];
        for (int k = 0; k < shown.length; k++) {
            times[2 * k] = shown[k];
            neurons[2 * k] = k % 1000;
            times[2 * k + 1] = shown[k];
            neurons[2 * k + 1] = 1000 + k % 7;
        }
        SpikeRasterPlot.Spikes train = SpikeRasterPlot.arrays(times, neurons);
        assertEquals(SpikeRasterPlot.windowStartMs(shown, 1000, 1000),
                SpikeRasterPlot.windowStartMs(train, 1000, 1000));
        assertEquals(500, SpikeRasterPlot.windowStartMs(train, 1000, 1000));
        // Every spike counted, the 120,000 need the last 200 ms (24,000 of them).
        assertEquals(800, SpikeRasterPlot.windowStartMs(train, 1007, 1000));
    }

    /**
     * A figure keeps at most {@link SpikeRasterPlot#MAX_DOTS} dots, the last ones, and says so: 60,000 spikes of
     * one microsecond (which no window leaves out) drew 60,000 dots, and a train of any length as many.
     */
    @Test
    void aFigureDrawsAtMostTheMostDotsAndSaysSo() {
        int count = SpikeRasterPlot.MAX_DOTS + 10_000;
        double[] times = new double[count];
        int[] neurons = new int[count];
        for (int k = 0; k < count; k++) {
            times[k] = 9.9995 + k * 1e-9;
            neurons[k] = k % 3;
        }
        // Neurons 3 and up are not shown: spike 0 of neuron 5 is neither drawn nor counted.
        neurons[0] = 5;
        Figure f = SpikeRasterPlot.of(SpikeRasterPlot.arrays(times, neurons), 3, 9.999, 10, "t");
        XYDataset d = f.chart().getXYPlot().getDataset();
        assertEquals(SpikeRasterPlot.MAX_DOTS, d.getItemCount(0));
        // The last ones: the first drawn is spike 10,000 of the train.
        assertEquals(times[10_000], d.getXValue(0, 0), 1e-12);
        assertEquals(10_000 % 3, d.getYValue(0, 0));
        assertEquals(times[count - 1], d.getXValue(0, SpikeRasterPlot.MAX_DOTS - 1), 1e-12);
        assertTrue(PopulationRatePlotTest.subtitle(f).startsWith((count - 1) + " spikes from 3 neurons in the 0.001 ms"
                + " from 9.999 to 10 ms; mean rate "), PopulationRatePlotTest.subtitle(f));
        assertTrue(PopulationRatePlotTest.subtitle(f).endsWith(" Hz; the last " + SpikeRasterPlot.MAX_DOTS + " drawn"),
                PopulationRatePlotTest.subtitle(f));
    }

    /**
     * A window holds the spikes at or after its start: 50,001 spikes of which the first is at 500 ms make the
     * window from 500 ms hold one too many, so the run is shown from 800 ms (1000 - 200, the next round end).
     */
    @Test
    void aSpikeAtTheWindowsStartCountsInIt() {
        double[] t = new double[SpikeRasterPlot.MAX_DOTS + 1];
        t[0] = 500;
        for (int k = 1; k < t.length; k++) {
            t[k] = 500 + k * 500.0 / SpikeRasterPlot.MAX_DOTS;
        }
        assertEquals(800, SpikeRasterPlot.windowStartMs(t, 1000, 1000));
    }

    /** Neurons that fire in the same step give equal times, which are in order. */
    @Test
    void equalTimesAreInOrder() {
        assertEquals(0, SpikeRasterPlot.windowStartMs(new double[] {1, 1, 2}, 3, 10));
    }

    /**
     * Of a train read in place, a spike exactly at the window's start is drawn, and one of the first neuron not
     * shown is not: 2 spikes of 2 neurons over 0.5 s, a mean rate of 2 Hz.
     */
    @Test
    void aTrainsWindowDrawsFromItsStartAndTheNeuronsShownOnly() {
        Figure f = SpikeRasterPlot.of(SpikeRasterPlot.arrays(new double[] {400, 500, 600, 700},
                new int[] {0, 0, 2, 1}), 2, 500, 1000, "t");
        XYDataset d = f.chart().getXYPlot().getDataset();
        assertEquals(2, d.getItemCount(0));
        assertEquals(500, d.getXValue(0, 0));
        assertEquals(0, d.getYValue(0, 0));
        assertEquals(700, d.getXValue(0, 1));
        assertEquals(1, d.getYValue(0, 1));
        assertEquals("2 spikes from 2 neurons in the 500 ms from 500 to 1000 ms; mean rate 2.00 Hz",
                PopulationRatePlotTest.subtitle(f));
    }

    /** A window without end or neurons is refused with a message that gives what was found. */
    @Test
    void rejectsAWindowWithoutEndOrNeuronsAndASpikeOfANeuronPastThem() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SpikeRasterPlot.of(new double[] {1}, new int[] {0}, 1, 0, Double.POSITIVE_INFINITY, "t"))
                .getMessage().endsWith("found 0.0 to Infinity ms and 1"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SpikeRasterPlot.of(new double[0], new int[0], 0, 0, 10, "t"))
                .getMessage().endsWith("found 0.0 to 10.0 ms and 0"));
        assertThrows(IllegalArgumentException.class,
                () -> SpikeRasterPlot.of(new double[] {1}, new int[] {0}, 1, -1, 10, "t"));
        // Neurons 0 and 1 of two: index 2 is past them.
        assertThrows(IllegalArgumentException.class,
                () -> SpikeRasterPlot.of(new double[] {1}, new int[] {2}, 2, 0, 10, "t"));
    }

    /**
     * Only the neurons shown count towards a window: the most dots, spread over the 1,000 neurons shown (whose
     * rows hold up to 1000 x 800 / 2 dots), and one spike of neuron 1000, not shown, fit the whole run.
     */
    @Test
    void aSpikeOfANeuronNotShownDoesNotShortenTheWindow() {
        double[] times = new double[SpikeRasterPlot.MAX_DOTS + 1];
        int[] neurons = new int[times.length];
        neurons[0] = 1000;
        for (int k = 1; k < times.length; k++) {
            times[k] = k * 1000.0 / SpikeRasterPlot.MAX_DOTS;
            neurons[k] = k % 1000;
        }
        assertEquals(0, SpikeRasterPlot.windowStartMs(SpikeRasterPlot.arrays(times, neurons), 1000, 1000));
    }
}
