package org.engram.experiments.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.experiments.config.ExperimentConfig.TasksSpec;
import org.engram.experiments.data.DataClasses;
import org.engram.experiments.data.DataFileException;
import org.engram.experiments.data.DataLocator;
import org.engram.experiments.data.Dataset;
import org.engram.experiments.data.LocatedData;
import org.engram.experiments.task.ClassSplit;
import org.engram.experiments.task.PermutedTasks;
import org.engram.experiments.task.RotatedTasks;
import org.engram.experiments.task.SyntheticTasks;
import org.engram.experiments.task.Task;
import org.engram.experiments.task.TaskSequence;
import org.engram.experiments.task.ValidationSplit;
import org.engram.learning.continual.Scenario;
import org.engram.learning.continual.TaskData;

/**
 * A resolved config prepared for a run: its data (read once), the task sequence of a seed, and its
 * tasks as the learner sees them (limited, less the samples held out for validation, labelled for
 * the scenario). Others read it: {@link PreRunChecks} checks the config against the data,
 * {@link HeapFit} refuses what would not fit the heap, and {@link UnitLearners} builds each unit's
 * learner.
 *
 * <p>Labels: in task- and class-incremental learning, split and synthetic tasks keep the dataset's
 * class labels; in domain-incremental learning a split task's labels become their position within
 * the task (a shared head of {@code classes_per_task} units), while permuted and rotated tasks keep
 * all classes. Permuted and rotated tasks all use every class, so in task- and class-incremental
 * learning each task gets its own head: task {@code t}'s class {@code c} becomes label
 * {@code t * classes + c}
 * (van de Ven and Tolias 2019: class-incremental permuted MNIST must tell the permutation too).
 * Without this both scenarios would select the same ten units for every task, and the run would be
 * domain-incremental.
 */
final class Experiment {
    private final ExperimentConfig config;
    private final LocatedData located;
    private final Dataset train;
    private final Dataset test;
    /** A split sequence, which depends on no seed: built and checked once; null for other sequences. */
    private final TaskSequence split;
    /** The tasks' sizes ({@link #taskSizes}), once made. */
    private List<MetricsWriter.Task> taskSizes;

    private Experiment(ExperimentConfig config, LocatedData located, Dataset train, Dataset test,
                       TaskSequence split) {
        this.config = config;
        this.located = located;
        this.train = train;
        this.test = test;
        this.split = split;
    }

    /**
     * Finds and reads the data.
     *
     * @param config the resolved config
     * @return the experiment
     * @throws org.engram.experiments.data.DataFileException if the data cannot be found or read
     */
    static Experiment prepare(ExperimentConfig config) {
        return prepare(config, null);
    }

    /**
     * Loads the data of a resumed run: first where the run found it, then wherever a new run would.
     *
     * @param config  the config
     * @param started the record of the data the run started with, or {@code null} to search as a new run
     * @return the experiment, with its data loaded and checked
     */
    static Experiment prepare(ExperimentConfig config, DataRecord started) {
        if (config.data().dataset() == ExperimentConfig.DatasetKind.SYNTHETIC) {
            return new Experiment(config, null, null, null, null);
        }
        LocatedData located = started == null || started.origin() == null ? null
                : DataLocator.again(started.origin(), "data.path", started.location());
        if (located == null) {
            try {
                located = config.data().bundled() ? DataLocator.bundledSubset()
                        : new DataLocator().locate(config.data().path() == null ? null : Path.of(config.data().path()),
                                "data.path");
            } catch (DataFileException missing) {
                if (started == null || config.data().path() == null) {
                    throw missing;
                }
                // A resume cannot change data.path (config.yaml is the run's): the files must go back.
                throw new DataFileException(missing.source(), missing.location(), missing.expected(),
                        missing.found(), "put the files the run started with back into that folder: a resumed run"
                                + " reads the data it started with, from the data.path of its config.yaml, which"
                                + " cannot change");
            }
        }
        Dataset train;
        Dataset test;
        try {
            train = located.train(config.data().classes());
            test = DataClasses.testBeside(located, config.data().classes());
        } catch (DataFileException unreadable) {
            if (started == null) {
                throw unreadable;
            }
            // Its config cannot change (a new data.classes, say): the data it started with must come back.
            throw new DataFileException(unreadable.source(), unreadable.location(), unreadable.expected(),
                    unreadable.found(), "a resumed run reads the data it started with (" + started + "), under its"
                    + " own config.yaml: put those files back, or start a new run for these");
        }
        test.requireImageSizeOf(train);
        // Split tasks do not depend on the seed: built once, so a class the data lacks is refused now,
        // before a run folder exists, rather than when the first seed reaches its task.
        TaskSequence split = config.tasks().sequence() == ExperimentConfig.SequenceKind.SPLIT
                ? ClassSplit.of(train, test, groups(config.tasks())) : null;
        return new Experiment(config, located, train, test, split);
    }

