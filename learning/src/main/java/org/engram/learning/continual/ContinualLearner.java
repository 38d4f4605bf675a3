package org.engram.learning.continual;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.engram.learning.encode.Encoder;
import org.engram.learning.io.Checkpointable;
import org.engram.learning.io.StateCodec;
import org.engram.learning.io.TrainingCheckpoint;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.train.BatchResult;
import org.engram.learning.train.EpochResult;
import org.engram.learning.train.Trainer;
import org.engram.learning.train.TrainerOptions;
import org.engram.learning.train.TrainingHooks;
import org.engram.learning.train.TrainingInterrupted;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Plural;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;

/**
 * Takes one network, trained by surrogate-gradient BPTT, through a task sequence under a
 * continual-learning strategy: the loop belongs to this class, the strategy only sees its hooks.
 *
 * <p>Per task: {@link #startTask} (the strategy's {@code beforeTask}), {@link #trainEpoch} once per
 * epoch (for each batch: {@code beforeBatch}, forward and backward, {@code addPenaltyGradient},
 * {@code transformGradient}, optimiser, {@code transformUpdate}, weights += update, {@code afterBatch}), then
 * {@link #finishTask} ({@code afterTask}). {@link #evaluate} measures a task's test accuracy.
 *
 * <p>The scenario decides which readout units compete: task-incremental learning masks the
 * readout to the task's classes, class-incremental learning to every class seen so far, and
 * domain-incremental learning uses one shared head (labels must already be the head's). A
 * strategy may narrow a sample's mask further ({@link BatchContext#narrowClasses}).
 *
 * <p>Everything random comes from streams of (seed, purpose, task, epoch, sample), so a run is
 * the same for any thread count, and {@link #writeState} after a task followed by
 * {@link #readState} in a fresh learner continues bit-identically.
 */
public final class ContinualLearner implements AutoCloseable {
    /**
     * Version 4 records the strategy's name; version 3 writes the strategy's state as a block its
     * reader must read to the end; version 2 records the scenario; versions 1 to 3 are still read.
     */
    private static final int STATE_VERSION = 4;
    private static final String STATE_KIND = "continual-learner";
    /**
     * A batch's mean cross-entropy past which training has diverged though the numbers are finite:
     * 10,000 nats per sample need logits 10,000 apart (an SGD learning rate of 1e30 gave 4e31 and
     * accuracies at chance, reported as a result). Distillation terms raise the bound by their
     * weight, as they add to the loss.
     */
    static final double MAX_LOSS = 1e4;

    private final LayeredNet net;
    private final Trainer trainer;
    private final ContinualStrategy strategy;
    private final Scenario scenario;
    private final long seed;
    private final int batchSize;
    private final List<TaskData> tasks = new ArrayList<>();
    private final boolean[] seen;
    private final float[][] lossGradient;
    private final Hooks hooks = new Hooks();
    private int batchIndex;
    private boolean inTask;
    private boolean closed;
    /** Set when a restore failed after it began to change the trainer: the learner must be discarded. */
    private boolean restoreFailed;
    /**
     * The tasks the state {@link #readState} restored covers, until {@link #restoreTasks} names them; -1: none read.
     */
    private int restored = -1;

    /**
     * Creates the learner and checks that the strategy works in the scenario and fits the network.
     *
     * @param net      the network (its weights are trained in place)
     * @param encoder  how samples become spikes or currents
     * @param options  trainer settings (threads, batch size, optimiser, seed, ...)
     * @param strategy the strategy
     * @param scenario the scenario
     * @throws EngramException if the strategy does not support the scenario, or its
     *                         hyperparameters do not fit the network's weight matrices
     */
    public ContinualLearner(LayeredNet net, Encoder encoder, TrainerOptions options, ContinualStrategy strategy,
                            Scenario scenario) {
        requireArgument("net", net);
        requireArgument("encoder", encoder);
        requireArgument("options", options);
        requireArgument("strategy", strategy);
        requireArgument("scenario", scenario);
        Support support = strategy.supports(scenario);
        if (!support.supported()) {
            throw new EngramException("strategy '" + strategy.name() + "'", "scenario",
                    "a scenario the strategy supports", configName(scenario.name()),
                    support.reason());
        }
        Support fit = strategy.fits(net.matrixCount());
        if (!fit.supported()) {
            throw new EngramException("strategy '" + strategy.name() + "'", "parameters",
                    "values that fit the network's " + net.matrixCount() + " weight matrices", "values that do not",
                    fit.reason());
        }
        this.net = net;
        this.strategy = strategy;
        this.scenario = scenario;
        this.seed = options.seed();
        this.batchSize = options.batchSize();
        this.trainer = new Trainer(net, encoder, options);
        this.trainer.setHooks(hooks);
        this.seen = new boolean[net.classes()];
        this.lossGradient = new float[net.matrixCount()][];
        for (int m = 0; m < lossGradient.length; m++) {
            lossGradient[m] = new float[net.weights(m).length];
        }
    }

