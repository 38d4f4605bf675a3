package org.engram.experiments.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.experiments.config.ExperimentConfig.LearnerKind;
import org.engram.experiments.config.ExperimentConfig.TasksSpec;
import org.engram.experiments.config.StrategyParams;
import org.engram.experiments.data.DataClasses;
import org.engram.experiments.data.DataFileException;
import org.engram.experiments.data.Dataset;
import org.engram.experiments.data.LocatedData;
import org.engram.experiments.task.Task;
import org.engram.experiments.task.TaskSequence;
import org.engram.experiments.task.ValidationSplit;

/**
 * Checks a config against the data of its experiment before a run folder exists: a value that would
 * train or score part of a task without a word (a class past the data's labels, a limit or a
 * validation fraction that leaves a class of a task out) is refused with the key to change.
 * {@link #checkBuildable} runs these with the checks of {@link HeapFit} and {@link UnitLearners}.
 */
final class PreRunChecks {
    private final Experiment experiment;

    /** @param experiment the prepared experiment whose config and data are checked */
    PreRunChecks(Experiment experiment) {
        this.experiment = experiment;
    }

    /**
     * Runs every check a config must pass before a run folder exists, in this order: the tasks fit the
     * heap ({@link HeapFit#requireTasksFit}), the data's classes, the per-task limits and the validation
     * splits, the learner builds ({@link UnitLearners#requireBuildable}), and each unit fits the heap
     * ({@link HeapFit#requireEachUnitFits}).
     *
     * @param where locates the keys in the config
     * @throws ConfigException naming the rejected value
     */
    void checkBuildable(StrategyParams.Locator where) {
        HeapFit heap = new HeapFit(experiment);
        heap.requireTasksFit(where, Runtime.getRuntime().maxMemory());
        requireClassesOfTheData(where);
        requireEveryClassWithinLimits(where);
        requireValidationSplits(where);
        new UnitLearners(experiment).requireBuildable(where);
        heap.requireEachUnitFits(where, experiment.config().strategies(), Runtime.getRuntime().maxMemory());
    }

    /**
     * Refuses a data.classes past the data's largest label: readouts would grow units that no
     * sample is of (12 on Fashion-MNIST's 10 classes trained and scored without a word); and test
     * samples of a class no training sample is of, which no data.classes mends.
     *
     * @param where locates the key in the config
     * @throws ConfigException naming data.classes, the data read and the number its labels give
     * @throws DataFileException naming the test labels' class the training samples lack
     */
    void requireClassesOfTheData(StrategyParams.Locator where) {
        ExperimentConfig config = experiment.config();
        Dataset train = experiment.train();
        if (train == null) {
            return;
        }
        int stated = config.data().classes();
        LocatedData located = experiment.located();
        DataClasses.require(stated, train, experiment.test(), located, classes -> new ConfigException(
                where.locate("data.classes"), "data.classes", DataClasses.expected(train, located),
                String.valueOf(stated), "set data.classes: " + classes));
    }

