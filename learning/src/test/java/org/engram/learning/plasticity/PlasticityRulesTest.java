package org.engram.learning.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.Projection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry of plasticity rules by name: the three built-ins, and the user rules of the
 * {@link PlasticityRuleProvider}s that a services file names on the thread's class loader, each
 * provider that a config could not use left out by its class name with the field and value at
 * fault. Each test puts its own services file on a class loader of its own, so the others see no
 * user rule. ({@link PlasticityRules.Parameters} itself is {@link PlasticityRuleParametersTest}'s.)
 */
class PlasticityRulesTest {
    private static final String LEFT_OUT = "a record type, its default values, a bounds function and a factory,"
            + " none null";

    @TempDir
    Path dir;

    /** A rule's parameters: an amplitude and its bounds. */
    public record Gain(double a, double wMin, double wMax) {
    }

    /** A rule that changes nothing. */
    static final class Still extends PlasticityRule {
        Still(Projection projection) {
            super(projection);
        }

        @Override
        public void onPre(int source, double tMs) {
        }

        @Override
        public void onPost(int target, double tMs) {
        }
    }

    private static PlasticityRules.Parameters<Gain> gain() {
        return new PlasticityRules.Parameters<>(Gain.class, new Gain(0.01, 0, 1),
                g -> new PlasticityRules.WeightBounds(g.wMin(), g.wMax()), (projection, g) -> new Still(projection));
    }

    /** Provides {@code gain_stdp}. */
    public static final class GainProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("gain_stdp", "scales by a gain", gain());
        }
    }

    /** Provides {@code stdp_2}: digits and underscores after the first letter are snake_case too. */
    public static final class SecondProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("stdp_2", "a second rule", gain());
        }
    }

    /** Provides {@code gain_stdp} too. */
    public static final class TwinProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("gain_stdp", "the same name", gain());
        }
    }

    /** Takes a built-in rule's name. */
    public static final class BuiltInNameProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("triplet_stdp", "not the built-in", gain());
        }
    }

    /** Takes the first built-in rule's name. */
    public static final class PairNameProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("pair_stdp", "not the built-in", gain());
        }
    }

    /** Takes the last built-in rule's name. */
    public static final class VogelsSprekelerNameProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("vogels_sprekeler", "not the built-in", gain());
        }
    }

    /** A name a config cannot write: a capital letter. */
    public static final class CapitalProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("Gain_stdp", "-", gain());
        }
    }

    /** A name a config cannot write: a digit first. */
    public static final class DigitFirstProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("2stdp", "-", gain());
        }
    }

    /** No name. */
    public static final class NoNameProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info(null, "-", gain());
        }
    }

    /** No entry. */
    public static final class NullInfoProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return null;
        }
    }

    /** No parameters. */
    public static final class NoParametersProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("bare", "-", null);
        }
    }

    /** Parameters without a record type. */
    public static final class NoTypeProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("no_type", "-", new PlasticityRules.Parameters<Gain>(null,
                    new Gain(0.01, 0, 1), g -> new PlasticityRules.WeightBounds(0, 1),
                    (projection, g) -> new Still(projection)));
        }
    }

    /** Parameters without defaults. */
    public static final class NoDefaultsProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("no_defaults", "-", new PlasticityRules.Parameters<>(Gain.class, null,
                    g -> new PlasticityRules.WeightBounds(0, 1), (projection, g) -> new Still(projection)));
        }
    }

    /** Parameters without a bounds function. */
    public static final class NoBoundsProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("no_bounds", "-", new PlasticityRules.Parameters<>(Gain.class,
                    new Gain(0.01, 0, 1), null, (projection, g) -> new Still(projection)));
        }
    }

    /** Parameters without a factory. */
    public static final class NoFactoryProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("no_factory", "-", new PlasticityRules.Parameters<>(Gain.class,
                    new Gain(0.01, 0, 1), g -> new PlasticityRules.WeightBounds(0, 1), null));
        }
    }

    /** Parameters with a component a config cannot write. */
    public static final class DurationProvider implements PlasticityRuleProvider {
        /** @param delay a time a config cannot write; {@code wMin}, {@code wMax} the bounds */
        public record Timed(java.time.Duration delay, double wMin, double wMax) {
        }

        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("timed_stdp", "-", new PlasticityRules.Parameters<>(Timed.class,
                    new Timed(java.time.Duration.ZERO, 0, 1), t -> new PlasticityRules.WeightBounds(0, 1),
                    (projection, t) -> new Still(projection)));
        }
    }

    /** Parameters with a component named as the key that names the rule. */
    public static final class TypedProvider implements PlasticityRuleProvider {
        /** @param type a kind; {@code wMin}, {@code wMax} the bounds */
        public record Typed(String type, double wMin, double wMax) {
        }

        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("typed_stdp", "-", new PlasticityRules.Parameters<>(Typed.class,
                    new Typed("x", 0, 1), t -> new PlasticityRules.WeightBounds(0, 1),
                    (projection, t) -> new Still(projection)));
        }
    }

    /** Fails in its own code. */
    public static final class ThrowingProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            throw new IllegalStateException("no entry today");
        }
    }

    /** Needs a class its jar brings, left off the class path. */
    public static final class IncompleteProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            throw new NoClassDefFoundError("p/Missing");
        }
    }

    @Test
    void theBuiltInsArePairAndTripletStdpAndVogelsSprekelerByTheirConfigNames() {
        assertTrue(PlasticityRules.builtIn("pair_stdp"));
        assertTrue(PlasticityRules.builtIn("triplet_stdp"));
        assertTrue(PlasticityRules.builtIn("vogels_sprekeler"));
        // Rules without a config name, a name in another case, a near miss: not built-ins.
        for (String name : List.of("reward_stdp", "adaptive_threshold", "Pair_STDP", "pair_stdp ", "pair", "")) {
            assertFalse(PlasticityRules.builtIn(name), name);
        }
        assertFalse(PlasticityRules.builtIn(null));
    }

    @Test
    void withoutProvidersThereAreNoUserRulesAndNoProblems() {
        assertEquals(List.of(), PlasticityRules.list());
        assertEquals(List.of(), PlasticityRules.problems());
    }

    /**
     * A name no user rule has is refused as the config key {@code type}, listing the built-ins, with
     * the closest name (one letter swapped) and no providers left out.
     */
    @Test
    void anUnknownNameIsRefusedWithTheRulesAndTheClosest() {
        ParameterException e = assertThrows(ParameterException.class, () -> PlasticityRules.info("pair_stpd"));
        assertEquals("plasticity rules", e.source());
        assertEquals("type", e.location());
        assertEquals("one of [pair_stdp, triplet_stdp, vogels_sprekeler]", e.expected());
        assertEquals("pair_stpd", e.found());
        assertEquals("did you mean 'pair_stdp'?", e.hint());
        assertEquals("plasticity rules: type: expected one of [pair_stdp, triplet_stdp, vogels_sprekeler], found"
                + " pair_stpd; did you mean 'pair_stdp'?", e.getMessage());
        // info looks up user rules only: a built-in's name is not one (it was refused as not one of the
        // names listed, the built-in among them).
        assertEquals("plasticity rules: type: expected the name of a user rule (the built-in rules, pair_stdp,"
                + " triplet_stdp and vogels_sprekeler, have no entry), found pair_stdp",
                assertThrows(ParameterException.class, () -> PlasticityRules.info("pair_stdp")).getMessage());
        assertEquals("null", assertThrows(ParameterException.class, () -> PlasticityRules.info(null)).found());
    }

    /**
     * Providers' rules are listed in class-path order after no built-in, found by name with the entry
     * the provider gave, and named in the list of rules a lookup of an unknown name gives; with the
     * class loader gone, so are they (the registry keeps nothing).
     */
    @Test
    void providedRulesAreListedInClassPathOrderAndFoundByName() throws Exception {
        List<String> names = withProviders(List.of(SecondProvider.class.getName(), GainProvider.class.getName()),
                () -> PlasticityRules.list().stream().map(PlasticityRules.Info::name).toList());
        assertEquals(List.of("stdp_2", "gain_stdp"), names);
        assertEquals(List.of("gain_stdp", "stdp_2"), withProviders(List.of(GainProvider.class.getName(),
                SecondProvider.class.getName()), () -> PlasticityRules.list().stream()
                .map(PlasticityRules.Info::name).toList()));
        withProviders(List.of(GainProvider.class.getName(), SecondProvider.class.getName()), () -> {
            assertEquals(List.of(), PlasticityRules.problems());
            PlasticityRules.Info info = PlasticityRules.info("gain_stdp");
            assertEquals("gain_stdp", info.name());
            assertEquals("scales by a gain", info.description());
            assertSame(Gain.class, info.parameters().type());
            assertEquals(new Gain(0.01, 0, 1), info.parameters().defaults());
            assertFalse(PlasticityRules.builtIn("gain_stdp"), "a provided rule is not a built-in");
            ParameterException unknown = assertThrows(ParameterException.class,
                    () -> PlasticityRules.info("gain_stpd"));
            assertEquals("one of [pair_stdp, triplet_stdp, vogels_sprekeler, gain_stdp, stdp_2]",
                    unknown.expected());
            assertEquals("did you mean 'gain_stdp'?", unknown.hint());
            return null;
        });
        assertThrows(ParameterException.class, () -> PlasticityRules.info("gain_stdp"), "gone with its loader");
    }

    /** A name a config cannot write is refused by the provider's class, with the name found. */
    @Test
    void aNameThatIsNotSnakeCaseIsRefusedByProvider() throws Exception {
        String rule = ": info().name(): expected a snake_case name (a-z, 0-9, _), found ";
        assertEquals(CapitalProvider.class.getName() + rule + "Gain_stdp", problemOf(CapitalProvider.class));
        assertEquals(DigitFirstProvider.class.getName() + rule + "2stdp", problemOf(DigitFirstProvider.class));
        assertEquals(NoNameProvider.class.getName() + rule + "null", problemOf(NoNameProvider.class));
    }

    /**
     * A built-in keeps its name, whatever the order, and the provider that reuses it is left out,
     * named with the built-in's class; a name two providers' rules have is used by neither, in either
     * class-path order, and its lookup names both.
     */
    @Test
    void aNameAnotherRuleHasIsUsedByNoUserRule() throws Exception {
        String leftOut = "the user plasticity rule " + BuiltInNameProvider.class.getName() + " reuses the name"
                + " 'triplet_stdp' of the built-in " + TripletStdp.class.getName() + " and is left out (the built-in"
                + " keeps its name): rename it";
        assertEquals(leftOut, problemOf(BuiltInNameProvider.class));
        assertEquals(List.of(leftOut), withProviders(List.of(BuiltInNameProvider.class.getName()),
                () -> PlasticityRules.leftOutUnder("triplet_stdp")));
        for (List<String> order : List.of(List.of(TwinProvider.class.getName(), GainProvider.class.getName()),
                List.of(GainProvider.class.getName(), TwinProvider.class.getName()))) {
            String shared = "the user plasticity rules " + order.get(0) + " and " + order.get(1) + " are both named"
                    + " 'gain_stdp', so none is used: give each a name of its own, or keep one of them on the class"
                    + " path";
            withProviders(order, () -> {
                assertEquals(List.of(shared), PlasticityRules.problems());
                assertEquals(List.of(), PlasticityRules.list());
                ParameterException e = assertThrows(ParameterException.class, () -> PlasticityRules.info("gain_stdp"));
                assertEquals("a name only one rule has", e.expected());
                assertEquals(shared, e.hint());
                return null;
            });
        }
    }

    /** Each built-in keeps its name from a user rule, not only the one the test above tries. */
    @Test
    void everyBuiltInKeepsItsName() throws Exception {
        Class<?>[][] providerAndBuiltIn = {{PairNameProvider.class, PairStdp.class},
            {VogelsSprekelerNameProvider.class, VogelsSprekeler.class}};
        for (Class<?>[] pair : providerAndBuiltIn) {
            String problem = problemOf(pair[0]);
            assertTrue(problem.startsWith("the user plasticity rule " + pair[0].getName() + " reuses the name")
                    && problem.contains("of the built-in " + pair[1].getName() + " and is left out"), problem);
        }
    }

    /**
     * A user rule made from its provider's parameters holds the weights to its bounds before every run, as
     * the built-in rules do: a weight written past them between runs is refused naming the rule, the
     * projection and the synapse.
     */
    @Test
    void aMadeRuleRefusesWeightsWrittenOutsideItsBoundsBeforeARun() {
        TwoPopulations two = new TwoPopulations(2, 3, 0.5);
        Projection projection = two.projection;
        PlasticityRule rule = gain().make("gain_stdp", projection, new Gain(0.1, 0, 1));
        try (Engine engine = new Engine(two.network, EngineOptions.grid(1))) {
            engine.addListener(rule);
            engine.run(1);
            projection.weights()[4] = 1.5f;
            assertEquals("gain_stdp on 'pre->post': weights: expected weights within the rule's bounds [w_min, w_max] "
                    + "= [0.0, 1.0], found 1.5 (synapse 4)", assertThrows(ParameterException.class,
                    () -> engine.run(1)).getMessage());
            projection.weights()[4] = 1;
            engine.run(1);
            assertEquals(2, engine.timeMs(), 1e-12);
        }
    }

    /**
     * {@code PlasticityRules.make} makes a user rule from Java with the checks a config's rule gets:
     * the record's type, and bounds that hold every initial weight (0.5 here).
     */
    @Test
    void makeByNameChecksTheRecordAndTheBounds() throws Exception {
        withProviders(List.of(GainProvider.class.getName()), () -> {
            Projection projection = new TwoPopulations(2, 3, 0.5).projection;
            assertSame(projection, PlasticityRules.make("gain_stdp", projection, new Gain(0.1, 0, 1)).projection());
            ParameterException below = assertThrows(ParameterException.class,
                    () -> PlasticityRules.make("gain_stdp", projection, new Gain(0.1, 0, 0.4)));
            assertEquals("weights", below.location());
            ParameterException wrong = assertThrows(ParameterException.class,
                    () -> PlasticityRules.make("gain_stdp", projection, new Misc(1)));
            assertEquals("parameters", wrong.location());
            assertEquals("a record of " + Gain.class.getName(), wrong.expected());
            assertEquals("a record of " + Misc.class.getName(), wrong.found());
            return null;
        });
    }

    /**
     * {@code make} refuses a static projection, which has no weights of its own to change, with the
     * words a built-in rule's constructor uses, and a null one, before the bounds are compared with
     * the weights.
     */
    @Test
    void makeRefusesAStaticProjectionAsABuiltInRuleDoes() throws Exception {
        Projection fixed = RuleMisuseTest.network(Receptor.EXCITATORY, false).projections().get(0);
        PairStdp.Params pair = new PairStdp.Params(0.01, 0.01, 20, 20, 0, 1, WeightDependence.ADDITIVE,
                Pairing.ALL_TO_ALL);
        String builtIn = assertThrows(ParameterException.class, () -> new PairStdp(fixed, pair)).getMessage();
        withProviders(List.of(GainProvider.class.getName()), () -> {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> PlasticityRules.make("gain_stdp", fixed, new Gain(0.1, 0, 1)));
            assertEquals("plasticity rule: projection: expected a plastic projection (Synapses.asPlastic()), found"
                    + " src->out", e.getMessage());
            assertEquals(builtIn, e.getMessage());
            assertEquals("null", assertThrows(ParameterException.class,
                    () -> PlasticityRules.make("gain_stdp", null, new Gain(0.1, 0, 1))).found());
            return null;
        });
    }

    /**
     * {@code make} takes user rules only: an unknown name is offered the user rules' names alone, a
     * built-in's name is sent to the built-in's class and told of the provider left out that reuses
     * it, and with no user rule at all the message says so.
     */
    @Test
    void makeNamesOnlyTheRulesItMakes() throws Exception {
        Projection projection = new TwoPopulations(2, 3, 0.5).projection;
        Gain gain = new Gain(0.1, 0, 1);
        withProviders(List.of(GainProvider.class.getName(), BuiltInNameProvider.class.getName()), () -> {
            ParameterException typo = assertThrows(ParameterException.class,
                    () -> PlasticityRules.make("gain_stpd", projection, gain));
            assertEquals("plasticity rules: name: expected one of [gain_stdp], found gain_stpd; did you mean"
                    + " 'gain_stdp'?", typo.getMessage());
            ParameterException builtIn = assertThrows(ParameterException.class,
                    () -> PlasticityRules.make("triplet_stdp", projection, gain));
            assertEquals("the name of a user rule (a built-in rule is made with its own class, e.g. new"
                    + " PairStdp(projection, params))", builtIn.expected());
            assertEquals("the user plasticity rule " + BuiltInNameProvider.class.getName() + " reuses the name"
                    + " 'triplet_stdp' of the built-in " + TripletStdp.class.getName() + " and is left out (the"
                    + " built-in keeps its name): rename it", builtIn.hint());
            assertEquals(null, assertThrows(ParameterException.class,
                    () -> PlasticityRules.make("pair_stdp", projection, gain)).hint(), "no provider reuses it");
            return null;
        });
        assertEquals("plasticity rules: name: expected the name of a user rule, and there is none, found"
                + " symetric_stdp", assertThrows(ParameterException.class,
                () -> PlasticityRules.make("symetric_stdp", projection, gain)).getMessage());
    }

    /** A record that is not a rule's. */
    record Misc(double x) {
    }

    /** An entry, or a part of its parameters, that is missing is refused by provider, with what was found. */
    @Test
    void anEntryWithAPartMissingIsRefusedByProvider() throws Exception {
        assertEquals(NullInfoProvider.class.getName() + ": info(): expected the rule's entry, found null",
                problemOf(NullInfoProvider.class));
        assertEquals(NoParametersProvider.class.getName() + ": info().parameters(): expected " + LEFT_OUT
                + ", found null", problemOf(NoParametersProvider.class));
        for (Class<?> provider : List.of(NoDefaultsProvider.class, NoBoundsProvider.class, NoFactoryProvider.class)) {
            String problem = problemOf(provider);
            assertTrue(problem.startsWith(provider.getName() + ": info().parameters(): expected " + LEFT_OUT
                    + ", found Parameters[type=class " + Gain.class.getName() + ", defaults="), problem);
        }
        String noType = problemOf(NoTypeProvider.class);
        assertTrue(noType.startsWith(NoTypeProvider.class.getName() + ": info().parameters(): expected " + LEFT_OUT
                + ", found Parameters[type=null, defaults="), noType);
        assertTrue(problemOf(NoDefaultsProvider.class).contains("defaults=null"));
        assertTrue(problemOf(NoBoundsProvider.class).contains("bounds=null"));
        assertTrue(problemOf(NoFactoryProvider.class).endsWith("factory=null]"));
    }

    /** Parameters a config could not write, or whose {@code type} would clash with the rule's key, are refused. */
    @Test
    void parametersAConfigCannotWriteAreRefusedByComponent() throws Exception {
        assertEquals(DurationProvider.class.getName() + ": info().parameters(): Timed.delay: expected components a"
                + " config can write: numbers, true/false, text, enums, and lists, arrays, maps (by text) and records"
                + " of these, found java.time.Duration", problemOf(DurationProvider.class));
        assertEquals(TypedProvider.class.getName() + ": info().parameters(): expected a parameter record without a"
                + " component named type, the key that names the rule, found " + TypedProvider.Typed.class.getName(),
                problemOf(TypedProvider.class));
    }

    /**
     * A provider whose code throws, needs a missing class or cannot be found is left out by class
     * name; the others load, and a lookup of a name none has lists the left-out ones after the closest
     * name.
     */
    @Test
    void aBrokenProviderIsLeftOutAndTheOthersLoad() throws Exception {
        assertEquals("cannot load the user plasticity rule of " + ThrowingProvider.class.getName()
                + ": java.lang.IllegalStateException: no entry today", problemOf(ThrowingProvider.class));
        assertEquals("cannot load the user plasticity rule of " + IncompleteProvider.class.getName() + ": a class it"
                + " needs is not on the class path (p/Missing; the launcher adds ENGRAM_CLASSPATH)",
                problemOf(IncompleteProvider.class));
        String missing = problemOf("no.such.Provider");
        assertTrue(missing.startsWith("cannot load a user plasticity rule (" + PlasticityRuleProvider.class.getName()
                + " provider): ") && missing.contains("no.such.Provider"), missing);
        withProviders(List.of(ThrowingProvider.class.getName(), GainProvider.class.getName(),
                CapitalProvider.class.getName()), () -> {
                    assertEquals(List.of("gain_stdp"), PlasticityRules.list().stream()
                            .map(PlasticityRules.Info::name).toList());
                    List<String> problems = PlasticityRules.problems();
                    assertEquals(2, problems.size(), problems.toString());
                    ParameterException e = assertThrows(ParameterException.class,
                            () -> PlasticityRules.info("gain_stpd"));
                    assertEquals("did you mean 'gain_stdp'?; some user plasticity rules could not be loaded: "
                            + String.join("; ", problems), e.hint());
                    // With no close name, the hint is the providers left out alone.
                    assertEquals("some user plasticity rules could not be loaded: " + String.join("; ", problems),
                            assertThrows(ParameterException.class, () -> PlasticityRules.info("zzzzzzzzzzzz")).hint());
                    return null;
                });
    }

    /** The one problem of the providers on the class path, when only {@code provider} is named there. */
    private String problemOf(Class<?> provider) throws Exception {
        return problemOf(provider.getName());
    }

    private String problemOf(String provider) throws Exception {
        List<String> problems = withProviders(List.of(provider), () -> {
            assertEquals(List.of(), PlasticityRules.list(), "a provider left out lists no rule");
            return PlasticityRules.problems();
        });
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    /** Runs a call with a context class loader whose services file names the given providers. */
    private <T> T withProviders(List<String> providers, Callable<T> call) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF").resolve("services"));
        Files.write(services.resolve(PlasticityRuleProvider.class.getName()), providers);
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