    /** {@return the network being trained} */
    public LayeredNet net() {
        return net;
    }

    /** {@return the strategy} */
    public ContinualStrategy strategy() {
        return strategy;
    }

    /** {@return the number of tasks started so far} */
    public int tasksStarted() {
        return tasks.size();
    }

    /**
     * Starts the next task: records its data (strategies such as joint training read earlier
     * tasks) and calls the strategy's {@code beforeTask}.
     *
     * @param task the task; its index must be the number of tasks started so far
     * @throws org.engram.simulator.ParameterException if one of the task's classes is not a readout
     *         unit of the network; the learner is then unchanged
     * @throws StrategyFailed if the strategy's {@code beforeTask} throws; the task is then not
     *         started (what the hook itself changed stays changed)
     */
    public void startTask(TaskData task) {
        requireUsable();
        requireArgument("task", task);
        if (inTask) {
            throw new IllegalStateException("task " + (tasks.size() - 1) + " is not finished");
        }
        if (restored >= 0) {
            throw new IllegalStateException("the state read covers " + Plural.count(restored, "task")
                    + ": name them with restoreTasks before the next task starts");
        }
        if (task.index() != tasks.size()) {
            throw new IllegalArgumentException("expected task " + tasks.size() + ", got " + task.index());
        }
        requireReadoutClasses(task);
        requireHeadOfItsOwn(task);
        trainer.requireSamples("trainX", task.trainX());
        boolean[] seenBefore = seen.clone();
        tasks.add(task);
        for (int c : task.classes()) {
            seen[c] = true;
        }
        inTask = true;
        batchIndex = 0;
        try {
            strategy.beforeTask(context(task.index()));
        } catch (RuntimeException e) {
            // Not started: a retry starts it again, rather than training a task whose hook never finished.
            tasks.remove(tasks.size() - 1);
            System.arraycopy(seenBefore, 0, seen, 0, seen.length);
            inTask = false;
            throw failure("beforeTask", "task " + (task.index() + 1), e);
        }
    }

    /** Refuses a task with a class that is no readout unit of the network, before anything changes. */
    private void requireReadoutClasses(TaskData task) {
        for (int c : task.classes()) {
            if (c < 0 || c >= seen.length) {
                throw new ParameterException("task '" + task.name() + "'", "classes", "labels in [0, " + seen.length
                        + ") (the network's readout units)", c);
            }
        }
    }

    /**
     * Refuses, in task-incremental learning, a new task with a class of an earlier one: tasks that
     * share classes share readout units, one head, and strategies that leave each task's head to it
     * (GPM, HLOP, LwF's targets) would neither protect nor distil it rightly.
     */
    private void requireHeadOfItsOwn(TaskData task) {
        for (int c : task.classes()) {
            if (scenario == Scenario.TASK_INCREMENTAL && seen[c]) {
                throw new ParameterException("task '" + task.name() + "'", "classes", "classes no earlier task has "
                        + "(task-incremental learning gives each task a head of its own; tasks that share classes "
                        + "are domain-incremental, or take labels of their own, as the permuted and rotated "
                        + "sequences of the experiments do)", c + ", a class of task '" + earlierTaskOf(c) + "'");
            }
        }
    }

    /** The name of the first task with class {@code c}, a class seen: started and restored tasks mark theirs. */
    private String earlierTaskOf(int c) {
        for (TaskData t : tasks) {
            for (int k : t.classes()) {
                if (k == c) {
                    return t.name();
                }
            }
        }
        throw new IllegalStateException("class " + c + " is marked seen, but no task holds it");
    }

    /** Refuses a null argument by name, where it would fail later as a bare NullPointerException. */
    private static void requireArgument(String name, Object value) {
        ParameterException.requireNonNull("continual learner", name, value, "a value");
    }