    /** @return the resolved config */
    ExperimentConfig config() {
        return config;
    }

    /** @return where the data came from, for provenance ({@code null} for generated data) */
    LocatedData located() {
        return located;
    }

    /** @return the training set read, or {@code null} for generated data */
    Dataset train() {
        return train;
    }

    /** @return the test set read, or {@code null} for generated data */
    Dataset test() {
        return test;
    }

    /** @return the split sequence, built once as it depends on no seed, or {@code null} for other sequences */
    TaskSequence split() {
        return split;
    }

    /**
     * What to tell the user when the search for data ended at the subset in the jar, which a config
     * that did not ask for it may not expect (a config meant for the full data runs on a tenth).
     *
     * @return the notice, or {@code null} when the data is the full set, generated, or the subset asked for
     */
    String subsetNotice() {
        if (located == null || !located.isBundledSubset() || config.data().bundled()) {
            return null;
        }
        return "data: no complete Fashion-MNIST in $" + DataLocator.ENV_VAR + " or " + DataLocator.SYSTEM_FOLDER
                + ", so this run uses the subset bundled in the jar (" + train.size() + " training and " + test.size()
                + " test images); " + DataLocator.HOW_TO_GET + ", or write data: {bundled: true} to choose the subset";
    }

    /**
     * What to tell the user when a per-task limit asks for more samples than a task holds: each
     * task then keeps all of its own, which may be fewer than the config reads as.
     *
     * @return the notice, or {@code null} when every limit is met, or none is set
     */
    String limitNotice() {
        TasksSpec t = config.tasks();
        if (train == null) {
            return null;
        }
        List<String> notes = new ArrayList<>();
        int fewestTrain = tasksAsLimited().stream().mapToInt(task -> task.train().size()).min().orElse(0);
        int fewestTest = tasksAsLimited().stream().mapToInt(task -> task.test().size()).min().orElse(0);
        if (t.trainPerTask() > fewestTrain) {
            notes.add("tasks.train_per_task = " + t.trainPerTask() + ", but a task holds as few as " + fewestTrain
                    + " training samples");
        }
        if (t.testPerTask() > fewestTest) {
            notes.add("tasks.test_per_task = " + t.testPerTask() + ", but a task holds as few as " + fewestTest
                    + " test samples");
        }
        return notes.isEmpty() ? null : "data: " + String.join("; ", notes) + ": such a task keeps all of its own"
                + " (summary.md and metrics.json's task_samples give each task's counts)";
    }

    /**
     * What identifies the data of this experiment: how and where it was found, its sizes and the
     * SHA-256 of the training and test sets (which reads every sample once), and, with
     * {@code tasks.validation}, the samples of each task held out and trained on.
     *
     * @return the record ({@link DataRecord#generated()} for generated patterns)
     */
    DataRecord dataRecord() {
        DataRecord read = located == null ? DataRecord.generated() : new DataRecord(located.origin(),
                located.location(), train.size(), test.size(), Dataset.sha256(List.of(train, test)),
                located.fileNames(), null, null);
        return config.tasks().validation() > 0 ? read.heldOut(config.tasks().validation(), taskSizes()) : read;
    }

    /** @return the number of tasks */
    int taskCount() {
        return config.tasks().count();
    }

