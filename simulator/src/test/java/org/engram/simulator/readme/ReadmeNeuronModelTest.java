package org.engram.simulator.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.model.NeuronModels;
import org.engram.simulator.model.NeuronState;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The user-defined neuron model the README shows is a complete source file written against the
 * public SPI: compiled from the README text as it stands and registered as the README says, it is
 * found by name, runs on the engine and fires with the analytic period of the quadratic
 * integrate-and-fire neuron.
 */
class ReadmeNeuronModelTest {
    private static Class<?> qif;
    private static ClassLoader loader;

    @BeforeAll
    static void compileTheReadmeModel(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int at = readme.indexOf("public final class Qif");
        assertTrue(at > 0, "the README shows a class Qif");
        int start = readme.lastIndexOf("```java\n", at) + "```java\n".length();
        String source = readme.substring(start, readme.indexOf("```", at));
        Path file = dir.resolve("Qif.java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests run on a JDK");
        int status = javac.run(null, null, null, "-d", dir.toString(), "-cp", System.getProperty("java.class.path"),
                file.toString());
        assertEquals(0, status, "the README's Qif compiles as written");
        // Registered as the README says, so NeuronModels finds it by name.
        Path services = dir.resolve("META-INF/services/" + NeuronModel.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, "Qif\n");
        loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, ReadmeNeuronModelTest.class.getClassLoader());
        qif = loader.loadClass("Qif");
    }

    @Test
    void registeredAsAServiceItIsFoundByName() {
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            assertSame(qif, NeuronModels.byName("qif").getClass());
            List<String> names = NeuronModels.all().stream().map(NeuronModel::name).toList();
            assertEquals(List.of("lif_delta", "lif_exp", "lif_alpha", "lif_cond_exp", "adaptive_lif", "adex",
                    "adex_cond", "hh_alpha", "izhikevich", "spike_times", "poisson_source", "qif"), names);
        } finally {
            thread.setContextClassLoader(saved);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static double[] spikeTimes(double tau, double vReset, double vPeak, double iE, double durationMs)
            throws ReflectiveOperationException, IOException {
        NeuronModel model = (NeuronModel) qif.getConstructor().newInstance();
        Constructor<?> params = model.parametersType().getConstructor(double.class, double.class, double.class,
                double.class);
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("q", 1, (NeuronModel<Record, NeuronState>) model,
                (Record) params.newInstance(tau, vReset, vPeak, iE));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            SpikeRecorder spikes = e.recordSpikes(p);
            e.run(durationMs);
            return spikes.timesMs();
        }
    }

    /**
     * The README's {@code defaultsWith(Map.of("i_e", 2))} on Qif: its defaults (10, -10, 10, 1) as the
     * README writes them, with i_e (the component {@code iE}) 2; {@code v_peak} names {@code vPeak}.
     */
    @Test
    @SuppressWarnings("rawtypes")
    void itsParametersAreChangedByTheirConfigNames() throws Exception {
        NeuronModel model = (NeuronModel) qif.getConstructor().newInstance();
        Constructor<?> params = model.parametersType().getConstructor(double.class, double.class, double.class,
                double.class);
        assertTrue(Files.readString(Path.of("../README.md")).contains("`new Qif().defaultsWith(Map.of(\"i_e\", 2))`"));
        assertEquals(params.newInstance(10, -10, 10, 2), model.defaultsWith(Map.of("i_e", 2)));
        assertEquals(params.newInstance(10, -10, 20, 1), model.defaultsWith(Map.of("v_peak", 20)));
    }

    /**
     * Integrating dt = tau dv / (v^2 + I) from v_reset to v_peak gives
     * T = tau / sqrt(I) (atan(v_peak / sqrt(I)) - atan(v_reset / sqrt(I))); the kernel is exact, so
     * each interval is T rounded up to the grid: in [T, T + dt]. With v_reset = -1e12 and an
     * infinite peak, T = pi tau / sqrt(I) less the tau / 1e12 not spent below -1e12.
     */
    @ParameterizedTest
    @CsvSource({"10, -10, 10, 0.5", "10, -1e12, Infinity, 2"})
    void firesWithTheAnalyticPeriod(double tau, double vReset, double vPeak, double iE) throws Exception {
        double r = Math.sqrt(iE);
        double period = tau / r * (Math.atan(vPeak / r) - Math.atan(vReset / r));
        double[] t = spikeTimes(tau, vReset, vPeak, iE, 500);
        assertTrue(t.length > 10, "expected regular firing, got " + t.length + " spikes");
        for (int k = 1; k < t.length; k++) {
            double isi = t[k] - t[k - 1];
            assertTrue(isi >= period - 1e-9 && isi <= period + 0.1 + 1e-9, "interval " + isi + ", analytic " + period);
        }
    }
}
