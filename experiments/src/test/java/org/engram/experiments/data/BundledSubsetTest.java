package org.engram.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledSubsetTest {
    private static final LocatedData BUNDLED = new DataLocator(null, Path.of("/nonexistent")).locate(null, "data.path");

    @Test
    void bundledSubsetIsClassBalanced() {
        Dataset train = BUNDLED.train(FashionMnist.CLASSES);
        Dataset test = BUNDLED.test(FashionMnist.CLASSES);
        int[] trainCounts = new int[10];
        Arrays.fill(trainCounts, 300);
        int[] testCounts = new int[10];
        Arrays.fill(testCounts, 100);
        assertArrayEquals(trainCounts, train.classCounts());
        assertArrayEquals(testCounts, test.classCounts());
        assertEquals(28, train.rows());
        assertEquals(28, train.cols());
    }

    @Test
    void subsetWriterKeepsTheFirstSamplesOfEachClassInOrder() throws Exception {
        // labels 0..9 cycled over 40 samples: the first 2 of each class are samples 0..19.
        Path src = Files.createDirectories(dir.resolve("src"));
        IdxBytes.tinyDataset(src, 40, "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte", false);
        Path out = dir.resolve("out");
        SubsetWriter.write(new DataLocator(null, null).locate(src, "data.path"), out, 2, 3);
        LocatedData subset = new DataLocator(null, null).locate(out, "data.path");
        Dataset full = subset.train(FashionMnist.CLASSES);
        assertEquals(20, full.size());
        Dataset original = new DataLocator(null, null).locate(src, "data.path").train(FashionMnist.CLASSES);
        for (int i = 0; i < 20; i++) {
            assertEquals(original.label(i), full.label(i));
            assertArrayEquals(original.features(i), full.features(i));
        }
        assertEquals(30, subset.test(FashionMnist.CLASSES).size());
    }

    @TempDir
    Path dir;

    @Test
    void bundledSubsetEqualsFirstSamplesOfInstalledDataset() {
        Assumptions.assumeTrue(Files.isDirectory(DataLocator.SYSTEM_FOLDER), "Fashion-MNIST not installed");
        Dataset full = new DataLocator(null, DataLocator.SYSTEM_FOLDER).locate(null, "data.path")
                .test(FashionMnist.CLASSES);
        Dataset sub = BUNDLED.test(FashionMnist.CLASSES);
        int[] taken = new int[10];
        int k = 0;
        for (int i = 0; i < full.size() && k < sub.size(); i++) {
            int c = full.label(i);
            if (taken[c] < 100) {
                taken[c]++;
                assertEquals(c, sub.label(k));
                assertArrayEquals(full.features(i), sub.features(k));
                k++;
            }
        }
        assertEquals(1000, k);
    }
}
