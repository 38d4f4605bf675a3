package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User strategies join the registry through {@link StrategyProvider}s on the class path: listed
 * after the built-ins, found by name, built from their hyperparameter record, and placed in chains
 * by their role. Each test puts a services file on a class loader of its own, so the other tests
 * see the built-ins alone.
 */
class StrategyProviderTest {
    @TempDir
    Path dir;

    /** A stand-in update scaler: only its hyperparameter is looked at. */
    public static final class Freeze implements ContinualStrategy {
        private final Params params;

        /** @param scale the factor it would scale updates by */
        public record Params(double scale) {
        }

        Freeze(Params params) {
            this.params = params;
        }

        @Override
        public String name() {
            return "freeze";
        }

        double scale() {
            return params.scale();
        }
    }

    /** Provides {@code freeze}, an update scaler. */
    public static final class FreezeProvider implements StrategyProvider {
        @Override
        public Strategies.Info info() {
            return new Strategies.Info("freeze", "scales every update", "-", Strategies.Role.UPDATE_SCALER,
                    new Strategies.Hyperparameters<>(Freeze.Params.class, new Freeze.Params(0.5), Freeze::new));
        }
    }

    /** Claims a built-in's name. */
    public static final class ClashingProvider implements StrategyProvider {
        @Override
        public Strategies.Info info() {
            return new Strategies.Info("ewc", "another ewc", "-", Strategies.Role.PENALTY,
                    new Strategies.Hyperparameters<>(Strategies.NoParameters.class, new Strategies.NoParameters(),
                            p -> new Naive()));
        }
    }

    /** Fails as a provider compiled against an older Engram does, whose Info constructor is gone. */
    public static final class StaleProvider implements StrategyProvider {
        @Override
        public Strategies.Info info() {
            throw new NoSuchMethodError("'void org.engram.learning.continual.Strategies$Info.<init>(...)'");
        }
    }

    /** Fails in its own code. */
    public static final class ThrowingProvider implements StrategyProvider {
        @Override
        public Strategies.Info info() {
            throw new IllegalStateException("no settings file");
        }
    }

    /** Fails while the service loader makes it. */
    public static final class FailingConstructorProvider implements StrategyProvider {
        /** Throws, as a provider reading a settings file might. */
        public FailingConstructorProvider() {
            throw new IllegalStateException("boom");
        }

        @Override
        public Strategies.Info info() {
            throw new AssertionError("never made");
        }
    }

    /** Needs a class its jar brings, left off the class path. */
    public static final class IncompleteProvider implements StrategyProvider {
        @Override
        public Strategies.Info info() {
            throw new NoClassDefFoundError("p/Missing");
        }
    }

    /** Provides {@code freeze} too. */
    public static final class SecondFreezeProvider implements StrategyProvider {
        @Override
        public Strategies.Info info() {
            return new FreezeProvider().info();
        }
    }

    /** No entry at all. */
    public static final class NullInfoProvider implements StrategyProvider {
        @Override
        public Strategies.Info info() {
            return null;
        }
    }

    /** A name a config cannot write. */
    public static final class BadNameProvider implements StrategyProvider {
        @Override
        public Strategies.Info info() {
            return new Strategies.Info("My Strategy", "-", "-", Strategies.Role.PENALTY,
                    new Strategies.Hyperparameters<>(Strategies.NoParameters.class, new Strategies.NoParameters(),
                            p -> new Naive()));
        }
    }

    /** No default values: engram list and every config fill them in (a bare NullPointerException there). */
    public static final class NoDefaultsProvider implements StrategyProvider {
        @Override
        public Strategies.Info info() {
            return new Strategies.Info("no_defaults", "-", "-", Strategies.Role.PENALTY,
                    new Strategies.Hyperparameters<>(Strategies.NoParameters.class, null, p -> new Naive()));
        }
    }

    /** A factory that makes nothing. */
    public static final class NullFactoryProvider implements StrategyProvider {
        @Override
        public Strategies.Info info() {
            return new Strategies.Info("makes_nothing", "-", "-", Strategies.Role.PENALTY,
                    new Strategies.Hyperparameters<>(Strategies.NoParameters.class, new Strategies.NoParameters(),
                            p -> null));
        }
    }

    /** Hyperparameters with a component a config cannot write, inside a list of a nested record. */
    public static final class DurationProvider implements StrategyProvider {
        /** @param waits how long to wait, per task */
        public record Timing(List<java.time.Duration> waits) {
        }

