package org.engram.learning.train;

import java.util.Arrays;
import org.engram.learning.encode.Encoder;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.train.optim.Optimizer;
import org.engram.simulator.ParameterException;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;

/**
 * Trains a {@link LayeredNet} by backpropagation through time with surrogate gradients.
 *
 * <p>A batch is cut into blocks of {@link TrainerOptions#blockSize()} samples; the trainer's fixed
 * thread pool processes blocks in any order, each into its own gradient buffer, and the buffers are
 * then summed in block order (in parallel over fixed weight ranges). Since neither the blocks nor
 * the summation order depend on the thread count, trained weights are bit-identical for any
 * number of threads. Each worker's buffers are sized once; nothing is allocated per sample or step.
 *
 * <p>Sample {@code i} of a dataset is encoded in epoch {@code e} from the stream
 * {@code Encoder.streamState(seed, i, e)}; the batch order of epoch {@code e} comes from the stream
 * (seed, SHUFFLE, e). Evaluation encodes sample {@code i} with epoch {@link #EVALUATION_EPOCH}.
 *
 * <p>Not thread-safe: one caller at a time. Close it to stop its threads at once; the threads of a
 * trainer left unclosed end 10 s after its last use. An interrupt of the calling thread never cuts a
 * batch short (a step is applied whole or not at all); {@link #trainEpoch} stops at the next batch
 * with a {@link TrainingInterrupted}, and a single {@link #trainBatch} or {@link #evaluate} runs to
 * its end, leaving the interrupt status set.
 */
public final class Trainer implements AutoCloseable {
    /** The epoch value of the encoding streams used by {@link #evaluate} and {@link #predict}. */
    public static final int EVALUATION_EPOCH = -1;
    private static final int REDUCE_CHUNK = 16384;
    private static final float[][][][] NO_BLOCKS = new float[0][][][];
    private static final int EVAL_BLOCK = 32;

    private final LayeredNet net;
    private final Encoder encoder;
    private long inferenceSamples;
    private long inferenceSpikes;
    private long inferenceSynapticOps;
    private long inferenceMacs;
    private final TrainerOptions options;
    private final WorkerPool pool;
    private final WeightViews views;
    private final Bptt[] bptt;
    private final Optimizer optimizer;
    private final float[][] grad;
    private final float[][] update;
    private final int[] chunkMatrix;
    private final int[] chunkFrom;
    private final int[] chunkTo;
    private final float[][] reduceRow;
    private final TrainedUnits trainedUnits;
    /** The matrix into the readout; its column {@code j} holds unit {@code j}'s input weights. */
    private final int readoutMatrix;
    private float[][][][] blockGrads = NO_BLOCKS;
    private double[] blockLoss = new double[0];
    /** Per block, the summed loss of its samples outside the batch mean (see {@link Batch#outsideMean}). */
    private double[] blockOutsideLoss = new double[0];
    private int[] blockCorrect = new int[0];
    private float[][] activity;
    private int activityCapacity;
    private TrainingHooks hooks = TrainingHooks.NONE;
    private long step;
    /** What a step threw after the optimiser had moved its state, or null while every step was whole. */
    private Throwable stepFailure;