    /** A closed learner, or one whose restore failed half way, refuses to be used. */
    private void requireUsable() {
        if (closed) {
            throw new IllegalStateException("the learner is closed");
        }
        if (restoreFailed) {
            throw new IllegalStateException("a restore into this learner failed after it began: discard it and make"
                    + " a new one");
        }
    }

    /**
     * Trains one epoch on the current task's training samples, in an order drawn from
     * {@code (seed, SHUFFLE, task, epoch)}.
     *
     * @param epoch the epoch within the task, from 0
     * @return mean loss and training accuracy of the epoch
     * @throws TrainingInterrupted if the thread is interrupted, between two batches
     */
    public EpochResult trainEpoch(int epoch) {
        return trainEpoch(epoch, samples -> { });
    }

    /**
     * Trains one epoch as {@link #trainEpoch(int)} does, telling a listener after every batch how
     * many of the task's own samples it held (for progress reports; it cannot change training).
     *
     * @param epoch      the epoch within the task, from 0
     * @param afterBatch receives the number of the task's samples in each finished batch
     * @return mean loss and training accuracy of the epoch
     * @throws TrainingDiverged if a batch leaves the loss or a weight outside the finite numbers
     *                          (or the loss past 10,000 nats per sample, more by the weight of
     *                          distillation terms)
     * @throws StrategyFailed   if one of the strategy's hooks throws; from {@code transformUpdate},
     *                          which runs after the optimiser, the learner is then left unable to
     *                          train or write its state (the optimiser's state is a step ahead of the
     *                          weights; see {@link Trainer#requireWholeSteps()}): make a new one
     * @throws IllegalStateException if an earlier batch failed so
     * @throws TrainingInterrupted if the thread is interrupted: the epoch stops before its next
     *                          batch, the batches before it trained whole, and the learner can go
     *                          on (a later {@code trainEpoch} starts an epoch from its first batch)
     */
    public EpochResult trainEpoch(int epoch, java.util.function.IntConsumer afterBatch) {
        requireUsable();
        trainer.requireWholeSteps();   // before any hook runs
        if (!inTask) {
            throw new IllegalStateException("call startTask first");
        }
        if (epoch < 0) {
            // The shuffle is drawn from the epoch: -1 would give every task the same order.
            throw new ParameterException("continual learner", "epoch", "an epoch within the task, >= 0", epoch);
        }
        requireArgument("afterBatch", afterBatch);
        TaskData task = tasks.get(tasks.size() - 1);
        SampleSet data = task.trainSet();
        int n = data.size();
        int[] order = shuffledOrder(n, task.index(), epoch);
        double lossSum = 0;
        long correct = 0;
        long samples = 0;
        for (int from = 0; from < n; from += batchSize) {
            if (Thread.currentThread().isInterrupted()) {
                throw new TrainingInterrupted(epoch, from / batchSize, TrainerOptions.batches(n, batchSize));
            }
            int[] indices = Arrays.copyOfRange(order, from, Math.min(n, from + batchSize));
            Batch batch = new Batch(task.index(), scenario, epoch, batchIndex++, data, indices);
            batch.setOracle(batchOracle(task.index(), batch.batchIndex()));
            batch.setOutputs((position, logits) -> trainer.logits(batch.input(position),
                    sampleStream(batch, position, epoch), logits));
            try {
                strategy.beforeBatch(batch);
            } catch (RuntimeException e) {
                throw failure("beforeBatch", batch.position(), e);
            }
            batch.seal();
            hooks.current = batch;
            org.engram.learning.train.Batch composed;
            try {
                composed = toTrainerBatch(batch, epoch);
            } catch (EngramException e) {
                // What beforeBatch appended, checked once the hook returned: said as the hook's own error.
                throw failure("beforeBatch", batch.position(), e);
            }
            BatchResult r = trainer.trainBatch(composed);
            hooks.current = null;
            try {
                strategy.afterBatch(batch);
            } catch (RuntimeException e) {
                throw failure("afterBatch", batch.position(), e);
            }
            if (!(r.meanLoss() <= MAX_LOSS * (1 + batch.largestTermWeight() + batch.outsideWeight()))) {
                throw TrainingDiverged.loss(strategy.name(), batch, r.meanLoss());
            }
            requireFiniteWeights(batch);
            afterBatch.accept(indices.length);
            lossSum += r.meanLoss() * r.samples();
            correct += r.correct();
            samples += r.samples();
        }
        return new EpochResult((int) samples, samples == 0 ? 0 : lossSum / samples,
                samples == 0 ? 0 : (double) correct / samples);
    }

