package org.engram.learning.continual;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.engram.learning.io.Checkpointable;
import org.engram.learning.io.StateCodec;
import org.engram.simulator.EngramException;
import org.engram.simulator.Problems;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.engram.simulator.random.SplitMixRandom;

/**
 * Dark experience replay (DER) and DER++: a reservoir of past samples, each kept with the readout
 * values (logits) the network gave it when it was trained on, and a loss that asks the network to
 * give them again.
 *
 * <p>Each step adds to the mean loss of the batch, over a minibatch B1 and (DER++, {@code beta > 0})
 * a second, independently drawn minibatch B2 of {@code replay_batch_size} distinct samples from the buffer
 * (all of them while it holds fewer):
 * <pre>
 *   L = (1/n) sum_(batch) CE  +  alpha (1/|B1|) sum_(B1) (1/K_s) sum_(u in U_s) (z_u(x_s) - y_(s,u))^2
 *                             +  beta  (1/|B2|) sum_(B2) CE(x_s, label_s)
 * </pre>
 * with y_s the stored logits and U_s the K_s readout units they are matched on (below). The buffer
 * samples are appended outside the batch mean ({@link BatchContext#appendOutsideMean}) with these weights,
 * so the trainer's gradient is the gradient of L and the batch's own samples keep their share (a
 * batch that replay also extends keeps its mean over the own and replayed samples). The mean
 * over the units and samples is the authors' code's ({@code F.mse_loss}), so alpha means theirs.
 * DER is {@code beta = 0}; with {@code alpha = beta = 0} nothing is appended and training is
 * naive fine-tuning's, bit for bit.
 *
 * <p>The buffer ({@link ReplayMemory}, reservoir sampling, Vitter's algorithm R) is offered every
 * sample of every training batch, in every epoch, after the step's minibatches are drawn, as in the
 * paper's algorithm 1: it always holds a uniform sample of everything trained on so far, without
 * task boundaries. A sample it takes is stored with the logits this step's own training pass
 * computes for it ({@link BatchContext#outputs}: the weights the step starts from and the same spike
 * encoding): the outputs of the network learning its task, at a cost of one forward pass per sample
 * taken.
 *
 * <p>U_s, the matched units, are those training covers for the sample now: its task's head in
 * task-incremental learning (the other heads play no part in its task), every unit in
 * domain-incremental learning, and in class-incremental learning every class seen so far, those
 * first seen after the sample was stored included. Their stored values are what the network gave
 * those units then, before any loss trained them, and matching them keeps a new class's logit on old
 * samples where it was: that is what holds back the new classes on old samples, as in the paper,
 * which matches every logit (its unmasked softmax trains future classes' units down from the start).
 * Matched on the classes seen when it was stored alone, DER (beta 0) reached an ACC of 20.0 on
 * split Fashion-MNIST, class-incremental (seed 1), against 71.9 with these units: nothing kept the
 * new classes' units low on old samples, and each task's classes took over. Units of classes not seen
 * yet are left out: the trainer masks them out of training and evaluation and does not move their weights,
 * and pulling the hidden layers towards their random projections would only constrain them. The
 * replayed cross-entropy of DER++ uses the same mask as training (every class seen so far in
 * class-incremental learning).
 *
 * <p>Every random choice of task t comes from {@code RandomStreams.of(seed, DARK_REPLAY, t)}.
 * Cost per step: forward and backward passes over up to {@code 2 replay_batch_size} buffer samples;
 * memory: {@code memory_size} input vectors and logit vectors.
 *
 * <table>
 *   <caption>Hyperparameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>memory_size</td><td>1000</td><td>samples the buffer holds at most, {@code >= 1}</td></tr>
 *   <tr><td>alpha</td><td>1.0</td><td>weight of the logit-matching loss, {@code >= 0}</td></tr>
 *   <tr><td>beta</td><td>0.5</td><td>weight of the replayed classification loss (DER++), {@code >= 0};
 *       0 is DER</td></tr>
 *   <tr><td>replay_batch_size</td><td>64</td><td>buffer samples of each minibatch, {@code >= 1}</td></tr>
 * </table>
 * alpha 1.0 and beta 0.5 are the authors' best DER++ values for Sequential MNIST (5 tasks of 2
 * classes, a multilayer perceptron, one epoch) with a buffer of 500 (their code's
 * {@code utils/best_args.py}, aimagelab/mammoth; for DER alone there, alpha 1.0); the buffer holds
 * 1000 here, as replay's and agem's, so the three compare at equal memory. Their minibatch from the
 * buffer there was as large as the training batch (10); 64 is the split Fashion-MNIST configs'
 * batch size (a strategy does not see the trainer's).
 *
 * <p>Reference: P. Buzzega, M. Boschini, A. Porrello, D. Abati and S. Calderara (2020), Dark
 * experience for general continual learning: a strong, simple baseline, NeurIPS; J. S. Vitter (1985),
 * Random sampling with a reservoir, ACM TOMS 11:37-57.
 */
