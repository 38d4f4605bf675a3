package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.engram.simulator.ParameterException;
import org.engram.simulator.input.ConstantCurrents;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.input.NoiseCurrent;
import org.engram.simulator.input.SinusoidalCurrent;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.EngramException;
import org.engram.simulator.model.ExactKernel;
import org.engram.simulator.model.ExactPropagation;
import org.engram.simulator.model.InputView;
import org.engram.simulator.model.Kernel;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.model.SpikeSink;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * What the engine holds a model's own kernels to, each refused at the call that breaks it, by
 * population and model: spikes in (step, neuron) order, on which the merge of the workers' spikes
 * and what listeners see depend; a kernel at all; crossings inside the interval searched.
 */
class KernelContractTest {

    /** lif_delta with its grid kernel and exact kernel replaced or wrapped as a test says. */
    private record Altered(UnaryOperator<Kernel<LifDelta.State>> grid,
                           UnaryOperator<ExactKernel<LifDelta.State>> exact)
            implements NeuronModel<LifDelta.Params, LifDelta.State>, ExactPropagation<LifDelta.Params, LifDelta.State> {
        @Override
        public String name() {
            return "altered";
        }

        @Override
        public Class<LifDelta.Params> parametersType() {
            return LifDelta.Params.class;
        }

        @Override
        public LifDelta.Params defaults() {
            return LifDelta.MODEL.defaults();
        }

        @Override
        public LifDelta.State newState(int size, LifDelta.Params params) {
            return LifDelta.MODEL.newState(size, params);
        }

        @Override
        public Kernel<LifDelta.State> prepare(LifDelta.Params params, TimeGrid grid) {
            return this.grid.apply(LifDelta.MODEL.prepare(params, grid));
        }

        @Override
        public ExactKernel<LifDelta.State> prepareExact(LifDelta.Params params, TimeGrid grid) {
            return exact.apply(LifDelta.MODEL.prepareExact(params, grid));
        }
    }

