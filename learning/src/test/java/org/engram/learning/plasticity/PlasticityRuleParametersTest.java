package org.engram.learning.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiFunction;
import java.util.function.Function;
import org.engram.simulator.ParameterException;
import org.engram.simulator.network.Projection;
import org.junit.jupiter.api.Test;

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
        PlasticityRule rule = parameters((p, r) -> made[0] = new Still(p)).attach("still", projection,
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
                }).attach("still", projection, new Range(0, 0.4)));
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
                () -> parameters((p, r) -> null).attach("still", projection, new Range(0, 1)));
        assertTrue(none.getMessage().contains("returned null"), none.getMessage());
        IllegalStateException elsewhere = assertThrows(IllegalStateException.class,
                () -> parameters((p, r) -> new Still(other)).attach("still", projection, new Range(0, 1)));
        assertTrue(elsewhere.getMessage().contains("not a rule of projection 'pre->post'"), elsewhere.getMessage());
    }
}
