package org.engram.simulator.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.ParameterException;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/** Which neurons a current source feeds: each listed one once. */
class CurrentSourceTest {
    private static final Population<?, ?> P =
            new NetworkBuilder(0.1).population("p", 3, LifDelta.MODEL, LifDelta.MODEL.defaults());

    @Test
    void aNeuronListedTwiceIsRefused() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> CurrentSource.constant(P, new int[] {0, 1, 1}, 250));
        assertEquals("neurons", e.location(), e.getMessage());
        assertTrue(e.getMessage().contains("distinct") && e.getMessage().contains("1 listed twice"), e.getMessage());
    }

    @Test
    void anIndexOutsideThePopulationIsRefused() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> CurrentSource.pulse(P, new int[] {3}, 1, 2, 250));
        assertTrue(e.getMessage().contains("[0, 3)") && e.getMessage().contains("3"), e.getMessage());
    }

    @Test
    void aChangeTimeOffTheGridIsRefusedWhenTheSourceIsAdded() {
        // 1.05 ms is 10.5 steps of 0.1 ms: the network is refused while it is built, like an
        // off-grid delay, under the name the YAML key has.
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 2, LifDelta.MODEL, LifDelta.MODEL.defaults());
        ParameterException e = assertThrows(ParameterException.class,
                () -> b.current(CurrentSource.pulse(p, null, 1.0, 1.05, 250)));
        assertEquals("times_ms[1]", e.location(), e.getMessage());
        assertTrue(e.getMessage().contains("1.05"), e.getMessage());
    }

    @Test
    void noChangeTimeIsRefusedNamingTheTimes() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> new CurrentSource(P, null, new double[0], new double[0]));
        assertEquals("times_ms", e.location(), e.getMessage());
    }
}
