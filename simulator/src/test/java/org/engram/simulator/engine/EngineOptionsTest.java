package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

/** The options record refuses what no engine could run and gives each mode its own parallel threshold. */
class EngineOptionsTest {

    /** 1 to 1024 threads, as documented; the record itself refuses the rest, not only an engine built on it. */
    @Test
    void threadCountsOutsideOneTo1024AreRefused() {
        for (int threads : new int[] {0, -1, 1025, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            ParameterException e = assertThrows(ParameterException.class, () -> EngineOptions.grid(threads));
            assertEquals("threads", e.location(), e.getMessage());
            assertThrows(ParameterException.class, () -> new EngineOptions(threads, Mode.PRECISE, 0));
        }
        assertEquals(1, EngineOptions.grid(1).threads());
        assertEquals(1024, EngineOptions.precise(1024).threads());
    }

    /** The documented defaults: 5,000 neuron-steps in grid mode, 20,000 in precise mode (whose slices share less). */
    @Test
    void eachModeHasItsOwnDefaultParallelThreshold() {
        assertEquals(5_000, EngineOptions.grid(2).minParallelNeuronSteps());
        assertEquals(20_000, EngineOptions.precise(2).minParallelNeuronSteps());
        assertEquals(5_000, new EngineOptions(2, Mode.GRID).minParallelNeuronSteps());
        assertEquals(20_000, new EngineOptions(2, Mode.PRECISE).minParallelNeuronSteps());
        EngineOptions shared = EngineOptions.precise(3).withMinParallelNeuronSteps(0);
        assertEquals(new EngineOptions(3, Mode.PRECISE, 0), shared);
    }

    /** Listed input from 1.5 MiB by default, kept by the other withers; a negative threshold is refused by name. */
    @Test
    void listedInputHasADefaultThresholdAndRefusesANegativeOne() {
        assertEquals(1_572_864, EngineOptions.grid(2).listedInputFromBytes());
        EngineOptions never = EngineOptions.grid(2).withListedInputFromBytes(Long.MAX_VALUE)
                .withMinParallelNeuronSteps(0);
        assertEquals(new EngineOptions(2, Mode.GRID, 0, Long.MAX_VALUE), never);
        ParameterException e = assertThrows(ParameterException.class,
                () -> EngineOptions.grid(1).withListedInputFromBytes(-1));
        assertEquals("engine: listed_input_from_bytes: expected an integer >= 0, found -1", e.getMessage());
    }
}
