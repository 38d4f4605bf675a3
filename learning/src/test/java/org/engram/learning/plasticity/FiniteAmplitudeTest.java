package org.engram.learning.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Amplitudes and learning rates must be finite: an infinite one passes a ">= 0" check, but a
 * trace of 0 times it is NaN, which then passes through the weight clip into the weights.
 */
class FiniteAmplitudeTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    private static void rejects(String parameter, Executable make) {
        ParameterException e = assertThrows(ParameterException.class, make);
        assertEquals(parameter, e.location(), e.getMessage());
    }

    @Test
    void everyRuleRejectsInfiniteAmplitudes() {
        WeightDependence add = WeightDependence.ADDITIVE;
        Pairing all = Pairing.ALL_TO_ALL;
        rejects("a_plus", () -> new PairStdp.Params(INF, 0.1, 20, 20, 0, 1, add, all));
        rejects("a_minus", () -> new PairStdp.Params(0.1, INF, 20, 20, 0, 1, add, all));
        rejects("a2_plus", () -> new TripletStdp.Params(INF, 0, 0, 0, 17, 34, 100, 125, 0, 1));
        rejects("a3_plus", () -> new TripletStdp.Params(0, INF, 0, 0, 17, 34, 100, 125, 0, 1));
        rejects("a2_minus", () -> new TripletStdp.Params(0, 0, INF, 0, 17, 34, 100, 125, 0, 1));
        rejects("a3_minus", () -> new TripletStdp.Params(0, 0, 0, INF, 17, 34, 100, 125, 0, 1));
        rejects("a_plus", () -> new RewardStdp.Params(INF, 0, 20, 20, 100, 0.1, 0, 1));
        rejects("a_minus", () -> new RewardStdp.Params(0, INF, 20, 20, 100, 0.1, 0, 1));
        rejects("eta", () -> new RewardStdp.Params(0, 0, 20, 20, 100, INF, 0, 1));
        rejects("theta_plus", () -> new AdaptiveThreshold.Params(INF, 100));
    }

    /**
     * Weight bounds must be floats (weights are stored as float: a larger bound would let a stored
     * weight overflow) with w_min below w_max; the largest float itself is a bound a float holds.
     */
    @Test
    void weightBoundsAreFloatsInOrder() {
        WeightDependence add = WeightDependence.ADDITIVE;
        Pairing all = Pairing.ALL_TO_ALL;
        rejects("w_max", () -> new PairStdp.Params(0.1, 0.1, 20, 20, 0, 1e39, add, all));
        rejects("w_min", () -> new PairStdp.Params(0.1, 0.1, 20, 20, -1e39, 1, add, all));
        rejects("w_max", () -> new TripletStdp.Params(0, 0, 0, 0, 17, 34, 100, 125, 1, 0.5));
        new PairStdp.Params(0.1, 0.1, 20, 20, -Float.MAX_VALUE, Float.MAX_VALUE, add, all);
    }
}
