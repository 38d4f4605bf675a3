package org.engram.experiments.task;

import java.util.ArrayList;
import java.util.List;

import org.engram.experiments.data.Dataset;
import org.engram.simulator.ParameterException;

/**
 * Builds a sequence in which every task shows all classes rotated by its own fixed angle
 * (Rotated MNIST, e.g. Lopez-Paz and Ranzato 2017).
 *
 * <p>Rotation is about the image centre {@code ((cols-1)/2, (rows-1)/2)}; positive angles turn the
 * image counter-clockwise as displayed (rows downwards). Each output pixel takes the bilinear
 * interpolation of the four input pixels around its preimage; input outside the image counts as
 * 0 (background).
 */
public final class RotatedTasks {
    private RotatedTasks() {
    }

    /**
     * Builds the sequence.
     *
     * @param train     training data
     * @param test      test data
     * @param anglesDeg one rotation angle per task (degrees, counter-clockwise), finite
     * @return the sequence
     */
    public static TaskSequence of(Dataset train, Dataset test, double[] anglesDeg) {
        if (anglesDeg.length == 0) {
            throw new ParameterException("rotated tasks", "angles", "at least one angle (deg)", "[]");
        }
        int[] all = new int[train.classes()];
        for (int c = 0; c < all.length; c++) {
            all[c] = c;
        }
        List<Task> list = new ArrayList<>();
        StringBuilder desc = new StringBuilder("angles (deg)");
        for (int t = 0; t < anglesDeg.length; t++) {
            double a = ParameterException.requireFinite("rotated tasks", "angles[" + t + "]", anglesDeg[t], "deg");
            desc.append(t == 0 ? " " : ", ").append(a);
            String name = "rotated " + format(a) + " deg";
            Rotation r = new Rotation(train.rows(), train.cols(), a);
            list.add(new Task(t, name, train.mapImages(r::apply, train.name() + "/" + name, name),
                    test.mapImages(r::apply, test.name() + "/" + name, name), all));
        }
        return new TaskSequence("rotated", desc.toString(), list);
    }

    /**
     * Rotates one image.
     *
     * @param image    input pixels, row-major {@code rows x cols}, values in [0, 1]
     * @param rows     image height (pixels)
     * @param cols     image width (pixels)
     * @param angleDeg rotation angle (degrees, counter-clockwise)
     * @return the rotated image, same size
     */
    public static float[] rotate(float[] image, int rows, int cols, double angleDeg) {
        float[] out = new float[rows * cols];
        new Rotation(rows, cols, angleDeg).apply(image, out);
        return out;
    }

    private static String format(double a) {
        return a == Math.rint(a) ? Long.toString((long) a) : Double.toString(a);
    }

    /** Precomputed interpolation table of one angle: four source pixels and weights per output pixel. */
    private static final class Rotation {
        private final int[] src;
        private final float[] weight;

        Rotation(int rows, int cols, double angleDeg) {
            int n = rows * cols;
            src = new int[4 * n];
            weight = new float[4 * n];
            double theta = StrictMath.toRadians(angleDeg);
            double cos = StrictMath.cos(theta);
            double sin = StrictMath.sin(theta);
            double cx = (cols - 1) / 2.0;
            double cy = (rows - 1) / 2.0;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    // Output pixel in mathematical coordinates (y up), rotated back by -theta.
                    double x = c - cx;
                    double y = cy - r;
                    double sx = cos * x + sin * y;
                    double sy = -sin * x + cos * y;
                    double sc = cx + sx;
                    double sr = cy - sy;
                    int c0 = (int) Math.floor(sc);
                    int r0 = (int) Math.floor(sr);
                    double fc = sc - c0;
                    double fr = sr - r0;
                    int k = 4 * (r * cols + c);
                    set(k, r0, c0, (1 - fr) * (1 - fc), rows, cols);
                    set(k + 1, r0, c0 + 1, (1 - fr) * fc, rows, cols);
                    set(k + 2, r0 + 1, c0, fr * (1 - fc), rows, cols);
                    set(k + 3, r0 + 1, c0 + 1, fr * fc, rows, cols);
                }
            }
        }

        private void set(int k, int r, int c, double w, int rows, int cols) {
            if (r >= 0 && r < rows && c >= 0 && c < cols) {
                src[k] = r * cols + c;
                weight[k] = (float) w;
            }
        }

        void apply(float[] image, float[] out) {
            for (int i = 0; i < out.length; i++) {
                int k = 4 * i;
                float v = weight[k] * image[src[k]] + weight[k + 1] * image[src[k + 1]]
                        + weight[k + 2] * image[src[k + 2]] + weight[k + 3] * image[src[k + 3]];
                // The weights sum to 1 exactly in real numbers; float rounding can overshoot 1 by an ulp.
                out[i] = Math.min(1f, v);
            }
        }
    }
}
