package org.engram.experiments.run;

import static org.engram.experiments.run.ExperimentFixtures.labelsInTurn;
import static org.engram.experiments.run.ExperimentFixtures.resolved;
import static org.engram.experiments.run.ExperimentFixtures.writeIdx;
import static org.engram.experiments.run.ExperimentFixtures.writeLabels;
import static org.engram.experiments.run.ExperimentFixtures.writeSortedData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.ConfigLayers;
import org.engram.experiments.config.StrategyParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config that would train or score part of a task without a word is refused before a run, naming the key. */
class PreRunChecksTest {
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
        // A test limit alone is checked as well.
        assertTrue(refusal(data, "{test_per_task: 1}").startsWith("tasks.test_per_task: expected"));
        // Two limits that both fail are refused together, each with the value it needs.
        ConfigLayers.Resolved both = resolved("t.yaml", data + "tasks: {train_per_task: 4, test_per_task: 1}\n");
        PreRunChecks checks = new PreRunChecks(Experiment.prepare(both.config()));
        List<ConfigException> problems = assertThrows(ConfigException.class,
                () -> checks.requireEveryClassWithinLimits(both.where())).problems();
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
            new PreRunChecks(Experiment.prepare(resolved.config())).requireEveryClassWithinLimits(resolved.where());
        }
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
                + " validation", refusal(data, "{validation: 0.1}", PreRunChecks::requireValidationSplits));
        assertTrue(refusal(data, "{validation: 0.9}", PreRunChecks::requireValidationSplits)
                .contains("class 0 of task 1 (classes 0,1) has 4, of which it would hold out 4"));
        // Permuted tasks show all 40 samples, 4 per class: the same rule, named for every task at once.
        assertTrue(refusal(data, "{sequence: permuted, count: 2, validation: 0.1}",
                PreRunChecks::requireValidationSplits)
                .contains("class 0 of each task has 4"));
        for (String fits : List.of("{validation: 0.125}", "{validation: 0.8}", "{validation: 0}")) {
            ConfigLayers.Resolved resolved = resolved("t.yaml", data + "tasks: " + fits + "\n");
            new PreRunChecks(Experiment.prepare(resolved.config())).requireValidationSplits(resolved.where());
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
     * class 0. Smaller limits are refused whenever their first kept samples are all of class 0, and in
     * particular the one that ends just before the first kept sample of class 1.
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
                + "learner: {kind: diehl_cook, label_per_task: %d}\n"
                + "tasks: {count: 1, scenario: class_incremental, validation: 0.25}\n";
        int refused = 0;
        for (int seed = 1; seed <= 12; seed++) {
            for (int limit = 1; limit <= 8; limit++) {
                ConfigLayers.Resolved resolved = resolved("t.yaml", String.format(yaml, seed, limit));
                Experiment e = Experiment.prepare(resolved.config());
                // What the network would be labelled with: the first samples the run trains on.
                int[] trained = e.tasks(e.sequence(seed), seed).learning().get(0).trainY();
                boolean lacks = IntStream.of(trained).limit(limit).noneMatch(y -> y == 1);
                if (lacks && limit == 8) {
                    refused++;
                }
                if (lacks) {
                    String message = assertThrows(ConfigException.class,
                            () -> new PreRunChecks(e).requireValidationSplits(resolved.where())).getMessage();
                    assertTrue(message.contains("learner.label_per_task: expected a limit whose first training"
                            + " samples, less those tasks.validation holds out, hold every class of each task: for"
                            + " seed " + seed + " those of task 1 (classes 0,1) hold none of class 1, found " + limit
                            + "; a larger limit, or 0 for all"), message);
                } else {
                    new PreRunChecks(e).requireValidationSplits(resolved.where());
                }
            }
        }
        // A limit past the samples kept takes them all, of both classes.
        ConfigLayers.Resolved all = resolved("t.yaml", String.format(yaml, 1, 20));
        new PreRunChecks(Experiment.prepare(all.config())).requireValidationSplits(all.where());
        // One chance in four per seed: no refusal in 12 seeds has probability (3/4)^12 = 3%, and these
        // seeds are fixed, so the check below only guards against a test that checks nothing.
        assertTrue(refused > 0 && refused < 12, "refused for " + refused + " of 12 seeds");
    }


    /**
     * The tasks' fit to the heap is checked first, before anything is built: a million permuted tasks of the
     * bundled data's 3,000 + 1,000 samples cannot fit any heap this test runs in.
     */
    @Test
    void tasksPastTheHeapAreRefusedBeforeTheLearnerIsBuilt() {
        ConfigLayers.Resolved resolved = resolved("t.yaml", "data: {bundled: true}\n"
                + "tasks: {sequence: permuted, count: 1000000}\n");
        ConfigException refused = assertThrows(ConfigException.class,
                () -> new PreRunChecks(Experiment.prepare(resolved.config())).checkBuildable(resolved.where()));
        assertTrue(refused.getMessage().contains("tasks.count: expected tasks whose samples fit the Java heap")
                && refused.getMessage().contains("found 1000000 tasks of 4000 samples x 784 features")
                && refused.getMessage().contains("-Xmx"), refused.getMessage());
    }

    /** Each check runs as part of the whole, which refuses by the key of the first that fails. */
    @Test
    void theWholeCheckRefusesByEachPartsKey(@TempDir Path dir) throws IOException {
        writeSortedData(dir);
        String data = "data: {path: '" + dir + "'}\n";
        for (String[] bad : new String[][] {{"tasks: {train_per_task: 4}\n", "tasks.train_per_task: expected"},
                {"tasks: {validation: 0.1}\n", "tasks.validation: expected"},
                // 784 x 10^8 weights pass any array and this test's heap.
                {"network: {hidden: [100000000]}\n", "network.hidden: expected"}}) {
            ConfigLayers.Resolved resolved = resolved("t.yaml", data + bad[0]);
            ConfigException refused = assertThrows(ConfigException.class,
                    () -> new PreRunChecks(Experiment.prepare(resolved.config())).checkBuildable(resolved.where()));
            assertTrue(refused.getMessage().contains(bad[1]), refused.getMessage());
        }
    }

    /** The message of the limit's refusal after its location, which must be line 2 of t.yaml. */
    private static String refusal(String data, String tasks) {
        return refusal(data, tasks, PreRunChecks::requireEveryClassWithinLimits);
    }

    /** The message of a check's refusal after its location, which must be line 2 of t.yaml. */
    private static String refusal(String data, String tasks, BiConsumer<PreRunChecks, StrategyParams.Locator> check) {
        ConfigLayers.Resolved resolved = resolved("t.yaml", data + "tasks: " + tasks + "\n");
        PreRunChecks checks = new PreRunChecks(Experiment.prepare(resolved.config()));
        String message = assertThrows(ConfigException.class, () -> check.accept(checks, resolved.where())).getMessage();
        assertTrue(message.matches("t\\.yaml:2:\\d+: .*"), message);
        return message.replaceFirst("t\\.yaml:2:\\d+: ", "");
    }
}
