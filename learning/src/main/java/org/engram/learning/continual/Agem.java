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
 * Averaged gradient episodic memory (A-GEM): a step on a new task may not raise, to first order,
 * the mean loss over a sample of stored samples of earlier tasks.
 *
 * <p>Before each step of a task t &gt; 0 ({@code beforeBatch}) the strategy draws
 * {@code sample_size} distinct samples uniformly from its memory (all of them while it holds
 * fewer) and asks the batch's {@link BatchContext#oracle() oracle} for their mean task-loss
 * gradient g_ref at the weights the step starts from, each sample with its own label and its own
 * task's head (task-incremental) or class mask. Once the step's gradient g is known, the
 * penalties of chained strategies included ({@link #transformGradient}), it is projected over the
 * whole parameter vector, every weight matrix concatenated:
 * <pre>
 *   if g . g_ref &lt; 0:   g &lt;- g - (g . g_ref / g_ref . g_ref) g_ref      (then g . g_ref = 0)
 * </pre>
 * and left as it is otherwise; weight decay, clipping and the optimiser then use g. Both dot
 * products are summed in double, in layer order and weight order, so the result does not depend
 * on the number of threads. Task 0 trains as naive fine-tuning does: the memory is still empty.
 *
 * <p>The memory holds finished tasks' samples only: at the end of each task ({@code afterTask})
 * the task's training samples are offered, in index order, to a reservoir of {@code memory_size}
 * samples ({@link ReplayMemory}, reservoir sampling), so it always holds a uniform sample of all
 * finished tasks' samples, equal shares for tasks of equal size, without knowing how many tasks
 * will come. Avalanche's plugin also writes a task's samples at its end, but keeps a fixed number
 * per task ({@code patterns_per_experience}) and draws the reference sample balanced over tasks.
 *
 * <p>In task-incremental learning a step of task t leaves the heads of earlier tasks as they are
 * (the trainer does not change readout units no sample of the batch may be assigned to). Their
 * entries of g_ref are set to zero before the projection: it then keeps g . g_ref &ge; 0 over
 * the weights the step moves. Left in, the projection's share in the old heads would be dropped
 * by the trainer after the projection, and the step could raise the memory's loss after all.
 * (A chained strategy that attaches distillation terms to other units, such as lwf, makes the
 * step move them too; they are still left out of the projection.)
 *
 * <p>Every random choice of task t comes from {@code RandomStreams.of(seed, EPISODIC_MEMORY, t)}.
 * Cost per step of a task t &gt; 0: one extra forward and backward pass over {@code sample_size}
 * samples, and two dot products over the weights; memory: {@code memory_size} input vectors.
 *
 * <table>
 *   <caption>Hyperparameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>memory_size</td><td>1000</td><td>samples of finished tasks the memory holds at most,
 *       {@code >= 1}</td></tr>
 *   <tr><td>sample_size</td><td>64</td><td>memory samples the reference gradient of each step is
 *       taken over, {@code >= 1}</td></tr>
 * </table>
 *
 * <p>References: A. Chaudhry, M. Ranzato, M. Rohrbach and M. Elhoseiny (2019), Efficient lifelong
 * learning with A-GEM, ICLR (the projection, Sec. 4); Avalanche's {@code AGEMPlugin}
 * (ContinualAI/avalanche, {@code avalanche/training/plugins/agem.py}): the reference gradient is
 * taken before the step's own pass, over all parameters concatenated, and the memory is written at
 * each experience's end; J. S. Vitter (1985), Random sampling with a reservoir, ACM TOMS 11:37-57.
 */
public final class Agem implements ContinualStrategy, Checkpointable {
    /** Registry name. */
    public static final String NAME = "agem";
    /** 1: the memory, in {@link ReplayMemory#FORMAT} 2; a new memory format needs a new version here. */
    private static final int VERSION = 1;

    /**
     * Hyperparameters of {@link Agem}.
     *
     * @param memorySize samples of finished tasks the memory holds at most, {@code >= 1}
     * @param sampleSize memory samples each step's reference gradient is taken over, {@code >= 1}
     */
    public record Params(int memorySize, int sampleSize) {
        /**
         * Validates every hyperparameter.
         *
         * @param memorySize samples of finished tasks the memory holds at most, {@code >= 1}
         * @param sampleSize memory samples each step's reference gradient is taken over, {@code >= 1}
         */
        public Params {
            Problems p = new Problems(NAME);
            p.inRange(memorySize >= 1, "memory_size", "an integer >= 1 (samples)", memorySize);
            p.inRange(sampleSize >= 1, "sample_size", "an integer >= 1 (samples)", sampleSize);
            p.throwIfAny();
        }

        /** {@return memory 1000, reference sample 64 (the split Fashion-MNIST configs' batch size)} */
        public static Params defaults() {
            return new Params(1000, 64);
        }
    }

    private final Params params;
    private ReplayMemory memory;
    private SplitMixRandom random;
    /** Memory slots drawn for the current step; as long as the sample (shorter only while the memory is). */
    private int[] drawn = new int[0];
    /** The current step's reference gradient g_ref, per weight matrix; valid while {@link #haveReference}. */
    private double[][] reference = new double[0][];
    private double referenceNormSq;
    private boolean haveReference;
    /** The readout units a step of the current task does not move, left out of g_ref. */
    private OtherHeads otherHeads;
    private int projected;
    private int steps;

    /**
     * Creates the strategy with an empty memory.
     *
     * @param params the hyperparameters
     */
    public Agem(Params params) {
        this.params = Strategies.requireParams(NAME, params);
        this.memory = new ReplayMemory(params.memorySize(), Replay.Buffer.RESERVOIR);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void beforeTask(TaskContext task) {
        memory.requireTasksBefore(NAME, task.taskIndex());
        random = RandomStreams.of(task.seed(), Purpose.EPISODIC_MEMORY, task.taskIndex());
        reference = task.model().newPerWeight();
        otherHeads = OtherHeads.of(task);
        haveReference = false;
        projected = 0;
        steps = 0;
    }

    @Override
    public void beforeBatch(BatchContext batch) {
        haveReference = false;
        int k = Math.min(params.sampleSize(), memory.size());
        if (k == 0) {
            return;
        }
        if (drawn.length != k) {
            drawn = new int[k];
        }
        memory.choose(k, random, drawn);
        batch.oracle().gradients(GradientOracle.Objective.LOSS, GradientOracle.Reduction.MEAN, memory, drawn,
                reference);
        otherHeads.leaveOut(reference);
        referenceNormSq = 0;
        for (double[] r : reference) {
            for (double v : r) {
                referenceNormSq += v * v;
            }
        }
        haveReference = true;
    }

    @Override
    public void transformGradient(float[][] grad) {
        if (!haveReference) {
            return;
        }
        steps++;
        if (project(grad, reference, referenceNormSq)) {
            projected++;
        }
    }

    /**
     * A-GEM's projection of a gradient against a reference gradient, over all matrices at once:
     * {@code g <- g - (g . r / r . r) r} when {@code g . r < 0}, else nothing.
     *
     * @param g      per matrix, the gradient; changed in place
     * @param r      per matrix, the reference gradient, shaped as {@code g}
     * @param rNormSq {@code r . r}, summed in layer and weight order
     * @return whether {@code g} was projected
     */
    static boolean project(float[][] g, double[][] r, double rNormSq) {
        double dot = GemProjection.dot(g, r);
        if (!(dot < 0) || !(rNormSq > 0)) {
            return false;
        }
        double scale = dot / rNormSq;
        for (int l = 0; l < g.length; l++) {
            float[] gl = g[l];
            double[] rl = r[l];
            for (int k = 0; k < gl.length; k++) {
                gl[k] = (float) (gl[k] - scale * rl[k]);
            }
        }
        return true;
    }

    @Override
    public void afterTask(TaskContext task) {
        memory.offerAll(task.trainData(), random);
        haveReference = false;
    }

    /** {@return the number of samples the memory holds: finished tasks' only, at most {@link Params#memorySize()}} */
    public int memorySize() {
        return memory.size();
    }

    /**
     * {@return how many samples of a task the memory holds}
     *
     * @param task a task index
     */
    public int memoryCountOfTask(int task) {
        return memory.countOfTask(task);
    }

    /** {@return the steps of the current task that had a reference gradient (all but task 0's)} */
    public int referenceSteps() {
        return steps;
    }

    /** {@return the steps of the current task whose gradient was projected (it opposed the reference)} */
    public int projectedSteps() {
        return projected;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StateCodec.writeHeader(out, NAME, VERSION);
        memory.write(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        StateCodec.readHeader(in, NAME, VERSION);
        memory = ReplayMemory.read(in, NAME, params.memorySize(), Replay.Buffer.RESERVOIR, ReplayMemory.FORMAT);
    }
}
