package org.engram.learning.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.engram.simulator.ParameterException;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PairStdpTest {
    private static final double A_PLUS = 0.01;
    private static final double A_MINUS = 0.012;
    private static final double TAU_PLUS = 16.8;
    private static final double TAU_MINUS = 33.7;
    /** Weights near 0.5 are floats: one rounding of the result costs at most 3e-8. */
    private static final double FLOAT_TOL = 1e-7;

    private static PairStdp.Params params(WeightDependence dependence, Pairing pairing) {
        return new PairStdp.Params(A_PLUS, A_MINUS, TAU_PLUS, TAU_MINUS, 0.0, 1.0, dependence, pairing);
    }

    @ParameterizedTest
    @CsvSource({"ALL_TO_ALL, 1.5", "ALL_TO_ALL, 10", "ALL_TO_ALL, 40", "NEAREST, 3", "NEAREST, 25"})
    void singlePairChangeIsExponentialInTheLagOnBothSides(Pairing pairing, double lag) {
        TwoPopulations net = new TwoPopulations(1, 1, 0.5);
        PairStdp rule = new PairStdp(net.projection, params(WeightDependence.ADDITIVE, pairing));
        Drive.spike(rule, net.pre, 0, 100.0);
        Drive.spike(rule, net.post, 0, 100.0 + lag);
        assertEquals(0.5 + A_PLUS * Math.exp(-lag / TAU_PLUS), net.weight(0, 0), FLOAT_TOL, "pre before post");

        TwoPopulations other = new TwoPopulations(1, 1, 0.5);
        PairStdp rule2 = new PairStdp(other.projection, params(WeightDependence.ADDITIVE, pairing));
        Drive.spike(rule2, other.post, 0, 100.0);
        Drive.spike(rule2, other.pre, 0, 100.0 + lag);
        assertEquals(0.5 - A_MINUS * Math.exp(-lag / TAU_MINUS), other.weight(0, 0), FLOAT_TOL, "post before pre");
    }

    @Test
    void multiplicativeChangeScalesWithDistanceToTheBound() {
        TwoPopulations net = new TwoPopulations(1, 2, 0.8);
        PairStdp rule = new PairStdp(net.projection, params(WeightDependence.MULTIPLICATIVE, Pairing.ALL_TO_ALL));
        Drive.spike(rule, net.pre, 0, 10.0);
        Drive.spike(rule, net.post, 0, 15.0);
        Drive.spike(rule, net.post, 1, 30.0);
        Drive.spike(rule, net.pre, 0, 37.0);
        double w0 = 0.8f;
        // target 0: +A(1 - w0) e^{-5/tau+}, then at the pre spike 37 ms: -A-(w - 0) e^{-22/tau-}
        double afterLtp = w0 + A_PLUS * (1 - w0) * Math.exp(-5 / TAU_PLUS);
        double expected0 = afterLtp - A_MINUS * afterLtp * Math.exp(-22 / TAU_MINUS);
        // target 1: +A(1 - w0) e^{-20/tau+}, then -A- w e^{-7/tau-}
        double ltp1 = w0 + A_PLUS * (1 - w0) * Math.exp(-20 / TAU_PLUS);
        double expected1 = ltp1 - A_MINUS * ltp1 * Math.exp(-7 / TAU_MINUS);
        assertEquals(expected0, net.weight(0, 0), FLOAT_TOL);
        assertEquals(expected1, net.weight(0, 1), FLOAT_TOL);
    }

    /**
     * The multiplicative factors are distances to the bounds themselves, not to 0 and 1: with bounds
     * [0.25, 1.5], +A+ (1.5 - w0) e^{-5/tau+} at the post spike, then -A- (w - 0.25) e^{-22/tau-}.
     */
    @Test
    void multiplicativeChangeScalesWithDistanceToBoundsOtherThanZeroAndOne() {
        TwoPopulations net = new TwoPopulations(1, 1, 0.8);
        PairStdp rule = new PairStdp(net.projection, new PairStdp.Params(A_PLUS, A_MINUS, TAU_PLUS, TAU_MINUS, 0.25,
                1.5, WeightDependence.MULTIPLICATIVE, Pairing.ALL_TO_ALL));
        Drive.spike(rule, net.pre, 0, 10.0);
        Drive.spike(rule, net.post, 0, 15.0);
        Drive.spike(rule, net.pre, 0, 37.0);
        double afterLtp = 0.8f + A_PLUS * (1.5 - 0.8f) * Math.exp(-5 / TAU_PLUS);
        double expected = afterLtp - A_MINUS * (afterLtp - 0.25) * Math.exp(-22 / TAU_MINUS);
        // weights near 1 are floats: each of the two roundings costs at most 6e-8
        assertEquals(expected, net.weight(0, 0), 2 * FLOAT_TOL);
    }

    @Test
    void nearestPairingCountsOnlyTheLatestPresynapticSpike() {
        double[] change = new double[2];
        Pairing[] modes = {Pairing.ALL_TO_ALL, Pairing.NEAREST};
        for (int m = 0; m < 2; m++) {
            TwoPopulations net = new TwoPopulations(1, 1, 0.5);
            PairStdp rule = new PairStdp(net.projection, params(WeightDependence.ADDITIVE, modes[m]));
            Drive.spike(rule, net.pre, 0, 0.0);
            Drive.spike(rule, net.pre, 0, 6.0);
            Drive.spike(rule, net.post, 0, 10.0);
            change[m] = net.weight(0, 0) - 0.5;
        }
        assertEquals(A_PLUS * (Math.exp(-10 / TAU_PLUS) + Math.exp(-4 / TAU_PLUS)), change[0], FLOAT_TOL);
        assertEquals(A_PLUS * Math.exp(-4 / TAU_PLUS), change[1], FLOAT_TOL);
    }

    /**
     * The symmetric nearest-spike scheme of Morrison, Diesmann and Gerstner (2008, Fig. 7A) on the
     * depression side too: a presynaptic spike pairs only with the latest postsynaptic one, and a
     * postsynaptic spike may pair with a presynaptic spike that an earlier postsynaptic spike has
     * already paired with.
     */
    @Test
    void nearestPairingIsSymmetric() {
        TwoPopulations net = new TwoPopulations(1, 1, 0.5);
        PairStdp rule = new PairStdp(net.projection, params(WeightDependence.ADDITIVE, Pairing.NEAREST));
        Drive.spike(rule, net.post, 0, 0.0);
        Drive.spike(rule, net.post, 0, 5.0);
        Drive.spike(rule, net.pre, 0, 12.0);    // pairs with the post spike at 5 only: -A- e^(-7/tau-)
        Drive.spike(rule, net.post, 0, 20.0);   // +A+ e^(-8/tau+)
        Drive.spike(rule, net.post, 0, 30.0);   // pairs with the same pre spike again: +A+ e^(-18/tau+)
        double expected = 0.5 - A_MINUS * Math.exp(-7 / TAU_MINUS) + A_PLUS * Math.exp(-8 / TAU_PLUS)
                + A_PLUS * Math.exp(-18 / TAU_PLUS);
        // three changes, each rounded to a float near 0.5 (at most 3e-8): within FLOAT_TOL
        assertEquals(expected, net.weight(0, 0), FLOAT_TOL);
    }

    @Test
    void weightsStayWithinBoundsUnderStrongRandomDrive() {
        TwoPopulations net = new TwoPopulations(20, 15, 0.5);
        PlasticityRule[] rules = {
            new PairStdp(net.projection, new PairStdp.Params(0.4, 0.5, 20, 20, 0.1, 0.9, WeightDependence.ADDITIVE,
                    Pairing.ALL_TO_ALL)),
            new TripletStdp(net.projection, new TripletStdp.Params(0.3, 0.3, 0.4, 0.2, 17, 34, 100, 125, 0.1, 0.9)),
            new RewardStdp(net.projection, new RewardStdp.Params(1, 1, 20, 20, 200, 5, 0.1, 0.9)),
        };
        SplitMixRandom rng = new SplitMixRandom(4);
        boolean sawLow = false;
        boolean sawHigh = false;
        for (PlasticityRule rule : rules) {
            double t = 0;
            for (int s = 0; s < 3000; s++) {
                t += rng.nextDouble() * 2;
                if (rng.nextBoolean()) {
                    Drive.spike(rule, net.pre, rng.nextInt(20), t);
                } else {
                    Drive.spike(rule, net.post, rng.nextInt(15), t);
                }
                if (rule instanceof RewardStdp r && s % 50 == 0) {
                    r.reward(rng.nextDouble() * 4 - 2, t);
                }
            }
            for (float w : net.projection.weights()) {
                assertTrue(w >= 0.1f && w <= 0.9f, rule.getClass().getSimpleName() + " left bounds: " + w);
                sawLow |= w == 0.1f;
                sawHigh |= w == 0.9f;
            }
        }
        assertTrue(sawLow && sawHigh, "the drive must push weights onto both bounds, or the test tests nothing");
    }

    @Test
    void rejectsAStaticProjectionAndAnEmptyWeightRange() {
        assertThrows(ParameterException.class, () -> new PairStdp.Params(0.1, 0.1, 20, 20, 1.0, 1.0,
                WeightDependence.ADDITIVE, Pairing.ALL_TO_ALL));
        assertThrows(ParameterException.class, () -> new PairStdp.Params(0.1, Double.NaN, 20, 20, 0, 1,
                WeightDependence.ADDITIVE, Pairing.ALL_TO_ALL));
        ParameterException unset = assertThrows(ParameterException.class, () -> new PairStdp.Params(0.1, 0.1, 20, 20,
                0, 1, null, null));
        assertEquals(List.of("dependence", "pairing"), unset.problems().stream().map(ParameterException::location)
                .toList(), unset.getMessage());
    }
}
