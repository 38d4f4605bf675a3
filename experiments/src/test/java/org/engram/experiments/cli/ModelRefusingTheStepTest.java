package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.engram.simulator.model.NeuronModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model of one's own that refuses the time step is reported at {@code dt_ms}, the key that sets
 * the step, with the model and the population that use it; a step it takes runs.
 */
class ModelRefusingTheStepTest {

    private static String config(double dtMs) {
        return String.join("\n",
                "name: fine",
                "duration_ms: 20",
                "dt_ms: " + dtMs,
                "populations:",
                "  - {name: exc, size: 10, model: lif_delta}",
                "  - {name: stiff, size: 10, model: fine_step_lif, params: {i_e: 1000}}",
                "");
    }

    /** Simulates with {@link FineStepLif} registered as a service, as {@code ENGRAM_CLASSPATH} would. */
    private static CliRunner.Result simulate(Path dir, double dtMs) throws IOException {
        return simulate(dir, dtMs, FineStepLif.class.getName());
    }

    /** Simulates with a services file that names {@code provider}. */
    private static CliRunner.Result simulate(Path dir, double dtMs, String provider) throws IOException {
        Path services = dir.resolve("services/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(NeuronModel.class.getName()), provider + "\n");
        Path config = dir.resolve("fine.yaml");
        Files.writeString(config, config(dtMs));
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("services").toUri().toURL()}, saved)) {
            thread.setContextClassLoader(loader);
            return CliRunner.run("simulate", config.toString(), "--out", dir.resolve("results").toString());
        } finally {
            thread.setContextClassLoader(saved);
        }
    }

    @Test
    void aRefusedStepIsBlamedOnDtMs(@TempDir Path dir) throws IOException {
        CliRunner.Result r = simulate(dir, 0.1);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("fine.yaml:3:1: dt_ms: expected a time step of at most 0.05 ms (fine_step_lif, "
                + "populations[1]), found 0.1"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertFalse(Files.exists(dir.resolve("results")) && Files.list(dir.resolve("results")).findAny().isPresent(),
                "nothing may be written");
    }

    /**
     * A services file naming a class that is not there is the class path's fault, said in its own
     * words; it came out as "populations[0].model: expected null, found null".
     */
    @Test
    void aBrokenServicesFileIsReportedAsItIs(@TempDir Path dir) throws IOException {
        CliRunner.Result r = simulate(dir, 0.1, "org.example.Nope");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("engram: error: cannot load a user neuron model: ")
                && r.err().contains("org.example.Nope not found"), r.err());
        assertFalse(r.err().contains("expected null"), r.err());
    }

    /** A model whose constructor throws, as one reading a settings file might. */
    public static final class FailingConstructorModel extends FineStepLif {
        /** Throws. */
        public FailingConstructorModel() {
            throw new IllegalStateException("boom");
        }
    }

    /** A model that cannot be made is named with the reason its constructor gave, which had been dropped. */
    @Test
    void aModelWhoseConstructorThrowsIsNamedWithTheReason(@TempDir Path dir) throws IOException {
        CliRunner.Result r = simulate(dir, 0.1, FailingConstructorModel.class.getName());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(FailingConstructorModel.class.getName()
                + " could not be instantiated: java.lang.IllegalStateException: boom"), r.err());
    }

    @Test
    void aStepTheModelTakesRuns(@TempDir Path dir) throws IOException {
        CliRunner.Result r = simulate(dir, 0.05);
        assertEquals(0, r.exitCode(), r.err());
    }
}
