package org.engram.experiments.run;

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
import java.util.function.BiConsumer;
import java.util.stream.IntStream;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.ConfigLayers;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.experiments.config.StrategyParams;
import org.engram.experiments.data.DataFileException;
import org.engram.experiments.data.Dataset;
import org.engram.experiments.task.Task;
import org.engram.experiments.task.TaskSequence;
import org.engram.experiments.task.ValidationSplit;
import org.engram.learning.continual.TaskData;
import org.engram.simulator.EngramException;
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
     * A per-task limit takes a task's first samples in file order: in files sorted by class it
     * would keep part of a task's classes, and is refused with the smallest limit that keeps them all.
     */
    @Test
    void aLimitThatLeavesOutAClassOfATaskIsRefused(@TempDir Path dir) throws IOException {
        writeSortedData(dir);
        String data = "data: {path: '" + dir + "'}\n";
        // Task 1 holds classes 0 and 1: its training samples 0,0,0,0,1,1,1,1 and test samples 0,0,1,1.
        assertEquals("tasks.train_per_task: expected a limit whose first samples, in file order, hold every class of "
                + "each task: the first 4 of the 8 training samples of task 1 (classes 0,1) hold none of class 1, "
                + "found 4; at least 5, where every task's hold all of its classes, or 0 for all",
                refusal(data, "{train_per_task: 4}"));
        assertEquals("tasks.test_per_task: expected a limit whose first samples, in file order, hold every class of "
                + "each task: the first 1 of the 4 test samples of task 1 (classes 0,1) hold none of class 1, found 1;"
                + " at least 3, where every task's hold all of its classes, or 0 for all",
                refusal(data, "{train_per_task: 5, test_per_task: 1}"));
        // Two limits that both fail are refused together, each with the value it needs.
        ConfigLayers.Resolved both = resolved("t.yaml", data + "tasks: {train_per_task: 4, test_per_task: 1}\n");
        List<ConfigException> problems = assertThrows(ConfigException.class,
                () -> Experiment.prepare(both.config()).requireEveryClassWithinLimits(both.where())).problems();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).getMessage().contains("tasks.train_per_task: expected") && problems.get(0)
                .getMessage().contains("at least 5"), problems.get(0).getMessage());
        assertTrue(problems.get(1).getMessage().contains("tasks.test_per_task: expected") && problems.get(1)
                .getMessage().contains("at least 3"), problems.get(1).getMessage());
        // Permuted tasks show the whole data in its order: the first 30 hold classes 0 to 7 (class 9 starts at 36).
        assertEquals("tasks.train_per_task: expected a limit whose first samples, in file order, hold every class of "
                + "each task: the first 30 of the 40 training samples of each task hold none of classes 8, 9, found 30;"
                + " at least 37, where every task's hold all of its classes, or 0 for all",
                refusal(data, "{sequence: permuted, count: 2, train_per_task: 30}"));
        // The Diehl and Cook network labels its neurons with each task's first training samples.
        assertEquals("learner.label_per_task: expected a limit whose first samples, in file order, hold every class"
                + " of each task: the first 4 of the 8 training samples of task 1 (classes 0,1) hold none of class 1,"
                + " found 4; at least 5, where every task's hold all of its classes, or 0 for all",
                refusal(data + "learner: {kind: diehl_cook, label_per_task: 4}\n", "{scenario: class_incremental}"));
        // The limit asked for is what every task needs: task 2 is the first that fails (its classes come as
        // 2,2,2,3: it needs 4), task 3 needs the most (4,4,4,4,5: 5), task 1's come at once.
        Path uneven = Files.createDirectories(dir.resolve("uneven"));
        writeIdx(uneven.resolve("train-images-idx3-ubyte"), 0x803, new int[] {40, 28, 28}, 40 * 784);
        writeLabels(uneven.resolve("train-labels-idx1-ubyte"), new int[] {
            0, 1, 0, 1, 2, 2, 2, 3, 4, 4, 4, 4, 6, 7, 6, 7, 8, 9, 8, 9,
            0, 1, 0, 1, 2, 2, 2, 3, 5, 5, 5, 5, 6, 7, 6, 7, 8, 9, 8, 9});
        writeIdx(uneven.resolve("t10k-images-idx3-ubyte"), 0x803, new int[] {20, 28, 28}, 20 * 784);
        writeLabels(uneven.resolve("t10k-labels-idx1-ubyte"), labelsInTurn(10, 2));
        assertEquals("tasks.train_per_task: expected a limit whose first samples, in file order, hold every class of "
                + "each task: the first 2 of the 8 training samples of task 2 (classes 2,3) hold none of class 3, "
                + "found 2; at least 5, where every task's hold all of its classes, or 0 for all",
                refusal("data: {path: '" + uneven + "'}\n", "{train_per_task: 2}"));
        for (String kept : List.of("{train_per_task: 5, test_per_task: 3}", "{sequence: permuted, count: 2, "
                + "train_per_task: 37, test_per_task: 19}", "{train_per_task: 0, test_per_task: 0}")) {
            ConfigLayers.Resolved resolved = resolved("t.yaml", data + "tasks: " + kept + "\n");
            Experiment.prepare(resolved.config()).requireEveryClassWithinLimits(resolved.where());
        }
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

    /** A fraction that leaves a class no validation sample, or none to train on, is refused with the counts. */
    @Test
    void aValidationFractionThatEmptiesAPartIsRefused(@TempDir Path dir) throws IOException {
        writeSortedData(dir);
        String data = "data: {path: '" + dir + "'}\n";
        // Every class of a split task has 4 training samples: 0.1 x 4 rounds to 0, 0.9 x 4 to all 4.
        assertEquals("tasks.validation: expected a fraction that holds out at least 1 and keeps at least 1 of the"
                + " training samples of each class of a task (round(fraction x samples)): class 0 of task 1"
                + " (classes 0,1) has 4, of which it would hold out 0, found 0.1; for this class a fraction of at least"
                + " 1/(2 x 4) and below 1 - 1/(2 x 4), or more training samples (tasks.train_per_task), or 0 for no"
                + " validation", refusal(data, "{validation: 0.1}", Experiment::requireValidationSplits));
        assertTrue(refusal(data, "{validation: 0.9}", Experiment::requireValidationSplits)
                .contains("class 0 of task 1 (classes 0,1) has 4, of which it would hold out 4"));
        // Permuted tasks show all 40 samples, 4 per class: the same rule, named for every task at once.
        assertTrue(refusal(data, "{sequence: permuted, count: 2, validation: 0.1}",
                Experiment::requireValidationSplits)
                .contains("class 0 of each task has 4"));
        for (String fits : List.of("{validation: 0.125}", "{validation: 0.8}", "{validation: 0}")) {
            ConfigLayers.Resolved resolved = resolved("t.yaml", data + "tasks: " + fits + "\n");
            Experiment.prepare(resolved.config()).requireValidationSplits(resolved.where());
        }
        for (String bad : List.of("1", "-0.1", "1.5")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> resolved("t.yaml", data + "tasks: {validation: " + bad + "}\n"));
            assertTrue(e.getMessage().contains("tasks.validation: expected a fraction in [0, 1) (0: no validation),"
                    + " found " + bad), e.getMessage());
        }
    }

    /**
     * The Diehl and Cook network labels its neurons with a task's first training samples, those held
     * out for validation left out: a limit whose first samples then lack a class, for some seed, is
     * refused with that seed. Here class 1's first sample stands at position 7 of the first 8, and
     * 0.25 of class 1's 4 samples (1) and of class 0's 11 (3) are held out: the first 8 kept samples
     * lack class 1 exactly when that sample is held out, as the later ones before position 12 are of
     * class 0.
     */
    @Test
    void aLabelLimitThatValidationLeavesWithoutAClassIsRefused(@TempDir Path dir) throws IOException {
        int[] labels = {0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1};
        writeIdx(dir.resolve("train-images-idx3-ubyte"), 0x803, new int[] {labels.length, 28, 28},
                labels.length * 784);
        writeLabels(dir.resolve("train-labels-idx1-ubyte"), labels);
        writeIdx(dir.resolve("t10k-images-idx3-ubyte"), 0x803, new int[] {4, 28, 28}, 4 * 784);
        writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), new int[] {0, 1, 0, 1});
        String yaml = "data: {path: '" + dir + "', classes: 2}\nseeds: [%d]\n"
                + "learner: {kind: diehl_cook, label_per_task: 8}\n"
                + "tasks: {count: 1, scenario: class_incremental, validation: 0.25}\n";
        int refused = 0;
        for (int seed = 1; seed <= 12; seed++) {
            ConfigLayers.Resolved resolved = resolved("t.yaml", String.format(yaml, seed));
            Experiment e = Experiment.prepare(resolved.config());
            // What the network would be labelled with: the first 8 samples the run trains on.
            int[] trained = e.tasks(e.sequence(seed), seed).learning().get(0).trainY();
            boolean lacks = IntStream.of(trained).limit(8).noneMatch(y -> y == 1);
            if (lacks) {
                refused++;
                String message = assertThrows(ConfigException.class, () -> e.requireValidationSplits(resolved
                        .where())).getMessage();
                assertTrue(message.contains("learner.label_per_task: expected a limit whose first training samples,"
                        + " less those tasks.validation holds out, hold every class of each task: for seed " + seed
                        + " those of task 1 (classes 0,1) hold none of class 1, found 8; a larger limit, or 0 for"
                        + " all"), message);
            } else {
                e.requireValidationSplits(resolved.where());
            }
        }
        // One chance in four per seed: no refusal in 12 seeds has probability (3/4)^12 = 3%, and these
        // seeds are fixed, so the check below only guards against a test that checks nothing.
        assertTrue(refused > 0 && refused < 12, "refused for " + refused + " of 12 seeds");
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

    /** The message of the limit's refusal after its location, which must be line 2 of t.yaml. */
    private static String refusal(String data, String tasks) {
        return refusal(data, tasks, Experiment::requireEveryClassWithinLimits);
    }

    /** The message of a check's refusal after its location, which must be line 2 of t.yaml. */
    private static String refusal(String data, String tasks, BiConsumer<Experiment, StrategyParams.Locator> check) {
        ConfigLayers.Resolved resolved = resolved("t.yaml", data + "tasks: " + tasks + "\n");
        Experiment e = Experiment.prepare(resolved.config());
        String message = assertThrows(ConfigException.class, () -> check.accept(e, resolved.where())).getMessage();
        assertTrue(message.matches("t\\.yaml:2:\\d+: .*"), message);
        return message.replaceFirst("t\\.yaml:2:\\d+: ", "");
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
            ConfigException refused = assertThrows(ConfigException.class, () -> e13.checkBuildable(resolved.where()));
            int largest = more.contains("bundled") ? 9 : 11;
            assertTrue(refused.getMessage().startsWith("t.yaml:1:") && refused.getMessage().contains("data.classes: "
                    + "expected the number of classes of the data, whose largest training label is " + largest + " ("
                    + (largest == 9 ? "Fashion-MNIST from classpath:" : "IDX data from " + dir))
                    && refused.getMessage().endsWith("set data.classes: " + (largest + 1)), refused.getMessage());
        }
        ConfigLayers.Resolved twelve = resolved("t.yaml", data + "tasks: {sequence: permuted, count: 2}\n");
        Experiment.prepare(twelve.config()).requireClassesOfTheData(twelve.where());
        // A test class no training sample is of: no data.classes mends it (11 and 12 sent each other round).
        writeLabels(dir.resolve("train-labels-idx1-ubyte"), labelsInTurn(11, 2));
        writeIdx(dir.resolve("train-images-idx3-ubyte"), 0x803, new int[] {22, 28, 28}, 22 * 784);
        Experiment lacking = Experiment.prepare(twelve.config());
        DataFileException extra = assertThrows(DataFileException.class,
                () -> lacking.requireClassesOfTheData(twelve.where()));
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

    /** Labels sorted by class: four training images per class (0,0,0,0,1,1,1,1,...) and two test images. */
    private static void writeSortedData(Path dir) throws IOException {
        writeIdx(dir.resolve("train-images-idx3-ubyte"), 0x803, new int[] {40, 28, 28}, 40 * 784);
        writeLabels(dir.resolve("train-labels-idx1-ubyte"), sortedLabels(4));
        writeIdx(dir.resolve("t10k-images-idx3-ubyte"), 0x803, new int[] {20, 28, 28}, 20 * 784);
        writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), sortedLabels(2));
    }

    /** A label file of these labels. */
    private static void writeLabels(Path file, int[] labels) throws IOException {
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
    private static int[] labelsInTurn(int classes, int rounds) {
        return IntStream.range(0, classes * rounds).map(i -> i % classes).toArray();
    }

    /** An IDX file of unsigned bytes, all zero after the header. */
    private static void writeIdx(Path file, int magic, int[] dims, int dataBytes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + dataBytes).putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        Files.write(file, b.array());
    }

    /** A config of naive training with these data and tasks, read as if from {@code file}. */
    private static ConfigLayers.Resolved resolved(String file, String dataAndTasks) {
        return ConfigLayers.resolve(dataAndTasks + "strategies: [{name: naive}]\n", file, List.of(),
                ConfigLayers.Flags.NONE);
    }

    /** The bytes of the features (4 each) and labels the tasks of seed 1 hold once made. */
    private static long madeBytes(Experiment e) {
        long made = 0;
        for (TaskData task : e.tasks(e.sequence(1), 1).learning()) {
            for (float[][] x : List.of(task.trainX(), task.testX())) {
                for (float[] sample : x) {
                    made += (long) sample.length * Float.BYTES + Integer.BYTES;
                }
            }
        }
        return made;
    }

    /**
     * Tasks past the heap are refused by tasks.count before a run starts. For permuted and synthetic
     * tasks the estimate behind it is what their samples' features and labels take once made, so a
     * run is refused only when its tasks alone cannot fit (rotated tasks make whole rotated copies
     * of the data first, which the estimate counts instead).
     */
    @Test
    void tasksPastTheHeapAreRefusedByTheirCount() {
        ConfigLayers.Resolved resolved = resolved("t.yaml", "data: {bundled: true}\n"
                + "tasks: {sequence: permuted, count: 3, train_per_task: 30, test_per_task: 20}\n");
        Experiment e = Experiment.prepare(resolved.config());
        long made = madeBytes(e);
        assertEquals(3 * 50 * (784 * 4 + 4), made, "the samples' features and labels");
        e.requireTasksFit(resolved.where(), made);
        ConfigException refused = assertThrows(ConfigException.class,
                () -> e.requireTasksFit(resolved.where(), made - 1));
        assertTrue(refused.getMessage().contains("t.yaml:2:") && refused.getMessage().contains("tasks.count: expected "
                + "tasks whose samples fit the Java heap of 0 MB") && refused.getMessage().contains(
                "found 3 tasks of 50 samples x 784 features, 0.5 MB"), refused.getMessage());
    }

    /** Synthetic tasks: the same bound from their sizes; one task alone too large is blamed on its largest size. */
    @Test
    void syntheticTasksPastTheHeapNameTheirLargestSize() {
        ConfigLayers.Resolved resolved = resolved("s.yaml", "data: {dataset: synthetic}\n"
                + "tasks: {sequence: synthetic, count: 2, synthetic: {inputs: 10, train_per_class: 5, "
                + "test_per_class: 3}}\n");
        Experiment e = Experiment.prepare(resolved.config());
        long made = madeBytes(e);
        assertEquals(2 * 2 * 8 * (10 * 4 + 4), made, "2 tasks of 2 classes of 8 samples of 10 features");
        e.requireTasksFit(resolved.where(), made);
        ConfigException count = assertThrows(ConfigException.class,
                () -> e.requireTasksFit(resolved.where(), made - 1));
        assertTrue(count.getMessage().contains("tasks.count: expected"), count.getMessage());
        ConfigException size = assertThrows(ConfigException.class, () -> e.requireTasksFit(resolved.where(), made / 4));
        assertTrue(size.getMessage().contains("tasks.synthetic.inputs: expected"), size.getMessage());
    }

    /** Split tasks on the bundled data, a 784-8-10 network, naive and EWC. */
    private static final String SPLIT_UNITS = "data: {bundled: true}\n"
            + "tasks: {sequence: split, count: 2, classes_per_task: 2, train_per_task: 30, test_per_task: 20}\n"
            + "network: {hidden: [8]}\nencoder: {steps: 4}\ntraining: {batch_size: 16, block_size: 16}\n"
            + "strategies: [{name: naive}, {name: ewc}]\n";

    /** Two synthetic tasks of 10 inputs, a 10-4-4 network, GPM. */
    private static final String SYNTHETIC_GPM_UNIT = "data: {dataset: synthetic}\n"
            + "tasks: {sequence: synthetic, count: 2, synthetic: {inputs: 10, train_per_class: 5, test_per_class: 3}}\n"
            + "network: {hidden: [4]}\nencoder: {steps: 2}\nstrategies: [{name: gpm}]\n";

    /** A config given as text, resolved. */
    private static ExperimentConfig config(String yaml) {
        return ConfigLayers.resolve(yaml, "u.yaml", List.of(), ConfigLayers.Flags.NONE).config();
    }

    /** What a unit of the config's strategy {@code index} holds. */
    private static UnitFootprint.Bytes unit(Experiment e, ExperimentConfig c, int index) {
        return e.footprint().of(c.strategies().get(index));
    }

    /**
     * What one unit holds, worked by hand for split tasks on the bundled data (784 features, arrays
     * padded to 8 bytes) with a 784-8-10 network: samples as rows, the network and its trainer per
     * weight, one worker's buffers, the batch's activity, and the checkpoint; EWC adds a Fisher
     * diagonal (8 bytes a weight) and an anchor (4) per task, written into the checkpoint too.
     */
    @Test
    void aUnitOfSplitTasksHoldsWhatItsSizesGive() {
        ExperimentConfig c = config(SPLIT_UNITS);
        Experiment e = Experiment.prepare(c);
        UnitFootprint.Bytes naive = unit(e, c, 0);
        // 100 samples, each a float[784] (16 + 3136 bytes), its reference (4) and its label (4).
        assertEquals(100 * (3152 + 4 + 4), naive.samples(), 1e-6);
        // 784 x 8 + 8 x 10 = 6352 weights of 48 bytes (one gradient block, Adam); a worker's buffers
        // 32 x 4 steps x 18 neurons + 24 x 4 steps x 784 inputs + 4 x 5 x 8; activity 2 x 4 x 16 x 792.
        assertEquals(6352 * 48 + (2304 + 75264 + 160) + 101376, naive.training(), 1e-6);
        // The checkpoint: three times the weights and Adam's moments (12 bytes a weight).
        assertEquals(3 * 6352 * 12, naive.strategy(), 1e-6);
        UnitFootprint.Bytes ewc = unit(e, c, 1);
        double anchors = 2 * 6352 * 12;
        assertEquals(anchors + 3 * (6352 * 12 + anchors), ewc.strategy(), 1e-6);
        assertEquals(naive.samples() + naive.training(), ewc.samples() + ewc.training(), 1e-6);
        // The bundled data (3,000 + 1,000 samples) and the split tasks' copies (2 tasks of 600 + 200).
        assertEquals(UnitFootprint.PROGRAM_BYTES + (4000 + 1600) * (784 * 4 + 4), e.sharedBytes(), 1e-6);
    }

    /**
     * Synthetic tasks (10 inputs, 4 readout units, a 10-4-4 network, 64 samples a batch in blocks of
     * 16) keep their sequence's flat copy beside the rows; GPM's basis is at most each matrix's inputs
     * squared, and at a task's end it decomposes the activity of the task's 10 training samples.
     */
    @Test
    void aUnitOfSyntheticTasksUnderGpmHoldsWhatItsSizesGive() {
        ExperimentConfig c = config(SYNTHETIC_GPM_UNIT);
        Experiment e = Experiment.prepare(c);
        UnitFootprint.Bytes gpm = unit(e, c, 0);
        // 32 samples: a float[10] (16 + 40 bytes), its reference and label; and 4 bytes a feature flat.
        assertEquals(32 * (56 + 4 + 4) + 32 * 40, gpm.samples(), 1e-6);
        // 10 x 4 + 4 x 4 = 56 weights of 60 bytes (4 gradient blocks); one worker's buffers
        // 32 x 2 x 8 + 24 x 2 x 10 + 4 x 3 x 4; activity 2 x 4 x 64 x 14.
        assertEquals(56 * 60 + (512 + 480 + 48) + 7168, gpm.training(), 1e-6);
        // Bases 8 x (10^2 + 4^2) kept; at a task's end, for the 10-input matrix, a new basis (8 x 10^2),
        // the decomposition (32 x 10 x 10 + 8 x 10^2) and both matrices' activity (4 x 10 x 10 + 4 x 4 x 10):
        // more than the checkpoint, 3 x (56 x 12 + 928).
        assertEquals(928 + (800 + 3200 + 800) + 560, gpm.strategy(), 1e-6);
        assertEquals(UnitFootprint.PROGRAM_BYTES, e.sharedBytes(), 1e-6, "synthetic data: no data read");
    }

    /**
     * Units side by side: the run's shared data and the largest units must fit two thirds of the
     * heap together; the refusal names the largest unit and the most units that fit.
     */
    @Test
    void unitsAtOnceAreBoundByTheHeapFromTheLargestUnits() {
        ExperimentConfig c = config("data: {bundled: true}\n"
                + "tasks: {sequence: split, count: 2, classes_per_task: 2, train_per_task: 30, test_per_task: 20}\n"
                + "network: {hidden: [8]}\nstrategies: [{name: naive}, {name: ewc}]\n");
        Experiment e = Experiment.prepare(c);
        ExperimentConfig.StrategySpec naive = c.strategies().get(0);
        ExperimentConfig.StrategySpec ewc = c.strategies().get(1);
        double small = unit(e, c, 0).total();
        double large = unit(e, c, 1).total();
        assertTrue(large > small, "EWC's anchors");
        List<ExperimentConfig.StrategySpec> units = List.of(naive, naive, ewc, ewc);
        // Two units at once: the two EWC units, whichever order the run takes them in.
        long two = (long) Math.ceil((e.sharedBytes() + 2 * large) * 3 / 2);
        e.requireUnitsFit(2, units, two);
        e.requireUnitsFit(1, units, 0);   // one unit's tasks are requireTasksFit's to refuse
        EngramException refused = assertThrows(EngramException.class, () -> e.requireUnitsFit(2, units, two - 2));
        assertTrue(refused.getMessage().contains(String.format(java.util.Locale.ROOT, "found 2 units at once of up to"
                + " %.1f MB each (ewc: ", large / 1e6)) && refused.getMessage().contains("100 samples x 784 features")
                && refused.getMessage().contains("--jobs 1 (the most that fit), or "), refused.getMessage());
        EngramException none = assertThrows(EngramException.class, () -> e.requireUnitsFit(3, units,
                (long) ((e.sharedBytes() + large) * 3 / 2) - 2));
        assertTrue(none.getMessage().contains("fewer tasks or samples, or "), none.getMessage());
    }
}
