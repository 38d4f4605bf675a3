package org.engram.simulator.network;

import static org.engram.simulator.network.Networks.assertCsr;
import static org.engram.simulator.network.Networks.between;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.ParameterException;
import org.engram.simulator.network.connect.Rules;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Explicit lists and weight matrices round-trip: the built projection holds exactly the given
 * (source, target, weight, delay) multiset, compared as sorted tuples.
 */
class ExplicitConnectivityTest {

    /** One synapse as the user gave it; weight as stored (float), delay in steps. */
    private record Tuple(int source, int target, float weight, int delaySteps) {
    }

    private static final Comparator<Tuple> ORDER = Comparator.comparingInt(Tuple::source)
            .thenComparingInt(Tuple::target).thenComparingDouble(Tuple::weight).thenComparingInt(Tuple::delaySteps);

    private static List<Tuple> tuples(Projection p) {
        List<Tuple> out = new ArrayList<>();
        for (int s = 0; s < p.source().size(); s++) {
            for (int k = p.rowStart()[s]; k < p.rowStart()[s + 1]; k++) {
                out.add(new Tuple(s, p.target(k), p.weight(k), p.delaySteps(k)));
            }
        }
        out.sort(ORDER);
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void explicitListWithWeightsAndDelaysRoundTrips(long seed) {
        SplitMixRandom r = new SplitMixRandom(seed);
        int n = 1 + r.nextInt(30);
        int m = 1 + r.nextInt(30);
        int count = r.nextInt(200);
        int[] sources = new int[count];
        int[] targets = new int[count];
        double[] weights = new double[count];
        double[] delays = new double[count];
        List<Tuple> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sources[i] = r.nextInt(n);
            targets[i] = r.nextInt(m);
            weights[i] = r.nextDouble();
            int steps = 1 + r.nextInt(40);
            // Decimal delays such as 0.3 ms are not exact in binary; they must still be whole steps.
            delays[i] = steps / 10.0;
            expected.add(new Tuple(sources[i], targets[i], (float) weights[i], steps));
        }
        expected.sort(ORDER);
        Projection p = between(seed, n, m, Rules.explicit(sources, targets, weights, delays), Synapses.excitatory(1));
        assertCsr(p, false);
        assertEquals(expected, tuples(p));
    }

    @Test
    void explicitListWithoutWeightsTakesThemFromTheSpec() {
        int[] sources = {2, 0, 2, 1, 2};
        int[] targets = {1, 3, 1, 0, 0};
        Projection p = between(1, 3, 4, Rules.explicit(sources, targets), Synapses.excitatory(0.25).delayMs(0.7));
        List<Tuple> expected = new ArrayList<>();
        for (int i = 0; i < sources.length; i++) {
            expected.add(new Tuple(sources[i], targets[i], 0.25f, 7));
        }
        expected.sort(ORDER);
        assertEquals(expected, tuples(p));
        assertNull(p.weights());
        assertNull(p.delays());
    }

    @Test
    void matrixRoundTripsWithTheSpecDelay() {
        double[][] w = {
            {0, 0.5, 0, 1.25},
            {0, 0, 0, 0},
            {2, 0, 0.125, 0},
        };
        Projection p = between(1, 3, 4, Rules.matrix(w), Synapses.excitatory(1).delayMs(2.0));
        List<Tuple> expected = new ArrayList<>();
        for (int s = 0; s < w.length; s++) {
            for (int t = 0; t < w[s].length; t++) {
                if (w[s][t] != 0) {
                    expected.add(new Tuple(s, t, (float) w[s][t], 20));
                }
            }
        }
        assertEquals(expected, tuples(p));
        assertNotNull(p.weights());
        assertNull(p.delays(), "a delay taken from a constant spec needs no per-synapse array");
        assertEquals(20, p.uniformDelaySteps());
    }

    @Test
    void matrixTakesDrawnDelaysFromTheSpec() {
        double[][] w = new double[20][20];
        for (double[] row : w) {
            Arrays.fill(row, 0.5);
        }
        Projection p = between(1, 20, 20, Rules.matrix(w),
                Synapses.excitatory(1).delays(new UniformRealDistribution(1, 3)));
        assertNotNull(p.delays());
        for (int k = 0; k < p.synapseCount(); k++) {
            // U(1, 3) ms rounded to the nearest 0.1 ms step lies in [10, 30] steps.
            int d = p.delaySteps(k);
            assertTrue(d >= 10 && d <= 30, "delay " + d);
        }
    }

