package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.ParameterException;
import org.engram.simulator.event.SpikeListener;
import org.engram.simulator.model.Kernel;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * What a listener or observer throws is reported with the spike it was shown, one added twice is
 * refused, and a model's step cost must keep its contract.
 */
class ListenerFailureTest {
    /** v_inf = 500 pA * 20 ms / 250 pF = 40 mV: threshold 20 mV is reached at 20 ln 2 = 13.86 ms. */
    private static final LifDelta.Params DRIVEN = new LifDelta.Params(20, 250, 0, 20, 10, 2, 500);

    private static Network twoDrivenNeurons() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        b.population("p", 2, LifDelta.MODEL, DRIVEN);
        return b.build();
    }

    @Test
    void anObserverThatThrowsIsNamedWithTheExactSpikeItWasShown() {
        SpikeListener failing = (population, neuron, timeMs) -> {
            throw new ArithmeticException("observer failed");
        };
        try (Engine e = new Engine(twoDrivenNeurons(), EngineOptions.precise(1))) {
            e.addObserver(failing);
            ListenerFailed error = assertThrows(ListenerFailed.class, () -> e.run(20));
            assertInstanceOf(ArithmeticException.class, error.getCause());
            String expectedTime = String.valueOf(20 * Math.log(2));
            assertTrue(error.getMessage().startsWith("observer (a lambda in " + ListenerFailureTest.class.getName()
                    + ") threw when shown "
                    + "the spike of neuron 0 of population 'p' at " + expectedTime.substring(0, 10)),
                    error.getMessage());
        }
    }

    /** A checked exception thrown past the compiler (Kotlin, Lombok) is named too: it came out bare. */
    @Test
    void aCheckedExceptionThrownPastTheCompilerIsNamedLikeAnyOther() {
        SpikeListener failing = (population, neuron, timeMs) -> ListenerFailureTest.<RuntimeException>sneakyThrow(
                new java.io.IOException("log full"));
        try (Engine e = new Engine(twoDrivenNeurons(), EngineOptions.grid(1))) {
            e.addListener(failing);
            ListenerFailed error = assertThrows(ListenerFailed.class, () -> e.run(20));
            assertInstanceOf(java.io.IOException.class, error.getCause());
            assertTrue(error.getMessage().startsWith("listener (a lambda in " + ListenerFailureTest.class.getName()
                    + ") threw when shown the spike of neuron 0 of population 'p' at "), error.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    @Test
    void aFailureAtTheEndOfAnInstantIsNamedAsSuch() {
        SpikeListener failing = new SpikeListener() {
            @Override
            public void onSpike(Population<?, ?> population, int neuron, double timeMs) {
            }

            @Override
            public void afterSpikesAt(double timeMs) {
                throw new IllegalStateException("instant failed");
            }
        };
        try (Engine e = new Engine(twoDrivenNeurons(), EngineOptions.grid(1))) {
            e.addListener(failing);
            ListenerFailed error = assertThrows(ListenerFailed.class, () -> e.run(20));
            // Both neurons fire in step 138; their instant ends at 13.9 ms (139 * 0.1 in double).
            assertTrue(error.getMessage().contains("threw when shown the end of the spikes at " + 139 * 0.1
                    + " ms (afterSpikesAt): java.lang.IllegalStateException: instant failed"), error.getMessage());
        }
    }

    @Test
    void anErrorTheListenerReportsItselfPassesAsItIs() {
        ParameterException reported = new ParameterException("my rule", "w_max", "a weight >= 0", -1);
        try (Engine e = new Engine(twoDrivenNeurons(), EngineOptions.grid(1))) {
            e.addListener((population, neuron, timeMs) -> {
                throw reported;
            });
            assertSame(reported, assertThrows(ParameterException.class, () -> e.run(20)));
        }
    }

    @Test
    void theSameListenerIsAddedOnceWhetherAsListenerOrObserver() {
        SpikeListener counter = (population, neuron, timeMs) -> { };
        try (Engine e = new Engine(twoDrivenNeurons(), EngineOptions.grid(1))) {
            e.addListener(counter);
            ParameterException twice = assertThrows(ParameterException.class, () -> e.addListener(counter));
            assertTrue(twice.getMessage().contains("not yet added to this engine"), twice.getMessage());
            assertThrows(ParameterException.class, () -> e.addObserver(counter));
            assertTrue(e.removeListener(counter));
            assertFalse(e.removeListener(counter));
            e.addObserver(counter);
            assertThrows(ParameterException.class, () -> e.addListener(counter));
        }
    }

    /** Equal objects are distinct listeners: each is added, and removing one leaves the other. */
    @Test
    void equalListenersAreDistinct() {
        record Counting(int[] count) implements SpikeListener {
            @Override
            public void onSpike(Population<?, ?> population, int neuron, double timeMs) {
                count[0]++;
            }
        }
        int[] count = new int[1];
        Counting first = new Counting(count);
        Counting second = new Counting(count);
        assertEquals(first, second);
        try (Engine e = new Engine(twoDrivenNeurons(), EngineOptions.grid(1))) {
            e.addListener(first);
            e.addListener(second);
            e.run(20);
            assertEquals(4, count[0], "two neurons firing once each, seen by two listeners");
            assertTrue(e.removeListener(second));
            e.run(8);
            // After 2 ms of refractoriness the reset's 10 mV reaches 20 mV in 20 ln((40-10)/(40-20)) = 8.1 ms,
            // so both neurons fire again at about 24.0 ms, and next at 34.1: once each before 28 ms.
            assertEquals(6, count[0]);
        }
    }

    @Test
    void aModelWhoseStepCostBreaksItsContractIsRefused() {
        for (double cost : new double[] {0, 0.5, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            // On one thread too, where the cost decides nothing.
            for (int threads = 1; threads <= 2; threads++) {
                NetworkBuilder b = new NetworkBuilder(0.1);
                b.population("p", 2, new Costed(cost), DRIVEN);
                Network n = b.build();
                EngineOptions options = EngineOptions.grid(threads);
                ParameterException error = assertThrows(ParameterException.class,
                        () -> new Engine(n, options).close());
                assertTrue(error.getMessage().contains("model 'costed' of population 'p'")
                        && error.getMessage().contains("stepCost()")
                        && error.getMessage().contains(String.valueOf(cost)), error.getMessage());
            }
        }
    }

    /** Leaky integrate-and-fire that claims a step cost. */
    private record Costed(double cost) implements NeuronModel<LifDelta.Params, LifDelta.State> {
        @Override public String name() { return "costed"; }
        @Override public double stepCost() { return cost; }
        @Override public Class<LifDelta.Params> parametersType() { return LifDelta.MODEL.parametersType(); }
        @Override public LifDelta.Params defaults() { return LifDelta.MODEL.defaults(); }
        @Override public LifDelta.State newState(int size, LifDelta.Params p) {
            return LifDelta.MODEL.newState(size, p);
        }
        @Override public Kernel<LifDelta.State> prepare(LifDelta.Params p, org.engram.simulator.engine.TimeGrid g) {
            return LifDelta.MODEL.prepare(p, g);
        }
    }
}
