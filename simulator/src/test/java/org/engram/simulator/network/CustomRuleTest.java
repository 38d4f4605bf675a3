package org.engram.simulator.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.connect.ConnectContext;
import org.engram.simulator.network.connect.Connectivity;
import org.engram.simulator.network.connect.Rules;
import org.engram.simulator.network.connect.SynapseSink;
import org.junit.jupiter.api.Test;

/**
 * What the builder does with the synapses a rule reports, through rules written here as a user
 * would write one: it refuses indices out of range, takes a synapse's missing weight or delay from
 * the spec, holds any number of synapses, and draws each projection's weights and delays from
 * streams of their own.
 */
class CustomRuleTest {

    /**
     * Reports a fixed list of synapses; a row of {@code {source, target}} is added without values,
     * one of {@code {source, target, weight, delayMs}} with them (NaN: from the spec).
     */
    private record Listed(double[][] synapses, long expected) implements Connectivity {
        Listed(double[]... synapses) {
            this(synapses, -1);
        }

        @Override
        public void generate(ConnectContext context, SynapseSink sink) {
            for (double[] s : synapses) {
                if (s.length == 2) {
                    sink.add((int) s[0], (int) s[1]);
                } else {
                    sink.add((int) s[0], (int) s[1], s[2], s[3]);
                }
            }
        }

        @Override
        public long expectedSynapses(ConnectContext context) {
            return expected;
        }

        @Override
        public String describe() {
            return "listed";
        }
    }

    /** {@code listed}'s synapses from a rule that says it gives weights, delays or both. */
    private record Claiming(Listed listed, boolean givesWeights, boolean givesDelays) implements Connectivity {
        @Override
        public void generate(ConnectContext context, SynapseSink sink) {
            listed.generate(context, sink);
        }

        @Override
        public String describe() {
            return "listed, giving" + (givesWeights ? " weights" : "") + (givesDelays ? " delays" : "");
        }
    }

