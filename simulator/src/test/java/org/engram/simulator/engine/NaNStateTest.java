package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.engram.simulator.event.SpikeListener;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.Kernel;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.NeuronState;
import org.engram.simulator.model.ParameterlessModel;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NaN in a neuron's state spreads through every later update and silences the neuron without a
 * word. A run that makes it is reported once complete, by population, model, variable, neuron and
 * time span; a state holding it is refused before a run.
 */
class NaNStateTest {

    /**
     * Neuron 0 fires every step; neuron 1's potential becomes {@code made} (NaN, an infinity) at
     * step {@link #NAN_STEP}.
     */
    private record NaNMaker(double made) implements ParameterlessModel<NaNMaker.State> {
        static final int NAN_STEP = 30;

        static final class State extends NeuronState {
            final double[] v;

            State(int size) {
                super(size);
                v = variable("v", "mV");
            }
        }

        @Override
        public String name() {
            return "nan-maker";
        }

        @Override
        public State newState(int size) {
            return new State(size);
        }

        @Override
        public Kernel<State> prepare(None params, TimeGrid grid) {
            return (s, lo, hi, fromStep, toStep, in, out) -> {
                for (int step = fromStep; step < toStep; step++) {
                    for (int i = lo; i < hi; i++) {
                        if (i == 0) {
                            out.spike(i, step);
                        } else if (step == NAN_STEP) {
                            s.v[i] = made;
                        }
                    }
                }
            };
        }
    }

    private static Network nanMakers() {
        return makers(Double.NaN);
    }

    private static Network makers(double made) {
        NetworkBuilder b = new NetworkBuilder(0.1);
        NaNMaker model = new NaNMaker(made);
        b.population("own", 2, model, model.defaults());
        return b.build();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aRunThatMakesNaNIsReportedOnceCompleteAndKeepsItsSpikes(int threads) {
        Network network = nanMakers();
        Population<?, ?> own = network.population("own");
        try (Engine e = new Engine(network, EngineOptions.grid(threads).withMinParallelNeuronSteps(0))) {
            SpikeRecorder spikes = e.recordSpikes(own);
            EngramException made = assertThrows(EngramException.class, () -> e.run(5));
            assertEquals("population 'own' (model 'nan-maker')", made.source());
            assertEquals("v[1]", made.location());
            assertEquals("NaN after the run from 0.0 to 5.0 ms, which made it", made.found());
            // The run completed: its time and every one of its 50 spikes are kept.
            assertEquals(5.0, e.timeMs());
            assertEquals(50, spikes.count());

            ParameterException refused = assertThrows(ParameterException.class, () -> e.run(1));
            assertEquals("v[1]", refused.location());
            assertEquals(5.0, e.timeMs(), "nothing simulated from a state with NaN");

            own.state().values("v")[1] = 0;
            e.run(1);
            assertEquals(6.0, e.timeMs());
        }
    }

    /** An infinity that a run makes is reported too. */
    @Test
    void anInfinityARunMakesIsReportedToo() {
        try (Engine e = new Engine(makers(Double.NEGATIVE_INFINITY), EngineOptions.grid(1))) {
            EngramException made = assertThrows(EngramException.class, () -> e.run(5));
            assertEquals("v[1]", made.location());
            assertEquals("a finite value (mV)", made.expected());
            assertEquals("-Infinity after the run from 0.0 to 5.0 ms, which made it", made.found());
        }
    }

    @Test
    void aStateGivenNaNIsRefusedBeforeTheFirstStep() {
        Network network = nanMakers();
        network.population("own").state().values("v")[0] = Double.NaN;
        try (Engine e = new Engine(network, EngineOptions.grid(1))) {
            ParameterException refused = assertThrows(ParameterException.class, () -> e.run(5));
            assertEquals("population 'own'", refused.source());
            assertEquals("v[0]", refused.location());
            assertEquals(0.0, e.timeMs());
        }
    }

    /**
     * A listener that writes NaN into a plastic weight: the built-in model then computes NaN from
     * its input, in precise mode too, and the run says so.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aNaNWeightFromAListenerIsFoundInTheNeuronItReaches(boolean precise) {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> source = b.population("in", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{1.0}}));
        Population<?, ?> target = b.population("lif", 3, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("in->lif", source, target, Rules.explicit(new int[] {0}, new int[] {0}),
                Synapses.excitatory(1.0).delayMs(1.0).asPlastic());
        Network network = b.build();
        Projection plastic = network.projection("in->lif");
        try (Engine e = new Engine(network, precise ? EngineOptions.precise(1) : EngineOptions.grid(1))) {
            e.addListener(new SpikeListener() {
                @Override
                public void onSpike(Population<?, ?> population, int neuron, double timeMs) {
                    plastic.weights()[0] = Float.NaN;
                }
            });
            EngramException made = assertThrows(EngramException.class, () -> e.run(5));
            assertTrue(made.source().startsWith("population 'lif'"), made.source());
            assertEquals("v[0]", made.location());
            assertFalse(made.getMessage().isBlank());
        }
    }
}
