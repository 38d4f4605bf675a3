package org.engram.experiments.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.engram.simulator.ParameterException;

/**
 * An immutable set of labelled images with pixel values in [0, 1] and the record of where it came
 * from.
 *
 * <p>Pixels are kept in one flat array, sample after sample, each image row-major
 * ({@code rows x cols} features). A permuted view shares that array and reads it through a feature
 * order, so ten permuted tasks over the same images cost one pixel array. The {@link #source()}
 * string grows with every derivation ({@code limit}, {@code subset}, {@code permuted}, ...) so a
 * result can say exactly which samples it was computed on.
 */
public final class Dataset {
    private final String name;
    private final String source;
    private final int rows;
    private final int cols;
    private final int classes;
    private final float[] pixels;
    /** Feature {@code i} of a sample is stored at offset {@code order[i]}; {@code null} is the identity. */
    private final int[] order;
    private final int[] labels;

    private Dataset(String name, String source, int rows, int cols, int classes, float[] pixels, int[] order,
            int[] labels) {
        this.name = name;
        this.source = source;
        this.rows = rows;
        this.cols = cols;
        this.classes = classes;
        this.pixels = pixels;
        this.order = order;
        this.labels = labels;
    }

    /**
     * Creates a dataset from copies of the given arrays after checking them.
     *
     * @param name    short name, e.g. {@code "fashion-mnist/train"}
     * @param source  where the data came from (file, classpath resource, generator and seed)
     * @param rows    image height (pixels), {@code > 0}
     * @param cols    image width (pixels), {@code > 0}
     * @param classes number of classes, {@code > 0}; labels lie in [0, classes)
     * @param pixels  {@code labels.length * rows * cols} values in [0, 1], sample after sample
     * @param labels  one class label per sample
     * @return the dataset
     * @throws ParameterException if a size, pixel value or label breaks its rule
     */
    public static Dataset of(String name, String source, int rows, int cols, int classes, float[] pixels,
            int[] labels) {
        String owner = "dataset " + name;
        if (rows <= 0 || cols <= 0) {
            throw new ParameterException(owner, "rows x cols", "positive image dimensions (pixels)",
                    rows + " x " + cols);
        }
        if (classes <= 0) {
            throw new ParameterException(owner, "classes", "a count > 0", classes);
        }
        long features = (long) rows * cols;
        if (pixels.length != labels.length * features) {
            throw new ParameterException(owner, "pixels", labels.length + " samples x " + features
                    + " features = " + labels.length * features + " values", pixels.length + " values");
        }
        for (int i = 0; i < pixels.length; i++) {
            float p = pixels[i];
            if (!(p >= 0f && p <= 1f)) {
                throw new ParameterException(owner, "pixel " + i % features + " of sample " + i / features,
                        "a value in [0, 1]", p);
            }
        }
        checkLabels(owner, labels, classes);
        return new Dataset(name, source, rows, cols, classes, pixels.clone(), null, labels.clone());
    }

    /**
     * Wraps arrays the caller hands over without copying; for readers in this package that have
     * already checked the values.
     */
    static Dataset adopt(String name, String source, int rows, int cols, int classes, float[] pixels, int[] labels) {
        return new Dataset(name, source, rows, cols, classes, pixels, null, labels);
    }

