package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.ParameterException;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/** The engine's state recorder refuses what it cannot record with a message naming the argument. */
class StateSamplerArgumentsTest {
    private final Population<?, ?> p =
            new NetworkBuilder(0.1).population("p", 3, LifDelta.MODEL, LifDelta.MODEL.defaults());

    @Test
    void aMissingPopulationIsNamed() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> new StateSampler(null, "v", new int[] {0}, 1, 0.1));
        assertEquals("population", e.location());
    }

    @Test
    void aMissingOrUnknownVariableIsNamed() {
        for (String variable : new String[] {null, "u"}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> new StateSampler(p, variable, new int[] {0}, 1, 0.1));
            assertEquals("variable", e.location(), e.getMessage());
        }
    }

    @Test
    void aValueOutsideTheSamplesTakenIsRefused() {
        // Room for four samples, two taken: the other two hold no sample, though the array has them.
        StateSampler r = new StateSampler(p, "v", new int[] {0, 2}, 1, 0.1);
        r.reserve(4);
        r.sample(0, 0, 3);
        r.sample(1, 0, 3);
        r.complete(2);
        assertEquals(p.state().values("v")[2], r.value(1, 1), 0.0);
        // Two samples taken, two neurons recorded: the message names the argument out of range.
        for (int[] at : new int[][] {{2, 0}, {-1, 0}, {0, 2}, {0, -1}}) {
            boolean sample = at[1] == 0;
            assertEquals("StateRecorder.value: " + (sample ? "sample" : "position") + ": expected an index in [0, 2),"
                    + " found " + (sample ? at[0] : at[1]), assertThrowsExactly(IndexOutOfBoundsException.class,
                    () -> r.value(at[0], at[1])).getMessage());
        }
    }

    /** Positions name the recorded neurons in ascending order; null records every neuron. */
    @Test
    void positionsNameTheRecordedNeurons() {
        StateSampler some = new StateSampler(p, "v", new int[] {0, 2}, 1, 0.1);
        assertEquals(2, some.neuronCount());
        assertEquals(0, some.neuronAt(0));
        assertEquals(2, some.neuronAt(1));
        for (int position : new int[] {-1, 2}) {
            assertEquals("StateRecorder.neuronAt: position: expected an index in [0, 2), found " + position,
                    assertThrowsExactly(IndexOutOfBoundsException.class, () -> some.neuronAt(position)).getMessage());
        }
        StateSampler all = new StateSampler(p, "v", null, 1, 0.1);
        assertEquals(3, all.neuronCount());
        assertEquals(2, all.neuronAt(2));
    }

    /**
     * Room for 10^9 samples of 3 neurons is more values than one array holds (2^31 - 9): refused by
     * the recorder's limit, where a size cast to int would go negative, and the samples so far stay.
     */
    @Test
    void roomPastTheLargestArrayIsRefusedAndTheSamplesStay() {
        StateSampler r = new StateSampler(p, "v", null, 1, 0.1);
        r.reserve(1);
        r.sample(0, 0, 3);
        r.complete(1);
        ParameterException e = assertThrows(ParameterException.class, () -> r.reserve(1_000_000_000));
        assertTrue(e.getMessage().contains("samples x neurons in one recorder"), e.getMessage());
        assertEquals(p.state().values("v")[1], r.value(0, 1), 0.0);
    }
}
