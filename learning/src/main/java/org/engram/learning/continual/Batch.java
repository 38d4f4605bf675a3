package org.engram.learning.continual;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.engram.simulator.ParameterException;

/**
 * A ready-made {@link BatchContext} for trainers: the current task's samples of one batch plus
 * whatever strategies append, distillation terms, and the batch's loss gradient.
 *
 * <p>Use: create it with the batch's sample indices, give it the trainer's gradient oracle with
 * {@link #setOracle} (strategies such as A-GEM need one), call {@code beforeBatch}, train on
 * {@code size()} samples, call {@link #setLossGradient} with the task-loss gradient, then
 * {@code afterBatch}. Not thread-safe; one batch belongs to one trainer thread.
 */
public final class Batch implements BatchContext {
    private final int taskIndex;
    private final Scenario scenario;
    private final int epoch;
    private final int batchIndex;
    private final int ownSize;
    private final List<float[]> inputs = new ArrayList<>();
    private int[] labels;
    private int[] tasks;
    private int[] sampleIndices;
    /** Per sample: whether it is outside the batch mean, its class weight and its logit match. */
    private boolean[] outside;
    private float[] classWeights;
    private LogitMatch[] matches;
    private boolean anyOutside;
    /** Per sample, the classes a strategy narrowed its cross-entropy to, or {@code null}. */
    private boolean[][] narrowed;
    private boolean anyNarrowed;
    private final List<List<DistillationTarget>> targets = new ArrayList<>();
    private float[][] lossGradient;
    private GradientOracle oracle;
    private SampleOutputs outputs;
    /** Set once {@code beforeBatch} is over: what is appended or attached later would not be trained on. */
    private boolean sealed;
    /** The length of every input vector: the task's, or the first appended one's in a batch of none. */
    private int inputLength = -1;

    /**
     * Creates a batch of the current task's samples.
     *
     * @param taskIndex  the current task index
     * @param scenario   the scenario
     * @param epoch      the epoch within the task, from 0
     * @param batchIndex the batch index within the task, from 0, across epochs
     * @param data       the current task's training samples
     * @param samples    indices into {@code data} of the batch's samples (copied)
     */
    public Batch(int taskIndex, Scenario scenario, int epoch, int batchIndex, SampleSet data, int[] samples) {
        this.taskIndex = taskIndex;
        this.scenario = scenario;
        this.epoch = epoch;
        this.batchIndex = batchIndex;
        this.ownSize = samples.length;
        this.labels = new int[Math.max(4, samples.length)];
        this.tasks = new int[labels.length];
        this.sampleIndices = new int[labels.length];
        this.outside = new boolean[labels.length];
        this.classWeights = new float[labels.length];
        this.matches = new LogitMatch[labels.length];
        this.narrowed = new boolean[labels.length][];
        Arrays.fill(classWeights, 1f);
        for (int i = 0; i < samples.length; i++) {
            inputs.add(data.input(samples[i]));
            inputLength = inputs.get(i).length;
            labels[i] = data.label(samples[i]);
            tasks[i] = data.task();
            sampleIndices[i] = samples[i];
            targets.add(null);
        }
    }

    @Override
    public int taskIndex() {
        return taskIndex;
    }

    @Override
    public Scenario scenario() {
        return scenario;
    }

    @Override
    public int epoch() {
        return epoch;
    }

    @Override
    public int batchIndex() {
        return batchIndex;
    }

    @Override
    public int size() {
        return inputs.size();
    }

    @Override
    public int ownSize() {
        return ownSize;
    }

    @Override
    public float[] input(int i) {
        return inputs.get(i);
    }

    @Override
    public int label(int i) {
        checkIndex(i);
        return labels[i];
    }

    @Override
    public int task(int i) {
        checkIndex(i);
        return tasks[i];
    }

    @Override
    public int sampleIndex(int i) {
        checkIndex(i);
        return sampleIndices[i];
    }

