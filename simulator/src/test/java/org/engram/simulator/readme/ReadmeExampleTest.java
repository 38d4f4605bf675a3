package org.engram.simulator.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /**
     * The example prints what the README says it prints, a rate in the range of Brunel's
     * asynchronous irregular states (it had printed a network whose excitatory neurons fell silent
     * after 50 ms, as no inhibition reached the inhibitory ones).
     */
    @Test
    void readmeExampleRunsAndPrintsWhatTheReadmeSays() throws IOException {
        PrintStream standardOut = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            example();
        } finally {
            System.setOut(standardOut);
        }
        String line = printed.toString(StandardCharsets.UTF_8).strip();
        Matcher m = Pattern.compile("(\\d+) spikes, ([0-9.]+) Hz per neuron").matcher(line);
        assertTrue(m.matches(), line);
        double rateHz = Double.parseDouble(m.group(2));
        assertEquals(Integer.parseInt(m.group(1)) / 400.0, rateHz, 0.05);
        assertTrue(rateHz > 5 && rateHz < 60, line);
        assertTrue(Files.readString(Path.of("../README.md")).contains("It prints `" + line + "`"), line);
    }

    private static void example() {
        // README:library-example
        NetworkBuilder b = new NetworkBuilder(0.1).seed(42);            // dt = 0.1 ms
        // tau_m 20 ms, C_m 250 pF, E_L 0 mV, V_th 20 mV, V_reset 10 mV, t_ref 2 ms, I_e 0 pA
        LifDelta.Params lif = new LifDelta.Params(20, 250, 0, 20, 10, 2, 0);
        Population<?, ?> exc = b.population("exc", 800, LifDelta.MODEL, lif);
        Population<?, ?> inh = b.population("inh", 200, LifDelta.MODEL, lif);
        Synapses excitatory = Synapses.excitatory(0.2).delayMs(1.5);      // mV, ms
        Synapses inhibitory = Synapses.inhibitory(-1.0).delayMs(1.5);     // g = 5 times as strong
        b.connect("exc->exc", exc, exc, Rules.fixedInDegree(80), excitatory);
        b.connect("exc->inh", exc, inh, Rules.fixedInDegree(80), excitatory);
        b.connect("inh->exc", inh, exc, Rules.fixedInDegree(20), inhibitory);
        b.connect("inh->inh", inh, inh, Rules.fixedInDegree(20), inhibitory);
        b.poissonInput(exc, 6_000, 0.2, Receptor.EXCITATORY);             // Hz, mV
        b.poissonInput(inh, 6_000, 0.2, Receptor.EXCITATORY);
        Network network = b.build();

        try (Engine engine = new Engine(network, EngineOptions.grid(2))) {   // 2 threads
            SpikeRecorder spikes = engine.recordSpikes(exc);
            engine.run(500.0);                                                // ms
            System.out.printf(Locale.ROOT, "%d spikes, %.1f Hz per neuron%n", spikes.count(),
                    spikes.count() / (exc.size() * 0.5));
        }
        // README:end
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
