package org.engram.simulator.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

/** The library example of the README compiles, runs, and is the text the README shows. */
class ReadmeExampleTest {

    @Test
    void readmeExampleRuns() {
        // README:library-example
        NetworkBuilder b = new NetworkBuilder(0.1).seed(42);            // dt = 0.1 ms
        LifDelta.Params lif = new LifDelta.Params(20, 250, 0, 20, 10, 2, 0);
        Population<?, ?> exc = b.population("exc", 800, LifDelta.MODEL, lif);
        Population<?, ?> inh = b.population("inh", 200, LifDelta.MODEL, lif);
        b.connect("exc->exc", exc, exc, Rules.fixedInDegree(80), Synapses.excitatory(0.2).delayMs(1.5));
        b.connect("exc->inh", exc, inh, Rules.fixedInDegree(80), Synapses.excitatory(0.2).delayMs(1.5));
        b.connect("inh->exc", inh, exc, Rules.fixedInDegree(20), Synapses.inhibitory(-1.0).delayMs(1.5));
        b.poissonInput(exc, 20_000, 0.1, Receptor.EXCITATORY);            // Hz, mV
        b.poissonInput(inh, 20_000, 0.1, Receptor.EXCITATORY);
        Network network = b.build();

        try (Engine engine = new Engine(network, EngineOptions.grid(2))) {   // 2 threads
            SpikeRecorder spikes = engine.recordSpikes(exc);
            engine.run(500.0);                                                // ms
            System.out.printf("%d spikes, first at %.1f ms by neuron %d%n",
                    spikes.count(), spikes.timesMs()[0], spikes.neurons()[0]);
        }
        // README:end
        assertTrue(exc.state().values("v").length == 800);
    }

    @Test
    void readmeShowsThisExample() throws IOException {
        Path self = Path.of("src/test/java/org/engram/simulator/readme/ReadmeExampleTest.java");
        String source = Files.readString(self);
        String marker = "// README:library-example\n";
        int from = source.indexOf(marker) + marker.length();
        int to = source.indexOf("        // README:end");
        String snippet = source.substring(from, to).stripTrailing().stripIndent().strip();
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(readme.contains(snippet), "README.md must contain the library example verbatim:\n" + snippet);
        assertEquals(-1, snippet.indexOf("README:"));
    }
}
