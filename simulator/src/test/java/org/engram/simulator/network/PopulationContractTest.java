package org.engram.simulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.model.IntegrateAndFireState;
import org.engram.simulator.model.Kernel;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.NeuronState;
import org.engram.simulator.model.ParameterlessModel;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.junit.jupiter.api.Test;

/**
 * What a population takes from a model written by a user is checked where the population is made,
 * and a wrong variable name is told with the population and the model it was asked of.
 */
class PopulationContractTest {

    /** A model whose {@code newState} makes states of one fixed size, whatever it is asked for. */
    private record FixedSize(int stateSize) implements ParameterlessModel<FixedSize.State> {
        static final class State extends NeuronState {
            State(int size) {
                super(size);
                variable("v", "1");
            }
        }

        @Override
        public String name() {
            return "fixed_size";
        }

        @Override
        public State newState(int size) {
            return new State(stateSize);
        }

        @Override
        public Kernel<State> prepare(None params, TimeGrid grid) {
            return (s, lo, hi, fromStep, toStep, in, out) -> { };
        }
    }

    /** A state of three neurons with one variable of the given name and unit. */
    private static final class Named extends NeuronState {
        Named(String name, String unit) {
            super(3);
            variable(name, unit);
        }
    }

    /**
     * A variable's name is what configs' {@code initial:} keys and CSV headers write: a null name had
     * failed only when the names were listed, with a bare NullPointerException, and an empty one or
     * one with a comma gave a CSV header of other columns.
     */
    @Test
    void aStateVariableNeedsANameAConfigAndACsvHeaderCanWriteAndAUnit() {
        for (String name : new String[] {null, "", "v,x", "v x", "1v"}) {
            ParameterException e = assertThrows(ParameterException.class, () -> new Named(name, "mV"), name);
            assertEquals("variable", e.location());
        }
        for (String unit : new String[] {null, "", " "}) {
            ParameterException noUnit = assertThrows(ParameterException.class, () -> new Named("v", unit), unit);
            assertEquals("v unit", noUnit.location());
        }
        for (String name : new String[] {"v", "i_syn_ex", "V_m", "g2"}) {
            assertEquals(List.of(name), new Named(name, "1").variableNames());
        }
    }

    /** A state that registers the potential its superclass registered already, in a field that hides it. */
    private static final class Twice extends IntegrateAndFireState {
        @SuppressWarnings("unused")
        private final double[] v;

        Twice() {
            super(3, -70);
            v = variable("v", "mV");
        }
    }

    /**
     * A variable registered twice, as a subclass of {@link IntegrateAndFireState} that registers its own
     * {@code v} does, is refused naming the state's class and what is registered: it was an
     * IllegalStateException that said only "state variable 'v' registered twice".
     */
    @Test
    void aVariableRegisteredTwiceIsRefusedNamingTheStateAndItsVariables() {
        ParameterException e = assertThrows(ParameterException.class, Twice::new);
        assertEquals("PopulationContractTest.Twice: variable: expected a name not registered before (this state, "
                + "with the classes it extends, registers [v]), found 'v'; use the array the class that registered "
                + "it holds", e.getMessage());
    }

    private static final LifDelta.Params LIF = new LifDelta.Params(20, 250, 0, 20, 10, 2, 0);

    /** A state of 5 neurons for a population of 10 would leave neurons 5..9 counted by the network but absent. */
    @Test
    void aStateOfAnotherSizeIsRefusedNamingTheModel() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        FixedSize model = new FixedSize(5);
        ParameterException e = assertThrows(ParameterException.class,
                () -> b.population("x", 10, model, model.defaults()));
        assertEquals("model 'fixed_size': newState: expected a state of 10 neurons, the size of population 'x', "
                + "found 5 neurons", e.getMessage());
    }

    /**
     * A model that gives one state object to two populations is refused at the second: both would advance the same
     * arrays (one population then silent, the other firing for both). The first is kept, and a third population of
     * another model can still be added.
     */
    @Test
    void aStateGivenToTwoPopulationsIsRefusedAtTheSecond() {
        FixedSize.State shared = new FixedSize.State(4);
        ParameterlessModel<FixedSize.State> sharing = new ParameterlessModel<>() {
            @Override
            public String name() {
                return "sharing";
            }

            @Override
            public FixedSize.State newState(int size) {
                return shared;
            }

            @Override
            public Kernel<FixedSize.State> prepare(None params, TimeGrid grid) {
                return (s, lo, hi, fromStep, toStep, in, out) -> { };
            }
        };
        NetworkBuilder b = new NetworkBuilder(0.1);
        b.population("a", 4, sharing, sharing.defaults());
        ParameterException e = assertThrows(ParameterException.class,
                () -> b.population("b", 4, sharing, sharing.defaults()));
        assertEquals("model 'sharing': newState: expected a new state for each population, found the state of "
                + "population 'a' again for 'b'", e.getMessage());
        b.population("c", 2, LifDelta.MODEL, LIF);
        assertEquals(6, b.build().neuronCount());
    }

    /** A model that makes the size asked for is taken as it is. */
    @Test
    void aStateOfTheAskedSizeIsTaken() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        FixedSize model = new FixedSize(10);
        assertEquals(10, b.population("x", 10, model, model.defaults()).size());
    }

    /** Null parameters are told as such, not as a NullPointerException from inside the model's code. */
    @Test
    void nullParametersAreRefusedNamingThePopulation() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        ParameterException e = assertThrows(ParameterException.class,
                () -> b.population("x", 10, LifDelta.MODEL, null));
        assertEquals("population 'x': params: expected parameters of lif_delta (for instance its defaults()), "
                + "found null",
                e.getMessage());
    }

    /** The state class's own name ("State") would not tell which of several populations was meant. */
    @Test
    void anUnknownVariableIsToldWithPopulationAndModel() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> x = b.population("x", 10, LifDelta.MODEL, LIF);
        String expected = "population 'x' (lif_delta): variable: expected one of [v], found vm; did you mean 'v'?";
        ParameterException initialise = assertThrows(ParameterException.class,
                () -> b.initialise(x, "vm", new UniformRealDistribution(0, 1)));
        assertEquals(expected, initialise.getMessage());
        try (Engine engine = new Engine(b.build(), EngineOptions.grid(1))) {
            ParameterException record = assertThrows(ParameterException.class,
                    () -> engine.recordState(x, "vm", new int[] {0}, 1.0));
            assertEquals(expected, record.getMessage());
        }
    }
}
