package org.engram.learning.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.TsodyksMarkram;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

/**
 * Pair STDP on a projection with short-term plasticity: each presynaptic spike delivers the weight
 * the rule has left when it saw the spike, times the spike's factor {@code u_n x_n}.
 */
class ShortTermWithStdpTest {
    private static final double DT = 0.1;
    private static final double TAU_M = 20;

    @Test
    void aSpikeDeliversTheWeightStdpLeftTimesItsFactor() {
        double[] pre = {10, 30, 50, 70, 90};
        // Kicks far above threshold make the target fire at 21, 41 and 61 ms (delay 1 ms): between the
        // presynaptic arrivals (delay 1 ms, at 11, 31, ...), so each pairs and changes the weight.
        double[] kicks = {20, 40, 60};
        NetworkBuilder b = new NetworkBuilder(DT);
        Population<?, ?> src = b.population("src", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {pre}));
        Population<?, ?> kick = b.population("kick", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {kicks}));
        Population<?, ?> t = b.population("t", 1, LifDelta.MODEL, new LifDelta.Params(TAU_M, 250, 0, 20, 0, 2, 0));
        b.connect("stdp", src, t, Rules.allToAll(), Synapses.excitatory(1).asPlastic()
                .shortTermPlasticity(new TsodyksMarkram(0.4, 60, 100)));
        b.connect("kick->t", kick, t, Rules.allToAll(), Synapses.excitatory(100));
        Network net = b.build();
        float[] weights = net.projection("stdp").weights();
        PairStdp rule = new PairStdp(net.projection("stdp"), new PairStdp.Params(0.5, 0.3, 20, 20, 0, 5,
                WeightDependence.ADDITIVE, Pairing.ALL_TO_ALL));
        // Listeners see a spike in the order added, all before it is delivered: this one reads the
        // weight the rule left.
        double[] delivered = new double[pre.length];
        int[] seen = new int[1];
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            StateRecorder v = e.recordState(t, "v", null, DT);
            e.addListener(rule);
            e.addListener((population, neuron, timeMs) -> {
                if (population == src) {
                    delivered[seen[0]++] = weights[0];
                }
            });
            e.run(100);
            // u_n x_n of the train (interval 20 ms, U 0.4, tau_rec 60 ms, tau_fac 100 ms), worked out apart from
            // Engram: u_n = U + u_{n-1} (1 - U) e^(-20/100), x_n = 1 + (x_{n-1} (1 - u_{n-1}) - 1) e^(-20/60).
            double[] f = {0.4, 0.425532333973946, 0.339390569749415, 0.289651265675516, 0.272059225678306};
            for (int n = 0; n < pre.length; n++) {
                int k = (int) Math.round((pre[n] + 1) / DT) - 1;
                double jump = v.value(k, 0) - v.value(k - 1, 0) * Math.exp(-DT / TAU_M);
                // Jumps of ~1 mV read from two samples; the factors written to 15 decimals.
                assertEquals(delivered[n] * f[n], jump, 1e-9, "jump at " + (pre[n] + 1) + " ms");
            }
        }
        // Pairs at 10 -> 21 ms potentiate and 21 -> 30 ms depress: the weight the later spikes carry moved.
        assertTrue(delivered[0] == 1 && Math.abs(delivered[2] - 1) > 0.05, Arrays.toString(delivered));
    }
}
