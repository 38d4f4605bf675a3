package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.engram.simulator.model.NeuronModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's neuron model of one's own, {@code Qif}, compiled from the README and registered as it says
 * ({@code ENGRAM_CLASSPATH} with a services file), runs the whole {@code qif.yaml} the README spells out in
 * its prose and gives the spikes the README says, which the analytic period of the quadratic
 * integrate-and-fire neuron predicts.
 */
class ReadmeUserModelConfigTest {

    /**
     * With the README's defaults (tau 10, v_reset -10, v_peak 10) and i_e 2, integrating
     * dt = tau dv / (v^2 + I) from v_reset to v_peak gives T = tau / sqrt(I) (atan(v_peak / sqrt(I)) -
     * atan(v_reset / sqrt(I))) = 20.23 ms; the exact kernel fires at the first step end past it, every
     * 20.3 ms from v_reset, the initial value: 9 spikes per neuron in 200 ms.
     */
    @Test
    void theReadmesQifConfigFiresWithTheAnalyticPeriod(@TempDir Path dir) throws Exception {
        Path classes = Files.createDirectories(dir.resolve("mymodels"));
        Path source = dir.resolve("Qif.java");
        Files.writeString(source, ReadmeBlocks.block("java", "public final class Qif"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests run on a JDK");
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), source.toString()), "the README's Qif compiles as written");
        List<String> lines = ReadmeBlocks.spansAfter("a whole `qif.yaml` of three lines:", 3);
        Path config = dir.resolve("qif.yaml");
        Files.writeString(config, String.join("\n", lines) + "\n");
        CliRunner.Result r = CliRunner.withServices(dir, NeuronModel.class, List.of("Qif"), List.of(classes),
                () -> CliRunner.run("simulate", config.toString(), "--out", dir.resolve("results").toString()));
        assertEquals(0, r.exitCode(), r.err());

        double rootI = Math.sqrt(2);
        double periodMs = 10 / rootI * (Math.atan(10 / rootI) - Math.atan(-10 / rootI));
        double gridPeriodMs = Math.ceil(periodMs / 0.1) * 0.1;
        int perNeuron = (int) Math.floor(200 / gridPeriodMs);
        List<String> spikes = Files.readAllLines(Path.of(r.lastLine()).resolve("spikes_q.csv"));
        Map<Integer, Integer> counts = new HashMap<>();
        for (String line : spikes.subList(1, spikes.size())) {
            counts.merge(Integer.parseInt(line.split(",")[1]), 1, Integer::sum);
        }
        assertEquals(100, counts.size(), "every neuron fires");
        assertTrue(counts.values().stream().allMatch(n -> n == perNeuron), counts.toString());
        assertEquals(gridPeriodMs, Double.parseDouble(spikes.get(1).split(",")[0]), 1e-9, "the first spike");
        String readme = Files.readString(Path.of("../README.md")).replaceAll("\\s+", " ");
        assertTrue(readme.contains("whose summary counts " + 100 * perNeuron + " spikes: each neuron fires every "
                + String.format(Locale.ROOT, "%.1f ms, the period of %.2f ms", gridPeriodMs, periodMs)),
                "the README's sentence on its qif.yaml");
    }
}