    /**
     * Activity of every evaluation since this learner was made (see
     * {@link Trainer#inferenceActivity()}): samples, spikes, synaptic operations, multiply-accumulates.
     *
     * @return {@code {samples, spikes, synapticOperations, multiplyAccumulates}}
     */
    public long[] inferenceActivity() {
        return trainer.inferenceActivity();
    }

    /**
     * Ends the current task: the strategy's {@code afterTask} (consolidation, freezing).
     *
     * @throws StrategyFailed if the strategy's {@code afterTask} throws
     */
    public void finishTask() {
        requireUsable();
        if (!inTask) {
            throw new IllegalStateException("no task to finish");
        }
        try {
            strategy.afterTask(context(tasks.size() - 1));
        } catch (RuntimeException e) {
            throw failure("afterTask", "task " + tasks.size(), e);
        }
        inTask = false;
    }

    /**
     * What the strategy's code threw in a hook, said with where it was. A user error found in the
     * hook (an {@link EngramException}: a setting the strategy refuses, a sample the batch refuses)
     * stays one, with the place said before its message; the strategy's own reports of divergence
     * pass as they are.
     */
    private RuntimeException failure(String hook, String where, RuntimeException e) {
        String who = who();
        String when = hook + " (" + where + ")";
        if (e instanceof StrategyDiverged || e instanceof TrainingDiverged || e instanceof StrategyFailed) {
            return e;
        }
        if (e instanceof EngramException) {
            return new EngramException(who + " in " + when + ": " + e.getMessage(), e);
        }
        return new StrategyFailed(who + " failed in " + when + ": " + e, e);
    }

    /** The strategy's name and class, as messages about its code give them. */
    private String who() {
        return "strategy '" + strategy.name() + "' (" + strategy.getClass().getName() + ")";
    }

    /**
     * Refuses weights a batch left outside the finite numbers (an update too large, or a
     * strategy's hook that made NaN): their neurons fall silent, so the loss, which then stays
     * finite, would not tell. One pass over the weights per batch, about 1% of its training.
     */
    private void requireFiniteWeights(Batch batch) {
        for (int m = 0; m < net.matrixCount(); m++) {
            float[] w = net.weights(m);
            for (int i = 0; i < w.length; i++) {
                if (!Float.isFinite(w[i])) {
                    throw TrainingDiverged.weight(strategy.name(), batch, m, i, w[i]);
                }
            }
        }
    }

    /**
     * The test accuracy on a task, with the readout masked as the scenario prescribes: to the task's
     * classes (task-incremental), to every class seen so far (class-incremental, so a task whose
     * classes are not seen yet scores 0; before the first task, to the task's classes), or not at all
     * (domain-incremental).
     *
     * @param task any task of the sequence (also one not trained yet)
     * @return the fraction of its test samples classified correctly
     * @throws ParameterException if the task has no test samples, or a class that is no readout unit
     */
    public double evaluate(TaskData task) {
        requireUsable();
        requireArgument("task", task);
        requireReadoutClasses(task);
        if (task.testX().length == 0) {
            throw new ParameterException("task '" + task.name() + "'", "testX", "at least one test sample to measure"
                    + " an accuracy on", 0);
        }
        return trainer.evaluate(task.testX(), task.testY(), evaluationMask(task));
    }

    /** The classes a task's samples may be assigned to, or null for all. */
    private boolean[] evaluationMask(TaskData task) {
        return switch (scenario) {
            case TASK_INCREMENTAL -> classMask(task.classes());
            case CLASS_INCREMENTAL -> anySeen() ? seen.clone() : classMask(task.classes());
            case DOMAIN_INCREMENTAL -> null;
        };
    }

    private boolean anySeen() {
        for (boolean s : seen) {
            if (s) {
                return true;
            }
        }
        return false;
    }

