package org.engram.experiments.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.experiments.config.ExperimentConfig.EncoderSpec;
import org.engram.experiments.config.ExperimentConfig.LearnerKind;
import org.engram.experiments.config.ExperimentConfig.LearnerSpec;
import org.engram.experiments.config.ExperimentConfig.NetworkSpec;
import org.engram.experiments.config.ExperimentConfig.TasksSpec;
import org.engram.experiments.config.ExperimentConfig.TrainingSpec;
import org.engram.experiments.data.DataClasses;
import org.engram.experiments.data.DataFileException;
import org.engram.experiments.data.DataLocator;
import org.engram.experiments.data.Dataset;
import org.engram.experiments.data.FashionMnist;
import org.engram.experiments.data.LocatedData;
import org.engram.experiments.task.ClassSplit;
import org.engram.experiments.task.PermutedTasks;
import org.engram.experiments.task.RotatedTasks;
import org.engram.experiments.task.SyntheticTasks;
import org.engram.experiments.task.Task;
import org.engram.experiments.task.TaskSequence;
import org.engram.experiments.task.ValidationSplit;
import org.engram.experiments.config.StrategyParams;
import org.engram.learning.continual.ContinualLearner;
import org.engram.learning.continual.ContinualStrategy;
import org.engram.learning.continual.ImportanceGating;
import org.engram.learning.continual.Scenario;
import org.engram.learning.continual.TaskData;
import org.engram.learning.encode.DirectCurrentEncoder;
import org.engram.learning.encode.EncodedInput;
import org.engram.learning.encode.Encoder;
import org.engram.learning.encode.LatencyEncoder;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.layered.HiddenLayer;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.layered.LayeredNetSpec;
import org.engram.learning.layered.ReadoutLayer;
import org.engram.learning.train.TrainerOptions;
import org.engram.learning.train.optim.LearningRateSchedule;
import org.engram.learning.train.optim.OptimizerSpec;
import org.engram.learning.unsupervised.DiehlCookLearner;
import org.engram.learning.unsupervised.DiehlCookParams;
import org.engram.simulator.EngramException;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.ParameterException;

