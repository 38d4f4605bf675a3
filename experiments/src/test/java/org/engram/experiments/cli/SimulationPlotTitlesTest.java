package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a simulation's figures say of themselves, read from their SVG text: whose spikes, rate or weights they
 * show, which neurons of a population a raster leaves out, which synapse a weight line is, and the simulation
 * and run they come from.
 */
class SimulationPlotTitlesTest {
    /**
     * 150 neurons of each population are recorded: the raster of big (250) shows neurons 0-149 and says so, those
     * of the populations of 2 show every neuron and say nothing; the rate counts every neuron. The explicit rule
     * makes synapse 0 join source 0 to target 1 and synapse 1 source 1 to target 0, so the listed synapse 1 is
     * drawn as 1->0.
     */
    @Test
    void eachFigureNamesWhatItShowsAndWhereItComesFrom(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plot.yaml"), "name: plot\n" + SpikeSourcesConfig.POPULATIONS + """
                  - {name: big, size: 250, model: lif_delta}
                projections:
                  - {source: pre, target: post, rule: {type: explicit, sources: [0, 1], targets: [1, 0]}, weight: 0.5,
                     plasticity: {type: pair_stdp, a_plus: 0.01, a_minus: 0.01, tau_plus: 20, tau_minus: 20, w_max: 1}}
                record:
                  spike_neurons: 150
                  weights: [{projection: pre->post, synapses: [1]}]
                """);
        CliRunner.Result r = CliRunner.run("simulate", file.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, r.exitCode(), r.err());
        Path plots = Path.of(r.lastLine()).resolve("plots");
        String source = " (Engram simulation " + plots.getParent().getFileName() + " of plot)";
        assertTrue(svg(plots, "raster_big").contains(">Spikes of big (neurons 0-149 of 250)" + source),
                svg(plots, "raster_big"));
        assertTrue(svg(plots, "raster_pre").contains(">Spikes of pre" + source), svg(plots, "raster_pre"));
        assertTrue(svg(plots, "rate_big").contains(">Population rate of big" + source + ". 250 neurons"),
                svg(plots, "rate_big"));
        String weights = svg(plots, "weights_pre_to_post");
        assertTrue(weights.contains(">Weights of pre-&gt;post (2 synapses)" + source), weights);
        assertTrue(weights.contains(">synapse 1 (1-&gt;0)<"), weights);
    }

    private static String svg(Path plots, String figure) throws IOException {
        return Files.readString(plots.resolve(figure + ".svg"));
    }
}
