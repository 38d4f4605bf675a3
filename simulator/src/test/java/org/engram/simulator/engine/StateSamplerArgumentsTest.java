package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        for (int[] at : new int[][] {{2, 0}, {-1, 0}, {0, 2}, {0, -1}}) {
            assertThrows(IndexOutOfBoundsException.class, () -> r.value(at[0], at[1]), "value(" + at[0] + ", "
                    + at[1] + ")");
        }
    }
}
