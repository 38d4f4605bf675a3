package org.engram.experiments.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;

import org.engram.simulator.IoReasons;
import org.engram.simulator.ParameterException;

/**
 * Reads labelled images from a pair of IDX files, the format of MNIST and Fashion-MNIST.
 *
 * <p>An IDX file is a 4-byte magic number {@code 0x0000TTDD} (TT = data type, 0x08 for unsigned
 * bytes; DD = number of dimensions), one big-endian 32-bit size per dimension, then the data in
 * row-major order. Image files have magic {@code 0x00000803} (count x rows x cols), label files
 * {@code 0x00000801} (count). Either file may be gzip-compressed; compression is recognised by the
 * gzip magic bytes {@code 1f 8b}, never by the file name. Pixels are scaled from 0..255 to [0, 1].
 *
 * <p>Every check failure is a {@link DataFileException} naming the file: wrong magic number, data
 * type or dimension count, a size of zero, data shorter or longer than the header declares
 * (truncated files report expected and found byte counts), a damaged gzip header, data or checksum,
 * a label outside [0, classes), and image and label files of different lengths.
 */
public final class IdxReader {
    /** Bytes read before the data buffer grows to the declared size (16 MiB). */
    private static final int FIRST_CHUNK = 1 << 24;

    /** Magic number of an image file: unsigned bytes, three dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of a label file: unsigned bytes, one dimension. */
    public static final int LABELS_MAGIC = 0x00000801;
    /**
     * The most classes IDX labels can tell apart: they are unsigned bytes, 0 to 255. Read with it,
     * a label file's every label is accepted, for readers that take the classes from the labels.
     */
    public static final int MAX_CLASSES = 256;

