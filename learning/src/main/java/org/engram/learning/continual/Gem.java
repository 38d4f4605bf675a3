package org.engram.learning.continual;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.engram.learning.io.Checkpointable;
import org.engram.learning.io.StateCodec;
import org.engram.simulator.EngramException;
import org.engram.simulator.Problems;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.engram.simulator.random.SplitMixRandom;

/**
 * Gradient episodic memory (GEM): a step on a new task may not raise, to first order, the loss of
 * any earlier task over that task's samples in an episodic memory.
 *
 * <p>At the end of each task ({@code afterTask}) the strategy keeps {@code patterns_per_task} of
 * the task's training samples (all of them if it has fewer), a uniform sample without replacement
 * (reservoir sampling over the task's samples in index order, {@link ReplayMemory}). The paper's
 * single pass over the stream kept the last samples it saw of each task; Avalanche's
 * {@code GEMPlugin} takes a task's first samples at its end.
 *
 * <p>Before each step of a task t &gt; 0 ({@code beforeBatch}) the batch's
 * {@link BatchContext#oracle() oracle} gives, for every earlier task k, the mean task-loss
 * gradient g_k over its whole memory at the weights the step starts from, each sample with its own
 * label and its own task's head (task-incremental) or class mask. Once the step's gradient g is
 * known, penalties of chained strategies included ({@link #transformGradient}), it is projected
 * over all weight matrices concatenated: if {@code g . g_k >= 0} for every k it is left, otherwise
 * <pre>
 *   v* = argmin_v 1/2 v^T (G G^T + R) v + (G g)^T v   subject to  v &ge; memory_strength
 *   g &lt;- G^T v* + g
 * </pre>
 * with G the matrix whose rows are the g_k and R a ridge of 1e-9 times each diagonal entry of
 * G G^T ({@link GemProjection}, solved exactly by an active-set method, {@link LowerBoundQp}).
 * With {@code memory_strength} 0 this is the paper's projection, the closest vector to g that
 * opposes no g_k; the authors' code bounds v below by {@code memory_strength} (0.5), which adds at
 * least that multiple of each g_k to a projected step, and adds 0.001 to the diagonal of G G^T.
 * Weight decay, clipping and the optimiser then use g: the guarantee that a step opposes no g_k
 * holds to first order for plain SGD, and an optimiser with momentum or Adam's scaling moves the
 * weights along another direction. Sums run in double in a fixed order, so
 * the result does not depend on the number of threads. Task 0 trains as naive fine-tuning does.
 *
 * <p>In task-incremental learning the entries of the other tasks' heads, which a step does not
 * move, are left out of every g_k, as {@link Agem} does and for the same reason (the authors' code
 * keeps every parameter in the g_k, and its step moves the old heads). A chained strategy that
 * attaches distillation terms to other units, such as lwf, makes the step move them too; they are
 * still left out.
 *
 * <p>The memory of task k comes from {@code RandomStreams.of(seed, GEM_MEMORY, k)}. Cost per step
 * of task t: a forward and backward pass over each of the t memories (up to t
 * {@code patterns_per_task} samples), t dot products over the weights and, for a projected step,
 * t (t + 1) / 2 more, the dual problem and the sum G^T v; memory: t {@code patterns_per_task} input
 * vectors and t gradients the size of the weights (doubles).
 *
 * <table>
 *   <caption>Hyperparameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>patterns_per_task</td><td>256</td><td>samples of each finished task the memory keeps,
 *       {@code >= 1} (the paper's experiments)</td></tr>
 *   <tr><td>memory_strength</td><td>0.5</td><td>the lower bound on every dual variable, {@code >= 0};
 *       0 is the paper's projection (the authors' code's default experiments use 0.5)</td></tr>
 * </table>
 *
 * <p>References: D. Lopez-Paz and M. Ranzato (2017), Gradient episodic memory for continual
 * learning, NeurIPS (Sec. 3); the authors' code, facebookresearch/GradientEpisodicMemory
 * ({@code model/gem.py}: the margin and the ridge); Avalanche's {@code GEMPlugin}
 * (ContinualAI/avalanche, {@code avalanche/training/plugins/gem.py}).
 */
public final class Gem implements ContinualStrategy, Checkpointable {
    /** Registry name. */
    public static final String NAME = "gem";
    /**
     * 1: the number of memories, then each in {@link ReplayMemory#FORMAT} 2; a new memory format
     * needs a new version here.
     */
    private static final int VERSION = 1;

