package org.engram.learning.layered;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.engram.learning.encode.Encoder;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.train.Trainer;
import org.engram.learning.train.TrainerOptions;
import org.engram.simulator.monitor.SpikeRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A net small enough to work by hand, run by the trainer's forward pass and, with reset to zero, by
 * the engine. One input spikes in every step (a value of 1 at Bernoulli gain 1); it feeds two LIF
 * neurons with weights 0.9 and 0.6; each of them feeds one of two mean-membrane readout neurons with
 * weight 1. Every membrane decays by beta = 1/2 per step (tau = dt / ln 2, at dt = 2 ms), threshold 1.
 * By the update of {@link HiddenLayer}'s doc, {@code v_t = beta u_(t-1) + I_t}, a spike where
 * {@code v_t > 1}, then {@code u_t = v_t - 1} (subtract) or {@code 0} (zero); the readout receives
 * a hidden spike one step later:
 * <pre>
 *   step                      0     1      2       3
 *   hidden 0, subtract  v    0.9   1.35*  1.075*  0.9375    (u: 0.9, 0.35, 0.075)
 *   hidden 0, zero      v    0.9   1.35*  0.9     1.35*     (u: 0.9, 0, 0.9)
 *   hidden 1            v    0.6   0.9    1.05*   0.625 (subtract: u = 0.05) or 0.6 (zero: u = 0)
 *   readout 0, subtract v    0     0      1       1.5       mean 2.5 / 4 = 0.625
 *   readout 0, zero     v    0     0      1       0.5       mean 1.5 / 4 = 0.375
 *   readout 1           v    0     0      0       1         mean 0.25
 * </pre>
 * The two resets part in step 2, the first in which a neuron spikes with charge left over, and the
 * readout shows it in step 3.
 */
class LayeredNetByHandTest {
    private static final int STEPS = 4;
    private static final double DT_MS = 2.0;
    private static final float[] SAMPLE = {1f};

    private static LayeredNet net(ResetMode reset) {
        double tau = DT_MS / Math.log(2);
        LayeredNetSpec spec = new LayeredNetSpec(1, List.of(new HiddenLayer(2, NeuronKind.LIF, tau, 1.0, reset,
                100.0, 0.0, false)), new ReadoutLayer(2, Readout.MEAN_MEMBRANE, tau, 1.0, reset, 10.0), DT_MS, 1.0);
        return LayeredNet.withWeights(spec, 1, new float[][] {{0.9f, 0.6f}, {1f, 0f, 0f, 1f}});
    }

    private static int[][] expectedHiddenSpikes(ResetMode reset) {
        return reset == ResetMode.SUBTRACT ? new int[][] {{}, {0}, {0, 1}, {}} : new int[][] {{}, {0}, {1}, {0}};
    }

    private static float[] expectedReadout(ResetMode reset) {
        return new float[] {reset == ResetMode.SUBTRACT ? 0.625f : 0.375f, 0.25f};
    }

    @ParameterizedTest
    @EnumSource(ResetMode.class)
    void theTrainersForwardPassGivesTheHandWorkedSpikesAndReadout(ResetMode reset) {
        Encoder encoder = RateEncoder.bernoulli(STEPS, 1.0);
        try (Trainer trainer = new Trainer(net(reset), encoder, TrainerOptions.defaults().withThreads(1))) {
            int[][][] spikes = trainer.spikes(SAMPLE, 3L);
            int[][] expected = expectedHiddenSpikes(reset);
            for (int t = 0; t < STEPS; t++) {
                assertArrayEquals(expected[t], spikes[0][t], reset + ": hidden spikes of step " + t);
                assertArrayEquals(new int[0], spikes[1][t], "a membrane readout does not spike");
            }
            float[] logits = new float[2];
            trainer.logits(SAMPLE, 3L, logits);
            // Float sums of four terms of order 1: a few ulps (1e-7) at most.
            assertArrayEquals(expectedReadout(reset), logits, 1e-6f, reset.toString());
        }
    }

    /**
     * The engine runs the zero-reset net to the same spikes, trainer step t at time (t + 2) dt, and
     * the same readout; at dt = 2 ms a run of the wrong length (T + 2 steps, not ms) would miss them.
     */
    @Test
    void theEngineGivesTheHandWorkedSpikesAndReadoutWithResetToZero() {
        EngineInference.Result r = new EngineInference(net(ResetMode.ZERO), RateEncoder.bernoulli(STEPS, 1.0), 1)
                .run(SAMPLE, 3L);
        int[][] expected = expectedHiddenSpikes(ResetMode.ZERO);
        List<String> want = new ArrayList<>();
        for (int t = 0; t < STEPS; t++) {
            for (int j : expected[t]) {
                want.add(j + "@" + (t + 2) * DT_MS);
            }
        }
        SpikeRecorder hidden = r.spikes().get(1);
        List<String> got = new ArrayList<>();
        for (int k = 0; k < hidden.count(); k++) {
            got.add(hidden.neurons()[k] + "@" + hidden.timesMs()[k]);
        }
        assertEquals(want, got);
        assertEquals(STEPS, r.spikes().get(0).count(), "the input spikes once per step");
        float[] readout = expectedReadout(ResetMode.ZERO);
        // The engine sums in double what the hand sums exactly: only beta's rounding (1e-16) differs.
        assertArrayEquals(new double[] {readout[0], readout[1]}, r.readout(), 1e-12);
        assertEquals(0, r.prediction());
    }
}
