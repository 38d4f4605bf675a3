package org.engram.learning.layered;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.engram.learning.encode.Encoder;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.train.Trainer;
import org.engram.learning.train.TrainerOptions;
import org.engram.simulator.ParameterException;
import org.engram.simulator.monitor.SpikeRecorder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The engine's run of a layered net agrees with the trainer's forward pass, its second method, at
 * a time step other than 1 ms (where a time multiplied or divided by the step is the same), in its
 * readout values as well as its spikes and predictions; a readout tie goes to the lowest class in
 * both.
 */
class EngineInferenceTimeStepTest {
    private static final int INPUTS = 20;
    private static final int CLASSES = 3;
    private static final int STEPS = 12;
    private static final double DT_MS = 0.5;

    private static LayeredNetSpec spec(Readout readout) {
        return new LayeredNetSpec(INPUTS, List.of(HiddenLayer.lif(10, 5.0).withReset(ResetMode.ZERO)),
                new ReadoutLayer(CLASSES, readout, 5.0, 1.0, ResetMode.ZERO, 10.0), DT_MS, 3.0);
    }

    private static float[] sample(int s) {
        float[] x = new float[INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            x[i] = ((i * 7 + s * 3) % 10) / 9f;
        }
        return x;
    }

    /** The engine's spikes of one population by trainer step: trainer step t ends at (t + 2) dt. */
    private static int[][] byStep(SpikeRecorder r) {
        int[][] out = new int[STEPS][];
        for (int t = 0; t < STEPS; t++) {
            double time = (t + 2) * DT_MS;
            List<Integer> at = new java.util.ArrayList<>();
            for (int k = 0; k < r.timesMs().length; k++) {
                if (Math.abs(r.timesMs()[k] - time) < DT_MS / 2) {
                    at.add(r.neurons()[k]);
                }
            }
            out[t] = at.stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return out;
    }

    private static int firstLargest(float[] values) {
        int best = 0;
        for (int j = 1; j < values.length; j++) {
            best = values[j] > values[best] ? j : best;
        }
        return best;
    }

    /**
     * Spike counts are exact; the mean membrane is summed in double by the engine and in float by
     * the trainer, over 12 steps of values of order 1: 1e-5 is some 100 float ulps of slack.
     */
    @ParameterizedTest
    @EnumSource(value = Readout.class, names = {"SPIKE_COUNT", "MEAN_MEMBRANE"})
    void theEngineGivesTheTrainersReadoutAtHalfAMillisecond(Readout readout) {
        LayeredNet net = LayeredNet.create(spec(readout), 5);
        Encoder encoder = RateEncoder.bernoulli(STEPS, 1.0);
        EngineInference engine = new EngineInference(net, encoder, 1);
        float[] logits = new float[CLASSES];
        int spikes = 0;
        try (Trainer trainer = new Trainer(net, encoder, TrainerOptions.defaults().withThreads(1))) {
            for (int s = 0; s < 6; s++) {
                long stream = Encoder.streamState(2, s, Trainer.EVALUATION_EPOCH);
                EngineInference.Result r = engine.run(sample(s), stream);
                int[][][] expected = trainer.spikes(sample(s), stream);
                for (int l = 0; l < expected.length; l++) {
                    int[][] actual = byStep(r.spikes().get(l + 1));
                    for (int t = 0; t < STEPS; t++) {
                        assertArrayEquals(expected[l][t], actual[t], "sample " + s + " layer " + l + " step " + t);
                        spikes += actual[t].length;
                    }
                }
                trainer.logits(sample(s), stream, logits);
                for (int j = 0; j < CLASSES; j++) {
                    assertEquals(logits[j], r.readout()[j], 1e-5, "sample " + s + " class " + j + ": "
                            + Arrays.toString(r.readout()));
                }
                assertEquals(firstLargest(logits), r.prediction(), "sample " + s);
            }
        }
        assertTrue(spikes > 50, "the comparison must cover spikes, saw " + spikes);
    }

    /** All weights 0: every class reads 0, and both the engine and the trainer predict class 0. */
    @Test
    void aReadoutTieGoesToTheLowestClass() {
        LayeredNetSpec spec = spec(Readout.SPIKE_COUNT);
        float[][] zeros = {new float[INPUTS * 10], new float[10 * CLASSES]};
        LayeredNet net = LayeredNet.withWeights(spec, 5, zeros);
        Encoder encoder = RateEncoder.bernoulli(STEPS, 1.0);
        EngineInference.Result r = new EngineInference(net, encoder, 1).run(sample(1), 7L);
        assertArrayEquals(new double[CLASSES], r.readout());
        assertEquals(0, r.prediction());
        try (Trainer trainer = new Trainer(net, encoder, TrainerOptions.defaults().withThreads(1))) {
            assertEquals(0, trainer.predict(new float[][] {sample(1)}, null)[0]);
        }
    }

    @Test
    void refusesZeroThreadsWhenMade() {
        LayeredNet net = LayeredNet.create(spec(Readout.SPIKE_COUNT), 5);
        ParameterException e = assertThrows(ParameterException.class,
                () -> new EngineInference(net, RateEncoder.bernoulli(STEPS, 1.0), 0));
        assertEquals("0", e.found());
    }
}
