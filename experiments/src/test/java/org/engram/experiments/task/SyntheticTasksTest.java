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
}
