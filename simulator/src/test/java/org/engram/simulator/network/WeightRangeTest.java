package org.engram.simulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.ParameterException;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.connect.Connectivity;
import org.engram.simulator.network.connect.Rules;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;

/**
 * Weights are checked as given, before they are stored as {@code float}: a value beyond the float
 * range would become infinite, and a tiny negative excitatory one would pass as -0.
 */
class WeightRangeTest {
    /** The refusal of a projection: when it is added (a constant weight), or when it is drawn. */
    private static ParameterException buildFails(Synapses synapses, Connectivity rule) {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 3, LifDelta.MODEL, LifDelta.MODEL.defaults());
        try {
            b.connect("pp", p, p, rule, synapses);
        } catch (ParameterException atConnect) {
            return atConnect;
        }
        return assertThrows(ParameterException.class, b::build);
    }

    @Test
    void weightsBeyondTheFloatRangeFailByName() {
        ParameterException constant = buildFails(Synapses.excitatory(1e39), Rules.allToAll());
        ParameterException drawn = buildFails(Synapses.excitatory(0).weights(
                new UniformRealDistribution(new SplitMixRandom(0), 1e39, 2e39)), Rules.allToAll());
        ParameterException listed = buildFails(Synapses.excitatory(0),
                Rules.explicit(new int[] {0}, new int[] {1}, new double[] {-1e39}, new double[] {1.0}));
        for (ParameterException e : new ParameterException[] {constant, drawn, listed}) {
            assertEquals("weight", e.location(), e.getMessage());
            assertTrue(e.getMessage().contains("stored as float") && e.getMessage().contains("E39"), e.getMessage());
        }
    }

    /** A weight that a float would hold as 0 is refused, not stored as 0; the least float is kept. */
    @Test
    void aWeightThatAFloatHoldsAs0IsRefused() {
        ParameterException e = buildFails(Synapses.excitatory(1e-50), Rules.allToAll());
        assertEquals("weight", e.location(), e.getMessage());
        assertTrue(e.getMessage().contains("stored as float") && e.getMessage().contains("1.0E-50"), e.getMessage());
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> a = b.population("a", 1, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("a->a", a, a, Rules.allToAll(), Synapses.excitatory(Float.MIN_VALUE));
        assertEquals(Float.MIN_VALUE, b.build().projection("a->a").weight(0));
    }

    @Test
    void aTinyNegativeExcitatoryWeightIsStillNegative() {
        ParameterException e = buildFails(Synapses.excitatory(0),
                Rules.explicit(new int[] {0}, new int[] {1}, new double[] {-1e-50}, new double[] {1.0}));
        assertTrue(e.getMessage().contains("excitatory weight >= 0") && e.getMessage().contains("-1.0E-50"),
                e.getMessage());
    }
}