    /**
     * The task sequence of a seed (permutations and generated patterns follow the seed).
     *
     * @param seed the seed
     * @return the sequence
     */
    TaskSequence sequence(long seed) {
        TasksSpec t = config.tasks();
        return switch (t.sequence()) {
            case SPLIT -> split;
            case PERMUTED -> PermutedTasks.of(train, test, t.count(), seed, t.firstUnpermuted());
            case ROTATED -> RotatedTasks.of(train, test, angles(t));
            case SYNTHETIC -> SyntheticTasks.of(new SyntheticTasks.Spec(t.count(), t.classesPerTask(),
                    t.synthetic().inputs(), t.synthetic().trainPerClass(), t.synthetic().testPerClass(),
                    t.synthetic().activeFraction(), t.synthetic().noise(), seed));
        };
    }

    private static int[][] groups(TasksSpec t) {
        int[][] g = new int[t.count()][];
        for (int i = 0; i < g.length; i++) {
            if (t.groups() != null) {
                g[i] = t.groups().get(i).stream().mapToInt(Integer::intValue).toArray();
            } else {
                g[i] = new int[t.classesPerTask()];
                for (int k = 0; k < g[i].length; k++) {
                    g[i][k] = i * t.classesPerTask() + k;
                }
            }
        }
        return g;
    }

    private static double[] angles(TasksSpec t) {
        double[] a = new double[t.count()];
        for (int i = 0; i < a.length; i++) {
            a[i] = t.anglesDeg() != null ? t.anglesDeg().get(i) : i * 180.0 / t.count();
        }
        return a;
    }

    /**
     * The tasks of a unit: as the learner trains and tests on them, and, when {@code tasks.validation}
     * holds samples out, as they are validated.
     *
     * @param learning   one task per element of the sequence: training samples (less those held out)
     *                   and test samples
     * @param validation empty without validation, else one task per element of the sequence with the
     *                   same training samples and the held-out ones in place of the test samples
     */
    record UnitTasks(List<TaskData> learning, List<TaskData> validation) {
        UnitTasks {
            learning = List.copyOf(learning);
            validation = List.copyOf(validation);
        }
    }

    /**
     * The tasks of a seed as the learner sees them: limited to the configured sample counts, less the
     * samples held out for validation (drawn by the seed, see {@link ValidationSplit}), with labels as
     * the scenario needs them.
     *
     * @param sequence the sequence of the seed
     * @param seed     the seed, which draws the validation samples
     * @return the tasks
     */
    UnitTasks tasks(TaskSequence sequence, long seed) {
        TasksSpec t = config.tasks();
        boolean positional = positionalLabels();
        int headOffset = headPerTask() ? sequence.classes() : 0;
        List<TaskData> out = new ArrayList<>();
        List<TaskData> validation = new ArrayList<>();
        for (Task task : sequence.tasks()) {
            Dataset tr = limitedTrain(task);
            Dataset te = t.testPerTask() > 0 ? task.test().limit(t.testPerTask()) : task.test();
            Dataset va = null;
            if (t.validation() > 0) {
                ValidationSplit split = ValidationSplit.of(tr, t.validation(), seed, validationDraw(task));
                tr = split.train();
                va = split.validation();
            }
            int[] classes = task.classes();
            int[] map = new int[sequence.classes()];
            int[] headClasses = new int[classes.length];
            for (int k = 0; k < classes.length; k++) {
                headClasses[k] = positional ? k : task.index() * headOffset + classes[k];
                map[classes[k]] = headClasses[k];
            }
            float[][] trainX = tr.featureRows();
            int[] trainY = labels(tr, map);
            out.add(new TaskData(task.index(), task.name(), trainX, trainY, te.featureRows(), labels(te, map),
                    headClasses));
            if (va != null) {
                validation.add(new TaskData(task.index(), task.name(), trainX, trainY, va.featureRows(),
                        labels(va, map), headClasses));
            }
        }
        return new UnitTasks(out, validation);
    }

