package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.model.Kernel;
import org.engram.simulator.model.NeuronState;
import org.engram.simulator.model.ParameterlessModel;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A kernel of one's own that reports a spike of a neuron or a step it was not given is stopped at
 * that call, with the population, its model and what was expected. A neuron past the population
 * was recorded although it does not exist, or failed deep in the delivery with an index out of
 * bounds; a step outside the call lost the spike in the merge ("spike merge lost spikes").
 */
class MisbehavingKernelTest {

    /** A model whose kernel reports one spike per call: its last neuron and first step, each offset as told. */
    private record Faulty(int neuronOffset, int stepOffset, boolean callsSpikeAt)
            implements ParameterlessModel<Faulty.State> {
        static final class State extends NeuronState {
            State(int size) {
                super(size);
            }
        }

        @Override
        public String name() {
            return "faulty";
        }

        @Override
        public State newState(int size) {
            return new State(size);
        }

        @Override
        public Kernel<State> prepare(None params, TimeGrid grid) {
            return (s, lo, hi, fromStep, toStep, in, out) -> {
                if (callsSpikeAt) {
                    out.spikeAt(lo, fromStep * grid.dtMs());
                } else {
                    out.spike(hi - 1 + neuronOffset, fromStep + stepOffset);
                }
            };
        }
    }

    @ParameterizedTest
    @CsvSource({
        "1, 0, false, 'spike(2, 0)', 'a neuron in [0, 2)'",     // the neuron after the last
        "0, 20, false, 'spike(1, 20)', 'a step in [0, 1)'",     // a step of a later call
        "0, 0, true, 'spikeAt(0, 0.0)', 'spike(i, step)'"})     // precise mode's call in grid mode
    void aSpikeOutsideTheCallIsRefusedWithThePopulation(int neuronOffset, int stepOffset, boolean callsSpikeAt,
                                                         String call, String expected) {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("own", 2, new Faulty(neuronOffset, stepOffset, callsSpikeAt),
                new ParameterlessModel.None());
        b.connect("own->own", p, p, Rules.allToAll(), Synapses.excitatory(1).delayMs(1.0));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> e.run(5));
            String m = thrown.getMessage();
            assertTrue(m.startsWith("population 'own' (faulty): its kernel called " + call) && m.contains(expected), m);
        }
    }
}