    @Override
    public void append(float[] input, int label, int task) {
        add("append", input, label, task);
    }

    @Override
    public void appendOutsideMean(float[] input, int label, int task, double classWeight, LogitMatch match) {
        if (!(classWeight >= 0 && classWeight < Double.POSITIVE_INFINITY)) {
            throw new ParameterException("batch", "appendOutsideMean: classWeight", "a finite weight >= 0",
                    classWeight);
        }
        int n = add("appendOutsideMean", input, label, task);
        outside[n] = true;
        classWeights[n] = (float) classWeight;
        matches[n] = match;
        anyOutside = true;
    }

    /** Appends a sample after the checks, in the batch mean until the caller marks it outside; returns its position. */
    private int add(String call, float[] input, int label, int task) {
        requireOpen(call);
        if (input == null || inputLength >= 0 && input.length != inputLength) {
            throw new ParameterException("batch", call + ": input", "an input vector as long as the task's ("
                    + inputLength + ")", input == null ? "null" : input.length);
        }
        if (task < 0 || task > taskIndex) {
            throw new ParameterException("batch", call + ": task", "a task started so far, in [0, " + taskIndex
                    + "]", task);
        }
        inputLength = input.length;
        int n = inputs.size();
        if (n == labels.length) {
            int grown = 2 * n;
            labels = Arrays.copyOf(labels, grown);
            tasks = Arrays.copyOf(tasks, grown);
            sampleIndices = Arrays.copyOf(sampleIndices, grown);
            outside = Arrays.copyOf(outside, grown);
            classWeights = Arrays.copyOf(classWeights, grown);
            Arrays.fill(classWeights, n, grown, 1f);
            matches = Arrays.copyOf(matches, grown);
            narrowed = Arrays.copyOf(narrowed, grown);
        }
        inputs.add(input);
        labels[n] = label;
        tasks[n] = task;
        sampleIndices[n] = -1;
        targets.add(null);
        return n;
    }

    @Override
    public void narrowClasses(int i, boolean[] classes) {
        requireOpen("narrowClasses");
        checkIndex(i);
        narrowed[i] = ParameterException.requireNonNull("batch", "narrowClasses: classes", classes,
                "one flag per readout unit");
        anyNarrowed = true;
    }

    /** @return whether a strategy narrowed the classes of some sample */
    boolean anyNarrowed() {
        return anyNarrowed;
    }

    /** @return the classes a strategy narrowed the sample at position i to, or {@code null} */
    boolean[] narrowedClasses(int i) {
        checkIndex(i);
        return narrowed[i];
    }

    /** @return whether some sample was appended outside the batch mean */
    boolean anyOutsideMean() {
        return anyOutside;
    }

    /** @return whether the sample at position i is outside the batch mean */
    boolean outsideMean(int i) {
        checkIndex(i);
        return outside[i];
    }

    /** @return the weight of the classification loss of the sample at position i (1 in the mean) */
    float classWeight(int i) {
        checkIndex(i);
        return classWeights[i];
    }

    /** @return the logit match of the sample at position i, or {@code null} */
    LogitMatch logitMatch(int i) {
        checkIndex(i);
        return matches[i];
    }

    /**
     * The total weight of the samples outside the batch mean, each's class weight and match weight:
     * their share of the step's loss is at most that many cross-entropies or mean squared differences.
     *
     * @return the sum, 0 without such samples
     */
    double outsideWeight() {
        double sum = 0;
        for (int i = 0; i < inputs.size(); i++) {
            if (outside[i]) {
                sum += classWeights[i] + (matches[i] == null ? 0 : matches[i].weight());
            }
        }
        return sum;
    }

    @Override
    public void outputs(int i, float[] logits) {
        requireOpen("outputs");
        checkIndex(i);
        if (outputs == null) {
            throw new IllegalStateException("this batch's trainer offers no outputs (Batch.setOutputs)");
        }
        outputs.logits(i, logits);
    }

