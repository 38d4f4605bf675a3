package org.engram.experiments.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.engram.experiments.data.Dataset;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

class RotatedTasksTest {
    private static float[] ninths(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (i + 1) / (float) n;
        }
        return a;
    }

    @Test
    void rotationByZeroIsExactIdentity() {
        float[] img = ninths(12);
        assertArrayEquals(img, RotatedTasks.rotate(img, 3, 4, 0));
    }

    @Test
    void rotationBy90MatchesHandRotatedArrays() {
        // 3 x 3, values 1..9 (scaled by 1/9), turned counter-clockwise:
        // 1 2 3      3 6 9
        // 4 5 6  ->  2 5 8
        // 7 8 9      1 4 7
        float[] img = ninths(9);
        int[] expected3 = {3, 6, 9, 2, 5, 8, 1, 4, 7};
        float[] got = RotatedTasks.rotate(img, 3, 3, 90);
        for (int i = 0; i < 9; i++) {
            // cos(90 deg) is 6e-17 in double, not 0: weights off by ~1e-16, far below 1e-6.
            assertEquals(expected3[i] / 9f, got[i], 1e-6f, "pixel " + i);
        }
        // 4 x 4 (centre between pixels), values 1..16:
        //  1  2  3  4      4  8 12 16
        //  5  6  7  8  ->  3  7 11 15
        //  9 10 11 12      2  6 10 14
        // 13 14 15 16      1  5  9 13
        int[] expected4 = {4, 8, 12, 16, 3, 7, 11, 15, 2, 6, 10, 14, 1, 5, 9, 13};
        float[] got4 = RotatedTasks.rotate(ninths(16), 4, 4, 90);
        for (int i = 0; i < 16; i++) {
            assertEquals(expected4[i] / 16f, got4[i], 1e-6f, "pixel " + i);
        }
        // -90 undoes +90; 4 x 90 is the identity.
        assertArrayEquals(img, RotatedTasks.rotate(got, 3, 3, -90), 1e-6f);
    }

    @Test
    void halfPixelShiftIsTheMeanOfNeighbours() {
        // A 1 x 2 image rotated by 180 deg swaps its pixels exactly (centre at x = 0.5).
        float[] got = RotatedTasks.rotate(new float[] {0.2f, 0.8f}, 1, 2, 180);
        assertArrayEquals(new float[] {0.8f, 0.2f}, got, 1e-6f);
        // 45 deg on 3 x 3: the corner (0,0) maps back to (r, c) = (1 - sqrt2, 1), outside the image
        // by 0.414 rows: weight 0.586 on row 0 column 1 (value 2/9), the rest outside (0).
        float[] r45 = RotatedTasks.rotate(ninths(9), 3, 3, 45);
        double w = 1 - (Math.sqrt(2) - 1);
        assertEquals(w * 2 / 9, r45[0], 1e-6);
    }

    @Test
    void sequenceRotatesEveryImageAndKeepsLabels() {
        float[] px = new float[18];
        System.arraycopy(ninths(9), 0, px, 0, 9);
        System.arraycopy(ninths(9), 0, px, 9, 9);
        Dataset d = Dataset.of("d", "test", 3, 3, 2, px, new int[] {1, 0});
        TaskSequence seq = RotatedTasks.of(d, d, new double[] {0, 90});
        assertArrayEquals(d.features(0), seq.task(0).train().features(0));
        assertArrayEquals(RotatedTasks.rotate(d.features(1), 3, 3, 90), seq.task(1).test().features(1));
        assertArrayEquals(new int[] {1, 0}, seq.task(1).train().labels());
        assertEquals("rotated 90 deg", seq.task(1).name());
    }

    /**
     * A turn by atan2(3, 4) (cos 0.8, sin 0.6) of a 3 x 3 image, worked by hand: output pixel (row 1, col 2)
     * is x = 1, y = 0 from the centre; turned back, x' = 0.8, y' = -0.6, so it reads column 1.8 and row 1.6,
     * between pixels (1,1), (1,2), (2,1), (2,2) with weights 0.4 x 0.2, 0.4 x 0.8, 0.6 x 0.2 and 0.6 x 0.8.
     */
    @Test
    void aTurnBetweenPixelsWeighsItsFourNeighboursBilinearly() {
        float[] img = new float[9];
        img[4] = 0.1f;
        img[5] = 0.2f;
        img[7] = 0.3f;
        img[8] = 0.4f;
        float[] out = RotatedTasks.rotate(img, 3, 3, Math.toDegrees(Math.atan2(3, 4)));
        double expected = 0.08 * 0.1 + 0.32 * 0.2 + 0.12 * 0.3 + 0.48 * 0.4;
        assertEquals(expected, out[5], 1e-6);   // float weights and pixels: errors of a few 1e-8
    }

    /** Every rotated task shows every class; the sequence names each angle as given. */
    @Test
    void everyTaskHoldsEveryClassAndTheSequenceNamesItsAngles() {
        Dataset d = Dataset.of("d", "test", 1, 1, 3, new float[] {0.5f}, new int[] {2});
        TaskSequence seq = RotatedTasks.of(d, d, new double[] {0, 12.5});
        assertArrayEquals(new int[] {0, 1, 2}, seq.task(1).classes());
        assertEquals("rotated 12.5 deg", seq.task(1).name());
        assertEquals("rotated sequence of 2 tasks (angles (deg) 0.0, 12.5)", seq.toString());
    }

    /**
     * Input outside the image reads 0 on every side. Turned by 45 deg, each corner of a 3 x 3 image reads
     * back from 0.414 (sqrt 2 - 1) pixels beyond one edge, worked by hand: corner (0,0) from row -0.414 at
     * column 1, (0,2) from column 2.414 at row 1, (2,2) from row 2.414 at column 1, (2,0) from column -0.414
     * at row 1. Each keeps weight 2 - sqrt 2 on the pixel inside (values 2, 6, 8 and 4 of 1..9) and nothing
     * from outside: a neighbour past the right or left edge is not the next row's first or last pixel.
     */
    @Test
    void everyCornerTurnedOutOfTheImageReadsOnlyThePixelInside() {
        float[] out = RotatedTasks.rotate(ninths(9), 3, 3, 45);
        double inside = 2 - Math.sqrt(2);
        assertEquals(inside * 2 / 9, out[0], 1e-6);
        assertEquals(inside * 6 / 9, out[2], 1e-6);
        assertEquals(inside * 8 / 9, out[8], 1e-6);
        assertEquals(inside * 4 / 9, out[6], 1e-6);
    }

    /** No angles at all is the user's config, refused as such, not a sequence built empty. */
    @Test
    void noAnglesAreRefused() {
        Dataset d = Dataset.of("d", "test", 1, 1, 3, new float[] {0.5f}, new int[] {2});
        ParameterException e = assertThrows(ParameterException.class, () -> RotatedTasks.of(d, d, new double[0]));
        assertEquals("angles", e.location());
    }
}
