package org.engram.learning.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AdaptiveThresholdTest {
    @Test
    void offsetIsTheSumOfDecayedIncrements() {
        TwoPopulations net = new TwoPopulations(2, 3, 0.5);
        AdaptiveThreshold theta = new AdaptiveThreshold(net.post, new AdaptiveThreshold.Params(0.05, 100.0));
        double[] spikes = {3.0, 20.0, 21.5, 90.0};
        for (double t : spikes) {
            theta.onSpike(net.post, 1, t);
            theta.onSpike(net.pre, 0, t);
        }
        double expected = 0;
        for (double t : spikes) {
            expected += 0.05 * Math.exp(-(150.0 - t) / 100.0);
        }
        // double arithmetic, a handful of operations: rounding ~1e-17
        assertEquals(expected, theta.offset(1, 150.0), 1e-15);
        double[] all = new double[3];
        theta.offsets(150.0, all);
        assertEquals(0.0, all[0], "a silent neuron keeps offset 0, whatever neuron 0 of another population does");
        assertEquals(expected, all[1], 1e-15);
    }
}
