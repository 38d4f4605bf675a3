package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.input.NoiseCurrent;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.LifExp;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.monitor.SpikeTrainDigest;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;

/**
 * Invariants of precise mode with current inputs: a run split anywhere, a run whose state is
 * recorded, and a run on 1 to 4 threads give the bit-identical spikes and end state of one plain
 * run; and a precise-mode engine that continues a grid-mode one under currents gives the potentials
 * of a grid-mode engine continuing it, which is exact for currents constant over each step.
 */
class PreciseCurrentInvarianceTest {

    /**
     * A recurrent network of both LIF models driven by every kind of current input at once: a source
     * whose pulses change at 5, 7.3, 12 and 20 ms (7.3 ms is where a split run breaks), constant currents
     * drawn per neuron, noise into a subset, over Poisson input; and a population of 3 neurons, fewer
     * than the threads, under noise and a pulse.
     */
    private static Network network() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(21);
        Population<?, ?> exc = b.population("exc", 240, LifDelta.MODEL, new LifDelta.Params(20, 250, 0, 20, 10, 2, 0));
        Population<?, ?> inh = b.population("inh", 60, LifExp.MODEL,
                new LifExp.Params(10, 250, -65, -50, -65, 2, 0, 2, 10));
        b.connect("exc->exc", exc, exc, Rules.fixedInDegree(20), Synapses.excitatory(0).weights(
                new UniformRealDistribution(new SplitMixRandom(0), 0.1, 0.5)).delayMs(1.5));
        b.connect("exc->inh", exc, inh, Rules.fixedProbability(0.1), Synapses.excitatory(40).delayMs(1.0));
        b.connect("inh->exc", inh, exc, Rules.fixedOutDegree(30), Synapses.inhibitory(-0.9).delayMs(0.7));
        b.poissonInput(exc, 4000, 0.12, Receptor.EXCITATORY);
        b.current(new CurrentSource(exc, IntStream.range(0, 120).toArray(), new double[] {5, 7.3, 12, 20},
                new double[] {150, -60, 220, 40}));
        b.constantCurrents(exc, null, new NormalDistribution(new SplitMixRandom(1), 180, 40));
        b.noise(new NoiseCurrent(exc, IntStream.range(60, 200).toArray(), 30, 120));
        b.noise(new NoiseCurrent(inh, null, 300, 150));
        b.current(CurrentSource.pulse(inh, new int[] {0, 5, 59}, 7.3, 12, 200));
        b.initialise(exc, "v", new UniformRealDistribution(new SplitMixRandom(0), 0, 20));
        // Fewer neurons than threads: some workers' shares of it are empty.
        Population<?, ?> few = b.population("few", 3, LifDelta.MODEL, new LifDelta.Params(20, 250, 0, 20, 10, 2, 0));
        b.noise(new NoiseCurrent(few, null, 300, 300));
        b.current(CurrentSource.pulse(few, new int[] {2}, 3, 30, 200));
        b.connect("few->inh", few, inh, Rules.allToAll(), Synapses.excitatory(30).delayMs(1.0));
        return b.build();
    }

    private record Outcome(String hash, long spikes, double[] excV, double[] inhV, double[] inhCurrent) {
    }

    private static Outcome run(EngineOptions options, boolean recordState, double... runsMs) {
        Network net = network();
        SpikeTrainDigest digest = new SpikeTrainDigest(0.1);
        try (Engine e = new Engine(net, options)) {
            e.addObserver(digest);
            if (recordState) {
                e.recordState(net.population("exc"), "v", IntStream.range(0, 40).map(k -> 6 * k).toArray(), 0.1);
                e.recordState(net.population("inh"), "i_syn_ex", new int[] {0, 3, 59}, 0.3);
                e.recordState(net.population("inh"), "v", new int[] {5, 50}, 0.1);
            }
            for (double ms : runsMs) {
                e.run(ms);
            }
            return new Outcome(digest.hex(), e.spikeCount(), net.population("exc").state().values("v").clone(),
                    net.population("inh").state().values("v").clone(),
                    net.population("inh").state().values("i_syn_ex").clone());
        }
    }

    private static void assertSame(Outcome expected, Outcome actual, String what) {
        assertEquals(expected.hash(), actual.hash(), what + ": spike trains differ");
        assertArrayEquals(expected.excV(), actual.excV(), 0.0, what + ": exc potentials at the end differ");
        assertArrayEquals(expected.inhV(), actual.inhV(), 0.0, what + ": inh potentials at the end differ");
        assertArrayEquals(expected.inhCurrent(), actual.inhCurrent(), 0.0, what + ": inh currents differ");
    }

    /** 7.3 + 12.7 + 30 ms, and pieces that break inside pulses, give the spikes and state of one 50 ms run. */
    @Test
    void aSplitRunGivesTheSpikesOfOneRun() {
        Outcome whole = run(EngineOptions.precise(1), false, 50);
        assertTrue(whole.spikes() > 500, "the network must be active, saw " + whole.spikes() + " spikes");
        assertSame(whole, run(EngineOptions.precise(1), false, 7.3, 12.7, 30), "7.3 + 12.7 + 30");
        assertSame(whole, run(EngineOptions.precise(1), false, 0.1, 4.9, 0.1, 2.2, 4.8, 37.9), "six pieces");
    }

    /** Sampling state every step (and every third) leaves spikes and end state as without. */
    @Test
    void recordingStateDoesNotChangeTheSpikes() {
        assertSame(run(EngineOptions.precise(1), false, 50), run(EngineOptions.precise(1), true, 50), "recorded");
    }

    /** 1, 2, 3 and 4 threads, each share advanced by a worker of its own, give the same spikes and state. */
    @Test
    void sameSpikesForOneToFourThreads() {
        Outcome one = run(EngineOptions.precise(1), true, 20, 30);
        for (int threads = 2; threads <= 4; threads++) {
            assertSame(one, run(EngineOptions.precise(threads).withMinParallelNeuronSteps(0), true, 20, 30),
                    threads + " threads");
        }
    }

    /**
     * A grid-mode engine runs 9.5 ms, a neuron is set above threshold and fires in the next step, left
     * refractory at the end of the 10 ms; a second engine, grid or precise, continues under noise, a
     * pulse (2 to 6 ms of its own clock: current sources follow each engine's clock) and constant
     * currents. Under threshold both integrate a current constant over each step exactly, and the noise
     * goes on with the same draws, so the potentials of every step agree to 1e-9 mV, including the
     * refractory neuron's hold and its relaxation after.
     */
    @Test
    void aPreciseEngineContinuesAGridEngineUnderCurrentsAsGridModeDoes() {
        double[][] v = new double[2][];
        for (Mode second : Mode.values()) {
            NetworkBuilder b = new NetworkBuilder(0.1).seed(4);
            Population<?, ?> d = b.population("delta", 4, LifDelta.MODEL, new LifDelta.Params(10, 250, 0, 20, 5, 2, 0));
            Population<?, ?> e = b.population("exp", 4, LifExp.MODEL,
                    new LifExp.Params(10, 250, 0, 20, 5, 2, 0, 2, 10));
            for (Population<?, ?> p : new Population<?, ?>[] {d, e}) {
                b.noise(new NoiseCurrent(p, new int[] {0, 1, 3}, 100, 100));
                b.current(CurrentSource.pulse(p, new int[] {1, 2}, 2, 6, 150));
                b.constantCurrents(p, new int[] {3}, new NormalDistribution(new SplitMixRandom(2), 50, 10));
            }
            Network net = b.build();
            try (Engine grid = new Engine(net, EngineOptions.grid(1))) {
                grid.run(9.5);
                d.state().values("v")[2] = 25;
                e.state().values("v")[2] = 25;
                grid.run(0.5);
                assertEquals(2, grid.spikeCount(), "the two neurons set above threshold fire");
            }
            try (Engine next = new Engine(net, new EngineOptions(1, second))) {
                StateRecorder rd = next.recordState(d, "v", new int[] {0, 1, 2, 3}, 0.1);
                StateRecorder re = next.recordState(e, "v", new int[] {0, 1, 2, 3}, 0.1);
                next.run(20);
                assertEquals(0, next.spikeCount(), second + ": the currents should stay under threshold");
                v[second.ordinal()] = new double[rd.sampleCount() * 8];
                for (int k = 0; k < rd.sampleCount(); k++) {
                    for (int n = 0; n < 4; n++) {
                        v[second.ordinal()][8 * k + n] = rd.value(k, n);
                        v[second.ordinal()][8 * k + 4 + n] = re.value(k, n);
                    }
                }
            }
        }
        double[] precise = v[Mode.PRECISE.ordinal()];
        assertArrayEquals(v[Mode.GRID.ordinal()], precise, 1e-9);
        // The refractory neurons are held at the reset for the first steps, then move (at 3.1 ms).
        assertEquals(5.0, precise[2], 0.0);
        assertEquals(5.0, precise[6], 0.0);
        assertTrue(precise[8 * 30 + 2] != 5.0 && precise[8 * 30 + 6] != 5.0);
    }
}