    /** The logits of a batch's sample as its step's training pass computes them. */
    @FunctionalInterface
    public interface SampleOutputs {
        /**
         * Computes a sample's logits.
         *
         * @param position the sample's position in the batch
         * @param logits   receives one value per readout unit
         */
        void logits(int position, float[] logits);
    }

    /**
     * Gives the batch the trainer's way to compute its samples' logits, which {@link #outputs} uses;
     * call before {@code beforeBatch}.
     *
     * @param outputs the logits of a sample at the weights this batch's step starts from, from the
     *                encoding its training pass uses
     */
    public void setOutputs(SampleOutputs outputs) {
        this.outputs = outputs;
    }

    @Override
    public void addDistillationTarget(int i, DistillationTarget target) {
        requireOpen("addDistillationTarget");
        checkIndex(i);
        List<DistillationTarget> list = targets.get(i);
        if (list == null) {
            list = new ArrayList<>(1);
            targets.set(i, list);
        }
        list.add(target);
    }

    @Override
    public int distillationTargetCount(int i) {
        List<DistillationTarget> list = targets.get(i);
        return list == null ? 0 : list.size();
    }

    @Override
    public DistillationTarget distillationTarget(int i, int k) {
        List<DistillationTarget> list = targets.get(i);
        if (list == null) {
            throw new IndexOutOfBoundsException("sample " + i + " has no distillation target");
        }
        return list.get(k);
    }

    /**
     * The largest total weight of the distillation terms of one sample: a sample's loss is its own
     * cross-entropy plus each term's weight times a cross-entropy, so it can be that many times
     * larger (LwF's alpha).
     *
     * @return the sum of the term weights of the sample that has the most, 0 without terms
     */
    double largestTermWeight() {
        double largest = 0;
        for (List<DistillationTarget> list : targets) {
            double sum = 0;
            if (list != null) {
                for (DistillationTarget t : list) {
                    sum += t.weight();
                }
            }
            largest = Math.max(largest, sum);
        }
        return largest;
    }

    /** @return where the batch is, for messages: {@code task 2, epoch 1, batch 3}, counted from 1 */
    String position() {
        return "task " + (taskIndex + 1) + ", epoch " + (epoch + 1) + ", batch " + (batchIndex + 1);
    }

    /**
     * Sets the mean task-loss gradient of this batch, before penalties; call before {@code afterBatch}.
     *
     * @param perLayer one gradient per layer, row-major like the weights (kept by reference)
     */
    public void setLossGradient(float[][] perLayer) {
        this.lossGradient = perLayer;
    }

    @Override
    public float[] lossGradient(int layer) {
        if (lossGradient == null) {
            throw new IllegalStateException("lossGradient is read before the trainer set it "
                    + "(only valid in afterBatch)");
        }
        return lossGradient[layer];
    }

    /**
     * Gives the batch the trainer's gradient oracle, which {@link #oracle()} hands to strategies in
     * {@code beforeBatch}; call before {@code beforeBatch}.
     *
     * @param oracle an oracle at the weights this batch's step starts from, whose calls leave the
     *               step's own gradient alone
     */
    public void setOracle(GradientOracle oracle) {
        this.oracle = oracle;
    }

    @Override
    public GradientOracle oracle() {
        requireOpen("oracle");
        if (oracle == null) {
            throw new IllegalStateException("this batch's trainer offers no gradient oracle (Batch.setOracle)");
        }
        return oracle;
    }

    /** Refuses what comes after {@code beforeBatch}, for {@link ContinualLearner}. */
    void seal() {
        sealed = true;
    }

    private void requireOpen(String call) {
        if (sealed) {
            throw new IllegalStateException(call + " is only valid in beforeBatch: the batch has been trained on");
        }
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= inputs.size()) {
            throw new IndexOutOfBoundsException("batch position " + i + " outside [0, " + inputs.size() + ")");
        }
    }
}
