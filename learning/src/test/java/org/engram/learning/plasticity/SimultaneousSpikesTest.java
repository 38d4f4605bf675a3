package org.engram.learning.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.input.PoissonSource;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A pre- and a postsynaptic spike at the same instant pair as pre before post (potentiation) in
 * every case: the engine hands a rule the spikes of an instant in neuron-index order, which made
 * the change depend on which population was declared first, and gave a symmetric pair of neurons
 * opposite changes on their two synapses.
 */
class SimultaneousSpikesTest {
    private static final double A = 0.01;
    private static final double W0 = 0.5;
    private static final LifDelta.Params NEURON = new LifDelta.Params(20, 250, 0, 20, 10, 2, 0);

    private static PairStdp.Params stdp() {
        return new PairStdp.Params(A, A, 20, 20, 0, 1, WeightDependence.ADDITIVE, Pairing.NEAREST);
    }

    private static void run(Network net, PlasticityRule rule, EngineOptions options) {
        try (Engine engine = new Engine(net, options)) {
            engine.addListener(rule);
            engine.run(20);
        }
    }

    /** The time at which a neuron kicked at 5 ms fires: the time a presynaptic spike must have to coincide. */
    private static double kickedSpikeTime(EngineOptions options) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> kick = b.population("kick", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{5.0}}));
        Population<?, ?> post = b.population("post", 1, LifDelta.MODEL, NEURON);
        b.connect("kick->post", kick, post, Rules.oneToOne(), Synapses.excitatory(50).delayMs(1.0));
        Network net = b.build();
        try (Engine engine = new Engine(net, options)) {
            SpikeRecorder spikes = engine.recordSpikes(post);
            engine.run(20);
            assertEquals(1, spikes.count(), "the kick makes the neuron fire once");
            return spikes.timesMs()[0];
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"GRID", "PRECISE"})
    void aZeroLagPairPotentiatesWhicheverPopulationIsDeclaredFirst(org.engram.simulator.engine.Mode mode) {
        EngineOptions options = new EngineOptions(1, mode);
        double t = kickedSpikeTime(options);
        for (boolean postFirst : new boolean[] {false, true}) {
            NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
            Population<?, ?> kick = b.population("kick", 1, SpikeTimes.MODEL,
                    new SpikeTimes.Params(new double[][] {{5.0}}));
            Population<?, ?> post = postFirst ? b.population("post", 1, LifDelta.MODEL, NEURON) : null;
            Population<?, ?> pre = b.population("pre", 1, SpikeTimes.MODEL,
                    new SpikeTimes.Params(new double[][] {{t}}));
            if (!postFirst) {
                post = b.population("post", 1, LifDelta.MODEL, NEURON);
            }
            b.connect("kick->post", kick, post, Rules.oneToOne(), Synapses.excitatory(50).delayMs(1.0));
            b.connect("pre->post", pre, post, Rules.oneToOne(), Synapses.excitatory(W0).delayMs(1.0).asPlastic());
            Network net = b.build();
            Projection plastic = net.projections().get(1);
            run(net, new PairStdp(plastic, stdp()), options);
            assertEquals(W0 + A, plastic.weights()[0], 1e-6, "post declared first: " + postFirst);
        }
    }

    /**
     * Precise mode: a postsynaptic spike at 0.7 + 0.1 = 0.7999999999999999 ms (a kick at 0.7 ms, 0.1 ms
     * on its way) and a presynaptic one written at 0.8 ms are one instant, as grid mode has them, and
     * pair as pre before post; they had paired post before pre, an ulp apart, and depressed.
     */
    @ParameterizedTest
    @EnumSource(names = {"GRID", "PRECISE"})
    void spikesAnUlpApartAreOneInstant(org.engram.simulator.engine.Mode mode) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> kick = b.population("kick", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{0.7}}));
        Population<?, ?> post = b.population("post", 1, LifDelta.MODEL, NEURON);
        Population<?, ?> pre = b.population("pre", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{0.8}}));
        b.connect("kick->post", kick, post, Rules.oneToOne(), Synapses.excitatory(50).delayMs(0.1));
        b.connect("pre->post", pre, post, Rules.oneToOne(), Synapses.excitatory(W0).delayMs(1.0).asPlastic());
        Network net = b.build();
        Projection plastic = net.projections().get(1);
        try (Engine engine = new Engine(net, new EngineOptions(1, mode))) {
            SpikeRecorder spikes = engine.recordSpikes(post);
            engine.addListener(new PairStdp(plastic, stdp()));
            engine.run(5);
            assertEquals(mode == org.engram.simulator.engine.Mode.PRECISE ? 0.7 + 0.1 : 0.8, spikes.timesMs()[0]);
        }
        assertEquals(W0 + A, plastic.weights()[0], 1e-6);
    }

    @ParameterizedTest
    @EnumSource(names = {"GRID", "PRECISE"})
    void twoNeuronsFiringTogetherChangeBothTheirSynapsesAlike(org.engram.simulator.engine.Mode mode) {
        EngineOptions options = new EngineOptions(1, mode);
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> kick = b.population("kick", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{5.0}}));
        Population<?, ?> pair = b.population("pair", 2, LifDelta.MODEL, NEURON);
        b.connect("kick->pair", kick, pair, Rules.allToAll(), Synapses.excitatory(50).delayMs(1.0));
        b.connect("pair->pair", pair, pair, Rules.allToAll().withAutapses(false),
                Synapses.excitatory(0.0).delayMs(1.0).asPlastic());
        Network net = b.build();
        Projection recurrent = net.projections().get(1);
        run(net, new PairStdp(recurrent, stdp()), options);
        float[] w = recurrent.weights();
        assertEquals(2, w.length);
        assertEquals(w[0], w[1], "0->1 and 1->0");
        assertTrue(w[0] > 0, "a zero-lag pair potentiates: " + w[0]);
    }

    /**
     * A {@code poisson_source} at 20 kHz fires two spikes per 0.1 ms step on average, each shown to
     * the rule: each pairs with the postsynaptic spike, all-to-all, as the closed form of additive
     * pair STDP over the recorded trains gives it (a presynaptic spike at the postsynaptic spike's
     * instant counts as before it). Counting a step's spikes once would be 5e-5 off here; the
     * weights are floats of about 1e-3, rounded at each of about 400 changes (6e-11 each).
     */
    @Test
    void eachOfASourcesSpikesInOneStepPairsWithThePostsynapticSpike() {
        double a = 1e-6;
        double w0 = 1e-3;
        double tau = 20;
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> kick = b.population("kick", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{5.0}}));
        Population<?, ?> pre = b.population("pre", 1, PoissonSource.MODEL, new PoissonSource.Params(20_000));
        Population<?, ?> post = b.population("post", 1, LifDelta.MODEL, NEURON);
        b.connect("kick->post", kick, post, Rules.oneToOne(), Synapses.excitatory(50).delayMs(1.0));
        b.connect("pre->post", pre, post, Rules.oneToOne(), Synapses.excitatory(w0).delayMs(1.0).asPlastic());
        Network net = b.build();
        Projection plastic = net.projections().get(1);
        double[] preMs;
        double postMs;
        try (Engine engine = new Engine(net, EngineOptions.grid(1))) {
            SpikeRecorder preSpikes = engine.recordSpikes(pre);
            SpikeRecorder postSpikes = engine.recordSpikes(post);
            engine.addListener(new PairStdp(plastic, new PairStdp.Params(a, a, tau, tau, 0, 1,
                    WeightDependence.ADDITIVE, Pairing.ALL_TO_ALL)));
            engine.run(20);
            assertEquals(1, postSpikes.count(), "the kick alone makes the neuron fire");
            preMs = preSpikes.timesMs();
            postMs = postSpikes.timeMs(0);
        }
        double expected = w0;
        int atOnce = 0;
        for (int k = 0; k < preMs.length; k++) {
            double lag = postMs - preMs[k];
            expected += lag >= 0 ? a * Math.exp(-lag / tau) : -a * Math.exp(lag / tau);
            atOnce += k > 0 && preMs[k] == preMs[k - 1] ? 1 : 0;
        }
        assertTrue(atOnce > 100, "spikes sharing a step with the one before: " + atOnce);
        assertEquals(expected, plastic.weights()[0], 1e-7);
    }
}
