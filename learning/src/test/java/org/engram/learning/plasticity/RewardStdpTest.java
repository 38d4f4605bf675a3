package org.engram.learning.plasticity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.engram.simulator.ParameterException;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;

class RewardStdpTest {
    private static final RewardStdp.Params PARAMS = new RewardStdp.Params(0.5, 0.6, 20, 25, 200, 0.1, 0, 1);

    @Test
    void zeroRewardChangesNothing() {
        TwoPopulations net = new TwoPopulations(6, 4, 0.5);
        RewardStdp rule = new RewardStdp(net.projection, PARAMS);
        float[] before = net.projection.weights().clone();
        SplitMixRandom rng = new SplitMixRandom(8);
        double t = 0;
        for (int s = 0; s < 400; s++) {
            t += rng.nextDouble();
            Drive.spike(rule, rng.nextBoolean() ? net.pre : net.post, rng.nextInt(4), t);
            if (s % 40 == 0) {
                rule.reward(0.0, t);
            }
        }
        rule.reward(0.0, t + 1);
        assertNotEquals(0.0, rule.eligibility(0, t + 1),
                "pairs must leave eligibility, or zero reward is not the cause");
        assertArrayEquals(before, net.projection.weights());
    }

    /**
     * A reward at infinity had been taken: it decayed every eligibility to 0 stored at infinity, the
     * next spike multiplied that by exp(+infinity), and the next reward made every weight NaN.
     */
    @Test
    void aRewardAtAnInfiniteTimeIsRefused() {
        TwoPopulations net = new TwoPopulations(1, 1, 0.5);
        RewardStdp rule = new RewardStdp(net.projection, PARAMS);
        Drive.spike(rule, net.pre, 0, 10.0);
        Drive.spike(rule, net.post, 0, 15.0);
        ParameterException refused = assertThrows(ParameterException.class,
                () -> rule.reward(1, Double.POSITIVE_INFINITY));
        assertEquals("reward time", refused.location());
        assertEquals("Infinity", refused.found());
        assertEquals("eligibility time", assertThrows(ParameterException.class,
                () -> rule.eligibility(0, Double.POSITIVE_INFINITY)).location());
        Drive.spike(rule, net.pre, 0, 20.0);
        rule.reward(1, 20);
        // The pair at 10 and 15 ms, decayed 5 ms with tau_c, then the post-pre pair at 15 and 20 ms; a
        // float weight: 1e-6.
        double eligibility = 0.5 * Math.exp(-5 / 20.0) * Math.exp(-5 / 200.0) - 0.6 * Math.exp(-5 / 25.0);
        assertEquals(0.5 + 0.1 * eligibility, net.projection.weights()[0], 1e-6, "the refused reward changed nothing");
    }

    @Test
    void rewardConvertsDecayedEligibilityIntoWeight() {
        TwoPopulations net = new TwoPopulations(1, 1, 0.5);
        RewardStdp rule = new RewardStdp(net.projection, PARAMS);
        Drive.spike(rule, net.pre, 0, 10.0);
        Drive.spike(rule, net.post, 0, 15.0);
        assertEquals(0.5f, net.weight(0, 0), "pairs alone do not change weights");
        rule.reward(2.0, 40.0);
        double eligibility = 0.5 * Math.exp(-5 / 20.0) * Math.exp(-25 / 200.0);
        // float weight near 0.5: rounding below 3e-8
        assertEquals(0.5 + 0.1 * 2.0 * eligibility, net.weight(0, 0), 1e-7);
    }

    /**
     * Post-before-pre pairs lower the eligibility by A- e^(-lag / tau-), and a reward does not use the
     * eligibility up (Izhikevich 2007: c keeps decaying with tau_c after dopamine arrives), so a second
     * reward converts it again at its then decayed value.
     */
    @Test
    void depressionEligibilityOutlivesAReward() {
        TwoPopulations net = new TwoPopulations(1, 1, 0.5);
        RewardStdp rule = new RewardStdp(net.projection, PARAMS);
        Drive.spike(rule, net.post, 0, 10.0);
        Drive.spike(rule, net.pre, 0, 18.0);
        double atPair = -0.6 * Math.exp(-8 / 25.0);
        assertEquals(atPair, rule.eligibility(0, 18.0), 1e-15);
        rule.reward(1.0, 30.0);
        double w = 0.5 + 0.1 * 1.0 * atPair * Math.exp(-12 / 200.0);
        assertEquals(w, net.weight(0, 0), 1e-7, "first reward");   // float near 0.5: rounding below 3e-8
        rule.reward(-2.0, 50.0);
        w += 0.1 * -2.0 * atPair * Math.exp(-32 / 200.0);
        assertEquals(w, net.weight(0, 0), 1e-7, "second reward, same eligibility decayed further");
    }

