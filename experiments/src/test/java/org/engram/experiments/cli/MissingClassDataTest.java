package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data without a class a split task needs (here the bundled subset with every test sample of
 * class 5 relabelled 0) stops the run before anything is written; it ran, scoring the task 0%.
 */
class MissingClassDataTest {
    private static final String SUBSET = "/org/engram/experiments/data/fashion-mnist-subset/";

    /** A file of the bundled subset, unpacked. */
    private static byte[] unpacked(String name) throws IOException {
        try (InputStream in = new GZIPInputStream(MissingClassDataTest.class.getResourceAsStream(SUBSET + name
                + ".gz"))) {
            return in.readAllBytes();
        }
    }

    @Test
    void aTaskClassMissingFromTheTestDataStopsTheRunBeforeItsFolder(@TempDir Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        for (String name : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                "t10k-images-idx3-ubyte"}) {
            Files.write(data.resolve(name), unpacked(name));
        }
        byte[] labels = unpacked("t10k-labels-idx1-ubyte");
        for (int i = 8; i < labels.length; i++) {   // after the 8-byte header
            labels[i] = labels[i] == 5 ? 0 : labels[i];
        }
        Files.write(data.resolve("t10k-labels-idx1-ubyte"), labels);
        Path config = dir.resolve("split.yaml");
        Files.writeString(config, String.join("\n",
                "name: split",
                "data: {path: " + data + "}",
                "tasks: {sequence: split, count: 3, classes_per_task: 2, train_per_task: 20, test_per_task: 10}",
                "network: {hidden: [8]}",
                "strategies: [{name: naive}]",
                ""));
        Path out = dir.resolve("results");
        CliRunner.Result r = CliRunner.run("run", config.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("t10k-labels-idx1-ubyte: labels: expected samples of every class of task 3 "
                + "(classes 4,5) among the test samples, found none of class 5"), r.err());
        assertFalse(Files.exists(out), "no run folder");
    }
}