    /**
     * A distribution beside a rule that gives the same values would go unused: a matrix's weights
     * had won over a weight distribution, and a list's delays over a delay distribution, without a
     * word. Refused at connect, the builder stays usable, and a delay distribution beside a matrix
     * (which gives weights only) is still taken.
     */
    @Test
    void aDistributionTheRuleWouldOverrideIsRefused() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> x = b.population("x", 2, org.engram.simulator.model.LifDelta.MODEL,
                org.engram.simulator.model.LifDelta.MODEL.defaults());
        UniformRealDistribution draw = new UniformRealDistribution(2, 3);
        ParameterException weights = assertThrows(ParameterException.class, () -> b.connect("m", x, x,
                Rules.matrix(new double[][] {{1, 0}, {0, 2}}), Synapses.excitatory(0).weights(draw)));
        assertEquals("projection 'm': weights: expected no weight distribution, as matrix(2 x 2, synapses=2) "
                + "gives every synapse its weight, found a weight distribution", weights.getMessage());
        ParameterException delays = assertThrows(ParameterException.class, () -> b.connect("l", x, x,
                Rules.explicit(new int[] {0}, new int[] {1}, new double[] {1}, new double[] {1}),
                Synapses.excitatory(0).delays(draw)));
        assertEquals("delays", delays.location());
        assertEquals("a delay distribution", delays.found());
        b.connect("m", x, x, Rules.matrix(new double[][] {{1, 0}, {0, 2}}), Synapses.excitatory(0).delays(draw));
        Projection m = b.build().projection("m");
        // Weights 1 and 2 from the matrix; U(2, 3) ms delays: 20 to 30 steps of 0.1 ms.
        assertArrayEquals(new float[] {1, 2}, m.weights());
        for (int k = 0; k < 2; k++) {
            assertTrue(m.delaySteps(k) >= 20 && m.delaySteps(k) <= 30, "delay " + m.delaySteps(k));
        }
    }

    @Test
    void matrixOfTheWrongShapeIsRejectedNamingBothShapes() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> between(1, 3, 4, Rules.matrix(new double[4][3]), Synapses.excitatory(1)));
        assertEquals("projection 'a->b'", e.source());
        assertEquals("4 x 3", e.found());
        assertEquals("a 3 x 4 matrix (sources x targets)", e.expected());
    }

    @Test
    void explicitIndexOutOfRangeIsRejected() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> between(1, 3, 4, Rules.explicit(new int[] {0, 3}, new int[] {0, 0}), Synapses.excitatory(1)));
        assertEquals("source", e.location());
        assertEquals("3", e.found());
        assertTrue(e.getMessage().contains("at synapse 1 of the rule's list"), e.getMessage());
    }

    @Test
    void aMatrixWeightOfTheWrongSignIsNamedByItsEntry() {
        // The third non-zero entry, weights[1][2], is the one an excitatory projection refuses.
        ParameterException e = assertThrows(ParameterException.class, () -> between(1, 2, 3,
                Rules.matrix(new double[][] {{0, 0.5, 0}, {0.1, 0, -0.2}}), Synapses.excitatory(0.3)));
        assertEquals("weight", e.location());
        assertEquals("-0.2", e.found());
        assertTrue(e.getMessage().contains("at weights[1][2]"), e.getMessage());
    }

    @Test
    void aListedWeightOfTheWrongSignReadsAsOneSentenceNamingItsPlace() {
        // As a user reads it: the projection, the value's rule, the value and where it was listed,
        // with nothing after the place, since the weight's own check has no advice to add.
        ParameterException e = assertThrows(ParameterException.class, () -> between(1, 2, 2,
                Rules.explicit(new int[] {0, 1}, new int[] {1, 0}, new double[] {0.5, -0.25}, new double[] {1, 1}),
                Synapses.excitatory(0.3)));
        assertEquals("projection 'a->b': weight: expected an excitatory weight >= 0 (a negative one needs the"
                + " inhibitory receptor), found -0.25; at synapse 1 of the rule's list (0-based)", e.getMessage());
    }

    @Test
    void inputOrderDoesNotMatter() {
        // The builder sorts rows, so the reversed list gives the same projection.
        int[] sources = {0, 1, 1, 2};
        int[] targets = {2, 1, 0, 2};
        double[] weights = {0.1, 0.2, 0.3, 0.4};
        double[] delays = {0.1, 0.2, 0.3, 0.4};
        int[] rs = {2, 1, 1, 0};
        int[] rt = {2, 0, 1, 2};
        double[] rw = {0.4, 0.3, 0.2, 0.1};
        double[] rd = {0.4, 0.3, 0.2, 0.1};
        Projection a = between(1, 3, 3, Rules.explicit(sources, targets, weights, delays), Synapses.excitatory(1));
        Projection b = between(1, 3, 3, Rules.explicit(rs, rt, rw, rd), Synapses.excitatory(1));
        assertEquals(tuples(a), tuples(b));
        assertArrayEquals(Networks.targets(a), Networks.targets(b));
        assertArrayEquals(a.weights(), b.weights());
        assertArrayEquals(a.delays(), b.delays());
    }

    /**
     * A rule that gives the weights and delays leaves the projection's constant ones unused and
     * unchecked, also when it gives no synapse (an empty list, an all-zero matrix): connect accepted
     * such a projection, and build then refused its unused constant weight or delay and left the
     * builder spent.
     */
    @Test
    void anEmptyListOrZeroMatrixLeavesTheUnusedConstantsUnchecked() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> x = b.population("x", 2, org.engram.simulator.model.LifDelta.MODEL,
                org.engram.simulator.model.LifDelta.MODEL.defaults());
        b.connect("list", x, x, Rules.explicit(new int[0], new int[0], new double[0], new double[0]),
                Synapses.excitatory(-1).delayMs(0.15));
        b.connect("matrix", x, x, Rules.matrix(new double[2][2]), Synapses.excitatory(-1));
        assertEquals(0, b.build().synapseCount());
    }
}