        /**
         * @param lambda  a number, which a config writes
         * @param labels  text by text, which it writes too
         * @param timing  a record holding what it cannot write
         */
        public record Params(double lambda, Map<String, int[]> labels, Timing timing) {
        }

        @Override
        public Strategies.Info info() {
            return new Strategies.Info("timed", "-", "-", Strategies.Role.PENALTY, new Strategies.Hyperparameters<>(
                    Params.class, new Params(1, Map.of(), new Timing(List.of())), p -> new Naive()));
        }
    }

    /**
     * A component type the config reader cannot read or write is refused when the provider is
     * loaded, naming the component and the type: a {@code Duration} had stopped {@code engram list}
     * and every run with the reader's stack trace.
     */
    @Test
    void aHyperparameterAConfigCannotWriteIsRefusedByItsComponent() throws Exception {
        assertEquals(DurationProvider.class.getName() + ": info().hyperparameters(): Params.timing.waits: expected"
                + " components a config can write: numbers, true/false, text, enums, and lists, arrays, maps (by text)"
                + " and records of these, found java.time.Duration", problemOf(DurationProvider.class));
    }

    @Test
    void aProviderWithoutDefaultsOrWhoseFactoryMakesNothingIsNamed() throws Exception {
        String noDefaults = problemOf(NoDefaultsProvider.class);
        assertTrue(noDefaults.startsWith(NoDefaultsProvider.class.getName() + ": info().hyperparameters():"
                + " expected a record type, its default values and a factory, none null"), noDefaults);
        IllegalStateException nothing = assertThrows(IllegalStateException.class,
                () -> withProviders(List.of(NullFactoryProvider.class.getName()),
                        () -> Strategies.create("makes_nothing")));
        assertTrue(nothing.getMessage().endsWith("the factory given with the hyperparameters "
                + Strategies.NoParameters.class.getName() + " returned null, not a strategy"), nothing.getMessage());
        // A null entry had been reported as a bad name: "info().name(): ... found null".
        assertEquals(NullInfoProvider.class.getName() + ": info(): expected the strategy's entry, found null",
                problemOf(NullInfoProvider.class));
    }

    @Test
    void aProvidedStrategyIsListedFoundAndBuilt() throws Exception {
        withProviders(List.of(FreezeProvider.class.getName()), () -> {
            List<Strategies.Info> all = Strategies.list();
            assertEquals("freeze", all.get(all.size() - 1).name(), "after the built-ins");
            assertEquals(0.5, ((Freeze) Strategies.create("freeze")).scale());
            assertFalse(Strategies.builtIn("freeze"), "a provider's strategy is no built-in");
            assertTrue(Strategies.builtIn("ewc"));
            Strategies.Hyperparameters<?> h = Strategies.info("freeze").hyperparameters();
            assertEquals(2.0, ((Freeze) h.create(new Freeze.Params(2.0))).scale());
            // Its role places it in chains like the built-ins: a scaler after a projection is refused.
            assertEquals("freeze after gpm", Strategies.misorder(List.of("gpm", "freeze")));
            assertEquals(List.of("freeze", "hlop"), Strategies.projectionsLast(List.of("hlop", "freeze")));
            return null;
        });
        assertThrows(ParameterException.class, () -> Strategies.info("freeze"), "gone with its class loader");
    }

    @Test
    void aProviderThatClashesOrCannotBeNamedOrLoadedIsRefusedByClass() throws Exception {
        assertEquals("the user strategy " + ClashingProvider.class.getName() + " reuses the name 'ewc' of the"
                + " built-in strategy and is left out (the built-in keeps its name): rename it",
                problemOf(ClashingProvider.class));
        assertTrue(problemOf(BadNameProvider.class).contains("a snake_case name"));
        String missing = withProviders(List.of("no.such.Provider"), () -> Strategies.problems().get(0));
        assertTrue(missing.startsWith("cannot load a user strategy"), missing);
        String stale = problemOf(StaleProvider.class);
        assertTrue(stale.startsWith("cannot load the user strategy of " + StaleProvider.class.getName()
                + ": it was compiled against another version of Engram"), stale);
        assertEquals("cannot load the user strategy of " + ThrowingProvider.class.getName()
                + ": java.lang.IllegalStateException: no settings file", problemOf(ThrowingProvider.class));
        String constructor = problemOf(FailingConstructorProvider.class);
        assertTrue(constructor.contains(FailingConstructorProvider.class.getName()
                + " could not be instantiated: java.lang.IllegalStateException: boom"), constructor);
        assertTrue(problemOf(IncompleteProvider.class)
                .contains("a class it needs is not on the class path (p/Missing"));
    }

