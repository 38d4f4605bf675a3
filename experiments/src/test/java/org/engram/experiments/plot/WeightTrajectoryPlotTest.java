package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

class WeightTrajectoryPlotTest {
    private static double[] ramp(int n, double scale) {
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = k * scale;
        }
        return x;
    }

    @Test
    void rejectsFewerThanTwoSamplesAndSeriesOfAnotherLength() {
        assertThrows(IllegalArgumentException.class, () -> WeightTrajectoryPlot.of(new double[] {0}, new double[] {1},
                new double[] {0}, List.of(), "w", "t"));
        assertThrows(IllegalArgumentException.class, () -> WeightTrajectoryPlot.of(ramp(3, 1), ramp(3, 1), ramp(2, 1),
                List.of(), "w", "t"));
        assertThrows(IllegalArgumentException.class, () -> WeightTrajectoryPlot.of(ramp(3, 1), ramp(3, 1), ramp(3, 1),
                List.of(new WeightTrajectoryPlot.Synapse("s", ramp(4, 1))), "w", "t"));
    }

    /** The band spans the mean plus and minus the sd at each sample; each synapse is drawn as given. */
    @Test
    void theBandIsTheMeanPlusAndMinusTheSd() {
        double[] t = {0, 10, 20};
        double[] mean = {0.5, 0.4, 0.3};
        double[] sd = {0, 0.1, 0.2};
        Figure f = WeightTrajectoryPlot.of(t, mean, sd, List.of(new WeightTrajectoryPlot.Synapse("synapse 3 (1->2)",
                new double[] {0.5, 0.6, 0.7})), "weight (mV)", "t");
        XYPlot plot = f.chart().getXYPlot();
        IntervalXYDataset band = (IntervalXYDataset) plot.getDataset(0);
        for (int s = 0; s < 3; s++) {
            assertEquals(t[s], band.getXValue(0, s));
            assertEquals(mean[s], band.getYValue(0, s));
            assertEquals(mean[s] - sd[s], band.getStartYValue(0, s), 1e-15);
            assertEquals(mean[s] + sd[s], band.getEndYValue(0, s), 1e-15);
        }
        XYDataset lines = plot.getDataset(1);
        assertEquals("synapse 3 (1->2)", lines.getSeriesKey(0));
        assertEquals(0.7, lines.getYValue(0, 2));
        assertEquals("3 samples", ((TextTitle) f.chart().getSubtitle(0)).getText());
    }

    /**
     * Of 2,500 samples every third is drawn (834 points: 0, 3, ..., 2,499, the last among them), and
     * of 12 synapses the first 10; the eighth takes the second's colour dashed, not the mean's.
     */
    @Test
    void aLongRecordingIsDrawnThinnedWithItsLastSample() {
        int n = 2_500;
        List<WeightTrajectoryPlot.Synapse> synapses = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            synapses.add(new WeightTrajectoryPlot.Synapse("synapse " + k, ramp(n, k)));
        }
        Figure f = WeightTrajectoryPlot.of(ramp(n, 0.1), ramp(n, 1e-3), ramp(n, 0), synapses, "w", "t");
        XYPlot plot = f.chart().getXYPlot();
        assertEquals(834, plot.getDataset(0).getItemCount(0));
        assertEquals(249.9, plot.getDataset(0).getXValue(0, 833), 1e-9);
        assertEquals(10, plot.getDataset(1).getSeriesCount());
        assertEquals("2500 samples, every 3rd drawn; lines for the first 10 of the 12 synapses listed",
                ((TextTitle) f.chart().getSubtitle(0)).getText());
        assertNotEquals(plot.getRenderer(0).getSeriesPaint(0), plot.getRenderer(1).getSeriesPaint(7));
        assertEquals(plot.getRenderer(1).getSeriesPaint(0), plot.getRenderer(1).getSeriesPaint(7));
        assertNotEquals(plot.getRenderer(1).getSeriesStroke(0), plot.getRenderer(1).getSeriesStroke(7));
    }
}
