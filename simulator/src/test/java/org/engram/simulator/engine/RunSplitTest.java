package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.LifExp;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.monitor.SpikeTrainDigest;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Observing a run does not change it: the spike train is the same whether the time is simulated
 * in one run or several, and whether state is recorded or not. In precise mode neurons are
 * advanced lazily, from event to event, so both splitting a run and sampling a neuron must leave
 * its exact propagation unsplit.
 */
class RunSplitTest {

    /** A recurrent network of both LIF models under Poisson drive, active and irregular. */
    private static Network network() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(77);
        Population<?, ?> exc = b.population("exc", 300, LifDelta.MODEL, new LifDelta.Params(20, 250, 0, 20, 10, 2, 0));
        Population<?, ?> inh = b.population("inh", 80, LifExp.MODEL,
                new LifExp.Params(10, 250, -65, -50, -65, 2, 300, 2, 5));
        b.connect("exc->exc", exc, exc, Rules.fixedInDegree(30), Synapses.excitatory(0).weights(
                new UniformRealDistribution(new SplitMixRandom(0), 0.05, 0.3)).delayMs(1.5));
        b.connect("exc->inh", exc, inh, Rules.fixedProbability(0.1), Synapses.excitatory(40).delayMs(1.0));
        b.connect("inh->exc", inh, exc, Rules.fixedOutDegree(30), Synapses.inhibitory(-0.9).delayMs(0.7));
        b.poissonInput(exc, 12000, 0.12, Receptor.EXCITATORY);
        b.poissonInput(inh, 2000, 20, Receptor.EXCITATORY);
        b.initialise(exc, "v", new UniformRealDistribution(new SplitMixRandom(0), 0, 20));
        return b.build();
    }

    private record Outcome(String hash, long spikes, double[] excV, double[] inhCurrent) {
    }

    private static Outcome run(Mode mode, boolean recordState, double... runsMs) {
        Network net = network();
        SpikeTrainDigest digest = new SpikeTrainDigest(0.1);
        try (Engine e = new Engine(net, new EngineOptions(1, mode))) {
            e.addObserver(digest);
            if (recordState) {
                int[] some = IntStream.range(0, 40).map(k -> 7 * k).toArray();
                e.recordState(net.population("exc"), "v", some, 0.1);
                e.recordState(net.population("inh"), "i_syn_ex", new int[] {0, 3, 79}, 0.3);
                e.recordState(net.population("inh"), "v", new int[] {3, 50}, 0.1);
            }
            for (double ms : runsMs) {
                e.run(ms);
            }
            return new Outcome(digest.hex(), e.spikeCount(), net.population("exc").state().values("v").clone(),
                    net.population("inh").state().values("i_syn_ex").clone());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void oneRunOrManyGiveTheSameSpikesAndState(Mode mode) {
        Outcome whole = run(mode, false, 300);
        assertTrue(whole.spikes() > 2000, "the network must be active, saw " + whole.spikes() + " spikes");
        Outcome pieces = run(mode, false, 100, 0.1, 49.9, 0.3, 149.7);
        assertEquals(whole.hash(), pieces.hash(), "spike trains differ");
        assertArrayEquals(whole.excV(), pieces.excV(), 0.0, "potentials at the end differ");
        assertArrayEquals(whole.inhCurrent(), pieces.inhCurrent(), 0.0, "currents at the end differ");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void recordingStateDoesNotChangeTheSpikes(Mode mode) {
        Outcome plain = run(mode, false, 300);
        Outcome recorded = run(mode, true, 300);
        assertEquals(plain.hash(), recorded.hash(), "spike trains differ");
        assertArrayEquals(plain.excV(), recorded.excV(), 0.0, "potentials at the end differ");
    }

    /**
     * A change a user makes to the state between runs holds from the current time on: a quiet
     * neuron set above threshold fires at once, and a neuron set far below threshold does not
     * fire when its old trajectory would have.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void stateChangedBetweenRunsTakesEffectAtOnce(Mode mode) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        // Bias 90 pA: v_inf = 90 * 20 / 250 = 7.2 mV, below the 20 mV threshold: a quiet neuron.
        Population<?, ?> quiet = b.population("quiet", 1, LifDelta.MODEL,
                new LifDelta.Params(20, 250, 0, 20, 10, 2, 90));
        // Bias 1000 pA: v_inf = 80 mV; from 0 it would cross 20 mV at 20 ln(80/60) = 5.75 ms.
        Population<?, ?> driven = b.population("driven", 1, LifDelta.MODEL,
                new LifDelta.Params(20, 250, 0, 20, 10, 2, 1000));
        try (Engine e = new Engine(b.build(), new EngineOptions(1, mode))) {
            SpikeRecorder quietSpikes = e.recordSpikes(quiet);
            SpikeRecorder drivenSpikes = e.recordSpikes(driven);
            e.run(5.0);
            assertEquals(0, quietSpikes.count() + drivenSpikes.count(), "no spikes before 5 ms");
            quiet.state().values("v")[0] = 25.0;
            driven.state().values("v")[0] = -30.0;
            e.run(0.2);
            assertEquals(1, quietSpikes.count(), "the neuron set above threshold fires in the next step");
            assertTrue(quietSpikes.timesMs()[0] <= 5.1 + 1e-9, "it fires at once, not at " + quietSpikes.timesMs()[0]);
            // From -30 mV at 5 ms: v(t) = 80 - 110 exp(-(t - 5)/20) reaches 20 mV at 5 + 20 ln(110/60) = 17.1 ms.
            e.run(10.0);
            assertEquals(0, drivenSpikes.count(), "the neuron set far below threshold stays silent until 15.2 ms");
        }
    }

    /**
     * A precise-mode sample is the state at the sample time: an off-grid current jump of w = 1000 pA
     * at t0 = 3.037 ms into tau_s = 2 ms, tau_m = 10 ms, C = 250 pF gives
     * V - E_L = w R tau_s / (tau_s - tau_m) (exp(-s/tau_s) - exp(-s/tau_m)), s = t - t0, R = tau_m / C,
     * at every sample, and the samples are the same when the run is split.
     */
    @Test
    void preciseSamplesFollowTheAnalyticPsp() {
        double[] whole = preciseSamples(20);
        double[] split = preciseSamples(3.5, 0.1, 16.4);
        assertEquals(200, whole.length);
        assertArrayEquals(whole, split, 0.0, "samples of a split run differ");
        double t0 = 3.037;
        double r = 10.0 / 250;
        for (int k = 0; k < whole.length; k++) {
            double t = (k + 1) * 0.1;
            double s = t - t0;
            double expected = s <= 0 ? 0 : 1000 * r * 2 / (2 - 10.0) * (Math.exp(-s / 2) - Math.exp(-s / 10));
            assertEquals(expected, whole[k] + 70, 1e-12 + 1e-9 * Math.abs(expected), "t = " + t);
        }
    }

    private static double[] preciseSamples(double... runsMs) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(5);
        Population<?, ?> source = b.population("source", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{2.037}}));
        Population<?, ?> target = b.population("target", 1, LifExp.MODEL,
                new LifExp.Params(10, 250, -70, 100, -70, 2, 0, 2, 5));
        b.connect("in", source, target, Rules.allToAll(), Synapses.excitatory(1000).delayMs(1.0));
        try (Engine e = new Engine(b.build(), EngineOptions.precise(1))) {
            StateRecorder v = e.recordState(target, "v", new int[] {0}, 0.1);
            for (double ms : runsMs) {
                e.run(ms);
            }
            return v.trace(0);
        }
    }

    /**
     * Precise mode emits the spikes at exactly time 0 with the first run that advances: a run of no
     * steps before it leaves them to that run, which emits them once.
     */
    @Test
    void aRunOfNoStepsFirstLeavesTheSpikesAtTimeZeroToTheNextRun() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> source = b.population("source", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{0.0, 0.5}}));
        try (Engine e = new Engine(b.build(), EngineOptions.precise(1))) {
            SpikeRecorder spikes = e.recordSpikes(source);
            e.run(0);
            assertEquals(0, e.spikeCount());
            e.run(1);
            assertArrayEquals(new double[] {0.0, 0.5}, spikes.timesMs(), 0.0);
        }
    }
}