    /**
     * The oracle a batch offers its strategy in {@code beforeBatch}, at the weights its step starts
     * from (the trainer's gradient buffers are filled again by the step's own pass, after the hook).
     * A sample's encoding is keyed as an appended sample's is, by the batch and its position in the
     * call, with an epoch number of the current task's own ({@code Integer.MIN_VALUE + 1 + task}),
     * which neither training (from 0), evaluation (-1) nor the task-boundary oracle
     * ({@code Integer.MIN_VALUE}) uses.
     */
    private GradientOracle batchOracle(int task, int batch) {
        int epochKey = Integer.MIN_VALUE + 1 + task;
        return new LearnerOracle(scenario, net, trainer, this::trainingMask, (sampleTask, sample, position)
                -> encodingStream(seed, sampleTask, appendedSample(batch, position), epochKey));
    }

    /** What the strategy sees at the boundary of task {@code taskIndex}. */
    private TaskBoundaryContext context(int taskIndex) {
        return new TaskBoundaryContext(taskIndex, scenario, seed, tasks, net, trainer, this::trainingMask);
    }

    private boolean[] trainingMask(int task) {
        return switch (scenario) {
            case TASK_INCREMENTAL -> classMask(tasks.get(task).classes());
            case CLASS_INCREMENTAL -> seen.clone();
            case DOMAIN_INCREMENTAL -> null;
        };
    }

    private boolean[] classMask(int[] classes) {
        boolean[] mask = new boolean[net.classes()];
        for (int c : classes) {
            mask[c] = true;
        }
        return mask;
    }

    private org.engram.learning.train.Batch toTrainerBatch(Batch batch, int epoch) {
        int size = batch.size();
        float[][] x = new float[size][];
        int[] y = new int[size];
        long[] streams = new long[size];
        boolean[][] masks = scenario == Scenario.DOMAIN_INCREMENTAL && !batch.anyNarrowed() ? null
                : new boolean[size][];
        boolean[][] byTask = new boolean[tasks.size()][];
        NarrowedMasks narrowed = batch.anyNarrowed() ? new NarrowedMasks() : null;
        org.engram.learning.train.LogitTerm[][] terms = null;
        boolean weighted = batch.anyOutsideMean();
        float[] classWeights = weighted ? new float[size] : null;
        boolean[] outside = weighted ? new boolean[size] : null;
        for (int i = 0; i < size; i++) {
            x[i] = batch.input(i);
            y[i] = batch.label(i);
            int sampleTask = batch.task(i);
            if (i >= batch.ownSize()) {
                requireClassOf(sampleTask, batch.label(i), i);
            }
            streams[i] = sampleStream(batch, i, epoch);
            if (masks != null) {
                if (byTask[sampleTask] == null) {
                    byTask[sampleTask] = trainingMask(sampleTask);
                }
                boolean[] classes = batch.narrowedClasses(i);
                masks[i] = classes == null ? byTask[sampleTask]
                        : narrowed.of(byTask[sampleTask], classes, batch.label(i), i);
            }
            LogitMatch match = weighted ? batch.logitMatch(i) : null;
            int k = batch.distillationTargetCount(i);
            int count = k + (match == null ? 0 : 1);
            if (count > 0) {
                if (terms == null) {
                    terms = new org.engram.learning.train.LogitTerm[size][];
                }
                terms[i] = new org.engram.learning.train.LogitTerm[count];
                for (int j = 0; j < k; j++) {
                    DistillationTarget target = batch.distillationTarget(i, j);
                    terms[i][j] = requireOwnUnits(target, target.units(), "distillation term", i);
                }
                if (match != null) {
                    terms[i][k] = requireOwnUnits(match, match.units(), "logit match", i);
                }
            }
            if (weighted) {
                classWeights[i] = batch.classWeight(i);
                outside[i] = batch.outsideMean(i);
            }
        }
        return new org.engram.learning.train.Batch(x, y, streams, masks, terms, classWeights, outside);
    }

    /**
     * The training masks a strategy narrowed ({@link BatchContext#narrowClasses}), each the intersection
     * of a sample's training mask with the classes it was narrowed to; samples narrowed alike (a
     * batch's own samples, one task's mask and one array of classes) share one.
     */
    private final class NarrowedMasks {
        private boolean[] lastBase;
        private boolean[] lastClasses;
        private boolean[] last;