    /**
     * Creates a trainer and its thread pool.
     *
     * @param net     the network whose weights are trained in place
     * @param encoder the input encoder; its steps are the simulation length
     * @param options the settings
     * @throws ParameterException if the encoder has no more steps than the network has hidden layers:
     *                            each layer delays by one step, so the readout would never receive input
     */
    public Trainer(LayeredNet net, Encoder encoder, TrainerOptions options) {
        ParameterException.requireNonNull("trainer", "net", net, "a value");
        ParameterException.requireNonNull("trainer", "encoder", encoder, "a value");
        ParameterException.requireNonNull("trainer", "options", options, "a value");
        int hidden = net.layers().size() - 1;
        if (encoder.steps() <= hidden) {
            throw new ParameterException("trainer", "steps", "more than the " + hidden + " hidden layer(s): each layer"
                    + " delays by one step, so the readout first receives input at step " + hidden, encoder.steps());
        }
        this.net = net;
        this.encoder = encoder;
        this.options = options;
        this.pool = new WorkerPool(options.threads());
        this.views = new WeightViews(net);
        this.bptt = new Bptt[options.threads()];
        for (int w = 0; w < bptt.length; w++) {
            bptt[w] = new Bptt(net, views, encoder, options);
        }
        int matrices = net.matrixCount();
        int[] sizes = new int[matrices];
        grad = new float[matrices][];
        update = new float[matrices][];
        int chunks = 0;
        int[] rowsPerChunk = new int[matrices];
        for (int m = 0; m < matrices; m++) {
            sizes[m] = net.weights(m).length;
            grad[m] = new float[sizes[m]];
            update[m] = new float[sizes[m]];
            rowsPerChunk[m] = Math.max(1, REDUCE_CHUNK / net.post(m));
            chunks += (net.pre(m) + rowsPerChunk[m] - 1) / rowsPerChunk[m];
        }
        chunkMatrix = new int[chunks];
        chunkFrom = new int[chunks];
        chunkTo = new int[chunks];
        int c = 0;
        for (int m = 0; m < matrices; m++) {
            for (int from = 0; from < net.pre(m); from += rowsPerChunk[m]) {
                chunkMatrix[c] = m;
                chunkFrom[c] = from;
                chunkTo[c] = Math.min(net.pre(m), from + rowsPerChunk[m]);
                c++;
            }
        }
        reduceRow = new float[options.threads()][];
        for (int w = 0; w < reduceRow.length; w++) {
            int widest = 0;
            for (int m = 0; m < matrices; m++) {
                widest = Math.max(widest, net.post(m));
            }
            reduceRow[w] = new float[widest];
        }
        this.optimizer = options.optimizer().create(sizes);
        this.trainedUnits = new TrainedUnits(net.classes());
        this.readoutMatrix = matrixInto(net, net.layers().size() - 1);
    }

    private static int matrixInto(LayeredNet net, int layer) {
        int found = -1;
        for (int m = 0; m < net.matrixCount(); m++) {
            if (net.layerOf(m) == layer) {
                if (found >= 0) {
                    throw new IllegalStateException("two weight matrices feed the readout: " + found + " and " + m);
                }
                found = m;
            }
        }
        return found;
    }

    /**
     * Sets the hooks called around every optimisation step.
     *
     * @param value the hooks, {@link TrainingHooks#NONE} for none
     */
    public void setHooks(TrainingHooks value) {
        this.hooks = value == null ? TrainingHooks.NONE : value;
    }

    /** {@return the network being trained} */
    public LayeredNet net() {
        return net;
    }

    /** {@return the encoder} */
    public Encoder encoder() {
        return encoder;
    }

    /** {@return the settings} */
    public TrainerOptions options() {
        return options;
    }

