package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.ParameterException;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * A precise engine takes the end of refractoriness that code writes between runs
 * ({@link org.engram.simulator.model.ExactLifState#refractoryUntilMs}) as it takes written potentials, and refuses
 * one that is NaN, which would hold the neuron never; steps of refractoriness written before its first run hold
 * as in grid mode, beside ends written with them.
 */
class PreciseStateWritesTest {
    /** A neuron driven above threshold by its bias alone, firing every few ms. */
    private static Population<LifDelta.Params, LifDelta.State> driven(NetworkBuilder b) {
        return b.population("x", 2, LifDelta.MODEL, new LifDelta.Params(10, 250, -70, -55, -70, 2, 2000));
    }

    @Test
    void refractorinessWrittenBetweenRunsHoldsTheNeuron() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<LifDelta.Params, LifDelta.State> p = driven(b);
        Network network = b.build();
        try (Engine e = new Engine(network, EngineOptions.precise(1))) {
            SpikeRecorder spikes = e.recordSpikes(p);
            e.run(10);
            int before = spikes.count();
            assertTrue(before >= 4, before + " spikes in the first 10 ms");
            p.state().refractoryUntilMs[0] = 30;
            e.run(30);
            int neuron0 = 0;
            int neuron1 = 0;
            for (int k = before; k < spikes.count(); k++) {
                if (spikes.neuron(k) == 0) {
                    assertTrue(spikes.timeMs(k) >= 30, "neuron 0 fired at " + spikes.timeMs(k) + " ms, held to 30");
                    neuron0++;
                } else {
                    neuron1++;
                }
            }
            assertTrue(neuron0 >= 2 && neuron1 >= 6, neuron0 + " and " + neuron1 + " spikes in the second run");
        }
    }

    @Test
    void aNanEndOfRefractorinessIsRefusedBeforeEachRun() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<LifDelta.Params, LifDelta.State> p = driven(b);
        Network network = b.build();
        p.state().refractoryUntilMs[1] = Double.NaN;
        ParameterException first = assertThrows(ParameterException.class,
                () -> new Engine(network, EngineOptions.precise(1)).close());
        assertEquals("refractoryUntilMs[1]", first.location());
        p.state().refractoryUntilMs[1] = Double.NEGATIVE_INFINITY;
        try (Engine e = new Engine(network, EngineOptions.precise(1))) {
            e.run(5);
            p.state().refractoryUntilMs[0] = Double.NaN;
            ParameterException between = assertThrows(ParameterException.class, () -> e.run(5));
            assertEquals("refractoryUntilMs[0]", between.location());
        }
    }

    /**
     * Steps of refractoriness written before a precise engine's first run hold the neuron as a grid engine holds
     * it: 150 steps of 0.1 ms, so its first spike comes after 15 ms, against about 2 ms for the neuron left free.
     */
    @Test
    void refractoryStepsWrittenOnAFreshNetworkHoldAsInGridMode() {
        for (EngineOptions options : new EngineOptions[] {EngineOptions.grid(1), EngineOptions.precise(1)}) {
            NetworkBuilder b = new NetworkBuilder(0.1);
            Population<LifDelta.Params, LifDelta.State> p = driven(b);
            Network network = b.build();
            p.state().refractorySteps[0] = 150;
            try (Engine e = new Engine(network, options)) {
                SpikeRecorder spikes = e.recordSpikes(p);
                e.run(20);
                double first0 = Double.NaN;
                double first1 = Double.NaN;
                for (int k = spikes.count() - 1; k >= 0; k--) {
                    if (spikes.neuron(k) == 0) {
                        first0 = spikes.timeMs(k);
                    } else {
                        first1 = spikes.timeMs(k);
                    }
                }
                assertTrue(first0 >= 15, options.mode() + ": neuron 0 first fired at " + first0 + " ms");
                assertTrue(first1 < 5, options.mode() + ": neuron 1 first fired at " + first1 + " ms");
            }
        }
    }

    /**
     * An end of refractoriness written on a fresh network holds beside steps written for another neuron (the steps
     * do not reset it), and where both are written for one neuron, the later holds: neuron 0 has 150 steps and an
     * end at 8 ms, neuron 1 an end at 12 ms alone; each first fires after its later end, where free it fires by 2 ms.
     */
    @Test
    void writtenEndsAndStepsOfRefractorinessHoldTogether() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<LifDelta.Params, LifDelta.State> p = driven(b);
        Network network = b.build();
        p.state().refractorySteps[0] = 150;
        p.state().refractoryUntilMs[0] = 8;
        p.state().refractoryUntilMs[1] = 12;
        try (Engine e = new Engine(network, EngineOptions.precise(1))) {
            SpikeRecorder spikes = e.recordSpikes(p);
            e.run(25);
            double[] first = {Double.NaN, Double.NaN};
            for (int k = spikes.count() - 1; k >= 0; k--) {
                first[spikes.neuron(k)] = spikes.timeMs(k);
            }
            assertTrue(first[0] >= 15 && first[0] < 18, "neuron 0 first fired at " + first[0] + " ms, held to 15");
            assertTrue(first[1] >= 12 && first[1] < 15, "neuron 1 first fired at " + first[1] + " ms, held to 12");
        }
    }
}
