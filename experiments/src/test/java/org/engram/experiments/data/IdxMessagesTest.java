package org.engram.experiments.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user reads of an IDX file that breaks the format, word for word, each file built by hand
 * ({@link IdxBytes}) and each count in the message worked out from those bytes.
 */
class IdxMessagesTest {
    @TempDir
    Path dir;

    /** Two valid 2 x 3 images, read before the label file of each case. */
    private static final byte[] TWO_IMAGES = IdxBytes.images(2, 2, 3, new byte[12]);

    private DataFileException refused(byte[] images, byte[] labels, int classes) {
        Path im = IdxBytes.write(dir, "im", images);
        Path lb = IdxBytes.write(dir, "lb", labels);
        return assertThrows(DataFileException.class, () -> IdxReader.read(im, lb, "t", classes));
    }

    private String file(String name) {
        return dir.resolve(name).toAbsolutePath().toString();
    }

    /** Labels 1, 200, 230 with ten classes: item 1 is the first past them, 230 the largest label. */
    @Test
    void aLabelPastTheClassesSaysHowManyClassesTheLabelsReach() {
        DataFileException e = refused(IdxBytes.images(3, 1, 1, new byte[3]),
                IdxBytes.labels((byte) 1, (byte) 200, (byte) 230), 10);
        assertEquals(file("lb") + ": label of item 1: expected a class in [0, 10), found 200; the labels reach 230:"
                + " data of 231 classes says so, with data: {classes: 231} in a config or --classes 231 to engram"
                + " bench", e.getMessage());
    }

    /** Labels are unsigned bytes: 256 classes hold the label 255, one class the label 0; no other count is taken. */
    @Test
    void everyCountOfClassesAByteCanLabelIsTaken() {
        Path im = IdxBytes.write(dir, "im", IdxBytes.images(1, 1, 1, new byte[1]));
        Path lb = IdxBytes.write(dir, "lb", IdxBytes.labels((byte) 255));
        assertEquals(255, IdxReader.read(im, lb, "t", 256).label(0));
        Path zero = IdxBytes.write(dir, "zero", IdxBytes.labels((byte) 0));
        assertEquals(1, IdxReader.read(im, zero, "t", 1).classes());
        for (int classes : new int[] {0, 257}) {
            ParameterException e = assertThrows(ParameterException.class, () -> IdxReader.read(im, lb, "t", classes));
            assertEquals("classes", e.location());
            assertEquals(Integer.toString(classes), e.found());
        }
    }

    /** A label file's header is 8 bytes: its 4-byte magic alone is a header cut short, 3 bytes not even a magic. */
    @Test
    void aHeaderCutShortSaysHowManyBytesItHas() {
        DataFileException magicOnly = refused(TWO_IMAGES, new byte[] {0, 0, 8, 1}, 10);
        assertEquals(file("lb") + ": header: expected an IDX header of 8 bytes (the magic number and 1 dimension"
                + " size), found 4 bytes (file is truncated)", magicOnly.getMessage());
        DataFileException three = refused(TWO_IMAGES, new byte[] {0, 0, 8}, 10);
        assertEquals(file("lb") + ": header: expected an IDX header of 8 bytes, found 3 bytes (file is truncated or"
                + " empty)", three.getMessage());
        DataFileException images = refused(Arrays.copyOf(TWO_IMAGES, 10), IdxBytes.labels((byte) 1, (byte) 2), 10);
        assertEquals(file("im") + ": header: expected an IDX header of 16 bytes (the magic number and 3 dimension"
                + " sizes), found 10 bytes (file is truncated)", images.getMessage());
    }

    /**
     * Labels numbered from 1, as some tools write them: ten classes labelled 1..10 hold the label 10, one past
     * [0, 10); item 9 is the first to hold it.
     */
    @Test
    void aLabelEqualToTheCountOfClassesIsPastThem() {
        byte[] oneBased = new byte[10];
        for (int i = 0; i < 10; i++) {
            oneBased[i] = (byte) (i + 1);
        }
        DataFileException e = refused(IdxBytes.images(10, 1, 1, new byte[10]), IdxBytes.labels(oneBased), 10);
        assertEquals(file("lb") + ": label of item 9: expected a class in [0, 10), found 10; the labels reach 10:"
                + " data of 11 classes says so, with data: {classes: 11} in a config or --classes 11 to engram"
                + " bench", e.getMessage());
    }

