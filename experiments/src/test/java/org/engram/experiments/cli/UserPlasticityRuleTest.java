package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.engram.learning.plasticity.PairStdp;
import org.engram.learning.plasticity.PlasticityRuleProvider;
import org.engram.learning.plasticity.PlasticityRules;
import org.engram.simulator.EngramException;
import org.engram.simulator.network.Projection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * A plasticity rule of the user's own, made known by a {@link PlasticityRuleProvider} on the class
 * path, is attached to a projection from an {@code engram simulate} config like a built-in rule:
 * its parameters read by their snake_case keys over the provider's defaults and checked at their
 * lines, its bounds checked before the network is built, its weights summarised and recorded. The
 * rule is the README's symmetric STDP, compiled from the README's text, and the projection is the
 * README's.
 */
class UserPlasticityRuleTest {
    /** The README's provider, by the binary name its services file gives. */
    private static final String README_PROVIDER = "SymmetricStdp$Provider";
    /** Where the README's rule is compiled to. */
    private static Path readmeClasses;
    /** A presynaptic spike at 10 and 25 ms, the postsynaptic one at about 15 ms (driven at 14 ms). */
    private static String config;

    @BeforeAll
    static void compileTheReadmeRule(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("SymmetricStdp.java");
        Files.writeString(file, ReadmeBlocks.block("java", "public final class SymmetricStdp"));
        readmeClasses = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests run on a JDK");
        assertEquals(0, javac.run(null, null, null, "-d", readmeClasses.toString(), "-cp",
                System.getProperty("java.class.path"), file.toString()), "the README's rule compiles as written");
        String projection = ReadmeBlocks.block("yaml", "plasticity: {type: symmetric_stdp");
        config = String.join("\n",
                "name: mine",
                "duration_ms: 40",
                "populations:",
                "  - {name: pre, size: 1, model: spike_times, params: {times_ms: [[10.0, 25.0]]}}",
                "  - {name: drive, size: 1, model: spike_times, params: {times_ms: [[14.0]]}}",
                "  - {name: post, size: 1, model: lif_delta, params: {tau_m: 20, e_l: 0, v_th: 20, v_reset: 0,"
                        + " t_ref: 2}}",
                "projections:",
                projection + "  - {source: drive, target: post, rule: {type: all_to_all}, weight: 30, delay_ms: 1.0}",
                "record:",
                "  synapses: [pre->post]",
                "");
    }

    /** Parameters of the test's providers: none that a rule is made with. */
    public record Strength(double a, double wMin, double wMax) {
    }

    /** Parameters of {@link Strength} whose factory refuses every projection with the exception given. */
    private static PlasticityRules.Parameters<Strength> refusing(
            BiFunction<Projection, Strength, RuntimeException> why) {
        return new PlasticityRules.Parameters<>(Strength.class, new Strength(0.5, 0, 1),
                q -> new PlasticityRules.WeightBounds(q.wMin(), q.wMax()), (projection, q) -> {
                    throw why.apply(projection, q);
                });
    }