    /** {@return the optimiser (its state is part of a checkpoint)} */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * The gradient of one matrix from the last {@link #trainBatch} or {@link #meanGradient} call,
     * as the optimiser received it (mean over the batch, plus penalties, weight decay and clipping
     * when it came from {@code trainBatch}). Input-major, like the weights.
     *
     * @param matrix the matrix
     * @return the live array; valid until the next batch
     * @throws ParameterException for an index outside the network's matrices
     */
    public float[] gradient(int matrix) {
        return grad[net.requireMatrix(matrix)];
    }

    /**
     * The update applied to one matrix by the last {@link #trainBatch} (after
     * {@link TrainingHooks#transformUpdate}).
     *
     * @param matrix the matrix
     * @return the live array; valid until the next batch
     * @throws ParameterException for an index outside the network's matrices
     */
    public float[] lastUpdate(int matrix) {
        return update[net.requireMatrix(matrix)];
    }

    /**
     * Refuses a trainer one of whose steps failed after its optimiser had run (a
     * {@link TrainingHooks#transformUpdate} that threw, say): the optimiser's state (momentum,
     * Adam's moments and step count) then holds a step the weights never took, and training on,
     * or a checkpoint of it, would differ from every run without the failure. Such a trainer can
     * still evaluate its weights, which are those from before the failed step.
     *
     * @throws IllegalStateException if a step failed so, naming what it threw (as the cause too):
     *                               make a new trainer ({@code TrainingCheckpoint.restore} brings
     *                               back a saved state)
     */
    public void requireWholeSteps() {
        if (stepFailure != null) {
            throw new IllegalStateException("step " + (step + 1) + " of this trainer failed after its optimiser had run"
                    + " (" + stepFailure + "), so the optimiser's state is a step ahead of the weights: make a new"
                    + " trainer (TrainingCheckpoint.restore brings back a saved state)", stepFailure);
        }
    }

    /** {@return optimisation steps taken so far (the learning-rate schedule's step)} */
    public long step() {
        return step;
    }

    /**
     * Sets the optimisation step count (when resuming from a checkpoint).
     *
     * @param value steps already taken, {@code >= 0}
     */
    public void setStep(long value) {
        if (value < 0) {
            throw new ParameterException("trainer", "step", "an integer >= 0", value);
        }
        this.step = value;
    }

    /** Test switch: the surrogate's antiderivative replaces the spike step in the forward pass. */
    void smoothForward(boolean on) {
        for (Bptt w : bptt) {
            w.smooth(on);
        }
    }

    /**
     * Trains one epoch over a dataset in a shuffled order, in batches of {@code batchSize}.
     *
     * @param x         the samples, each a vector in [0, 1]
     * @param y         their classes
     * @param epoch     the epoch number (selects the shuffle and encoding streams)
     * @param classMask classes the readout may choose among (task-incremental), or {@code null} for all
     * @return the epoch's mean loss and accuracy (both 0 when there are no samples)
     * @throws TrainingInterrupted if the thread is interrupted: the epoch stops before its next batch,
     *                             the batches before it trained whole (see {@link TrainingInterrupted})
     * @throws IllegalStateException if an earlier step failed after the optimiser had run, at the
     *                               epoch's first batch (see {@link #trainBatch})
     */
    public EpochResult trainEpoch(float[][] x, int[] y, int epoch, boolean[] classMask) {
        if (epoch < 0) {
            // -1 is evaluation's: its encoding streams would be reused for training.
            throw new ParameterException("trainer", "epoch", "an epoch number >= 0", epoch);
        }
        checkData(x, y);
        int n = x.length;
        int[] order = shuffledOrder(n, epoch);
        int bs = options.batchSize();
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < n; from += bs) {
            if (Thread.currentThread().isInterrupted()) {
                throw new TrainingInterrupted(epoch, from / bs, TrainerOptions.batches(n, bs));
            }
            int size = Math.min(bs, n - from);
            float[][] bx = new float[size][];
            int[] by = new int[size];
            long[] streams = new long[size];
            boolean[][] masks = classMask == null ? null : new boolean[size][];
            for (int b = 0; b < size; b++) {
                int i = order[from + b];
                bx[b] = x[i];
                by[b] = y[i];
                streams[b] = Encoder.streamState(options.seed(), i, epoch);
                if (masks != null) {
                    masks[b] = classMask;
                }
            }
            BatchResult r = trainBatch(new Batch(bx, by, streams, masks));
            lossSum += r.meanLoss() * r.samples();
            correct += r.correct();
        }
        return n == 0 ? new EpochResult(0, 0, 0) : new EpochResult(n, lossSum / n, (double) correct / n);
    }

    /**
     * Trains one epoch without a class mask.
     *
     * @param x     the samples
     * @param y     their classes
     * @param epoch the epoch number
     * @return the epoch's mean loss and accuracy
     * @throws TrainingInterrupted if the thread is interrupted, between two batches
     */
    public EpochResult trainEpoch(float[][] x, int[] y, int epoch) {
        return trainEpoch(x, y, epoch, null);
    }

