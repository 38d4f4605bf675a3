package org.engram.simulator.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.engram.simulator.ParameterException;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/** A state recorder made by hand refuses what it cannot record with a message naming the argument. */
class StateRecorderArgumentsTest {
    private final Population<?, ?> p =
            new NetworkBuilder(0.1).population("p", 3, LifDelta.MODEL, LifDelta.MODEL.defaults());

    @Test
    void aMissingPopulationIsNamed() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> new StateRecorder(null, "v", new int[] {0}, 1, 0.1));
        assertEquals("population", e.location());
    }

    @Test
    void aMissingOrUnknownVariableIsNamed() {
        for (String variable : new String[] {null, "u"}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> new StateRecorder(p, variable, new int[] {0}, 1, 0.1));
            assertEquals("variable", e.location(), e.getMessage());
        }
    }
}
