package org.engram.learning.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.engram.simulator.ParameterException;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What {@link PlasticityRules.Parameters} checks of a user rule before and after its provider's
 * code runs: bounds that are a range and hold the projection's weights (0.5 here), a bounds
 * function or factory that returns nothing or a rule of another projection.
 */
class PlasticityRuleParametersTest {
    /** A rule's parameters: only its bounds. */
    record Range(double wMin, double wMax) {
    }

    private static final Function<Range, PlasticityRules.WeightBounds> BOUNDS =
            r -> new PlasticityRules.WeightBounds(r.wMin(), r.wMax());

    /** A rule that changes nothing. */
    private static final class Still extends PlasticityRule {
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

    private static PlasticityRules.Parameters<Range> parameters(BiFunction<Projection, Range, PlasticityRule> factory) {
        return new PlasticityRules.Parameters<>(Range.class, new Range(0, 1), BOUNDS, factory);
    }

    @Test
    void boundsThatHoldTheWeightsAttachTheFactorysRule() {
        Projection projection = new TwoPopulations(2, 3, 0.5).projection;
        Still[] made = new Still[1];
        PlasticityRule rule = parameters((p, r) -> made[0] = new Still(p)).make("still", projection,
                new Range(0, 1));
        assertSame(made[0], rule);
        assertSame(projection, rule.projection());
    }