    private int[] shuffledOrder(int n, int epoch) {
        return RandomStreams.of(options.seed(), Purpose.SHUFFLE, epoch).permutation(n);
    }

    /**
     * One optimisation step on a batch: hooks, forward and backward in parallel, fixed-order
     * reduction, penalties, gradient transform, weight decay, clipping, optimiser, update transforms,
     * weights += update. Readout units that no sample of the batch may be assigned to (class masks)
     * and no extra logit term reaches are not changed at all by the step (see
     * {@link LogitTerm#markLogits}).
     *
     * <p>What a hook throws before the optimiser runs ({@code beforeBatch}, {@code addPenaltyGradient},
     * {@code transformGradient}) leaves the trainer as it was. What is thrown after it ran
     * ({@code transformUpdate}, or a failure while the weights take the update) leaves the optimiser's
     * state one step ahead of the weights: the trainer then refuses further steps (see
     * {@link #requireWholeSteps()}).
     *
     * @param input the batch
     * @return its loss (the mean over the samples in the batch mean plus the losses of those outside
     *         it, see {@link Batch#outsideMean}) and the accuracy of the samples in the mean (measured
     *         before the update)
     * @throws IllegalStateException if an earlier step failed after the optimiser had run
     */
    public BatchResult trainBatch(Batch input) {
        requireWholeSteps();
        Batch batch = hooks.beforeBatch(input);
        int size = batch.size();
        if (size == 0) {
            return new BatchResult(0, 0, 0);
        }
        boolean wantActivity = hooks.needsActivity();
        int blocks = computeBlockGradients(batch, Loss.CROSS_ENTROPY, wantActivity);
        double lossSum = 0;
        double outsideSum = 0;
        int correct = 0;
        for (int b = 0; b < blocks; b++) {
            lossSum += blockLoss[b];
            outsideSum += blockOutsideLoss[b];
            correct += blockCorrect[b];
        }
        applyStep(size, wantActivity, trainedUnits.of(batch));
        int inMean = batch.meanCount();
        BatchResult result = new BatchResult(inMean, lossSum / inMean + outsideSum, correct);
        hooks.afterBatch(batch, result);
        return result;
    }

    /** @param trained the readout units the batch trains, or {@code null} for all (see {@link TrainedUnits}) */
    private void applyStep(int size, boolean wantActivity, boolean[] trained) {
        int matrices = grad.length;
        for (int m = 0; m < matrices; m++) {
            hooks.addPenaltyGradient(m, net.weights(m), grad[m]);
        }
        hooks.transformGradient(grad);
        float wd = (float) options.weightDecay();
        if (wd > 0f) {
            for (int m = 0; m < matrices; m++) {
                float[] g = grad[m];
                float[] w = net.weights(m);
                for (int k = 0; k < g.length; k++) {
                    g[k] += wd * w[k];
                }
            }
        }
        if (trained != null) {
            // Untrained units are left out of the clipping norm as well as the step.
            zeroUntrainedColumns(grad[readoutMatrix], net.post(readoutMatrix), trained);
        }
        if (options.clipNorm() > 0) {
            double sq = 0;
            for (float[] g : grad) {
                for (float value : g) {
                    sq += (double) value * value;
                }
            }
            double norm = Math.sqrt(sq);
            if (norm > options.clipNorm()) {
                float factor = (float) (options.clipNorm() / norm);
                for (float[] g : grad) {
                    for (int k = 0; k < g.length; k++) {
                        g[k] *= factor;
                    }
                }
            }
        }
        float lr = (float) options.schedule().rate(step);
        optimizer.beginStep();
        try {
            optimizeAndApply(size, wantActivity, trained, lr);
        } catch (RuntimeException | Error e) {
            // The optimiser's state has moved and cannot be moved back: a retry would move it twice.
            stepFailure = e;
            throw e;
        }
    }