    /**
     * Refuses a per-task sample limit that leaves out a class of a task. A limit takes a task's first
     * samples in file order, which in files sorted by class are of one class: the task would train,
     * or be scored, on part of its classes without a word. Permuted and rotated tasks keep the
     * data's order, so one check of the whole data covers them all.
     *
     * @param where locates the keys in the config
     * @throws ConfigException naming tasks.train_per_task, tasks.test_per_task or learner.label_per_task, and
     *                         the smallest limit that would do
     */
    void requireEveryClassWithinLimits(StrategyParams.Locator where) {
        ExperimentConfig config = experiment.config();
        Dataset train = experiment.train();
        TasksSpec t = config.tasks();
        // The Diehl and Cook network labels its neurons with each task's first training samples.
        int label = config.learner().kind() == LearnerKind.DIEHL_COOK ? config.learner().labelPerTask() : 0;
        if (train == null || t.trainPerTask() == 0 && t.testPerTask() == 0 && label == 0) {
            return;
        }
        List<ConfigException> problems = new ArrayList<>();
        for (ConfigException problem : new ConfigException[] {
                classMissedWithin(t.trainPerTask(), Task::train, "training", "tasks.train_per_task", where),
                classMissedWithin(t.testPerTask(), Task::test, "test", "tasks.test_per_task", where),
                classMissedWithin(label, Task::train, "training", "learner.label_per_task", where)}) {
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (!problems.isEmpty()) {
            throw ConfigException.all(problems);   // each limit's smallest value at once, not one run at a time
        }
    }

    /**
     * Refuses a {@code tasks.validation} that leaves a class of a task no validation sample, or no
     * training sample ({@link ValidationSplit#fits}): its accuracy would be measured on nothing, or
     * the class never trained, without a word. Class counts do not depend on the seed.
     *
     * @param where locates the key in the config
     * @throws ConfigException naming tasks.validation, the first such task and class, and the counts
     */
    void requireValidationSplits(StrategyParams.Locator where) {
        ExperimentConfig config = experiment.config();
        Dataset train = experiment.train();
        double fraction = config.tasks().validation();
        if (fraction == 0) {
            return;
        }
        List<Task> tasks = train == null ? experiment.sequence(config.seeds().get(0)).tasks()
                : experiment.tasksAsLimited();
        for (Task task : tasks) {
            int[] counts = experiment.limitedTrain(task).classCounts();
            for (int c : task.classes()) {
                if (counts[c] > 0 && !ValidationSplit.fits(fraction, counts[c])) {
                    throw new ConfigException(where.locate("tasks.validation"), "tasks.validation", String.format(
                            Locale.ROOT, "a fraction that holds out at least 1 and keeps at least 1 of the training"
                            + " samples of each class of a task (round(fraction x samples)): class %d of %s has %d,"
                            + " of which it would hold out %d", c, nameInMessages(task), counts[c],
                            ValidationSplit.heldOut(fraction, counts[c])), String.valueOf(fraction),
                            "for this class a fraction of at least 1/(2 x " + counts[c] + ") and below 1 - 1/(2 x "
                            + counts[c] + "), or more training samples (tasks.train_per_task), or 0 for no"
                            + " validation");
                }
            }
        }
        requireEveryClassLabelled(where);
    }

    /**
     * Refuses a {@code learner.label_per_task} whose first training samples, once the validation
     * samples are held out, lack a class of a task for some seed: the Diehl and Cook network labels
     * its neurons with them, so no neuron would vote for that class, without a word. What is held out
     * depends on the seed and the task's draw ({@link Experiment#validationDraw}); permuted and rotated
     * tasks keep the data's order and share one draw, so one task stands for them all.
     */
    private void requireEveryClassLabelled(StrategyParams.Locator where) {
        ExperimentConfig config = experiment.config();
        Dataset train = experiment.train();
        int label = config.learner().kind() == LearnerKind.DIEHL_COOK ? config.learner().labelPerTask() : 0;
        if (label == 0 || train == null) {
            return;
        }
        for (Task task : experiment.tasksAsLimited()) {
            int[] labels = experiment.limitedTrain(task).labels();
            for (long seed : config.seeds()) {
                boolean[] held = ValidationSplit.heldOutMask(labels, train.classes(), config.tasks().validation(),
                        seed, experiment.validationDraw(task));
                boolean[] seen = new boolean[train.classes()];
                for (int i = 0, kept = 0; i < labels.length && kept < label; i++) {
                    if (!held[i]) {
                        seen[labels[i]] = true;
                        kept++;
                    }
                }
                for (int c : task.classes()) {
                    if (!seen[c]) {
                        throw new ConfigException(where.locate("learner.label_per_task"), "learner.label_per_task",
                                "a limit whose first training samples, less those tasks.validation holds out, hold"
                                + " every class of each task: for seed " + seed + " those of " + nameInMessages(task)
                                + " hold none of class " + c, String.valueOf(label), "a larger limit, or 0 for all");
                    }
                }
            }
        }
    }


    /**
     * A task as refusals name it: "task 2 (classes 4,5)" in a split or synthetic sequence, "each task"
     * for the one standing for all permuted or rotated tasks ({@link Experiment#tasksAsLimited}).
     */
    private String nameInMessages(Task task) {
        Dataset train = experiment.train();
        TaskSequence split = experiment.split();
        return train == null || split != null ? "task " + (task.index() + 1) + " (" + task.name() + ")" : task.name();
    }


    /**
     * The refusal of one limit that leaves out a class of some task, naming the first such task and
     * the smallest limit that keeps every class of every task; null when the limit keeps them all.
     */
    private ConfigException classMissedWithin(int limit, Function<Task, Dataset> samples, String which, String key,
                                              StrategyParams.Locator where) {
        if (limit == 0) {
            return null;
        }
        String first = null;
        int needed = 0;
        for (Task task : experiment.tasksAsLimited()) {
            Dataset d = samples.apply(task);
            int[] firstAt = firstSampleOfEachClass(d);
            List<Integer> missing = new ArrayList<>();
            for (int c : task.classes()) {
                if (firstAt[c] >= limit && firstAt[c] < Integer.MAX_VALUE) {
                    missing.add(c);
                    needed = Math.max(needed, firstAt[c] + 1);
                }
            }
            if (first == null && !missing.isEmpty()) {
                first = "the first " + limit + " of the " + d.size() + " " + which + " samples of "
                        + nameInMessages(task) + " hold none of class" + (missing.size() > 1 ? "es " : " ")
                        + missing.stream().map(String::valueOf).collect(Collectors.joining(", "));
            }
        }
        return first == null ? null : new ConfigException(where.locate(key), key, "a limit whose first samples, in"
                + " file order, hold every class of each task: " + first, String.valueOf(limit), "at least " + needed
                + ", where every task's hold all of its classes, or 0 for all");
    }

    /** The index of each class's first sample, or {@code Integer.MAX_VALUE} for a class without one. */
    private static int[] firstSampleOfEachClass(Dataset d) {
        int[] firstAt = new int[d.classes()];
        Arrays.fill(firstAt, Integer.MAX_VALUE);
        for (int i = d.size() - 1; i >= 0; i--) {
            firstAt[d.label(i)] = i;
        }
        return firstAt;
    }
}
