package org.engram.learning.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.input.PoissonSource;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.monitor.RateMonitor;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The main effect of Vogels et al. (2011): LIF neurons driven by excitatory Poisson input, each with
 * its own 50 plastic inhibitory Poisson sources, settle near the target rate rho0 = 5 Hz, from
 * inhibition too weak (none: above 40 Hz in their first 0.2 s) and too strong (silent) alike.
 */
class VogelsSprekelerNetworkTest {
    private static final int NEURONS = 20;
    private static final int SOURCES_PER_NEURON = 50;
    private static final double TARGET_HZ = 5;
    private static final double SETTLE_MS = 8_000;
    private static final double MEASURE_MS = 8_000;

    /** The rates of the first 0.2 s (population mean) and of each neuron over the measuring window. */
    private record Rates(double startHz, double[] settledHz) {
    }

    /**
     * Excitation: 3 kHz of private Poisson input of 0.5 mV each, a mean drive of 30 mV against a
     * threshold 20 mV above rest. Inhibition: 50 private sources at 40 Hz, whose weights settle near
     * -0.42 mV; many small synapses keep the correlation of each one with the neuron's spikes small.
     */
    private static Rates run(double initialWeight) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(3);
        Population<?, ?> post = b.population("post", NEURONS, LifDelta.MODEL,
                new LifDelta.Params(20, 250, 0, 20, 10, 2, 0));
        Population<?, ?> inh = b.population("inh", SOURCES_PER_NEURON * NEURONS, PoissonSource.MODEL,
                new PoissonSource.Params(40));
        int[] sources = new int[SOURCES_PER_NEURON * NEURONS];
        int[] targets = new int[sources.length];
        for (int s = 0; s < sources.length; s++) {
            sources[s] = s;
            targets[s] = s / SOURCES_PER_NEURON;
        }
        b.poissonInput(post, 3000, 0.5, Receptor.EXCITATORY);
        b.connect("inh->post", inh, post, Rules.explicit(sources, targets),
                Synapses.inhibitory(initialWeight).asPlastic());
        Network net = b.build();
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            e.addListener(new VogelsSprekeler(net.projection("inh->post"),
                    VogelsSprekeler.Params.withTargetRate(20, 0.02, TARGET_HZ, 2)));
            RateMonitor start = e.recordRate(post, 200);
            e.run(200);
            e.removeObserver(start);
            e.run(SETTLE_MS - 200);
            SpikeRecorder spikes = e.recordSpikes(post);
            e.run(MEASURE_MS);
            double[] settled = new double[NEURONS];
            for (int neuron : spikes.neurons()) {
                settled[neuron] += 1000 / MEASURE_MS;
            }
            return new Rates(start.ratesHz()[0], settled);
        }
    }

    /**
     * After 8 s the population rate over the next 8 s lies in [rho0, rho0 + 0.6 Hz], from either side.
     * The rule's fixed point lies slightly above rho0 (about 5.3 Hz here): an inhibitory spike delays
     * the neuron's next spike, so the presynaptic trace at postsynaptic spikes is below its
     * independent-train mean rho_pre tau, and the potentiation term balances the depression only at a
     * higher rate; the excess shrinks with the single synapse's weight. The rule keeps the counts more
     * regular than Poisson: over seeds 1 to 30 the population rate lay in 5.15-5.35 Hz, so the bounds
     * leave room for noise while a target 10% off (4.5 or 5.5 Hz) fails. Each neuron's own inhibition
     * settles it: every one ends between 4 and 6.5 Hz.
     */
    @ParameterizedTest
    @CsvSource({"0, too weak", "-1.0, too strong"})
    void neuronsSettleNearTheTargetRateFromEitherSide(double initialWeight, String inhibition) {
        Rates rates = run(initialWeight);
        if (initialWeight == 0) {
            assertTrue(rates.startHz() > 4 * TARGET_HZ, "without inhibition the neurons fire fast: " + rates.startHz());
        } else {
            assertTrue(rates.startHz() < 1, "strong inhibition silences the neurons: " + rates.startHz());
        }
        double mean = 0;
        for (double r : rates.settledHz()) {
            mean += r / NEURONS;
            assertTrue(r > 4 && r < 6.5, "a neuron settled at " + r + " Hz from " + inhibition + " inhibition");
        }
        assertTrue(mean >= TARGET_HZ && mean <= TARGET_HZ + 0.6, "population rate " + mean + " Hz from " + inhibition
                + " inhibition");
    }
}
