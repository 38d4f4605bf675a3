package org.engram.simulator.network;

import static org.engram.simulator.network.Networks.between;
import static org.engram.simulator.network.Networks.within;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.ConstantRealDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.ParameterException;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

/**
 * Which per-synapse arrays a projection stores, what they cost, and the checks on weight signs
 * and delays. Expected byte counts are computed by hand from the array lengths: 4 bytes per
 * row offset ({@code n + 1}), 2 per target (4 into a population past 65,536 neurons), 4 per float
 * weight, 2 per short delay.
 */
class SynapseStorageTest {
    private static final int N = 200;

    @Test
    void constantWeightAndDelayStoreOnlyRowsAndTargets() {
        Projection p = within(1, N, Rules.fixedProbability(0.1), Synapses.excitatory(0.1).delayMs(1.5));
        int count = p.synapseCount();
        assertNull(p.weights());
        assertNull(p.delays());
        assertEquals(0.1f, p.uniformWeight());
        assertEquals(15, p.uniformDelaySteps());
        assertEquals(2L * count + 4L * (N + 1), p.bytes());
        // bytes / synapse = 2 + 4 (n + 1) / synapses; both sides are one or two roundings of the same
        // quotient, so they agree to a few ulps.
        assertEquals(2 + 4.0 * (N + 1) / count, (double) p.bytes() / count, 1e-12);
    }

    /**
     * A synapse index past the projection is refused whether or not the projection stores weights
     * and delays per synapse: a shared weight or delay given for a synapse that does not exist
     * would read as a real one.
     */
    @Test
    void aSynapseOutsideTheProjectionHasNoWeightDelayOrTarget() {
        Projection shared = within(1, N, Rules.fixedProbability(0.1), Synapses.excitatory(0.1).delayMs(1.5));
        Projection stored = within(1, N, Rules.fixedProbability(0.1),
                Synapses.excitatory(0).weights(new UniformRealDistribution(0.1, 0.5))
                        .delays(new UniformRealDistribution(1.0, 3.0)));
        for (Projection p : new Projection[] {shared, stored}) {
            int count = p.synapseCount();
            for (int k : new int[] {-1, count, Integer.MAX_VALUE}) {
                // The library's own exception, naming the method, argument, range and value (the JDK's
                // array error, a subclass, named neither method nor argument).
                String range = ": k: expected an index in [0, " + count + "), found " + k;
                assertEquals("Projection.weight" + range, assertThrowsExactly(IndexOutOfBoundsException.class,
                        () -> p.weight(k)).getMessage());
                assertEquals("Projection.delaySteps" + range, assertThrowsExactly(IndexOutOfBoundsException.class,
                        () -> p.delaySteps(k)).getMessage());
                assertEquals("Projection.target" + range, assertThrowsExactly(IndexOutOfBoundsException.class,
                        () -> p.target(k)).getMessage());
            }
        }
        // The last synapse still reads as it was given: the shared 0.1 and 1.5 ms, or draws within their bounds.
        int last = shared.synapseCount() - 1;
        assertEquals(0.1f, shared.weight(last));
        assertEquals(Math.round(1.5 / Networks.DT_MS), shared.delaySteps(last));
        last = stored.synapseCount() - 1;
        float w = stored.weight(last);
        int d = stored.delaySteps(last);
        assertTrue(w >= 0.1f && w <= 0.5f, "weight " + w);
        assertTrue(d >= Math.round(1.0 / Networks.DT_MS) && d <= Math.round(3.0 / Networks.DT_MS), "delay " + d);
    }

    @Test
    void drawnWeightsAreStoredAsFloats() {
        Projection p = within(1, N, Rules.fixedProbability(0.1),
                Synapses.excitatory(0).weights(new UniformRealDistribution(0.1, 0.5)));
        float[] w = p.weights();
        assertNotNull(w);
        assertEquals(p.synapseCount(), w.length);
        for (float x : w) {
            assertTrue(x >= 0.1f && x <= 0.5f, "weight " + x);
        }
        assertNull(p.delays());
        assertEquals(6L * p.synapseCount() + 4L * (N + 1), p.bytes());
    }

    @Test
    void drawnDelaysAreStoredAsShortsInWholeSteps() {
        Projection p = within(1, N, Rules.fixedProbability(0.1),
                Synapses.excitatory(0.1).delays(new UniformRealDistribution(1.0, 3.0)));
        short[] d = p.delays();
        assertNotNull(d);
        assertNull(p.weights());
        int min = Short.MAX_VALUE;
        for (short x : d) {
            assertTrue(x >= 10 && x <= 30, "delay steps " + x);
            min = Math.min(min, x);
        }
        assertEquals(min, p.minDelaySteps());
        assertEquals(4L * p.synapseCount() + 4L * (N + 1), p.bytes());
    }

