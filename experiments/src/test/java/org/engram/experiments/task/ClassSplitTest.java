package org.engram.experiments.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.engram.experiments.data.DataFileException;
import org.engram.experiments.data.Dataset;
import org.engram.learning.continual.TaskData;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

class ClassSplitTest {
    /** 50 one-pixel samples; sample i has label (i * 7) % 10 and pixel i / 50. */
    private static Dataset data() {
        float[] px = new float[50];
        int[] lab = new int[50];
        for (int i = 0; i < 50; i++) {
            px[i] = i / 50f;
            lab[i] = (i * 7) % 10;
        }
        return Dataset.of("d", "test", 1, 1, 10, px, lab);
    }

    @Test
    void eachTaskHoldsExactlyTheSamplesOfItsClasses() {
        Dataset d = data();
        int[][] groups = {{1, 0}, {2, 3}, {9}, {4, 5, 6, 7, 8}};
        TaskSequence seq = ClassSplit.of(d, d, groups);
        assertEquals(4, seq.size());
        assertArrayEquals(new int[] {0, 1}, seq.task(0).classes());
        int total = 0;
        for (Task task : seq.tasks()) {
            int[] expectedCounts = new int[10];
            for (int c : task.classes()) {
                expectedCounts[c] = d.classCounts()[c];
            }
            assertArrayEquals(expectedCounts, task.train().classCounts(), task.name());
            assertArrayEquals(expectedCounts, task.test().classCounts(), task.name());
            // samples are the original ones, in order: pixel values increase within a task
            for (int s = 1; s < task.train().size(); s++) {
                assertTrue(task.train().pixel(s, 0) > task.train().pixel(s - 1, 0));
            }
            total += task.train().size();
        }
        assertEquals(50, total);
    }

    /**
     * A task as a continual learner takes it: the samples of its classes in their order, each as its
     * pixel row (sample i's pixel is i / 50) with its class as label, and the task's classes.
     */
    @Test
    void learnerDataHoldsTheTasksSamplesWithTheirClassesAsLabels() {
        Dataset d = data();
        Task task = ClassSplit.of(d, d.limit(20), new int[][] {{0, 1}, {3, 2}}).task(1);
        TaskData data = task.learnerData();
        assertEquals(1, data.index());
        assertEquals(task.name(), data.name());
        assertArrayEquals(new int[] {2, 3}, data.classes());
        // Labels (7 i) % 10 of 2 and 3: i = 6, 9 (i mod 10), so samples 6, 9, 16, 19, 26, 29, 36, 39, 46, 49.
        int[] samples = {6, 9, 16, 19, 26, 29, 36, 39, 46, 49};
        assertEquals(samples.length, data.trainX().length);
        for (int k = 0; k < samples.length; k++) {
            assertArrayEquals(new float[] {samples[k] / 50f}, data.trainX()[k]);
            assertEquals((samples[k] * 7) % 10, data.trainY()[k]);
        }
        assertArrayEquals(new int[] {2, 3, 2, 3}, data.testY(), "samples 6, 9, 16, 19 of the first 20");
        assertArrayEquals(new float[] {16 / 50f}, data.testX()[2]);
    }

    /**
     * A class of a task that the data lacks (relabelled, or another data set) is refused, naming
     * the data, the task and the class; its accuracy would be 0 of 0 samples, read as 0%.
     */
    @Test
    void refusesATaskClassTheDataLacks() {
        Dataset d = data();
        int[] lab = d.labels();
        float[] px = new float[lab.length];
        for (int i = 0; i < lab.length; i++) {
            lab[i] = lab[i] == 5 ? 0 : lab[i];   // class 5 relabelled 0
        }
        Dataset without5 = Dataset.of("t", "test file", 1, 1, 10, px, lab);
        DataFileException e = assertThrows(DataFileException.class,
                () -> ClassSplit.of(d, without5, new int[][] {{0, 1}, {4, 5}}));
        assertEquals("test file: labels: expected samples of every class of task 2 (classes 4,5) among the test "
                + "samples, found none of class 5 in 50; is the data set the one the config was made for? tasks.groups"
                + " chooses each task's classes (tasks.count and tasks.classes_per_task take them in order from 0)",
                e.getMessage());
        e = assertThrows(DataFileException.class, () -> ClassSplit.of(without5, d, new int[][] {{5}}));
        assertTrue(e.getMessage().contains("among the training samples, found none of class 5"), e.getMessage());
    }

    @Test
    void rejectsRepeatedOrOutOfRangeClasses() {
        Dataset d = data();
        ParameterException repeated = assertThrows(ParameterException.class,
                () -> ClassSplit.of(d, d, new int[][] {{0, 1}, {1, 2}}));
        assertEquals("groups[1]", repeated.location());
        assertThrows(ParameterException.class, () -> ClassSplit.of(d, d, new int[][] {{0, 10}}));
        assertThrows(ParameterException.class, () -> ClassSplit.of(d, d, new int[][] {{}}));
    }

    /** A negative class is out of range like one past the last, not an index error of the split's own. */
    @Test
    void aNegativeClassIsRefusedNamingItsGroup() {
        Dataset d = data();
        ParameterException e = assertThrows(ParameterException.class,
                () -> ClassSplit.of(d, d, new int[][] {{0}, {2, -1}}));
        assertEquals("groups[1]", e.location());
        assertEquals("classes in [0, 10)", e.expected());
        assertEquals("-1", e.found());
    }

    /** No groups at all is the user's config, refused as such, not a sequence built empty. */
    @Test
    void noGroupsAreRefused() {
        Dataset d = data();
        ParameterException e = assertThrows(ParameterException.class, () -> ClassSplit.of(d, d, new int[0][]));
        assertEquals("groups", e.location());
    }

    /** The sequence and its tasks say what they hold, as provenance and logs show them. */
    @Test
    void theSequenceAndItsTasksSayWhatTheyHold() {
        Dataset d = data();
        TaskSequence seq = ClassSplit.of(d, d.limit(20), new int[][] {{1, 0}, {2}});
        assertEquals("split sequence of 2 tasks (class groups [[1, 0], [2]])", seq.toString());
        assertEquals(1, seq.features());
        assertEquals("task 0 (classes 0,1, classes [0, 1], 10 train / 4 test)", seq.task(0).toString());
    }

    /** Tasks must stand at their own index: a sequence built otherwise is a bug, refused where it is built. */
    @Test
    void aTaskOutOfItsPlaceIsRefused() {
        Dataset d = data();
        Task first = new Task(0, "a", d, d, new int[] {0});
        Task second = new Task(1, "b", d, d, new int[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TaskSequence("split", "swapped", List.of(second, first)));
        assertEquals("task at position 0 has index 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TaskSequence("split", "none", List.of()));
    }
}
