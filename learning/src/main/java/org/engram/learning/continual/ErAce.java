package org.engram.learning.continual;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.engram.learning.io.Checkpointable;
import org.engram.simulator.Problems;

/**
 * Experience replay with asymmetric cross-entropy (ER-ACE): a replay memory whose samples train
 * every class seen so far, while the incoming samples' cross-entropy is taken over the classes
 * present in their batch alone.
 *
 * <p>From the second task on, with B_in the incoming batch (the current task's own samples), C_in
 * the classes of their labels, B_mem the {@code replay_batch_size} samples drawn from the memory and
 * C_seen every class seen so far, the step's loss is the paper's
 * <pre>
 *   L = (1/|B_in|) sum_(B_in) CE(z(x), y; C_in)  +  (1/|B_mem|) sum_(B_mem) CE(z(x), y; C_seen)
 * </pre>
 * where {@code CE(z, y; C) = log sum_(c in C) exp z_c - z_y}, a softmax over the classes C only. An
 * incoming sample's loss so never pushes down the logits of classes its batch does not hold (the
 * old classes), and those are trained by the replayed samples alone: that keeps the new classes'
 * first, large gradients from pulling the old classes' representations apart (the paper's abrupt
 * representation change). During the first task, with no old class, the loss is the batch's own
 * mean cross-entropy and the memory only fills, as in the authors' code.
 *
 * <p>The asymmetry acts in class-incremental learning only, which is where the strategy narrows the
 * incoming samples ({@link BatchContext#narrowClasses}). In task-incremental learning each sample's
 * softmax already runs over its own task's head, so an incoming sample never reaches an earlier
 * task's classes; in domain-incremental learning every task has all classes of the one head, none of
 * them old. There the strategy is replay with the paper's two means. The memory, its selection rule
 * and its draws are {@link Replay}'s (from {@code RandomStreams.of(seed, Purpose.REPLAY, t)} in
 * task t).
 *
 * <table>
 *   <caption>Hyperparameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>memory_size</td><td>1000</td><td>samples the memory holds at most, {@code >= 1}</td></tr>
 *   <tr><td>replay_batch_size</td><td>32</td><td>memory samples drawn per batch, {@code >= 1}</td></tr>
 *   <tr><td>buffer</td><td>reservoir</td><td>RESERVOIR or CLASS_BALANCED</td></tr>
 * </table>
 * The defaults are replay's, so the two compare at equal memory and replayed samples per batch; the
 * paper's memory is a reservoir too.
 *
 * <p>Reference: L. Caccia, R. Aljundi, N. Asadi, T. Tuytelaars, J. Pineau and E. Belilovsky (2022),
 * New insights on reducing abrupt representation change in online continual learning, ICLR.
 */
public final class ErAce implements ContinualStrategy, Checkpointable {
    /** Registry name. */
    public static final String NAME = "er_ace";

    /**
     * Hyperparameters of {@link ErAce}, those of its replay.
     *
     * @param memorySize      samples the memory holds at most, {@code >= 1}
     * @param replayBatchSize memory samples appended to each batch from the second task on, {@code >= 1}
     * @param buffer          the memory's selection rule
     */
    public record Params(int memorySize, int replayBatchSize, Replay.Buffer buffer) {
        /**
         * Validates every hyperparameter.
         *
         * @param memorySize      samples the memory holds at most, {@code >= 1}
         * @param replayBatchSize memory samples appended to each batch from the second task on, {@code >= 1}
         * @param buffer          the memory's selection rule
         */
        public Params {
            Problems p = new Problems(NAME);
            Replay.Params.check(p, memorySize, replayBatchSize, buffer);
            p.throwIfAny();
        }

        /** {@return memory 1000, replay batch 32, reservoir: replay's defaults} */
        public static Params defaults() {
            return new Params(1000, 32, Replay.Buffer.RESERVOIR);
        }
    }

    private final Replay replay;
    private int readoutUnits;

    /**
     * Creates the strategy with an empty memory.
     *
     * @param params the hyperparameters
     */
    public ErAce(Params params) {
        Strategies.requireParams(NAME, params);
        this.replay = new Replay(NAME, new Replay.Params(params.memorySize(), params.replayBatchSize(),
                params.buffer()), Replay.Mixing.OWN_MEAN_AFTER_FIRST_TASK);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void beforeTask(TaskContext task) {
        ModelView model = task.model();
        readoutUnits = model.outputs(model.layerCount() - 1);
        replay.beforeTask(task);
    }

    @Override
    public void beforeBatch(BatchContext batch) {
        if (batch.scenario() == Scenario.CLASS_INCREMENTAL && batch.taskIndex() > 0) {
            boolean[] present = new boolean[readoutUnits];
            int own = batch.ownSize();
            for (int i = 0; i < own; i++) {
                present[batch.label(i)] = true;
            }
            for (int i = 0; i < own; i++) {
                batch.narrowClasses(i, present);
            }
        }
        replay.beforeBatch(batch);
    }

    /** {@return the number of samples the memory holds now, at most {@link Params#memorySize()}} */
    public int memorySize() {
        return replay.memorySize();
    }

    /**
     * {@return how many samples of the class the memory holds}
     *
     * @param label a class label
     */
    public int memoryCount(int label) {
        return replay.memoryCount(label);
    }

    /** Writes replay's state under this strategy's name. */
    @Override
    public void writeState(DataOutput out) throws IOException {
        replay.writeState(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        replay.readState(in);
    }
}
