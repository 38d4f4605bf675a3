package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.engram.simulator.model.LifAlpha;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.LifExp;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A precise-mode engine continues a network a grid-mode engine left refractory: the neuron stays
 * held for the rest of its period. Driven by a bias alone ({@code R I = 20 mV}, threshold 15 mV
 * above rest and reset), a LIF neuron fires every {@code t_ref + tau_m ln(20 / 5)}; the grid run
 * fires at 13.9 ms (the step end after {@code 10 ln 4 = 13.86} ms) and stops at 14.0 ms, 1.9 ms
 * of the 2 ms period left, so the precise engine, from its own time 0, fires first at
 * {@code 1.9 + 10 ln 4}. It used to ignore the grid's refractoriness and fire at {@code 10 ln 4}.
 */
class GridToPreciseTest {

    @ParameterizedTest
    @ValueSource(strings = {LifDelta.NAME, LifExp.NAME, LifAlpha.NAME})
    void refractorinessLeftByGridModeEndsOnTime(String model) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        // tau_m 10 ms, C_m 250 pF: R = 0.04 GOhm, I_e = 500 pA gives 20 mV.
        Population<?, ?> p = switch (model) {
            case LifDelta.NAME -> b.population("p", 1, LifDelta.MODEL,
                    new LifDelta.Params(10, 250, -70, -55, -70, 2, 500));
            case LifExp.NAME -> b.population("p", 1, LifExp.MODEL,
                    new LifExp.Params(10, 250, -70, -55, -70, 2, 500, 2, 2));
            default -> b.population("p", 1, LifAlpha.MODEL,
                    new LifAlpha.Params(10, 250, -70, -55, -70, 2, 500, 2, 2));
        };
        Network net = b.build();
        double isiWithoutRefractoriness = 10 * Math.log(20.0 / 5.0);
        try (Engine grid = new Engine(net, EngineOptions.grid(1))) {
            SpikeRecorder r = grid.recordSpikes(p);
            grid.run(14.0);
            // The grid places the crossing at 13.86 ms at the end of its step.
            assertEquals(1, r.count());
            assertEquals(13.9, r.timesMs()[0], 1e-9);
        }
        try (Engine precise = new Engine(net, EngineOptions.precise(1))) {
            SpikeRecorder r = precise.recordSpikes(p);
            precise.run(40.0);
            // The closed-form crossing is computed to a few ulps of 16 ms.
            assertEquals(1.9 + isiWithoutRefractoriness, r.timesMs()[0], 1e-12);
            assertEquals(1.9 + 2 + 2 * isiWithoutRefractoriness, r.timesMs()[1], 1e-12);
        }
    }
}
