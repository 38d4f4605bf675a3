package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.model.HodgkinHuxley;
import org.engram.simulator.model.Kernel;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.model.NeuronModels;
import org.engram.simulator.model.SpikeSink;
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

    /** Simulates {@link #config}'s network at 0.05 ms with the population {@code stiff} of a model of one's own. */
    private static CliRunner.Result simulateInStiff(Path dir, Class<?> model, String name) throws IOException {
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, config(0.05).replace("fine_step_lif", name));
        return withServices(dir, new String[] {model.getName()}, "simulate", config.toString(), "--out",
                dir.resolve("results").toString());
    }

    /** The {@code engram: error:} line and the frame lines (indented by a tab) on standard error. */
    private static List<String> errorAndFrames(CliRunner.Result r) {
        return r.err().lines().filter(l -> l.startsWith("engram: error:") || l.startsWith("\t")).toList();
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

    /** A second user model named as {@link FineStepLif}. */
    public static final class TwinModel extends FineStepLif {
    }

    /** A model whose name a config could not write. */
    public static final class DashedModel extends FineStepLif {
        @Override
        public String name() {
            return "My-LIF";
        }
    }

    /**
     * A user model that reuses a built-in's name is left out, and the built-in runs: every config
     * that names the built-in had been refused because of one stray class. {@code engram list}
     * warns of it, and so does, once, a simulation that uses the name, or its {@code --print-config}.
     */
    @Test
    void aBuiltInKeepsItsNameAndTheClassThatReusesItIsLeftOut(@TempDir Path dir) throws IOException {
        String leftOut = "the user neuron model " + ClashingModel.class.getName() + " reuses the name 'lif_delta' of"
                + " the built-in " + LifDelta.class.getName() + " and is left out (the built-in keeps its name):"
                + " rename it";
        CliRunner.Result r = simulate(dir, 0.05, FineStepLif.class.getName(), ClashingModel.class.getName());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(1, r.err().split(Pattern.quote("engram: warning: " + leftOut), -1).length - 1, r.err());
        CliRunner.Result printed = withServices(dir, new String[] {FineStepLif.class.getName(),
                ClashingModel.class.getName()}, "simulate", dir.resolve("fine.yaml").toString(), "--print-config");
        assertEquals(0, printed.exitCode(), printed.err());
        assertEquals(1, printed.err().split(Pattern.quote("engram: warning: " + leftOut), -1).length - 1,
                printed.err());
        assertFalse(printed.out().contains("warning"), "the config alone goes to standard output: " + printed.out());
        CliRunner.Result list = withServices(dir, new String[] {ClashingModel.class.getName()}, "list");
        assertTrue(list.err().contains("engram: warning: user neuron model left out: " + leftOut), list.err());
        String models = list.out().substring(0, list.out().indexOf("Learning rules"));
        assertEquals(1, models.split("\n  lif_delta ", -1).length - 1, models);
        withLoader(dir, new String[] {ClashingModel.class.getName()}, () -> {
            assertSame(LifDelta.MODEL, NeuronModels.byName("lif_delta"));
            assertTrue(NeuronModels.all().stream().noneMatch(m -> m instanceof ClashingModel));
            assertEquals(List.of(leftOut), NeuronModels.problems());
        });
    }

    /**
     * Two user models with one name: neither is used, whichever the class path gives first; a config
     * that names it is refused naming both, and {@code engram list} and {@code NeuronModels} agree.
     */
    @Test
    void aNameTwoUserModelsClaimIsUsedByNeither(@TempDir Path dir) throws IOException {
        String[] twins = {FineStepLif.class.getName(), TwinModel.class.getName()};
        String shared = "the user neuron models " + twins[0] + " and " + twins[1] + " are both named"
                + " 'fine_step_lif', so none is used: give each a name of its own, or keep one of them on the class"
                + " path";
        CliRunner.Result r = simulate(dir, 0.05, twins);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("populations[1].model: expected a name only one model has, found fine_step_lif; "
                + shared), r.err());
        CliRunner.Result list = withServices(dir, twins, "list");
        assertFalse(list.out().contains("fine_step_lif"), list.out());
        assertTrue(list.err().contains("engram: warning: user neuron model left out: " + shared), list.err());
        withLoader(dir, twins, () -> {
            ParameterException e = assertThrows(ParameterException.class, () -> NeuronModels.byName("fine_step_lif"));
            assertEquals(shared, e.hint());
            assertTrue(NeuronModels.all().stream().noneMatch(m -> m instanceof FineStepLif));
            assertEquals(List.of(shared), NeuronModels.problems());
        });
    }

    /** A model's name must be one a config can write, as a rule's must: snake_case. */
    @Test
    void aNameAConfigCannotWriteIsRefusedNamingTheClass(@TempDir Path dir) throws IOException {
        CliRunner.Result list = withServices(dir, new String[] {DashedModel.class.getName()}, "list");
        assertTrue(list.err().contains("engram: warning: user neuron model left out: " + DashedModel.class.getName()
                + ": name(): expected a snake_case name (a-z, 0-9, _), found My-LIF"), list.err());
        assertFalse(list.out().contains("My-LIF"), list.out());
    }

    /** A model whose kernel throws at step 3, from a method of its own that the kernel calls. */
    public static final class ThrowingKernelModel extends FineStepLif {
        @Override
        public String name() {
            return "throwing_lif";
        }

        @Override
        public Kernel<LifDelta.State> prepare(LifDelta.Params params, TimeGrid grid) {
            return (state, lo, hi, from, to, in, out) -> {
                for (int step = from; step < to; step++) {
                    checkStep(step);
                }
            };
        }

        private static void checkStep(int step) {
            if (step == 3) {
                throw new IllegalStateException("boom at step 3");
            }
        }
    }

    /**
     * A user model's kernel that throws is a bug of the user's code: one {@code engram: error:} line
     * names the population, the model, its class and the exception, and only the frames of the user's
     * code follow (here its two methods, the helper and the kernel), not Engram's or picocli's.
     */
    @Test
    void aUserKernelThatThrowsIsToldWithItsOwnFramesOnly(@TempDir Path dir) throws IOException {
        CliRunner.Result r = simulateInStiff(dir, ThrowingKernelModel.class, "throwing_lif");
        assertEquals(1, r.exitCode(), r.err());
        List<String> lines = errorAndFrames(r);
        assertTrue(lines.get(0).startsWith("engram: error: population 'stiff' (model 'throwing_lif'), neurons [0,")
                && lines.get(0).endsWith(": java.lang.IllegalStateException: boom at step 3 (thrown by the code of"
                + " the user model " + ThrowingKernelModel.class.getName() + ", whose stack frames follow)"),
                r.err());
        String frame = "\tat " + ThrowingKernelModel.class.getName() + ".";
        assertEquals(3, lines.size(), r.err());
        assertTrue(lines.get(1).startsWith(frame + "checkStep(UserNeuronModelTest.java:"), r.err());
        assertTrue(lines.get(2).startsWith(frame + "lambda$prepare$"), r.err());
        assertFalse(r.err().contains("org.engram.simulator") || r.err().contains("picocli"), r.err());
    }

    /** A model whose kernel is {@code lif_delta}'s, handed a spike sink of its own that refuses every spike. */
    public static final class RefusingSinkModel extends FineStepLif {
        @Override
        public String name() {
            return "refusing_lif";
        }

        @Override
        public Kernel<LifDelta.State> prepare(LifDelta.Params params, TimeGrid grid) {
            Kernel<LifDelta.State> lif = super.prepare(params, grid);
            SpikeSink refusing = new SpikeSink() {
                @Override
                public void spike(int i, int step) {
                    refuse(i);
                }

                @Override
                public void spikeAt(int i, double timeMs) {
                    refuse(i);
                }
            };
            return (state, lo, hi, from, to, in, out) -> lif.update(state, lo, hi, from, to, in, refusing);
        }

        private static void refuse(int neuron) {
            throw new IllegalStateException("neuron " + neuron + " may not spike");
        }
    }

    /**
     * The user's code called back by Engram's (its kernel hands {@code lif_delta}'s kernel a sink of
     * its own, which throws) keeps its frames on both sides of Engram's, whose frames between are
     * one line that counts them; only the outer frame had been lost.
     */
    @Test
    void userFramesOnBothSidesOfEngramsAreKept(@TempDir Path dir) throws IOException {
        CliRunner.Result r = simulateInStiff(dir, RefusingSinkModel.class, "refusing_lif");
        assertEquals(1, r.exitCode(), r.err());
        List<String> lines = errorAndFrames(r);
        assertTrue(lines.get(0).endsWith("may not spike (thrown by the code of the user model "
                + RefusingSinkModel.class.getName() + ", whose stack frames follow)"), r.err());
        String frame = "\tat " + RefusingSinkModel.class.getName();
        assertEquals(5, lines.size(), r.err());
        assertTrue(lines.get(1).startsWith(frame + ".refuse("), r.err());
        assertTrue(lines.get(2).startsWith(frame + "$1.spike("), r.err());
        assertTrue(lines.get(3).matches("\t\\.\\.\\. [1-9][0-9]* frames? of Engram or the JDK"), r.err());
        assertTrue(lines.get(4).startsWith(frame + ".lambda$prepare$"), r.err());
        assertFalse(r.err().contains("\tat org.engram.simulator") || r.err().contains("picocli"), r.err());
    }

    /** A model whose kernel divides by zero: an {@code ArithmeticException} of the user's own code. */
    public static final class DividingModel extends FineStepLif {
        @Override
        public String name() {
            return "dividing_lif";
        }

        @Override
        public Kernel<LifDelta.State> prepare(LifDelta.Params params, TimeGrid grid) {
            return (state, lo, hi, from, to, in, out) -> state.v[lo] = lo / (to - to);
        }
    }

    /**
     * A user's code that throws is a bug of that code whatever the exception, an
     * {@code ArithmeticException} too: exit 1 with its frames. {@code hh_alpha}'s kernel reused
     * under a user model's name and driven past its limit is a built-in kernel's failure, told as
     * for {@code hh_alpha} itself: exit 2, one line, no frames.
     */
    @Test
    void anArithmeticExceptionIsTheUsersWhenTheUsersCodeThrewIt(@TempDir Path dir) throws IOException {
        CliRunner.Result r = simulateInStiff(dir, DividingModel.class, "dividing_lif");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("java.lang.ArithmeticException: / by zero (thrown by the code of the user model "
                + DividingModel.class.getName() + ", whose stack frames follow)\n\tat " + DividingModel.class.getName()
                + ".lambda$prepare$"), r.err());
        Path deep = Files.writeString(dir.resolve("deep.yaml"), String.join("\n",
                "name: deep",
                "duration_ms: 5",
                "populations:",
                "  - {name: hh, size: 2, model: reused_hh, params: {v_init: -400}}",
                ""));
        CliRunner.Result reused = withServices(dir, new String[] {ReusedHh.class.getName()}, "simulate",
                deep.toString(), "--out", dir.resolve("results").toString());
        assertEquals(2, reused.exitCode(), reused.err());
        assertTrue(reused.err().contains("engram: error: ")
                && reused.err().contains("hh_alpha neuron 0: V = -400.0 mV"), reused.err());
        assertFalse(reused.err().contains("\tat ") || reused.err().contains("frames"), reused.err());
    }

    /** {@code hh_alpha} under a name of its own: a user model whose code is all Engram's. */
    public static final class ReusedHh implements NeuronModel<HodgkinHuxley.Params, HodgkinHuxley.State> {
        @Override
        public String name() {
            return "reused_hh";
        }

        @Override
        public Class<HodgkinHuxley.Params> parametersType() {
            return HodgkinHuxley.MODEL.parametersType();
        }

        @Override
        public HodgkinHuxley.Params defaults() {
            return HodgkinHuxley.MODEL.defaults();
        }

        @Override
        public HodgkinHuxley.State newState(int size, HodgkinHuxley.Params params) {
            return HodgkinHuxley.MODEL.newState(size, params);
        }

        @Override
        public Kernel<HodgkinHuxley.State> prepare(HodgkinHuxley.Params params, TimeGrid grid) {
            return HodgkinHuxley.MODEL.prepare(params, grid);
        }
    }

    /** Runs code with a services file that names {@code providers} on the context class loader. */
    private static void withLoader(Path dir, String[] providers, Runnable code) throws IOException {
        CliRunner.withServices(dir, NeuronModel.class, List.of(providers), List.of(), () -> {
            code.run();
            return null;
        });
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
