package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IDX data of other classes and image sizes than Fashion-MNIST's, written by hand. {@code engram
 * bench train} and {@code bench stdp} take {@code --data}, "any MNIST-format folder", and its count
 * of classes as {@code --classes}, checked as {@code engram run} checks {@code data.classes}; test
 * images of as many pixels as the training images in other rows and
 * columns were read, scrambled, without a word, as {@code engram run} refuses them.
 */
class OtherIdxDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Classes of the data written: EMNIST letters' 26, past Fashion-MNIST's 10. */
    private static final int CLASSES = 26;

    /** An IDX image file of {@code count} images, image i of class i % 26 lit at pixel i % 26, written by hand. */
    private static byte[] images(int count, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
        b.putInt(0x00000803).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < rows * cols; p++) {
                b.put((byte) (p == i % CLASSES ? 255 : 0));
            }
        }
        return b.array();
    }

    private static byte[] labels(int count) {
        ByteBuffer b = ByteBuffer.allocate(8 + count);
        b.putInt(0x00000801).putInt(count);
        for (int i = 0; i < count; i++) {
            b.put((byte) (i % CLASSES));
        }
        return b.array();
    }

    /** A folder of 4 x 7 training images and test images of {@code testRows x testCols}. */
    private static Path data(Path dir, int testRows, int testCols) throws IOException {
        Path d = Files.createDirectories(dir.resolve("letters"));
        Files.write(d.resolve("train-images-idx3-ubyte"), images(104, 4, 7));
        Files.write(d.resolve("train-labels-idx1-ubyte"), labels(104));
        Files.write(d.resolve("t10k-images-idx3-ubyte"), images(52, testRows, testCols));
        Files.write(d.resolve("t10k-labels-idx1-ubyte"), labels(52));
        return d;
    }

    private static JsonNode lastJson(CliRunner.Result r) throws IOException {
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    @Test
    void trainBenchSizesItsNetworkByTheDataOfTwentySixClasses(@TempDir Path dir) throws IOException {
        Path d = data(dir, 4, 7);
        JsonNode j = lastJson(CliRunner.run("bench", "train", "--data", d.toString(), "--classes", "26", "--hidden",
                "8", "--steps", "4", "--batch", "16", "--json"));
        assertEquals(4 * 7, j.get("inputs").asInt(), j.toString());
        assertEquals(CLASSES, j.get("classes").asInt(), j.toString());
        assertEquals("--data: " + d, j.get("data").asText(), "the folder named as the option that gave it");
    }

    /**
     * The readout has {@code --classes} units, not one per class that the limited sets hold: the
     * first 10 training samples are of classes 0..9 and the 25 test samples of 0..24, so counting
     * the labels gave 25 (a readout of 28-8-25).
     */
    @Test
    void trainBenchSizesItsReadoutByTheClassesGivenNotByTheLimitedLabels(@TempDir Path dir) throws IOException {
        Path d = data(dir, 4, 7);
        Files.write(d.resolve("t10k-images-idx3-ubyte"), images(CLASSES - 1, 4, 7));
        Files.write(d.resolve("t10k-labels-idx1-ubyte"), labels(CLASSES - 1));
        CliRunner.Result r = CliRunner.run("bench", "train", "--data", d.toString(), "--classes", "26", "--limit",
                "10", "--hidden", "8", "--steps", "4", "--json");
        JsonNode j = lastJson(r);
        assertEquals(CLASSES, j.get("classes").asInt(), j.toString());
        assertTrue(r.out().contains("28-8-26 LIF"), r.out());
    }

    @Test
    void stdpBenchReadsDataOfTwentySixClasses(@TempDir Path dir) throws IOException {
        Path d = data(dir, 4, 7);
        JsonNode j = lastJson(CliRunner.run("bench", "stdp", "--data", d.toString(), "--classes", "26", "--neurons",
                "4", "--train", "8", "--label", "8", "--test", "8", "--json"));
        assertEquals(8, j.get("test_samples").asInt(), j.toString());
        assertEquals("--data: " + d, j.get("data").asText(), "the folder named as the option that gave it");
    }

    /**
     * Counts past the data's are noted on standard error by their options, with the count used, as are threads
     * beyond the processors; the text report gives the JSON's accuracy in percent and its times in ms.
     */
    @Test
    void countsPastTheDataAndThreadsPastTheProcessorsAreNoted(@TempDir Path dir) throws IOException {
        Path d = data(dir, 4, 7);
        String threads = String.valueOf(Runtime.getRuntime().availableProcessors() + 1);
        CliRunner.Result stdp = CliRunner.run("bench", "stdp", "--data", d.toString(), "--classes", "26", "--neurons",
                "4", "--train", "105", "--label", "106", "--test", "53", "--threads", threads, "--json");
        JsonNode s = lastJson(stdp);
        assertEquals(List.of(104, 104, 52), List.of(s.get("train_samples").asInt(), s.get("label_samples").asInt(),
                s.get("test_samples").asInt()), s.toString());
        assertTrue(stdp.err().startsWith("engram bench stdp: note: --threads " + threads + " on ")
                && stdp.err().contains(fewer("stdp", "--train 105", "training images", 104))
                && stdp.err().contains(fewer("stdp", "--label 106", "training images", 104))
                && stdp.err().contains(fewer("stdp", "--test 53", "test images", 52)), stdp.err());
        assertTrue(stdp.out().contains(String.format(Locale.ROOT, "(%.1f ms per image); labelled on 104%n",
                1000 * s.get("seconds_per_sample").asDouble())) && stdp.out().contains(String.format(Locale.ROOT,
                "test accuracy %.2f%% on 52 images (%.1f ms per image)%n", 100 * s.get("test_accuracy").asDouble(),
                1000 * s.get("eval_seconds_per_sample").asDouble())), stdp.out());
        CliRunner.Result train = CliRunner.run("bench", "train", "--data", d.toString(), "--classes", "26", "--hidden",
                "8", "--steps", "4", "--limit", "105", "--threads", threads, "--json");
        JsonNode t = lastJson(train);
        assertEquals(104, t.get("train_samples").asInt(), t.toString());
        assertTrue(train.err().startsWith("engram bench train: note: --threads " + threads + " on ")
                && train.err().contains(fewer("train", "--limit 105", "training images", 104)), train.err());
        assertTrue(train.out().contains(String.format(Locale.ROOT, "test accuracy %.2f%% on 52 samples",
                100 * t.get("test_accuracy").asDouble())), train.out());
    }

    private static String fewer(String bench, String asked, String what, int used) {
        return "engram bench " + bench + ": note: " + asked + " asks for more " + what + " than the data has: its "
                + used + " are used\n";
    }

    @Test
    void testImagesOfAnotherShapeAreRefusedNamingTheFileAndBothSizes(@TempDir Path dir) throws IOException {
        Path d = data(dir, 7, 4);   // 28 pixels each, as the training images' 4 x 7
        for (CliRunner.Result r : bothBenchmarks(d, "--classes", "26")) {
            assertEquals(2, r.exitCode(), r.err());
            assertBothSizesNamed(d, r);
        }
    }

    @Test
    void runRefusesTestImagesOfAnotherShapeBeforeItsFolder(@TempDir Path dir) throws IOException {
        Path d = data(dir, 7, 4);
        Path out = dir.resolve("results");
        CliRunner.Result r = runSplit(dir, d, out);
        assertEquals(2, r.exitCode(), r.err());
        assertBothSizesNamed(d, r);
        assertFalse(Files.exists(out), "no run folder");
    }

    @Test
    void aTestLabelPastTheTrainingClassesIsCalledAClassNoTrainingSampleIsOf(@TempDir Path dir) throws IOException {
        Path d = data(dir, 4, 7);
        byte[] test = labels(52);
        test[8 + 3] = (byte) CLASSES;   // after the 8-byte header: item 3 of class 26, which no training label is
        Files.write(d.resolve("t10k-labels-idx1-ubyte"), test);
        Path out = dir.resolve("results");
        CliRunner.Result r = runSplit(dir, d, out);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(d.resolve("t10k-labels-idx1-ubyte").toString()), r.err());
        assertTrue(r.err().contains("labels: expected classes the training samples have, found class 26 (item 3),"
                + " which no training sample"), r.err());
        // The advice to raise data.classes to 27 would end in that same refusal.
        assertFalse(r.err().contains("classes: 27"), r.err());
        assertFalse(Files.exists(out), "no run folder");
    }

    /** Neither file is to blame alone: the message said the test file's size was wrong. */
    private static void assertBothSizesNamed(Path d, CliRunner.Result r) {
        assertTrue(r.err().contains(d.resolve("train-images-idx3-ubyte").toString())
                && r.err().contains(d.resolve("t10k-images-idx3-ubyte").toString()), r.err());
        assertTrue(r.err().contains("image sizes: expected training and test images of one size, found sizes that"
                + " differ: training images of 4 x 7 pixels, test images of 7 x 4"), r.err());
    }

    /**
     * Labels past the classes given (Fashion-MNIST's 10 by default) were read, and the readout grew
     * a unit per label value (13 units for one training label byte of 12): both benchmarks now refuse
     * them as engram run does, naming the file, the item, the range and the value.
     */
    @Test
    void benchmarksRefuseTrainingLabelsPastTheirClasses(@TempDir Path dir) throws IOException {
        Path d = data(dir, 4, 7);
        for (CliRunner.Result r : bothBenchmarks(d)) {
            assertEquals(2, r.exitCode(), r.err());
            // Labels cycle 0..25: item 10 is the first of a class past 0..9.
            assertTrue(r.err().contains(d.resolve("train-labels-idx1-ubyte") + ": label of item 10: expected a class"
                    + " in [0, 10), found 10"), r.err());
            assertTrue(r.err().contains("--classes 26"), r.err());
            assertFalse(r.out().contains("accuracy"), r.out());
        }
    }

    @Test
    void benchmarksRefuseATestLabelNoTrainingSampleIsOf(@TempDir Path dir) throws IOException {
        Path d = data(dir, 4, 7);
        byte[] test = labels(52);
        test[8 + 3] = (byte) 200;   // after the 8-byte header: item 3 of class 200
        Files.write(d.resolve("t10k-labels-idx1-ubyte"), test);
        for (CliRunner.Result r : bothBenchmarks(d, "--classes", "26")) {
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains(d.resolve("t10k-labels-idx1-ubyte") + ": labels: expected classes the"
                    + " training samples have, found class 200 (item 3), which no training sample"), r.err());
            // The folder is named by the option that gave it, not by a run config's data.path.
            assertTrue(r.err().contains("of IDX data from " + d + " (--data) is of"), r.err());
            assertFalse(r.err().contains("data.path"), r.err());
        }
    }

    /** Class 25 only in the test set: its samples were scored against a readout unit no sample taught. */
    @Test
    void benchmarksRefuseATestClassWithinTheirClassesThatNoTrainingSampleIsOf(@TempDir Path dir) throws IOException {
        Path d = data(dir, 4, 7);
        byte[] train = labels(104);
        for (int i = 8; i < train.length; i++) {
            train[i] = (byte) Math.min(train[i], CLASSES - 2);
        }
        Files.write(d.resolve("train-labels-idx1-ubyte"), train);
        for (CliRunner.Result r : bothBenchmarks(d, "--classes", "26")) {
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("labels: expected classes the training samples have, found class 25"
                    + " (2 items, the first item 25), which no training sample"), r.err());
        }
    }

    @Test
    void benchmarksRefuseMoreClassesThanTheDataHas(@TempDir Path dir) throws IOException {
        Path d = data(dir, 4, 7);
        for (CliRunner.Result r : bothBenchmarks(d, "--classes", "27")) {
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("--classes: expected the number of classes of the data, whose largest"
                    + " training label is 25 (IDX data from " + d + " (--data))"), r.err());
            assertTrue(r.err().contains("found 27"), r.err());
            assertTrue(r.err().contains("give --classes 26"), r.err());
        }
    }

    /** Runs bench train and bench stdp, small, on the data in {@code data} with {@code more} options. */
    private static CliRunner.Result[] bothBenchmarks(Path data, String... more) {
        List<String> train = new ArrayList<>(List.of("bench", "train", "--data", data.toString(), "--hidden", "8",
                "--steps", "4"));
        List<String> stdp = new ArrayList<>(List.of("bench", "stdp", "--data", data.toString(), "--neurons", "4",
                "--train", "8", "--label", "8", "--test", "8"));
        train.addAll(List.of(more));
        stdp.addAll(List.of(more));
        return new CliRunner.Result[] {CliRunner.run(train.toArray(String[]::new)),
            CliRunner.run(stdp.toArray(String[]::new))};
    }

    /** Runs two split tasks of naive training on the data in {@code data}, into {@code out}. */
    private static CliRunner.Result runSplit(Path dir, Path data, Path out) throws IOException {
        Path config = dir.resolve("letters.yaml");
        Files.writeString(config, String.join("\n",
                "name: letters",
                "data: {path: " + data + ", classes: " + CLASSES + "}",
                "tasks: {sequence: split, count: 2, classes_per_task: 2}",
                "network: {hidden: [8]}",
                "strategies: [{name: naive}]",
                ""));
        return CliRunner.run("run", config.toString(), "--out", out.toString());
    }
}
