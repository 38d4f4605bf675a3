package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.EngramException;
import org.engram.simulator.model.ExactKernel;
import org.engram.simulator.model.ExactPropagation;
import org.engram.simulator.model.Kernel;
import org.engram.simulator.model.NeuronState;
import org.engram.simulator.model.ParameterlessModel;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * An exact kernel of one's own whose {@code propagate} moves an array that its state did not register
 * with {@code NeuronState.variable} is refused when a neuron is shown (a state sample, a run's end),
 * naming the population, the model and the value that differed. A sample propagates the neuron and
 * gives back only the registered values, so such an array decayed once more at each look: recording
 * the state, or running in pieces, silently changed the spike train.
 */
class UnregisteredVariableTest {

    /**
     * dv/dt = c, dc/dt = -c / tau (tau = 5 ms), threshold 10, reset to 0; an input adds its weight to
     * c, which the state registers only if told.
     */
    private record Drift(boolean registersCurrent) implements ParameterlessModel<Drift.State>,
            ExactPropagation<ParameterlessModel.None, Drift.State> {
        private static final double TAU_MS = 5;

        static final class State extends NeuronState {
            final double[] v;
            final double[] c;

            State(int size, boolean registersCurrent) {
                super(size);
                v = variable("v", "1");
                c = registersCurrent ? variable("c", "1/ms") : new double[size];
            }
        }

        @Override
        public String name() {
            return "drift";
        }

        @Override
        public State newState(int size) {
            return new State(size, registersCurrent);
        }

        @Override
        public Kernel<State> prepare(None params, TimeGrid grid) {
            return (s, lo, hi, fromStep, toStep, in, out) -> { };
        }

        @Override
        public ExactKernel<State> prepareExact(None params, TimeGrid grid) {
            return new ExactKernel<>() {
                @Override
                public void propagate(State s, int i, double fromMs, double toMs) {
                    double decay = StrictMath.exp(-(toMs - fromMs) / TAU_MS);
                    s.v[i] += s.c[i] * TAU_MS * (1 - decay);
                    s.c[i] *= decay;
                }

                @Override
                public double nextCrossingMs(State s, int i, double fromMs, double untilMs) {
                    if (s.v[i] >= 10) {
                        return fromMs;
                    }
                    double rise = (10 - s.v[i]) / (s.c[i] * TAU_MS);   // the share of c's total effect needed
                    if (!(rise < 1)) {
                        return Double.NaN;
                    }
                    double t = fromMs - TAU_MS * StrictMath.log(1 - rise);
                    return t <= untilMs ? t : Double.NaN;
                }

                @Override
                public void receive(State s, int i, Receptor receptor, double weight, double timeMs) {
                    s.c[i] += weight;
                }

                @Override
                public void fire(State s, int i, double timeMs) {
                    s.v[i] = 0;
                    s.c[i] = 0;
                }
            };
        }
    }

    private static NetworkBuilder driven(Drift model) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> p = b.population("cells", 20, model, new ParameterlessModel.None());
        b.poissonInput(p, 500, 1.0, Receptor.EXCITATORY);
        return b;
    }

    @Test
    void aSampleOfAKernelThatMovesAnUnregisteredArrayIsRefused() {
        assertTrue(UnregisteredVariableTest.class.desiredAssertionStatus(), "the tests run with assertions enabled");
        NetworkBuilder b = driven(new Drift(false));
        try (Engine e = new Engine(b.build(), EngineOptions.precise(1))) {
            e.recordState(e.network().population("cells"), "v", null, 0.1);
            EngramException refused = assertThrows(EngramException.class, () -> e.run(50));
            String m = refused.getMessage();
            assertTrue(m.startsWith("population 'cells' (drift): exact kernel: expected propagate(state, ")
                    && m.contains("to change only v, which a state sample and a run's end give back")
                    && m.endsWith("register every array that propagate changes with NeuronState.variable(name, unit)"),
                    m);
        }
    }

    /** The end of a run shows every neuron at the engine's time as a sample does: refused there too. */
    @Test
    void theEndOfARunOfAKernelThatMovesAnUnregisteredArrayIsRefused() {
        NetworkBuilder b = driven(new Drift(false));
        try (Engine e = new Engine(b.build(), EngineOptions.precise(1))) {
            EngramException refused = assertThrows(EngramException.class, () -> e.run(50));
            assertTrue(refused.getMessage().startsWith("population 'cells' (drift): exact kernel: expected "
                    + "propagate(state, "), refused.getMessage());
        }
    }

    /** Registered, the same current lets recorders and a split run leave the spike train as it was. */
    @Test
    void aKernelThatMovesOnlyRegisteredVariablesGivesTheSameSpikesRecordedOrNot() {
        double[][] trains = new double[2][];
        for (int recorded = 0; recorded < 2; recorded++) {
            NetworkBuilder b = driven(new Drift(true));
            try (Engine e = new Engine(b.build(), EngineOptions.precise(1))) {
                Population<?, ?> p = e.network().population("cells");
                SpikeRecorder spikes = e.recordSpikes(p);
                if (recorded == 1) {
                    e.recordState(p, "v", null, 0.1);
                    e.run(25);
                    e.run(25);
                } else {
                    e.run(50);
                }
                trains[recorded] = spikes.timesMs();
            }
        }
        assertTrue(trains[0].length > 20, "the neurons fire: " + trains[0].length);
        assertArrayEquals(trains[0], trains[1]);
        assertEquals(trains[0].length, trains[1].length);
    }
}
