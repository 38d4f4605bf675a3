package org.engram.experiments.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.engram.experiments.plot.Figure;
import org.engram.experiments.run.RunFolder;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.monitor.RateMonitor;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a simulation's figures draw, read from their charts' data and compared with the recordings set by hand. */
class SimulationPlotsTest {
    private static RunFolder folder(Path dir) {
        return RunFolder.create(dir, "sim", "run-1");
    }

    /**
     * Of three spike sources (0 at 1 ms, 1 at 2 and 3 ms, 2 never) the first two are recorded: the raster draws
     * their three spikes and says which neurons it shows; the rate counts all three neurons, in bins of 2 ms:
     * 2 spikes / 3 neurons / 2 ms = 333.3 Hz, then 1 spike: 166.7 Hz.
     */
    @Test
    void theRasterAndRateDrawTheRecordedSpikes(@TempDir Path dir) {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> s = b.population("s", 3, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{1.0}, {2.0, 3.0}, {}}));
        SpikeRecorder spikes;
        RateMonitor rate;
        try (Engine engine = new Engine(b.build(), EngineOptions.grid(1))) {
            spikes = engine.recordSpikes(s, new int[] {0, 1});
            rate = engine.recordRate(s, 2);
            engine.run(4);
        }
        Map<String, Figure> figures = SimulationPlots.figures(folder(dir), spikes, rate, 0, 4);
        assertEquals(List.of("plots/raster_s", "plots/rate_s"), List.copyOf(figures.keySet()));
        Figure raster = figures.get("plots/raster_s");
        assertEquals("Spikes of s (neurons 0-1 of 3)", raster.chart().getTitle().getText());
        XYDataset dots = raster.chart().getXYPlot().getDataset();
        assertEquals(3, dots.getItemCount(0));
        double[][] expected = {{1.0, 0}, {2.0, 1}, {3.0, 1}};
        for (int k = 0; k < 3; k++) {
            assertEquals(expected[k][0], dots.getXValue(0, k), 1e-9);
            assertEquals(expected[k][1], dots.getYValue(0, k));
        }
        XYDataset rates = figures.get("plots/rate_s").chart().getXYPlot().getDataset();
        assertEquals(2000.0 / 6, rates.getYValue(0, 0), 1e-9);
        assertEquals(1000.0 / 6, rates.getYValue(0, 1), 1e-9);
        assertEquals("Population rate of s", figures.get("plots/rate_s").chart().getTitle().getText());
    }

    /**
     * Two samples of four synapses' weights: at 0 ms {1, 1, 1, 9} (mean 3, sd sqrt(48 / 4), its band clipped
     * below at the lowest weight, 1), at 1 ms all 4. The band is the mean within one sd, the line of listed
     * synapse 3 its weight, named by its source and target (all to all from a pair: synapse 3 joins 1 to 1).
     */
    @Test
    void theWeightFigureDrawsTheSamples(@TempDir Path dir) {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> a = b.population("a", 2, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("a->a", a, a, Rules.allToAll(), Synapses.excitatory(0.1).asPlastic());
        Projection p = b.build().projection("a->a");
        WeightSampler sampler = new WeightSampler(p, new int[] {3}, 10, 10);
        System.arraycopy(new float[] {1, 1, 1, 9}, 0, p.weights(), 0, 4);
        sampler.sampleIfDue(0);
        System.arraycopy(new float[] {4, 4, 4, 4}, 0, p.weights(), 0, 4);
        sampler.sampleIfDue(10);
        Figure figure = SimulationPlots.weights(folder(dir), sampler, new TimeGrid(0.1));
        assertEquals("Weights of a->a (4 synapses)", figure.chart().getTitle().getText());
        XYPlot plot = figure.chart().getXYPlot();
        assertEquals("weight (mV)", plot.getRangeAxis().getLabel());
        IntervalXYDataset band = (IntervalXYDataset) plot.getDataset(0);
        double sd = Math.sqrt(48 / 4.0);
        assertEquals(2, band.getItemCount(0));
        assertEquals(1.0, band.getXValue(0, 1), 1e-9);
        assertEquals(3.0, band.getYValue(0, 0), 1e-6);
        assertEquals(1.0, band.getStartYValue(0, 0), 1e-6);   // 3 - sd is below 1
        assertEquals(3 + sd, band.getEndYValue(0, 0), 1e-6);   // within the highest, 9
        assertEquals(4.0, band.getStartYValue(0, 1), 1e-6);
        XYDataset lines = plot.getDataset(1);
        assertEquals("synapse 3 (1->1)", lines.getSeriesKey(0));
        assertEquals(9.0, lines.getYValue(0, 0));
        assertEquals(4.0, lines.getYValue(0, 1));
    }
}