    /**
     * A gzip file whose first deflate block is damaged fails before a byte of the IDX header comes out; it is said
     * once: it was said twice, as the damage and again as "its header was" that damage.
     */
    @Test
    void aGzipFileDamagedBeforeItsHeaderSaysSoOnce() {
        byte[] gz = IdxBytes.gzip(TWO_IMAGES);
        gz[10] = (byte) 0xff;   // after the 10-byte member header: BFINAL 1, BTYPE 11, reserved (RFC 1951, 3.2.3)
        DataFileException e = refused(gz, IdxBytes.labels((byte) 1, (byte) 2), 10);
        assertEquals(file("im") + ": header: expected a valid gzip stream, found damaged compressed data after 0"
                + " bytes of header (invalid block type)", e.getMessage());
    }

    /** Files given in each other's place are named so, whichever of the two is read first. */
    @Test
    void swappedFilesAreSaidToBeSoEitherWay() {
        byte[] labels = IdxBytes.labels((byte) 1, (byte) 2);
        DataFileException labelsAsImages = refused(labels, labels, 10);
        assertEquals(file("im") + ": magic number: expected magic number 0x00000803 (images: unsigned bytes,"
                + " 3 dimensions), found 0x00000801 (unsigned bytes, 1 dimension); this is a label file; are the two"
                + " files swapped?", labelsAsImages.getMessage());
        DataFileException imagesAsLabels = refused(TWO_IMAGES, TWO_IMAGES, 10);
        assertEquals(file("lb") + ": magic number: expected magic number 0x00000801 (labels: unsigned bytes,"
                + " 1 dimension), found 0x00000803 (unsigned bytes, 3 dimensions); this is an image file; are the"
                + " two files swapped?", imagesAsLabels.getMessage());
    }

    @Test
    void aSizeOfZeroIsCalledSo() {
        byte[] labels = IdxBytes.labels((byte) 1);
        DataFileException noImages = refused(IdxBytes.images(0, 2, 3, new byte[0]), labels, 10);
        assertEquals(file("im") + ": size of dimension 0: expected a size > 0, found 0", noImages.getMessage());
        DataFileException noColumns = refused(IdxBytes.images(1, 2, 0, new byte[0]), labels, 10);
        assertEquals(file("im") + ": size of dimension 2: expected a size > 0, found 0", noColumns.getMessage());
    }

    /**
     * A Java array holds at most 2^31 - 9 bytes here: a label file that declares that many and holds two is
     * truncated; one that declares a byte more is refused for its size before anything is read.
     */
    @Test
    void theLargestDeclaredSizeIsReadAndOneMoreRefused() {
        int largest = Integer.MAX_VALUE - 8;
        DataFileException most = refused(TWO_IMAGES, IdxBytes.idx(0x801, new int[] {largest}, new byte[2]), 10);
        assertEquals(file("lb") + ": data: expected 2147483639 bytes after the 8-byte header (2147483639 labels),"
                + " found 2 bytes (file is truncated)", most.getMessage());
        DataFileException past = refused(TWO_IMAGES, IdxBytes.idx(0x801, new int[] {largest + 1}, new byte[2]), 10);
        assertEquals(file("lb") + ": declared size: expected at most 2147483639 bytes of data, found 2147483640"
                + " bytes (2147483640 labels)", past.getMessage());
    }

    /** 2 images of 2 x 3 are 12 bytes after a 16-byte header; 3 more make 15. */
    @Test
    void bytesPastTheDataAreCountedWithTheData() {
        byte[] longer = Arrays.copyOf(TWO_IMAGES, TWO_IMAGES.length + 3);
        DataFileException e = refused(longer, IdxBytes.labels((byte) 1, (byte) 2), 10);
        assertEquals(file("im") + ": data: expected exactly 12 bytes after the 16-byte header (2 images of 2 x 3),"
                + " found 15 bytes (3 extra)", e.getMessage());
    }

    /** A folder given as a file opens on Linux and fails at its first read: named as unreadable, with why. */
    @Test
    void aFileThatCannotBeReadIsNamed() throws IOException {
        Path im = IdxBytes.write(dir, "im", TWO_IMAGES);
        Path folder = Files.createDirectory(dir.resolve("labels"));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(im, folder, "t", 10));
        assertEquals(file("labels"), e.source());
        assertEquals("file", e.location());
        assertEquals("a readable file", e.expected());
        assertInstanceOf(IOException.class, e.getCause());
    }
}
