package org.engram.learning.layered;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.engram.learning.encode.DirectCurrentEncoder;
import org.engram.learning.encode.EncodedInput;
import org.engram.learning.encode.Encoder;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.train.Trainer;
import org.engram.learning.train.TrainerOptions;
import org.engram.learning.train.optim.LearningRateSchedule;
import org.engram.learning.train.optim.OptimizerSpec;
import org.engram.simulator.ParameterException;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** A network trained by the trainer runs unchanged in the grid engine, spike for spike. */
class EngineInferenceTest {
    private static final int INPUTS = 30;
    private static final int CLASSES = 3;
    private static final int STEPS = 15;

    /** Noisy binary prototypes: each class lights a random 40% of the inputs, 10% of pixels flip. */
    private static float[][] samples(int n, long seed, int[] labels) {
        SplitMixRandom proto = RandomStreams.of(5, Purpose.TASK, 0);
        float[][] p = new float[CLASSES][INPUTS];
        for (int c = 0; c < CLASSES; c++) {
            for (int i = 0; i < INPUTS; i++) {
                p[c][i] = proto.nextDouble() < 0.4 ? 1f : 0f;
            }
        }
        SplitMixRandom rng = RandomStreams.of(seed, Purpose.TASK, 1);
        float[][] x = new float[n][];
        for (int k = 0; k < n; k++) {
            labels[k] = k % CLASSES;
            x[k] = p[labels[k]].clone();
            for (int i = 0; i < INPUTS; i++) {
                if (rng.nextDouble() < 0.1) {
                    x[k][i] = 1f - x[k][i];
                }
            }
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(value = Readout.class, names = {"SPIKE_COUNT", "MEAN_MEMBRANE"})
    void trainedNetworkGivesTheSameSpikesAndPredictionsInTheEngine(Readout readout) {
        ReadoutLayer out = new ReadoutLayer(CLASSES, readout, 10.0, 1.0, ResetMode.ZERO, 10.0);
        LayeredNet net = LayeredNet.create(LayeredNetSpec.of(INPUTS, List.of(
                HiddenLayer.lif(20, 10.0).withReset(ResetMode.ZERO).withRecurrent(true),
                HiddenLayer.lif(12, 10.0).withReset(ResetMode.ZERO)), out), 8);
        Encoder encoder = RateEncoder.bernoulli(STEPS, 1.0);
        int[] y = new int[150];
        float[][] x = samples(150, 3, y);
        TrainerOptions options = TrainerOptions.defaults().withOptimizer(OptimizerSpec.adam(),
                LearningRateSchedule.constant(1e-2)).withBatch(16, 4).withThreads(2).withSeed(4);
        int[] yTest = new int[30];
        float[][] xTest = samples(30, 99, yTest);
        try (Trainer trainer = new Trainer(net, encoder, options)) {
            for (int epoch = 0; epoch < 3; epoch++) {
                trainer.trainEpoch(x, y, epoch);
            }
            EngineInference engine = new EngineInference(net, encoder, 2);
            long[] start = trainer.inferenceActivity();
            int[] predicted = trainer.predict(xTest, null);
            long[] counted = trainer.inferenceActivity();
            int spikes = 0;
            int agreeing = 0;
            long events = 0;
            long engineSpikes = 0;
            for (int s = 0; s < xTest.length; s++) {
                long stream = Encoder.streamState(options.seed(), s, Trainer.EVALUATION_EPOCH);
                int[][][] expected = trainer.spikes(xTest[s], stream);
                EngineInference.Result r = engine.run(xTest[s], stream);
                for (int l = 0; l < expected.length; l++) {
                    // Population 0 is the input; layer l of the trainer is population l + 1.
                    int[][] actual = byStep(r.spikes().get(l + 1), net.spec().dtMs());
                    for (int t = 0; t < STEPS; t++) {
                        assertArrayEquals(expected[l][t], actual[t], "sample " + s + " layer " + l + " step " + t);
                        spikes += expected[l][t].length;
                    }
                }
                assertEquals(predicted[s], r.prediction(), "prediction of sample " + s);
                events += r.synapticEvents();
                for (SpikeRecorder rec : r.spikes()) {
                    for (double t : rec.timesMs()) {
                        engineSpikes += t < (STEPS + 1.5) * net.spec().dtMs() ? 1 : 0;
                    }
                }
                agreeing += predicted[s] == yTest[s] ? 1 : 0;
            }
            assertTrue(spikes > 500, "the comparison must cover many spikes, saw " + spikes);
            // The trainer's activity counts equal what the engine actually did: every spike
            // (input included) and every synaptic event it delivered.
            assertEquals(xTest.length, counted[0] - start[0]);
            assertEquals(engineSpikes, counted[1] - start[1], "spikes");
            assertEquals(events, counted[2] - start[2], "synaptic operations");
            assertTrue(agreeing > 20, "the trained network must classify, got " + agreeing + " of 30");
        }
    }

    /**
     * The engine's spikes by trainer step: engine step {@code t + 1} ends at {@code (t + 2) dt}.
     * An exact float-vs-double tie at threshold would show up here as a differing spike; none occurs
     * in these seeded cases, and a failure would name the sample, layer and step.
     */
    private static int[][] byStep(SpikeRecorder r, double dt) {
        double[] times = r.timesMs();
        int[] neurons = r.neurons();
        int[][] out = new int[STEPS][];
        for (int t = 0; t < STEPS; t++) {
            final double time = (t + 2) * dt;
            out[t] = java.util.stream.IntStream.range(0, times.length)
                    .filter(k -> Math.abs(times[k] - time) < dt / 2).map(k -> neurons[k]).sorted().toArray();
        }
        return out;
    }

    @Test
    void rejectsDynamicsTheEngineDoesNotHave() {
        LayeredNet subtract = LayeredNet.create(LayeredNetSpec.of(INPUTS, List.of(HiddenLayer.lif(5, 10.0)),
                ReadoutLayer.of(CLASSES, Readout.MEAN_MEMBRANE, 10.0)), 1);
        ParameterException e = assertThrows(ParameterException.class,
                () -> new EngineInference(subtract, RateEncoder.bernoulli(STEPS, 1.0), 1));
        assertTrue(e.getMessage().contains("SUBTRACT"), e.getMessage());
    }

    @Test
    void inputSpikesOfMoreThanSixtyFourStepsReachTheEngine() {
        int steps = 70;
        LayeredNet net = LayeredNet.create(LayeredNetSpec.of(INPUTS, List.of(
                HiddenLayer.lif(6, 10.0).withReset(ResetMode.ZERO)),
                new ReadoutLayer(CLASSES, Readout.SPIKE_COUNT, 10.0, 1.0, ResetMode.ZERO, 10.0)), 2);
        Encoder encoder = RateEncoder.bernoulli(steps, 0.3);
        float[] sample = samples(1, 7, new int[1])[0];
        long stream = Encoder.streamState(1, 0, 0);
        EncodedInput encoded = new EncodedInput(steps, INPUTS);
        encoder.encode(sample, stream, encoded);
        // Expected input spikes straight from the encoding: step t is emitted at (t + 1) dt.
        double dt = net.spec().dtMs();
        List<String> expected = new java.util.ArrayList<>();
        for (int t = 0; t < steps; t++) {
            for (int e = encoded.spikeStart(t); e < encoded.spikeEnd(t); e++) {
                expected.add(encoded.index()[e] + "@" + (t + 1));
            }
        }
        SpikeRecorder input = new EngineInference(net, encoder, 1).run(sample, stream).spikes().get(0);
        List<String> actual = new java.util.ArrayList<>();
        int[] neurons = input.neurons();
        double[] times = input.timesMs();
        for (int k = 0; k < neurons.length; k++) {
            actual.add(neurons[k] + "@" + Math.round(times[k] / dt));
        }
        java.util.Collections.sort(expected);
        java.util.Collections.sort(actual);
        assertTrue(expected.size() > 100, "the encoding must have many spikes, has " + expected.size());
        assertEquals(expected, actual);
    }

    @Test
    void rejectsCurrentInputWhichTheEngineWouldSilentlyDrop() {
        LayeredNet net = LayeredNet.create(LayeredNetSpec.of(INPUTS, List.of(
                HiddenLayer.lif(6, 10.0).withReset(ResetMode.ZERO)),
                ReadoutLayer.of(CLASSES, Readout.MEAN_MEMBRANE, 10.0)), 2);
        EngineInference engine = new EngineInference(net, new DirectCurrentEncoder(STEPS, 1.0), 1);
        float[] sample = samples(1, 7, new int[1])[0];
        ParameterException e = assertThrows(ParameterException.class, () -> engine.run(sample, 0L));
        assertTrue(e.getMessage().contains("encoder"), e.getMessage());
    }
}
