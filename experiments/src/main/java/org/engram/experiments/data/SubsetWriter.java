package org.engram.experiments.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.engram.learning.io.AtomicFile;

/**
 * Writes a class-balanced subset of an MNIST-format dataset as gzip IDX files; this is how the
 * subset bundled in the jar was made.
 *
 * <p>From each split it keeps the first {@code n} samples of every class, in file order, so the
 * subset is fully determined by the source files and {@code n}. The gzip header carries no time
 * stamp, so the same input gives byte-identical files.
 *
 * <p>The bundled files were made with (after {@code apt-get install dataset-fashion-mnist}):
 * <pre>{@code
 * mvn -o -q -pl experiments -am compile
 * java -cp experiments/target/classes:simulator/target/classes \
 *     org.engram.experiments.data.SubsetWriter /usr/share/datasets/fashion-mnist \
 *     experiments/src/main/resources/org/engram/experiments/data/fashion-mnist-subset 300 100
 * }</pre>
 */
public final class SubsetWriter {
    private SubsetWriter() {
    }

    /**
     * Writes the subset.
     *
     * @param args source folder, target folder, training samples per class, test samples per class
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: SubsetWriter <source-folder> <target-folder>"
                    + " <train-per-class> <test-per-class>");
        }
        LocatedData source = new DataLocator(null, null).locate(Path.of(args[0]), "<source-folder>");
        write(source, Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    }

    /**
     * Writes the four subset files ({@code train-images-idx3-ubyte.gz} and so on) into a folder.
     *
     * @param source        the full dataset on disk
     * @param target        the folder to write into; created if absent
     * @param trainPerClass training samples kept per class, {@code > 0}
     * @param testPerClass  test samples kept per class, {@code > 0}
     * @throws IOException if a file cannot be written
     */
    public static void write(LocatedData source, Path target, int trainPerClass, int testPerClass)
            throws IOException {
        // Both splits are chosen before the first file is written, so a refused count, or a split short of
        // samples of a class, leaves no files of the other.
        requirePositive(trainPerClass);
        requirePositive(testPerClass);
        Split train = split(source, 0, trainPerClass);
        Split test = split(source, 2, testPerClass);
        Files.createDirectories(target);
        train.writeInto(target, 0);
        test.writeInto(target, 2);
    }

    private static void requirePositive(int perClass) {
        if (perClass <= 0) {
            throw new IllegalArgumentException("samples per class must be > 0, found " + perClass);
        }
    }

    /** The samples a split keeps: {@code count} images of {@code rows x cols} bytes and their labels. */
    private record Split(int count, int rows, int cols, byte[] images, byte[] labels) {
        /** Writes the split's two files, named after the source's files {@code first} and {@code first + 1}. */
        void writeInto(Path target, int first) throws IOException {
            writeIdx(target.resolve(FashionMnist.FILES.get(first) + ".gz"), IdxReader.IMAGES_MAGIC,
                    new int[] {count, rows, cols}, images);
            writeIdx(target.resolve(FashionMnist.FILES.get(first + 1) + ".gz"), IdxReader.LABELS_MAGIC,
                    new int[] {count}, labels);
        }
    }

    private static Split split(LocatedData source, int first, int perClass) throws IOException {
        Path imagesFile = source.file(first);
        Path labelsFile = source.file(first + 1);
        IdxReader.RawImages images;
        try (InputStream in = IdxReader.open(imagesFile)) {
            images = IdxReader.readImages(imagesFile.toString(), in);
        }
        byte[] labels;
        try (InputStream in = IdxReader.open(labelsFile)) {
            labels = IdxReader.readLabels(labelsFile.toString(), in);
        }
        IdxReader.requireOneLabelPerImage(images, imagesFile.toString(), labels, labelsFile.toString());
        int[] chosen = firstPerClass(labels, FashionMnist.CLASSES, perClass, labelsFile.toString());
        int pixels = images.rows * images.cols;
        byte[] outImages = new byte[chosen.length * pixels];
        byte[] outLabels = new byte[chosen.length];
        for (int k = 0; k < chosen.length; k++) {
            System.arraycopy(images.pixels, chosen[k] * pixels, outImages, k * pixels, pixels);
            outLabels[k] = labels[chosen[k]];
        }
        return new Split(chosen.length, images.rows, images.cols, outImages, outLabels);
    }

    /**
     * Indices of the first {@code perClass} samples of each class, in file order.
     *
     * @param labels   unsigned labels
     * @param classes  number of classes
     * @param perClass samples per class
     * @param file     file name for the error message
     * @return the chosen indices, ascending
     */
    static int[] firstPerClass(byte[] labels, int classes, int perClass, String file) {
        int[] taken = new int[classes];
        int[] chosen = new int[classes * perClass];
        int n = 0;
        for (int i = 0; i < labels.length && n < chosen.length; i++) {
            int c = labels[i] & 0xFF;
            if (c < classes && taken[c] < perClass) {
                taken[c]++;
                chosen[n++] = i;
            }
        }
        for (int c = 0; c < classes; c++) {
            if (taken[c] < perClass) {
                throw new DataFileException(file, "samples of class " + c, "at least " + perClass,
                        Integer.toString(taken[c]));
            }
        }
        return chosen;
    }

    /**
     * Writes one gzip IDX file of unsigned bytes, atomically ({@link AtomicFile}).
     *
     * @param file  destination
     * @param magic {@link IdxReader#IMAGES_MAGIC} or {@link IdxReader#LABELS_MAGIC}
     * @param dims  the size of each dimension
     * @param data  the bytes, row-major
     * @throws IOException if compressing fails
     * @throws org.engram.simulator.EngramException naming the file if writing fails
     */
    static void writeIdx(Path file, int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream(data.length / 4);
        try (DataOutputStream out = new DataOutputStream(new BestGzip(gzipped))) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
        AtomicFile.write(file, gzipped::writeTo);
    }

    /** A gzip stream at the highest compression level (the JDK writes a zero time stamp). */
    private static final class BestGzip extends GZIPOutputStream {
        BestGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }
}
