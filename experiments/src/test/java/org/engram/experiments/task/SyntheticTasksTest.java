package org.engram.experiments.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.engram.experiments.data.Dataset;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

class SyntheticTasksTest {
    private static final SyntheticTasks.Spec SPEC = new SyntheticTasks.Spec(3, 2, 100, 20, 10, 0.2, 0.2, 5);

    @Test
    void sameSeedSameSamplesOtherSeedOtherSamples() {
        TaskSequence a = SyntheticTasks.of(SPEC);
        TaskSequence b = SyntheticTasks.of(SPEC);
        TaskSequence c = SyntheticTasks.of(new SyntheticTasks.Spec(3, 2, 100, 20, 10, 0.2, 0.2, 6));
        for (int t = 0; t < 3; t++) {
            assertArrayEquals(a.task(t).train().features(7), b.task(t).train().features(7));
            assertFalse(Arrays.equals(a.task(t).train().features(7), c.task(t).train().features(7)));
        }
    }

    @Test
    void tasksHoldConsecutiveClassesInBalancedInterleavedOrder() {
        TaskSequence seq = SyntheticTasks.of(SPEC);
        assertEquals(6, seq.classes());
        assertArrayEquals(new int[] {2, 3}, seq.task(1).classes());
        assertArrayEquals(new int[] {0, 0, 20, 20, 0, 0}, seq.task(1).train().classCounts());
        assertArrayEquals(new int[] {4, 5, 4, 5}, Arrays.copyOf(seq.task(2).test().labels(), 4));
    }

    @Test
    void nearestTrainingMeanClassifiesTestSamples() {
        // 20 active inputs of 100; two prototypes differ in ~32 inputs (2 * 20 * 80 / 100), so the
        // squared distance to a wrong mean exceeds the right one by ~32 against noise of
        // variance 100 * 0.2^2 = 4 per sample: misclassification needs a ~8 sd deviation.
        TaskSequence seq = SyntheticTasks.of(SPEC);
        int correct = 0;
        int total = 0;
        for (Task task : seq.tasks()) {
            int[] cls = task.classes();
            double[][] mean = new double[cls.length][100];
            Dataset tr = task.train();
            for (int s = 0; s < tr.size(); s++) {
                int j = tr.label(s) - cls[0];
                for (int i = 0; i < 100; i++) {
                    mean[j][i] += tr.pixel(s, i) / 20.0;
                }
            }
            Dataset te = task.test();
            for (int s = 0; s < te.size(); s++) {
                int best = -1;
                double bestD = Double.POSITIVE_INFINITY;
                for (int j = 0; j < cls.length; j++) {
                    double dist = 0;
                    for (int i = 0; i < 100; i++) {
                        double e = te.pixel(s, i) - mean[j][i];
                        dist += e * e;
                    }
                    if (dist < bestD) {
                        bestD = dist;
                        best = j;
                    }
                }
                correct += best + cls[0] == te.label(s) ? 1 : 0;
                total++;
            }
        }
        assertEquals(total, correct);
        assertTrue(total == 60);
    }

    @Test
    void rejectsBadSpec() {
        assertThrows(ParameterException.class, () -> new SyntheticTasks.Spec(0, 2, 100, 20, 10, 0.2, 0.2, 5));
        assertThrows(ParameterException.class, () -> new SyntheticTasks.Spec(1, 2, 100, 20, 10, Double.NaN, 0.2, 5));
        assertThrows(ParameterException.class, () -> new SyntheticTasks.Spec(1, 2, 100, 20, 10, 0.2, -1, 5));
    }