    @Test
    void boundsThatAreNoRangeAreRefusedNamingTheRule() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> parameters((p, r) -> new Still(p)).boundsOf("still", new Range(1, 1)));
        assertEquals("still", e.source());
        assertEquals("w_max", e.location());
    }

    @Test
    void boundsThatLeaveOutAnInitialWeightAreRefusedBeforeTheFactoryRuns() {
        Projection projection = new TwoPopulations(2, 3, 0.5).projection;
        boolean[] called = new boolean[1];
        ParameterException e = assertThrows(ParameterException.class,
                () -> parameters((p, r) -> {
                    called[0] = true;
                    return new Still(p);
                }).make("still", projection, new Range(0, 0.4)));
        assertTrue(e.getMessage().contains("0.5"), e.getMessage());
        assertFalse(called[0], "the factory ran");
    }

    @Test
    void aBoundsFunctionThatReturnsNullIsTheProvidersFault() {
        PlasticityRules.Parameters<Range> p = new PlasticityRules.Parameters<>(Range.class, new Range(0, 1),
                r -> null, (projection, r) -> new Still(projection));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.boundsOf("still", new Range(0, 1)));
        assertTrue(e.getMessage().contains(Range.class.getName()) && e.getMessage().contains("null"), e.getMessage());
    }

    @Test
    void aFactoryThatReturnsNullOrARuleOfAnotherProjectionIsTheProvidersFault() {
        Projection projection = new TwoPopulations(2, 3, 0.5).projection;
        Projection other = new TwoPopulations(1, 1, 0.5).projection;
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> parameters((p, r) -> null).make("still", projection, new Range(0, 1)));
        assertTrue(none.getMessage().contains("returned null"), none.getMessage());
        IllegalStateException elsewhere = assertThrows(IllegalStateException.class,
                () -> parameters((p, r) -> new Still(other)).make("still", projection, new Range(0, 1)));
        assertTrue(elsewhere.getMessage().contains("returned a rule of projection 'pre->post', not a rule of projection"
                + " 'pre->post'"), elsewhere.getMessage());
    }

    /**
     * A bound must be a finite weight a float holds (weights are stored as floats), named with the
     * value found; the largest float itself is one.
     */
    @Test
    void boundsBeyondAFloatAreRefusedByName() {
        PlasticityRules.Parameters<Range> p = parameters((projection, r) -> new Still(projection));
        for (double bad : new double[] {Double.NaN, Double.NEGATIVE_INFINITY, -1e39}) {
            ParameterException e = assertThrows(ParameterException.class, () -> p.boundsOf("still", new Range(bad, 1)));
            assertEquals("w_min", e.location());
            assertEquals(String.valueOf(bad), e.found());
        }
        ParameterException high = assertThrows(ParameterException.class,
                () -> p.boundsOf("still", new Range(0, Double.POSITIVE_INFINITY)));
        assertEquals("still: w_max: expected a finite weight of magnitude <= " + Float.MAX_VALUE + " (weights are"
                + " stored as float), found Infinity", high.getMessage());
        assertEquals(new PlasticityRules.WeightBounds(-Float.MAX_VALUE, Float.MAX_VALUE),
                p.boundsOf("still", new Range(-Float.MAX_VALUE, Float.MAX_VALUE)));
    }

    /**
     * Bounds must keep the projection's sign: w_min >= 0 on an excitatory projection, w_max <= 0 on an
     * inhibitory one (0 itself allowed), each refused naming the bound, the projection and the value.
     */
    @Test
    void boundsThatWouldFlipTheProjectionsSignAreRefused() {
        PlasticityRules.Parameters<Range> p = parameters((projection, r) -> new Still(projection));
        Projection excitatory = new TwoPopulations(2, 3, 0.5).projection;
        ParameterException e = assertThrows(ParameterException.class,
                () -> p.requireHolds("still", excitatory, new Range(-0.1, 1)));
        assertEquals("still: w_min: expected a weight >= 0 for the excitatory projection 'pre->post', found -0.1",
                e.getMessage());
        p.requireHolds("still", excitatory, new Range(0, 1));
        Projection inhibitory = inhibitory(-0.5);
        ParameterException i = assertThrows(ParameterException.class,
                () -> p.requireHolds("still", inhibitory, new Range(-1, 0.1)));
        assertEquals("still: w_max: expected a weight <= 0 for the inhibitory projection 'inh->post', found 0.1",
                i.getMessage());
        assertSame(inhibitory, p.make("still", inhibitory, new Range(-1, 0)).projection());
    }

    /**
     * Weights are compared as the floats they are stored as: 0.1 stored as a float (0.10000000149) lies
     * within bounds [0.1, 1] although it is above the double 0.1, and [0, 0.1] holds it too.
     */
    @Test
    void aWeightEqualToABoundAsAFloatLiesWithinIt() {
        PlasticityRules.Parameters<Range> p = parameters((projection, r) -> new Still(projection));
        Projection projection = new TwoPopulations(2, 3, 0.1).projection;
        assertTrue(projection.weights()[0] > 0.1, "the float 0.1 is above the double 0.1");
        p.requireHolds("still", projection, new Range(0.1, 1));
        p.requireHolds("still", projection, new Range(0, 0.1));
        ParameterException e = assertThrows(ParameterException.class,
                () -> p.requireHolds("still", projection, new Range(0.11, 1)));
        assertEquals("weights", e.location());
        assertEquals("still on 'pre->post'", e.source());
        assertEquals("0.1 (synapse 0)", e.found());
    }

    /** {@code makeUnchecked} runs the factory without the bounds check, as its contract says. */
    @Test
    void makeUncheckedRunsTheFactoryWithoutCheckingTheBounds() {
        Projection projection = new TwoPopulations(2, 3, 0.5).projection;
        PlasticityRule rule = parameters((p, r) -> new Still(p)).makeUnchecked("still", projection, new Range(0, 0.4));
        assertSame(projection, rule.projection());
    }

    /** Another rule's parameters. */
    record Other(double x) {
    }

    /** Another rule's record is refused by name, with both types, where it had been a bare ClassCastException. */
    @Test
    void aRecordOfAnotherTypeIsRefusedNamingBothTypes() {
        Projection projection = new TwoPopulations(2, 3, 0.5).projection;
        PlasticityRules.Parameters<Range> p = parameters((q, r) -> new Still(q));
        Record wrong = new Other(1);
        for (Executable call : List.<Executable>of(() -> p.make("still", projection, wrong),
                () -> p.makeUnchecked("still", projection, wrong), () -> p.boundsOf("still", wrong))) {
            ParameterException e = assertThrows(ParameterException.class, call);
            assertEquals("still", e.source());
            assertEquals("parameters", e.location());
            assertEquals("a record of " + Range.class.getName(), e.expected());
            assertEquals("a record of " + Other.class.getName(), e.found());
        }
        assertEquals("null", assertThrows(ParameterException.class, () -> p.make("still", projection, null)).found(),
                "no record at all");
    }

    /**
     * Bounds that name their keys are refused by those keys: a range that is empty or past a float at the
     * upper's or lower's, a bound of the wrong sign for the receptor at it, weights outside the bounds
     * with both keys; bounds without keys name w_min and w_max, and a blank key is refused.
     */
    @Test
    void boundsAreRefusedByTheKeysTheyName() {
        PlasticityRules.Parameters<Range> named = new PlasticityRules.Parameters<>(Range.class, new Range(0, 1),
                r -> new PlasticityRules.WeightBounds(r.wMin(), r.wMax(), "floor", "ceiling"), (q, r) -> new Still(q));
        ParameterException empty = assertThrows(ParameterException.class,
                () -> named.boundsOf("mine", new Range(1, 1)));
        assertEquals("ceiling", empty.location());
        assertEquals("a weight > floor = 1.0", empty.expected());
        assertEquals("floor", assertThrows(ParameterException.class,
                () -> named.boundsOf("mine", new Range(-1e39, 1))).location());
        assertEquals("ceiling", assertThrows(ParameterException.class,
                () -> named.make("mine", inhibitory(-0.5), new Range(-1, 0.5))).location());
        assertEquals("floor", assertThrows(ParameterException.class,
                () -> named.make("mine", new TwoPopulations(2, 3, 0.5).projection, new Range(-1, 1))).location());
        ParameterException outside = assertThrows(ParameterException.class,
                () -> named.make("mine", new TwoPopulations(2, 3, 0.5).projection, new Range(0, 0.25)));
        assertEquals("weights within the rule's bounds [floor, ceiling] = [0.0, 0.25]", outside.expected());
        assertEquals("w_max", assertThrows(ParameterException.class,
                () -> parameters((q, r) -> new Still(q)).boundsOf("still", new Range(1, 0))).location());
        ParameterException blank = assertThrows(ParameterException.class,
                () -> new PlasticityRules.WeightBounds(0, 1, "floor", " "));
        assertEquals("maxKey", blank.location());
        assertEquals("' '", blank.found(), "a blank key is shown quoted");
        ParameterException missing = assertThrows(ParameterException.class,
                () -> new PlasticityRules.WeightBounds(0, 1, null, "ceiling"));
        assertEquals("minKey", missing.location());
        assertEquals("null", missing.found());
    }

    /** A projection of one inhibitory neuron onto two, all weights {@code weight}, plastic. */
    private static Projection inhibitory(double weight) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> inh = b.population("inh", 1, LifDelta.MODEL, LifDelta.MODEL.defaults());
        Population<?, ?> post = b.population("post", 2, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("inh->post", inh, post, Rules.allToAll(), Synapses.inhibitory(weight).asPlastic());
        return b.build().projections().get(0);
    }
}
