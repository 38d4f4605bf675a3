package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.ParameterException;
import org.engram.simulator.model.Izhikevich;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/** The checks a configuration runs before it has an engine, called directly as such code calls them. */
class EngineChecksTest {
    private static final int ARRAY_LIMIT = Integer.MAX_VALUE - 8;

    /** Izhikevich has no exact propagation: grid mode runs it, precise mode refuses it by the model's name. */
    @Test
    void aModelWithoutExactPropagationIsRunnableInGridModeOnly() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> p = b.population("izh", 2, Izhikevich.MODEL, Izhikevich.regularSpiking());
        assertDoesNotThrow(() -> EngineChecks.requireRunnable(p, Mode.GRID, b.grid()));
        ParameterException e = assertThrows(ParameterException.class,
                () -> EngineChecks.requireRunnable(p, Mode.PRECISE, b.grid()));
        assertEquals("model", e.location(), e.getMessage());
        assertTrue(e.getMessage().contains("izhikevich"), e.getMessage());
        // The three LIF models with exact propagation and the two spike sources, and no others.
        assertTrue(e.getMessage().contains("(one of [lif_delta, lif_exp, lif_alpha, spike_times, poisson_source])"),
                e.getMessage());
    }

    /** A refractory period of 2.05 ms is 20.5 steps of 0.1 ms: the grid kernel cannot count it. */
    @Test
    void aRefractoryPeriodOffTheGridIsRefusedInGridMode() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> p = b.population("p", 2, LifDelta.MODEL,
                new LifDelta.Params(10, 250, -70, -55, -65, 2.05, 0));
        ParameterException e = assertThrows(ParameterException.class,
                () -> EngineChecks.requireRunnable(p, Mode.GRID, b.grid()));
        assertEquals("t_ref", e.location(), e.getMessage());
    }

    /**
     * One recorder holds at most 2^31 - 9 values, the largest Java array: exactly that many pass the
     * array check (and meet the heap's, 17 GB), one more is refused as too many for one recorder,
     * however the product splits into samples and neurons.
     */
    @Test
    void aRecorderHoldsAtMostTheLargestArray() {
        assumeTrue(Runtime.getRuntime().maxMemory() < ARRAY_LIMIT * 8.0, "a heap that holds the largest array");
        // 2^31 - 9 = 7 x 17 x 18046081: the same product as 119 samples of 18046081 neurons.
        assertEquals(ARRAY_LIMIT, 119L * 18_046_081);
        for (long[] split : new long[][] {{ARRAY_LIMIT, 1}, {119, 18_046_081}}) {
            HeapLimitExceeded heap = assertThrows(HeapLimitExceeded.class,
                    () -> EngineChecks.requireStateCapacity("p", "v", split[0], (int) split[1]));
            assertTrue(heap.getMessage().contains("fit the Java heap"), heap.getMessage());
        }
        for (long[] split : new long[][] {{ARRAY_LIMIT + 1L, 1}, {1L << 16, 1 << 16}, {3_000_000_000L, 1}}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> EngineChecks.requireStateCapacity("p", "v", split[0], (int) split[1]));
            assertFalse(e instanceof HeapLimitExceeded, e.getMessage());
            assertTrue(e.getMessage().contains("at most 2147483639 samples x neurons in one recorder"), e.getMessage());
        }
    }

    /**
     * Samples of 8 bytes that take exactly the heap's maximum pass (they do not exceed it), one more
     * sample does not; the message gives the heap in MB as the runtime reports it.
     */
    @Test
    void aRecorderMayTakeTheWholeHeapButNotMore() {
        long heap = Runtime.getRuntime().maxMemory();
        assumeTrue(heap % 16 == 0 && heap / 8 <= ARRAY_LIMIT, "a heap of whole 16-byte units under 16 GB");
        assertDoesNotThrow(() -> EngineChecks.requireStateCapacity("p", "v", heap / 8, 1));
        assertDoesNotThrow(() -> EngineChecks.requireStateCapacity("p", "v", heap / 16, 2));
        for (long[] split : new long[][] {{heap / 8 + 1, 1}, {heap / 16 + 1, 2}}) {
            HeapLimitExceeded e = assertThrows(HeapLimitExceeded.class,
                    () -> EngineChecks.requireStateCapacity("p", "v", split[0], (int) split[1]));
            String mb = String.format(Locale.ROOT, "%.0f MB in all", heap / 1e6);
            assertTrue(e.getMessage().contains(mb), e.getMessage());
        }
    }

    /** Below one step the recorder's own rule speaks, for 0 as for a negative interval. */
    @Test
    void aStateIntervalMustBeAWholeStepAtLeast() {
        TimeGrid grid = new TimeGrid(0.1);
        for (double ms : new double[] {0, -0.1, 1e-12}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> EngineChecks.stateIntervalSteps(grid, ms));
            assertTrue(e.getMessage().contains("at least one time step"), e.getMessage());
        }
        assertEquals(3, EngineChecks.stateIntervalSteps(grid, 0.3));
    }
}