    /**
     * Without noise a sample is its prototype: round(fraction x inputs) inputs at 1, the rest at 0 (0.3 x 8 =
     * 2.4 -> 2; 0.0625 x 8 = 0.5 -> 1, halves up), and at least one however small the fraction (0.01 x 8).
     */
    @Test
    void aPrototypeHasTheRoundedFractionOfItsInputsActive() {
        double[][] fractionAndActive = {{0.3, 2}, {0.0625, 1}, {0.01, 1}, {1, 8}};
        for (double[] fa : fractionAndActive) {
            TaskSequence seq = SyntheticTasks.of(new SyntheticTasks.Spec(2, 2, 8, 3, 1, fa[0], 0, 4));
            for (Task task : seq.tasks()) {
                for (int s = 0; s < task.train().size(); s++) {
                    float[] x = task.train().features(s);
                    int ones = 0;
                    for (float v : x) {
                        assertTrue(v == 0f || v == 1f, "fraction " + fa[0] + ": " + Arrays.toString(x));
                        ones += v == 1f ? 1 : 0;
                    }
                    assertEquals((int) fa[1], ones, "fraction " + fa[0]);
                }
            }
        }
    }

    /**
     * The noise is Gaussian of the stated sd, clipped to [0, 1]: an input at 0 reads max(0, sd g), whose mean
     * is sd / sqrt(2 pi) = 0.0399 for sd 0.1, and one at 1 reads 1 minus that. Of 4000 values of each kind (80
     * samples of 100 inputs, half of them active), the mean's sd is sd sqrt((1/2 - 1/(2 pi)) / 4000) = 0.0009: the
     * tolerance 0.005 is over 5 of them (and the seed is fixed).
     */
    @Test
    void theNoiseHasTheStatedSpread() {
        TaskSequence seq = SyntheticTasks.of(new SyntheticTasks.Spec(1, 2, 100, 40, 1, 0.5, 0.1, 3));
        Dataset train = seq.task(0).train();
        double low = 0;
        double high = 0;
        int lows = 0;
        for (int s = 0; s < train.size(); s++) {
            for (float v : train.features(s)) {
                if (v < 0.5f) {   // an inactive input: an active one reads below 0.5 only 5 sd off
                    low += v;
                    lows++;
                } else {
                    high += v;
                }
            }
        }
        int values = train.size() * 100;
        assertEquals(values / 2, lows);
        double expected = 0.1 / Math.sqrt(2 * Math.PI);
        assertEquals(expected, low / lows, 0.005);
        assertEquals(1 - expected, high / (values - lows), 0.005);
    }

    /**
     * The samples a spec gives are pinned: their SHA-256 as a learner reads them ({@link Dataset#sha256}), task
     * by task training then test set, as commit 33b08e31 made them. A change of the documented noise streams
     * (index t + 2^32 for training, t + 2^33 for test) or of how noise is added would change every synthetic
     * run's results without a word.
     */
    @Test
    void theSamplesOfASpecAreThoseOfBefore() {
        TaskSequence seq = SyntheticTasks.of(new SyntheticTasks.Spec(2, 2, 6, 3, 2, 0.5, 0.3, 11));
        List<Dataset> all = new ArrayList<>();
        for (Task task : seq.tasks()) {
            all.add(task.train());
            all.add(task.test());
        }
        assertEquals("6d3921254882ec93e649f9c76c998691e2e3d1cce1b67bc030aa5ab78be5588f", Dataset.sha256(all));
    }

    @Test
    void everyCountOfTheSpecMustBePositiveAndTheFractionAtMostOne() {
        String[] names = {"tasks", "classes_per_task", "inputs", "train_per_class", "test_per_class"};
        for (int k = 0; k < names.length; k++) {
            int[] counts = {1, 1, 1, 1, 1};
            counts[k] = 0;
            ParameterException e = assertThrows(ParameterException.class, () -> new SyntheticTasks.Spec(counts[0],
                    counts[1], counts[2], counts[3], counts[4], 0.5, 0, 1));
            assertEquals(names[k], e.location());
        }
        assertEquals(1.0, new SyntheticTasks.Spec(1, 1, 1, 1, 1, 1.0, 0, 1).activeFraction());
        for (double fraction : new double[] {0, Math.nextUp(1.0)}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> new SyntheticTasks.Spec(1, 1, 1, 1, 1, fraction, 0, 1));
            assertEquals("active_fraction", e.location());
        }
    }
}
