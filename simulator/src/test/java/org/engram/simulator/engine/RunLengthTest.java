package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.engram.simulator.ParameterException;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

/** Runs the engine refuses: too long to count in an {@code int}, or after a run that failed mid-slice. */
class RunLengthTest {
    @Test
    void rejectsRunWhoseArrivalStepsOverflow() {
        NetworkBuilder b = new NetworkBuilder(1.0).seed(3);
        Population<?, ?> p = b.population("p", 2, LifDelta.MODEL, new LifDelta.Params(20, 250, 0, 20, 10, 2, 0));
        b.connect("pp", p, p, Rules.allToAll(), Synapses.excitatory(0.1).delayMs(5.0));
        Network net = b.build();
        // A spike in the last step s = 2^31 - 3 is stamped s + 1 and arrives at s + 1 + 5, past
        // Integer.MAX_VALUE: the run must be refused before it starts, not fail or wrap billions of
        // steps later. The timeout only bounds the failure mode of an engine that starts the run.
        double durationMs = Integer.MAX_VALUE - 2.0;
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            ParameterException error = assertTimeoutPreemptively(Duration.ofMinutes(2),
                    () -> assertThrows(ParameterException.class, () -> e.run(durationMs)));
            assertTrue(error.getMessage().contains("duration"), error.getMessage());
            // Past the int range too, the limit named is the engine's, int range less the 5-step delay.
            String limit = "a total of at most " + (Integer.MAX_VALUE - 5L) + " steps";
            assertTrue(error.getMessage().contains(limit), error.getMessage());
            ParameterException far = assertThrows(ParameterException.class, () -> e.run(1e12));
            assertTrue(far.getMessage().contains(limit), far.getMessage());
            ParameterException endless = assertThrows(ParameterException.class,
                    () -> e.run(Double.POSITIVE_INFINITY));
            assertTrue(endless.getMessage().contains("expected a finite number >= 0 (ms)"), endless.getMessage());
        }
    }

    /**
     * The limit counts the steps already run: after 10 steps of 0.5 ms, with a 5-step delay, a run
     * of exactly 2^31 - 1 - 5 - 10 steps more passes the check and one step more is refused. Both
     * start with the interrupt status set, so a run that passes ends at once (with RunInterrupted)
     * rather than going on for billions of steps.
     */
    @Test
    void theLongestRunCountsTheStepsAlreadyRun() {
        NetworkBuilder b = new NetworkBuilder(0.5).seed(3);
        Population<?, ?> p = b.population("p", 2, LifDelta.MODEL, new LifDelta.Params(20, 250, 0, 20, 10, 2, 0));
        b.connect("pp", p, p, Rules.allToAll(), Synapses.excitatory(0.1).delayMs(2.5));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            e.run(5.0);
            assertEquals(10, e.step());
            long allowed = Integer.MAX_VALUE - 5L - 10;
            Thread.currentThread().interrupt();
            try {
                assertThrows(RunInterrupted.class, () -> e.run(allowed * 0.5));
                ParameterException refused = assertThrows(ParameterException.class, () -> e.run((allowed + 1) * 0.5));
                assertTrue(refused.getMessage().contains("a total of at most " + (Integer.MAX_VALUE - 5L) + " steps")
                        && refused.getMessage().contains("after 10 steps"), refused.getMessage());
            } finally {
                Thread.interrupted();
            }
            assertEquals(10, e.step());
        }
    }

    @Test
    void refusesToContinueAfterARunFailedMidSlice() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(3);
        // A bias current of 500 pA drives v_inf = 500 * 20/250 = 40 mV above the 20 mV threshold:
        // the neurons fire within the first few ms, so the listener is called.
        Population<?, ?> p = b.population("p", 2, LifDelta.MODEL, new LifDelta.Params(20, 250, 0, 20, 10, 2, 500));
        b.connect("pp", p, p, Rules.allToAll(), Synapses.excitatory(0.1).delayMs(1.0));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            e.addListener((population, neuron, timeMs) -> {
                throw new IllegalArgumentException("listener failed at " + timeMs);
            });
            ListenerFailed failed = assertThrows(ListenerFailed.class, () -> e.run(50.0));
            // Both neurons reach threshold at 20 ln 2 = 13.86 ms, so spike at the end of step 138 (13.9 ms),
            // in the slice of steps [130, 140): the first of them, neuron 0, is the one that fails.
            assertInstanceOf(IllegalArgumentException.class, failed.getCause());
            assertTrue(failed.getMessage().contains("the spike of neuron 0 of population 'p' at 13.9")
                    && failed.getMessage().contains("listener failed at 13.9")
                    && failed.getMessage().contains("must be built again"), failed.getMessage());
            // The slice was advanced but not finished (step count, delivery): continuing would
            // silently re-run it on advanced state.
            IllegalStateException again = assertThrows(IllegalStateException.class, () -> e.run(1.0));
            assertTrue(again.getMessage().contains("listener failed")
                    && again.getMessage().contains("in the slice from 13.0 ms (step 130)"), again.getMessage());
        }
    }

    /** Regression: samples x neurons beyond the int range overflowed instead of being refused. */
    @Test
    void refusesAStateRecordingLargerThanAnArray() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 3000, LifDelta.MODEL, LifDelta.MODEL.defaults());
        int[] all = java.util.stream.IntStream.range(0, 3000).toArray();
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            e.recordState(p, "v", all, 0.1);
            // 1,000,000 steps x 3,000 neurons = 3e9 values: more than one array can hold.
            ParameterException error = assertThrows(ParameterException.class, () -> e.run(100_000));
            assertTrue(error.getMessage().contains("1000000 samples x 3000 neurons"), error.getMessage());
            assertTrue(e.step() == 0, "nothing was simulated");
        }
    }

    /** Regression: neurons x ring slots beyond the int range wrapped (a negative or tiny array) in precise mode. */
    @Test
    void refusesAPreciseRingLargerThanAnArray() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> source = b.population("source", 1, LifDelta.MODEL, LifDelta.MODEL.defaults());
        Population<?, ?> big = b.population("big", 1 << 20, LifDelta.MODEL, LifDelta.MODEL.defaults());
        // 409.6 ms = 4096 steps: 4097 slots x 2^20 neurons wraps to 2^20 in int arithmetic.
        b.connect("in", source, big, Rules.explicit(new int[] {0}, new int[] {0}),
                Synapses.excitatory(0.1).delayMs(409.6));
        Network net = b.build();
        ParameterException error = assertThrows(ParameterException.class,
                () -> new Engine(net, EngineOptions.precise(1)));
        assertTrue(error.getMessage().contains("'big': 1048576 x 4097"), error.getMessage());
    }
}
