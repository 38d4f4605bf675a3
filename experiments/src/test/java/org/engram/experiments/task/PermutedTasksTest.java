package org.engram.experiments.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.engram.experiments.data.Dataset;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PermutedTasksTest {
    @ParameterizedTest
    @ValueSource(longs = {0, 1, 42, -7, Long.MAX_VALUE})
    void permutationIsAPermutationAndReproducible(long seed) {
        for (int task = 0; task < 5; task++) {
            int[] p = PermutedTasks.permutation(784, seed, task);
            int[] sorted = p.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < sorted.length; i++) {
                assertEquals(i, sorted[i]);
            }
            assertArrayEquals(p, PermutedTasks.permutation(784, seed, task));
            assertFalse(Arrays.equals(p, PermutedTasks.permutation(784, seed, task + 1)));
        }
    }

    @Test
    void allPermutationsOfFourAreEquallyLikely() {
        // 24 permutations of 4 elements over 2400 (seed, task) pairs: 100 expected each.
        // Chi-square with 23 degrees of freedom; P(X > 49.73) = 0.001, so a fair shuffle fails
        // this fixed-seed test with probability 0.1%. The classic biased shuffle (swap each i with
        // any j in [0, n)) makes some permutations 15/8 times as likely as others: expected
        // chi-square 23 + 2400 * sum((q - 1/24)^2 / (1/24)) = 23 + 71.5 = 94.5, far above 49.73.
        int[] counts = new int[24];
        for (int seed = 0; seed < 100; seed++) {
            for (int task = 0; task < 24; task++) {
                int[] p = PermutedTasks.permutation(4, seed, task);
                counts[rank(p)]++;
            }
        }
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - 100.0) * (c - 100.0) / 100.0;
        }
        assertTrue(chi2 < 49.73, "chi-square " + chi2 + " counts " + Arrays.toString(counts));
    }

    /** Lehmer code of a permutation of 4: a number in [0, 24). */
    private static int rank(int[] p) {
        int r = 0;
        for (int i = 0; i < p.length; i++) {
            int smaller = 0;
            for (int j = i + 1; j < p.length; j++) {
                if (p[j] < p[i]) {
                    smaller++;
                }
            }
            r = r * (p.length - i) + smaller;
        }
        return r;
    }

    @Test
    void sequenceAppliesTheTaskPermutationAndKeepsTaskZeroOriginalOnRequest() {
        float[] px = new float[2 * 6];
        for (int i = 0; i < px.length; i++) {
            px[i] = i / 12f;
        }
        Dataset d = Dataset.of("d", "test", 2, 3, 2, px, new int[] {0, 1});
        TaskSequence seq = PermutedTasks.of(d, d, 3, 9, true);
        assertEquals(3, seq.size());
        assertArrayEquals(d.features(1), seq.task(0).train().features(1));
        int[] p = PermutedTasks.permutation(6, 9, 2);
        float[] got = seq.task(2).test().features(1);
        for (int i = 0; i < 6; i++) {
            assertEquals(d.pixel(1, p[i]), got[i]);
        }
        assertArrayEquals(got, seq.task(2).train().features(1), "a task's train and test sets share its permutation");
        assertArrayEquals(new int[] {0, 1}, seq.task(1).classes());
        TaskSequence allPermuted = PermutedTasks.of(d, d, 1, 9, false);
        assertArrayEquals(expected(d, PermutedTasks.permutation(6, 9, 0)), allPermuted.task(0).train().features(0));
        assertEquals("permuted sequence of 1 task (1 task, seed 9)", allPermuted.toString());
    }

    private static float[] expected(Dataset d, int[] p) {
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = d.pixel(0, p[i]);
        }
        return out;
    }

    @Test
    void noTasksAreRefusedAndTheSequenceSaysHowItWasBuilt() {
        Dataset d = Dataset.of("d", "test", 1, 2, 2, new float[] {0.1f, 0.2f}, new int[] {1});
        ParameterException none = assertThrows(ParameterException.class, () -> PermutedTasks.of(d, d, 0, 9, true));
        assertEquals("tasks", none.location());
        assertEquals("3 tasks, seed 9, task 0 unpermuted", PermutedTasks.of(d, d, 3, 9, true).description());
        TaskSequence permuted = PermutedTasks.of(d, d, 2, 9, false);
        assertEquals("permuted", permuted.kind());
        assertEquals("2 tasks, seed 9", permuted.description());
        assertEquals(2, permuted.features());
    }
}