/**
 * Turns a resolved config into what a run needs: the data (read once), the tasks of a seed as
 * the learner sees them, and the learner of a unit: a network trained by BPTT (with its encoder
 * and trainer settings) or the unsupervised Diehl and Cook network.
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

    /** @return where the data came from, for provenance ({@code null} for generated data) */
    LocatedData located() {
        return located;
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
    private Dataset limitedTrain(Task task) {
        int limit = config.tasks().trainPerTask();
        return limit > 0 ? task.train().limit(limit) : task.train();
    }

    /**
     * The task whose validation draw a task uses ({@link ValidationSplit}): its own where tasks hold
     * samples of their own (split groups, generated patterns), the first's where they show the same
     * images transformed (permuted, rotated), so no task trains on an image another one holds out.
     */
    private int validationDraw(Task task) {
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
     * A freshly initialised network.
     *
     * @param inputs features per sample
     * @param seed   the seed of the initial weights
     * @return the network
     */
    LayeredNet newNet(int inputs, long seed) {
        return LayeredNet.create(spec(inputs), seed);
    }

    /**
     * Builds the network shape, encoder and trainer settings once without training, so that a value
     * the learning layer rejects fails before a run folder exists.
     *
     * @throws ConfigException naming the rejected value
     */
    void checkBuildable(StrategyParams.Locator where) {
        requireTasksFit(where, Runtime.getRuntime().maxMemory());
        requireClassesOfTheData(where);
        requireEveryClassWithinLimits(where);
        requireValidationSplits(where);
        try {
            if (config.learner().kind() == LearnerKind.DIEHL_COOK) {
                diehlCook();   // its timing on the grid is checked with the config (CrossChecks)
                return;
            }
            int features = train == null ? config.tasks().synthetic().inputs() : train.features();
            LayeredNet.requireFits(spec(features));
            encoder();
            EncodedInput.requireFits(config.encoder().steps(), features);
            options(config.seeds().get(0), config.threads(), List.of());
        } catch (ParameterException e) {
            String key = keyOf(e);
            if (key == null) {
                throw new ConfigException("config", e.source() + ": " + e.location(), e.expected(),
                        e.found(), e.hint());
            }
            // The builder's own advice (a sparser rule) does not apply to layers connected all to all.
            String hint = e instanceof HeapLimitExceeded ? "smaller hidden layers, or "
                    + HeapLimitExceeded.MORE_HEAP : e.hint();
            throw new ConfigException(where.locate(key), key, e.expected(), e.found(), hint);
        }
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
        if (train == null) {
            return;
        }
        int stated = config.data().classes();
        DataClasses.require(stated, train, test, located, classes -> new ConfigException(where.locate("data.classes"),
                "data.classes", DataClasses.expected(train, located), String.valueOf(stated),
                "set data.classes: " + classes));
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
        double fraction = config.tasks().validation();
        if (fraction == 0) {
            return;
        }
        List<Task> tasks = train == null ? sequence(config.seeds().get(0)).tasks() : tasksAsLimited();
        for (Task task : tasks) {
            int[] counts = limitedTrain(task).classCounts();
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
     * depends on the seed and the task's draw ({@link #validationDraw}); permuted and rotated tasks
     * keep the data's order and share one draw, so one task stands for them all.
     */
    private void requireEveryClassLabelled(StrategyParams.Locator where) {
        int label = config.learner().kind() == LearnerKind.DIEHL_COOK ? config.learner().labelPerTask() : 0;
        if (label == 0 || train == null) {
            return;
        }
        for (Task task : tasksAsLimited()) {
            int[] labels = limitedTrain(task).labels();
            for (long seed : config.seeds()) {
                boolean[] held = ValidationSplit.heldOutMask(labels, train.classes(), config.tasks().validation(),
                        seed, validationDraw(task));
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
     * The tasks whose samples the per-task limits cut, before the cut: the split's, or, as permuted
     * and rotated tasks keep the data's order and size, one standing for them all.
     */
    private List<Task> tasksAsLimited() {
        return split != null ? split.tasks() : List.of(new Task(0, "each task", train, test, classesIn(train)));
    }

    /**
     * A task as refusals name it: "task 2 (classes 4,5)" in a split or synthetic sequence, "each task"
     * for the one standing for all permuted or rotated tasks ({@link #tasksAsLimited}).
     */
    private String nameInMessages(Task task) {
        return train == null || split != null ? "task " + (task.index() + 1) + " (" + task.name() + ")" : task.name();
    }

    private static int[] classesIn(Dataset d) {
        int[] counts = d.classCounts();
        return IntStream.range(0, counts.length).filter(c -> counts[c] > 0).toArray();
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
        for (Task task : tasksAsLimited()) {
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

    /**
     * Refuses tasks whose samples cannot fit the heap, where a unit holds all of them as 4-byte
     * features: a million permuted tasks, or synthetic patterns of 10^8 inputs, had run out of memory
     * after the run's folder was made. Split tasks are bounded by the data's classes.
     *
     * @param where     locates the keys in the config
     * @param heapBytes the heap's limit
     * @throws ConfigException naming tasks.count, or the largest synthetic size when one task alone cannot fit
     */
    void requireTasksFit(StrategyParams.Locator where, long heapBytes) {
        TasksSpec t = config.tasks();
        if (t.sequence() == ExperimentConfig.SequenceKind.SPLIT) {
            return;
        }
        TasksHeld held = tasksHeld();
        if (held.bytes() <= heapBytes) {
            return;
        }
        String key = held.bytes() / t.count() > heapBytes && t.sequence() == ExperimentConfig.SequenceKind.SYNTHETIC
                ? largestSyntheticSize(t.synthetic()) : "tasks.count";
        throw new ConfigException(where.locate(key), key, String.format(Locale.ROOT, "tasks whose samples fit the "
                        + "Java heap of %.0f MB (a run holds every task's samples, 4 bytes per feature)",
                        heapBytes / 1e6),
                String.format(Locale.ROOT, "%d tasks of %.0f samples x %d features, %.1f MB", t.count(),
                        held.samples() / t.count(), held.features(), held.bytes() / 1e6),
                "fewer tasks or samples, or " + HeapLimitExceeded.MORE_HEAP);
    }

    /**
     * Refuses more units at once ({@code --jobs}) than the heap holds: each unit trained at once
     * holds its own tasks' samples, network, trainer and strategy state ({@link UnitFootprint}), and
     * the run holds its data once for all of them; together they must fit the share of the heap
     * that long-lived data can use ({@link UnitFootprint#HEAP_SHARE}). The largest units are
     * counted, as any of them may train side by side. One unit's tasks are checked by
     * {@link #requireTasksFit}.
     *
     * @param together  the units that would train at once
     * @param units     the strategy of each unit the run still trains, one entry per seed
     * @param heapBytes the heap's limit
     * @throws EngramException naming {@code --jobs}, the largest unit's size and the most units that fit
     */
    void requireUnitsFit(int together, List<ExperimentConfig.StrategySpec> units, long heapBytes) {
        if (together < 2) {
            return;
        }
        UnitFootprint footprint = footprint();
        record Unit(ExperimentConfig.StrategySpec spec, UnitFootprint.Bytes bytes) {
        }
        List<Unit> largestFirst = units.stream().map(u -> new Unit(u, footprint.of(u)))
                .sorted(Comparator.comparingDouble((Unit u) -> u.bytes().total()).reversed()).toList();
        double shared = sharedBytes();
        double usable = heapBytes * UnitFootprint.HEAP_SHARE;
        double need = shared;
        int fit = 0;
        for (int k = 0; k < together; k++) {
            need += largestFirst.get(k).bytes().total();
            if (need <= usable) {
                fit = k + 1;
            }
        }
        if (need <= usable) {
            return;
        }
        ExperimentConfig.StrategySpec largest = largestFirst.get(0).spec();
        UnitFootprint.Bytes b = largestFirst.get(0).bytes();
        UnitFootprint.Shape shape = footprint.shape();
        throw new EngramException("engram run", "--jobs", String.format(Locale.ROOT, "units that fit together in two"
                        + " thirds of the Java heap of %.0f MB, %.1f MB (each unit trained at once holds its own tasks'"
                        + " samples, network, training and strategy state)", heapBytes / 1e6, usable / 1e6),
                String.format(Locale.ROOT, "%d units at once of up to %.1f MB each (%s: %.1f MB of samples, %.0f"
                        + " samples x %d features; %.1f MB of network and training; %.1f MB of strategy state),"
                        + " %.1f MB with the %.1f MB the run holds once", together, b.total() / 1e6, largest.label(),
                        b.samples() / 1e6, shape.sampleRows(), shape.features(), b.training() / 1e6,
                        b.strategy() / 1e6, need / 1e6, shared / 1e6),
                (fit >= 1 ? "--jobs " + fit + " (the most that fit), or " : "fewer tasks or samples, or ")
                        + HeapLimitExceeded.MORE_HEAP);
    }

    /**
     * What the run holds once for all its units: the data it read (the training and test sets, and
     * the split tasks' own copies of their samples, 4 bytes a feature and 4 for a label), and the
     * program itself.
     *
     * @return bytes
     */
    double sharedBytes() {
        double samples = 0;
        int features = 0;
        if (train != null) {
            samples = train.size() + (double) test.size();
            features = train.features();
        }
        if (split != null) {
            for (Task task : split.tasks()) {
                samples += task.train().size() + (double) task.test().size();
            }
        }
        return UnitFootprint.PROGRAM_BYTES + sampleBytes(samples, features);
    }

    /** Bytes of {@code samples} samples held as 4-byte features and a 4-byte label. */
    private static double sampleBytes(double samples, int features) {
        return samples * (features * (double) Float.BYTES + Integer.BYTES);
    }

    /** @return the sizes that set what one unit holds, from the config and the data's size */
    UnitFootprint footprint() {
        TasksSpec t = config.tasks();
        TasksHeld held = tasksHeld();
        TrainingSpec tr = config.training();
        List<int[]> matrices = new ArrayList<>();
        int[] neurons;
        if (config.learner().kind() == LearnerKind.DIEHL_COOK) {
            int n = config.learner().neurons();
            // Inputs to excitatory neurons, inhibitory to excitatory, excitatory to inhibitory one to one.
            matrices.add(new int[] {held.features(), n});
            matrices.add(new int[] {n, n});
            matrices.add(new int[] {n, 1});
            neurons = new int[] {n, n};
        } else {
            for (int[] m : spec(held.features()).matrixShapes()) {
                matrices.add(new int[] {m[0], m[1]});
            }
            neurons = IntStream.concat(config.network().hidden().stream().mapToInt(Integer::intValue),
                    IntStream.of(readoutClasses())).toArray();
        }
        int optimizerBytes = switch (tr.optimizer()) {
            case ADAM -> 2 * Float.BYTES;
            case SGD -> tr.momentum() > 0 ? Float.BYTES : 0;
        };
        return new UnitFootprint(new UnitFootprint.Shape(held.features(), held.samples(), held.flat(), t.count(),
                held.trainPerTask(), matrices, neurons, readoutClasses(), config.encoder().steps(), tr.batchSize(),
                tr.blockSize(), config.threads(), optimizerBytes));
    }

    /**
     * The samples one unit's tasks hold, all tasks together, and their features each; the samples of
     * its own task sequence, kept beside them as one flat copy; and the most training samples of one task.
     */
    private record TasksHeld(double samples, int features, double flat, double trainPerTask) {
        /** Bytes of the samples: 4 per feature and 4 for the label. */
        double bytes() {
            return sampleBytes(samples, features);
        }
    }

    private TasksHeld tasksHeld() {
        TasksSpec t = config.tasks();
        return switch (t.sequence()) {
            case SPLIT -> new TasksHeld(split.tasks().stream().mapToDouble(task -> limited(t.trainPerTask(),
                    task.train().size()) + limited(t.testPerTask(), task.test().size())).sum(), train.features(), 0,
                    split.tasks().stream().mapToDouble(task -> limited(t.trainPerTask(), task.train().size())).max()
                            .orElse(0));
            // Permuted tasks read the data through a feature order: no copy of their own.
            case PERMUTED -> new TasksHeld(t.count() * (limited(t.trainPerTask(), train.size())
                    + limited(t.testPerTask(), test.size())), train.features(), 0,
                    limited(t.trainPerTask(), train.size()));
            // Each angle rotates the whole data before the task takes its first samples.
            case ROTATED -> new TasksHeld(t.count() * (train.size() + (double) test.size()), train.features(),
                    t.count() * (train.size() + (double) test.size()), limited(t.trainPerTask(), train.size()));
            case SYNTHETIC -> {
                double samples = t.count() * t.classesPerTask() * ((double) t.synthetic().trainPerClass()
                        + t.synthetic().testPerClass());
                yield new TasksHeld(samples, t.synthetic().inputs(), samples,
                        t.classesPerTask() * (double) t.synthetic().trainPerClass());
            }
        };
    }

    /** The key of the largest of a synthetic task's sizes, which one task too large for the heap is blamed on. */
    private static String largestSyntheticSize(ExperimentConfig.SyntheticSpec s) {
        int largest = Math.max(s.inputs(), Math.max(s.trainPerClass(), s.testPerClass()));
        return "tasks.synthetic." + (largest == s.inputs() ? "inputs"
                : largest == s.trainPerClass() ? "train_per_class" : "test_per_class");
    }

    /** The samples a task takes of a set: the first {@code limit}, 0 for all. */
    private static double limited(int limit, int size) {
        return limit > 0 ? Math.min(limit, size) : size;
    }

    /** The config key a rejection of the learning layer is about, or {@code null} when none is known. */
    private static String keyOf(ParameterException e) {
        String at = e.location() == null ? "" : e.location();
        if (e.source().equals("encoder") && at.equals("steps")) {
            return "encoder.steps";
        }
        if (e.source().equals("layered network") && (at.startsWith("hidden") || at.equals("readout"))) {
            return "network.hidden";
        }
        // A weight matrix past an array or the heap (LayeredNet.requireFits): the layers are too large.
        if (e.source().startsWith("projection '") && at.equals("rule")) {
            return "network.hidden";
        }
        return null;
    }

    /**
     * The learner of one (strategy, seed) unit, as {@code learner.kind} asks.
     *
     * @param spec     the strategy
     * @param seed     the seed
     * @param sequence the seed's task sequence
     * @param tasks    its tasks, from {@link #tasks}
     * @return a fresh learner
     */
    UnitLearner learner(ExperimentConfig.StrategySpec spec, long seed, TaskSequence sequence, List<TaskData> tasks) {
        ContinualStrategy strategy = StrategyParams.create(spec);
        if (config.learner().kind() == LearnerKind.DIEHL_COOK) {
            return new DiehlCookUnit(new DiehlCookLearner(diehlCook(), sequence.features(), readoutClasses(),
                    config.learner().labelPerTask(), seed, config.threads(),
                    strategy instanceof ImportanceGating gating ? gating : null), tasks);
        }
        return new BpttUnit(new ContinualLearner(newNet(sequence.features(), seed), encoder(),
                options(seed, config.threads(), tasks), strategy, config.tasks().scenario()), tasks);
    }

    /** @return the default Diehl and Cook network with the configured size and presentation times */
    private DiehlCookParams diehlCook() {
        LearnerSpec l = config.learner();
        DiehlCookParams p = DiehlCookParams.defaults(l.neurons());
        DiehlCookParams.Presentation pr = p.presentation();
        return p.withPresentation(new DiehlCookParams.Presentation(l.presentMs(), l.restMs(), pr.maxRateHz(),
                pr.boostRateHz(), pr.minSpikes(), pr.maxBoosts()));
    }

    private LayeredNetSpec spec(int inputs) {
        NetworkSpec n = config.network();
        List<HiddenLayer> hidden = new ArrayList<>();
        for (int size : n.hidden()) {
            hidden.add(new HiddenLayer(size, n.neuron(), n.tauMs(), n.threshold(), n.reset(), n.tauAdaptMs(),
                    n.adaptation(), n.recurrent()));
        }
        ReadoutLayer readout = new ReadoutLayer(readoutClasses(), n.readout(), n.readoutTauMs(), n.threshold(),
                n.reset(), n.traceTauMs());
        return new LayeredNetSpec(inputs, hidden, readout, n.dtMs(), n.initGain());
    }

    /** @return the input encoder */
    Encoder encoder() {
        EncoderSpec e = config.encoder();
        return switch (e.kind()) {
            case RATE -> RateEncoder.bernoulli(e.steps(), e.gain());
            case LATENCY -> new LatencyEncoder(e.steps(), e.cutoff());
            case DIRECT_CURRENT -> new DirectCurrentEncoder(e.steps(), e.gain());
        };
    }

    /**
     * The trainer settings of a seed.
     *
     * @param seed    the seed
     * @param threads worker threads
     * @param tasks   the tasks (the cosine schedule spans all their batches)
     * @return the settings
     */
    TrainerOptions options(long seed, int threads, List<TaskData> tasks) {
        TrainingSpec t = config.training();
        long batches = 0;
        for (TaskData task : tasks) {
            batches += (long) t.epochs() * TrainerOptions.batches(task.trainX().length, t.batchSize());
        }
        LearningRateSchedule schedule = switch (t.schedule()) {
            case CONSTANT -> LearningRateSchedule.constant(t.learningRate());
            case COSINE -> LearningRateSchedule.cosine(t.learningRate(), t.minLearningRate(), Math.max(1, batches));
        };
        OptimizerSpec optimizer = switch (t.optimizer()) {
            case ADAM -> OptimizerSpec.adam();
            case SGD -> OptimizerSpec.sgd(t.momentum());
        };
        return TrainerOptions.defaults()
                .withSurrogate(t.surrogate(), t.slope())
                .withDetachReset(t.detachReset())
                .withOptimizer(optimizer, schedule)
                .withRegularisation(t.weightDecay(), t.clipNorm())
                .withBatch(t.batchSize(), t.blockSize())
                .withThreads(threads)
                .withSeed(seed);
    }
}
