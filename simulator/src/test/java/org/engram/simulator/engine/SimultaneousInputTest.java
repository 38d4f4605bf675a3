package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * Inputs that arrive at the same moment act together: +20 mV and -10 mV together raise a neuron
 * resting 15 mV below threshold by 10 mV, so it stays silent in both modes, whichever population
 * was declared first. Taken one at a time, the +20 mV jump alone would cross.
 */
class SimultaneousInputTest {

    @ParameterizedTest
    @CsvSource({"GRID, true", "GRID, false", "PRECISE, true", "PRECISE, false"})
    void simultaneousJumpsSumBeforeTheThresholdTest(Mode mode, boolean excitatoryFirst) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        SpikeTimes.Params at1ms = new SpikeTimes.Params(new double[][] {{1.0}});
        Population<?, ?> exc = null;
        Population<?, ?> inh = null;
        if (excitatoryFirst) {
            exc = b.population("exc", 1, SpikeTimes.MODEL, at1ms);
        }
        inh = b.population("inh", 1, SpikeTimes.MODEL, at1ms);
        if (!excitatoryFirst) {
            exc = b.population("exc", 1, SpikeTimes.MODEL, at1ms);
        }
        // Rest and reset -70 mV, threshold -55 mV: 15 mV to go.
        Population<?, ?> target = b.population("target", 1, LifDelta.MODEL,
                new LifDelta.Params(20, 250, -70, -55, -70, 2, 0));
        b.connect("exc->target", exc, target, Rules.allToAll(), Synapses.excitatory(20).delayMs(1.0));
        b.connect("inh->target", inh, target, Rules.allToAll(), Synapses.inhibitory(-10).delayMs(1.0));
        try (Engine e = new Engine(b.build(), new EngineOptions(1, mode))) {
            SpikeRecorder spikes = e.recordSpikes(target);
            e.run(5);
            assertEquals(0, spikes.count(), "the summed input of +10 mV stays below threshold");
            // Both jumps arrive at 2 ms: v(5 ms) = -70 + 10 exp(-3 / 20).
            assertEquals(-70 + 10 * Math.exp(-3.0 / 20), target.state().values("v")[0], 1e-9, "the neuron took both jumps");
        }
    }
}