    @Test
    void aProjectionWithoutSynapsesHasNoDelayInTheNetwork() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> a = b.population("a", N, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("used", a, a, Rules.fixedInDegree(5), Synapses.excitatory(0.1).delayMs(1.5));
        // 3 s would make the ring buffers of every neuron 30,001 steps long (GBs in a large network).
        b.connect("empty", a, a, Rules.fixedProbability(0), Synapses.excitatory(0.1).delayMs(3000));
        Network network = b.build();
        assertEquals(0, network.projections().get(1).synapseCount());
        assertEquals(15, network.minDelaySteps());
        assertEquals(15, network.maxDelaySteps());
    }

    @Test
    void plasticProjectionHasWeightArrayEvenWhenConstant() {
        Projection p = within(1, N, Rules.fixedInDegree(10), Synapses.excitatory(0.3).asPlastic());
        assertNotNull(p.weights());
        for (float x : p.weights()) {
            assertEquals(0.3f, x);
        }
        assertEquals(6L * p.synapseCount() + 4L * (N + 1), p.bytes());
    }

    @Test
    void targetsTake16BitsUpTo65536NeuronsAndAnIntPastThem() {
        // Synapses onto the last neurons, where a 16-bit index ends (65,535) and past it (65,536).
        int[] sources = {0, 0, 1};
        for (int size : new int[] {65_536, 65_537}) {
            int[] targets = {size - 1, 0, size - 2};
            Projection p = between(1, 2, size, Rules.explicit(sources, targets), Synapses.excitatory(0.1));
            boolean narrow = size == 65_536;
            assertEquals(narrow, p.narrowTargets() != null, "16-bit targets into " + size);
            assertEquals(narrow, p.wideTargets() == null, "int targets into " + size);
            // Rows ascend by target: row 0 is {0, size - 1}, row 1 {size - 2}.
            assertEquals(0, p.target(0));
            assertEquals(size - 1, p.target(1));
            assertEquals(size - 2, p.target(2));
            assertEquals((narrow ? 2L : 4L) * 3 + 4L * 3, p.bytes(), "bytes into " + size);
        }
    }

    @Test
    void equalExplicitWeightsAndDelaysNeedNoArrays() {
        Projection p = between(1, 3, 3, Rules.explicit(new int[] {0, 1, 2}, new int[] {1, 2, 0},
                new double[] {0.5, 0.5, 0.5}, new double[] {0.3, 0.3, 0.3}), Synapses.excitatory(1));
        assertNull(p.weights());
        assertNull(p.delays());
        assertEquals(0.5f, p.uniformWeight());
        assertEquals(3, p.uniformDelaySteps());
    }

