package org.engram.simulator.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/** Which neurons a current source feeds (each listed one once), and the checks and copies of its schedule. */
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
    void twoChangeTimesOnOneStepAreRefusedNamingBoth() {
        // 1 ms and 1 ms + 1e-11 ms are strictly increasing and each within the grid's tolerance of
        // step 10 of 0.1 ms: on the grid the second would never be in force, so the source is refused.
        CurrentSource c = new CurrentSource(P, null, new double[] {0, 1.0, 1.0 + 1e-11}, new double[] {5, 6, 7});
        ParameterException e = assertThrows(ParameterException.class, () -> c.changeSteps(new TimeGrid(0.1)));
        assertEquals("times_ms[2]", e.location(), e.getMessage());
        assertTrue(e.getMessage().contains("after times_ms[1] = 1.0"), e.getMessage());
    }

    @Test
    void noChangeTimeIsRefusedNamingTheTimes() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> new CurrentSource(P, null, new double[0], new double[0]));
        assertEquals("times_ms", e.location(), e.getMessage());
    }

    @Test
    void aMissingArrayIsRefusedByItsName() {
        assertEquals("times_ms", assertThrows(ParameterException.class,
                () -> new CurrentSource(P, null, null, new double[] {1})).location());
        assertEquals("amplitudes_pa", assertThrows(ParameterException.class,
                () -> new CurrentSource(P, null, new double[] {0}, null)).location());
    }

    @Test
    void everyAmplitudeMustBeFinite() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> new CurrentSource(P, null, new double[] {0, 1}, new double[] {5, Double.NaN}));
        assertEquals("amplitudes_pa[1]", e.location(), e.getMessage());
    }

    @Test
    void givesItsScheduleAsCopiesAndItsChangeTimesInSteps() {
        CurrentSource c = new CurrentSource(P, new int[] {2, 0}, new double[] {0, 1.5, 2}, new double[] {5, -5, 0});
        // 0, 1.5 and 2 ms are steps 0, 15 and 20 of 0.1 ms.
        assertArrayEquals(new int[] {0, 15, 20}, c.changeSteps(new TimeGrid(0.1)));
        assertArrayEquals(new int[] {2, 0}, c.neurons());
        assertArrayEquals(new double[] {0, 1.5, 2}, c.timesMs());
        assertArrayEquals(new double[] {5, -5, 0}, c.amplitudesPa());
        c.neurons()[0] = 1;
        c.timesMs()[0] = 7;
        c.amplitudesPa()[0] = 7;
        assertArrayEquals(new int[] {2, 0}, c.neurons(), "the source's own list");
        assertEquals(0, c.timesMs()[0]);
        assertEquals(5, c.amplitudesPa()[0]);
        assertNull(CurrentSource.constant(P, null, 5).neurons(), "every neuron");
    }

    @Test
    void aPoissonInputGivesItsScheduleAsCopies() {
        PoissonInput in = new PoissonInput(P, new double[] {0, 2}, new double[] {10, 20}, 0.1,
                Receptor.EXCITATORY);
        in.timesMs()[1] = 7;
        in.ratesHz()[1] = 7;
        assertArrayEquals(new double[] {0, 2}, in.timesMs());
        assertArrayEquals(new double[] {10, 20}, in.ratesHz());
        assertArrayEquals(new int[] {0, 20}, in.changeSteps(new TimeGrid(0.1)));
    }

    /**
     * A pulse of 250 pA from 2 ms to 5 ms into chosen neurons of a population of 4,100, among them 4,095 and
     * 4,096 (the edge of the grid engine's blocks of 4,096 neurons): each feels it once, from the step that
     * starts at 2 ms to the one that ends at 5 ms. A lif_delta neuron at rest 0 mV integrates a constant
     * current I exactly over a step: V <- a V + R I (1 - a), a = exp(-dt / tau_m), R I = 10 ms / 250 pF x
     * 250 pA = 10 mV. So V is 0 at 2 ms, 10 (1 - e^-0.01) mV at 2.1 ms (one step), 10 (1 - e^-0.3) mV at 5 ms
     * (30 steps) and that times e^-0.5 at 10 ms (50 steps without current); neurons not listed stay at 0.
     */
    @Test
    void eachChosenNeuronFeelsAPulseOnceFromItsOnsetStepToItsOffsetStep() {
        int[] chosen = {0, 4095, 4096, 4099};
        double[][] expected = {{2.0, 0}, {0.1, 10 * -Math.expm1(-0.01)}, {2.9, 10 * -Math.expm1(-0.3)},
            {5.0, 10 * -Math.expm1(-0.3) * Math.exp(-0.5)}};
        for (int threads = 1; threads <= 2; threads++) {
            NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
            Population<?, ?> p = b.population("cells", 4100, LifDelta.MODEL,
                    new LifDelta.Params(10, 250, 0, 1000, 0, 2, 0));
            b.current(CurrentSource.pulse(p, chosen, 2.0, 5.0, 250));
            Network network = b.build();
            try (Engine engine = new Engine(network, EngineOptions.grid(threads).withMinParallelNeuronSteps(0))) {
                for (double[] runAndV : expected) {
                    engine.run(runAndV[0]);
                    double[] v = p.values("v");
                    for (int i = 0; i < v.length; i++) {
                        boolean listed = i == 0 || i == 4095 || i == 4096 || i == 4099;
                        assertEquals(listed ? runAndV[1] : 0, v[i], 1e-12,
                                "neuron " + i + " at " + engine.timeMs() + " ms, " + threads + " threads");
                    }
                }
            }
        }
    }
}