public final class Der implements ContinualStrategy, Checkpointable {
    /** Registry name. */
    public static final String NAME = "der";
    /** 1: the memory in {@link ReplayMemory#FORMAT} 2, then each sample's logits. */
    private static final int VERSION = 1;

    /**
     * Hyperparameters of {@link Der}.
     *
     * @param memorySize  samples the buffer holds at most, {@code >= 1}
     * @param alpha       weight of the logit-matching loss, finite, {@code >= 0}
     * @param beta        weight of the replayed classification loss, finite, {@code >= 0}; 0 is DER
     * @param replayBatchSize buffer samples of each minibatch, {@code >= 1}
     */
    public record Params(int memorySize, double alpha, double beta, int replayBatchSize) {
        /**
         * Validates every hyperparameter.
         *
         * @param memorySize      samples the buffer holds at most, {@code >= 1}
         * @param alpha           weight of the logit-matching loss, finite, {@code >= 0}
         * @param beta            weight of the replayed classification loss, finite, {@code >= 0}; 0 is DER
         * @param replayBatchSize buffer samples of each minibatch, {@code >= 1}
         */
        public Params {
            Problems p = new Problems(NAME);
            p.inRange(memorySize >= 1, "memory_size", "an integer >= 1 (samples)", memorySize);
            p.nonNegative("alpha", alpha, "dimensionless");
            p.nonNegative("beta", beta, "dimensionless");
            p.inRange(replayBatchSize >= 1, "replay_batch_size", "an integer >= 1 (samples)", replayBatchSize);
            p.throwIfAny();
        }

        /** {@return memory 1000, alpha 1.0, beta 0.5 (DER++), replay batch 64} */
        public static Params defaults() {
            return new Params(1000, 1.0, 0.5, 64);
        }
    }

    private final Params params;
    private ReplayMemory memory;
    /** Per slot, the logits stored with its sample (all readout units); grown with the memory. */
    private float[][] logits = new float[0][];
    private SplitMixRandom random;
    private final int[] chosen;
    /** Per task up to the current one, the readout units its samples' logits are matched on. */
    private int[][] matchedUnits = new int[0][];
    private int readoutUnits;

