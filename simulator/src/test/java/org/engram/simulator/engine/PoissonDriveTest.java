package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.engram.simulator.ParameterException;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/** Limits of Poisson input: what each mode accepts, and a clear error for what it cannot draw. */
class PoissonDriveTest {
    private static Network network(double rateHz, double weight) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(5);
        Population<?, ?> p = b.population("p", 3, LifDelta.MODEL, new LifDelta.Params(20, 250, 0, 20, 10, 2, 0));
        b.poissonInput(p, rateHz, weight, Receptor.EXCITATORY);
        return b.build();
    }

    @Test
    void gridModeRejectsMoreEventsPerStepThanTheTableCanHold() {
        // 1e7 Hz at dt = 0.1 ms is a mean of 1000 events per step: exp(-1000) underflows to 0, so
        // the table would be empty of mass; the engine must say so, naming the rate.
        Network net = network(1e7, 0.0);
        ParameterException e = assertTimeoutPreemptively(Duration.ofMinutes(2),
                () -> assertThrows(ParameterException.class, () -> new Engine(net, EngineOptions.grid(1))));
        assertEquals("rate_hz", e.location(), e.getMessage());
    }

    /**
     * The limit itself is drawable: 7 MHz at dt = 0.1 ms is a mean of exactly 700 events per step
     * (7000 * 0.1 rounds to 700.0). Each neuron's potential sums its events times 0.001 mV (tau_m of
     * 1e12 ms loses nothing, the threshold is out of reach): 3 neurons over 10 steps, a Poisson total
     * of mean 21,000 events, within 5 standard deviations (725).
     */
    @Test
    void gridModeDrawsTheLargestMeanItAccepts() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(5);
        Population<?, ?> p = b.population("p", 3, LifDelta.MODEL, new LifDelta.Params(1e12, 250, 0, 1e9, 0, 2, 0));
        b.poissonInput(p, 7e6, 0.001, Receptor.EXCITATORY);
        Network net = b.build();
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            e.run(1.0);
        }
        double events = 0;
        for (double v : p.state().values("v")) {
            events += v / 0.001;
        }
        assertEquals(21_000, events, 5 * Math.sqrt(21_000));
    }

    @Test
    void preciseModeDrawsRatesAboveTheGridLimit() {
        // Precise mode draws exponential intervals and needs no table. 1e7 Hz gives 1e4 events/ms
        // per neuron; with weight 0.01 mV the mean drive is 100 mV/ms, far above threshold, so
        // every neuron fires as often as the 2 ms refractory period allows: about once per 2 ms.
        Network net = network(1e7, 0.01);
        try (Engine e = new Engine(net, EngineOptions.precise(1))) {
            SpikeRecorder r = e.recordSpikes(net.population("p"));
            assertTimeoutPreemptively(Duration.ofMinutes(2), () -> e.run(10.0));
            // 10 ms / 2 ms = 5 spikes per neuron at most; at least 4 once the first crossing is reached.
            assertTrue(r.count() >= 3 * 4 && r.count() <= 3 * 5, "spikes: " + r.count());
        }
    }

    @Test
    void rejectsAnInfiniteRate() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 1, LifDelta.MODEL, LifDelta.MODEL.defaults());
        ParameterException e = assertThrows(ParameterException.class,
                () -> b.poissonInput(p, Double.POSITIVE_INFINITY, 0.1, Receptor.EXCITATORY));
        assertEquals("rate_hz", e.location());
    }
}
