package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.input.PoissonSource;
import org.engram.simulator.model.Adex;
import org.engram.simulator.model.AdexCond;
import org.engram.simulator.model.HodgkinHuxley;
import org.engram.simulator.model.Izhikevich;
import org.engram.simulator.model.LifAlpha;
import org.engram.simulator.model.LifCondExp;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.LifExp;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.monitor.SpikeTrainDigest;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.TsodyksMarkram;
import org.engram.simulator.network.connect.Rules;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same seed gives bit-identical spike trains and state for 1, 2, 3 and 4 threads: random
 * streams belong to neurons, spikes are summed in canonical order, and short-term plasticity's
 * factors depend on spike times alone.
 */
class DeterminismTest {

    /**
     * A network that mixes models, random weights and delays, short-term plasticity, Poisson drive
     * and sources (every model in grid mode; the linear LIF models and sources in precise mode).
     */
    static Network network(Mode mode) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(2024);
        LifDelta.Params delta = new LifDelta.Params(20, 250, 0, 20, 10, 2, 0);
        Population<?, ?> exc = b.population("exc", 403, LifDelta.MODEL, delta);
        Population<?, ?> inh = b.population("inh", 101, LifExp.MODEL,
                new LifExp.Params(10, 250, -65, -50, -65, 2, 300, 2, 5));
        Population<?, ?> src = b.population("src", 50, PoissonSource.MODEL, new PoissonSource.Params(20));
        var normal = new NormalDistribution(new SplitMixRandom(0), 0.2, 0.05);
        b.connect("exc->exc", exc, exc, Rules.fixedInDegree(40).withAutapses(false),
                Synapses.excitatory(0).weights(new UniformRealDistribution(new SplitMixRandom(0), 0.05, 0.25))
                        .delays(new UniformRealDistribution(new SplitMixRandom(0), 0.5, 3.0)));
        // Short-term depression here and facilitation from the Poisson sources, whose factors are
        // computed once per spike on one thread.
        b.connect("exc->inh", exc, inh, Rules.fixedProbability(0.1), Synapses.excitatory(60).delayMs(1.0)
                .shortTermPlasticity(new TsodyksMarkram(0.5, 100, 0)));
        b.connect("inh->exc", inh, exc, Rules.fixedOutDegree(30), Synapses.inhibitory(-0.8).delayMs(0.7));
        b.connect("src->exc", src, exc, Rules.fixedProbability(0.2), Synapses.excitatory(0).weights(
                new UniformRealDistribution(new SplitMixRandom(0), 0.1, 0.3)).delayMs(0.5)
                .shortTermPlasticity(new TsodyksMarkram(0.2, 50, 200)));
        b.poissonInput(exc, 15000, 0.1, Receptor.EXCITATORY);
        b.poissonInput(inh, 2000, 20, Receptor.EXCITATORY);
        b.initialise(exc, "v", new UniformRealDistribution(new SplitMixRandom(0), 0, 20));
        Population<?, ?> alpha = b.population("alpha", 60, LifAlpha.MODEL,
                new LifAlpha.Params(10, 250, -65, -50, -65, 2, 200, 1, 4));
        b.connect("exc->alpha", exc, alpha, Rules.fixedInDegree(20), Synapses.excitatory(40).delayMs(0.6));
        b.connect("inh->alpha", inh, alpha, Rules.fixedInDegree(5), Synapses.inhibitory(-60).delayMs(0.9));
        b.poissonInput(alpha, 5000, 30, Receptor.EXCITATORY);
        if (mode == Mode.GRID) {
            Population<?, ?> izh = b.population("izh", 77, Izhikevich.MODEL, Izhikevich.regularSpiking());
            b.connect("exc->izh", exc, izh, Rules.fixedInDegree(10),
                    Synapses.excitatory(0).weights(normal).delayMs(1.0));
            b.current(CurrentSource.pulse(izh, null, 50, 150, 6));
            Population<?, ?> cond = b.population("cond", 64, LifCondExp.MODEL, new LifCondExp.Params(
                    20, 200, -60, -50, -60, 5, 150, 0, -80, 5, 10));
            b.connect("exc->cond", exc, cond, Rules.fixedInDegree(20), Synapses.excitatory(0).weights(
                    new UniformRealDistribution(new SplitMixRandom(0), 2, 8)).delayMs(0.5));
            b.connect("inh->cond", inh, cond, Rules.fixedInDegree(10), Synapses.inhibitory(-20).delayMs(0.8));
            b.connect("inh->inh", inh, inh, Rules.fixedTotalNumber(1000).withAutapses(false),
                    Synapses.inhibitory(-20).delayMs(0.8));
            Population<?, ?> adex = b.population("adex", 48, Adex.MODEL, Adex.MODEL.defaults());
            b.connect("exc->adex", exc, adex, Rules.fixedInDegree(30), Synapses.excitatory(0).weights(
                    new UniformRealDistribution(new SplitMixRandom(0), 200, 900)).delayMs(0.5));
            Population<?, ?> adexCond = b.population("adex_cond", 32, AdexCond.MODEL, AdexCond.MODEL.defaults());
            b.connect("exc->adex_cond", exc, adexCond, Rules.fixedInDegree(30), Synapses.excitatory(0).weights(
                    new UniformRealDistribution(new SplitMixRandom(0), 20, 80)).delayMs(0.5));
            b.connect("inh->adex_cond", inh, adexCond, Rules.fixedInDegree(10), Synapses.inhibitory(-10).delayMs(0.8));
            Population<?, ?> hh = b.population("hh", 24, HodgkinHuxley.MODEL, HodgkinHuxley.MODEL.defaults());
            b.connect("exc->hh", exc, hh, Rules.fixedInDegree(30), Synapses.excitatory(0).weights(
                    new UniformRealDistribution(new SplitMixRandom(0), 100, 400)).delayMs(0.5));
            b.connect("inh->hh", inh, hh, Rules.fixedInDegree(5), Synapses.inhibitory(-200).delayMs(0.8));
        }
        return b.build();
    }

    private record Outcome(String hash, long spikes, long events, double[][] state) {
    }

    /** Runs on {@code threads} workers that really share every slice. */
    private static Outcome run(Mode mode, int threads) {
        return run(new EngineOptions(threads, mode).withMinParallelNeuronSteps(0));
    }

    private static Outcome run(EngineOptions options) {
        Mode mode = options.mode();
        Network net = network(mode);
        SpikeTrainDigest digest = new SpikeTrainDigest(0.1);
        try (Engine e = new Engine(net, options)) {
            e.addObserver(digest);
            e.run(120);
            e.run(80.5);
            double[][] state = net.populations().stream()
                    .filter(p -> p.state().variableNames().contains("v"))
                    .map(p -> p.state().values("v").clone()).toArray(double[][]::new);
            return new Outcome(digest.hex(), e.spikeCount(), e.synapticEvents(), state);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void sameSpikesAndStateForOneToFourThreads(Mode mode) {
        Outcome one = run(mode, 1);
        assertTrue(one.spikes() > 1000, "the network must be active, saw " + one.spikes() + " spikes");
        for (int threads = 2; threads <= 4; threads++) {
            Outcome other = run(mode, threads);
            assertEquals(one.hash(), other.hash(), threads + " threads: spike trains differ");
            assertEquals(one.events(), other.events(), threads + " threads: synaptic events differ");
            for (int p = 0; p < one.state().length; p++) {
                assertArrayEquals(one.state()[p], other.state()[p], 0.0, threads + " threads: state differs");
            }
        }
        // Small slices run on the calling thread, the network as one share (a pool of one thread
        // runs only the first): still every neuron, and the same results.
        Outcome inline = run(new EngineOptions(3, mode).withMinParallelNeuronSteps(Integer.MAX_VALUE));
        assertEquals(one.hash(), inline.hash(), "3 threads, run on one: spike trains differ");
    }
}
