package org.engram.experiments.simulate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.engram.experiments.plot.Figure;
import org.engram.experiments.plot.PopulationRatePlot;
import org.engram.experiments.plot.SpikeRasterPlot;
import org.engram.experiments.run.RunFolder;
import org.engram.simulator.monitor.RateMonitor;
import org.engram.simulator.monitor.SpikeRecorder;

/** A simulation's plots of one population: its spike raster and population rate. */
final class SimulationPlots {

    /** A raster shows at most this many neurons (the first ones), so single spikes stay visible. */
    private static final int RASTER_NEURONS = 200;

    private SimulationPlots() {
    }

    /**
     * The raster of a population's recorded spikes (its first neurons, and the end of a long run) and
     * its population rate, by their paths in the run folder without extension
     * ({@code plots/raster_<population>}, {@code plots/rate_<population>}).
     */
    static Map<String, Figure> figures(RunFolder folder, SpikeRecorder spikes, RateMonitor rate,
                                       double recordedFromMs, double durationMs) {
        String name = spikes.population().name();
        int n = spikes.population().size();
        // The recorded neurons are the first ones (record.spike_neurons), or every one.
        int shown = Math.min(spikes.recordedNeuronCount(), RASTER_NEURONS);
        double[] allTimes = spikes.timesMs();
        int[] allNeurons = spikes.neurons();
        int count = 0;
        for (int neuron : allNeurons) {
            count += neuron < shown ? 1 : 0;
        }
        double[] times = new double[count];
        int[] neurons = new int[count];
        for (int k = 0, j = 0; k < allNeurons.length; k++) {
            if (allNeurons[k] < shown) {
                times[j] = allTimes[k];
                neurons[j++] = allNeurons[k];
            }
        }
        // A long run's raster shows its end: drawn whole, its dots merged into lines in files of hundreds of MB.
        double fromMs = Math.max(recordedFromMs, SpikeRasterPlot.windowStartMs(times, shown, durationMs));
        int first = 0;
        while (first < count && times[first] < fromMs) {
            first++;
        }
        String which = shown < n ? " (neurons 0-" + (shown - 1) + " of " + n + ")" : "";
        // The folder's parent is named after the simulation (results/<name>/<run id>).
        String source = "Engram simulation " + folder.runId() + " of " + folder.directory().getParent().getFileName();
        Map<String, Figure> figures = new LinkedHashMap<>();
        figures.put("plots/raster_" + name, SpikeRasterPlot.of(Arrays.copyOfRange(times, first, count),
                Arrays.copyOfRange(neurons, first, count), shown, fromMs, durationMs, "Spikes of " + name + which)
                .from(source));
        figures.put("plots/rate_" + name, PopulationRatePlot.of(rate.ratesHz(), n, recordedFromMs, durationMs,
                rate.binMs(), "Population rate of " + name).from(source));
        return figures;
    }
}
