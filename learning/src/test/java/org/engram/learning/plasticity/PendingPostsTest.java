package org.engram.learning.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The postsynaptic spikes of an instant wait until the instant is over (pre before post): they are
 * applied when the caller says so with {@code afterSpikesAt}, or when a spike of a later instant
 * arrives first, and every one of them counts, however many a neuron fires in one instant.
 * Pair STDP, additive, all-to-all, one synapse: hand-computed from its two exponentials.
 */
class PendingPostsTest {
    private static final double A_PLUS = 0.01;
    private static final double A_MINUS = 0.012;
    private static final double TAU_PLUS = 20;
    private static final double TAU_MINUS = 30;
    private static final double W0 = 0.5;
    /** A weight is a float: a few float ulps at 0.5 (6e-8 each) bound the rounding of a handful of changes. */
    private static final double FLOAT_ROUNDING = 1e-6;

    private static PairStdp.Params params() {
        return new PairStdp.Params(A_PLUS, A_MINUS, TAU_PLUS, TAU_MINUS, 0, 1, WeightDependence.ADDITIVE,
                Pairing.ALL_TO_ALL);
    }

    /**
     * Pre at 0, post at 5, pre at 10, with no {@code afterSpikesAt} at all: the post's potentiation,
     * A+ exp(-5/20), is applied before the second pre reads the post trace, which the post raised to
     * 1 and which depresses by A- exp(-5/30); the same as when each instant is closed by its caller.
     */
    @Test
    void aLaterSpikeAppliesTheInstantsPendingPosts() {
        double expected = W0 + A_PLUS * Math.exp(-5 / TAU_PLUS) - A_MINUS * Math.exp(-5 / TAU_MINUS);
        TwoPopulations open = new TwoPopulations(1, 1, W0);
        PairStdp rule = new PairStdp(open.projection, params());
        rule.onSpike(open.pre, 0, 0);
        rule.onSpike(open.post, 0, 5);
        rule.onSpike(open.pre, 0, 10);
        assertEquals(expected, open.weight(0, 0), FLOAT_ROUNDING);
        TwoPopulations closed = new TwoPopulations(1, 1, W0);
        PairStdp driven = new PairStdp(closed.projection, params());
        Drive.spike(driven, closed.pre, 0, 0);
        Drive.spike(driven, closed.post, 0, 5);
        Drive.spike(driven, closed.pre, 0, 10);
        assertEquals(closed.weight(0, 0), open.weight(0, 0));
    }

    /**
     * A pre spike one ulp after a post spike belongs to the post's instant (precise mode reaches one
     * moment by two routes): it is handled first, as the pre of a zero-lag pair, so the weight gains
     * A+ and loses nothing.
     */
    @Test
    void aPreSpikeAnUlpAfterAPostIsOfTheSameInstant() {
        TwoPopulations net = new TwoPopulations(1, 1, W0);
        PairStdp rule = new PairStdp(net.projection, params());
        rule.onSpike(net.post, 0, 5);
        rule.onSpike(net.pre, 0, Math.nextUp(5.0));
        rule.afterSpikesAt(Math.nextUp(5.0));
        assertEquals(W0 + A_PLUS, net.weight(0, 0), FLOAT_ROUNDING);
    }

    /**
     * A neuron that fires three times in one instant (a model may fire more than once in a step)
     * pairs three times: after a pre at 0 the weight gains 3 A+ exp(-5/20), and its post trace is 3,
     * so a pre at 10 takes 3 A- exp(-5/30).
     */
    @Test
    void everyPostOfAnInstantCountsHoweverManyOneNeuronFires() {
        TwoPopulations net = new TwoPopulations(1, 1, W0);
        PairStdp rule = new PairStdp(net.projection, params());
        Drive.spike(rule, net.pre, 0, 0);
        for (int i = 0; i < 3; i++) {
            rule.onSpike(net.post, 0, 5);
        }
        rule.afterSpikesAt(5);
        double potentiated = W0 + 3 * A_PLUS * Math.exp(-5 / TAU_PLUS);
        assertEquals(potentiated, net.weight(0, 0), FLOAT_ROUNDING);
        Drive.spike(rule, net.pre, 0, 10);
        assertEquals(potentiated - 3 * A_MINUS * Math.exp(-5 / TAU_MINUS), net.weight(0, 0), FLOAT_ROUNDING);
    }
}
