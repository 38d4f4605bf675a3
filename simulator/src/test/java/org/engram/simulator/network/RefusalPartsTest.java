package org.engram.simulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.DistributionRefused;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

/**
 * What a caller that placed a projection's values (a config's reader) reads off a refusal besides its
 * message: the entry of the rule's list a bad value stands at, the step a time is compared with, and a
 * distribution refused as a whole told from one value drawn from it.
 */
class RefusalPartsTest {
    private static final LifDelta.Params LIF = LifDelta.MODEL.defaults();

    private final NetworkBuilder builder = new NetworkBuilder(0.1).seed(3);
    private final Population<?, ?> x = builder.population("x", 10, LifDelta.MODEL, LIF);
    private final Population<?, ?> y = builder.population("y", 20, LifDelta.MODEL, LIF);

    @Test
    void anIndexOfTheRulesListNamesItsEntry() {
        ParameterException e = assertThrows(ParameterException.class, () -> builder.connect("t", x, y,
                Rules.explicit(new int[] {0, 1, 2}, new int[] {19, 20, 0}), Synapses.excitatory(0.1)));
        assertEquals("target", e.location());
        assertEquals("synapse 1 of the rule's list (0-based)", e.entry());
        assertTrue(e.hint().startsWith("at synapse 1 of the rule's list"), e.getMessage());
        assertNull(e.comparedWith(), "an index is compared with the population's size, no parameter");
    }

    /** A delay of the list off the grid is found at its entry, and compared with the step there too. */
    @Test
    void aDelayOfTheRulesListIsComparedWithTheStepAtItsEntry() {
        ParameterException e = assertThrows(ParameterException.class, () -> builder.connect("d", x, y,
                Rules.explicit(new int[] {0, 1}, new int[] {0, 1}, new double[] {0.1, 0.1}, new double[] {1, 0.15}),
                Synapses.excitatory(0.1)));
        assertEquals("synapse 1 of the rule's list (0-based)", e.entry(), e.getMessage());
        assertEquals(TimeGrid.DT, e.comparedWith(), e.getMessage());
        assertTrue(e.getMessage().contains("multiple of dt = 0.1 ms"), e.getMessage());
    }

    @Test
    void aConstantDelayOffTheGridIsComparedWithTheStep() {
        ParameterException e = assertThrows(ParameterException.class, () -> builder.connect("r", x, y,
                Rules.allToAll(), Synapses.excitatory(0.1).delayMs(0.15)));
        assertEquals(TimeGrid.DT, e.comparedWith(), e.getMessage());
        assertNull(e.entry());
        assertFalse(e instanceof DistributionRefused, e.getMessage());
    }

    /** Delays that all round to no step, and weights only of the wrong sign, are refused before any draw. */
    @Test
    void distributionsThatCannotGiveAValueAreRefusedAsAWhole() {
        ParameterException delays = assertThrows(ParameterException.class, () -> builder.connect("v", x, y,
                Rules.allToAll(), Synapses.excitatory(0.1).delays(new UniformRealDistribution(0, 0.04))));
        assertInstanceOf(DistributionRefused.class, delays);
        assertEquals("a distribution over [0.0, 0.04] ms", delays.found());
        assertEquals(TimeGrid.DT, delays.comparedWith(), "the draws round to steps of dt");
        ParameterException weights = assertThrows(ParameterException.class, () -> builder.connect("w", x, y,
                Rules.allToAll(), Synapses.excitatory(0).weights(new UniformRealDistribution(-1, -0.5))));
        assertInstanceOf(DistributionRefused.class, weights);
        assertEquals("a distribution over [-1.0, -0.5]", weights.found());
        assertNull(weights.comparedWith(), "a sign is no parameter");
    }

    /**
     * A distribution that reaches past 0 is checked by its draws: the first negative excitatory weight
     * drawn is refused as the value it is, not as the distribution.
     */
    @Test
    void aDrawnValueIsRefusedAsItself() {
        builder.connect("n", x, y, Rules.allToAll(), Synapses.excitatory(0).weights(new NormalDistribution(0, 1)));
        ParameterException e = assertThrows(ParameterException.class, builder::build);
        assertFalse(e instanceof DistributionRefused, e.getMessage());
        assertTrue(Double.parseDouble(e.found()) < 0, e.getMessage());
        assertNull(e.entry(), "a drawn weight stands at no entry of a list");
    }

    /**
     * A value outside a range of its own (a size of 0, a time constant or a degree below 0) says so, which a
     * caller that set other parameters beside it reads as none of them being the cause; a rule that compares
     * the value with another parameter does not, nor does one a model of one's own throws with a constructor.
     */
    @Test
    void aValueOutOfItsOwnRangeIsToldFromOneRefusedForAnotherParameter() {
        ParameterException size = assertThrows(ParameterException.class,
                () -> builder.population("z", 0, LifDelta.MODEL, LIF));
        ParameterException tauM = assertThrows(ParameterException.class,
                () -> new LifDelta.Params(-1, 250, -70, -50, -65, 2, 0));
        ParameterException degree = assertThrows(ParameterException.class, () -> Rules.fixedInDegree(-5));
        ParameterException reset = assertThrows(ParameterException.class,
                () -> new LifDelta.Params(20, 250, -70, -50, -40, 2, 0));
        for (ParameterException own : new ParameterException[] {size, tauM, degree}) {
            assertTrue(own.outOfOwnRange(), own.getMessage());
            assertTrue(own.atEntry("synapse 0").outOfOwnRange(), "an entry of a list keeps it: " + own.getMessage());
        }
        assertEquals("v_reset", reset.location());
        assertFalse(reset.outOfOwnRange(), "v_reset is compared with v_th: " + reset.getMessage());
        assertEquals("v_th", reset.comparedWith());
        assertFalse(new ParameterException("my_model", "tau", "a number > 0 (ms)", -1).outOfOwnRange(),
                "a rule a model of one's own states may compare the value with anything");
    }
}
