package org.engram.learning.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.learning.continual.ImportanceGating;
import org.engram.learning.continual.ModelView;
import org.junit.jupiter.api.Test;

/** Pair STDP with a synapse gate, alone and driven by importance gating across two tasks. */
class GatedPairStdpTest {
    private static final double A_PLUS = 0.01;
    private static final double TAU = 20.0;
    /** Weights near 0.5 are floats: one rounding costs at most 3e-8, a difference of two at most 6e-8. */
    private static final double FLOAT_TOL = 1e-7;

    private static PairStdp.Params params() {
        return new PairStdp.Params(A_PLUS, 0.0, TAU, TAU, 0.0, 1.0, WeightDependence.ADDITIVE, Pairing.ALL_TO_ALL);
    }

    /** Pre 0 at 10 ms, post 0 and 1 at 15 ms: potentiation A e^{-5/tau} on synapses 0 and 1 unless gated. */
    private static void pairOnBoth(TwoPopulations net, PairStdp rule) {
        Drive.spike(rule, net.pre, 0, 10.0);
        rule.onSpike(net.post, 0, 15.0);
        Drive.spike(rule, net.post, 1, 15.0);       // ends the instant of both post spikes
    }

    @Test
    void gatedChangeIsTheFactorTimesTheUngatedOneAndIsReported() {
        float[] factor = {0.25f, 1f};
        double[] recorded = new double[2];
        SynapseGate gate = new SynapseGate() {
            @Override
            public float learningRateFactor(int synapse) {
                return factor[synapse];
            }

            @Override
            public void recordChange(int synapse, double dw) {
                recorded[synapse] += dw;
            }
        };
        TwoPopulations net = new TwoPopulations(1, 2, 0.5);
        pairOnBoth(net, new PairStdp(net.projection, params(), gate));
        double ungated = A_PLUS * Math.exp(-5 / TAU);
        assertEquals(0.5 + 0.25 * ungated, net.weight(0, 0), FLOAT_TOL);
        assertEquals(0.5 + ungated, net.weight(0, 1), FLOAT_TOL);
        assertEquals(net.weight(0, 0) - 0.5f, recorded[0], FLOAT_TOL, "the applied change is reported");
        assertEquals(net.weight(0, 1) - 0.5f, recorded[1], FLOAT_TOL);
    }

    @Test
    void synapseThatChangedInAnEarlierTaskChangesLessInTheNext() {
        double c = 1000;
        ImportanceGating gating = new ImportanceGating(new ImportanceGating.Params(c));
        TwoPopulations first = new TwoPopulations(1, 2, 0.5);
        gating.startTask(view(first));
        PairStdp rule = new PairStdp(first.projection, params(), gating.gate(0));
        Drive.spike(rule, first.pre, 0, 10.0);
        Drive.spike(rule, first.post, 0, 15.0);          // only synapse 0 learns in task 1
        gating.finishTask();
        double importance0 = first.weight(0, 0) - 0.5f;
        assertEquals(importance0, gating.importance(0)[0], FLOAT_TOL);
        assertEquals(0.0, gating.importance(0)[1]);

        TwoPopulations second = new TwoPopulations(1, 2, 0.5);
        gating.startTask(view(second));
        pairOnBoth(second, new PairStdp(second.projection, params(), gating.gate(0)));
        double protectedChange = second.weight(0, 0) - 0.5;
        double freeChange = second.weight(0, 1) - 0.5;
        // g = 1 / (1 + c I) with I = A e^{-5/tau} ~ 7.8e-3 and c = 1000: the important synapse learns ~9x less.
        assertEquals(freeChange / (1 + c * importance0), protectedChange, FLOAT_TOL);
        assertTrue(protectedChange < freeChange / 5, protectedChange + " vs " + freeChange);
    }

    private static ModelView view(TwoPopulations net) {
        return ModelView.singleLayer(net.pre.size(), net.post.size(), net.projection.weights());
    }
}