        /**
         * The mask of one narrowed sample, checked.
         *
         * @param base     the sample's training mask, {@code null} for every class (domain-incremental)
         * @param classes  the classes the strategy narrowed it to
         * @param label    the sample's label, which the result must allow
         * @param position the sample's position in the batch, for messages
         * @return the classes both allow
         * @throws ParameterException if {@code classes} is not one flag per readout unit, or leaves the label out
         */
        boolean[] of(boolean[] base, boolean[] classes, int label, int position) {
            if (base == lastBase && classes == lastClasses && last[label]) {
                return last;
            }
            String who = "strategy '" + strategy.name() + "': the classes narrowed at batch position " + position;
            if (classes.length != net.classes()) {
                throw new ParameterException(who, "classes", "one flag per readout unit (" + net.classes() + ")",
                        classes.length);
            }
            boolean[] mask = new boolean[classes.length];
            for (int c = 0; c < mask.length; c++) {
                mask[c] = classes[c] && (base == null || base[c]);
            }
            if (!mask[label]) {
                throw new ParameterException(who, "classes", "classes of its training mask that include its label "
                        + label, Arrays.toString(classes));
            }
            lastBase = base;
            lastClasses = classes;
            last = mask;
            return mask;
        }
    }

    /**
     * The encoding stream of a batch's sample in an epoch: an own sample's by its index in the task's
     * data, an appended one's by its position in the batch.
     */
    private long sampleStream(Batch batch, int position, int epoch) {
        int index = batch.sampleIndex(position);
        long sample = index >= 0 ? index : appendedSample(batch.batchIndex(), position);
        return encodingStream(seed, batch.task(position), sample, epoch);
    }

    /** A sample a strategy appended must carry a label of its task, which the readout is masked to. */
    private void requireClassOf(int task, int label, int position) {
        for (int c : tasks.get(task).classes()) {
            if (c == label) {
                return;
            }
        }
        throw new ParameterException("the sample appended at batch position " + position, "label",
                "a class of task " + (task + 1) + " " + Arrays.toString(tasks.get(task).classes()), label);
    }

    /** A term's units must be readout units of the network. */
    private <T> T requireOwnUnits(T term, int[] units, String kind, int position) {
        for (int u : units) {
            if (u >= net.classes()) {
                throw new ParameterException("strategy '" + strategy.name() + "': the " + kind + " at batch"
                        + " position " + position, "units", "readout units in [0, " + net.classes() + ")", u);
            }
        }
        return term;
    }

    /**
     * The encoding stream of a sample of a task in an epoch. Every (task, sample, epoch) has its own
     * stream however many tasks, epochs and batches a run has.
     *
     * @param seed   the run's seed
     * @param task   the task the sample belongs to
     * @param sample its index in the task's data, or {@link #appendedSample} for a sample a strategy
     *               appended to a batch
     * @param epoch  the epoch, or {@code Integer.MIN_VALUE} for consolidation passes
     * @return the stream's starting state
     */
    static long encodingStream(long seed, int task, long sample, int epoch) {
        return Encoder.streamState(seed, RandomStreams.pairIndex(task, sample), epoch);
    }

    /**
     * The sample key of a sample appended to a batch (replay): keyed by the batch (counted across
     * the task's epochs) and the position in it, and negative, so it never equals a dataset index.
     *
     * @param batchIndex the batch's index within its task, {@code >= 0}
     * @param position   the sample's position in the batch, {@code >= 0}
     * @return the key
     */
    static long appendedSample(int batchIndex, int position) {
        return -1L - (((long) batchIndex << 32) | position);
    }

    private int[] shuffledOrder(int n, int task, int epoch) {
        return RandomStreams.of(seed, Purpose.SHUFFLE, ((long) task << 32) | epoch).permutation(n);
    }

    /**
     * Writes everything needed to continue after the last finished task: the scenario, the trainer's
     * state (weights, optimiser, step; see {@link TrainingCheckpoint}), the classes seen, and the
     * strategy's state. The stream carries no checksum: a file of it framed by
     * {@link org.engram.learning.io.Envelope} has one, which {@code Envelope.read} checks.
     *
     * @param out the stream
     * @throws IOException if writing fails
     * @throws IllegalStateException during a task, or once a batch failed after the optimiser had run
     *                               (see {@link #trainEpoch(int, java.util.function.IntConsumer)})
     */
    public void writeState(DataOutput out) throws IOException {
        requireUsable();
        trainer.requireWholeSteps();   // before a byte is written
        requireArgument("out", out);
        if (inTask) {
            throw new IllegalStateException("state is written between tasks");
        }
        StateCodec.writeHeader(out, STATE_KIND, STATE_VERSION);
        out.writeInt(tasks.size());
        out.writeUTF(scenario.name());
        out.writeUTF(strategy.name());
        TrainingCheckpoint.write(trainer, out);
        for (boolean s : seen) {
            out.writeBoolean(s);
        }
        out.writeBoolean(strategy instanceof Checkpointable);
        if (strategy instanceof Checkpointable c) {
            StrategyState.write(out, c, who());
        }
    }

