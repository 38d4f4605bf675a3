package org.engram.experiments.run;

import static org.engram.experiments.run.ExperimentFixtures.labelsInTurn;
import static org.engram.experiments.run.ExperimentFixtures.resolved;
import static org.engram.experiments.run.ExperimentFixtures.writeIdx;
import static org.engram.experiments.run.ExperimentFixtures.writeLabels;
import static org.engram.experiments.run.ExperimentFixtures.writeSortedData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.ConfigLayers;
import org.engram.experiments.data.DataFileException;
import org.engram.experiments.data.Dataset;
import org.engram.experiments.task.Task;
import org.engram.experiments.task.TaskSequence;
import org.engram.experiments.task.ValidationSplit;
import org.engram.learning.continual.TaskData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labels follow the scenario: class labels in task- and class-incremental, positions in domain-incremental. */
class ExperimentTest {
    private static Experiment experiment(String scenario) {
        String yaml = "data: {bundled: true}\n"
                + "tasks: {sequence: split, scenario: " + scenario + ", groups: [[3, 7], [0, 9]], count: 2,"
                + " train_per_task: 30, test_per_task: 20}\n"
                + "strategies: [{name: naive}]\n";
        return Experiment.prepare(ConfigLayers.resolve(yaml, "t.yaml", List.of(), ConfigLayers.Flags.NONE).config());
    }

    @Test
    void domainIncrementalLabelsArePositionsInTheTask() {
        Experiment e = experiment("domain_incremental");
        TaskSequence sequence = e.sequence(1);
        List<TaskData> tasks = e.tasks(sequence, 1).learning();
        assertEquals(2, e.readoutClasses());
        for (int t = 0; t < 2; t++) {
            Task original = sequence.task(t);
            int[] classes = original.classes();
            assertArrayEquals(new int[] {0, 1}, tasks.get(t).classes());
            assertEquals(30, tasks.get(t).trainY().length);
            for (int i = 0; i < tasks.get(t).trainY().length; i++) {
                // Position of the sample's class within the sorted group, e.g. 9 -> 1 in [0, 9].
                int expected = original.train().label(i) == classes[0] ? 0 : 1;
                assertEquals(expected, tasks.get(t).trainY()[i]);
            }
        }
    }

    @Test
    void taskAndClassIncrementalKeepClassLabels() {
        for (String scenario : List.of("task_incremental", "class_incremental")) {
            Experiment e = experiment(scenario);
            TaskSequence sequence = e.sequence(1);
            List<TaskData> tasks = e.tasks(sequence, 1).learning();
            assertEquals(10, e.readoutClasses());
            assertArrayEquals(new int[] {0, 9}, tasks.get(1).classes());
            for (int i = 0; i < tasks.get(1).testY().length; i++) {
                assertEquals(sequence.task(1).test().label(i), tasks.get(1).testY()[i]);
            }
        }
    }

    /**
     * Permuted and rotated tasks all use the ten classes: in task- and class-incremental learning
     * each task has a head of its own (task t's class c is unit 10 t + c), so the task identity (task)
     * or the permutation (class) matters; domain-incremental learning shares one head of ten.
     */
    @Test
    void taskAndClassIncrementalPermutedAndRotatedTasksHaveOneHeadEach() {
        for (String sequenceKind : List.of("permuted", "rotated")) {
            for (String scenario : List.of("task_incremental", "class_incremental", "domain_incremental")) {
                String yaml = "data: {bundled: true}\n"
                        + "tasks: {sequence: " + sequenceKind + ", scenario: " + scenario + ", count: 3,"
                        + " train_per_task: 30, test_per_task: 20}\n"
                        + "strategies: [{name: naive}]\n";
                Experiment e = Experiment.prepare(ConfigLayers.resolve(yaml, "t.yaml", List.of(),
                        ConfigLayers.Flags.NONE).config());
                boolean heads = !scenario.equals("domain_incremental");
                assertEquals(heads ? 30 : 10, e.readoutClasses(), sequenceKind + " " + scenario);
                TaskSequence sequence = e.sequence(1);
                List<TaskData> tasks = e.tasks(sequence, 1).learning();
                for (int t = 0; t < 3; t++) {
                    int offset = heads ? 10 * t : 0;
                    int[] expected = new int[10];
                    for (int c = 0; c < 10; c++) {
                        expected[c] = offset + c;
                    }
                    assertArrayEquals(expected, tasks.get(t).classes());
                    for (int i = 0; i < tasks.get(t).testY().length; i++) {
                        assertEquals(offset + sequence.task(t).test().label(i), tasks.get(t).testY()[i]);
                    }
                    for (int i = 0; i < tasks.get(t).trainY().length; i++) {
                        assertEquals(offset + sequence.task(t).train().label(i), tasks.get(t).trainY()[i]);
                    }
                }
            }
        }
    }

