package org.engram.learning.plasticity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.engine.Mode;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.LifExp;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.monitor.RateMonitor;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.monitor.SpikeTrainDigest;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * With plasticity rules (pair STDP on the excitation, Vogels-Sprekeler on the inhibition) and every
 * kind of monitor attached, 1, 2, 3 and 4 threads give
 * bit-identical spike trains, weights, state samples and rates; the monitors change nothing.
 */
class PlasticDeterminismTest {
    private static final float INITIAL_LOW = 0.1f;
    private static final float INITIAL_HIGH = 0.4f;

    /** The inhibitory weight the Vogels-Sprekeler rule starts from. */
    private static final float INITIAL_INHIBITION = -0.8f;

    /** Recurrent plastic excitation, plastic inhibition (another model), Poisson drive. */
    private static Network network() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(77);
        Population<?, ?> exc = b.population("exc", 300, LifDelta.MODEL, new LifDelta.Params(20, 250, 0, 20, 10, 2, 0));
        Population<?, ?> inh = b.population("inh", 75, LifExp.MODEL,
                new LifExp.Params(10, 250, -65, -50, -65, 2, 300, 2, 5));
        b.connect("exc->exc", exc, exc, Rules.fixedInDegree(30), Synapses.excitatory(0)
                .weights(new UniformRealDistribution(new SplitMixRandom(0), INITIAL_LOW, INITIAL_HIGH))
                .delayMs(1.0).asPlastic());
        b.connect("exc->inh", exc, inh, Rules.fixedProbability(0.1), Synapses.excitatory(30).delayMs(1.0));
        b.connect("inh->exc", inh, exc, Rules.fixedOutDegree(30), Synapses.inhibitory(INITIAL_INHIBITION).delayMs(0.7)
                .asPlastic());
        b.poissonInput(exc, 15000, 0.1, Receptor.EXCITATORY);
        b.poissonInput(inh, 2000, 20, Receptor.EXCITATORY);
        b.initialise(exc, "v", new UniformRealDistribution(new SplitMixRandom(0), 0, 20));
        return b.build();
    }

    private record Outcome(String hash, long spikes, float[] weights, float[] inhibition, double[] state,
                           double[] rates, double[] recordedTimes) {
    }

    /** Two runs (the second not a multiple of the sampling interval) on threads that share every slice. */
    private static Outcome run(Mode mode, int threads, boolean monitors) {
        Network net = network();
        SpikeTrainDigest digest = new SpikeTrainDigest(0.1);
        try (Engine e = new Engine(net, new EngineOptions(threads, mode).withMinParallelNeuronSteps(0))) {
            e.addListener(new PairStdp(net.projections().get(0), new PairStdp.Params(0.01, 0.012, 20, 20, 0, 1,
                    WeightDependence.ADDITIVE, Pairing.ALL_TO_ALL)));
            e.addListener(new VogelsSprekeler(net.projection("inh->exc"),
                    new VogelsSprekeler.Params(20, 0.01, 0.2, 2)));
            e.addObserver(digest);
            StateRecorder state = monitors ? e.recordState(net.population("exc"), "v", new int[] {0, 3, 150, 299}, 0.5)
                    : null;
            RateMonitor rate = monitors ? e.recordRate(net.population("inh"), 2) : null;
            SpikeRecorder spikes = monitors ? e.recordSpikes(net.population("exc")) : null;
            e.run(100);
            e.run(50.3);
            double[] samples = new double[0];
            if (state != null) {
                for (int k = 0; k < state.neuronCount(); k++) {
                    double[] trace = state.trace(k);
                    int n = samples.length;
                    samples = Arrays.copyOf(samples, n + trace.length);
                    System.arraycopy(trace, 0, samples, n, trace.length);
                }
            }
            return new Outcome(digest.hex(), e.spikeCount(), net.projections().get(0).weights().clone(),
                    net.projection("inh->exc").weights().clone(), samples,
                    rate == null ? new double[0] : rate.ratesHz(), spikes == null ? new double[0] : spikes.timesMs());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void sameSpikesWeightsAndRecordingsForOneToFourThreads(Mode mode) {
        Outcome one = run(mode, 1, true);
        assertTrue(one.spikes() > 1000, "the network must be active, saw " + one.spikes() + " spikes");
        // 150.3 ms sampled every 0.5 ms: 300 samples of 4 neurons.
        assertEquals(4 * 300, one.state().length);
        // Plasticity must act, else equal weights would prove nothing: some weight left the initial range.
        boolean moved = false;
        for (float w : one.weights()) {
            moved |= w < INITIAL_LOW || w > INITIAL_HIGH;
        }
        assertTrue(moved, "STDP must change weights beyond their initial range");
        int changed = 0;
        for (float w : one.inhibition()) {
            changed += w != INITIAL_INHIBITION ? 1 : 0;
        }
        assertTrue(changed > 0, "the inhibitory rule must change weights");
        Outcome bare = run(mode, 1, false);
        assertEquals(one.hash(), bare.hash(), "monitors changed the spikes");
        assertArrayEquals(one.weights(), bare.weights(), "monitors changed the weights");
        assertArrayEquals(one.inhibition(), bare.inhibition(), "monitors changed the inhibitory weights");
        for (int threads = 2; threads <= 4; threads++) {
            Outcome other = run(mode, threads, true);
            assertEquals(one.hash(), other.hash(), threads + " threads: spike trains differ");
            assertArrayEquals(one.weights(), other.weights(), threads + " threads: weights differ");
            assertArrayEquals(one.inhibition(), other.inhibition(), threads + " threads: inhibitory weights differ");
            assertArrayEquals(one.state(), other.state(), 0.0, threads + " threads: state samples differ");
            assertArrayEquals(one.rates(), other.rates(), 0.0, threads + " threads: rates differ");
            assertArrayEquals(one.recordedTimes(), other.recordedTimes(), 0.0,
                    threads + " threads: recorded spikes differ");
        }
        assertFalse(one.hash().equals(run(mode == Mode.GRID ? Mode.PRECISE : Mode.GRID, 1, false).hash()),
                "grid and precise mode must differ here, or the mode did not reach the engine");
    }
}
