package org.engram.simulator.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/** A spike recorder of chosen neurons keeps exactly their spikes, and its statistics are theirs. */
class SpikeSampleTest {
    private static final int[] CHOSEN = {3, 10, 11, 40};

    private static Network driven() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(9);
        Population<?, ?> p = b.population("p", 50, LifDelta.MODEL, new LifDelta.Params(20, 250, 0, 20, 10, 2, 0));
        b.poissonInput(p, 25_000, 0.1, Receptor.EXCITATORY);
        return b.build();
    }

    @Test
    void keepsTheChosenNeuronsSpikesOfTheWholeRecord() {
        Network net = driven();
        Population<?, ?> p = net.population("p");
        SpikeRecorder all;
        SpikeRecorder chosen;
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            all = e.recordSpikes(p);
            chosen = e.recordSpikes(p, CHOSEN);
            e.run(200);
        }
        List<String> expected = new ArrayList<>();
        double[] times = all.timesMs();
        int[] neurons = all.neurons();
        for (int k = 0; k < all.count(); k++) {
            // One by one, each spike reads as in the copies.
            assertEquals(times[k], all.timeMs(k));
            assertEquals(neurons[k], all.neuron(k));
            int neuron = all.neuron(k);
            if (neuron == 3 || neuron == 10 || neuron == 11 || neuron == 40) {
                expected.add(all.timeMs(k) + "," + neuron);
            }
        }
        assertTrue(all.count() > 100, "spikes: " + all.count());
        SpikeRecorder whole = all;
        assertThrows(IndexOutOfBoundsException.class, () -> whole.timeMs(whole.count()));
        assertThrows(IndexOutOfBoundsException.class, () -> whole.neuron(-1));
        List<String> kept = new ArrayList<>();
        for (int k = 0; k < chosen.count(); k++) {
            kept.add(chosen.timesMs()[k] + "," + chosen.neurons()[k]);
        }
        assertTrue(expected.size() > 40, "spikes of the chosen neurons: " + expected.size());
        assertEquals(expected, kept);
        assertEquals(4, chosen.recordedNeuronCount());
        assertArrayEquals(all.timesOf(10), chosen.timesOf(10));
        assertTrue(chosen.records(40) && !chosen.records(4) && !chosen.records(50));
        // The rate is the chosen neurons' own: their spikes over 4 neurons and 0.2 s.
        SpikeStatistics stats = SpikeStatistics.of(chosen, 0, 200);
        assertEquals(4, stats.neurons());
        assertEquals(expected.size() / (4 * 0.2), stats.meanRateHz(), 1e-9);
        // An unrecorded neuron's spikes are not an empty list, which would read as silence.
        ParameterException silent = assertThrows(ParameterException.class, () -> chosen.timesOf(4));
        assertEquals("spike recorder of 'p': neuron: expected one of the 4 recorded neurons, found 4",
                silent.getMessage());
    }

    @Test
    void badChoicesAreRefusedByIndexAndPlace() {
        Network net = driven();
        Population<?, ?> p = net.population("p");
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            assertEquals("spike recorder of 'p': neurons: expected distinct ascending indices in [0, 50), found 50 at "
                    + "neurons[1]", assertThrows(ParameterException.class,
                    () -> e.recordSpikes(p, new int[] {1, 50})).getMessage());
            assertEquals("spike recorder of 'p': neurons: expected distinct ascending indices in [0, 50), found 3 "
                    + "after 3 at neurons[1]", assertThrows(ParameterException.class,
                    () -> e.recordSpikes(p, new int[] {3, 3})).getMessage());
            assertEquals("spike recorder of 'p': neurons: expected at least one population-local neuron, found none",
                    assertThrows(ParameterException.class, () -> e.recordSpikes(p, new int[0])).getMessage());
            assertFalse(e.recordSpikes(p, null).records(-1));
        }
    }
}
