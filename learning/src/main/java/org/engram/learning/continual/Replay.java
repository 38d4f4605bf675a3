package org.engram.learning.continual;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.engram.learning.io.Checkpointable;
import org.engram.learning.io.StateCodec;
import org.engram.simulator.Problems;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.engram.simulator.random.SplitMixRandom;

/**
 * Experience replay: a fixed memory of past samples, a few of which are mixed into every batch.
 *
 * <p>At each {@code beforeBatch} the strategy first appends {@code replay_batch_size} distinct
 * samples drawn uniformly from the memory (fewer while the memory holds fewer), with their
 * original labels and task indices; then, in the task's first epoch only, it offers the batch's
 * own samples to the memory (so each training sample is offered once). The memory never holds more
 * than {@code memory_size} samples. Every random decision of task t comes from
 * {@code RandomStreams.of(seed, Purpose.REPLAY, t)}. A state whose memory was filled under the other
 * {@code buffer} mode is refused: the samples it chose are not those this mode would hold.
 *
 * <table>
 *   <caption>Hyperparameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>memory_size</td><td>1000</td><td>samples the memory holds at most, {@code >= 1}</td></tr>
 *   <tr><td>replay_batch_size</td><td>32</td><td>memory samples appended per batch, {@code >= 1}</td></tr>
 *   <tr><td>buffer</td><td>reservoir</td><td>RESERVOIR or CLASS_BALANCED</td></tr>
 * </table>
 *
 * <p>References: D. Rolnick et al. (2019), Experience replay for continual learning, NeurIPS;
 * A. Chaudhry et al. (2019), On tiny episodic memories in continual learning, arXiv:1902.10486;
 * J. S. Vitter (1985), Random sampling with a reservoir, ACM TOMS 11:37-57; A. Chrysakis and
 * M.-F. Moens (2020), Online continual learning from imbalanced data, ICML (class-balancing reservoir).
 */
public final class Replay implements ContinualStrategy, Checkpointable {
    /** Registry name. */
    public static final String NAME = "replay";
    /** 2: the memory also keeps which classes are full (CBRS); the state is the memory alone. */
    private static final int VERSION = ReplayMemory.FORMAT;

    /** How the memory chooses what to keep. */
    public enum Buffer {
        /** Reservoir sampling: a uniform sample of everything seen. */
        RESERVOIR,
        /**
         * Class-balancing reservoir sampling: equal room per class seen, uniform within a class. A class
         * is full once it has been one of the largest in the filled memory; CBRS counts the largest while
         * the memory fills too, which would leave the stream's first class full for good.
         */
        CLASS_BALANCED
    }

    /**
     * Hyperparameters of {@link Replay}.
     *
     * @param memorySize      samples the memory holds at most, {@code >= 1}
     * @param replayBatchSize memory samples appended to each batch, {@code >= 1}
     * @param buffer          the memory's selection rule
     */
    public record Params(int memorySize, int replayBatchSize, Buffer buffer) {
        /**
         * Validates every hyperparameter.
         *
         * @param memorySize      samples the memory holds at most, {@code >= 1}
         * @param replayBatchSize memory samples appended to each batch, {@code >= 1}
         * @param buffer          the memory's selection rule
         */
        public Params {
            Problems p = new Problems(NAME);
            check(p, memorySize, replayBatchSize, buffer);
            p.throwIfAny();
        }

        /** Records what is wrong with a replay memory's hyperparameters, for this record and those that wrap it. */
        static void check(Problems p, int memorySize, int replayBatchSize, Buffer buffer) {
            p.inRange(memorySize >= 1, "memory_size", "an integer >= 1 (samples)", memorySize);
            p.inRange(replayBatchSize >= 1, "replay_batch_size", "an integer >= 1 (samples)", replayBatchSize);
            p.require(buffer != null, "buffer", "reservoir or class_balanced", "null");
        }

        /** {@return memory 1000, replay batch 32, reservoir} */
        public static Params defaults() {
            return new Params(1000, 32, Buffer.RESERVOIR);
        }
    }

    /** How replayed samples enter the step's loss. */
    enum Mixing {
        /** In the batch's mean, with the task's own samples, from the first task on. */
        IN_BATCH_MEAN,
        /**
         * As a mean of their own, added to the mean of the batch's own samples, from the second task on
         * ({@link ErAce}'s {@code L_in + L_mem}); the first task's samples only fill the memory.
         */
        OWN_MEAN_AFTER_FIRST_TASK
    }

    private final String name;
    private final Mixing mixing;
    private final Params params;
    private ReplayMemory memory;
    private SplitMixRandom random;
    private final int[] chosen;

    /**
     * Creates the strategy with an empty memory.
     *
     * @param params the hyperparameters
     */
    public Replay(Params params) {
        this(NAME, params, Mixing.IN_BATCH_MEAN);
    }

    /**
     * Creates the strategy with an empty memory under another name, which its state and messages
     * carry: the replay of a strategy built on it ({@link ErAce}).
     *
     * @param name   the name its state and messages carry
     * @param params the hyperparameters
     * @param mixing how replayed samples enter the loss
     */
    Replay(String name, Params params, Mixing mixing) {
        this.name = name;
        this.mixing = mixing;
        this.params = Strategies.requireParams(name, params);
        this.memory = new ReplayMemory(params.memorySize(), params.buffer());
        this.chosen = new int[params.replayBatchSize()];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void beforeTask(TaskContext task) {
        memory.requireTasksBefore(name, task.taskIndex());
        random = RandomStreams.of(task.seed(), Purpose.REPLAY, task.taskIndex());
    }

    @Override
    public void beforeBatch(BatchContext batch) {
        boolean ownMean = mixing == Mixing.OWN_MEAN_AFTER_FIRST_TASK;
        int k = ownMean && batch.taskIndex() == 0 ? 0 : Math.min(params.replayBatchSize(), memory.size());
        memory.choose(k, random, chosen);
        int own = batch.ownSize();
        for (int i = 0; i < k; i++) {
            int slot = chosen[i];
            if (ownMean) {
                batch.appendOutsideMean(memory.input(slot), memory.label(slot), memory.task(slot), 1.0 / k, null);
            } else {
                batch.append(memory.input(slot), memory.label(slot), memory.task(slot));
            }
        }
        if (batch.epoch() == 0) {
            for (int i = 0; i < own; i++) {
                memory.offer(batch.input(i), batch.label(i), batch.task(i), random);
            }
        }
    }

    /**
     * {@return the number of samples the memory holds now: it fills up to the capacity
     * {@link Params#memorySize()} during the first task(s), then stays there}
     */
    public int memorySize() {
        return memory.size();
    }

    /**
     * {@return how many samples of the class the memory holds}
     *
     * @param label a class label
     */
    public int memoryCount(int label) {
        return memory.countOf(label);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StateCodec.writeHeader(out, name, VERSION);
        memory.write(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        int version = StateCodec.readHeader(in, name, VERSION);
        memory = ReplayMemory.read(in, name, params.memorySize(), params.buffer(), version);
    }
}
