package org.engram.learning.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.engine.Mode;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pair STDP times a pair by the spikes' emission, whatever the delay (README, "Pair STDP and NEST's
 * stdp_synapse"): the change is the pair formula of {@code t_post - t_pre}, not of NEST's
 * {@code t_post + d - t_pre} nor Brian's arrival {@code t_post - (t_pre + d)}. Each case is one pair
 * whose three conventions disagree in sign or size, so a rule that took the delay into account fails.
 */
class EmissionTimePairingTest {
    private static final double A_PLUS = 0.01;
    private static final double A_MINUS = 0.012;
    private static final double TAU_PLUS = 16.8;
    private static final double TAU_MINUS = 33.7;
    private static final double W0 = 0.5;
    /** A kick arrives 1 ms after it is sent and makes the neuron fire at once (50 mV over 15). */
    private static final double KICK_DELAY_MS = 1.0;
    private static final LifDelta.Params NEURON = LifDelta.MODEL.defaults();

    /**
     * @param preMs   the presynaptic spike's emission time
     * @param kickMs  when the kick that makes the postsynaptic neuron fire is sent
     * @param delayMs the plastic synapse's delay
     */
    @ParameterizedTest
    @CsvSource({
        // post 2 ms after pre: potentiation here; NEST pairs 7 ms, Brian depresses (post 3 ms before arrival)
        "10.0, 11.0, 5.0, GRID", "10.0, 11.0, 5.0, PRECISE",
        // post 1 ms before pre: depression here; NEST's lag is +0.5 ms, potentiation
        "10.0, 8.0, 1.5, GRID", "10.0, 8.0, 1.5, PRECISE"})
    void aPairChangesTheWeightByItsEmissionLag(double preMs, double kickMs, double delayMs, Mode mode) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> kick = b.population("kick", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{kickMs}}));
        Population<?, ?> pre = b.population("pre", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{preMs}}));
        Population<?, ?> post = b.population("post", 1, LifDelta.MODEL, NEURON);
        b.connect("kick->post", kick, post, Rules.oneToOne(), Synapses.excitatory(50).delayMs(KICK_DELAY_MS));
        b.connect("pre->post", pre, post, Rules.oneToOne(), Synapses.excitatory(W0).delayMs(delayMs).asPlastic());
        Network net = b.build();
        Projection plastic = net.projections().get(1);
        PairStdp.Params params = new PairStdp.Params(A_PLUS, A_MINUS, TAU_PLUS, TAU_MINUS, 0, 1,
                WeightDependence.ADDITIVE, Pairing.ALL_TO_ALL);
        double postMs;
        try (Engine engine = new Engine(net, new EngineOptions(1, mode))) {
            SpikeRecorder spikes = engine.recordSpikes(post);
            engine.addListener(new PairStdp(plastic, params));
            engine.run(30);
            assertEquals(1, spikes.count(), "the kick alone makes the neuron fire, once");
            postMs = spikes.timesMs()[0];
        }
        assertEquals(kickMs + KICK_DELAY_MS, postMs, 1e-9, "the neuron fires when the kick arrives");
        double lag = postMs - preMs;
        double expected = W0 + (lag > 0 ? A_PLUS * Math.exp(-lag / TAU_PLUS) : -A_MINUS * Math.exp(lag / TAU_MINUS));
        // One float rounding of a weight near 0.5: at most 3e-8.
        assertEquals(expected, plastic.weights()[0], 3e-8);
    }
}
