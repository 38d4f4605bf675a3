package org.engram.experiments.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds IDX files byte by byte, independently of the code under test (public for the command-line tests). */
public final class IdxBytes {
    private IdxBytes() {
    }

    public static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    public static byte[] images(int count, int rows, int cols, byte[] pixels) {
        return idx(0x00000803, new int[] {count, rows, cols}, pixels);
    }

    public static byte[] labels(byte... labels) {
        return idx(0x00000801, new int[] {labels.length}, labels);
    }

    public static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static Path write(Path dir, String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a complete tiny dataset (2 x 2 images, classes 0..9 cycled) under the given names. */
    public static void tinyDataset(Path dir, int count, String trainImages, String trainLabels, String testImages,
            String testLabels, boolean gzip) {
        byte[] px = new byte[count * 4];
        byte[] lab = new byte[count];
        for (int i = 0; i < count; i++) {
            lab[i] = (byte) (i % 10);
            for (int k = 0; k < 4; k++) {
                px[i * 4 + k] = (byte) (i + k);
            }
        }
        byte[] im = images(count, 2, 2, px);
        byte[] lb = labels(lab);
        write(dir, trainImages, gzip ? gzip(im) : im);
        write(dir, trainLabels, gzip ? gzip(lb) : lb);
        write(dir, testImages, gzip ? gzip(im) : im);
        write(dir, testLabels, gzip ? gzip(lb) : lb);
    }
}