    /**
     * Two sources and two targets, each pair of neurons with its own synapse (index {@code 2 source + target}):
     * each eligibility holds only the pairs of its own two neurons, +A+ e^(-lag / tau+) for pre before post,
     * -A- e^(-lag / tau-) for post before pre, each decayed with tau_c from its pair to the read at 40 ms,
     * and a reward there moves each weight by eta R times its own eligibility.
     */
    @Test
    void eachSynapseCollectsOnlyThePairsOfItsOwnNeurons() {
        // Each spike's side ('r' pre, 'o' post), neuron and time (ms).
        char[] sides = {'r', 'o', 'r', 'o', 'r'};
        int[] neurons = {0, 1, 1, 0, 0};
        double[] times = {10, 14, 20, 25, 33};
        TwoPopulations net = new TwoPopulations(2, 2, 0.5);
        RewardStdp rule = new RewardStdp(net.projection, PARAMS);
        for (int i = 0; i < times.length; i++) {
            Drive.spike(rule, sides[i] == 'r' ? net.pre : net.post, neurons[i], times[i]);
        }
        double[] expected = {
            // 0 -> 0: pre 10, post 25 (+, lag 15), pre 33 (-, lag 8)
            0.5 * Math.exp(-15 / 20.0) * Math.exp(-15 / 200.0) - 0.6 * Math.exp(-8 / 25.0) * Math.exp(-7 / 200.0),
            // 0 -> 1: pre 10, post 14 (+, lag 4), pre 33 (-, lag 19)
            0.5 * Math.exp(-4 / 20.0) * Math.exp(-26 / 200.0) - 0.6 * Math.exp(-19 / 25.0) * Math.exp(-7 / 200.0),
            // 1 -> 0: pre 20, post 25 (+, lag 5)
            0.5 * Math.exp(-5 / 20.0) * Math.exp(-15 / 200.0),
            // 1 -> 1: post 14, pre 20 (-, lag 6)
            -0.6 * Math.exp(-6 / 25.0) * Math.exp(-20 / 200.0),
        };
        for (int k = 0; k < 4; k++) {
            // two pairs of a few double products each: within 1e-15 of values below 1
            assertEquals(expected[k], rule.eligibility(k, 40.0), 1e-15, "eligibility of synapse " + k);
        }
        rule.reward(1.5, 40.0);
        for (int k = 0; k < 4; k++) {
            // float weights near 0.5: rounding below 3e-8
            assertEquals(0.5 + 0.1 * 1.5 * expected[k], net.weight(k / 2, k % 2), 1e-7, "weight of synapse " + k);
        }
    }

    /**
     * A reward dated before the last spike is refused: the eligibility would be read extrapolated
     * backwards, and came out above its value at the spike (0.0622 against 0.0607). A reward that
     * is not a number would turn every weight into NaN.
     */
    @Test
    void aRewardBeforeTheLastSpikeOrNotANumberIsRefused() {
        TwoPopulations net = new TwoPopulations(1, 1, 0.5);
        RewardStdp rule = new RewardStdp(net.projection, PARAMS);
        Drive.spike(rule, net.pre, 0, 0.0);
        Drive.spike(rule, net.post, 0, 10.0);
        ParameterException early = assertThrows(ParameterException.class, () -> rule.reward(1.0, 5.0));
        assertEquals("reward time", early.location(), early.getMessage());
        assertThrows(ParameterException.class, () -> rule.reward(Double.NaN, 20.0));
        assertEquals(0.5f, net.weight(0, 0), "nothing changed");
        rule.reward(1.0, 10.0);
        assertEquals(0.5 + 0.1 * 0.5 * Math.exp(-10 / 20.0), net.weight(0, 0), 1e-7);
    }
}
