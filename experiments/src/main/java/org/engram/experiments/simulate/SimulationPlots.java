package org.engram.experiments.simulate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.engram.experiments.plot.Figure;
import org.engram.experiments.plot.PopulationRatePlot;
import org.engram.experiments.plot.SpikeRasterPlot;
import org.engram.experiments.plot.WeightTrajectoryPlot;
import org.engram.experiments.run.RunFolder;
import org.engram.simulator.Plural;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.monitor.RateMonitor;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.Projection;

/** A simulation's plots: each population's spike raster and population rate, and each recorded projection's weights. */
final class SimulationPlots {

    /** A raster shows at most this many neurons (the first ones), so single spikes stay visible. */
    private static final int RASTER_NEURONS = 200;

    private SimulationPlots() {
    }

    /**
     * The raster of a population's recorded spikes (its first neurons, and the end of a long run) and
     * its population rate, by their paths in the run folder without extension
     * ({@code plots/raster_<population>}, {@code plots/rate_<population>}). The figures read the recordings
     * in place and keep only what they draw: a copy of recordings that filled half the heap failed after the run.
     */
    static Map<String, Figure> figures(RunFolder folder, SpikeRecorder spikes, RateMonitor rate,
                                       double recordedFromMs, double durationMs) {
        String name = spikes.population().name();
        int n = spikes.population().size();
        // The recorded neurons are the first ones (record.spike_neurons), or every one.
        int shown = Math.min(spikes.recordedNeuronCount(), RASTER_NEURONS);
        SpikeRasterPlot.Spikes train = new SpikeRasterPlot.Spikes() {
            @Override
            public int count() {
                return spikes.count();
            }

            @Override
            public double timeMs(int k) {
                return spikes.timeMs(k);
            }

            @Override
            public int neuron(int k) {
                return spikes.neuron(k);
            }
        };
        // A long run's raster shows its end: drawn whole, its dots merged into lines in files of hundreds of MB.
        double fromMs = Math.max(recordedFromMs, SpikeRasterPlot.windowStartMs(train, shown, durationMs));
        String which = shown < n ? " (neurons 0-" + (shown - 1) + " of " + n + ")" : "";
        String source = dataSource(folder);
        Map<String, Figure> figures = new LinkedHashMap<>();
        figures.put(rasterPlot(name), SpikeRasterPlot.of(train, shown, fromMs, durationMs,
                "Spikes of " + name + which).from(source));
        figures.put(ratePlot(name), PopulationRatePlot.of(rate.binCount(), rate::rateHz, n, recordedFromMs,
                durationMs, rate.binMs(), "Population rate of " + name).from(source));
        return figures;
    }

    /**
     * The figure of a projection's sampled weights: their mean and standard deviation over time (the band
     * within the lowest and highest weight), and the first listed synapses', each named by its index and its
     * source and target neurons. The figure reads the samples in place and copies only what it draws.
     *
     * @param folder  the run folder, for the figure's data source
     * @param weights the samples, at least two, of a projection with synapses
     * @param grid    the run's time grid
     * @return the figure
     */
    static Figure weights(RunFolder folder, WeightSampler weights, TimeGrid grid) {
        Projection p = weights.projection();
        int[] listed = weights.synapses();
        WeightTrajectoryPlot.Samples samples = new WeightTrajectoryPlot.Samples() {
            @Override
            public int count() {
                return weights.count();
            }

            @Override
            public double timeMs(int s) {
                return grid.timeMs(weights.step(s));
            }

            @Override
            public double mean(int s) {
                return weights.mean(s);
            }

            @Override
            public double sd(int s) {
                return weights.sd(s);
            }

            @Override
            public double min(int s) {
                return weights.min(s);
            }

            @Override
            public double max(int s) {
                return weights.max(s);
            }

            @Override
            public int synapseCount() {
                return listed.length;
            }

            @Override
            public String label(int k) {
                return "synapse " + listed[k] + " (" + ListedSynapses.sourceOf(p, listed[k]) + "->"
                        + p.target(listed[k]) + ")";
            }

            @Override
            public double weight(int k, int s) {
                return weights.weight(k, s);
            }
        };
        return WeightTrajectoryPlot.of(samples, "weight (" + weightUnit(p) + ")",
                "Weights of " + p.name() + " (" + Plural.count(p.synapseCount(), "synapse") + ")")
                .from(dataSource(folder));
    }

    /** {@return the path of a population's raster in the run folder, without extension} */
    static String rasterPlot(String population) {
        return "plots/raster_" + population;
    }

    /** {@return the path of a population's rate plot in the run folder, without extension} */
    static String ratePlot(String population) {
        return "plots/rate_" + population;
    }

    /** {@return the path of a projection's weight plot in the run folder, without extension} */
    static String weightsPlot(String projection) {
        return "plots/weights_" + ResultFileNames.fileNamePart(projection);
    }

    /** The unit of the projection's weights: its target model's, or words that name the model's. */
    private static String weightUnit(Projection p) {
        String unit = p.target().model().weightUnit();
        return unit != null ? unit : p.target().model().name() + "'s weight unit";
    }

    /** Where a simulation's figures come from: its folder's parent is named after it (results/<name>/<run id>). */
    private static String dataSource(RunFolder folder) {
        return "Engram simulation " + folder.runId() + " of " + folder.directory().getParent().getFileName();
    }
}
