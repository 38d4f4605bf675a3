package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Input that arrives exactly when refractoriness ends is discarded in both modes, whatever the
 * rounding of {@code t_spike + t_ref}; input one step later is taken. A 30 mV jump alone crosses
 * the 20 mV threshold, so every input taken makes a spike.
 */
class RefractoryEndTest {

    private static double[] spikes(Mode mode, double dt, double first, double second, double delay, double tRef) {
        NetworkBuilder b = new NetworkBuilder(dt).seed(1);
        Population<?, ?> source = b.population("source", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{first, second}}));
        Population<?, ?> target = b.population("target", 1, LifDelta.MODEL,
                new LifDelta.Params(10, 250, 0, 20, 0, tRef, 0));
        b.connect("in", source, target, Rules.allToAll(), Synapses.excitatory(30).delayMs(delay));
        try (Engine e = new Engine(b.build(), new EngineOptions(1, mode))) {
            SpikeRecorder r = e.recordSpikes(target);
            e.run(second + delay + 5);
            return r.timesMs();
        }
    }

    /** Second input at first + delay + t_ref: the end of the refractory period of the first spike. */
    @ParameterizedTest
    @CsvSource({"0.1, 1.0, 3.0, 1.0, 2.0", "0.01, 1.0, 3.0, 1.0, 2.0", "0.001, 1.0, 3.0, 1.0, 2.0",
        "0.1, 0.3, 0.5, 0.1, 0.2", "0.1, 0.2, 0.9, 0.1, 0.7", "0.1, 1.1, 2.4, 0.5, 1.3"})
    void inputAtTheEndOfRefractorinessIsDiscarded(double dt, double first, double second, double delay, double tRef) {
        for (Mode mode : Mode.values()) {
            assertArrayEquals(new double[] {first + delay}, spikes(mode, dt, first, second, delay, tRef), 1e-9,
                    mode + " at dt = " + dt);
        }
    }

    @ParameterizedTest
    @CsvSource({"0.1, 1.0, 3.1, 1.0, 2.0", "0.1, 0.3, 0.6, 0.1, 0.2"})
    void inputOneStepLaterIsTaken(double dt, double first, double second, double delay, double tRef) {
        for (Mode mode : Mode.values()) {
            assertArrayEquals(new double[] {first + delay, second + delay},
                    spikes(mode, dt, first, second, delay, tRef),
                    1e-9, mode + " at dt = " + dt);
        }
    }
}