    /**
     * Restores state written by {@link #writeState}; the tasks it covered must then be passed to
     * {@link #restoreTasks} so strategies that revisit old data (joint training) see them. A
     * learner whose restore failed after the header and scenario were accepted is unusable: its
     * other methods then throw {@link IllegalStateException}, and it must be discarded.
     *
     * <p>Only a fresh learner (no task started) can be restored; {@link IllegalStateException}
     * otherwise, before anything changes.
     *
     * @param in the stream
     * @return the number of tasks the state covers
     * @throws IOException     if reading fails or ends early (an {@link EOFException} saying so), or
     *                         the state was written with a strategy of another statefulness
     * @throws EngramException if the state was written by another kind of object or format version,
     *                         or for another scenario, network, optimiser or strategy (by name:
     *                         states written before format version 4 carry no strategy name, and a
     *                         stateless strategy's state of those is read by another's learner)
     */
    public int readState(DataInput in) throws IOException {
        requireUsable();
        requireArgument("in", in);
        requireFresh();
        try {
            return readFresh(in);
        } catch (EOFException e) {
            // The stream's own EOFException has no message: a cut-short copy would be reported as "null".
            EOFException early = new EOFException("learner state: the stream ended before the state did (a truncated"
                    + " or partly copied state: readState needs every byte writeState wrote)");
            early.initCause(e);
            throw early;
        }
    }

    /** {@link #readState} once the learner is known to be fresh. */
    private int readFresh(DataInput in) throws IOException {
        int version = StateCodec.readHeader(in, STATE_KIND, STATE_VERSION);
        int done = in.readInt();
        if (version >= 2) {
            requireScenario(in.readUTF());
        }
        if (version >= 4) {
            requireStrategy(in.readUTF());
        }
        try {
            TrainingCheckpoint.read(trainer, in, "checkpoint", Long.MAX_VALUE);
            boolean[] seenClasses = new boolean[seen.length];
            for (int c = 0; c < seenClasses.length; c++) {
                seenClasses[c] = in.readBoolean();
            }
            boolean hasStrategyState = in.readBoolean();
            if (hasStrategyState != (strategy instanceof Checkpointable)) {
                throw new IOException("checkpoint was written by a strategy " + (hasStrategyState ? "with" : "without")
                        + " state; '" + strategy.name() + "' is not");
            }
            if (strategy instanceof Checkpointable c) {
                if (version >= 3) {
                    StrategyState.read(in, c, who());
                } else {
                    c.readState(in);   // written inline before version 3
                }
            }
            System.arraycopy(seenClasses, 0, seen, 0, seen.length);
        } catch (IOException | RuntimeException e) {
            // The trainer may hold the state's weights by now: training on would mix two runs without a word.
            restoreFailed = true;
            throw e;
        }
        restored = done;
        return done;
    }

    /**
     * Re-registers the tasks a restored state covers, without training or calling hooks.
     *
     * @param done the finished tasks, in order: as many as {@link #readState} returned, indexed from 0
     * @throws IllegalStateException    without a state read first (training would go on from the
     *                                  untrained weights as if these tasks were done)
     * @throws IllegalArgumentException if the tasks are not the ones the state covers
     */
    public void restoreTasks(List<TaskData> done) {
        requireUsable();
        requireArgument("done", done);
        requireFresh();
        if (restored < 0) {
            throw new IllegalStateException("restoreTasks names the tasks of a state readState restored; "
                    + "none was read");
        }
        if (done.size() != restored) {
            throw new IllegalArgumentException("expected as many tasks as the state covers, " + restored + ", given "
                    + done.size());
        }
        boolean[] held = new boolean[seen.length];
        for (int t = 0; t < done.size(); t++) {
            requireArgument("done[" + t + "]", done.get(t));
            requireReadoutClasses(done.get(t));
            if (done.get(t).index() != t) {
                throw new IllegalArgumentException("task " + t + " of the state given as a task of index "
                        + done.get(t).index());
            }
            for (int c : done.get(t).classes()) {
                held[c] = true;
            }
        }
        // The state keeps the classes its tasks held: other tasks would be scored and masked as if trained.
        if (!Arrays.equals(held, seen)) {
            throw new IllegalArgumentException("expected tasks of the classes the state's tasks held, "
                    + classList(seen) + ", given tasks of " + classList(held));
        }
        tasks.addAll(done);
        restored = -1;
    }