    /** The optimiser's pass, the update hooks and weights += update: one step, once the optimiser has begun it. */
    private void optimizeAndApply(int size, boolean wantActivity, boolean[] trained, float lr) {
        int matrices = grad.length;
        pool.run(chunkMatrix.length, (c, worker) -> {
            int m = chunkMatrix[c];
            int post = net.post(m);
            if (trained != null && m == readoutMatrix) {
                updateTrainedColumns(m, lr, chunkFrom[c], chunkTo[c], post, trained);
            } else {
                optimizer.update(m, grad[m], update[m], lr, chunkFrom[c] * post, chunkTo[c] * post);
            }
        });
        for (int m = 0; m < matrices; m++) {
            hooks.transformUpdate(m, update[m], wantActivity
                    ? new LayerActivity(size, net.pre(m), activity[m]) : null);
        }
        pool.run(chunkMatrix.length, (c, worker) -> {
            int m = chunkMatrix[c];
            int post = net.post(m);
            float[] w = net.weights(m);
            float[] up = update[m];
            for (int k = chunkFrom[c] * post, end = chunkTo[c] * post; k < end; k++) {
                w[k] += up[k];
            }
        });
        step++;
    }

    private static void zeroUntrainedColumns(float[] g, int post, boolean[] trained) {
        for (int row = 0; row < g.length; row += post) {
            for (int j = 0; j < post; j++) {
                if (!trained[j]) {
                    g[row + j] = 0f;
                }
            }
        }
    }

    /**
     * Runs the optimiser over rows {@code [fromRow, toRow)} of matrix {@code m} for the trained
     * columns only, one call per run of adjacent trained columns, so the optimiser's state of the
     * other columns is not touched; their update is zero.
     */
    private void updateTrainedColumns(int m, float lr, int fromRow, int toRow, int post, boolean[] trained) {
        float[] up = update[m];
        for (int row = fromRow; row < toRow; row++) {
            int base = row * post;
            int j = 0;
            while (j < post) {
                if (!trained[j]) {
                    up[base + j] = 0f;
                    j++;
                    continue;
                }
                int start = j;
                while (j < post && trained[j]) {
                    j++;
                }
                optimizer.update(m, grad[m], up, lr, base + start, base + j);
            }
        }
    }

    /**
     * The mean gradient of a loss over a batch, without changing anything.
     *
     * @param batch the samples
     * @param loss  which loss
     * @return one array per weight matrix (input-major), newly allocated
     */
    public float[][] meanGradient(Batch batch, Loss loss) {
        float[][] out = new float[grad.length][];
        if (batch.size() == 0) {
            for (int m = 0; m < out.length; m++) {
                out[m] = new float[grad[m].length];
            }
            return out;
        }
        computeBlockGradients(batch, loss, false);
        for (int m = 0; m < out.length; m++) {
            out[m] = grad[m].clone();
        }
        return out;
    }

    /**
     * The gradient of a loss for each sample of a batch separately, in sample order, without
     * changing anything (for importance estimates such as the EWC Fisher diagonal or MAS).
     *
     * @param batch    the samples
     * @param loss     which loss
     * @param consumer receives each sample's gradient
     */
    public void perSampleGradients(Batch batch, Loss loss, SampleGradients consumer) {
        refreshViews();
        Bptt k = bptt[0];
        float[][][] rows = newGradientRows();
        float[][] flat = new float[grad.length][];
        for (int m = 0; m < flat.length; m++) {
            flat[m] = new float[grad[m].length];
        }
        for (int b = 0; b < batch.size(); b++) {
            checkLabel(batch.labels()[b], batch.mask(b));
            k.forward(batch.samples()[b], batch.streamStates()[b]);
            double l = k.loss(batch.labels()[b], batch.mask(b), loss, 1f, batch.terms(b));
            k.backward(rows);
            for (int m = 0; m < flat.length; m++) {
                int post = net.post(m);
                for (int i = 0; i < rows[m].length; i++) {
                    System.arraycopy(rows[m][i], 0, flat[m], i * post, post);
                    Arrays.fill(rows[m][i], 0f);
                }
            }
            consumer.accept(b, l, flat);
        }
    }

