package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.input.PoissonSource;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.monitor.RateMonitor;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.monitor.SpikeTrainDigest;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code poisson_source} neuron that fires {@code k} spikes in a grid step is {@code k} spikes
 * everywhere: each target receives its weight {@code k} times at the arrival step, each spike is
 * a synaptic event, recorders, rate monitors and listeners see {@code k}, and the trains are the
 * same for any number of threads.
 */
class PoissonSourceMultiplicityTest {
    private static final double DT = 0.1;
    /** 30 kHz: 3 spikes per step on average, several in 80% of steps. */
    private static final double RATE_HZ = 30_000;

    /**
     * Sources into a log of every target's input at every step, one to one, through an excitatory
     * projection of weight 0.25 with a delay of one step and an inhibitory one of weight -0.5 with
     * three. A spike of step {@code e} arrives in the target's step {@code e + d}, so the log must
     * read {@code 0.25 k} and {@code -0.5 k} there, {@code k} counted from the recorder (the
     * weights are binary fractions: the sums are exact). A listener makes the engine deliver every
     * spike at once, so every spike of the run is a synaptic event of each projection.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void targetReceivesTheWeightOncePerSpikeOfItsSourcesStep(int threads) {
        int n = 40;
        int steps = 300;
        NetworkBuilder b = new NetworkBuilder(DT).seed(3);
        Population<?, ?> src = b.population("src", n, PoissonSource.MODEL, new PoissonSource.Params(RATE_HZ));
        Population<InputLog.Params, InputLog.State> log = b.population("log", n, InputLog.MODEL,
                new InputLog.Params(steps));
        b.connect("exc", src, log, Rules.oneToOne(), Synapses.excitatory(0.25).delayMs(0.1));
        b.connect("inh", src, log, Rules.oneToOne(), Synapses.inhibitory(-0.5).delayMs(0.3));
        int[][] counts = new int[n][steps];
        long[] heard = new long[1];
        try (Engine e = new Engine(b.build(), EngineOptions.grid(threads).withMinParallelNeuronSteps(0))) {
            SpikeRecorder r = e.recordSpikes(src);
            RateMonitor rates = e.recordRate(src, DT);
            e.addListener((p, neuron, t) -> heard[0] += p == src ? 1 : 0);
            e.run(steps * DT);
            for (int k = 0; k < r.count(); k++) {
                counts[r.neuron(k)][(int) Math.round(r.timeMs(k) / DT) - 1]++;
            }
            assertEquals(r.count(), heard[0], "spikes the listener heard");
            assertEquals(r.count(), e.spikeCount(), "spikes the engine counted");
            assertEquals(2L * r.count(), e.synapticEvents(), "one event per spike and projection");
            double perBin = 0;
            for (double hz : rates.ratesHz()) {
                perBin += hz * n * DT / 1000;
            }
            assertEquals(r.count(), perBin, 1e-6, "spikes in the rate monitor's bins");
        }
        int several = 0;
        InputLog.State in = log.state();
        for (int i = 0; i < n; i++) {
            assertEquals(0.0, in.excitatory[0][i], 0.0, "nothing arrives in step 0");
            for (int s = 0; s < steps; s++) {
                several += counts[i][s] >= 2 ? 1 : 0;
                if (s + 1 < steps) {
                    assertEquals(0.25 * counts[i][s], in.excitatory[s + 1][i], 0.0, "neuron " + i + ", step " + s);
                }
                if (s + 3 < steps) {
                    assertEquals(-0.5 * counts[i][s], in.inhibitory[s + 3][i], 0.0, "neuron " + i + ", step " + s);
                }
            }
        }
        // P(N >= 2) = 1 - 4 exp(-3) = 0.80 of 12,000 steps.
        assertTrue(several > 8000, "steps with several spikes: " + several);
    }

    private record Outcome(String hash, long spikes, long events, double[] v) {
    }

    /** Fast and slow sources into LIF neurons through drawn delays, on {@code options}. */
    private static Outcome run(EngineOptions options) {
        NetworkBuilder b = new NetworkBuilder(DT).seed(17);
        Population<?, ?> fast = b.population("fast", 60, PoissonSource.MODEL, new PoissonSource.Params(RATE_HZ));
        Population<?, ?> slow = b.population("slow", 30, PoissonSource.MODEL, new PoissonSource.Params(200));
        Population<?, ?> lif = b.population("lif", 301, LifDelta.MODEL, new LifDelta.Params(20, 250, 0, 20, 10, 2, 0));
        b.connect("fast->lif", fast, lif, Rules.fixedProbability(0.2), Synapses.excitatory(0)
                .weights(new UniformRealDistribution(new SplitMixRandom(0), 0.05, 0.3))
                .delays(new UniformRealDistribution(new SplitMixRandom(1), 0.5, 2.0)));
        b.connect("slow->lif", slow, lif, Rules.fixedInDegree(5), Synapses.excitatory(1.5).delayMs(0.5));
        b.connect("lif->lif", lif, lif, Rules.fixedInDegree(20), Synapses.inhibitory(-0.4).delayMs(0.7));
        Network net = b.build();
        SpikeTrainDigest digest = new SpikeTrainDigest(DT);
        try (Engine e = new Engine(net, options)) {
            e.addObserver(digest);
            e.run(60);
            e.run(40.3);
            return new Outcome(digest.hex(), e.spikeCount(), e.synapticEvents(), lif.state().values("v").clone());
        }
    }

    @Test
    void sameTrainsStateAndEventsForOneToFourThreads() {
        Outcome one = run(EngineOptions.grid(1));
        // 60 sources at 30 kHz for 100.3 ms: about 180,000 spikes, most in steps of several.
        assertTrue(one.spikes() > 170_000, "spikes: " + one.spikes());
        for (int threads = 2; threads <= 4; threads++) {
            Outcome other = run(EngineOptions.grid(threads).withMinParallelNeuronSteps(0));
            assertEquals(one.hash(), other.hash(), threads + " threads: spike trains differ");
            assertEquals(one.spikes(), other.spikes(), threads + " threads: spike counts differ");
            assertEquals(one.events(), other.events(), threads + " threads: synaptic events differ");
            assertArrayEquals(one.v(), other.v(), 0.0, threads + " threads: state differs");
        }
        Outcome inline = run(EngineOptions.grid(3).withMinParallelNeuronSteps(Integer.MAX_VALUE));
        assertEquals(one.hash(), inline.hash(), "shares run on one thread: spike trains differ");
    }
}
