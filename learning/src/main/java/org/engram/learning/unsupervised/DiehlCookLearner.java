package org.engram.learning.unsupervised;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.function.IntConsumer;
import org.engram.learning.continual.ImportanceGating;
import org.engram.learning.continual.ModelView;
import org.engram.learning.continual.TaskData;
import org.engram.learning.io.StateCodec;
import org.engram.learning.io.WeightsDigest;
import org.engram.learning.train.TrainingInterrupted;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;

/**
 * The Diehl and Cook network as a continual learner: it learns a sequence of tasks by unsupervised
 * STDP and is evaluated, after each task, by labelling its neurons and classifying by votes.
 *
 * <p>Training a task shows each of its training samples once per pass to a learning network that
 * starts from the weights and thresholds the previous task left. Labels are never used in
 * training. Evaluation freezes the network, labels the neurons ({@link NeuronVotes}) with the
 * first {@code labelPerTask} training samples of every task seen so far, and classifies every
 * task's test samples; an unlabelled prediction counts as wrong. Labelling with all tasks seen,
 * not only the latest, keeps the protocol class-incremental (all classes seen so far compete) and
 * makes forgetting measure what STDP overwrote in the weights: with the latest task only, every
 * neuron would carry a new class and old tasks would drop to 0 whatever the weights kept. The
 * labelled samples act only on the vote, never on the weights.
 *
 * <p>With {@link ImportanceGating} each input synapse's STDP change is multiplied by
 * {@code 1 / (1 + c I)}, {@code I} the |dw| of STDP it accumulated in earlier tasks. The weight
 * normalisation after each sample and the adaptive thresholds are not gated.
 *
 * <p>Streams: initial weights from {@code (seed, WEIGHT_INIT, 0)}, the input spike trains of
 * task {@code t}'s training from {@code (seed, POISSON_INPUT, t)} and of the evaluation after
 * {@code k} tasks from {@code (seed, ENCODING, k)}, so a learner restored after a task continues
 * exactly as one that never stopped.
 */
public final class DiehlCookLearner implements AutoCloseable {
    private static final String NAME = "diehl_cook learner";
    private static final String STATE_KIND = "diehl_cook_learner";
    private static final int STATE_VERSION = 1;

    private final DiehlCookParams params;
    private final int inputs;
    private final int classes;
    private final int labelPerTask;
    private final long seed;
    private final int threads;
    private final ImportanceGating gating;
    private float[] weights;
    private double[] thresholds;
    private int tasksDone;
    private DiehlCookNetwork training;
    /** Passes begun in the current task. */
    private int passes;
    private long inferenceSamples;
    private long inferenceSpikes;
    private long inferenceSynapticOperations;
    private boolean countingActivity;

    /**
     * Creates a learner with the network's random initial weights.
     *
     * @param params       the network
     * @param inputs       inputs (pixels) per sample, {@code >= 1}
     * @param classes      number of classes of the whole sequence, {@code >= 1}
     * @param labelPerTask training samples per seen task that label the neurons (the first ones); 0: all
     * @param seed         the seed
     * @param threads      engine worker threads, in {@code [1, EngineOptions.MAX_THREADS]}
     * @param gating       importance gating of the STDP changes, or {@code null} for plain STDP
     */
    public DiehlCookLearner(DiehlCookParams params, int inputs, int classes, int labelPerTask, long seed, int threads,
                            ImportanceGating gating) {
        requireAtLeast("inputs", inputs, 1);
        requireAtLeast("classes", classes, 1);
        requireAtLeast("label_per_task", labelPerTask, 0);
        EngineOptions.requireThreads(NAME, threads);
        this.params = params;
        this.inputs = inputs;
        this.classes = classes;
        this.labelPerTask = labelPerTask;
        this.seed = seed;
        this.threads = threads;
        this.gating = gating;
        try (DiehlCookNetwork net = new DiehlCookNetwork(params, inputs, RandomStreams.streamState(seed,
                Purpose.WEIGHT_INIT, 0), EngineOptions.grid(threads), true, null, null)) {
            weights = net.inputWeights();
            thresholds = net.thresholds();
        }
    }

    private static void requireAtLeast(String key, int value, int min) {
        if (value < min) {
            throw new ParameterException(NAME, key, "an integer >= " + min, value);
        }
    }

    /** {@return the number of tasks trained} */
    public int tasksDone() {
        return tasksDone;
    }

    /**
     * Starts the next task: a learning network from the current weights and thresholds.
     *
     * @throws IllegalStateException if a task is running
     */
    public void startTask() {
        if (training != null) {
            throw new IllegalStateException("finish the running task first");
        }
        if (gating != null) {
            gating.startTask(ModelView.singleLayer(inputs, params.neurons(), weights));
        }
        passes = 0;
        training = new DiehlCookNetwork(params, inputs, RandomStreams.streamState(seed, Purpose.POISSON_INPUT,
                tasksDone), EngineOptions.grid(threads), true, weights, thresholds,
                gating == null ? null : gating.gate(0));
    }

