package org.engram.experiments.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.engram.experiments.config.ConfigLayers;

/** Data files in the IDX format and configs that the tests of a prepared experiment start from. */
final class ExperimentFixtures {
    private ExperimentFixtures() {
    }

    /** Labels sorted by class: four training images per class (0,0,0,0,1,1,1,1,...) and two test images. */
    static void writeSortedData(Path dir) throws IOException {
        writeIdx(dir.resolve("train-images-idx3-ubyte"), 0x803, new int[] {40, 28, 28}, 40 * 784);
        writeLabels(dir.resolve("train-labels-idx1-ubyte"), sortedLabels(4));
        writeIdx(dir.resolve("t10k-images-idx3-ubyte"), 0x803, new int[] {20, 28, 28}, 20 * 784);
        writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), sortedLabels(2));
    }

    /** A label file of these labels. */
    static void writeLabels(Path file, int[] labels) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length).putInt(0x801).putInt(labels.length);
        for (int label : labels) {
            b.put((byte) label);
        }
        Files.write(file, b.array());
    }

    /** Ten classes in order, {@code perClass} samples each: 0, 0, ..., 1, 1, ... */
    private static int[] sortedLabels(int perClass) {
        return IntStream.range(0, 10 * perClass).map(i -> i / perClass).toArray();
    }

    /** {@code classes} classes in turn, {@code rounds} times: 0, 1, ..., 0, 1, ... */
    static int[] labelsInTurn(int classes, int rounds) {
        return IntStream.range(0, classes * rounds).map(i -> i % classes).toArray();
    }

    /** An IDX file of unsigned bytes, all zero after the header. */
    static void writeIdx(Path file, int magic, int[] dims, int dataBytes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + dataBytes).putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        Files.write(file, b.array());
    }

    /** A config of naive training with these data and tasks, read as if from {@code file}. */
    static ConfigLayers.Resolved resolved(String file, String dataAndTasks) {
        return ConfigLayers.resolve(dataAndTasks + "strategies: [{name: naive}]\n", file, List.of(),
                ConfigLayers.Flags.NONE);
    }
}