    /** Forward and backward over the batch into block buffers, then the ordered reduction into grad. */
    private int computeBlockGradients(Batch batch, Loss loss, boolean wantActivity) {
        int size = batch.size();
        for (int b = 0; b < size; b++) {
            checkLabel(batch.labels()[b], batch.mask(b));
        }
        int bs = options.blockSize();
        int blocks = TrainerOptions.batches(size, bs);
        ensureBlocks(blocks);
        if (wantActivity) {
            ensureActivity(size);
        }
        float scale = 1f / batch.meanCount();
        refreshViews();
        try {
            pool.run(blocks, (blk, worker) -> {
                Bptt k = bptt[worker];
                float[][][] g = blockGrads[blk];
                double lossSum = 0;
                double outsideSum = 0;
                int correct = 0;
                for (int b = blk * bs, end = Math.min(size, b + bs); b < end; b++) {
                    k.forward(batch.samples()[b], batch.streamStates()[b]);
                    boolean[] mask = batch.mask(b);
                    int label = batch.labels()[b];
                    if (batch.outside(b)) {
                        // Added as it is: its weights carry its share of the step's loss.
                        outsideSum += k.loss(label, mask, loss, 1f, batch.classWeight(b), batch.terms(b));
                    } else {
                        lossSum += k.loss(label, mask, loss, scale, batch.classWeight(b), batch.terms(b));
                        if (k.predicted(mask) == label) {
                            correct++;
                        }
                    }
                    if (wantActivity) {
                        k.activity(b, activity);
                    }
                    k.backward(g);
                }
                blockLoss[blk] = lossSum;
                blockOutsideLoss[blk] = outsideSum;
                blockCorrect[blk] = correct;
            });
        } catch (RuntimeException | Error e) {
            clearBlockGradients(blocks);   // a rejected sample stopped blocks midway: no partial sums may remain
            throw e;
        }
        pool.run(chunkMatrix.length, (c, worker) -> {
            int m = chunkMatrix[c];
            int post = net.post(m);
            float[] out = grad[m];
            float[] acc = reduceRow[worker];
            for (int i = chunkFrom[c]; i < chunkTo[c]; i++) {
                float[] first = blockGrads[0][m][i];
                System.arraycopy(first, 0, acc, 0, post);
                Arrays.fill(first, 0f);
                for (int b = 1; b < blocks; b++) {
                    float[] part = blockGrads[b][m][i];
                    addRow(acc, part);
                    Arrays.fill(part, 0f);
                }
                System.arraycopy(acc, 0, out, i * post, post);
            }
        });
        return blocks;
    }

    /** Zeroes the block buffers, which the reduction otherwise clears as it reads them. */
    private void clearBlockGradients(int blocks) {
        for (int b = 0; b < blocks; b++) {
            for (float[][] matrix : blockGrads[b]) {
                for (float[] row : matrix) {
                    Arrays.fill(row, 0f);
                }
            }
        }
    }

    /** Copies the current weights into the workers' row and column views, rows in parallel. */
    private void refreshViews() {
        pool.run(chunkMatrix.length, (c, worker) -> views.refreshRows(chunkMatrix[c], chunkFrom[c], chunkTo[c]));
        views.refreshColumns();
    }

    /** {@code acc[j] += x[j]} over the length of {@code x}. */
    private static void addRow(float[] acc, float[] x) {
        for (int j = 0; j < x.length; j++) {
            acc[j] += x[j];
        }
    }

    private float[][][] newGradientRows() {
        float[][][] rows = new float[grad.length][][];
        for (int m = 0; m < grad.length; m++) {
            rows[m] = new float[net.pre(m)][net.post(m)];
        }
        return rows;
    }