    private static void checkLabels(String owner, int[] labels, int classes) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new ParameterException(owner, "label of sample " + i, "a class in [0, " + classes + ")",
                        labels[i]);
            }
        }
    }

    /** {@return the short name, e.g. {@code "fashion-mnist/train"}} */
    public String name() {
        return name;
    }

    /** {@return where the samples came from and every derivation applied since} */
    public String source() {
        return source;
    }

    /** {@return image height (pixels)} */
    public int rows() {
        return rows;
    }

    /** {@return image width (pixels)} */
    public int cols() {
        return cols;
    }

    /** {@return features per sample, {@code rows * cols}} */
    public int features() {
        return rows * cols;
    }

    /** {@return number of classes; labels lie in [0, classes)} */
    public int classes() {
        return classes;
    }

    /** {@return number of samples} */
    public int size() {
        return labels.length;
    }

    /**
     * Refuses images of another size than the training images': one network reads both sets, and
     * its input is sized by the training images (a test set of as many pixels in other rows and
     * columns would otherwise be read, scrambled, without a word). Neither file is to blame alone,
     * so the message names both with their sizes.
     *
     * @param training the training set this set is tested beside
     * @throws DataFileException naming both sets' sources and sizes
     */
    public void requireImageSizeOf(Dataset training) {
        if (rows != training.rows || cols != training.cols) {
            throw new DataFileException(training.source + " and " + source, "image sizes", "training and test"
                    + " images of one size", "sizes that differ: training images of " + training.rows + " x "
                    + training.cols + " pixels, test images of " + rows + " x " + cols);
        }
    }

    /**
     * The class of one sample.
     *
     * @param sample sample index in [0, size)
     * @return its label in [0, classes)
     */
    public int label(int sample) {
        return labels[sample];
    }

    /** {@return a copy of all labels in sample order} */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * One feature (pixel) of one sample.
     *
     * @param sample  sample index in [0, size)
     * @param feature feature index in [0, features), row-major
     * @return the value in [0, 1]
     */
    public float pixel(int sample, int feature) {
        int f = features();
        return pixels[sample * f + (order == null ? feature : order[feature])];
    }

    /**
     * Copies the features of one sample into a caller-owned buffer (no allocation).
     *
     * @param sample sample index in [0, size)
     * @param dest   destination, at least {@code offset + features()} long
     * @param offset first index written in {@code dest}
     */
    public void copyFeatures(int sample, float[] dest, int offset) {
        int f = features();
        int base = sample * f;
        if (order == null) {
            System.arraycopy(pixels, base, dest, offset, f);
        } else {
            for (int i = 0; i < f; i++) {
                dest[offset + i] = pixels[base + order[i]];
            }
        }
    }

    /**
     * The features of one sample in a new array.
     *
     * @param sample sample index in [0, size)
     * @return {@code features()} values in [0, 1], row-major
     */
    public float[] features(int sample) {
        float[] out = new float[features()];
        copyFeatures(sample, out, 0);
        return out;
    }

    /**
     * Every sample's features, one new array per sample, as a trainer or continual learner takes them.
     *
     * @return {@code size()} rows of {@code features()} values in [0, 1]
     */
    public float[][] featureRows() {
        float[][] rows = new float[size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = features(i);
        }
        return rows;
    }

    /**
     * The SHA-256 of datasets as a learner reads them, to tell whether two runs saw the same data:
     * for each dataset in turn its size, rows, columns and classes, then every sample's label and
     * pixel values in order (big-endian 32-bit integers and IEEE floats). The same images and labels
     * give the same hash whatever file, format (plain or gzip) or folder they were read from.
     *
     * @param datasets the datasets, in order (e.g. the training set, then the test set)
     * @return the hash as 64 lower-case hex digits
     */
    public static String sha256(List<Dataset> datasets) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
        for (Dataset d : datasets) {
            float[] x = new float[d.features()];
            ByteBuffer b = ByteBuffer.allocate(4 * Math.max(4, 1 + x.length));
            md.update(b.putInt(d.size()).putInt(d.rows).putInt(d.cols).putInt(d.classes).array(), 0, 16);
            for (int i = 0; i < d.size(); i++) {
                d.copyFeatures(i, x, 0);
                b.clear().putInt(d.labels[i]);
                for (float v : x) {
                    b.putFloat(v);
                }
                md.update(b.array(), 0, b.position());
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** {@return the number of samples of each class, indexed by class} */
    public int[] classCounts() {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * The first {@code n} samples (all of them if there are fewer).
     *
     * @param n number of samples to keep, {@code >= 0}
     * @return the shorter dataset (this one if nothing is dropped)
     */
    public Dataset limit(int n) {
        if (n < 0) {
            throw new ParameterException("dataset " + name, "limit", "a sample count >= 0", n);
        }
        if (n >= size()) {
            return this;
        }
        int[] first = new int[n];
        for (int i = 0; i < n; i++) {
            first[i] = i;
        }
        return select(first, name, "first " + n);
    }

    /**
     * The given samples, in the given order.
     *
     * @param indices sample indices in [0, size); repeats are allowed
     * @param newName name of the result
     * @return the new dataset
     */
    public Dataset subset(int[] indices, String newName) {
        for (int index : indices) {
            if (index < 0 || index >= size()) {
                throw new ParameterException("dataset " + name, "subset index", "an index in [0, " + size() + ")",
                        index);
            }
        }
        return select(indices.clone(), newName, "subset of " + indices.length);
    }

    /**
     * The samples whose label is one of the given classes, in their original order.
     *
     * @param kept    the classes to keep, each in [0, classes)
     * @param newName name of the result
     * @return the new dataset (labels unchanged)
     */
    public Dataset onlyClasses(int[] kept, String newName) {
        boolean[] keep = new boolean[classes];
        for (int c : kept) {
            if (c < 0 || c >= classes) {
                throw new ParameterException("dataset " + name, "class", "a class in [0, " + classes + ")", c);
            }
            keep[c] = true;
        }
        int n = 0;
        for (int label : labels) {
            if (keep[label]) {
                n++;
            }
        }
        int[] indices = new int[n];
        n = 0;
        for (int i = 0; i < labels.length; i++) {
            if (keep[labels[i]]) {
                indices[n++] = i;
            }
        }
        return select(indices, newName, "classes " + Arrays.toString(kept));
    }

    private Dataset select(int[] indices, String newName, String derivation) {
        int f = features();
        float[] px = new float[indices.length * f];
        int[] lab = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(pixels, indices[k] * f, px, k * f, f);
            lab[k] = labels[indices[k]];
        }
        return new Dataset(newName, source + " -> " + derivation, rows, cols, classes, px, order, lab);
    }

    /**
     * A view with the features reordered: feature {@code i} of the result is feature
     * {@code permutation[i]} of this dataset. Shares the pixel array.
     *
     * @param permutation a permutation of [0, features)
     * @param newName     name of the result
     * @param derivation  how the permutation was made, for {@link #source()} (e.g. seed and task)
     * @return the permuted view
     * @throws ParameterException if {@code permutation} is not a permutation of [0, features)
     */
    public Dataset permuted(int[] permutation, String newName, String derivation) {
        int f = features();
        if (permutation.length != f) {
            throw new ParameterException("dataset " + name, "permutation length", "exactly " + f + " entries",
                    permutation.length);
        }
        boolean[] seen = new boolean[f];
        int[] combined = new int[f];
        for (int i = 0; i < f; i++) {
            int p = permutation[i];
            if (p < 0 || p >= f || seen[p]) {
                throw new ParameterException("dataset " + name, "permutation[" + i + "]",
                        "each index of [0, " + f + ") exactly once", p);
            }
            seen[p] = true;
            combined[i] = order == null ? p : order[p];
        }
        return new Dataset(newName, source + " -> " + derivation, rows, cols, classes, pixels, combined, labels);
    }

    /**
     * A new dataset whose images are computed from this one's, one image at a time.
     *
     * @param transform  maps one image to another of the same size; outputs must lie in [0, 1]
     * @param newName    name of the result
     * @param derivation what the transform is, for {@link #source()} (e.g. {@code "rotated 45 deg"})
     * @return the transformed dataset (labels unchanged)
     */
    public Dataset mapImages(ImageTransform transform, String newName, String derivation) {
        int f = features();
        float[] in = new float[f];
        float[] out = new float[f];
        float[] px = new float[pixels.length];
        for (int s = 0; s < size(); s++) {
            copyFeatures(s, in, 0);
            transform.apply(in, out);
            for (int i = 0; i < f; i++) {
                if (!(out[i] >= 0f && out[i] <= 1f)) {
                    throw new IllegalStateException(derivation + " produced pixel value " + out[i] + " outside [0, 1]");
                }
            }
            System.arraycopy(out, 0, px, s * f, f);
        }
        return new Dataset(newName, source + " -> " + derivation, rows, cols, classes, px, null, labels);
    }

    /** Maps one image (row-major, {@code rows x cols}) to another of the same size. */
    @FunctionalInterface
    public interface ImageTransform {
        /**
         * Computes the output image.
         *
         * @param image input pixels in [0, 1]; must not be changed
         * @param out   output pixels, same length, to be filled with values in [0, 1]
         */
        void apply(float[] image, float[] out);
    }

    @Override
    public String toString() {
        return name + " (" + size() + " samples of " + rows + " x " + cols + ", " + classes + " classes; " + source
                + ")";
    }
}
