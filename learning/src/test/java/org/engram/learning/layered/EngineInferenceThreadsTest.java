package org.engram.learning.layered;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.engram.learning.encode.Encoder;
import org.engram.learning.encode.RateEncoder;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.model.LifDelta;
import org.junit.jupiter.api.Test;

/**
 * Inference on one net from several threads, as a service answering requests does: each run wrote
 * the net's one simulator network before its engine claimed it, so a run overwrote the state of
 * another in progress (a probe: 52 of 400 readouts wrong, 50 runs refused by the engine).
 */
class EngineInferenceThreadsTest {
    private static final int INPUTS = 30;

    private static LayeredNet net() {
        return LayeredNet.create(LayeredNetSpec.of(INPUTS, List.of(HiddenLayer.lif(200, 10.0)
                .withReset(ResetMode.ZERO)), ReadoutLayer.of(3, Readout.MEAN_MEMBRANE, 10.0)), 8);
    }

    private static float[][] samples() {
        float[][] x = new float[2][INPUTS];
        Arrays.fill(x[0], 0.9f);
        for (int i = 0; i < INPUTS; i += 2) {
            x[1][i] = 1f;
        }
        return x;
    }

    /**
     * Two threads infer different samples at once, round after round, each with an inference object
     * of its own; every readout must be the one the sample gives alone. A race shows in a few rounds
     * (a quarter of the probe's), so 100 rounds miss it with a probability far below 1e-9; a correct
     * implementation passes whatever the scheduling.
     */
    @Test
    void concurrentRunsOnOneNetGiveEachSampleItsOwnReadout() throws Exception {
        LayeredNet net = net();
        Encoder encoder = RateEncoder.bernoulli(40, 1.0);
        float[][] x = samples();
        double[][] alone = new double[2][];
        for (int s = 0; s < 2; s++) {
            alone[s] = new EngineInference(net, encoder, 1).run(x[s], s + 1).readout();
        }
        assertTrue(!Arrays.equals(alone[0], alone[1]), "the samples must give different readouts to tell them apart");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 100; round++) {
                List<Future<double[]>> got = new ArrayList<>();
                for (int s = 0; s < 2; s++) {
                    int k = s;
                    got.add(threads.submit(() -> new EngineInference(net, encoder, 1).run(x[k], k + 1).readout()));
                }
                for (int s = 0; s < 2; s++) {
                    try {
                        assertArrayEquals(alone[s], got.get(s).get(), "round " + round + ", sample " + s);
                    } catch (ExecutionException e) {
                        throw new AssertionError("round " + round + ", sample " + s + " failed", e.getCause());
                    }
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** An engine of one's own on the net's network is refused before the run writes the network's state. */
    @Test
    void anOpenEngineOfOnesOwnIsRefusedBeforeAnyStateIsWritten() {
        LayeredNet net = net();
        LifDelta.State hidden = (LifDelta.State) net.network().populations().get(1).state();
        Arrays.fill(hidden.v, 3.5);
        try (Engine own = new Engine(net.network(), EngineOptions.grid(1))) {
            assertThrows(IllegalStateException.class,
                    () -> new EngineInference(net, RateEncoder.bernoulli(40, 1.0), 1).run(samples()[0], 1));
            for (double v : hidden.v) {
                assertEquals(3.5, v, "a hidden potential the refused run overwrote");
            }
        }
    }

    /**
     * The engine's thread count changes nothing: 1, 2, 3 and 4 threads give the same spikes in every
     * population, at the same times, and the same readout, bit for bit, on a net whose 200 hidden
     * units are split between the threads.
     */
    @Test
    void sameSpikesAndReadoutForOneToFourEngineThreads() {
        LayeredNet net = net();
        Encoder encoder = RateEncoder.bernoulli(40, 0.5);
        float[] sample = samples()[0];
        EngineInference.Result one = new EngineInference(net, encoder, 1).run(sample, 5);
        assertTrue(one.spikes().get(1).count() > 500, "many hidden spikes: " + one.spikes().get(1).count());
        for (int threads = 2; threads <= 4; threads++) {
            EngineInference.Result r = new EngineInference(net, encoder, threads).run(sample, 5);
            for (int p = 0; p < one.spikes().size(); p++) {
                assertArrayEquals(one.spikes().get(p).neurons(), r.spikes().get(p).neurons(), threads + " threads");
                assertArrayEquals(one.spikes().get(p).timesMs(), r.spikes().get(p).timesMs(), threads + " threads");
            }
            assertArrayEquals(one.readout(), r.readout(), threads + " threads");
            assertEquals(one.synapticEvents(), r.synapticEvents());
        }
    }

    /**
     * A run starts from rest whatever state the network was left in: potentials and refractory
     * counts written into it (by a simulation of one's own, say) do not change the next run.
     */
    @Test
    void aRunStartsFromRestWhateverStateTheNetworkHolds() {
        LayeredNet net = net();
        Encoder encoder = RateEncoder.bernoulli(40, 1.0);
        double[] clean = new EngineInference(net, encoder, 1).run(samples()[1], 2).readout();
        LifDelta.State hidden = (LifDelta.State) net.network().populations().get(1).state();
        Arrays.fill(hidden.v, 0.7);
        Arrays.fill(hidden.refractorySteps, 30);
        assertArrayEquals(clean, new EngineInference(net, encoder, 1).run(samples()[1], 2).readout());
    }
}
