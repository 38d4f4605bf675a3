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
 * Models of one's own found on the class path: one that refuses the time step is reported at
 * {@code dt_ms}, the key that sets the step, with the model and the population that use it (a step
 * it takes runs); one that cannot be loaded, or takes another's name, is reported where it matters
 * and leaves the other models usable.
 */
class UserNeuronModelTest {

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

    /** Simulates with a services file that names {@code providers}. */
    private static CliRunner.Result simulate(Path dir, double dtMs, String... providers) throws IOException {
        Path config = dir.resolve("fine.yaml");
        Files.writeString(config, config(dtMs));
        return withServices(dir, providers, "simulate", config.toString(), "--out", dir.resolve("results").toString());
    }

    /** Runs a command with a services file that names {@code providers} on the class path. */
    private static CliRunner.Result withServices(Path dir, String[] providers, String... args) throws IOException {
        Path services = dir.resolve("services/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(NeuronModel.class.getName()), String.join("\n", providers) + "\n");
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("services").toUri().toURL()}, saved)) {
            thread.setContextClassLoader(loader);
            return CliRunner.run(args);
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
     * words where a model is missing; it came out as "populations[0].model: expected null, found null".
     */
    @Test
    void aBrokenServicesFileIsReportedAsItIs(@TempDir Path dir) throws IOException {
        CliRunner.Result r = simulate(dir, 0.1, "org.example.Nope");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("populations[1].model: expected one of [lif_delta, ")
                && r.err().contains("found fine_step_lif; some user models could not be loaded: ")
                && r.err().contains("org.example.Nope not found"), r.err());
        assertFalse(r.err().contains("expected null"), r.err());
    }

    /**
     * A broken model of one library leaves the others usable: the services file names a missing
     * class, a model whose constructor throws, and the working model, whose network runs; every
     * model that fails had stopped every lookup, of built-in models too. {@code engram list} lists
     * the models that load and warns of the two that do not, on standard error.
     */
    @Test
    void aBrokenModelLeavesTheOthersUsable(@TempDir Path dir) throws IOException {
        String[] providers = {"org.example.Nope", FailingConstructorModel.class.getName(),
                FineStepLif.class.getName()};
        assertEquals(0, simulate(dir, 0.05, providers).exitCode());
        CliRunner.Result list = withServices(dir, providers, "list");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("\n  fine_step_lif "), list.out());
        assertTrue(list.err().contains("engram: warning: user neuron model left out: ")
                && list.err().contains("org.example.Nope not found")
                && list.err().contains("java.lang.IllegalStateException: boom"), list.err());
    }

    /** A model whose constructor throws, as one reading a settings file might. */
    public static final class FailingConstructorModel extends FineStepLif {
        /** Throws. */
        public FailingConstructorModel() {
            throw new IllegalStateException("boom");
        }
    }

    /** A model that takes the name of a built-in one. */
    public static final class ClashingModel extends FineStepLif {
        @Override
        public String name() {
            return "lif_delta";
        }
    }

    /** Two models with one name: a network that names it is refused, naming the two classes. */
    @Test
    void aNameTwoModelsClaimIsRefusedWhereUsed(@TempDir Path dir) throws IOException {
        CliRunner.Result r = simulate(dir, 0.05, FineStepLif.class.getName(), ClashingModel.class.getName());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("populations[0].model: expected a name only one model has, found lif_delta; "
                + org.engram.simulator.model.LifDelta.MODEL.getClass().getName() + " and "
                + ClashingModel.class.getName() + " are both named 'lif_delta': take one off the class path"),
                r.err());
        CliRunner.Result list = withServices(dir, new String[] {ClashingModel.class.getName()}, "list");
        assertTrue(list.err().contains("the model " + ClashingModel.class.getName() + " reuses the name 'lif_delta'"),
                list.err());
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