    /**
     * A built-in keeps its name and is the one created; a name two providers' strategies have is
     * used by neither, whichever the class path gives first: the list leaves it out, a lookup is
     * refused naming both, and a config's hint says the same.
     */
    @Test
    void aNameTwoProvidersClaimIsUsedByNeither() throws Exception {
        assertEquals("ewc", withProviders(List.of(ClashingProvider.class.getName()),
                () -> Strategies.create("ewc").name()));
        // A config that uses the built-in is told of the provider left out under its name, and only that one.
        List<String> underEwc = withProviders(List.of(ClashingProvider.class.getName()),
                () -> Strategies.leftOutUnder("ewc"));
        assertEquals(1, underEwc.size(), underEwc.toString());
        assertTrue(underEwc.get(0).contains(ClashingProvider.class.getName()), underEwc.get(0));
        assertEquals(List.of(), withProviders(List.of(ClashingProvider.class.getName()),
                () -> Strategies.leftOutUnder("mas")));
        for (List<String> order : List.of(List.of(FreezeProvider.class.getName(),
                SecondFreezeProvider.class.getName()), List.of(SecondFreezeProvider.class.getName(),
                FreezeProvider.class.getName()))) {
            String shared = "the user strategies " + order.get(0) + " and " + order.get(1) + " are both named"
                    + " 'freeze', so none is used: give each a name of its own, or keep one of them on the class path";
            withProviders(order, () -> {
                assertEquals(List.of(shared), Strategies.problems());
                assertTrue(Strategies.list().stream().noneMatch(i -> i.name().equals("freeze")));
                ParameterException e = assertThrows(ParameterException.class, () -> Strategies.info("freeze"));
                assertEquals("a name only one strategy has", e.expected());
                assertEquals(shared, e.hint());
                assertEquals(shared, Strategies.unknownNameHint("freeze"));
                return null;
            });
        }
    }

    /**
     * A provider that cannot be loaded is left out and the others stay usable: every one of them had
     * stopped {@code engram list} and every run. The list holds the strategies that load; a
     * lookup of a name none has says which providers were left out.
     */
    @Test
    void aBrokenProviderIsLeftOutAndTheOthersLoad() throws Exception {
        List<String> broken = List.of("no.such.Provider", ThrowingProvider.class.getName(),
                FreezeProvider.class.getName(), ClashingProvider.class.getName());
        List<String> names = withProviders(broken,
                () -> Strategies.list().stream().map(Strategies.Info::name).toList());
        assertEquals("freeze", names.get(names.size() - 1));
        assertEquals(3, withProviders(broken, Strategies::problems).size());
        ParameterException unknown = assertThrows(ParameterException.class,
                () -> withProviders(broken, () -> Strategies.info("frieze")));
        assertTrue(unknown.hint().startsWith("did you mean 'freeze'?; some user strategies could not be loaded: ")
                && unknown.hint().contains(ThrowingProvider.class.getName()), unknown.hint());
    }

    /** The one problem the providers on the class path have, when only {@code provider} is named there. */
    private String problemOf(Class<?> provider) throws Exception {
        List<String> problems = withProviders(List.of(provider.getName()), Strategies::problems);
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    /** A provider that cannot be loaded fails the lookups that need the providers, not those of built-ins. */
    @Test
    void aBrokenProviderLeavesTheBuiltInStrategiesUsable() throws Exception {
        ContinualStrategy ewc = withProviders(List.of(ThrowingProvider.class.getName()),
                () -> Strategies.create("ewc"));
        assertEquals("ewc", ewc.name());
        ContinualStrategy chain = withProviders(List.of(ThrowingProvider.class.getName()),
                () -> Strategies.chain(Strategies.create("replay"), Strategies.create("ewc")));
        assertEquals("replay+ewc", chain.name());
        EngramException other = assertThrows(EngramException.class,
                () -> withProviders(List.of(ThrowingProvider.class.getName()), () -> Strategies.info("freeze")));
        assertTrue(other.getMessage().contains(ThrowingProvider.class.getName()), other.getMessage());
    }

    /** Runs a call with a context class loader whose services file names the given providers. */
    private <T> T withProviders(List<String> providers, Callable<T> call) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF").resolve("services"));
        Files.write(services.resolve(StrategyProvider.class.getName()), providers);
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, before)) {
            thread.setContextClassLoader(loader);
            return call.call();
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