    /**
     * Creates the strategy with an empty buffer.
     *
     * @param params the hyperparameters
     */
    public Der(Params params) {
        this.params = Strategies.requireParams(NAME, params);
        this.memory = new ReplayMemory(params.memorySize(), Replay.Buffer.RESERVOIR);
        this.chosen = new int[params.replayBatchSize()];
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void beforeTask(TaskContext task) {
        random = RandomStreams.of(task.seed(), Purpose.DARK_REPLAY, task.taskIndex());
        ModelView model = task.model();
        readoutUnits = model.outputs(model.layerCount() - 1);
        if (memory.size() > 0 && logits[0].length != readoutUnits) {
            throw new EngramException("strategy state", NAME + ".logits",
                    readoutUnits + " per sample (the network's readout units)", String.valueOf(logits[0].length),
                    "the state was saved with another network");
        }
        memory.requireTasksBefore(NAME, task.taskIndex());
        matchedUnits = new int[task.taskIndex() + 1][];
        for (int t = 0; t < matchedUnits.length; t++) {
            matchedUnits[t] = TrainedUnits.of(model, task.scenario(), t, task.taskIndex() + 1);
        }
    }

    @Override
    public void beforeBatch(BatchContext batch) {
        if (params.alpha() > 0) {
            int k = draw();
            for (int i = 0; i < k; i++) {
                int slot = chosen[i];
                batch.appendOutsideMean(memory.input(slot), memory.label(slot), memory.task(slot), 0,
                        match(slot, params.alpha() / k));
            }
        }
        if (params.beta() > 0) {
            int k = draw();
            for (int i = 0; i < k; i++) {
                int slot = chosen[i];
                batch.appendOutsideMean(memory.input(slot), memory.label(slot), memory.task(slot),
                        params.beta() / k, null);
            }
        }
        for (int i = 0; i < batch.ownSize(); i++) {
            int slot = memory.offer(batch.input(i), batch.label(i), batch.task(i), random);
            if (slot >= 0) {
                if (slot >= logits.length) {
                    logits = Arrays.copyOf(logits, (int) Math.min(params.memorySize(), Math.max(slot + 1L,
                            2L * logits.length)));
                }
                // A replaced sample's array is written over: beforeTask has checked that it fits the readout.
                if (logits[slot] == null) {
                    logits[slot] = new float[readoutUnits];
                }
                batch.outputs(i, logits[slot]);
            }
        }
    }

    /** Draws a minibatch of distinct slots into {@link #chosen}; returns its size. */
    private int draw() {
        int k = Math.min(params.replayBatchSize(), memory.size());
        memory.choose(k, random, chosen);
        return k;
    }

    /** The logit-matching term of a slot: its stored logits on its task's matched units. */
    private LogitMatch match(int slot, double weight) {
        int[] units = matchedUnits[memory.task(slot)];
        float[] stored = logits[slot];
        float[] targets = new float[units.length];
        for (int j = 0; j < units.length; j++) {
            targets[j] = stored[units[j]];
        }
        return new LogitMatch(targets, units, weight);
    }

    /** {@return the number of samples the buffer holds: at most {@link Params#memorySize()}} */
    public int memorySize() {
        return memory.size();
    }

    /**
     * {@return how many samples of a task the buffer holds}
     *
     * @param task a task index
     */
    public int memoryCountOfTask(int task) {
        return memory.countOfTask(task);
    }

    /**
     * The logits stored with a buffer sample, for tests and inspection.
     *
     * @param slot the slot, in {@code [0, memorySize())}
     * @return a copy of its logits, one per readout unit
     */
    public float[] storedLogits(int slot) {
        return logits[slot].clone();
    }

    /**
     * The input of a buffer sample, for tests and inspection.
     *
     * @param slot the slot, in {@code [0, memorySize())}
     * @return a copy of its input vector
     */
    public float[] storedInput(int slot) {
        return memory.input(slot).clone();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StateCodec.writeHeader(out, NAME, VERSION);
        memory.write(out);
        for (int s = 0; s < memory.size(); s++) {
            StateCodec.writeFloats(out, logits[s]);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        StateCodec.readHeader(in, NAME, VERSION);
        ReplayMemory read = ReplayMemory.read(in, NAME, params.memorySize(), Replay.Buffer.RESERVOIR,
                ReplayMemory.FORMAT);
        float[][] stored = new float[read.size()][];
        for (int s = 0; s < stored.length; s++) {
            stored[s] = StateCodec.requirePresent(NAME, "logits", StateCodec.readFloats(in));
            if (s > 0 && stored[s].length != stored[0].length) {
                throw new EngramException("strategy state", NAME + ".logits", stored[0].length + " per sample",
                        String.valueOf(stored[s].length), "the state file is damaged");
            }
        }
        memory = read;
        logits = stored;
    }
}
