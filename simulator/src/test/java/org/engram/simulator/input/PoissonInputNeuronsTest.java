package org.engram.simulator.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.engram.simulator.ParameterException;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/** Which neurons a Poisson input drives: every one by default, or each listed one once. */
class PoissonInputNeuronsTest {
    private static final Population<?, ?> P =
            new NetworkBuilder(0.1).population("p", 3, LifDelta.MODEL, LifDelta.MODEL.defaults());

    private static ParameterException refused(int... neurons) {
        ParameterException e = assertThrows(ParameterException.class,
                () -> new PoissonInput(P, neurons, 1000, 0.1, Receptor.EXCITATORY));
        assertEquals("neurons", e.location(), e.getMessage());
        return e;
    }

    @Test
    void anEmptyListIsRefused() {
        assertEquals("poisson input to 'p': neurons: expected at least one neuron index (null or, in a config, no "
                + "key: every neuron), found an empty list", refused().getMessage());
    }

    @Test
    void anIndexOutsideThePopulationIsRefused() {
        assertEquals("poisson input to 'p': neurons: expected indices in [0, 3), found 3", refused(0, 3).getMessage());
        assertEquals("poisson input to 'p': neurons: expected indices in [0, 3), found -1", refused(-1).getMessage());
    }

    @Test
    void aNeuronListedTwiceIsRefused() {
        assertEquals("poisson input to 'p': neurons: expected distinct indices, found 2 listed twice",
                refused(2, 0, 2).getMessage());
    }

    @Test
    void theScheduleIsCheckedWithTheNeurons() {
        ParameterException e = assertThrows(ParameterException.class, () -> new PoissonInput(P, new int[] {0},
                new double[] {0, 5}, new double[] {100}, 0.1, Receptor.EXCITATORY));
        assertEquals("rates_hz", e.location(), e.getMessage());
    }

    @Test
    void theConstructorsWithoutNeuronsDriveEveryNeuron() {
        assertNull(new PoissonInput(P, 1000, 0.1, Receptor.EXCITATORY).neurons());
        assertNull(new PoissonInput(P, new double[] {0}, new double[] {1000}, 0.1, Receptor.EXCITATORY).neurons());
        assertNull(new PoissonInput(P, null, 1000, 0.1, Receptor.EXCITATORY).neurons());
    }

    @Test
    void theListIsCopiedInAndOut() {
        int[] given = {2, 0};
        PoissonInput in = new PoissonInput(P, given, 1000, 0.1, Receptor.EXCITATORY);
        given[0] = 1;
        int[] read = in.neurons();
        assertArrayEquals(new int[] {2, 0}, read);
        read[1] = 1;
        assertArrayEquals(new int[] {2, 0}, in.neurons());
    }

    /** Every problem of an input at once, as a config reports them, where the first had hidden the rest. */
    @Test
    void everyProblemIsReportedAtOnce() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> new PoissonInput(P, new int[] {5}, new double[] {0}, new double[] {-1}, -0.1,
                        Receptor.EXCITATORY));
        assertEquals(List.of("rates_hz[0]", "weight", "neurons"),
                e.problems().stream().map(ParameterException::location).toList(), e.getMessage());
    }
}
