package org.engram.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which samples the subset keeps, worked out by hand on short label lists. */
class SubsetWriterTest {
    @TempDir
    Path dir;

    /**
     * Two of each of classes 0..2 from labels 3, 0, 1, 0, 2, 1, 0, 2, 255, 2: labels 3 and 255 are past the
     * classes and skipped, the third 0 (index 6) is one too many, and the second 2 (index 7) fills the subset.
     */
    @Test
    void keepsTheFirstSamplesOfEachClassAndSkipsLabelsPastTheClasses() {
        byte[] labels = {3, 0, 1, 0, 2, 1, 0, 2, (byte) 255, 2};
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 7}, SubsetWriter.firstPerClass(labels, 3, 2, "f"));
    }

    @Test
    void aClassWithTooFewSamplesIsNamed() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> SubsetWriter.firstPerClass(new byte[] {0, 1, 0}, 3, 1, "f"));
        assertEquals("f: samples of class 2: expected at least 1, found 0", e.getMessage());
        DataFileException one = assertThrows(DataFileException.class,
                () -> SubsetWriter.firstPerClass(new byte[] {0, 1, 1, 0}, 2, 3, "f"));
        assertEquals("f: samples of class 0: expected at least 3, found 2", one.getMessage());
    }

    @Test
    void aSubsetOfNoSamplesPerClassInEitherSplitIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path src = tinySource(20);
        LocatedData source = new DataLocator(null, null).locate(src, "data.path");
        Path out = dir.resolve("out");
        for (int[] counts : new int[][] {{0, 1}, {1, 0}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SubsetWriter.write(source, out, counts[0], counts[1]));
            assertEquals("samples per class must be > 0, found 0", e.getMessage());
            assertFalse(Files.exists(out), "nothing written, not even the folder");
        }
    }

    /** Training files were written before the test split was found short of a class, and left behind. */
    @Test
    void aTestSplitShortOfAClassLeavesNoTrainingFiles() throws IOException {
        Path src = tinySource(20);   // two samples of each class in either split
        Path out = dir.resolve("out");
        LocatedData source = new DataLocator(null, null).locate(src, "data.path");
        DataFileException e = assertThrows(DataFileException.class, () -> SubsetWriter.write(source, out, 2, 3));
        assertEquals(src.resolve("t10k-labels-idx1-ubyte") + ": samples of class 0: expected at least 3, found 2",
                e.getMessage());
        assertFalse(Files.exists(out), "nothing written, not even the folder");
    }

    /** 19 images beside 20 labels: the label of item 19 has no image, which was copied from past the images. */
    @Test
    void imageAndLabelFilesOfDifferentCountsAreRefused() throws IOException {
        Path src = tinySource(20);
        Path images = src.resolve("train-images-idx3-ubyte");
        Files.write(images, IdxBytes.images(19, 2, 2, new byte[19 * 4]));
        LocatedData source = new DataLocator(null, null).locate(src, "data.path");
        Path out = dir.resolve("out");
        DataFileException e = assertThrows(DataFileException.class, () -> SubsetWriter.write(source, out, 2, 2));
        assertEquals(images + " and " + src.resolve("train-labels-idx1-ubyte") + ": item counts: expected as many"
                + " labels as images, found 19 images and 20 labels", e.getMessage());
        assertFalse(Files.exists(out), "nothing written");
    }

    /** The command the class documents: source, target, then training and test samples per class. */
    @Test
    void mainTakesTheFourArgumentsItDocuments() throws IOException {
        Path src = tinySource(40);   // four samples of each class in either split
        Path out = dir.resolve("out");
        IllegalArgumentException usage = assertThrows(IllegalArgumentException.class,
                () -> SubsetWriter.main(new String[] {src.toString(), out.toString(), "2"}));
        assertEquals("usage: SubsetWriter <source-folder> <target-folder> <train-per-class> <test-per-class>",
                usage.getMessage());
        SubsetWriter.main(new String[] {src.toString(), out.toString(), "2", "3"});
        LocatedData subset = new DataLocator(null, null).locate(out, "data.path");
        assertEquals(20, subset.train(FashionMnist.CLASSES).size());
        assertEquals(30, subset.test(FashionMnist.CLASSES).size());
    }

    private Path tinySource(int count) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        IdxBytes.tinyDataset(src, count, "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", false);
        return src;
    }
}