    private void ensureBlocks(int blocks) {
        if (blocks <= blockGrads.length) {
            return;
        }
        float[][][][] grown = Arrays.copyOf(blockGrads, blocks);
        for (int b = blockGrads.length; b < blocks; b++) {
            grown[b] = newGradientRows();
        }
        blockGrads = grown;
        blockLoss = new double[blocks];
        blockOutsideLoss = new double[blocks];
        blockCorrect = new int[blocks];
    }

    private void ensureActivity(int size) {
        if (activity != null && activityCapacity >= size) {
            return;
        }
        activity = new float[grad.length][];
        for (int m = 0; m < grad.length; m++) {
            activity[m] = new float[size * net.pre(m)];
        }
        activityCapacity = size;
    }

    /**
     * The predicted class of every sample (largest logit among the allowed classes; the lowest such
     * class on ties, which spike-count logits often have).
     *
     * @param x         the samples
     * @param classMask allowed classes, or {@code null} for all
     * @return one class per sample
     */
    public int[] predict(float[][] x, boolean[] classMask) {
        ParameterException.requireNonNull("trainer", "x", x, "an array");
        checkMask(classMask);
        int n = x.length;
        int[] out = new int[n];
        int blocks = TrainerOptions.batches(n, EVAL_BLOCK);
        long[][] blockCounts = new long[blocks][3];
        refreshViews();
        pool.run(blocks, (blk, worker) -> {
            Bptt k = bptt[worker];
            for (int i = blk * EVAL_BLOCK, end = Math.min(n, i + EVAL_BLOCK); i < end; i++) {
                k.forward(x[i], Encoder.streamState(options.seed(), i, EVALUATION_EPOCH));
                out[i] = k.predicted(classMask);
                k.addActivityCounts(blockCounts[blk]);
            }
        });
        for (long[] c : blockCounts) {
            inferenceSpikes += c[0];
            inferenceSynapticOps += c[1];
            inferenceMacs += c[2];
        }
        inferenceSamples += n;
        return out;
    }

    /**
     * Activity of every inference pass ({@link #predict}, {@link #evaluate}) since the trainer
     * was made: samples, spikes (input included), synaptic operations (accumulates, one per spike
     * and target) and multiply-accumulates (current inputs times the first layer).
     *
     * @return {@code {samples, spikes, synapticOperations, multiplyAccumulates}}
     */
    public long[] inferenceActivity() {
        return new long[] {inferenceSamples, inferenceSpikes, inferenceSynapticOps, inferenceMacs};
    }