    /**
     * The tasks as the metrics name and count them, from the first seed's sequence: every seed's tasks
     * are as large, and a class holds out as many samples for validation whatever the seed draws. Made
     * once, as a permuted sequence is costly to build.
     *
     * @return each task's name and its training (less those held out), test and validation sample counts
     */
    List<MetricsWriter.Task> taskSizes() {
        if (taskSizes == null) {
            TasksSpec t = config.tasks();
            List<MetricsWriter.Task> sizes = new ArrayList<>();
            for (Task task : sequence(config.seeds().get(0)).tasks()) {
                Dataset limited = limitedTrain(task);
                int validation = ValidationSplit.heldOutTotal(t.validation(), limited.classCounts());
                int test = t.testPerTask() > 0 ? Math.min(t.testPerTask(), task.test().size()) : task.test().size();
                sizes.add(new MetricsWriter.Task(task.name(), limited.size() - validation, test, validation));
            }
            taskSizes = List.copyOf(sizes);
        }
        return taskSizes;
    }

    /**
     * A task's training samples under {@code tasks.train_per_task}: the first so many, or all.
     *
     * @param task a task of a sequence of this experiment
     * @return the samples the task trains on, those held out for validation included
     */
    Dataset limitedTrain(Task task) {
        int limit = config.tasks().trainPerTask();
        return limit > 0 ? task.train().limit(limit) : task.train();
    }

    /**
     * The task whose validation draw a task uses ({@link ValidationSplit}): its own where tasks hold
     * samples of their own (split groups, generated patterns), the first's where they show the same
     * images transformed (permuted, rotated), so no task trains on an image another one holds out.
     */
    int validationDraw(Task task) {
        ExperimentConfig.SequenceKind kind = config.tasks().sequence();
        boolean sharedImages = kind == ExperimentConfig.SequenceKind.PERMUTED
                || kind == ExperimentConfig.SequenceKind.ROTATED;
        return sharedImages ? 0 : task.index();
    }

    private static int[] labels(Dataset d, int[] map) {
        int[] y = new int[d.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = map[d.label(i)];
        }
        return y;
    }

    /** @return whether labels become their position in the task (domain-incremental class splits) */
    private boolean positionalLabels() {
        TasksSpec t = config.tasks();
        return t.scenario() == Scenario.DOMAIN_INCREMENTAL && (t.sequence() == ExperimentConfig.SequenceKind.SPLIT
                || t.sequence() == ExperimentConfig.SequenceKind.SYNTHETIC);
    }

    /**
     * @return whether every task has a head of its own on top of the dataset's classes (task- and
     *         class-incremental permuted and rotated tasks, which all use every class)
     */
    private boolean headPerTask() {
        TasksSpec t = config.tasks();
        return t.scenario() != Scenario.DOMAIN_INCREMENTAL && (t.sequence() == ExperimentConfig.SequenceKind.PERMUTED
                || t.sequence() == ExperimentConfig.SequenceKind.ROTATED);
    }

    /**
     * @return the number of readout units: the shared head's size in domain-incremental split learning,
     *         one head of all classes per task in task- and class-incremental permuted and rotated learning
     */
    int readoutClasses() {
        TasksSpec t = config.tasks();
        boolean positional = positionalLabels();
        if (positional) {
            return t.groups() != null ? t.groups().get(0).size() : t.classesPerTask();
        }
        if (headPerTask()) {
            return t.count() * config.data().classes();
        }
        return t.sequence() == ExperimentConfig.SequenceKind.SYNTHETIC ? t.count() * t.classesPerTask()
                : config.data().classes();
    }

    /**
     * The tasks whose samples the per-task limits cut, before the cut: the split's, or, as permuted
     * and rotated tasks keep the data's order and size, one standing for them all.
     */
    List<Task> tasksAsLimited() {
        return split != null ? split.tasks() : List.of(new Task(0, "each task", train, test, classesIn(train)));
    }

    private static int[] classesIn(Dataset d) {
        int[] counts = d.classCounts();
        return IntStream.range(0, counts.length).filter(c -> counts[c] > 0).toArray();
    }
}