    private static Engine engine(Altered model, EngineOptions options) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        b.population("cells", 3, model, model.defaults());
        return new Engine(b.build(), options);
    }

    /** Every neuron fires in every step, reported from the last neuron down: the second report is refused. */
    @Test
    void spikesOutOfNeuronOrderAreRefused() {
        Altered descending = new Altered(k -> (s, lo, hi, from, to, in, out) -> {
            for (int i = hi - 1; i >= lo; i--) {
                out.spike(i, from);
            }
        }, UnaryOperator.identity());
        try (Engine e = engine(descending, EngineOptions.grid(1))) {
            EngramException refused = assertThrows(EngramException.class, () -> e.run(1));
            assertEquals("population 'cells' (altered): kernel: expected spikes in non-decreasing order of step and "
                    + "then neuron, found spike(1, 0) after spike(2, 0)", refused.getMessage());
        }
    }

    /**
     * A kernel that says it clears its input but leaves some is refused, with assertions enabled as tests run
     * (where the engine checks the rows a clearing kernel advanced through): here it takes the excitatory
     * input alone, and neuron 1's constant current of 50 pA is left in step 0's row. One that says nothing and
     * takes nothing runs: the engine clears its rows.
     */
    @Test
    void aKernelThatSaysItClearsItsInputAndLeavesSomeIsRefused() {
        assertTrue(KernelContractTest.class.desiredAssertionStatus(), "the tests run with assertions enabled");
        Kernel<LifDelta.State> excitatoryOnly = new Kernel<>() {
            @Override
            public void update(LifDelta.State s, int lo, int hi, int fromStep, int toStep, InputView in,
                               SpikeSink out) {
                for (int step = fromStep; step < toStep; step++) {
                    int row = in.row(step);
                    for (int i = lo; i < hi; i++) {
                        s.v[i] += in.takeExcitatory(row, i);
                    }
                }
            }

            @Override
            public boolean clearsInput() {
                return true;
            }
        };
        for (boolean says : new boolean[] {true, false}) {
            Altered model = new Altered(k -> says ? excitatoryOnly : excitatoryOnly::update,
                    UnaryOperator.identity());
            NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
            b.constantCurrents(new ConstantCurrents(b.population("cells", 3, model, model.defaults()), null,
                    new double[] {0, 50, 50}));
            try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
                if (says) {
                    EngramException refused = assertThrows(EngramException.class, () -> e.run(1));
                    assertEquals("population 'cells' (altered): kernel: expected every input of neurons [0, 3) at "
                            + "step 0 taken (InputView.takeExcitatory, takeInhibitory and takeCurrent), as its "
                            + "clearsInput() says, found current input 50.0 left at neuron 1", refused.getMessage());
                } else {
                    e.run(1);
                }
            }
        }
    }

    /**
     * A kernel that says it takes listed input must clear its input and implement {@code updateListed}: the engine
     * refuses it as it is made, naming the model and the population, for it lists only large populations' input,
     * where a small test would not have shown it.
     */
    @Test
    void aKernelThatSaysItTakesListedInputClearsItsInputAndImplementsIt() {
        for (boolean clears : new boolean[] {false, true}) {
            Altered model = new Altered(k -> new Kernel<>() {
                @Override
                public void update(LifDelta.State s, int lo, int hi, int fromStep, int toStep, InputView in,
                                   SpikeSink out) {
                    k.update(s, lo, hi, fromStep, toStep, in, out);
                }

                @Override
                public boolean clearsInput() {
                    return clears;
                }

                @Override
                public boolean takesListedInput() {
                    return true;
                }
            }, UnaryOperator.identity());
            ParameterException refused = assertThrows(ParameterException.class,
                    () -> engine(model, EngineOptions.grid(1)));
            assertEquals(clears ? "model 'altered': kernel: expected updateListed implemented in a kernel whose "
                    + "takesListedInput() is true (population 'cells'), found Kernel's default, which refuses listed "
                    + "input" : "model 'altered': kernel: expected clearsInput() true in a kernel whose "
                    + "takesListedInput() is true, as the engine leaves the rows of listed input to the kernel "
                    + "(population 'cells'), found false", refused.getMessage());
        }
    }

    /** A neuron may fire twice in a step, as a spike source given one time twice does: both spikes count. */
    @Test
    void aNeuronFiringTwiceInAStepIsTwoSpikes() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> source = b.population("source", 2, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{1.0, 1.0, 1.02}, {1.01}}));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            SpikeRecorder spikes = e.recordSpikes(source);
            e.run(2);
            assertArrayEquals(new int[] {0, 0, 0, 1}, spikes.neurons());
        }
    }

    @Test
    void aModelWithoutAKernelIsRefusedWhenTheEngineStarts() {
        ParameterException grid = assertThrows(ParameterException.class,
                () -> engine(new Altered(k -> null, UnaryOperator.identity()), EngineOptions.grid(1)));
        assertEquals("model 'altered': prepare: expected a kernel for population 'cells', found null",
                grid.getMessage());
        ParameterException exact = assertThrows(ParameterException.class,
                () -> engine(new Altered(UnaryOperator.identity(), k -> null), EngineOptions.precise(1)));
        assertEquals("model 'altered': prepareExact: expected a kernel for population 'cells', found null",
                exact.getMessage());
    }

    /** A crossing past the end of the search, emitted, put spikes out of time order. */
    @Test
    void aCrossingOutsideTheSearchedIntervalIsRefused() {
        Altered late = new Altered(UnaryOperator.identity(), k -> new ForwardingExactKernel<>(k) {
            @Override
            public double nextCrossingMs(LifDelta.State state, int i, double fromMs, double untilMs) {
                return untilMs + 0.5;
            }
        });
        try (Engine e = engine(late, EngineOptions.precise(1))) {
            EngramException refused = assertThrows(EngramException.class, () -> e.run(1));
            assertTrue(refused.getMessage().startsWith("population 'cells' (altered): exact kernel: expected NaN or a "
                    + "time in [0.0, ") && refused.getMessage().contains("from nextCrossingMs(state, 0, 0.0, "),
                    refused.getMessage());
        }
    }

    /**
     * A kernel that takes no injected current, as the SPI's default has it, is refused current input
     * in precise mode, by mode, population, model and input, before the engine starts (grid mode takes
     * it); the static check gives the same message. So is one whose array does not fit the population.
     */
    @Test
    void currentInputIntoAKernelWithoutInjectedCurrentIsRefusedInPreciseMode() {
        Altered closed = new Altered(UnaryOperator.identity(), k -> new ForwardingExactKernel<>(k) {
            @Override
            public double[] injectedCurrentPa(LifDelta.State state) {
                return null;
            }
        });
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> cells = b.population("cells", 3, closed, closed.defaults());
        b.noise(new NoiseCurrent(cells, null, 0, 10));
        Network net = b.build();
        String expected = "engine: mode: expected grid mode for current input into a model whose exact kernel takes no "
                + "injected current (ExactKernel.injectedCurrentPa), found precise, with a noise current into "
                + "'cells' (model 'altered')";
        assertEquals(expected, assertThrows(ParameterException.class,
                () -> new Engine(net, EngineOptions.precise(1))).getMessage());
        assertEquals(expected, assertThrows(ParameterException.class, () -> EngineChecks.requireCurrentInputFits(
                cells, Mode.PRECISE, net.grid(), "a noise current")).getMessage());
        EngineChecks.requireCurrentInputFits(cells, Mode.GRID, net.grid(), "a noise current");
        try (Engine grid = new Engine(net, EngineOptions.grid(1))) {
            grid.run(1);
        }
        NetworkBuilder waved = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> driven = waved.population("cells", 3, closed, closed.defaults());
        waved.sinusoid(new SinusoidalCurrent(driven, null, 10, 5, 0, 0));
        Network wavedNet = waved.build();
        assertEquals(expected.replace("a noise current", "a sinusoidal current"), assertThrows(
                ParameterException.class, () -> new Engine(wavedNet, EngineOptions.precise(1))).getMessage());
        // Current input into another population, whose kernel takes it, is not the input refused.
        NetworkBuilder mixed = new NetworkBuilder(0.1).seed(1);
        mixed.noise(new NoiseCurrent(mixed.population("cells", 3, closed, closed.defaults()), null, 0, 10));
        Population<?, ?> open = mixed.population("open", 2, LifDelta.MODEL, LifDelta.MODEL.defaults());
        mixed.sinusoid(new SinusoidalCurrent(open, null, 10, 5, 0, 0));
        mixed.current(CurrentSource.constant(open, null, 100));
        mixed.constantCurrents(new ConstantCurrents(open, null, new double[] {50, 50}));
        Network mixedNet = mixed.build();
        assertEquals(expected, assertThrows(ParameterException.class,
                () -> new Engine(mixedNet, EngineOptions.precise(1))).getMessage());
        NetworkBuilder held = new NetworkBuilder(0.1).seed(1);
        held.constantCurrents(new ConstantCurrents(held.population("cells", 3, closed, closed.defaults()), null,
                new double[] {50, 50, 50}));
        Network heldNet = held.build();
        assertEquals(expected.replace("a noise current", "constant currents"), assertThrows(
                ParameterException.class, () -> new Engine(heldNet, EngineOptions.precise(1))).getMessage());

        Altered misfit = new Altered(UnaryOperator.identity(), k -> new ForwardingExactKernel<>(k) {
            @Override
            public double[] injectedCurrentPa(LifDelta.State state) {
                return new double[1];
            }
        });
        NetworkBuilder b2 = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> few = b2.population("cells", 3, misfit, misfit.defaults());
        b2.current(CurrentSource.constant(few, null, 100));
        Network net2 = b2.build();
        assertEquals("model 'altered': injectedCurrentPa: expected an array of one current per neuron of population "
                + "'cells' (3), found an array of 1", assertThrows(ParameterException.class,
                        () -> new Engine(net2, EngineOptions.precise(1))).getMessage());
    }

    /** The SPI's default: no injected current. */
    @Test
    void anExactKernelTakesNoInjectedCurrentByDefault() {
        ExactKernel<LifDelta.State> plain = new ExactKernel<>() {
            @Override
            public void propagate(LifDelta.State state, int i, double fromMs, double toMs) {
            }

            @Override
            public double nextCrossingMs(LifDelta.State state, int i, double fromMs, double untilMs) {
                return Double.NaN;
            }

            @Override
            public void receive(LifDelta.State state, int i, Receptor receptor, double weight, double timeMs) {
            }

            @Override
            public void fire(LifDelta.State state, int i, double timeMs) {
            }
        };
        assertNull(plain.injectedCurrentPa(LifDelta.MODEL.newState(1, LifDelta.MODEL.defaults())));
    }
}