    /**
     * The fraction of samples classified correctly.
     *
     * @param x         the samples, at least one
     * @param y         their classes
     * @param classMask allowed classes, or {@code null} for all
     * @return the accuracy in [0, 1]
     * @throws ParameterException if there are no samples (an accuracy of none is no number) or a
     *                            label is not a class of the network
     */
    public double evaluate(float[][] x, int[] y, boolean[] classMask) {
        checkData(x, y);
        if (x.length == 0) {
            throw new ParameterException("trainer", "test samples", "at least one to measure an accuracy on", 0);
        }
        int[] p = predict(x, classMask);
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == y[i]) {
                correct++;
            }
        }
        return (double) correct / x.length;
    }

    private void checkData(float[][] x, int[] y) {
        ParameterException.requireNonNull("trainer", "x", x, "an array");
        ParameterException.requireNonNull("trainer", "y", y, "an array");
        if (x.length != y.length) {
            throw new ParameterException("trainer", "labels", "one label per sample (" + x.length + ")", y.length);
        }
        for (int label : y) {
            checkLabel(label, null);
        }
        requireSamples("x", x);
    }

    /**
     * Checks every sample of a dataset as the encoders take them, before any is trained on: one
     * refused in the last batch had been found after the batches before it changed the weights.
     *
     * @param name what the caller calls the dataset, e.g. {@code "trainX"}
     * @param x    the samples
     * @throws ParameterException naming the sample, e.g. {@code x[19].feature[3]}, and its value
     */
    public void requireSamples(String name, float[][] x) {
        for (int i = 0; i < x.length; i++) {
            ParameterException.requireNonNull("trainer", name + "[" + i + "]", x[i], "a sample");
            try {
                Encoder.requireSample("trainer", x[i], net.inputs());
            } catch (ParameterException e) {
                throw new ParameterException("trainer", name + "[" + i + "]." + e.location(), e.expected(), e.found());
            }
        }
    }

    /** A prediction mask must name every class and allow at least one, else no class could be predicted. */
    private void checkMask(boolean[] mask) {
        if (mask == null) {
            return;
        }
        boolean any = false;
        for (boolean allowed : mask) {
            any |= allowed;
        }
        if (mask.length != net.classes() || !any) {
            throw new ParameterException("trainer", "class mask", "a mask of " + net.classes()
                    + " classes that allows at least one", Arrays.toString(mask));
        }
    }

    private void checkLabel(int label, boolean[] mask) {
        if (label < 0 || label >= net.classes()) {
            throw new ParameterException("trainer", "label", "a class in [0, " + net.classes() + ")", label);
        }
        if (mask != null && (mask.length != net.classes() || !mask[label])) {
            throw new ParameterException("trainer", "class mask", "a mask of " + net.classes()
                    + " classes that allows the label " + label, Arrays.toString(mask));
        }
    }

    /**
     * The readout values (logits) of one sample, without changing anything.
     *
     * @param sample      the sample
     * @param streamState its encoder stream (see {@link Encoder#streamState})
     * @param out         receives one value per class; its length must be the number of classes
     * @throws ParameterException if {@code out} has another length
     */
    public void logits(float[] sample, long streamState, float[] out) {
        if (out.length != net.classes()) {
            throw new ParameterException("trainer", "logits buffer", "one value per class (" + net.classes() + ")",
                    out.length);
        }
        refreshViews();
        Bptt k = bptt[0];
        k.forward(sample, streamState);
        System.arraycopy(k.logits(), 0, out, 0, net.classes());
    }

    /**
     * The spikes of one sample's forward pass, without changing anything: for every layer
     * (hidden layers first, readout last) and step, the neurons that spiked.
     *
     * @param sample      the sample
     * @param streamState its encoder stream
     * @return {@code [layer][step]} ascending neuron indices (empty for non-spiking layers)
     */
    public int[][][] spikes(float[] sample, long streamState) {
        refreshViews();
        Bptt k = bptt[0];
        k.forward(sample, streamState);
        int layers = net.layers().size();
        int steps = encoder.steps();
        int[][][] out = new int[layers][steps][];
        for (int l = 0; l < layers; l++) {
            for (int t = 0; t < steps; t++) {
                out[l][t] = k.spikedNeurons(l, t);
            }
        }
        return out;
    }

    /**
     * Each matrix's presynaptic activity (exponentially weighted rates, as in
     * {@link LayerActivity}) for every sample of a batch, without changing anything.
     *
     * @param batch the samples
     * @return per matrix, {@code batch.size() * pre(m)} values, sample-major
     */
    public float[][] activity(Batch batch) {
        refreshViews();
        Bptt k = bptt[0];
        float[][] out = new float[grad.length][];
        for (int m = 0; m < out.length; m++) {
            out[m] = new float[batch.size() * net.pre(m)];
        }
        for (int b = 0; b < batch.size(); b++) {
            k.forward(batch.samples()[b], batch.streamStates()[b]);
            k.activity(b, out);
        }
        return out;
    }

    /**
     * The trainer's threads, for work between its own parallel phases, such as a continual-learning
     * strategy's hooks.
     *
     * @return the workers; as many as {@link TrainerOptions#threads()}
     */
    public Workers workers() {
        return pool;
    }

    /** Stops the trainer's threads; training or evaluating afterwards throws {@link IllegalStateException}. */
    @Override
    public void close() {
        pool.close();
    }
}