    @Test
    void anIndexJustPastEitherPopulationIsRefused() {
        // 3 sources, 4 targets: source 3 and target 4 are the first indices out of range.
        for (Listed rule : new Listed[] {new Listed(new double[] {0, 0}, new double[] {3, 0}),
                new Listed(new double[] {0, 0}, new double[] {2, 4, 0.5, 0.1})}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> Networks.between(1, 3, 4, rule, Synapses.excitatory(0.1)));
            assertEquals("projection 'a->b'", e.source());
            assertTrue(e.getMessage().contains("at synapse 1 of the rule's list"), e.getMessage());
        }
        // The last valid indices are accepted.
        Projection p = Networks.between(1, 3, 4, new Listed(new double[] {2, 3}), Synapses.excitatory(0.1));
        assertEquals(3, p.target(0));
    }

    @Test
    void synapsesWithoutValuesTakeThemFromTheSpec() {
        // Reported: 0 -> 0 without values, 0 -> 1 with weight 2 and delay 0.3 ms, 1 -> 0 with a weight
        // but no delay (NaN). The spec gives weight 0.5 and delay 1 ms (10 steps).
        Listed rule = new Listed(new double[] {0, 0}, new double[] {0, 1, 2, 0.3},
                new double[] {1, 0, 4, Double.NaN});
        Projection p = Networks.between(1, 2, 2, rule, Synapses.excitatory(0.5));
        assertArrayEquals(new float[] {0.5f, 2, 4}, p.weights());
        assertArrayEquals(new short[] {10, 3, 10}, p.delays());
    }

    @Test
    void aBadValueIsPlacedByItsPositionAmongEverySynapseTheRuleReported() {
        // Reported: two synapses without values, then one whose weight has the wrong sign: the third
        // (position 2), though it is the first with values. Refused at connect when the rule says it
        // gives weights, else at build; the place is the same.
        Listed listed = new Listed(new double[] {0, 0}, new double[] {0, 1}, new double[] {1, 1, -3, 0.1});
        Connectivity givingWeights = new Claiming(listed, true, false);
        for (Connectivity rule : new Connectivity[] {listed, givingWeights}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> Networks.between(1, 2, 2, rule, Synapses.excitatory(0.1)));
            assertEquals("at synapse 2 of the rule's list (0-based)", e.hint(), rule.describe());
        }
    }

    @Test
    void keepsEverySynapseOfARuleThatAnnouncedFewer() {
        // The announced count only sizes the first arrays: a rule that announced none and makes 40
        // (a random rule can draw past its expectation) keeps all 40, one to each target.
        double[][] synapses = new double[40][];
        for (int k = 0; k < 40; k++) {
            synapses[k] = new double[] {k % 4, k};
        }
        Projection p = Networks.between(1, 4, 40, new Listed(synapses, 0), Synapses.excitatory(1));
        assertEquals(40, p.synapseCount());
        Networks.assertCsr(p, true);
        for (int s = 0; s < 4; s++) {
            assertEquals(10, p.rowStart()[s + 1] - p.rowStart()[s], "row " + s);
        }
    }

    @Test
    void holdsMoreSynapsesThanARuleThatCannotCountThemIsFirstGiven() {
        // 5000 synapses from a rule that announces no count, with and without values of their own:
        // every one arrives, in row order (a ring of 100 neurons, 50 synapses each).
        double[][] plain = new double[5000][];
        double[][] given = new double[5000][];
        for (int k = 0; k < 5000; k++) {
            int s = k % 100;
            int t = (s + k / 100) % 100;
            plain[k] = new double[] {s, t};
            given[k] = new double[] {s, t, 1 + k % 7, 0.1 * (1 + k % 3)};
        }
        for (double[][] synapses : new double[][][] {plain, given}) {
            Projection p = Networks.between(1, 100, 100, new Listed(synapses), Synapses.excitatory(1));
            assertEquals(5000, p.synapseCount());
            Networks.assertCsr(p, true);
            for (int s = 0; s < 100; s++) {
                assertEquals(50, p.rowStart()[s + 1] - p.rowStart()[s], "row " + s);
            }
        }
    }

    @Test
    void twoProjectionsDrawTheirWeightsAndDelaysIndependently() {
        // The same spec in projections 0 and 1: each row reseeds its distribution from a stream keyed by
        // the projection's index, so the two draw different values. Two independent draws of the 400
        // delays (one of 291 steps each) agree everywhere with probability below 2^-400; weights less.
        NetworkBuilder b = new NetworkBuilder(0.1).seed(7);
        Population<?, ?> p = b.population("p", 20, LifDelta.MODEL, LifDelta.MODEL.defaults());
        Synapses spec = Synapses.excitatory(0).weights(new UniformRealDistribution(0.1, 0.5))
                .delays(new UniformRealDistribution(1, 30));
        b.connect("first", p, p, Rules.allToAll(), spec);
        b.connect("second", p, p, Rules.allToAll(), spec);
        Network network = b.build();
        Projection first = network.projection("first");
        Projection second = network.projection("second");
        assertFalse(Arrays.equals(first.weights(), second.weights()), "same weights");
        assertFalse(Arrays.equals(first.delays(), second.delays()), "same delays");
    }

    @Test
    void aProjectionOfTheLongestArrayIsCheckedAgainstTheHeapAndOnePastItIsRefusedOutright() {
        ConnectContext context = new ConnectContext("big", 0, 1, 1, false, 1);
        long longest = ProjectionAssembler.MAX_SYNAPSES;
        // 2^31 - 9 synapses at 16 bytes each is 34 GB, past the test's heap: refused for the heap.
        assertThrows(HeapLimitExceeded.class,
                () -> NetworkBuilder.requireSynapsesFit(new Listed(new double[0][], longest), context, 0));
        ParameterException e = assertThrows(ParameterException.class,
                () -> NetworkBuilder.requireSynapsesFit(new Listed(new double[0][], longest + 1), context, 0));
        assertFalse(e instanceof HeapLimitExceeded, e.getMessage());
        assertTrue(e.expected().startsWith("at most 2147483639 synapses"), e.getMessage());
    }

    @Test
    void aNegativeIndexAtEitherEndIsRefusedNamingTheProjection() {
        for (Listed rule : new Listed[] {new Listed(new double[] {0, 0}, new double[] {-1, 0}),
                new Listed(new double[] {0, 0}, new double[] {0, -1, 0.5, 0.1})}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> Networks.between(1, 3, 4, rule, Synapses.excitatory(0.1)));
            assertEquals("projection 'a->b'", e.source());
            assertEquals("-1", e.found());
            assertTrue(e.getMessage().contains("at synapse 1 of the rule's list"), e.getMessage());
        }
    }

    @Test
    void aSynapseWithoutValuesReportedAfterOneWithThemTakesTheSpecs() {
        // Reported: 0 -> 1 with weight 2 and delay 0.3 ms, then 0 -> 0 without values. The spec gives
        // weight 0.5 and delay 1 ms (10 steps); row 0 sorts target 0 first.
        Listed rule = new Listed(new double[] {0, 1, 2, 0.3}, new double[] {0, 0});
        Projection p = Networks.between(1, 2, 2, rule, Synapses.excitatory(0.5));
        assertArrayEquals(new float[] {0.5f, 2}, p.weights());
        assertArrayEquals(new short[] {10, 3}, p.delays());
    }

    @Test
    void aRuleThatGivesDelaysAloneTakesEachWeightFromTheSpec() {
        // A NaN weight beside a given delay means "the spec's weight": accepted when the projection is
        // added, then 0.5 for both synapses; the delays 0.3 and 0.2 ms are 3 and 2 steps.
        Listed listed = new Listed(new double[] {0, 1, Double.NaN, 0.3}, new double[] {1, 0, Double.NaN, 0.2});
        Connectivity givingDelays = new Claiming(listed, false, true);
        Projection p = Networks.between(1, 2, 2, givingDelays, Synapses.excitatory(0.5));
        assertEquals(0.5f, p.weight(0));
        assertEquals(0.5f, p.weight(1));
        assertArrayEquals(new short[] {3, 2}, p.delays());
    }

    @Test
    void givenDelaysAreLeftUncheckedWithoutAGrid() {
        // 0.15 ms is no whole number of 0.1 ms steps; a config whose step is itself broken passes no grid.
        Connectivity list = Rules.explicit(new int[] {0}, new int[] {1}, new double[] {1}, new double[] {0.15});
        NetworkBuilder.requireDrawable("p", 2, 2, false, list, Synapses.excitatory(1), null);
        ParameterException e = assertThrows(ParameterException.class, () -> NetworkBuilder.requireDrawable("p", 2,
                2, false, list, Synapses.excitatory(1), new TimeGrid(0.1)));
        assertEquals("0.15", e.found());
    }

    @Test
    void aRuleThatGivesValuesButLeavesThemAllToTheSpecGetsTheSpecsCheckedValues() {
        // Every synapse reports NaN for both values, "take them from the spec", though the rule says it
        // gives them: the spec's 1.5 ms is 15 steps, and its weight, used, must have the receptor's sign.
        Listed listed = new Listed(new double[] {0, 1, Double.NaN, Double.NaN},
                new double[] {1, 0, Double.NaN, Double.NaN});
        Connectivity givingBoth = new Claiming(listed, true, true);
        Projection p = Networks.between(1, 2, 2, givingBoth, Synapses.excitatory(0.5).delayMs(1.5));
        assertEquals(15, p.delaySteps(0));
        assertEquals(15, p.delaySteps(1));
        assertEquals(0.5f, p.weight(0));
        ParameterException e = assertThrows(ParameterException.class,
                () -> Networks.between(1, 2, 2, givingBoth, Synapses.excitatory(-1)));
        assertEquals("weight", e.location());
        assertEquals("-1.0", e.found());
    }
}