    /**
     * Shows every sample once to the learning network, in order.
     *
     * @param x           the task's training samples, intensities in [0, 1]
     * @param afterSample called with 1 after each sample (progress)
     * @throws TrainingInterrupted if the thread is interrupted: the sample being shown is shown whole
     *                             (rest and normalisation included) and the pass stops before the next
     *                             one; its epoch is the pass's number within the task, from 0, and the
     *                             learner can go on (a later pass starts at the first sample)
     */
    public void trainPass(float[][] x, IntConsumer afterSample) {
        if (training == null) {
            throw new IllegalStateException("start a task first");
        }
        int pass = passes++;
        for (int s = 0; s < x.length; s++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new TrainingInterrupted(pass, s, x.length, "samples");
            }
            training.present(x[s]);
            afterSample.accept(1);
        }
    }

    /** Ends the task: keeps its weights and thresholds and adds its changes to the importance. */
    public void finishTask() {
        if (training == null) {
            throw new IllegalStateException("start a task first");
        }
        weights = training.inputWeights();
        thresholds = training.thresholds();
        training.close();
        training = null;
        if (gating != null) {
            gating.finishTask();
        }
        tasksDone++;
    }

    /**
     * Labels the frozen network with the first tasks' training samples and classifies every task's
     * test samples.
     *
     * @param tasks      every task of the sequence
     * @param labelTasks how many tasks, from the first, label the neurons
     * @return the fraction of each task's test samples classified correctly (an interrupt of the
     *         thread does not cut it short, and its status stays set)
     */
    public double[] evaluate(List<TaskData> tasks, int labelTasks) {
        double[] accuracy = new double[tasks.size()];
        try (DiehlCookNetwork net = new DiehlCookNetwork(params, inputs, RandomStreams.streamState(seed,
                Purpose.ENCODING, tasksDone), EngineOptions.grid(threads), false, weights, thresholds)) {
            net.observe((population, neuron, timeMs) -> {
                if (countingActivity) {
                    inferenceSpikes++;
                    inferenceSynapticOperations += net.fanOut(population);
                }
            });
            NeuronVotes votes = new NeuronVotes(classes, params.neurons());
            for (int t = 0; t < labelTasks; t++) {
                TaskData task = tasks.get(t);
                int n = labelPerTask == 0 ? task.trainX().length : Math.min(labelPerTask, task.trainX().length);
                for (int s = 0; s < n; s++) {
                    votes.record(task.trainY()[s], net.present(task.trainX()[s]));
                }
            }
            int[] labels = votes.labels();
            for (int t = 0; t < accuracy.length; t++) {
                TaskData task = tasks.get(t);
                int correct = 0;
                for (int s = 0; s < task.testX().length; s++) {
                    countingActivity = true;
                    int[] counts = net.present(task.testX()[s]);
                    countingActivity = false;
                    correct += NeuronVotes.classify(labels, classes, counts) == task.testY()[s] ? 1 : 0;
                }
                inferenceSamples += task.testX().length;
                accuracy[t] = task.testX().length == 0 ? 0 : (double) correct / task.testX().length;
            }
        }
        return accuracy;
    }

    /**
     * The activity of classifying test samples so far (presentations, repetitions and rests
     * included; labelling excluded): samples, spikes of every population (inputs included) and
     * synaptic operations (one per spike and outgoing synapse).
     *
     * @return {samples, spikes, synaptic operations}
     */
    public long[] inferenceActivity() {
        return new long[] {inferenceSamples, inferenceSpikes, inferenceSynapticOperations};
    }

    /** {@return the hex SHA-256 over the input weights' float bits (big-endian, CSR order)} */
    public String weightsHash() {
        return WeightsDigest.of(weights);
    }

    /**
     * Writes what continuing after the last finished task needs: the tasks done, weights,
     * thresholds and the gating's importance.
     *
     * @param out the stream
     * @throws IOException if writing fails
     */
    public void writeState(DataOutput out) throws IOException {
        if (training != null) {
            throw new IllegalStateException("state is written between tasks");
        }
        StateCodec.writeHeader(out, STATE_KIND, STATE_VERSION);
        out.writeInt(tasksDone);
        StateCodec.writeFloats(out, weights);
        StateCodec.writeDoubles(out, thresholds);
        out.writeBoolean(gating != null);
        if (gating != null) {
            gating.writeState(out);
        }
    }

    /**
     * Restores state written by {@link #writeState} into a learner built with the same settings.
     *
     * @param in the stream
     * @return the number of tasks the state covers
     * @throws IOException     if reading fails or ends early, or the state was written with
     *                         importance gating and this learner has none (or the reverse)
     * @throws org.engram.simulator.EngramException if the state was written by another kind of
     *                         object or format version, or for another network size
     */
    public int readState(DataInput in) throws IOException {
        StateCodec.readHeader(in, STATE_KIND, STATE_VERSION);
        int done = in.readInt();
        float[] w = StateCodec.requirePresent(STATE_KIND, "input weights", StateCodec.readFloats(in));
        double[] th = StateCodec.requirePresent(STATE_KIND, "thresholds", StateCodec.readDoubles(in));
        StateCodec.requireShape(STATE_KIND, "input weights", weights.length, w.length);
        StateCodec.requireShape(STATE_KIND, "thresholds", thresholds.length, th.length);
        if (in.readBoolean() != (gating != null)) {
            throw new IOException("the checkpoint was written " + (gating == null ? "with" : "without")
                    + " importance gating; this learner is not");
        }
        if (gating != null) {
            gating.readState(in);
        }
        weights = w;
        thresholds = th;
        tasksDone = done;
        return done;
    }

    @Override
    public void close() {
        if (training != null) {
            training.close();
            training = null;
        }
    }
}
