package org.engram.simulator.network.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

/**
 * The rules on their own, through a recording sink: argument checks, descriptions, uniform and
 * per-neuron independent draws.
 */
class RulesTest {

    private static List<int[]> run(Connectivity rule, int n, int m, boolean same, long seed) {
        return RecordingSink.run(rule, n, m, same, seed);
    }

    @Test
    void rejectsProbabilityOutsideUnitIntervalAndNaN() {
        for (double p : new double[] {-0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY}) {
            ParameterException e = assertThrows(ParameterException.class, () -> Rules.fixedProbability(p));
            assertEquals("p", e.location());
            assertEquals(String.valueOf(p), e.found());
        }
    }

    @Test
    void rejectsNegativeDegrees() {
        assertEquals("-1", assertThrows(ParameterException.class, () -> Rules.fixedInDegree(-1)).found());
        assertEquals("-2", assertThrows(ParameterException.class, () -> Rules.fixedOutDegree(-2)).found());
        assertEquals("-3", assertThrows(ParameterException.class, () -> Rules.fixedTotalNumber(-3)).found());
    }

    @Test
    void rejectsMismatchedExplicitLengths() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> Rules.explicit(new int[] {0, 1}, new int[] {0}));
        assertEquals("targets", e.location());
        assertEquals("length 1", e.found());
        e = assertThrows(ParameterException.class, () -> Rules.explicit(new int[] {0, 1}, new int[] {0, 1},
                new double[] {1, 2, 3}, new double[] {1, 1}));
        assertEquals("weights", e.location());
        e = assertThrows(ParameterException.class, () -> Rules.explicit(new int[] {0}, new int[] {0},
                new double[] {1}, new double[] {Double.NaN}));
        assertEquals("delays[0]", e.location());
    }

    @Test
    void rejectsRaggedOrNonFiniteMatrix() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> Rules.matrix(new double[][] {{1, 2}, {3}}));
        assertEquals("weights[1]", e.location());
        e = assertThrows(ParameterException.class, () -> Rules.matrix(new double[][] {{1, Double.NaN}}));
        assertEquals("weights[0][1]", e.location());
    }

    @Test
    void inDegreeAboveAvailableSourcesNamesKAndTheCount() {
        Connectivity rule = Rules.fixedInDegree(10).withAutapses(false).withMultapses(false);
        ParameterException e = assertThrows(ParameterException.class, () -> run(rule, 10, 10, true, 1));
        assertEquals("projection 'proj'", e.source());
        assertEquals("fixed_in_degree.k", e.location());
        assertEquals("10", e.found());
        assertTrue(e.expected().contains("k <= 9"), e.getMessage());
        // Between two populations all 10 sources are available, so the same rule is valid.
        assertEquals(100, run(rule, 10, 10, false, 1).size());
    }

    @Test
    void outDegreeAboveAvailableTargetsIsRejected() {
        Connectivity rule = Rules.fixedOutDegree(6).withMultapses(false);
        ParameterException e = assertThrows(ParameterException.class, () -> run(rule, 3, 5, false, 1));
        assertTrue(e.expected().contains("k <= 5"), e.getMessage());
    }

    @Test
    void oneToOneRejectsUnequalSizes() {
        ParameterException e = assertThrows(ParameterException.class, () -> run(Rules.oneToOne(), 3, 4, false, 1));
        assertEquals("3 sources and 4 targets", e.found());
    }

    @Test
    void describesRuleAndSwitches() {
        assertEquals("fixed_in_degree(k=100, autapses=false, multapses=false)",
                Rules.fixedInDegree(100).withAutapses(false).withMultapses(false).describe());
        assertEquals("fixed_out_degree(k=5, autapses=true, multapses=true)", Rules.fixedOutDegree(5).describe());
        assertEquals("fixed_total_number(n=7, autapses=true, multapses=false)",
                Rules.fixedTotalNumber(7).withMultapses(false).describe());
        assertEquals("fixed_probability(p=0.1, autapses=false)",
                Rules.fixedProbability(0.1).withAutapses(false).describe());
        assertEquals("all_to_all(autapses=true)", Rules.allToAll().describe());
        assertEquals("one_to_one()", Rules.oneToOne().describe());
        assertEquals("explicit(synapses=2, weights=spec)",
                Rules.explicit(new int[] {0, 1}, new int[] {1, 0}).describe());
        assertEquals("matrix(2 x 3, synapses=2)", Rules.matrix(new double[][] {{0, 1, 0}, {0, 0, 2}}).describe());
    }

    @Test
    void inDegreeSubsetsAreUniform() {
        // n = 5 in one population, no autapses or multapses, k = 2: each target draws one of the
        // C(4, 2) = 6 subsets of the other four neurons, each with probability 1/6. Over 6000 seeds
        // (one draw per target and seed) a subset's count is Binomial(6000, 1/6): mean 1000,
        // sd sqrt(6000 (1/6)(5/6)) = 28.9; 5 sd = 144 bounds each of 30 (target, subset) counts at a
        // false-failure rate of 30 x 5.7e-7. A biased self-exclusion map or a shuffle that is not
        // restored between targets skews these frequencies.
        int n = 5;
        int[][] subsetCounts = new int[n][n * n];
        for (long seed = 0; seed < 6000; seed++) {
            List<int[]> pairs = run(Rules.fixedInDegree(2).withAutapses(false).withMultapses(false), n, n, true, seed);
            int[] first = new int[n];
            java.util.Arrays.fill(first, -1);
            for (int[] pair : pairs) {
                int t = pair[1];
                if (first[t] < 0) {
                    first[t] = pair[0];
                } else {
                    int a = Math.min(first[t], pair[0]);
                    int b = Math.max(first[t], pair[0]);
                    subsetCounts[t][a * n + b]++;
                }
            }
        }
        for (int t = 0; t < n; t++) {
            for (int a = 0; a < n; a++) {
                for (int b = a + 1; b < n; b++) {
                    int count = subsetCounts[t][a * n + b];
                    if (a == t || b == t) {
                        assertEquals(0, count, "target " + t + " drew itself");
                    } else {
                        assertTrue(Math.abs(count - 1000) <= 144,
                                "target " + t + " subset {" + a + "," + b + "}: " + count);
                    }
                }
            }
        }
    }

    @Test
    void outDegreeWithMultapsesDrawsEachOtherTargetEquallyOften() {
        // n = 6, k = 3 with repetition, no autapses: each of a source's 3 draws is uniform over the
        // 5 other neurons. Over 2000 seeds a (source, target) count is Binomial(6000, 1/5): mean
        // 1200, sd sqrt(6000 x 0.2 x 0.8) = 31.0; 5 sd = 155 (30 counts, false-failure 1.7e-5).
        int n = 6;
        int[][] counts = new int[n][n];
        for (long seed = 0; seed < 2000; seed++) {
            for (int[] pair : run(Rules.fixedOutDegree(3).withAutapses(false), n, n, true, seed)) {
                counts[pair[0]][pair[1]]++;
            }
        }
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < n; t++) {
                if (s == t) {
                    assertEquals(0, counts[s][t]);
                } else {
                    assertTrue(Math.abs(counts[s][t] - 1200) <= 155, s + "->" + t + ": " + counts[s][t]);
                }
            }
        }
    }

    @Test
    void aTargetsSourcesDoNotDependOnOtherTargets() {
        // One stream per target: growing the target population leaves the first targets' draws as
        // they were, so the recorded pairs of the small case are a prefix of the large case's.
        Connectivity rule = Rules.fixedInDegree(7).withMultapses(false);
        List<int[]> small = run(rule, 40, 10, false, 9);
        List<int[]> large = run(rule, 40, 25, false, 9);
        for (int i = 0; i < small.size(); i++) {
            assertArrayEquals(small.get(i), large.get(i));
        }
    }

    @Test
    void oneDistinctSourceIsTheSameDrawAsOneSourceWithRepetition() {
        // For k = 1 sampling with and without repetition have the same law, and both rules take one
        // uniform index from the target's stream, so they must pick the same source for every
        // target. This fails if the distinct draw lets its scratch permutation leak from one target
        // into the next, which would make a target's sources depend on the targets before it.
        for (boolean same : new boolean[] {false, true}) {
            List<int[]> distinct = run(Rules.fixedInDegree(1).withAutapses(false).withMultapses(false),
                    50, 50, same, 3);
            List<int[]> repeated = run(Rules.fixedInDegree(1).withAutapses(false), 50, 50, same, 3);
            for (int i = 0; i < distinct.size(); i++) {
                assertArrayEquals(repeated.get(i), distinct.get(i), "target " + i);
            }
        }
    }

    @Test
    void aSourcesRowDoesNotDependOnOtherSources() {
        for (Connectivity rule : List.of(Rules.fixedProbability(0.2), Rules.fixedOutDegree(4).withMultapses(false))) {
            List<int[]> small = run(rule, 10, 30, false, 9);
            List<int[]> large = run(rule, 25, 30, false, 9);
            for (int i = 0; i < small.size(); i++) {
                assertArrayEquals(small.get(i), large.get(i), rule.describe());
            }
        }
    }

    @Test
    void pairsAreEveryPairLessTheSelfPairsWithoutAutapsesInOnePopulation() {
        // 7 x 7 in one population: 49 pairs, 42 without the diagonal; between two populations
        // (7 x 5) there is no self pair to leave out.
        assertEquals(49, new ConnectContext("p", 0, 7, 7, true, 1).pairs(true));
        assertEquals(42, new ConnectContext("p", 0, 7, 7, true, 1).pairs(false));
        assertEquals(35, new ConnectContext("p", 0, 7, 5, false, 1).pairs(false));
        assertEquals(35, new ConnectContext("p", 0, 7, 5, false, 1).pairs(true));
    }

    @Test
    void expectedSynapsesIsTheCountTheExactRulesMake() {
        // For the rules whose count is fixed, the count announced before drawing is the count drawn.
        ConnectContext between = new ConnectContext("p", 0, 6, 9, false, 4);
        ConnectContext within = new ConnectContext("p", 0, 8, 8, true, 4);
        for (Connectivity rule : List.of(Rules.allToAll(), Rules.allToAll().withAutapses(false),
                Rules.fixedInDegree(3), Rules.fixedOutDegree(4).withMultapses(false),
                Rules.fixedTotalNumber(30).withAutapses(false).withMultapses(false))) {
            for (ConnectContext c : List.of(between, within)) {
                long drawn = run(rule, c.sourceSize(), c.targetSize(), c.samePopulation(), 4).size();
                assertEquals(drawn, rule.expectedSynapses(c), rule.describe() + " on " + c);
            }
        }
        assertEquals(8, Rules.oneToOne().expectedSynapses(within));
        assertEquals(8 * 3, Rules.fixedInDegree(3).expectedSynapses(within));
        assertEquals(6 * 4, Rules.fixedOutDegree(4).expectedSynapses(between));
        assertEquals(9 * 4, Rules.fixedInDegree(4).expectedSynapses(between));
        // Fixed probability: p times the pairs, 0.25 x 56 = 14 within (no autapses) and 0.25 x 54 = 13.5,
        // rounded half up to 14, between.
        assertEquals(14, Rules.fixedProbability(0.25).withAutapses(false).expectedSynapses(within));
        assertEquals(14, Rules.fixedProbability(0.25).expectedSynapses(between));
        // An explicit list does not announce a count.
        assertEquals(-1, Rules.explicit(new int[] {0}, new int[] {0}).expectedSynapses(within));
    }

    @Test
    void twoProjectionsOfOneNetworkDrawFromDifferentStreams() {
        // The projection's index is part of every stream key: the same rule in the second projection
        // draws other sources. 20 targets each drawing 5 of 50 sources agree by chance with
        // probability (1 / C(50, 5))^20.
        Connectivity rule = Rules.fixedInDegree(5).withMultapses(false);
        RecordingSink first = new RecordingSink();
        RecordingSink second = new RecordingSink();
        rule.generate(new ConnectContext("a", 0, 50, 20, false, 3), first);
        rule.generate(new ConnectContext("b", 1, 50, 20, false, 3), second);
        boolean same = true;
        for (int i = 0; i < first.pairs.size(); i++) {
            same &= Arrays.equals(first.pairs.get(i), second.pairs.get(i));
        }
        assertFalse(same, "projections 0 and 1 drew the same synapses");
    }

    @Test
    void aDegreeOfZeroIsAcceptedEvenWithNoPartnerAvailable() {
        // One neuron without autapses has no partner, but asking for none is no mistake.
        for (Connectivity rule : List.of(Rules.fixedInDegree(0).withAutapses(false).withMultapses(false),
                Rules.fixedOutDegree(0).withAutapses(false), Rules.fixedTotalNumber(0).withAutapses(false))) {
            ConnectContext single = new ConnectContext("p", 0, 1, 1, true, 1);
            rule.requireFits(single);
            assertEquals(0, run(rule, 1, 1, true, 1).size(), rule.describe());
        }
    }

    @Test
    void outDegreeIsCheckedBeforeDrawing() {
        // requireFits refuses what generate would: 4 distinct targets out of 3.
        Connectivity rule = Rules.fixedOutDegree(4).withMultapses(false);
        ParameterException e = assertThrows(ParameterException.class,
                () -> rule.requireFits(new ConnectContext("proj", 0, 2, 3, false, 1)));
        assertEquals("fixed_out_degree.k", e.location());
        assertEquals("4", e.found());
    }

    @Test
    void rejectsMissingExplicitArraysAndWeightsWithoutDelays() {
        ParameterException e = assertThrows(ParameterException.class, () -> Rules.explicit(null, new int[] {0}));
        assertEquals("sources", e.location());
        e = assertThrows(ParameterException.class, () -> Rules.explicit(new int[] {0}, null));
        assertEquals("targets", e.location());
        e = assertThrows(ParameterException.class,
                () -> Rules.explicit(new int[] {0}, new int[] {0}, new double[] {1}, null));
        assertEquals("delays", e.location());
        e = assertThrows(ParameterException.class,
                () -> Rules.explicit(new int[] {0}, new int[] {0}, null, new double[] {1}));
        assertEquals("weights", e.location());
        e = assertThrows(ParameterException.class, () -> Rules.explicit(new int[] {0, 1}, new int[] {0, 1},
                new double[] {1, 2}, new double[] {1, 1, 1}));
        assertEquals("delays", e.location());
        assertEquals("length 3", e.found());
    }

    @Test
    void explicitListsAndMatricesCheckTheirIndicesThemselves() {
        // Called on their own (not through a builder), the rules refuse a list or matrix that does not
        // fit the sizes, in requireFits and in generate alike.
        ConnectContext c = new ConnectContext("proj", 0, 3, 4, false, 1);
        Connectivity badSource = Rules.explicit(new int[] {0, 3}, new int[] {0, 0});
        Connectivity badTarget = Rules.explicit(new int[] {0, 2}, new int[] {3, 4});
        Connectivity wrongShape = Rules.matrix(new double[4][3]);
        for (Connectivity rule : List.of(badSource, badTarget, wrongShape)) {
            assertThrows(ParameterException.class, () -> rule.requireFits(c), rule.describe());
            assertThrows(ParameterException.class, () -> rule.generate(c, new RecordingSink()), rule.describe());
        }
        ParameterException e = assertThrows(ParameterException.class, () -> badTarget.requireFits(c));
        assertEquals("target", e.location());
        assertEquals("4", e.found());
        e = assertThrows(ParameterException.class, () -> badSource.requireFits(c));
        assertEquals("source", e.location());
        assertEquals("3", e.found());
    }

    @Test
    void anExplicitListGivesWeightsAndDelaysOnlyWhenItHasThem() {
        Connectivity plain = Rules.explicit(new int[] {0}, new int[] {0});
        Connectivity given = Rules.explicit(new int[] {0}, new int[] {0}, new double[] {1}, new double[] {1});
        assertFalse(plain.givesWeights());
        assertFalse(plain.givesDelays());
        assertTrue(given.givesWeights());
        assertTrue(given.givesDelays());
    }

    @Test
    void rejectsAMatrixWhoseFirstRowIsMissing() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> Rules.matrix(new double[][] {null, {1}}));
        assertEquals("weights[0]", e.location());
        assertEquals("null", e.found());
    }

    @Test
    void anEmptyMatrixIsAMatrixOfNoSynapses() {
        // No rows: 0 x 0, which a projection of populations of at least one neuron does not fit.
        Connectivity empty = Rules.matrix(new double[0][]);
        assertEquals("matrix(0 x 0, synapses=0)", empty.describe());
        ParameterException e = assertThrows(ParameterException.class,
                () -> empty.requireFits(new ConnectContext("proj", 0, 1, 1, false, 1)));
        assertEquals("0 x 0", e.found());
    }

    @Test
    void aMatrixNamesTheEntryOfEachSynapseItReported() {
        // Reported row by row, zeros skipped: k = 0, 1, 2 are the entries [0][1], [1][0] and [1][2].
        // Past them there is no entry, and the answer is the wording every rule gives by default,
        // not an error thrown while another error is being reported.
        Connectivity rule = Rules.matrix(new double[][] {{0, 0.5, 0}, {-1, 0, 2}});
        assertEquals("weights[0][1]", rule.synapseOrigin(0));
        assertEquals("weights[1][0]", rule.synapseOrigin(1));
        assertEquals("weights[1][2]", rule.synapseOrigin(2));
        assertEquals("synapse 3 of the rule's list (0-based)", rule.synapseOrigin(3));
    }

    @Test
    void aCountPastWhatCanBeDrawnNamesTheDrawingSideAndOnlyTheSwitchesThatShrankIt() {
        // Autapses shrink the pool only within one population; multapses off caps k at the pool.
        assertEquals("k <= 4 (the number of sources available to each neuron without autapses or multapses)",
                refusal(Rules.fixedInDegree(5).withAutapses(false).withMultapses(false), 5, 5, true));
        assertEquals("k <= 0 (the number of targets available to each neuron without autapses)",
                refusal(Rules.fixedOutDegree(1).withAutapses(false), 1, 1, true));
        assertEquals("k <= 3 (the number of targets available to each neuron without multapses)",
                refusal(Rules.fixedOutDegree(4).withAutapses(false).withMultapses(false), 2, 3, false));
        assertEquals("k <= 0 (the number of sources available to each neuron)",
                refusal(Rules.fixedInDegree(1), 0, 3, false));
        assertEquals("n <= 2 (the number of (source, target) pairs without autapses or multapses)",
                refusal(Rules.fixedTotalNumber(3).withAutapses(false).withMultapses(false), 2, 2, true));
        assertEquals("n <= 4 (the number of (source, target) pairs without multapses)",
                refusal(Rules.fixedTotalNumber(5).withAutapses(false).withMultapses(false), 2, 2, false));
        // Within one population with autapses allowed, the self-pairs are partners like any other.
        assertEquals("k <= 2 (the number of sources available to each neuron without multapses)",
                refusal(Rules.fixedInDegree(3).withMultapses(false), 2, 2, true));
        assertEquals("n <= 4 (the number of (source, target) pairs without multapses)",
                refusal(Rules.fixedTotalNumber(5).withMultapses(false), 2, 2, true));
    }

    private static String refusal(Connectivity rule, int n, int m, boolean same) {
        ConnectContext context = new ConnectContext("proj", 0, n, m, same, 1);
        return assertThrows(ParameterException.class, () -> rule.requireFits(context), rule.describe()).expected();
    }

    @Test
    void anExplicitListRefusesANegativeIndexAtEitherEnd() {
        ConnectContext c = new ConnectContext("proj", 0, 3, 4, false, 1);
        ParameterException e = assertThrows(ParameterException.class,
                () -> Rules.explicit(new int[] {0, -1}, new int[] {0, 0}).requireFits(c));
        assertEquals("source", e.location());
        assertEquals("-1", e.found());
        e = assertThrows(ParameterException.class,
                () -> Rules.explicit(new int[] {0, 1}, new int[] {0, -1}).requireFits(c));
        assertEquals("target", e.location());
        assertEquals("-1", e.found());
    }

    @Test
    void anExplicitListWithValuesSaysItGivesThem() {
        assertEquals("explicit(synapses=1, weights=given)",
                Rules.explicit(new int[] {0}, new int[] {0}, new double[] {1}, new double[] {1}).describe());
    }
}