    /**
     * Hyperparameters of {@link Gem}.
     *
     * @param patternsPerTask samples of each finished task the memory keeps, {@code >= 1}
     * @param memoryStrength  the lower bound on the dual variables, finite and {@code >= 0}
     */
    public record Params(int patternsPerTask, double memoryStrength) {
        /**
         * Validates every hyperparameter.
         *
         * @param patternsPerTask samples of each finished task the memory keeps, {@code >= 1}
         * @param memoryStrength  the lower bound on the dual variables, finite and {@code >= 0}
         */
        public Params {
            Problems p = new Problems(NAME);
            p.inRange(patternsPerTask >= 1, "patterns_per_task", "an integer >= 1 (samples per task)",
                    patternsPerTask);
            p.inRange(memoryStrength >= 0 && memoryStrength < Double.POSITIVE_INFINITY, "memory_strength",
                    "a finite number >= 0 (the dual variables' lower bound)", memoryStrength);
            p.throwIfAny();
        }

        /**
         * {@return 256 samples per task, as in the paper's experiments, and a memory strength of 0.5,
         * as in the authors' experiment scripts}
         */
        public static Params defaults() {
            return new Params(256, 0.5);
        }
    }

    private final Params params;
    /** One memory per finished task, in task order. */
    private final List<ReplayMemory> memories = new ArrayList<>();
    /** Per memory of the current task's constraints, all its slots. */
    private int[][] slots = new int[0][];
    /** Per earlier task, its memory's mean loss gradient at the current step; valid while {@link #haveReference}. */
    private double[][][] reference = new double[0][][];
    private boolean haveReference;
    private OtherHeads otherHeads;
    private GemProjection projection = new GemProjection(0, 0);
    private int projected;
    private int steps;

    /**
     * Creates the strategy with an empty memory.
     *
     * @param params the hyperparameters
     */
    public Gem(Params params) {
        this.params = Strategies.requireParams(NAME, params);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void beforeTask(TaskContext task) {
        int earlier = memories.size();
        ModelView model = task.model();
        reference = new double[earlier][][];
        slots = new int[earlier][];
        for (int k = 0; k < earlier; k++) {
            reference[k] = model.newPerWeight();
            slots[k] = new int[memories.get(k).size()];
            for (int s = 0; s < slots[k].length; s++) {
                slots[k][s] = s;
            }
        }
        otherHeads = OtherHeads.of(task);
        projection = new GemProjection(earlier, params.memoryStrength());
        haveReference = false;
        projected = 0;
        steps = 0;
    }

    @Override
    public void beforeBatch(BatchContext batch) {
        haveReference = false;
        if (reference.length == 0) {
            return;
        }
        for (int k = 0; k < reference.length; k++) {
            batch.oracle().gradients(GradientOracle.Objective.LOSS, GradientOracle.Reduction.MEAN, memories.get(k),
                    slots[k], reference[k]);
            otherHeads.leaveOut(reference[k]);
        }
        haveReference = true;
    }

    @Override
    public void transformGradient(float[][] grad) {
        if (!haveReference) {
            return;
        }
        steps++;
        if (projection.project(grad, reference)) {
            projected++;
        }
    }

    @Override
    public void afterTask(TaskContext task) {
        SplitMixRandom random = RandomStreams.of(task.seed(), Purpose.GEM_MEMORY, task.taskIndex());
        ReplayMemory memory = new ReplayMemory(params.patternsPerTask(), Replay.Buffer.RESERVOIR);
        memory.offerAll(task.trainData(), random);
        memories.add(memory);
        haveReference = false;
    }

    /** {@return the number of finished tasks the memory holds samples of} */
    public int memoryTasks() {
        return memories.size();
    }

    /**
     * {@return how many samples the memory holds of a task: none of a task not finished}
     *
     * @param task a task index, {@code >= 0}
     */
    public int memoryCountOfTask(int task) {
        return task < memories.size() ? memories.get(task).size() : 0;
    }

    /** {@return the steps of the current task that had memory gradients (all but task 0's)} */
    public int referenceSteps() {
        return steps;
    }

    /** {@return the steps of the current task whose gradient was projected (it opposed a memory gradient)} */
    public int projectedSteps() {
        return projected;
    }

    /** {@return a finished task's memory, in the order its samples were taken} */
    SampleSet memory(int task) {
        return memories.get(task);
    }

    /** {@return the current step's memory gradient of an earlier task, per matrix (live; valid after beforeBatch)} */
    double[][] reference(int task) {
        return reference[task];
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StateCodec.writeHeader(out, NAME, VERSION);
        out.writeInt(memories.size());
        for (ReplayMemory m : memories) {
            m.write(out);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        StateCodec.readHeader(in, NAME, VERSION);
        int count = in.readInt();
        if (count < 0) {
            throw new EngramException("strategy state", NAME + ".memories", "a number of finished tasks >= 0",
                    String.valueOf(count), "the state file is damaged");
        }
        List<ReplayMemory> read = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            read.add(ReplayMemory.read(in, NAME, "patterns_per_task", params.patternsPerTask(),
                    Replay.Buffer.RESERVOIR, ReplayMemory.FORMAT));
        }
        memories.clear();
        memories.addAll(read);
    }
}