    @Test
    void negativeConstantExcitatoryWeightIsRejectedNamingProjectionAndValue() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> within(1, 20, Rules.allToAll(), Synapses.excitatory(-0.2)));
        assertEquals("projection 'p->p'", e.source());
        assertEquals("weight", e.location());
        assertEquals("-0.2", e.found());
    }

    @Test
    void negativeDrawnExcitatoryWeightIsRejected() {
        // N(0, 1) draws 400 weights; all are >= 0 with probability 2^-400.
        ParameterException e = assertThrows(ParameterException.class,
                () -> within(1, 20, Rules.allToAll(), Synapses.excitatory(0).weights(new NormalDistribution(0, 1))));
        assertEquals("projection 'p->p'", e.source());
        assertEquals("weight", e.location());
        assertTrue(Double.parseDouble(e.found()) < 0, e.getMessage());
    }

    @Test
    void positiveInhibitoryAndNegativeExplicitExcitatoryWeightsAreRejected() {
        assertEquals("0.5", assertThrows(ParameterException.class,
                () -> within(1, 5, Rules.oneToOne(), Synapses.inhibitory(0.5))).found());
        ParameterException e = assertThrows(ParameterException.class, () -> between(1, 2, 2,
                Rules.explicit(new int[] {0, 1}, new int[] {1, 0}, new double[] {0.5, -0.25}, new double[] {1, 1}),
                Synapses.excitatory(1)));
        assertEquals("weight", e.location());
        assertEquals("-0.25", e.found());
        assertTrue(e.getMessage().contains("at synapse 1 of the rule's list"), e.getMessage());
    }

    @Test
    void delayBelowOneStepIsRejected() {
        for (double ms : new double[] {0.0, 0.05}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> within(1, 5, Rules.allToAll(), Synapses.excitatory(0.1).delayMs(ms)));
            assertEquals("projection 'p->p'", e.source());
            assertEquals("delay", e.location());
            assertTrue(e.found().startsWith(String.valueOf(ms)), e.getMessage());
        }
    }

    @Test
    void delayThatIsNotWholeStepsIsRejected() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> within(1, 5, Rules.allToAll(), Synapses.excitatory(0.1).delayMs(1.25)));
        assertEquals("delay", e.location());
        assertEquals("1.25", e.found());
        e = assertThrows(ParameterException.class, () -> between(1, 2, 2,
                Rules.explicit(new int[] {0, 1}, new int[] {1, 0}, new double[] {0.5, 0.5}, new double[] {0.3, 0.35}),
                Synapses.excitatory(1)));
        assertEquals("delay", e.location());
        assertEquals("0.35", e.found());
        assertTrue(e.getMessage().contains("at synapse 1 of the rule's list"), e.getMessage());
    }

    @Test
    void drawnDelayRoundingToZeroStepsIsRejected() {
        // U(0, 0.04) ms is below half a step, so every drawn delay rounds to 0 steps.
        ParameterException e = assertThrows(ParameterException.class, () -> within(1, 5, Rules.allToAll(),
                Synapses.excitatory(0.1).delays(new UniformRealDistribution(0, 0.04))));
        assertEquals("delay", e.location());
    }

    @Test
    void drawnDelayBeyondTheIntRangeIsRejectedNotWrapped() {
        // 429496729.7 ms / 0.1 ms = 2^32 + 1 steps: cast straight to int that is 1 step, a valid
        // delay; the draw must instead be rejected as longer than Short.MAX_VALUE steps.
        ParameterException e = assertThrows(ParameterException.class, () -> within(1, 5, Rules.allToAll(),
                Synapses.excitatory(0.1).delays(new ConstantRealDistribution(429_496_729.7))));
        assertEquals("delay", e.location());
    }

    @Test
    void plasticProjectionKeepsItsDrawnWeights() {
        // Plasticity adds no draw: the same seed gives the weights of the non-plastic projection,
        // which differ from one another (200 x 10 draws from U(0.1, 0.5)).
        Synapses drawn = Synapses.excitatory(0).weights(new UniformRealDistribution(0.1, 0.5));
        float[] plain = within(1, N, Rules.fixedInDegree(10), drawn).weights();
        float[] plastic = within(1, N, Rules.fixedInDegree(10), drawn.asPlastic()).weights();
        assertArrayEquals(plain, plastic);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float w : plastic) {
            min = Math.min(min, w);
            max = Math.max(max, w);
        }
        assertTrue(min >= 0.1f && max <= 0.5f && min < max, "weights in [" + min + ", " + max + "]");
    }

    @Test
    void aProjectionThatDrawsNoSynapseBuildsBesideADelayDistribution() {
        Projection p = within(1, N, Rules.fixedProbability(0),
                Synapses.excitatory(0.1).delays(new UniformRealDistribution(1.0, 3.0)));
        assertEquals(0, p.synapseCount());
    }

    @Test
    void aDelayDistributionLeavesTheUnusedConstantDelayUnchecked() {
        // 0.15 ms is no whole number of 0.1 ms steps, but the drawn delays replace it.
        Projection p = within(1, N, Rules.fixedInDegree(3),
                Synapses.excitatory(0.1).delayMs(0.15).delays(new UniformRealDistribution(1.0, 3.0)));
        for (short d : p.delays()) {
            assertTrue(d >= 10 && d <= 30, "delay steps " + d);
        }
    }

    @Test
    void aConstantDelayMustFitAShortAndBePositive() {
        // 3276.7 ms / 0.1 ms = 32767 steps = Short.MAX_VALUE, the longest delay stored; one step more
        // is refused, as is a negative delay, both by the delay's own rule; so are delays past the int range of
        // steps and past the limit but not whole steps, which the grid's rules would have named first.
        assertEquals(Short.MAX_VALUE,
                within(1, 2, Rules.allToAll(), Synapses.excitatory(0.1).delayMs(3276.7)).minDelaySteps());
        for (double ms : new double[] {3276.8, -1, 3e8, 5000.05}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> within(1, 2, Rules.allToAll(), Synapses.excitatory(0.1).delayMs(ms)));
            assertEquals("delay", e.location());
            assertEquals("a delay of 1 to 32767 time steps (at least dt)", e.expected());
            assertEquals(ms + " ms", e.found());
        }
    }

    @Test
    void aDelayThatRoundsToNoStepIsRefusedThoughOtherDrawsWouldFit() {
        // U(0, 0.2) ms can give delays of 1 and 2 steps, so the distribution passes; a draw below
        // 0.05 ms rounds to 0 steps (chance 1/4 each), and among 400 draws some do: all of them miss
        // with probability 0.75^400 < 1e-49. A constant 1e-20 ms is a whole number of steps: none.
        for (Synapses spec : new Synapses[] {Synapses.excitatory(0.1).delays(new UniformRealDistribution(0, 0.2)),
                Synapses.excitatory(0.1).delayMs(1e-20)}) {
            ParameterException e = assertThrows(ParameterException.class, () -> within(1, 20, Rules.allToAll(), spec));
            assertEquals("delay", e.location());
            assertEquals("a delay of 1 to 32767 time steps (at least dt)", e.expected());
        }
    }
}
