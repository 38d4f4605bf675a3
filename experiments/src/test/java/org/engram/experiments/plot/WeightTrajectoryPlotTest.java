package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.util.HashSet;
import java.util.Set;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.AbstractRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WeightTrajectoryPlotTest {
    private static double[] ramp(int n, double scale) {
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = k * scale;
        }
        return x;
    }

    /**
     * Samples held in arrays, {@code synapses[k][s]} the weight of synapse k at sample s, noting which
     * synapses and samples the figure read.
     */
    private static final class Arrays implements WeightTrajectoryPlot.Samples {
        final double[] t;
        final double[] mean;
        final double[] sd;
        final double[] min;
        final double[] max;
        final double[][] synapses;
        final Set<Integer> synapsesRead = new HashSet<>();
        final Set<Integer> samplesRead = new HashSet<>();

        Arrays(double[] t, double[] mean, double[] sd, double[] min, double[] max, double[]... synapses) {
            this.t = t;
            this.mean = mean;
            this.sd = sd;
            this.min = min;
            this.max = max;
            this.synapses = synapses;
        }

        @Override
        public int count() {
            return t.length;
        }

        @Override
        public double timeMs(int s) {
            samplesRead.add(s);
            return t[s];
        }

        @Override
        public double mean(int s) {
            return mean[s];
        }

        @Override
        public double sd(int s) {
            return sd[s];
        }

        @Override
        public double min(int s) {
            return min[s];
        }

        @Override
        public double max(int s) {
            return max[s];
        }

        @Override
        public int synapseCount() {
            return synapses.length;
        }

        @Override
        public String label(int k) {
            synapsesRead.add(k);
            return "synapse " + k;
        }

        @Override
        public double weight(int k, int s) {
            synapsesRead.add(k);
            return synapses[k][s];
        }
    }

    @Test
    void rejectsFewerThanTwoSamples() {
        assertThrows(IllegalArgumentException.class, () -> WeightTrajectoryPlot.of(new Arrays(new double[] {0},
                new double[] {1}, new double[] {0}, new double[] {1}, new double[] {1}), "w", "t"));
    }

    /**
     * The band spans the mean plus and minus the sd at each sample where the weights reach that far; each
     * synapse is drawn as given.
     */
    @Test
    void theBandIsTheMeanPlusAndMinusTheSd() {
        double[] t = {0, 10, 20};
        double[] mean = {0.5, 0.4, 0.3};
        double[] sd = {0, 0.1, 0.2};
        Arrays samples = new Arrays(t, mean, sd, new double[] {0.5, 0, 0}, new double[] {0.5, 1, 1},
                new double[] {0.5, 0.6, 0.7});
        Figure f = WeightTrajectoryPlot.of(samples, "weight (mV)", "t");
        XYPlot plot = f.chart().getXYPlot();
        IntervalXYDataset band = (IntervalXYDataset) plot.getDataset(0);
        for (int s = 0; s < 3; s++) {
            assertEquals(t[s], band.getXValue(0, s));
            assertEquals(mean[s], band.getYValue(0, s));
            assertEquals(mean[s] - sd[s], band.getStartYValue(0, s), 1e-15);
            assertEquals(mean[s] + sd[s], band.getEndYValue(0, s), 1e-15);
        }
        XYDataset lines = plot.getDataset(1);
        assertEquals("synapse 0", lines.getSeriesKey(0));
        assertEquals(0.7, lines.getYValue(0, 2));
        assertEquals("3 samples", ((TextTitle) f.chart().getSubtitle(0)).getText());
    }

    /**
     * Weights piled at a bound: 9 of 10 synapses at w_min = 0 and one at 1 have mean 0.1 and sd 0.3, so
     * mean - sd = -0.2 lies below every weight; the band stops at the lowest weight, 0, and at the highest
     * above (mean + sd = 0.4 < 1 is kept). The mean line is left as it is.
     */
    @Test
    void theBandStopsAtTheLowestAndHighestWeight() {
        double[] t = {0, 10};
        double[] mean = {0.1, 0.9};
        double[] sd = {0.3, 0.3};
        Figure f = WeightTrajectoryPlot.of(new Arrays(t, mean, sd, new double[] {0, 0}, new double[] {1, 1}),
                "w", "t");
        IntervalXYDataset band = (IntervalXYDataset) f.chart().getXYPlot().getDataset(0);
        assertEquals(0.0, band.getStartYValue(0, 0));
        assertEquals(0.4, band.getEndYValue(0, 0), 1e-15);
        assertEquals(0.6, band.getStartYValue(0, 1), 1e-15);
        assertEquals(1.0, band.getEndYValue(0, 1), "0.9 + 0.3 = 1.2 stops at the highest weight, 1");
        assertEquals(0.1, band.getYValue(0, 0));
        assertTrue(f.chart().getXYPlot().getLegendItems().get(0).getLabel().contains("within their min and max"));
    }

    /**
     * Of 2,500 samples every third is drawn (834 points: 0, 3, ..., 2,499, the last among them), and
     * of 12 synapses the first 10, the other two never read; the eighth takes the second's colour dashed,
     * not the mean's.
     */
    @Test
    void aLongRecordingIsDrawnThinnedWithItsLastSample() {
        int n = 2_500;
        double[][] synapses = new double[12][];
        for (int k = 0; k < 12; k++) {
            synapses[k] = ramp(n, k);
        }
        Arrays samples = new Arrays(ramp(n, 0.1), ramp(n, 1e-3), ramp(n, 0), ramp(n, -1), ramp(n, 1), synapses);
        Figure f = WeightTrajectoryPlot.of(samples, "w", "t");
        XYPlot plot = f.chart().getXYPlot();
        assertEquals(834, plot.getDataset(0).getItemCount(0));
        assertEquals(249.9, plot.getDataset(0).getXValue(0, 833), 1e-9);
        assertEquals(10, plot.getDataset(1).getSeriesCount());
        assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), samples.synapsesRead, "only the synapses drawn are read");
        assertTrue(samples.samplesRead.stream().allMatch(s -> s % 3 == 0 || s == n - 1) && !samples.samplesRead
                .contains(1), "only the samples drawn are read (and the first and last, for the axis)");
        assertEquals("2500 samples, every 3rd drawn; lines for the first 10 of the 12 synapses listed",
                ((TextTitle) f.chart().getSubtitle(0)).getText());
        assertNotEquals(plot.getRenderer(0).getSeriesPaint(0), plot.getRenderer(1).getSeriesPaint(7));
        assertEquals(plot.getRenderer(1).getSeriesPaint(0), plot.getRenderer(1).getSeriesPaint(7));
        // The first seven lines solid, each in a colour of its own that is not the mean's; the rest dashed.
        Set<Object> colours = new HashSet<>();
        colours.add(((AbstractRenderer) plot.getRenderer(0)).lookupSeriesPaint(0));
        for (int k = 0; k < 10; k++) {
            float[] dashes = ((BasicStroke) plot.getRenderer(1).getSeriesStroke(k)).getDashArray();
            assertEquals(k >= 7, dashes != null, "line " + k + " dashed");
            if (k < 7) {
                assertTrue(colours.add(plot.getRenderer(1).getSeriesPaint(k)), "line " + k + " has a colour taken");
            }
        }
    }

    /**
     * How many samples a recording of {@code n} has drawn and how the subtitle says it: every
     * ceil(n / 1,000)th (counted by hand), as an English ordinal, the last sample always among them,
     * also where the stride steps over it (2,001 samples every 3rd: 0, 3, ..., 1,998 and then 2,000).
     */
    @ParameterizedTest(name = "{0} samples")
    @CsvSource(delimiter = '|', value = {
        "1000   | 1000 | 1000 samples",
        "1001   | 501  | 1001 samples, every 2nd drawn",
        "2001   | 668  | 2001 samples, every 3rd drawn",
        "3001   | 751  | 3001 samples, every 4th drawn",
        "10001  | 911  | 10001 samples, every 11th drawn",
        "11001  | 918  | 11001 samples, every 12th drawn",
        "12001  | 925  | 12001 samples, every 13th drawn",
        "20001  | 954  | 20001 samples, every 21st drawn",
        "21001  | 956  | 21001 samples, every 22nd drawn",
        "22001  | 958  | 22001 samples, every 23rd drawn",
        "100001 | 992  | 100001 samples, every 101st drawn",
        "110001 | 992  | 110001 samples, every 111th drawn",
        "111001 | 993  | 111001 samples, every 112th drawn"})
    void theStrideIsSaidAsAnOrdinalAndTheLastSampleIsDrawn(int n, int points, String subtitle) {
        Arrays samples = new Arrays(ramp(n, 0.5), ramp(n, 0), ramp(n, 0), ramp(n, 0), ramp(n, 0));
        Figure f = WeightTrajectoryPlot.of(samples, "w", "t");
        XYDataset band = f.chart().getXYPlot().getDataset(0);
        assertEquals(points, band.getItemCount(0));
        double endMs = 0.5 * (n - 1);
        double msPerUnit = endMs >= 10_000 ? 1000 : 1;   // the time axis counts in seconds from 10 s on
        assertEquals(endMs, band.getXValue(0, points - 1) * msPerUnit, 1e-9, "the last sample");
        assertEquals(subtitle, ((TextTitle) f.chart().getSubtitle(0)).getText());
    }

    /** Weights far from zero fill the height: the weight axis does not reach down to zero. */
    @Test
    void theWeightAxisSpansTheWeightsNotZero() {
        double[] t = {0, 10, 20};
        Figure f = WeightTrajectoryPlot.of(new Arrays(t, new double[] {5, 5.5, 6}, new double[] {0.1, 0.1, 0.1},
                new double[] {4.8, 5.3, 5.8}, new double[] {5.2, 5.7, 6.2}, new double[] {5, 6, 6.2}), "w", "t");
        double low = f.chart().getXYPlot().getRangeAxis().getLowerBound();
        assertTrue(low > 4 && low <= 4.9, "lower bound " + low);
    }
}
