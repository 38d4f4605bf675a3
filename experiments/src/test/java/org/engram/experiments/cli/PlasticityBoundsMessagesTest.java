package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.engram.learning.plasticity.PlasticityRuleProvider;
import org.engram.learning.plasticity.PlasticityRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A plasticity entry's weight bounds refused as a user reads them: a bound the entry leaves out is called the
 * rule's default, with what to give, for a built-in rule and one of the user's own alike; a {@code w_max} below
 * a {@code w_min} left to its default says so; a user rule's bounds are checked with the config's other
 * problems, and its values are shown as written when its factory throws.
 */
class PlasticityBoundsMessagesTest {
    private static final String EXCITATORY = "weight: 0.5";
    private static final String INHIBITORY = "receptor: inhibitory, weight: -0.5";

    /** Parameters of the test's rules: a strength and the weight bounds. */
    public record Strength(double a, double wMin, double wMax) {
    }

    /** Parameters with a text among them. */
    public record Moded(String mode, double wMin, double wMax) {
    }

    /** Provides {@code loose_stdp}, whose default bounds [-1, 1] keep no receptor's sign; never made here. */
    public static final class LooseProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("loose_stdp", "bounds of either sign", new PlasticityRules.Parameters<>(
                    Strength.class, new Strength(0.5, -1, 1), q -> new PlasticityRules.WeightBounds(q.wMin(),
                    q.wMax()), (projection, q) -> {
                        throw new IllegalStateException("never made");
                    }));
        }
    }

    /** Provides {@code moded_stdp}, whose factory refuses every mode. */
    public static final class ModedProvider implements PlasticityRuleProvider {
        @Override
        public PlasticityRules.Info info() {
            return new PlasticityRules.Info("moded_stdp", "a mode", new PlasticityRules.Parameters<>(Moded.class,
                    new Moded("soft", 0, 1), q -> new PlasticityRules.WeightBounds(q.wMin(), q.wMax()),
                    (projection, q) -> {
                        throw new IllegalArgumentException("no " + q.mode() + " mode");
                    }));
        }
    }

    /** A spike source onto one LIF neuron, the projection's weight and plasticity as given, line 8 its entry. */
    private static String config(String weight, String plasticity, String postParams) {
        return String.join("\n",
                "name: bounds",
                "duration_ms: 10",
                "populations:",
                "  - {name: pre, size: 1, model: spike_times, params: {times_ms: [[1.0]]}}",
                "  - {name: post, size: 1, model: lif_delta" + postParams + "}",
                "projections:",
                "  - {source: pre, target: post, rule: {type: all_to_all}, " + weight + ",",
                "     plasticity: {" + plasticity + "}}",
                "");
    }

    /** The lines on standard error of a simulation of {@code yaml}, the test's rules on the class path. */
    private static List<String> refusal(Path dir, String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("bounds.yaml"), yaml);
        CliRunner.Result r = CliRunner.withServices(dir, PlasticityRuleProvider.class, List.of(
                LooseProvider.class.getName(), ModedProvider.class.getName()), List.of(), () -> CliRunner.run(
                        "simulate", file.toString(), "--out", dir.resolve("results").toString()));
        assertEquals(2, r.exitCode(), r.err());
        assertFalse(Files.exists(dir.resolve("results")), "nothing written");
        return r.err().lines().map(l -> l.replace(file.toString(), "bounds.yaml")).toList();
    }

    /**
     * Each refusal, word for word. The hint that w_min takes the rule's default goes with a w_max refused for
     * lying below a w_min left out, and only then: not beside a w_min written (0 too), nor for a w_max refused
     * for its sign. The default is the rule's own: it had been said to be 0, also of a user rule's -1. A w_min
     * written is shown as written (0), one left out as the rule's default reads (0.0).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            INHIBITORY + "| type: pair_stdp, a_plus: 0.1, a_minus: 0.1, tau_plus: 20, tau_minus: 20, w_max: -0.1"
                    + "| 8:92: projections[0].plasticity.w_max: expected a weight > w_min = 0.0, found -0.1;"
                    + " w_min is left out and takes the rule's default: give it (for an inhibitory projection the"
                    + " strongest inhibition, below w_max)",
            INHIBITORY + "| type: loose_stdp, w_max: -2| 8:37: projections[0].plasticity.w_max: expected a weight >"
                    + " w_min = -1.0, found -2; w_min is left out and takes the rule's default: give it (for an"
                    + " inhibitory projection the strongest inhibition, below w_max)",
            INHIBITORY + "| type: pair_stdp, a_plus: 0.1, a_minus: 0.1, tau_plus: 20, tau_minus: 20, w_min: 0,"
                    + " w_max: -0.1| 8:102: projections[0].plasticity.w_max: expected a weight > w_min = 0,"
                    + " found -0.1",
            INHIBITORY + "| type: pair_stdp, a_plus: 0.1, a_minus: 0.1, tau_plus: 20, tau_minus: 20, w_max: 0.5"
                    + "| 8:92: projections[0].plasticity.w_max: expected a weight <= 0 for the inhibitory projection"
                    + " 'pre->post', found 0.5",
            INHIBITORY + "| type: triplet_stdp| 8:6: projections[0].plasticity.w_max: expected a weight <= 0 for the"
                    + " inhibitory projection 'pre->post', found 1.0 (the rule's default); give w_max",
            INHIBITORY + "| type: loose_stdp| 8:6: projections[0].plasticity.w_max: expected a weight <= 0 for the"
                    + " inhibitory projection 'pre->post', found 1.0 (the rule's default); give w_max",
            EXCITATORY + "| type: loose_stdp| 8:6: projections[0].plasticity.w_min: expected a weight >= 0 for the"
                    + " excitatory projection 'pre->post', found -1.0 (the rule's default); give w_min",
            EXCITATORY + "| type: loose_stdp, w_min: -2| 8:37: projections[0].plasticity.w_min: expected a weight"
                    + " >= 0 for the excitatory projection 'pre->post', found -2",
            EXCITATORY + "| type: moded_stdp| 8:6: projections[0].plasticity: expected parameters plasticity rule"
                    + " 'moded_stdp' can be made with, found {mode: soft, w_min: 0.0, w_max: 1.0}, for which its"
                    + " factory threw java.lang.IllegalArgumentException: no soft mode"})
    void aBoundIsRefusedAsWrittenOrAsTheRulesDefault(String weight, String plasticity, String message,
                                                     @TempDir Path dir) throws IOException {
        assertEquals(List.of("engram: error: bounds.yaml:" + message), refusal(dir, config(weight, plasticity, "")));
    }

    /**
     * A user rule's default bound of the wrong sign is found with the config's other problems, before the network
     * is built: left to the rule's making, it waited until the neuron's bad tau_m was mended, and lost the word
     * that the value is the rule's default.
     */
    @Test
    void aUserRulesBoundIsReportedBesideTheOtherProblems(@TempDir Path dir) throws IOException {
        assertEquals(List.of(
                "engram: error: 2 problems:",
                "  bounds.yaml:5:54: populations[1].params.tau_m: expected a finite number > 0 (ms), found -1",
                "  bounds.yaml:8:6: projections[0].plasticity.w_max: expected a weight <= 0 for the inhibitory"
                        + " projection 'pre->post', found 1.0 (the rule's default); give w_max"),
                refusal(dir, config(INHIBITORY, "type: loose_stdp", ", params: {tau_m: -1}")));
    }
}
