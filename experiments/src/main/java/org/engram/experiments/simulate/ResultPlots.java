package org.engram.experiments.simulate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.engram.experiments.plot.DrawnFigure;
import org.engram.experiments.plot.Figure;
import org.engram.experiments.run.RunFolder;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.monitor.SpikeRecorder;

/**
 * Draws the plots of a run that ended into its folder: each recorded population's raster and rate, each
 * recorded projection's weights. The heap, holding the recordings, may have no room to draw them all; the
 * plots drawn are kept and the others are named.
 */
final class ResultPlots {
    private ResultPlots() {
    }

    /**
     * The plots a run could not draw.
     *
     * @param bases   their paths in the folder without extension, e.g. {@code plots/rate_a}
     * @param inWords what they are, in words: {@code the plots}, or {@code the plots other than ...} (those drawn)
     */
    record Undrawn(List<String> bases, String inWords) {
    }

    /**
     * Draws and writes the plots of a run that ended, listing in {@code files} those written. The figures keep
     * only what they draw; should the heap, holding the recordings, have no room to draw one, the figures drawn
     * before it stay and the rest are left out.
     *
     * @return null when every plot was drawn, else those that were not
     */
    static Undrawn draw(RunFolder folder, SimulationConfig c, TimeGrid grid, Recordings recorded,
                        List<String> files) {
        List<SpikeRecorder> spikes = recorded.spikes();
        List<String> drawn = new ArrayList<>();
        try {
            Map<String, Figure> figures = new LinkedHashMap<>();
            List<String> listed = new ArrayList<>();
            for (int k = 0; k < spikes.size(); k++) {
                String name = spikes.get(k).population().name();
                figures.putAll(SimulationPlots.figures(folder, spikes.get(k), recorded.rates().get(k),
                        c.record().fromMs(), c.durationMs()));
                listed.add(SimulationPlots.rasterPlot(name) + " and " + SimulationPlots.ratePlot(name)
                        + " (.png, .svg, .pdf)");
            }
            for (WeightSampler w : recorded.drawnWeights()) {
                String base = SimulationPlots.weightsPlot(w.projection().name());
                figures.put(base, SimulationPlots.weights(folder, w, grid));
                listed.add(base + " (.png, .svg, .pdf)");
            }
            DrawnFigure.drawEach(figures, c.threads(), (base, figure) -> {
                figure.write(folder, base);
                drawn.add(base);
            });
            files.addAll(listed);
            return null;
        } catch (OutOfMemoryError e) {
            for (String base : drawn) {
                files.add(base + " (.png, .svg, .pdf)");
            }
            List<String> bases = new ArrayList<>();
            for (SpikeRecorder r : spikes) {
                bases.addAll(List.of(SimulationPlots.rasterPlot(r.population().name()),
                        SimulationPlots.ratePlot(r.population().name())));
            }
            for (WeightSampler w : recorded.drawnWeights()) {
                bases.add(SimulationPlots.weightsPlot(w.projection().name()));
            }
            bases.removeAll(drawn);
            return new Undrawn(bases, drawn.isEmpty() ? "the plots"
                    : "the plots other than " + String.join(", ", drawn));
        }
    }
}
