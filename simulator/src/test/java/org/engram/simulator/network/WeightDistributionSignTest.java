package org.engram.simulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.ParameterException;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

/**
 * A weight distribution of the wrong sign is refused whether or not a synapse draws from it; one
 * whose support only reaches past 0 is checked draw by draw.
 */
class WeightDistributionSignTest {

    /** A distribution that cannot give the receptor's sign is refused when the projection is added. */
    private static ParameterException refused(double p, Synapses synapses) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> pop = b.population("p", 20, LifDelta.MODEL, LifDelta.MODEL.defaults());
        return assertThrows(ParameterException.class, () -> b.connect("pp", pop, pop, Rules.fixedProbability(p),
                synapses));
    }

    @Test
    void aDistributionOfTheWrongSignIsRefusedEvenWithoutSynapses() {
        for (double p : new double[] {0, 0.5}) {
            ParameterException e = refused(p, Synapses.excitatory(0).weights(new UniformRealDistribution(-1, -0.5)));
            assertEquals("an excitatory weight >= 0 (a negative one needs the inhibitory receptor)", e.expected(),
                    e.getMessage());
            assertEquals("a distribution over [-1.0, -0.5]", e.found(), e.getMessage());
            e = refused(p, Synapses.inhibitory(0).weights(new UniformRealDistribution(0.5, 1)));
            assertEquals("an inhibitory weight <= 0 (a positive one needs the excitatory receptor)", e.expected(),
                    e.getMessage());
        }
    }

    @Test
    void aDistributionReachingPastZeroIsCheckedByItsDraws() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> pop = b.population("p", 20, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("none", pop, pop, Rules.fixedProbability(0), Synapses.excitatory(0)
                .weights(new NormalDistribution(-1, 1)));
        b.connect("upToZero", pop, pop, Rules.fixedProbability(0.5), Synapses.inhibitory(0)
                .weights(new UniformRealDistribution(-1, 0)));
        assertEquals(2, b.build().projections().size(), "no draw of the wrong sign was made");
        NetworkBuilder c = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> q = c.population("p", 20, LifDelta.MODEL, LifDelta.MODEL.defaults());
        c.connect("pp", q, q, Rules.fixedProbability(0.5), Synapses.excitatory(0)
                .weights(new NormalDistribution(-1, 1)));
        ParameterException drawn = assertThrows(ParameterException.class, c::build);
        assertEquals("an excitatory weight >= 0 (a negative one needs the inhibitory receptor)", drawn.expected(),
                drawn.getMessage());
        // A drawn weight has no place a user wrote: the message names none.
        assertNull(drawn.hint(), drawn.getMessage());
    }
}
