package org.engram.simulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.distribution.EnumeratedRealDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.ParameterException;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.connect.Rules;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;

/**
 * A population or projection the builder rejects leaves the builder as it was, so the corrected
 * call succeeds; the rejected call used to keep its name, and the corrected one was told the name
 * was taken.
 */
class RejectedAdditionTest {
    private static final LifDelta.Params LIF = LifDelta.MODEL.defaults();

    @Test
    void aRejectedPopulationLeavesItsNameAndNeuronsFree() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        assertThrows(ParameterException.class, () -> b.population("x", 0, LifDelta.MODEL, LIF));
        assertThrows(ParameterException.class, () -> b.population("y", 5, LifDelta.MODEL, null));
        Population<?, ?> x = b.population("x", 10, LifDelta.MODEL, LIF);
        Population<?, ?> y = b.population("y", 5, LifDelta.MODEL, LIF);
        assertEquals(0, x.firstNeuron());
        assertEquals(10, y.firstNeuron());
        assertEquals(15, b.build().neuronCount());
    }

    @Test
    void aRejectedProjectionLeavesItsNameFree() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 3, LifDelta.MODEL, LIF);
        Population<?, ?> elsewhere = new NetworkBuilder(0.1).population("q", 3, LifDelta.MODEL, LIF);
        ParameterException foreign = assertThrows(ParameterException.class,
                () -> b.connect("c", p, elsewhere, Rules.allToAll(), Synapses.excitatory(1)));
        assertEquals("network: population: expected a population of this builder, found 'q' of another builder",
                foreign.getMessage());
        b.connect("c", p, p, Rules.allToAll(), Synapses.excitatory(1));
        assertEquals(9, b.build().synapseCount());
    }

    @Test
    void anUnnamedPopulationOrProjectionIsRefusedWithTheNameAsGiven() {
        // A blank name is shown in quotes, so its spaces can be seen; a missing one as null.
        NetworkBuilder b = new NetworkBuilder(0.1);
        ParameterException blank = assertThrows(ParameterException.class,
                () -> b.population("  ", 3, LifDelta.MODEL, LIF));
        assertEquals("network: populations: expected a name that is not empty, found '  '", blank.getMessage());
        Population<?, ?> p = b.population("p", 3, LifDelta.MODEL, LIF);
        ParameterException none = assertThrows(ParameterException.class,
                () -> b.connect(null, p, p, Rules.allToAll(), Synapses.excitatory(1)));
        assertEquals("network: projections: expected a name that is not empty, found null", none.getMessage());
    }

    /** A draw of exactly half a step rounds up to one step: a distribution that gives only that is a delay. */
    @Test
    void aDelayDistributionReachingHalfAStepIsAccepted() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 3, LifDelta.MODEL, LIF);
        b.connect("c", p, p, Rules.allToAll(), Synapses.excitatory(1)
                .delays(new EnumeratedRealDistribution(new double[] {0.05})));
        assertEquals(1, b.build().projections().get(0).delaySteps(0));
    }

    /** A name stays taken once a population or projection holds it. */
    @Test
    void aTakenNameIsStillRefused() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 3, LifDelta.MODEL, LIF);
        b.connect("c", p, p, Rules.allToAll(), Synapses.excitatory(1));
        assertThrows(ParameterException.class, () -> b.population("c", 3, LifDelta.MODEL, LIF));
        assertThrows(ParameterException.class, () -> b.connect("p", p, p, Rules.allToAll(), Synapses.excitatory(1)));
    }

    /** No name, or a blank one, is refused by name rather than taken (and found by no lookup). */
    @Test
    void aMissingOrBlankNameIsRefused() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 3, LifDelta.MODEL, LIF);
        for (String name : new String[] {null, "", "  "}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> b.population(name, 3, LifDelta.MODEL, LIF));
            assertEquals("populations", e.location(), e.getMessage());
            e = assertThrows(ParameterException.class,
                    () -> b.connect(name, p, p, Rules.allToAll(), Synapses.excitatory(1)));
            assertEquals("projections", e.location(), e.getMessage());
        }
    }

    /** An input without a target says so, rather than failing on its own message. */
    @Test
    void anInputWithoutATargetIsRefusedByName() {
        ParameterException current = assertThrows(ParameterException.class, () -> new org.engram.simulator.input
                .CurrentSource(null, new int[] {0}, new double[] {1}, new double[] {5}));
        assertEquals("target", current.location(), current.getMessage());
        ParameterException poisson = assertThrows(ParameterException.class, () -> new org.engram.simulator.input
                .PoissonInput(null, 10, 1, Receptor.EXCITATORY));
        assertEquals("target", poisson.location(), poisson.getMessage());
        // Through the builder too, whose own check of the population came first.
        NetworkBuilder b = new NetworkBuilder(0.1);
        ParameterException viaBuilder = assertThrows(ParameterException.class,
                () -> b.poissonInput(null, 10, 1, Receptor.EXCITATORY));
        assertEquals("null", viaBuilder.found(), viaBuilder.getMessage());
    }

    /** A Poisson input's receptor and weight are checked in that order, each by its own rule. */
    @Test
    void aPoissonInputWithoutAReceptorOrAFiniteWeightIsRefusedByName() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 3, LifDelta.MODEL, LIF);
        ParameterException e = assertThrows(ParameterException.class, () -> b.poissonInput(p, 10, 0.1, null));
        assertEquals("receptor", e.location(), e.getMessage());
        e = assertThrows(ParameterException.class, () -> b.poissonInput(p, 10, Double.NaN, Receptor.EXCITATORY));
        assertEquals("weight", e.location(), e.getMessage());
        assertTrue(e.expected().startsWith("a finite number"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> b.poissonInput(p, 10, -0.1, Receptor.EXCITATORY));
        assertEquals("an excitatory weight >= 0 (a negative one needs the inhibitory receptor)", e.expected(),
                e.getMessage());
    }

    /**
     * What a projection's rule and constant values can be checked for is refused when it is added,
     * naming it, and the builder goes on: found at build, each had left the builder spent and only
     * the first been named.
     */
    @Test
    void aProjectionThatCannotBeDrawnIsRefusedWhenAdded() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> x = b.population("x", 10, LifDelta.MODEL, LIF);
        Population<?, ?> y = b.population("y", 20, LifDelta.MODEL, LIF);
        record Case(String expected, Runnable connect) {
        }
        for (Case c : List.of(
                new Case("projection 'p': weight: expected an excitatory weight >= 0 (a negative one needs the "
                        + "inhibitory receptor), found -0.1",
                        () -> b.connect("p", x, x, Rules.allToAll(), Synapses.excitatory(-0.1))),
                new Case("projection 'q': one_to_one: expected source and target of equal size, found 10 sources and "
                        + "20 targets", () -> b.connect("q", x, y, Rules.oneToOne(), Synapses.excitatory(0.1))),
                new Case("projection 'r': delay: expected a whole number of time steps (multiple of dt = 0.1 ms), "
                        + "found 0.15", () -> b.connect("r", x, y, Rules.allToAll(),
                                Synapses.excitatory(0.1).delayMs(0.15))),
                new Case("projection 's': matrix: expected a 10 x 20 matrix (sources x targets), found 20 x 10",
                        () -> b.connect("s", x, y, Rules.matrix(new double[20][10]), Synapses.excitatory(0))),
                new Case("projection 't': target: expected an index in [0, 20), found 20; at synapse 1 of the rule's "
                        + "list (0-based)", () -> b.connect("t", x, y, Rules.explicit(new int[] {0, 1},
                                new int[] {19, 20}), Synapses.excitatory(0.1))),
                new Case("projection 'v': delay: expected a distribution with draws that round to 1 to 32767 time "
                        + "steps of dt = 0.1 ms, found a distribution over [0.0, 0.04] ms", () -> b.connect("v", x, y,
                                Rules.allToAll(),
                                Synapses.excitatory(0.1).delays(new UniformRealDistribution(0, 0.04)))),
                new Case("projection 'w': delay: expected a distribution with draws that round to 1 to 32767 time "
                        + "steps of dt = 0.1 ms, found a distribution over [4000.0, 5000.0] ms", () -> b.connect("w",
                                x, y, Rules.allToAll(),
                                Synapses.excitatory(0.1).delays(new UniformRealDistribution(4000, 5000)))),
                new Case("projection 'u': fixed_in_degree.k: expected k <= 9 (the number of sources available to each "
                        + "neuron without autapses or multapses), found 10", () -> b.connect("u", x, x,
                                Rules.fixedInDegree(10).withAutapses(false).withMultapses(false),
                                Synapses.excitatory(0.1))),
                new Case("projection 'n': fixed_total_number.n: expected n <= 90 (the number of (source, target) "
                        + "pairs without autapses or multapses), found 91", () -> b.connect("n", x, x,
                                Rules.fixedTotalNumber(91).withAutapses(false).withMultapses(false),
                                Synapses.excitatory(0.1))),
                new Case("projection 'o': rule: expected at most 2147483639 synapses in one projection (the longest "
                        + "array), found 3000000000 from fixed_total_number(n=3000000000, autapses=true, multapses="
                        + "true) on 10 x 20 neurons", () -> b.connect("o", x, y, Rules.fixedTotalNumber(3_000_000_000L),
                                Synapses.excitatory(0.1))),
                // 2e9 synapses at 16 bytes each while drawn: 32 GB, past the tests' heap.
                new Case("projection 'h': rule: expected synapses that fit the Java heap", () -> b.connect("h", x, y,
                        Rules.fixedTotalNumber(2_000_000_000L), Synapses.excitatory(0.1))))) {
            ParameterException e = assertThrows(ParameterException.class, c.connect()::run);
            assertTrue(e.getMessage().startsWith(c.expected()), e.getMessage());
        }
        // The rule's own weights and delays make the projection's constant ones unused, and unchecked.
        b.connect("given", x, y, Rules.explicit(new int[] {0}, new int[] {19}, new double[] {0.2}, new double[] {0.3}),
                Synapses.excitatory(-1).delayMs(0.15));
        b.connect("p", x, x, Rules.allToAll(), Synapses.excitatory(0.1));
        assertEquals(101, b.build().synapseCount());
    }

    /** A value found wrong only when it is drawn still spends the builder, which then says why. */
    @Test
    void aBuilderWhoseBuildFailedSaysSo() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 3, LifDelta.MODEL, LIF);
        // A normal distribution reaches below 0: its draws are checked one by one.
        b.connect("c", p, p, Rules.allToAll(), Synapses.excitatory(0).weights(
                new NormalDistribution(new SplitMixRandom(1), -1, 0.1)));
        assertThrows(ParameterException.class, b::build);
        IllegalStateException again = assertThrows(IllegalStateException.class, b::build);
        assertTrue(again.getMessage().contains("build failed") && again.getMessage().contains("weight"),
                again.getMessage());
    }
}
