package org.engram.experiments.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.engram.experiments.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * The validation split against hand-counted class shares, and as a partition of the task's samples:
 * each sample is identified by its one pixel, which holds its index in the task.
 */
class ValidationSplitTest {
    /** Pixels are index / 1024, exact in a float for fewer than 1024 samples. */
    private static final float SCALE = 1024f;

    /** One-pixel samples whose pixel names their index, with the given labels. */
    private static Dataset indexed(int[] labels, int classes) {
        float[] pixels = new float[labels.length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i / SCALE;
        }
        return Dataset.of("task", "test", 1, 1, classes, pixels, labels);
    }

    /** The indices the samples of a part had in the task, in the part's order. */
    private static int[] indices(Dataset part) {
        int[] out = new int[part.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.round(part.pixel(i, 0) * SCALE);
        }
        return out;
    }

    /** Labels of three classes, 10, 7 and 3 samples, interleaved as data files often are. */
    private static int[] tenSevenThree() {
        int[] labels = new int[20];
        int[] left = {10, 7, 3};
        int k = 0;
        while (k < labels.length) {
            for (int c = 0; c < 3; c++) {
                if (left[c]-- > 0) {
                    labels[k++] = c;
                }
            }
        }
        return labels;
    }

    @Test
    void eachClassGivesItsRoundedShare() {
        // 0.25 x 10 = 2.5 -> 3 (halves up), 0.25 x 7 = 1.75 -> 2, 0.25 x 3 = 0.75 -> 1.
        ValidationSplit s = ValidationSplit.of(indexed(tenSevenThree(), 4), 0.25, 7, 2);
        assertArrayEquals(new int[] {3, 2, 1, 0}, s.validation().classCounts());
        assertArrayEquals(new int[] {7, 5, 2, 0}, s.train().classCounts());
        assertEquals(6, ValidationSplit.heldOutTotal(0.25, new int[] {10, 7, 3, 0}));
    }

    @Test
    void partsAreDisjointCoverTheTaskAndKeepItsOrder() {
        int[] labels = tenSevenThree();
        ValidationSplit s = ValidationSplit.of(indexed(labels, 3), 0.3, 11, 0);
        int[] train = indices(s.train());
        int[] validation = indices(s.validation());
        int[] all = IntStream.concat(Arrays.stream(train), Arrays.stream(validation)).sorted().toArray();
        assertArrayEquals(IntStream.range(0, labels.length).toArray(), all, "every sample in exactly one part");
        assertTrue(isAscending(train) && isAscending(validation), "the task's order kept");
        for (int i = 0; i < train.length; i++) {
            assertEquals(labels[train[i]], s.train().label(i), "a sample keeps its label");
        }
        for (int i = 0; i < validation.length; i++) {
            assertEquals(labels[validation[i]], s.validation().label(i), "a sample keeps its label");
        }
    }

    @Test
    void theSeedAndDrawAloneChooseTheSamples() {
        int[] labels = new int[400];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 2;
        }
        Dataset d = indexed(labels, 2);
        int[] first = indices(ValidationSplit.of(d, 0.1, 5, 1).validation());
        assertArrayEquals(first, indices(ValidationSplit.of(d, 0.1, 5, 1).validation()), "drawn again alike");
        // Another seed or draw holds out another 20 of each class's 200: the same ones by chance with
        // probability 1 / C(200, 20)^2, below 10^-50. (Split tasks each draw with their index; permuted
        // and rotated tasks, one image set transformed, share draw 0: ExperimentTest checks both.)
        assertFalse(Arrays.equals(first, indices(ValidationSplit.of(d, 0.1, 6, 1).validation())), "another seed");
        assertFalse(Arrays.equals(first, indices(ValidationSplit.of(d, 0.1, 5, 2).validation())), "another draw");
    }

    @Test
    void aClassThatCannotGiveAndKeepASampleIsRefused() {
        // 0.1 x 4 = 0.4 rounds to none held out; 0.9 x 2 = 1.8 rounds to both.
        assertFalse(ValidationSplit.fits(0.1, 4));
        assertFalse(ValidationSplit.fits(0.9, 2));
        assertTrue(ValidationSplit.fits(0.125, 4));
        assertTrue(ValidationSplit.fits(0.7, 2));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ValidationSplit.of(indexed(tenSevenThree(), 3), 0.1, 1, 0));
        assertTrue(e.getMessage().contains("class 2 of draw 0 has 3"), e.getMessage());
    }

    private static boolean isAscending(int[] a) {
        for (int i = 1; i < a.length; i++) {
            if (a[i] <= a[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
