package org.engram.experiments.data;

import java.util.List;

/**
 * Facts about Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, arXiv:1708.07747): 28 x 28 grey
 * images of clothing in ten classes, 60000 for training and 10000 for testing, published by
 * Zalando Research under the MIT licence in the file layout of MNIST.
 */
public final class FashionMnist {
    /** Number of classes. */
    public static final int CLASSES = 10;
    /** Image height and width (pixels). */
    public static final int SIDE = 28;

    /** Base names of the four files, in the order train images, train labels, test images, test labels. */
    static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private FashionMnist() {
    }

    /**
     * The file names accepted for one base name: as is, gzip, and the variant with a dot before
     * {@code idx} that some mirrors use ({@code train-images.idx3-ubyte}).
     *
     * @param base one of the base names, e.g. {@code "train-images-idx3-ubyte"}
     * @return the names tried, in order of preference
     */
    static List<String> candidates(String base) {
        String dotted = base.replace("-idx", ".idx");
        return List.of(base, base + ".gz", dotted, dotted + ".gz");
    }
}