    /** The classes marked, as {@code [0, 1]}. */
    private static String classList(boolean[] marked) {
        return Arrays.toString(IntStream.range(0, marked.length).filter(c -> marked[c]).toArray());
    }

    /**
     * Refuses a state trained in another scenario: its readout was trained with other units
     * competing (task-incremental masks the other tasks' classes), so training on would mix the two
     * without a word.
     */
    private void requireScenario(String written) {
        if (!scenario.name().equals(written)) {
            throw new EngramException("checkpoint", "scenario", configName(scenario.name()), configName(written),
                    "the state was trained in another scenario; resume it in the same one, or start afresh");
        }
    }

    /**
     * Refuses a state trained with another strategy, stateless ones included, which leave nothing
     * else in the state to tell them apart: joint training resumed from naive training's state would
     * go on as if it had revisited the earlier tasks all along.
     */
    private void requireStrategy(String written) {
        if (!strategy.name().equals(written)) {
            throw new EngramException("checkpoint", "strategy", "'" + strategy.name() + "'", "'" + written + "'",
                    "the state was trained with another strategy; resume it with the same one, or start afresh");
        }
    }

    /** A scenario as configs name it: {@code TASK_INCREMENTAL} is {@code task_incremental}. */
    private static String configName(String scenarioName) {
        return scenarioName.toLowerCase(java.util.Locale.ROOT);
    }

    /** A restore goes into a learner that has started no task: its tasks would not match the state's. */
    private void requireFresh() {
        if (!tasks.isEmpty() || inTask) {
            throw new IllegalStateException("restore into a fresh learner only (this one has started "
                    + Plural.count(tasks.size(), "task") + ")");
        }
    }

    /** Stops the trainer's threads; training or evaluating afterwards throws {@link IllegalStateException}. */
    @Override
    public void close() {
        closed = true;
        trainer.close();
    }

    /** Forwards the trainer's per-step callbacks to the strategy. */
    private final class Hooks implements TrainingHooks {
        Batch current;

        @Override
        public boolean needsActivity() {
            return strategy.needsActivity();
        }

        @Override
        public void addPenaltyGradient(int matrix, float[] weights, float[] grad) {
            System.arraycopy(grad, 0, lossGradient[matrix], 0, grad.length);
            if (matrix == lossGradient.length - 1 && current != null) {
                current.setLossGradient(lossGradient);
            }
            try {
                strategy.addPenaltyGradient(matrix, weights, grad);
            } catch (RuntimeException e) {
                throw failure("addPenaltyGradient", where(matrix), e);
            }
            requireFiniteWhereLossIs("addPenaltyGradient", matrix, grad);
        }

        @Override
        public void transformGradient(float[][] grad) {
            try {
                strategy.transformGradient(grad);
            } catch (RuntimeException e) {
                throw failure("transformGradient", current == null ? "" : current.position(), e);
            }
            for (int m = 0; m < grad.length; m++) {
                requireFiniteWhereLossIs("transformGradient", m, grad[m]);
            }
        }

        /**
         * Found here, a NaN is the hook's; found in the weights after the batch, it would be blamed on the
         * learning rate as well.
         */
        private void requireFiniteWhereLossIs(String hook, int matrix, float[] grad) {
            float[] loss = lossGradient[matrix];
            for (int i = 0; i < grad.length; i++) {
                if (!Float.isFinite(grad[i]) && Float.isFinite(loss[i])) {
                    throw TrainingDiverged.gradientHook(hook, strategy.name(), who(), where(matrix), i, grad[i],
                            loss[i]);
                }
            }
        }

        @Override
        public void transformUpdate(int matrix, float[] update, org.engram.learning.train.LayerActivity activity) {
            try {
                strategy.transformUpdate(matrix, update, activity == null ? null
                        : new TrainerActivity(matrix, activity, current));
            } catch (RuntimeException e) {
                throw failure("transformUpdate", where(matrix), e);
            }
        }

        private String where(int matrix) {
            return (current == null ? "" : current.position() + ", ") + "matrix " + matrix;
        }
    }
}