    private static final int UNSIGNED_BYTE = 0x08;
    private static final float[] SCALE = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            SCALE[i] = i / 255f;
        }
    }

    private IdxReader() {
    }

    /**
     * Reads an image file and a label file into a dataset.
     *
     * @param images  the image file ({@code idx3-ubyte}, plain or gzip)
     * @param labels  the label file ({@code idx1-ubyte}, plain or gzip)
     * @param name    name of the dataset, e.g. {@code "fashion-mnist/train"}
     * @param classes number of classes; every label must lie in [0, classes)
     * @return the dataset, with both paths as its source
     * @throws DataFileException if a file is missing, unreadable or breaks the format
     */
    public static Dataset read(Path images, Path labels, String name, int classes) {
        String imagesName = images.toAbsolutePath().toString();
        String labelsName = labels.toAbsolutePath().toString();
        RawImages raw;
        try (InputStream in = open(images)) {
            raw = readImages(imagesName, in);
        } catch (IOException e) {
            throw unreadable(imagesName, e);
        }
        byte[] lab;
        try (InputStream in = open(labels)) {
            lab = readLabels(labelsName, in);
        } catch (IOException e) {
            throw unreadable(labelsName, e);
        }
        return combine(raw, imagesName, lab, labelsName, name, classes);
    }

    /**
     * Reads an image stream and a label stream into a dataset (for classpath resources and tests).
     *
     * @param images      the image data, plain or gzip; closed by this method
     * @param imagesName  name of the image data in messages and provenance
     * @param labels      the label data, plain or gzip; closed by this method
     * @param labelsName  name of the label data in messages and provenance
     * @param name        name of the dataset
     * @param classes     number of classes; every label must lie in [0, classes)
     * @return the dataset
     * @throws DataFileException if the data breaks the format or cannot be read
     */
    public static Dataset read(InputStream images, String imagesName, InputStream labels, String labelsName,
            String name, int classes) {
        RawImages raw;
        try (InputStream in = images) {
            raw = readImages(imagesName, in);
        } catch (IOException e) {
            throw unreadable(imagesName, e);
        }
        byte[] lab;
        try (InputStream in = labels) {
            lab = readLabels(labelsName, in);
        } catch (IOException e) {
            throw unreadable(labelsName, e);
        }
        return combine(raw, imagesName, lab, labelsName, name, classes);
    }

    private static Dataset combine(RawImages raw, String imagesName, byte[] lab, String labelsName, String name,
            int classes) {
        if (classes < 1 || classes > MAX_CLASSES) {
            throw new ParameterException("IDX reader", "classes", "a count in [1, 256] (labels are unsigned bytes)",
                    classes);
        }
        requireOneLabelPerImage(raw, imagesName, lab, labelsName);
        int[] labels = new int[lab.length];
        for (int i = 0; i < lab.length; i++) {
            int v = lab[i] & 0xFF;
            if (v >= classes) {
                int largest = 0;
                for (byte l : lab) {
                    largest = Math.max(largest, l & 0xFF);
                }
                throw new DataFileException(labelsName, "label of item " + i, "a class in [0, " + classes + ")",
                        Integer.toString(v), "the labels reach " + largest + ": data of " + (largest + 1) + " classes"
                        + " says so, with data: {classes: " + (largest + 1) + "} in a config or --classes "
                        + (largest + 1) + " to engram bench");
            }
            labels[i] = v;
        }
        byte[] px = raw.pixels;
        float[] pixels = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            pixels[i] = SCALE[px[i] & 0xFF];
        }
        return Dataset.adopt(name, imagesName + " + " + labelsName, raw.rows, raw.cols, classes, pixels, labels);
    }

    /**
     * Refuses image and label files of different item counts, which pair no image with its label.
     *
     * @param images     the images read
     * @param imagesName the image file, for the message
     * @param labels     the labels read
     * @param labelsName the label file, for the message
     * @throws DataFileException naming both files and both counts
     */
    static void requireOneLabelPerImage(RawImages images, String imagesName, byte[] labels, String labelsName) {
        if (images.count != labels.length) {
            throw new DataFileException(imagesName + " and " + labelsName, "item counts",
                    "as many labels as images", images.count + " images and " + labels.length + " labels");
        }
    }

    /** Unscaled image bytes as stored in an IDX image file. */
    static final class RawImages {
        final int count;
        final int rows;
        final int cols;
        final byte[] pixels;

        RawImages(int count, int rows, int cols, byte[] pixels) {
            this.count = count;
            this.rows = rows;
            this.cols = cols;
            this.pixels = pixels;
        }
    }

    /** Opens a file, failing with a message that names it if it does not exist. */
    static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file.toAbsolutePath().toString(), "file", "an existing file", "none");
        } catch (IOException e) {
            throw unreadable(file.toAbsolutePath().toString(), e);
        }
    }

    /**
     * Reads an image file: header, then {@code count * rows * cols} unsigned bytes.
     *
     * @param file name for messages
     * @param raw  the stream, plain or gzip; closed when read (with the decompressor's native memory)
     * @return the unscaled images
     */
    static RawImages readImages(String file, InputStream raw) throws IOException {
        try (InputStream in = decompressed(file, raw)) {
            int[] dims = checkedHeader(file, in, IMAGES_MAGIC, "images");
            long bytes = (long) dims[0] * dims[1] * dims[2];
            byte[] data = payload(file, in, bytes, dims[0] + " images of " + dims[1] + " x " + dims[2],
                    4 + 4 * 3);
            return new RawImages(dims[0], dims[1], dims[2], data);
        }
    }

    /**
     * Reads a label file: header, then {@code count} unsigned bytes.
     *
     * @param file name for messages
     * @param raw  the stream, plain or gzip; closed when read (with the decompressor's native memory)
     * @return the labels, unsigned
     */
    static byte[] readLabels(String file, InputStream raw) throws IOException {
        try (InputStream in = decompressed(file, raw)) {
            int[] dims = checkedHeader(file, in, LABELS_MAGIC, "labels");
            return payload(file, in, dims[0], dims[0] + " labels", 4 + 4);
        }
    }

    private static InputStream decompressed(String file, InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new WholeGzipStream(file, in);
        }
        return in;
    }

    /**
     * Reads the header; where a gzip file's header breaks the format, first reads the rest of the
     * stream, so that damaged compressed data, which can decompress to any bytes without an error
     * until the checksum, is reported as such rather than as a wrong magic number or size. Data that
     * failed to decompress while the header was read is reported as it is: it says so already.
     */
    private static int[] checkedHeader(String file, InputStream in, int magic, String kind) throws IOException {
        try {
            return header(file, in, magic, kind);
        } catch (DataFileException found) {
            if (!(in instanceof WholeGzipStream) || found.getCause() instanceof ZipException) {
                throw found;
            }
            try {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (EOFException e) {
                throw found;   // cut short: the header's own message says the file is truncated
            } catch (ZipException e) {
                throw new DataFileException(file, "gzip data", "compressed data whose CRC-32 and length match"
                        + " the data (RFC 1952)", "damaged compressed data (" + e.getMessage() + "): decompressed as"
                        + " it is, its " + found.location() + " was " + found.found(), "the file is damaged;"
                        + " copy or download it again");
            }
            throw found;
        }
    }

    private static int[] header(String file, InputStream in, int magic, String kind) throws IOException {
        int dimensions = magic & 0xFF;
        int headerBytes = 4 + 4 * dimensions;
        byte[] head = new byte[headerBytes];
        int got = readFully(file, in, head, 0, "header");
        if (got < 4) {
            throw new DataFileException(file, "header", "an IDX header of " + headerBytes + " bytes",
                    got + " bytes (file is truncated or empty)");
        }
        int found = intAt(head, 0);
        if (found != magic) {
            String hint = found == (magic == IMAGES_MAGIC ? LABELS_MAGIC : IMAGES_MAGIC)
                    ? "this is " + (magic == IMAGES_MAGIC ? "a label" : "an image")
                            + " file; are the two files swapped?"
                    : null;
            String expected = String.format("magic number 0x%08X (%s: unsigned bytes, %d dimension%s)", magic, kind,
                    dimensions, dimensions == 1 ? "" : "s");
            throw new DataFileException(file, "magic number", expected, describeMagic(found), hint);
        }
        if (got < headerBytes) {
            throw new DataFileException(file, "header", "an IDX header of " + headerBytes + " bytes (the magic number"
                    + " and " + dimensions + " dimension size" + (dimensions == 1 ? ")" : "s)"),
                    got + " bytes (file is truncated)");
        }
        int[] dims = new int[dimensions];
        for (int d = 0; d < dimensions; d++) {
            dims[d] = intAt(head, 4 + 4 * d);
            if (dims[d] < 0) {
                // Read as unsigned, a count past 2^31 - 1: no Java array holds it.
                throw new DataFileException(file, "size of dimension " + d, "a count below 2^31",
                        Integer.toUnsignedString(dims[d]) + String.format(" (0x%08X)", dims[d]));
            }
            if (dims[d] == 0) {
                throw new DataFileException(file, "size of dimension " + d, "a size > 0", "0");
            }
        }
        return dims;
    }

    private static String describeMagic(int found) {
        if ((found >>> 16) != 0) {
            return String.format("0x%08X (not an IDX file)", found);
        }
        int type = (found >>> 8) & 0xFF;
        int dims = found & 0xFF;
        String typeName = type == UNSIGNED_BYTE ? "unsigned bytes" : String.format("data type 0x%02X", type);
        return String.format("0x%08X (%s, %d dimension%s)", found, typeName, dims, dims == 1 ? "" : "s");
    }

    private static byte[] payload(String file, InputStream in, long bytes, String declared, int headerBytes)
            throws IOException {
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new DataFileException(file, "declared size", "at most " + (Integer.MAX_VALUE - 8) + " bytes of data",
                    bytes + " bytes (" + declared + ")");
        }
        // Grown as the bytes arrive, so a header that claims more than the file holds is reported
        // as a truncated file instead of first allocating what it claims.
        byte[] data = new byte[(int) Math.min(bytes, FIRST_CHUNK)];
        int got = readFully(file, in, data, 0, "data");
        while (got == data.length && got < bytes) {
            data = Arrays.copyOf(data, (int) Math.min(bytes, 2L * data.length));
            got = readFully(file, in, data, got, "data");
        }
        if (got < bytes) {
            throw new DataFileException(file, "data", bytes + " bytes after the " + headerBytes
                    + "-byte header (" + declared + ")", got + " bytes (file is truncated)");
        }
        long extra = 0;
        byte[] scratch = new byte[8192];
        int n;
        try {
            while ((n = in.read(scratch)) > 0) {
                extra += n;
            }
        } catch (EOFException e) {
            throw new DataFileException(file, "gzip trailer", "a complete gzip stream",
                    "a stream that ends before its checksum (file is truncated)");
        } catch (ZipException e) {
            throw new DataFileException(file, "gzip trailer", "a CRC-32 and length that match the data",
                    "a mismatch (" + e.getMessage() + "; file is damaged)");
        }
        if (extra > 0) {
            throw new DataFileException(file, "data", "exactly " + bytes + " bytes after the " + headerBytes
                    + "-byte header (" + declared + ")", (bytes + extra) + " bytes (" + extra + " extra)");
        }
        return data;
    }

    /**
     * Fills {@code buf} from {@code off} as far as the stream allows; a gzip stream cut short
     * counts as its end.
     *
     * @return the bytes in {@code buf} now
     */
    private static int readFully(String file, InputStream in, byte[] buf, int from, String part) throws IOException {
        int off = from;
        try {
            while (off < buf.length) {
                int n = in.read(buf, off, buf.length - off);
                if (n < 0) {
                    break;
                }
                off += n;
            }
        } catch (EOFException e) {
            return off;
        } catch (ZipException e) {
            DataFileException damaged = new DataFileException(file, part, "a valid gzip stream",
                    "damaged compressed data after " + off + " bytes of " + part + " (" + e.getMessage() + ")");
            damaged.initCause(e);
            throw damaged;
        }
        return off;
    }

    private static int intAt(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }

    private static DataFileException unreadable(String file, IOException e) {
        DataFileException ex = new DataFileException(file, "file", "a readable file", IoReasons.of(e));
        ex.initCause(e);
        return ex;
    }
}