    /** Provides {@code fussy_stdp}, whose factory refuses every projection. */
    public static final class FussyProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("fussy_stdp", "refuses to be made", refusing((projection, q) ->
                    new IllegalArgumentException("a = " + q.a() + " is too strong for " + projection.name())));
        }
    }

    /** Provides {@code terse_stdp}, whose factory refuses with an Engram exception that names no key. */
    public static final class TerseProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("terse_stdp", "refuses tersely", refusing((projection, q) ->
                    new EngramException("not today", null)));
        }
    }

    /** Takes a built-in rule's name: left out. */
    public static final class ClashingProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("pair_stdp", "not the built-in", new FussyProvider().info().parameters());
        }
    }

    /** Parameters with a component named as the key that names the rule. */
    public record Typed(String type, double wMin, double wMax) {
    }

    /** Its parameters have a {@code type}, which a config could neither give nor read back: left out. */
    public static final class TypedProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("typed_stdp", "a type of its own", new PlasticityRules.Parameters<>(
                    Typed.class, new Typed("x", 0, 1), q -> new PlasticityRules.WeightBounds(q.wMin(), q.wMax()),
                    (projection, q) -> null));
        }
    }

    /** Takes the name of the README's rule, after it on the class path: left out. */
    public static final class TwinProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("symmetric_stdp", "a second one", new FussyProvider().info().parameters());
        }
    }

    /** Describes its rule on two lines, which {@code engram list} shows as one. */
    public static final class WordyProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("wordy_stdp", "  a rule described\n   on two lines \r\n",
                    new FussyProvider().info().parameters());
        }
    }

    /** Gives no description. */
    public static final class SilentProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("silent_stdp", null, new FussyProvider().info().parameters());
        }
    }

    /**
     * A rule whose code throws at the first postsynaptic spike; wrapped, the exception its code makes is the cause
     * of one without stack frames.
     */
    public static final class FaultyRule extends org.engram.learning.plasticity.PlasticityRule {
        private final boolean wrapped;

        FaultyRule(Projection projection, boolean wrapped) {
            super(projection);
            this.wrapped = wrapped;
        }

        @Override
        public void onPre(int source, double tMs) {
        }

        @Override
        public void onPost(int target, double tMs) {
            IllegalStateException thrown = new IllegalStateException("no postsynaptic spike today");
            throw wrapped ? new FramelessException(thrown) : thrown;
        }
    }

    /** An exception that keeps no stack frames, as a library may make them for speed: the frames are its cause's. */
    static final class FramelessException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FramelessException(Throwable cause) {
            super("wrapped", cause, false, false);
        }
    }

    /** Provides {@code faulty_stdp}, a {@link FaultyRule}. */
    public static class FaultyProvider implements PlasticityRuleProvider {
        private final String name;
        private final boolean wrapped;

        public FaultyProvider() {
            this("faulty_stdp", false);
        }

        FaultyProvider(String name, boolean wrapped) {
            this.name = name;
            this.wrapped = wrapped;
        }

        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info(name, "throws at a postsynaptic spike",
                    new PlasticityRules.Parameters<>(Strength.class, new Strength(0.5, 0, 1),
                            q -> new PlasticityRules.WeightBounds(q.wMin(), q.wMax()),
                            (projection, q) -> new FaultyRule(projection, wrapped)));
        }
    }

    /** Provides {@code wrapping_faulty_stdp}, a {@link FaultyRule} that throws a {@link FramelessException}. */
    public static final class WrappingFaultyProvider extends FaultyProvider {
        public WrappingFaultyProvider() {
            super("wrapping_faulty_stdp", true);
        }
    }

    /**
     * A user rule whose code throws during a run is told in one {@code engram: error:} line naming the
     * rule's class, then its own stack frames only (the base class's and the engine's are left out),
     * with a bug's exit code, 1: it had printed the whole trace of the engine's thread.
     */
    @Test
    void aUserRuleThatThrowsIsToldWithItsOwnFrames(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.yaml"), config.replace("plasticity: {type: symmetric_stdp, a: 0.1}",
                "plasticity: {type: faulty_stdp}"));
        CliRunner.Result r = withProviders(dir, List.of(FaultyProvider.class.getName()), () -> CliRunner.run(
                "simulate", dir.resolve("mine.yaml").toString(), "--out", dir.resolve("results").toString()));
        assertEquals(1, r.exitCode(), r.err());
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).startsWith("engram: error: listener " + FaultyRule.class.getName() + " threw when"
                + " shown ") && lines.get(0).endsWith("(thrown by the code"
                + " of the user plasticity rule " + FaultyRule.class.getName() + ", whose stack frames follow)"),
                r.err());
        assertTrue(lines.get(0).contains("java.lang.IllegalStateException: no postsynaptic spike today"), r.err());
        assertTrue(lines.get(1).startsWith("\tat " + FaultyRule.class.getName() + ".onPost("), r.err());
        assertTrue(lines.stream().skip(1).allMatch(l -> l.startsWith("\tat org.engram.experiments.cli.")
                || l.startsWith("\t... ")), "the user's frames alone: " + r.err());
    }

    /**
     * The frames may be a cause's: an exception without frames around the one the rule's code made is told as the
     * user's, the cause on a line of its own with its frames; and every line is out when the command returns, also
     * where standard error does not flush at a line's end.
     */
    @Test
    void aCauseOfTheRulesExceptionIsToldWithItsFrames(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.yaml"), config.replace("plasticity: {type: symmetric_stdp, a: 0.1}",
                "plasticity: {type: wrapping_faulty_stdp}"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CliRunner.Result r = withProviders(dir, List.of(WrappingFaultyProvider.class.getName()), () -> {
            CommandLine cl = EngramCommand.commandLine();
            cl.setOut(new PrintWriter(new StringWriter()));
            cl.setErr(new PrintWriter(bytes));
            int code = cl.execute("simulate", dir.resolve("mine.yaml").toString(), "--out",
                    dir.resolve("results").toString());
            return new CliRunner.Result(code, "", bytes.toString(StandardCharsets.UTF_8));
        });
        assertEquals(1, r.exitCode(), r.err());
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.size() >= 3, "the line, the cause and its frames: " + r.err());
        assertTrue(lines.get(0).contains(": " + FramelessException.class.getName() + ": wrapped; ")
                && lines.get(0).endsWith("(thrown by the code of the user plasticity rule " + FaultyRule.class.getName()
                + ", whose stack frames follow)"), r.err());
        assertEquals("caused by: java.lang.IllegalStateException: no postsynaptic spike today", lines.get(1), r.err());
        assertTrue(lines.get(2).startsWith("\tat " + FaultyRule.class.getName() + ".onPost("), r.err());
    }

    /** Code that fails when its entry is asked for: left out. */
    public static final class ThrowingProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            throw new IllegalStateException("no entry today");
        }
    }

    /**
     * The rule changes the weight as computed by hand from the recorded spike times: nothing at the
     * first presynaptic spike (no postsynaptic one yet), {@code a exp(-(t_post - 10) / 20)} at the
     * postsynaptic spike, {@code a exp(-(25 - t_post) / 20)} at the second presynaptic spike;
     * {@code tau_ms} takes the provider's default. The summary and the resolved config say so, and
     * the resolved config runs again to the same weight.
     */
    @Test
    void aUserRuleLearnsAsComputedByHandFromAConfig(@TempDir Path dir) throws Exception {
        CliRunner.Result r = simulate(dir, config);
        assertEquals(0, r.exitCode(), r.err());
        Path folder = Path.of(r.lastLine());
        List<String> post = Files.readAllLines(folder.resolve("spikes_post.csv"));
        assertEquals(2, post.size(), "one postsynaptic spike: " + post);
        double tPost = Double.parseDouble(post.get(1).split(",")[0]);
        assertTrue(tPost > 14 && tPost < 17, "driven at 14 ms plus a 1 ms delay: " + tPost);
        double expected = 0.5 + 0.1 * Math.exp(-(tPost - 10) / 20) + 0.1 * Math.exp(-(25 - tPost) / 20);
        List<String> synapses = Files.readAllLines(folder.resolve("synapses_pre_to_post.csv"));
        // The weight is stored as a float: 6e-8 relative.
        assertEquals(expected, Double.parseDouble(synapses.get(1).split(",")[2]), 1e-6, synapses.toString());
        String summary = Files.readString(folder.resolve("summary.md"));
        assertTrue(summary.contains(String.format(Locale.ROOT, "- projection pre->post (symmetric_stdp, 1 synapse):"
                + " mean weight 0.500000 before the run, %.6g after", expected)), summary);
        String resolved = Files.readString(folder.resolve("config.yaml"));
        assertTrue(resolved.contains("type: symmetric_stdp") && resolved.contains("a: 0.1")
                && resolved.contains("tau_ms: 20.0") && resolved.contains("w_max: 1.0"), resolved);
        CliRunner.Result again = withProviders(dir, List.of(README_PROVIDER), () -> CliRunner.run(
                "simulate", folder.resolve("config.yaml").toString(), "--out", dir.resolve("again").toString()));
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(synapses, Files.readAllLines(Path.of(again.lastLine()).resolve("synapses_pre_to_post.csv")));
        // A --set reaches the rule's keys too: a amplitude of 0 leaves the weight as it was.
        CliRunner.Result set = simulate(dir, config, "--set", "projections[0].plasticity.a=0");
        assertEquals(0, set.exitCode(), set.err());
        assertEquals("0.5", Files.readAllLines(Path.of(set.lastLine()).resolve("synapses_pre_to_post.csv")).get(1)
                .split(",")[2]);
    }

    /**
     * The whole {@code stdp.yaml} the README spells out in its prose, its projection the README's entry,
     * ends as the README says: every weight at the provider's default {@code w_max} of 1 (100 sources at
     * 50 Hz drive the 10 targets, and each pairing adds), from the 0.5 it was given.
     */
    @Test
    void theReadmesWholeConfigLearnsWhatTheReadmeSays(@TempDir Path dir) throws Exception {
        List<String> lines = ReadmeBlocks.spansAfter("(a whole `stdp.yaml`:", 4);
        assertEquals("projections:", lines.get(3));
        String yaml = String.join("\n", lines) + "\n" + ReadmeBlocks.block("yaml", "plasticity: {type: symmetric_stdp");
        CliRunner.Result r = simulate(dir, yaml);
        assertEquals(0, r.exitCode(), r.err());
        String summary = Files.readString(Path.of(r.lastLine()).resolve("summary.md"));
        assertTrue(summary.contains("- projection pre->post (symmetric_stdp, 1000 synapses): mean weight 0.500000"
                + " before the run, 1.00000 after"), summary);
        assertTrue(Files.readString(Path.of("../README.md")).replaceAll("\\s+", " ").contains(
                "its summary gives the mean weight, 0.5 before and 1.0, `w_max`, after"), "the README's sentence");
    }

    /**
     * The README's Java use of the rule, compiled as written into a method, learns what the hand
     * computation of the config's run says, from the post spike the engine gives; a record of another
     * type is refused by name.
     */
    @Test
    void theReadmeJavaUseMakesTheRuleWithItsChecks(@TempDir Path dir) throws Exception {
        String snippet = ReadmeBlocks.block("java", "PlasticityRules.make(\"symmetric_stdp\"");
        Path file = dir.resolve("ReadmeJavaUse.java");
        Files.writeString(file, String.join("\n",
                "import org.engram.learning.plasticity.PlasticityRule;",
                "import org.engram.learning.plasticity.PlasticityRules;",
                "import org.engram.simulator.engine.Engine;",
                "import org.engram.simulator.network.Projection;",
                "public final class ReadmeJavaUse {",
                "    public static void attach(Engine engine, Projection projection) {",
                snippet,
                "    }",
                "}", ""));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path") + java.io.File.pathSeparator + readmeClasses, file.toString()),
                "the README's Java use compiles as written");
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> pre = b.population("pre", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{10, 25}}));
        Population<?, ?> drive = b.population("drive", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{14}}));
        Population<?, ?> post = b.population("post", 1, LifDelta.MODEL, LifDelta.MODEL.defaultsWith(Map.of("tau_m", 20,
                "e_l", 0, "v_th", 20, "v_reset", 0, "t_ref", 2)));
        b.connect("pre->post", pre, post, Rules.allToAll(), Synapses.excitatory(0.5).delayMs(1).asPlastic());
        b.connect("drive->post", drive, post, Rules.allToAll(), Synapses.excitatory(30).delayMs(1));
        Network network = b.build();
        Projection projection = network.projection("pre->post");
        withProviders(dir, List.of(README_PROVIDER), () -> {
            // The services' folder, which withProviders puts on the class path, holds the compiled class too.
            try (Engine engine = new Engine(network, EngineOptions.grid(1))) {
                SpikeRecorder spikes = engine.recordSpikes(post);
                Thread.currentThread().getContextClassLoader().loadClass("ReadmeJavaUse")
                        .getMethod("attach", Engine.class, Projection.class)
                        .invoke(null, engine, projection);
                engine.run(40);
                assertEquals(1, spikes.count());
                double tPost = spikes.timeMs(0);
                double expected = 0.5 + 0.1 * Math.exp(-(tPost - 10) / 20) + 0.1 * Math.exp(-(25 - tPost) / 20);
                assertEquals(expected, projection.weights()[0], 1e-6, "a float weight: 6e-8 relative");
                ParameterException wrong = assertThrows(ParameterException.class, () -> PlasticityRules.make(
                        "symmetric_stdp", projection, new Strength(0.1, 0, 1)));
                assertEquals("parameters", wrong.location());
                assertEquals("a record of " + Strength.class.getName(), wrong.found());
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            return null;
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a: 0.1, tau_m: 5 | mine.yaml:9:49: projections[0].plasticity.tau_m: expected one of the keys [a, tau_ms,"
                    + " w_max, w_min], found unknown key 'tau_m'; did you mean 'tau_ms'?",
            "a: 0.1, tau: 5 | mine.yaml:9:49: projections[0].plasticity.tau: expected one of the keys [a, tau_ms,"
                    + " w_max, w_min], found unknown key 'tau'; did you mean 'tau_ms'?",
            "a: abc | mine.yaml:9:41: projections[0].plasticity.a: expected a value of type number, found the text"
                    + " \"abc\"",
            "a: 0.1, tau_ms: -1 | mine.yaml:9:49: projections[0].plasticity.tau_ms: expected a finite number > 0 (ms),"
                    + " found -1",
            "a: 0.1, w_min: -1 | mine.yaml:9:49: projections[0].plasticity.w_min: expected a weight >= 0 for the"
                    + " excitatory projection 'pre->post', found -1",
            "a: 0.1, w_max: 0.4 | mine.yaml:8:59: projections[0].weight: expected weights within the rule's bounds"
                    + " [w_min, w_max] = [0.0, 0.4], found 0.5 (synapse 0)",
            "a: -1 | mine.yaml:9:41: projections[0].plasticity.a: expected a finite number >= 0 (weight unit),"
                    + " found -1"})
    void aUserRulesProblemIsReportedAtItsKey(String entry, String message, @TempDir Path dir) throws Exception {
        CliRunner.Result r = simulate(dir, config.replace("type: symmetric_stdp, a: 0.1", "type: symmetric_stdp, "
                + entry));
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertFalse(Files.exists(dir.resolve("results").resolve("mine")), "no folder is made");
    }

    /** A name no rule has is answered with the closest one and where a rule of one's own is found. */
    @Test
    void anUnknownRuleNameSuggestsTheClosest(@TempDir Path dir) throws Exception {
        CliRunner.Result r = simulate(dir, config.replace("symmetric_stdp", "symetric_stdp"));
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("mine.yaml:9:19: projections[0].plasticity.type: expected one of [pair_stdp,"
                + " triplet_stdp, vogels_sprekeler, symmetric_stdp], found symetric_stdp; did you mean"
                + " 'symmetric_stdp'?; a rule of your own is found through its PlasticityRuleProvider"), r.err());
    }

    /**
     * Providers that take a built-in's name or another provider's, whose parameters have a
     * {@code type}, that cannot be loaded or whose code throws are left out by class name, with a
     * warning from {@code engram list}, and the others stay usable; a config naming a rule no loaded
     * provider has is told which were left out.
     */
    @Test
    void brokenProvidersAreLeftOutWithoutTakingTheOthers(@TempDir Path dir) throws Exception {
        List<String> providers = List.of("no.such.Provider", ThrowingProvider.class.getName(),
                ClashingProvider.class.getName(), README_PROVIDER, TypedProvider.class.getName());
        CliRunner.Result list = withProviders(dir, providers, () -> CliRunner.run("list"));
        assertEquals(0, list.exitCode(), list.err());
        String rules = list.out().substring(list.out().indexOf("Plasticity rules of projections"));
        assertTrue(rules.contains("  pair_stdp          pair-based STDP") && rules.contains("  symmetric_stdp     "
                + "symmetric nearest-spike STDP; defaults {a: 0.01, tau_ms: 20.0, w_min: 0.0, w_max: 1.0}"), rules);
        assertEquals(1, rules.split("symmetric_stdp", -1).length - 1, rules);
        String warning = "engram: warning: user plasticity rule left out: ";
        assertTrue(list.err().contains(warning + "cannot load a user plasticity rule") && list.err().contains(
                "no.such.Provider"), list.err());
        assertTrue(list.err().contains(warning + "cannot load the user plasticity rule of "
                + ThrowingProvider.class.getName() + ": java.lang.IllegalStateException: no entry today"), list.err());
        String clash = "the user plasticity rule " + ClashingProvider.class.getName() + " reuses the name 'pair_stdp'"
                + " of the built-in " + PairStdp.class.getName() + " and is left out (the built-in keeps its name):"
                + " rename it";
        assertTrue(list.err().contains(warning + clash), list.err());
        assertTrue(list.err().contains(warning + TypedProvider.class.getName() + ": info().parameters(): expected a"
                + " parameter record without a component named type, the key that names the rule, found "
                + Typed.class.getName()), list.err());
        assertFalse(rules.contains("typed_stdp"), rules);
        Path mine = Files.writeString(dir.resolve("mine.yaml"), config);
        CliRunner.Result run = withProviders(dir, providers, () -> CliRunner.run("simulate", mine.toString(),
                "--out", dir.resolve("results").toString()));
        assertEquals(0, run.exitCode(), run.err());
        // pair_stdp stays the built-in rule, whatever a provider calls its own.
        Path builtIn = Files.writeString(dir.resolve("mine.yaml"), config.replace("type: symmetric_stdp, a: 0.1",
                "type: pair_stdp, a_plus: 0.1, a_minus: 0.12, tau_plus: 20, tau_minus: 30, w_max: 1"));
        CliRunner.Result pair = withProviders(dir, providers, () -> CliRunner.run("simulate", builtIn.toString(),
                "--out", dir.resolve("results").toString()));
        assertEquals(0, pair.exitCode(), pair.err());
        assertTrue(pair.out().contains("(pair_stdp, 1 synapse)"), pair.out());
        // The run that uses the name is told, once, which class was left out; the one that does not, nothing.
        assertEquals(1, pair.err().split(java.util.regex.Pattern.quote("engram: warning: " + clash), -1).length - 1,
                pair.err());
        assertFalse(run.err().contains(clash), run.err());
        Path unknown = Files.writeString(dir.resolve("mine.yaml"), config.replace("symmetric_stdp", "my_rule"));
        CliRunner.Result missing = withProviders(dir, providers, () -> CliRunner.run("simulate", unknown.toString(),
                "--out", dir.resolve("results").toString()));
        assertEquals(2, missing.exitCode(), missing.err());
        assertTrue(missing.err().contains("projections[0].plasticity.type: expected one of [pair_stdp, triplet_stdp,"
                + " vogels_sprekeler, symmetric_stdp], found my_rule; some user plasticity rules could not be loaded: ")
                && missing.err().contains("no.such.Provider") && missing.err().contains(ThrowingProvider.class
                .getName()), missing.err());
    }

    /**
     * Two providers whose rules have one name: neither is used, whichever comes first on the class
     * path, and {@code engram list}, {@code PlasticityRules} and a config that names it agree; a
     * config that does not name it runs.
     */
    @Test
    void aNameTwoProvidersClaimIsUsedByNeither(@TempDir Path dir) throws Exception {
        List<String> providers = List.of(README_PROVIDER, TwinProvider.class.getName());
        String shared = shared(providers);
        CliRunner.Result list = withProviders(dir, providers, () -> CliRunner.run("list"));
        assertEquals(0, list.exitCode(), list.err());
        String rules = list.out().substring(list.out().indexOf("Plasticity rules of projections"));
        assertFalse(rules.contains("symmetric_stdp"), rules);
        assertTrue(list.err().contains("engram: warning: user plasticity rule left out: " + shared), list.err());
        for (List<String> order : List.of(providers, List.of(providers.get(1), providers.get(0)))) {
            Path mine = Files.writeString(dir.resolve("mine.yaml"), config);
            CliRunner.Result run = withProviders(dir, order, () -> CliRunner.run("simulate", mine.toString(),
                    "--out", dir.resolve("results").toString()));
            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.err().contains("projections[0].plasticity.type: expected a name only one rule has, found"
                    + " symmetric_stdp; " + shared(order)), run.err());
        }
        Path builtIn = Files.writeString(dir.resolve("mine.yaml"), config.replace("type: symmetric_stdp, a: 0.1",
                "type: pair_stdp, a_plus: 0.1, a_minus: 0.12, tau_plus: 20, tau_minus: 30, w_max: 1"));
        assertEquals(0, withProviders(dir, providers, () -> CliRunner.run("simulate", builtIn.toString(),
                "--out", dir.resolve("results").toString())).exitCode());
    }

    /** What is said of two providers, in class-path order, whose rules are both named symmetric_stdp. */
    private static String shared(List<String> providers) {
        return "the user plasticity rules " + providers.get(0) + " and " + providers.get(1) + " are both named"
                + " 'symmetric_stdp', so none is used: give each a name of its own, or keep one of them on the class"
                + " path";
    }

    /**
     * {@code engram list}, which scripts read a line an entry, shows a description given on several
     * lines as one line, and says so when a rule gives none (it printed "null").
     */
    @Test
    void descriptionsAreListedOnOneLine(@TempDir Path dir) throws Exception {
        CliRunner.Result list = withProviders(dir, List.of(WordyProvider.class.getName(),
                SilentProvider.class.getName()), () -> CliRunner.run("list"));
        assertEquals(0, list.exitCode(), list.err());
        String rules = list.out().substring(list.out().indexOf("Plasticity rules of projections"));
        String defaults = "; defaults {a: 0.5, w_min: 0.0, w_max: 1.0}\n";
        assertTrue(rules.contains("\n  wordy_stdp         a rule described on two lines" + defaults), rules);
        assertTrue(rules.contains("\n  silent_stdp        (no description)" + defaults), rules);
    }

    /**
     * A factory that throws is a problem of the entry's values, named with them; the rule's
     * projection is not made.
     */
    @Test
    void aFactoryThatThrowsIsReportedWithTheValues(@TempDir Path dir) throws Exception {
        Path fussy = Files.writeString(dir.resolve("mine.yaml"), config.replace("type: symmetric_stdp, a: 0.1",
                "type: fussy_stdp, a: 0.75"));
        CliRunner.Result r = withProviders(dir, List.of(FussyProvider.class.getName()), () -> CliRunner.run(
                "simulate", fussy.toString(), "--out", dir.resolve("results").toString()));
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("mine.yaml:9:6: projections[0].plasticity: expected parameters plasticity rule"
                + " 'fussy_stdp' can be made with, found {a: 0.75, w_min: 0.0, w_max: 1.0}, for which its factory"
                + " threw java.lang.IllegalArgumentException: a = 0.75 is too strong for pre->post"), r.err());
        assertFalse(Files.exists(dir.resolve("results").resolve("mine")), "no folder is made");
        // An Engram exception without a key is the factory's too (it had ended in a NullPointerException).
        Files.writeString(fussy, config.replace("type: symmetric_stdp, a: 0.1", "type: terse_stdp, a: 0.75"));
        CliRunner.Result terse = withProviders(dir, List.of(TerseProvider.class.getName()), () -> CliRunner.run(
                "simulate", fussy.toString(), "--out", dir.resolve("results").toString()));
        assertEquals(2, terse.exitCode(), terse.err());
        assertTrue(terse.err().contains("mine.yaml:9:6: projections[0].plasticity: expected parameters plasticity"
                + " rule 'terse_stdp' can be made with, found {a: 0.75, w_min: 0.0, w_max: 1.0}, for which its factory"
                + " threw " + EngramException.class.getName() + ": not today"), terse.err());
    }

    /** Parameters whose weight bounds are not called w_min and w_max. */
    public record Clamped(double a, double floor, double ceiling) {
    }

    /** Provides {@code clamped_stdp}, bounded by its keys {@code floor} and {@code ceiling}. */
    public static final class ClampedProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("clamped_stdp", "bounds of other names", new PlasticityRules.Parameters<>(
                    Clamped.class, new Clamped(0.1, 0, 1),
                    q -> new PlasticityRules.WeightBounds(q.floor(), q.ceiling(), "floor", "ceiling"),
                    (projection, q) -> new FaultyRule(projection, false)));
        }
    }

    /**
     * A rule whose bounds come from keys of other names than w_min and w_max has them named by those keys, at
     * their lines: the messages had named w_min and w_max, keys the rule does not read.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "floor: -1 | mine.yaml:9:39: projections[0].plasticity.floor: expected a weight >= 0 for the excitatory"
                    + " projection 'pre->post', found -1",
            "ceiling: -1 | mine.yaml:9:39: projections[0].plasticity.ceiling: expected a weight > floor = 0.0, found"
                    + " -1; floor is left out and takes the rule's default: give it (for an inhibitory projection the"
                    + " strongest inhibition, below ceiling)",
            "ceiling: 0.4 | mine.yaml:8:59: projections[0].weight: expected weights within the rule's bounds"
                    + " [floor, ceiling] = [0.0, 0.4], found 0.5 (synapse 0)"})
    void boundsOfOtherNamesAreReportedAtTheirKeys(String entry, String message, @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("mine.yaml"), config.replace("type: symmetric_stdp, a: 0.1",
                "type: clamped_stdp, " + entry));
        CliRunner.Result r = withProviders(dir, List.of(ClampedProvider.class.getName()), () -> CliRunner.run(
                "simulate", file.toString(), "--out", dir.resolve("results").toString()));
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertFalse(Files.exists(dir.resolve("results").resolve("mine")), "no folder is made");
    }

    /** An upper bound left at its default that an inhibitory projection refuses is called the default, at its key. */
    @Test
    void aDefaultBoundOfAnotherNameIsCalledTheDefault(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("mine.yaml"), config.replace("weight: 0.5,",
                "receptor: inhibitory, weight: -0.5,").replace("type: symmetric_stdp, a: 0.1", "type: clamped_stdp"));
        CliRunner.Result r = withProviders(dir, List.of(ClampedProvider.class.getName()), () -> CliRunner.run(
                "simulate", file.toString(), "--out", dir.resolve("results").toString()));
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("projections[0].plasticity.ceiling: expected a weight <= 0 for the inhibitory"
                + " projection 'pre->post', found 1.0 (the rule's default); give ceiling"), r.err());
    }

    /** Simulates {@code dir/mine.yaml} into {@code dir/results}, the README's provider on the class path. */
    private static CliRunner.Result simulate(Path dir, String yaml, String... options) throws Exception {
        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, yaml);
        List<String> args = new ArrayList<>(List.of("simulate", file.toString()));
        args.addAll(List.of(options));
        args.addAll(List.of("--out", dir.resolve("results").toString()));
        return withProviders(dir, List.of(README_PROVIDER), () -> CliRunner.run(args.toArray(String[]::new)));
    }

    /** Runs the command line with a context class loader whose services file names these providers. */
    private static CliRunner.Result withProviders(Path dir, List<String> providers, Supplier<CliRunner.Result> call)
            throws IOException {
        return CliRunner.withServices(dir, PlasticityRuleProvider.class, providers, List.of(readmeClasses), call);
    }
}