    /** Test images of another shape than the training images are refused before any run starts. */
    @Test
    void testImagesOfAnotherShapeAreRefused(@TempDir Path dir) throws IOException {
        writeIdx(dir.resolve("train-images-idx3-ubyte"), 0x803, new int[] {2, 28, 28}, 2 * 784);
        writeIdx(dir.resolve("train-labels-idx1-ubyte"), 0x801, new int[] {2}, 2);
        // The same 784 pixels per image, read as 14 x 56: scrambled images if not refused.
        writeIdx(dir.resolve("t10k-images-idx3-ubyte"), 0x803, new int[] {2, 14, 56}, 2 * 784);
        writeIdx(dir.resolve("t10k-labels-idx1-ubyte"), 0x801, new int[] {2}, 2);
        String yaml = "data: {path: '" + dir + "'}\nstrategies: [{name: naive}]\n";
        DataFileException e = assertThrows(DataFileException.class, () -> Experiment.prepare(
                ConfigLayers.resolve(yaml, "t.yaml", List.of(), ConfigLayers.Flags.NONE).config()));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte")
                && e.getMessage().contains("train-images-idx3-ubyte")
                && e.getMessage().contains("training images of 28 x 28 pixels, test images of 14 x 56"),
                e.getMessage());
    }


    /**
     * With tasks.validation, each task trains on its limited samples less each class's rounded share,
     * and its validation view scores those held out, with the same labels and the same training samples
     * (which the Diehl and Cook network labels its neurons with); the two parts are the limited task's
     * samples, each once.
     */
    @Test
    void validationHoldsOutEachClassShareOfTheTrainingSamples() {
        String yaml = "data: {bundled: true}\n"
                + "tasks: {sequence: split, scenario: domain_incremental, groups: [[3, 7], [0, 9]], count: 2,"
                + " train_per_task: 30, test_per_task: 20, validation: 0.2}\n"
                + "strategies: [{name: naive}]\n";
        Experiment e = Experiment.prepare(ConfigLayers.resolve(yaml, "t.yaml", List.of(), ConfigLayers.Flags.NONE)
                .config());
        TaskSequence sequence = e.sequence(1);
        Experiment.UnitTasks tasks = e.tasks(sequence, 1);
        assertEquals(2, tasks.validation().size());
        for (int t = 0; t < 2; t++) {
            Dataset limited = sequence.task(t).train().limit(30);
            int[] counts = limited.classCounts();
            int held = 0;
            for (int c : sequence.task(t).classes()) {
                held += (int) Math.floor(0.2 * counts[c] + 0.5);   // round half up, by hand
            }
            TaskData learning = tasks.learning().get(t);
            TaskData validation = tasks.validation().get(t);
            assertEquals(30 - held, learning.trainX().length);
            assertEquals(held, validation.testX().length);
            assertEquals(20, learning.testX().length);
            assertTrue(validation.trainX() == learning.trainX() && validation.trainY() == learning.trainY());
            assertArrayEquals(learning.classes(), validation.classes());
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < learning.trainX().length; i++) {
                parts.add(Arrays.toString(learning.trainX()[i]) + " " + learning.trainY()[i]);
            }
            for (int i = 0; i < validation.testX().length; i++) {
                parts.add(Arrays.toString(validation.testX()[i]) + " " + validation.testY()[i]);
            }
            List<String> whole = new ArrayList<>();
            int[] group = sequence.task(t).classes();
            for (int i = 0; i < limited.size(); i++) {
                // Domain-incremental labels: the class's position in its sorted group.
                whole.add(Arrays.toString(limited.features(i)) + " "
                        + (limited.label(i) == group[0] ? 0 : 1));
            }
            Collections.sort(parts);
            Collections.sort(whole);
            assertEquals(whole, parts, "task " + t + ": training and validation samples are the task's, each once");
        }
        // Split tasks hold samples of their own, and each draws with its index (as before permuted and
        // rotated tasks came to share a draw): task 2 holds out what draw 1 of its samples does.
        Dataset drawn = ValidationSplit.of(sequence.task(1).train().limit(30), 0.2, 1, 1).validation();
        for (int i = 0; i < drawn.size(); i++) {
            assertArrayEquals(drawn.features(i), tasks.validation().get(1).testX()[i]);
        }
    }

    /**
     * Permuted and rotated tasks are the same images transformed: every task holds out the same ones,
     * so no task trains on an image another task validates on. Sample i's pixels all hold i + 1, which
     * a permutation keeps and a rotation keeps at the image's centre (bilinear weights sum to 1), so
     * a sample's brightest pixel names it whatever its task.
     */
    @Test
    void tasksSharingTheirImagesHoldOutTheSameOnes(@TempDir Path dir) throws IOException {
        int samples = 60;
        writeIdentifiedImages(dir.resolve("train-images-idx3-ubyte"), samples);
        writeLabels(dir.resolve("train-labels-idx1-ubyte"), labelsInTurn(10, samples / 10));
        writeIdentifiedImages(dir.resolve("t10k-images-idx3-ubyte"), 10);
        writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), labelsInTurn(10, 1));
        for (String sequenceKind : List.of("permuted", "rotated")) {
            // 50 samples, 5 per class, of which round(0.2 x 5) = 1 is held out.
            Experiment e = Experiment.prepare(resolved("t.yaml", "data: {path: '" + dir + "'}\ntasks: {sequence: "
                    + sequenceKind + ", count: 3, train_per_task: 50, validation: 0.2}\n").config());
            for (long seed : new long[] {1, 2}) {
                Experiment.UnitTasks tasks = e.tasks(e.sequence(seed), seed);
                List<Integer> trained = new ArrayList<>();
                List<Integer> heldOut = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    List<Integer> train = sampleIndices(tasks.learning().get(t).trainX());
                    List<Integer> validation = sampleIndices(tasks.validation().get(t).testX());
                    assertEquals(10, validation.size(), sequenceKind + " task " + t);
                    List<Integer> all = new ArrayList<>(train);
                    all.addAll(validation);
                    Collections.sort(all);
                    assertEquals(IntStream.range(0, 50).boxed().toList(), all, "the limited task's samples, each once");
                    trained.addAll(train);
                    heldOut.addAll(validation);
                }
                assertTrue(Collections.disjoint(trained, heldOut), sequenceKind + ", seed " + seed
                        + ": trained on " + trained.stream().filter(heldOut::contains).distinct().toList()
                        + ", held out by some task");
            }
        }
    }

    /** The sample each feature row shows: its brightest pixel holds index + 1, in 255ths. */
    private static List<Integer> sampleIndices(float[][] rows) {
        List<Integer> out = new ArrayList<>();
        for (float[] row : rows) {
            float max = 0;
            for (float v : row) {
                max = Math.max(max, v);
            }
            out.add(Math.round(max * 255) - 1);
        }
        return out;
    }

    /** An IDX image file of 28 x 28 images whose pixels all hold the image's index + 1 (below 255 images). */
    private static void writeIdentifiedImages(Path file, int count) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16 + count * 784).putInt(0x803).putInt(count).putInt(28).putInt(28);
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < 784; p++) {
                b.put((byte) (i + 1));
            }
        }
        Files.write(file, b.array());
    }


    /** A limit past what a task holds is kept as all of the task, and said so (it was only in summary.md). */
    @Test
    void aLimitPastWhatATaskHoldsIsNoted(@TempDir Path dir) throws IOException {
        writeSortedData(dir);
        String data = "data: {path: '" + dir + "'}\ntasks: ";
        // Split tasks of two classes hold 8 training and 4 test samples each; permuted ones all 40 and 20.
        assertEquals("data: tasks.train_per_task = 9, but a task holds as few as 8 training samples: such a task "
                + "keeps all of its own (summary.md and metrics.json's task_samples give each task's counts)",
                Experiment.prepare(resolved("t.yaml", data + "{train_per_task: 9, test_per_task: 4}\n").config())
                        .limitNotice());
        assertEquals("data: tasks.train_per_task = 41, but a task holds as few as 40 training samples; "
                + "tasks.test_per_task = 21, but a task holds as few as 20 test samples: such a task keeps all of its"
                + " own (summary.md and metrics.json's task_samples give each task's counts)", Experiment.prepare(
                resolved("t.yaml", data + "{sequence: permuted, count: 2, train_per_task: 41, test_per_task: 21}\n")
                        .config()).limitNotice());
        for (String met : List.of("{train_per_task: 8, test_per_task: 4}", "{}")) {
            assertEquals(null, Experiment.prepare(resolved("t.yaml", data + met + "\n").config()).limitNotice());
        }
    }


    /**
     * Data of more than ten classes (EMNIST's 47, say) says how many with data.classes: the split,
     * its checks and the readout follow it, and labels past it are refused with that advice.
     */
    @Test
    void dataOfMoreClassesSaysHowMany(@TempDir Path dir) throws IOException {
        writeIdx(dir.resolve("train-images-idx3-ubyte"), 0x803, new int[] {24, 28, 28}, 24 * 784);
        writeLabels(dir.resolve("train-labels-idx1-ubyte"), labelsInTurn(12, 2));
        writeIdx(dir.resolve("t10k-images-idx3-ubyte"), 0x803, new int[] {12, 28, 28}, 12 * 784);
        writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), labelsInTurn(12, 1));
        String data = "data: {path: '" + dir + "', classes: 12}\n";
        Experiment e = Experiment.prepare(resolved("t.yaml", data + "tasks: {count: 6, classes_per_task: 2}\n")
                .config());
        assertEquals(12, e.readoutClasses());
        TaskSequence sequence = e.sequence(1);
        assertArrayEquals(new int[] {10, 11}, sequence.task(5).classes());
        assertEquals(List.of(10, 11, 10, 11), IntStream.of(sequence.task(5).train().labels()).boxed()
                .toList());
        // Permuted tasks each have a head of all twelve classes.
        assertEquals(36, Experiment.prepare(resolved("t.yaml", data + "tasks: {sequence: permuted, count: 3}\n")
                .config()).readoutClasses());

        String tenClasses = "data: {path: '" + dir + "'}\n";
        ConfigException split = assertThrows(ConfigException.class,
                () -> resolved("t.yaml", tenClasses + "tasks: {count: 6, classes_per_task: 2}\n"));
        assertTrue(split.getMessage().contains("count x classes_per_task <= 10 classes"), split.getMessage());
        DataFileException label = assertThrows(DataFileException.class, () -> Experiment.prepare(
                resolved("t.yaml", tenClasses + "tasks: {count: 5, classes_per_task: 2}\n").config()));
        assertTrue(label.getMessage().contains("train-labels-idx1-ubyte: label of item 10: expected a class in [0, 10),"
                + " found 10") && label.getMessage().endsWith("the labels reach 11: data of 12 classes says so, with "
                + "data: {classes: 12} in a config or --classes 12 to engram bench"), label.getMessage());
        // More classes than the data's labels give: units no sample is of, refused with the number to set.
        for (String more : List.of(data.replace("classes: 12", "classes: 13"),
                "data: {bundled: true, classes: 12}\n")) {
            ConfigLayers.Resolved resolved = resolved("t.yaml", more + "tasks: {sequence: permuted, count: 2}\n");
            Experiment e13 = Experiment.prepare(resolved.config());
            ConfigException refused = assertThrows(ConfigException.class, () -> new PreRunChecks(e13).checkBuildable(
                    resolved.where()));
            int largest = more.contains("bundled") ? 9 : 11;
            assertTrue(refused.getMessage().startsWith("t.yaml:1:") && refused.getMessage().contains("data.classes: "
                    + "expected the number of classes of the data, whose largest training label is " + largest + " ("
                    + (largest == 9 ? "Fashion-MNIST from classpath:" : "IDX data from " + dir))
                    && refused.getMessage().endsWith("set data.classes: " + (largest + 1)), refused.getMessage());
        }
        ConfigLayers.Resolved twelve = resolved("t.yaml", data + "tasks: {sequence: permuted, count: 2}\n");
        new PreRunChecks(Experiment.prepare(twelve.config())).requireClassesOfTheData(twelve.where());
        // A test class no training sample is of: no data.classes mends it (11 and 12 sent each other round).
        writeLabels(dir.resolve("train-labels-idx1-ubyte"), labelsInTurn(11, 2));
        writeIdx(dir.resolve("train-images-idx3-ubyte"), 0x803, new int[] {22, 28, 28}, 22 * 784);
        Experiment lacking = Experiment.prepare(twelve.config());
        DataFileException extra = assertThrows(DataFileException.class,
                () -> new PreRunChecks(lacking).requireClassesOfTheData(twelve.where()));
        assertTrue(extra.getMessage().contains("t10k-labels-idx1-ubyte: labels: expected classes the training samples"
                + " have, found class 11 (item 11), which no training sample of IDX data from " + dir),
                extra.getMessage());
        // A group past data.classes says where the number of classes is set (it named the group alone).
        ConfigException group = assertThrows(ConfigException.class,
                () -> resolved("t.yaml", tenClasses + "tasks: {count: 2, groups: [[0, 1], [9, 10]]}\n"));
        assertTrue(group.getMessage().contains("tasks.groups[1]: expected classes in [0, 10), found [9, 10]; data of"
                + " more classes says how many with data.classes (10 now)"), group.getMessage());
        for (int bad : new int[] {1, 257}) {
            ConfigException refused = assertThrows(ConfigException.class,
                    () -> resolved("t.yaml", "data: {classes: " + bad + "}\n"));
            assertTrue(refused.getMessage().contains("t.yaml:1:") && refused.getMessage().contains("data.classes")
                    && refused.getMessage().contains("[2, 256]"), refused.getMessage());
        }
    }
}
