package org.engram.learning.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

/**
 * Ways a library user can misuse a rule that used to fail silently (weights sent to their bounds,
 * inhibitory synapses turned excitatory, nothing learnt) or mid-run with a bare exception.
 */
class RuleMisuseTest {
    private static final PairStdp.Params UNIT = new PairStdp.Params(0.01, 0.01, 20, 20, 0, 1,
            WeightDependence.ADDITIVE, Pairing.ALL_TO_ALL);

    /** One source joined to one LIF neuron, through a plastic projection or a static one. */
    static Network network(Receptor receptor, boolean plastic) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> src = b.population("src", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{1, 2}}));
        Population<?, ?> out = b.population("out", 1, LifDelta.MODEL, LifDelta.MODEL.defaults());
        Synapses s = Synapses.of(receptor, receptor == Receptor.EXCITATORY ? 0.5 : -0.5);
        b.connect("src->out", src, out, Rules.allToAll(), plastic ? s.asPlastic() : s);
        return b.build();
    }

    @Test
    void aStaticProjectionIsRefused() {
        Projection fixed = network(Receptor.EXCITATORY, false).projections().get(0);
        ParameterException e = assertThrows(ParameterException.class, () -> new PairStdp(fixed, UNIT));
        assertTrue(e.getMessage().contains("plastic projection") && e.getMessage().contains("src->out"),
                e.getMessage());
    }

    /**
     * A static projection whose weights differ keeps one weight per synapse too, yet is refused: a rule
     * on it would change weights its builder declared fixed.
     */
    @Test
    void aStaticProjectionWithPerSynapseWeightsIsRefused() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> src = b.population("src", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{1}}));
        Population<?, ?> out = b.population("out", 2, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("src->out", src, out, Rules.matrix(new double[][] {{0.2, 0.4}}), Synapses.excitatory(0.3));
        Projection fixed = b.build().projections().get(0);
        assertTrue(fixed.weights() != null && !fixed.plastic(), "the case needs a static projection with weights");
        assertEquals("plasticity rule: projection: expected a plastic projection (Synapses.asPlastic()), found "
                + "src->out", assertThrows(ParameterException.class, () -> new PairStdp(fixed, UNIT)).getMessage());
    }

    /**
     * The check by bare bounds, as a config uses it before its network exists: each receptor refuses the
     * bound that would cross zero, by its key, and accepts bounds that keep its sign (zero included).
     */
    @Test
    void boundsThatCrossZeroAreRefusedByTheirKey() {
        assertEquals("pair_stdp: w_max: expected a weight <= 0 for the inhibitory projection 'i', found 0.5",
                assertThrows(ParameterException.class, () -> PlasticityRule.requireBoundsKeepSign("pair_stdp",
                        Receptor.INHIBITORY, "i", -1, 0.5)).getMessage());
        assertEquals("pair_stdp: w_min: expected a weight >= 0 for the excitatory projection 'e', found -0.5",
                assertThrows(ParameterException.class, () -> PlasticityRule.requireBoundsKeepSign("pair_stdp",
                        Receptor.EXCITATORY, "e", -0.5, 1)).getMessage());
        PlasticityRule.requireBoundsKeepSign("pair_stdp", Receptor.INHIBITORY, "i", -1, 0);
        PlasticityRule.requireBoundsKeepSign("pair_stdp", Receptor.EXCITATORY, "e", 0, 1);
        // A null receptor had passed both tests, as any bounds would.
        assertEquals("pair_stdp: receptor: expected the projection's receptor, found null", assertThrows(
                ParameterException.class, () -> PlasticityRule.requireBoundsKeepSign("pair_stdp", null, "e", -5, 1))
                .getMessage());
        assertEquals("bounds", assertThrows(ParameterException.class, () -> PlasticityRule.requireBoundsKeepSign(
                "pair_stdp", Receptor.EXCITATORY, "e", null)).location());
    }

    /** Bounds [0, 1] on an inhibitory projection would clip -0.5 to 0 and then potentiate it. */
    @Test
    void boundsOfTheWrongSignAreRefused() {
        Projection inhibitory = network(Receptor.INHIBITORY, true).projections().get(0);
        ParameterException e = assertThrows(ParameterException.class, () -> new PairStdp(inhibitory, UNIT));
        assertEquals("w_max", e.location());
        new PairStdp(inhibitory, new PairStdp.Params(0.01, 0.01, 20, 20, -1, 0, WeightDependence.ADDITIVE,
                Pairing.ALL_TO_ALL));
    }

    /**
     * Initial weights outside a rule's bounds are refused when it is attached, by synapse: the
     * first change clipped one to a bound, a jump no spike pair made (5 under [0, 1] became 1 at
     * one presynaptic spike). A weight equal to a bound as the float it is stored as lies within.
     */
    @Test
    void initialWeightsOutsideTheBoundsAreRefused() {
        Projection heavy = new TwoPopulations(2, 2, 5).projection;
        assertEquals("pair_stdp on 'pre->post': weights: expected weights within the rule's bounds [w_min, w_max] = "
                + "[0.0, 1.0], found 5.0 (synapse 0)", assertThrows(ParameterException.class,
                () -> new PairStdp(heavy, UNIT)).getMessage());
        assertEquals("weights", assertThrows(ParameterException.class, () -> new TripletStdp(heavy,
                TripletStdp.Params.visualCortex())).location());
        assertEquals("weights", assertThrows(ParameterException.class, () -> new RewardStdp(heavy,
                new RewardStdp.Params(1, 1, 20, 20, 200, 0.01, 0, 1))).location());
        new PairStdp(new TwoPopulations(2, 2, 0.1).projection, new PairStdp.Params(0.01, 0.01, 20, 20, 0, 0.1,
                WeightDependence.ADDITIVE, Pairing.ALL_TO_ALL));
    }

    /**
     * Weights written between runs are held to each built-in rule's bounds before the next run, as
     * initial weights are when the rule is attached: 5 under [0, 1] had been clipped to 1 at the
     * first spike, and NaN, which no bound comparison caught, kept by the clip.
     */
    @Test
    void weightsWrittenOutsideTheBoundsBetweenRunsAreRefusedByRule() {
        TwoPopulations pair = new TwoPopulations(2, 2, 0.5);
        TwoPopulations triplet = new TwoPopulations(2, 2, 0.5);
        TwoPopulations reward = new TwoPopulations(2, 2, 0.5);
        TwoPopulations vogels = new TwoPopulations(2, 2, -0.5, Receptor.INHIBITORY);
        List<PlasticityRule> rules = List.of(new PairStdp(pair.projection, UNIT),
                new TripletStdp(triplet.projection, TripletStdp.Params.visualCortex()),
                new RewardStdp(reward.projection, new RewardStdp.Params(1, 1, 20, 20, 200, 0.01, 0, 1)),
                new VogelsSprekeler(vogels.projection, new VogelsSprekeler.Params(20, 0.01, 0.2, 1)));
        List<TwoPopulations> nets = List.of(pair, triplet, reward, vogels);
        String[] expected = {"pair_stdp on 'pre->post': weights: expected weights within the rule's bounds [w_min, "
                + "w_max] = [0.0, 1.0], found 5.0 (synapse 3)", "triplet_stdp on 'pre->post': weights: expected "
                + "weights within the rule's bounds [w_min, w_max] = [0.0, 1.0], found 5.0 (synapse 3)",
            "reward_stdp on 'pre->post': weights: expected weights within the rule's bounds [w_min, w_max] = [0.0, "
                + "1.0], found 5.0 (synapse 3)", "vogels_sprekeler on 'pre->post': weights: expected weights within "
                + "the rule's bounds [-w_max, 0] = [-1.0, 0.0], found -5.0 (synapse 3)"};
        for (int r = 0; r < rules.size(); r++) {
            float[] w = nets.get(r).projection.weights();
            try (Engine e = new Engine(nets.get(r).network, EngineOptions.grid(1))) {
                e.addListener(rules.get(r));
                e.run(1);
                w[3] = r == 3 ? -5 : 5;
                assertEquals(expected[r], assertThrows(ParameterException.class, () -> e.run(1)).getMessage());
                w[3] = r == 3 ? -0.5f : 0.5f;
                e.run(1);
                assertEquals(2, e.timeMs(), 1e-12, "refused before the run, the engine goes on");
            }
        }
    }

    /** NaN lies within no bounds: an initial NaN is refused (comparisons with it are all false). */
    @Test
    void aNaNWeightIsOutsideEveryBound() {
        TwoPopulations two = new TwoPopulations(2, 2, 0.5);
        two.projection.weights()[1] = Float.NaN;
        assertEquals("pair_stdp on 'pre->post': weights: expected weights within the rule's bounds [w_min, w_max] = "
                + "[0.0, 1.0], found NaN (synapse 1)", assertThrows(ParameterException.class,
                () -> new PairStdp(two.projection, UNIT)).getMessage());
    }

    /**
     * Code that drives a rule by hand, as the rules' own tests do, is refused a spike at NaN, which
     * had passed the check of time order (every comparison with NaN is false) and turned the traces,
     * then every weight a later spike reached, to NaN; and a neuron or population that is not the
     * rule's, which had failed inside the rule with a bare array index or null error.
     */
    @Test
    void aSpikeShownByHandIsCheckedByArgument() {
        TwoPopulations two = new TwoPopulations(2, 3, 0.5);
        PairStdp rule = new PairStdp(two.projection, UNIT);
        Drive.spike(rule, two.pre, 0, 1);
        ParameterException nan = assertThrows(ParameterException.class, () -> rule.onSpike(two.post, 0, Double.NaN));
        assertEquals("plasticity rule of 'pre->post': timeMs: expected a spike time in ms, found NaN",
                nan.getMessage());
        assertEquals("PlasticityRule.onSpike: neuron: expected an index in [0, 3), found 3", assertThrows(
                IndexOutOfBoundsException.class, () -> rule.onSpike(two.post, 3, 2)).getMessage());
        assertEquals("PlasticityRule.onSpike: neuron: expected an index in [0, 2), found -1", assertThrows(
                IndexOutOfBoundsException.class, () -> rule.onSpike(two.pre, -1, 2)).getMessage());
        assertEquals("population", assertThrows(ParameterException.class, () -> rule.onSpike(null, 0, 2))
                .location());
        Drive.spike(rule, two.post, 0, 2);
        assertEquals(0.5f + 0.01f * (float) Math.exp(-1 / 20.0), rule.weights()[0], 1e-7f,
                "the refused spikes left the pair's potentiation as it was");
        AdaptiveThreshold theta = new AdaptiveThreshold(two.post, new AdaptiveThreshold.Params(0.1, 20));
        assertEquals("time", assertThrows(ParameterException.class, () -> theta.onSpike(two.post, 0, Double.NaN))
                .location());
        assertEquals("AdaptiveThreshold.onSpike: neuron: expected an index in [0, 3), found 3", assertThrows(
                IndexOutOfBoundsException.class, () -> theta.onSpike(two.post, 3, 1)).getMessage());
    }

    @Test
    void nullArgumentsAreRefusedByName() {
        Projection plastic = network(Receptor.EXCITATORY, true).projections().get(0);
        assertEquals("plasticity rule: projection: expected a plastic projection (Synapses.asPlastic()), found null",
                assertThrows(ParameterException.class, () -> new PairStdp(null, UNIT)).getMessage());
        assertEquals("pair_stdp: params: expected the rule's parameters, found null",
                assertThrows(ParameterException.class, () -> new PairStdp(plastic, null)).getMessage());
        assertEquals("params", assertThrows(ParameterException.class, () -> new TripletStdp(plastic, null)).location());
        assertEquals("params", assertThrows(ParameterException.class, () -> new RewardStdp(plastic, null)).location());
        // Both had been a bare NullPointerException.
        assertEquals("adaptive_threshold: params: expected the rule's parameters, found null", assertThrows(
                ParameterException.class, () -> new AdaptiveThreshold(plastic.target(), null)).getMessage());
        assertEquals("population", assertThrows(ParameterException.class,
                () -> new AdaptiveThreshold(null, new AdaptiveThreshold.Params(1, 10))).location());
    }

    /** Every bad parameter at once, as the pair and triplet rules' records report them (reward STDP gave the first). */
    @Test
    void rewardAndThresholdParametersReportEveryProblem() {
        ParameterException reward = assertThrows(ParameterException.class,
                () -> new RewardStdp.Params(-1, -1, -1, 20, 100, 0.1, 1, 0));
        assertEquals(List.of("a_plus", "a_minus", "tau_plus", "w_max"),
                reward.problems().stream().map(ParameterException::location).toList());
        ParameterException threshold = assertThrows(ParameterException.class,
                () -> new AdaptiveThreshold.Params(-1, 0));
        assertEquals(List.of("theta_plus", "tau_theta"),
                threshold.problems().stream().map(ParameterException::location).toList());
    }

    /** A later engine starts at time 0; traces of the earlier clock would grow by exp(+dt / tau). */
    @Test
    void aRuleFollowsOneEnginesClock() {
        Network net = network(Receptor.EXCITATORY, true);
        PairStdp rule = new PairStdp(net.projections().get(0), UNIT);
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            e.addListener(rule);
            e.run(5);
        }
        Population<?, ?> src = net.projections().get(0).source();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> rule.onSpike(src, 0, 1.0));
        assertTrue(e.getMessage().contains("attach a new rule to each engine"), e.getMessage());
        // A second engine refuses the rule as it is added, before a run could fail at its first spike
        // and spend the network with its learned weights: a new rule goes on from them.
        float learned = rule.weights()[0];
        try (Engine again = new Engine(net, EngineOptions.grid(1))) {
            ParameterException refused = assertThrows(ParameterException.class, () -> again.addListener(rule));
            assertEquals("plasticity rule of 'src->out': engine: expected an engine whose clock has reached the last"
                    + " spike shown, at 2.0 ms (a new engine's clock starts at 0), found 0.0 ms; attach a new rule to"
                    + " each engine", refused.getMessage());
            ((SpikeTimes.State) src.state()).load(new double[][] {{1}});
            PairStdp fresh = new PairStdp(net.projections().get(0), UNIT);
            again.addListener(fresh);
            again.run(5);   // the network was not spent
            assertEquals(learned, fresh.weights()[0], "the weight the first engine left (no spike pair changes it)");
            assertEquals(5.0, again.timeMs());
        }
    }

    /** Through an engine of the network built again, the rule is refused as it is added. */
    @Test
    void aRuleOfAnotherNetworkIsRefusedByTheEngine() {
        PairStdp rule = new PairStdp(network(Receptor.EXCITATORY, true).projections().get(0), UNIT);
        try (Engine rebuilt = new Engine(network(Receptor.EXCITATORY, true), EngineOptions.grid(1))) {
            ParameterException refused = assertThrows(ParameterException.class, () -> rebuilt.addListener(rule));
            assertEquals("plasticity rule of 'src->out': projection: expected a projection of the engine's network (one"
                    + " built again, even from the same seed, has projections of its own), found 'src->out' of another"
                    + " network; make the rule with engine.network().projection(\"src->out\")", refused.getMessage());
        }
    }

    /** A network built again has populations of the same names; the old rule would learn nothing. */
    @Test
    void aRuleOfAnotherNetworkIsRefusedAtItsFirstSpike() {
        PairStdp rule = new PairStdp(network(Receptor.EXCITATORY, true).projections().get(0), UNIT);
        Network rebuilt = network(Receptor.EXCITATORY, true);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> rule.onSpike(rebuilt.projections().get(0).source(), 0, 1.0));
        assertTrue(e.getMessage().contains("another network"), e.getMessage());
        // The other network's target population, in the place of the rule's own target, is refused as well.
        IllegalStateException atTarget = assertThrows(IllegalStateException.class,
                () -> rule.onSpike(rebuilt.projections().get(0).target(), 0, 1.0));
        assertTrue(atTarget.getMessage().contains("another network"), atTarget.getMessage());
    }

    /** Adaptive thresholds, like a rule, follow one engine's clock and one network, refused as they are added. */
    @Test
    void adaptiveThresholdsFollowOneEngineAndOneNetwork() {
        Network net = network(Receptor.EXCITATORY, true);
        Population<?, ?> src = net.projections().get(0).source();
        AdaptiveThreshold theta = new AdaptiveThreshold(src, new AdaptiveThreshold.Params(0.05, 100));
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            e.addObserver(theta);
            e.run(5);   // the source fires at 1 and 2 ms
        }
        try (Engine again = new Engine(net, EngineOptions.grid(1))) {
            assertEquals("adaptive_threshold of 'src': engine: expected an engine whose clock has reached the last"
                    + " spike shown, at 2.0 ms (a new engine's clock starts at 0), found 0.0 ms; make new thresholds"
                    + " for each engine", assertThrows(ParameterException.class, () -> again.addObserver(theta))
                    .getMessage());
        }
        try (Engine rebuilt = new Engine(network(Receptor.EXCITATORY, true), EngineOptions.grid(1))) {
            assertEquals("adaptive_threshold: population: expected a population of the engine's network (one built"
                    + " again, even from the same seed, has populations of its own), found 'src' of another network",
                    assertThrows(ParameterException.class, () -> rebuilt.addObserver(theta)).getMessage());
        }
        assertEquals(0.05 * Math.exp(-9 / 100.0) + 0.05 * Math.exp(-8 / 100.0), theta.offset(0, 10), 1e-12,
                "the offsets of the first engine's two spikes, untouched");
    }
}
