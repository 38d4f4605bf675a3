package org.engram.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    /** Two 2 x 3 images with bytes 0, 51, 102, 153, 204, 255 (= 0, 0.2, ..., 1.0 after /255). */
    private static final byte[] PIXELS = {0, 51, 102, (byte) 153, (byte) 204, (byte) 255,
        (byte) 255, (byte) 204, (byte) 153, 102, 51, 0};

    /** Reading closes the decompressor, whose native memory would otherwise wait for a collection. */
    @Test
    void aGzipStreamIsClosedOnceRead() throws IOException {
        boolean[] closed = {false, false};
        byte[][] files = {IdxBytes.gzip(IdxBytes.images(2, 2, 3, PIXELS)), IdxBytes.gzip(IdxBytes.labels((byte) 3))};
        InputStream[] streams = new InputStream[2];
        for (int f = 0; f < 2; f++) {
            int which = f;
            streams[f] = new FilterInputStream(new ByteArrayInputStream(files[f])) {
                @Override
                public void close() throws IOException {
                    closed[which] = true;
                    super.close();
                }
            };
        }
        assertEquals(2, IdxReader.readImages("images", streams[0]).count);
        assertEquals(1, IdxReader.readLabels("labels", streams[1]).length);
        assertArrayEquals(new boolean[] {true, true}, closed);
    }

    @Test
    void gzipIsRecognisedByContentNotByName() {
        // The gzip file is deliberately named without .gz and the plain one with .gz.
        Path im = IdxBytes.write(dir, "images", IdxBytes.gzip(IdxBytes.images(2, 2, 3, PIXELS)));
        Path lb = IdxBytes.write(dir, "labels.gz", IdxBytes.labels((byte) 3, (byte) 7));
        Dataset d = IdxReader.read(im, lb, "t", 10);
        assertEquals(2, d.size());
        assertEquals(2, d.rows());
        assertEquals(3, d.cols());
        assertArrayEquals(new int[] {3, 7}, d.labels());
        // 51/255 = 0.2 exactly in real numbers; float division is within one ulp (~1.5e-8).
        float[] expected = {0f, 0.2f, 0.4f, 0.6f, 0.8f, 1f};
        assertArrayEquals(expected, d.features(0), 1e-7f);
        assertEquals(1f, d.pixel(1, 0));
        assertEquals(0f, d.pixel(1, 5));
        assertTrue(d.source().contains(im.toAbsolutePath().toString()));
    }

    @Test
    void truncatedImageFileNamesExpectedAndFoundBytes() {
        byte[] full = IdxBytes.images(2, 2, 3, PIXELS);
        Path im = IdxBytes.write(dir, "im", Arrays.copyOf(full, full.length - 5));
        Path lb = IdxBytes.write(dir, "lb", IdxBytes.labels((byte) 1, (byte) 2));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(im, lb, "t", 10));
        // 2 x 2 x 3 = 12 bytes declared; 12 - 5 = 7 present.
        assertTrue(e.getMessage().startsWith(im.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.expected().contains("12 bytes"), e.getMessage());
        assertTrue(e.found().startsWith("7 bytes"), e.getMessage());
    }

    @Test
    void truncatedGzipFileNamesExpectedAndFoundBytes() {
        byte[] pixels = new byte[100 * 28 * 28];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31 + i / 7);
        }
        byte[] gz = IdxBytes.gzip(IdxBytes.images(100, 28, 28, pixels));
        Path im = IdxBytes.write(dir, "im.gz", Arrays.copyOf(gz, gz.length / 2));
        Path lb = IdxBytes.write(dir, "lb", IdxBytes.labels(new byte[100]));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(im, lb, "t", 10));
        assertTrue(e.getMessage().contains(im.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.expected().contains("78400 bytes"), e.getMessage());
        long found = Long.parseLong(e.found().substring(0, e.found().indexOf(' ')));
        assertTrue(found < 78400, e.getMessage());
    }

    /** A gzip file whose CRC-32 does not match its data is named as damaged, not as unreadable. */
    @Test
    void gzipWithDamagedChecksumIsReportedAsDamaged() {
        byte[] gz = IdxBytes.gzip(IdxBytes.images(2, 2, 3, PIXELS));
        gz[gz.length - 8] ^= 0x01;   // the CRC-32 is the trailer's first 4 of 8 bytes (RFC 1952)
        Path im = IdxBytes.write(dir, "im.gz", gz);
        Path lb = IdxBytes.write(dir, "lb", IdxBytes.labels((byte) 1, (byte) 2));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(im, lb, "t", 10));
        assertTrue(e.getMessage().startsWith(im.toAbsolutePath().toString()), e.getMessage());
        assertEquals("gzip trailer", e.location(), e.getMessage());
        assertTrue(e.found().contains("damaged") && e.found().contains("CRC-32"), e.getMessage());
        // ISIZE, the data's length mod 2^32, is the trailer's last 4 bytes.
        byte[] longer = IdxBytes.gzip(IdxBytes.images(2, 2, 3, PIXELS));
        longer[longer.length - 4]++;
        Path im2 = IdxBytes.write(dir, "im2.gz", longer);
        DataFileException size = assertThrows(DataFileException.class, () -> IdxReader.read(im2, lb, "t", 10));
        assertEquals("gzip trailer", size.location(), size.getMessage());
        assertTrue(size.found().contains("ISIZE is 29 bytes, the data is 28"), size.getMessage());
    }

    /**
     * Damaged compressed data decompresses to wrong bytes without an error until the checksum: a
     * magic number it garbles is reported as the damage it is (it was "found 0x00000804", which
     * sent the user looking for a file of another format), and an intact file of another format
     * still as its magic number.
     */
    @Test
    void gzipDamagedInItsHeaderIsReportedAsDamagedNotAsAnotherFormat() throws IOException {
        byte[] plain = IdxBytes.images(2, 2, 3, PIXELS);
        // Stored (level 0) deflate blocks hold the bytes as they are, so one flipped byte of the
        // magic number decompresses without an error to magic 0x00000804; only the CRC-32 tells.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes) {
            {
                def.setLevel(Deflater.NO_COMPRESSION);
            }
        }) {
            out.write(plain);
        }
        byte[] gz = bytes.toByteArray();
        int at = indexOf(gz, Arrays.copyOf(plain, 16));
        assertTrue(at > 0, "the stored block holds the IDX header verbatim");
        gz[at + 3] ^= 0x07;   // 0x03 -> 0x04: four dimensions
        Path im = IdxBytes.write(dir, "im", gz);
        Path lb = IdxBytes.write(dir, "lb", IdxBytes.labels((byte) 1, (byte) 2));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(im, lb, "t", 10));
        assertEquals(im.toAbsolutePath().toString(), e.source(), e.getMessage());
        assertEquals("gzip data", e.location(), e.getMessage());
        assertTrue(e.found().startsWith("damaged compressed data") && e.found().contains("0x00000804"),
                e.getMessage());
        // The same bytes compressed intact: the magic number is the file's own, and named as such.
        byte[] other = plain.clone();
        other[3] = 0x04;
        Path intact = IdxBytes.write(dir, "intact", IdxBytes.gzip(other));
        DataFileException m = assertThrows(DataFileException.class, () -> IdxReader.read(intact, lb, "t", 10));
        assertEquals("magic number", m.location(), m.getMessage());
        assertTrue(m.found().startsWith("0x00000804"), m.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] full = IdxBytes.images(2, 2, 3, PIXELS);
        Path im = IdxBytes.write(dir, "im", Arrays.copyOf(full, full.length + 3));
        Path lb = IdxBytes.write(dir, "lb", IdxBytes.labels((byte) 1, (byte) 2));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(im, lb, "t", 10));
        assertTrue(e.found().contains("3 extra"), e.getMessage());
    }

    /** Junk after a gzip stream was read as no next member and dropped without a word. */
    @Test
    void bytesAfterTheGzipStreamAreRejected() {
        byte[] gz = IdxBytes.gzip(IdxBytes.images(2, 2, 3, PIXELS));
        byte[] junk = Arrays.copyOf(gz, gz.length + 12);
        Arrays.fill(junk, gz.length, junk.length, (byte) 0x55);
        byte[] magicJunk = junk.clone();
        magicJunk[gz.length] = 0x1f;   // a gzip magic, then no valid header
        magicJunk[gz.length + 1] = (byte) 0x8b;
        Path lb = IdxBytes.write(dir, "lb", IdxBytes.labels((byte) 1, (byte) 2));
        for (byte[] file : new byte[][] {junk, magicJunk}) {
            Path im = IdxBytes.write(dir, "im.gz", file);
            DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(im, lb, "t", 10));
            assertEquals(im.toAbsolutePath().toString(), e.source());
            assertTrue(e.found().startsWith("trailing data after the gzip stream"), e.getMessage());
        }
        // Two members one after the other are one gzip file (RFC 1952): read, as before.
        byte[] labels = IdxBytes.labels((byte) 1, (byte) 2);
        byte[] first = IdxBytes.gzip(Arrays.copyOf(labels, 5));
        byte[] second = IdxBytes.gzip(Arrays.copyOfRange(labels, 5, labels.length));
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        Path im = IdxBytes.write(dir, "im.gz", IdxBytes.gzip(IdxBytes.images(2, 2, 3, PIXELS)));
        Path members = IdxBytes.write(dir, "lb2.gz", both);
        assertEquals(2, IdxReader.read(im, members, "t", 10).size());
    }

    /**
     * Junk after a gzip stream whose trailer ends where the reader's 64 KiB buffer does was read by the JDK's
     * stream as a next member's header, which it gave up on without a word, the junk consumed: 2 bytes of
     * junk, or 9 that begin as a header, passed. Files whose member ends from 8 bytes before to 8 after that
     * edge (the header's 10 bytes are read before the first 64 KiB: 65,546 is on it), each read whole without
     * junk; with it, refused as trailing data, or as a truncated header where the junk is a header cut short.
     */
    @Test
    void bytesAfterAGzipStreamThatEndsAtTheBufferEdgeAreRejected() {
        Path lb = IdxBytes.write(dir, "lb", IdxBytes.labels((byte) 1));
        byte[][] junks = {{0x55, 0x55}, {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0}};
        for (int size = 65546 - 8; size <= 65546 + 8; size++) {
            // A member of one stored block: 10 bytes of header, 5 of block header, the data, 8 of trailer.
            byte[] plain = IdxBytes.images(1, 1, size - 23 - 16, new byte[size - 23 - 16]);
            byte[] gz = storedGzip(plain);
            assertEquals(size, gz.length);
            Path whole = IdxBytes.write(dir, "whole.gz", gz);
            assertEquals(1, IdxReader.read(whole, lb, "t", 10).size(), "size " + size);
            for (byte[] junk : junks) {
                byte[] file = Arrays.copyOf(gz, gz.length + junk.length);
                System.arraycopy(junk, 0, file, gz.length, junk.length);
                Path im = IdxBytes.write(dir, "im.gz", file);
                DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(im, lb, "t", 10),
                        "size " + size + ", " + junk.length + " bytes of junk");
                String found = junk.length == 2 ? "trailing data after the gzip stream (2 bytes or more)"
                        : "a truncated header (the file ends inside it)";
                assertEquals(found, e.found(), e.getMessage());
            }
        }
    }

    /**
     * A gzip file cut inside a stored block says how many bytes of data it gave: 300 of the 1000 declared when
     * cut after the member's 10-byte header, the block's 5-byte header, the IDX header's 16 and 300 data bytes.
     */
    @Test
    void aGzipFileCutShortCountsTheDataItGave() {
        byte[] gz = storedGzip(IdxBytes.images(1, 1, 1000, new byte[1000]));
        Path im = IdxBytes.write(dir, "im.gz", Arrays.copyOf(gz, 10 + 5 + 16 + 300));
        Path lb = IdxBytes.write(dir, "lb", IdxBytes.labels((byte) 1));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(im, lb, "t", 10));
        assertEquals(im.toAbsolutePath() + ": data: expected 1000 bytes after the 16-byte header (1 images of 1 x"
                + " 1000), found 300 bytes (file is truncated)", e.getMessage());
    }

    /** A gzip member of one stored (uncompressed) deflate block, byte by byte after RFC 1951 and 1952. */
    private static byte[] storedGzip(byte[] plain) {
        ByteBuffer b = ByteBuffer.allocate(10 + 5 + plain.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
        b.put((byte) 1).putShort((short) plain.length).putShort((short) ~plain.length).put(plain);
        CRC32 crc = new CRC32();
        crc.update(plain);
        return b.putInt((int) crc.getValue()).putInt(plain.length).array();
    }

    /**
     * The reader takes the data in a first chunk of 16 MiB, then grows its buffer (Fashion-MNIST's training images
     * are 47 MB): 2^24 + 3 labels come back byte for byte, and one byte fewer is a file truncated after 2^24 + 2.
     */
    @Test
    void dataPastTheFirstSixteenMebibytesIsReadWhole() throws IOException {
        int count = (1 << 24) + 3;
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 251);   // a prime period, so no chunk of a power-of-two size repeats another
        }
        byte[] file = IdxBytes.idx(0x00000801, new int[] {count}, labels);
        assertArrayEquals(labels, IdxReader.readLabels("lb", new ByteArrayInputStream(file)));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readLabels("lb",
                new ByteArrayInputStream(Arrays.copyOf(file, file.length - 1))));
        assertEquals("lb: data: expected 16777219 bytes after the 8-byte header (16777219 labels), found 16777218"
                + " bytes (file is truncated)", e.getMessage());
    }

    /** A count past 2^31 - 1 was said to be expected "> 0", which 4294967280 is. */
    @Test
    void aCountPastTwoToTheThirtyFirstIsCalledSo() {
        Path im = IdxBytes.write(dir, "im", IdxBytes.idx(0x00000803, new int[] {0xFFFFFFF0, 2, 3}, PIXELS));
        Path lb = IdxBytes.write(dir, "lb", IdxBytes.labels((byte) 1, (byte) 2));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(im, lb, "t", 10));
        assertTrue(e.getMessage().contains("size of dimension 0: expected a count below 2^31, found 4294967280"
                + " (0xFFFFFFF0)"), e.getMessage());
    }

    @Test
    void swappedFilesAreReportedWithHint() {
        Path im = IdxBytes.write(dir, "im", IdxBytes.images(2, 2, 3, PIXELS));
        Path lb = IdxBytes.write(dir, "lb", IdxBytes.labels((byte) 1, (byte) 2));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(lb, im, "t", 10));
        assertEquals(lb.toAbsolutePath().toString(), e.source());
        assertTrue(e.expected().contains("0x00000803"), e.getMessage());
        assertTrue(e.found().contains("0x00000801"), e.getMessage());
        assertTrue(e.hint().contains("swapped"), e.getMessage());
    }

    @Test
    void wrongDataTypeAndDimensionCountAreRejected() {
        Path floats = IdxBytes.write(dir, "f", IdxBytes.idx(0x00000D03, new int[] {1, 1, 1}, new byte[4]));
        Path twoDims = IdxBytes.write(dir, "d", IdxBytes.idx(0x00000802, new int[] {1, 1}, new byte[1]));
        Path notIdx = IdxBytes.write(dir, "n",
                "hello world, not idx".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Path lb = IdxBytes.write(dir, "lb", IdxBytes.labels((byte) 1));
        DataFileException e1 = assertThrows(DataFileException.class, () -> IdxReader.read(floats, lb, "t", 10));
        assertTrue(e1.found().contains("data type 0x0D"), e1.getMessage());
        DataFileException e2 = assertThrows(DataFileException.class, () -> IdxReader.read(twoDims, lb, "t", 10));
        assertTrue(e2.found().contains("2 dimensions"), e2.getMessage());
        DataFileException e3 = assertThrows(DataFileException.class, () -> IdxReader.read(notIdx, lb, "t", 10));
        assertTrue(e3.found().contains("not an IDX file"), e3.getMessage());
    }

    @Test
    void emptyAndZeroSizedFilesAreRejected() {
        Path empty = IdxBytes.write(dir, "e", new byte[0]);
        Path zero = IdxBytes.write(dir, "z", IdxBytes.images(0, 28, 28, new byte[0]));
        Path lb = IdxBytes.write(dir, "lb", IdxBytes.labels((byte) 1));
        DataFileException e1 = assertThrows(DataFileException.class, () -> IdxReader.read(empty, lb, "t", 10));
        assertTrue(e1.found().startsWith("0 bytes"), e1.getMessage());
        DataFileException e2 = assertThrows(DataFileException.class, () -> IdxReader.read(zero, lb, "t", 10));
        assertEquals("size of dimension 0", e2.location(), e2.getMessage());
    }

    @Test
    void labelOutOfRangeNamesItemAndValue() {
        Path im = IdxBytes.write(dir, "im", IdxBytes.images(2, 2, 3, PIXELS));
        Path lb = IdxBytes.write(dir, "lb", IdxBytes.labels((byte) 1, (byte) 200));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(im, lb, "t", 10));
        assertEquals("label of item 1", e.location());
        assertEquals("200", e.found());
        assertTrue(e.expected().contains("[0, 10)"));
    }

    @Test
    void imageAndLabelCountsMustMatch() {
        Path im = IdxBytes.write(dir, "im", IdxBytes.images(2, 2, 3, PIXELS));
        Path lb = IdxBytes.write(dir, "lb", IdxBytes.labels((byte) 1, (byte) 2, (byte) 3));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(im, lb, "t", 10));
        assertEquals("2 images and 3 labels", e.found());
    }

    @Test
    void missingFileIsNamed() {
        Path lb = IdxBytes.write(dir, "lb", IdxBytes.labels((byte) 1));
        Path missing = dir.resolve("nope");
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(missing, lb, "t", 10));
        assertEquals(missing.toAbsolutePath().toString(), e.source());
    }
}
