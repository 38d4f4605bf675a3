package org.engram.learning.continual;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import org.engram.learning.io.Checkpointable;
import org.engram.learning.io.StateCodec;
import org.engram.simulator.EngramException;
import org.engram.simulator.Problems;

/**
 * Hebbian learning based orthogonal projection: per layer, lateral neurons learn the principal
 * subspace of the layer's presynaptic activity with a Hebbian rule, and weight updates are kept
 * orthogonal to the subspaces of earlier tasks.
 *
 * <p>Each layer has k lateral neurons with weights H (k x inputs). Task 0 adds
 * {@code first_task_neurons} rows, every later task {@code neuron_increment} more (at most inputs;
 * none in a task-specific layer such as the task-incremental readout, which is never projected).
 * During a task the new rows learn with Oja's subspace rule on the current task's own samples
 * ({@link OjaSubspace}: {@code y = H x, dH = y (x - H^T y)^T} averaged over the batch,
 * {@code hebbian_iterations} iterations per batch, with momentum), while the rows of earlier tasks
 * are frozen. New rows start as the first activity vectors of the task, orthonormalised. Every
 * update is projected with the frozen rows, orthonormalised when the task starts (Q):
 * <pre>
 *   dW[:, o] &lt;- dW[:, o] - Q^T Q dW[:, o]      for every output o
 * </pre>
 * which, for plain SGD, is the update built from presynaptic traces whose projection on the old
 * subspace is removed, as the paper does it (it projects the traces, hence the gradient, with H
 * itself, {@code x - H^T H x}, a projection once Oja has made the rows orthonormal). Here the
 * optimiser's update is projected, after the optimiser, so that Adam or momentum, which rescale
 * or mix gradients per weight, cannot bring back components in the old subspace. The activity
 * is each input's presynaptic trace averaged over time steps (as for
 * {@link Gpm}): a surrogate-gradient update sums per-step terms, and the drive of a single time step,
 * whose spike vector need not lie in the subspace, and with it an old input's membrane trajectory,
 * can still change. The subspace protects only the weights, so thresholds and other non-weight
 * parameters must stay fixed after the first task (the paper freezes them); Engram's trainer learns weights
 * only, so they always do.
 *
 * <table>
 *   <caption>Hyperparameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>first_task_neurons</td><td>40</td><td>lateral neurons learned on task 0, {@code >= 1}</td></tr>
 *   <tr><td>neuron_increment</td><td>20</td><td>lateral neurons added per later task, {@code >= 0}</td></tr>
 *   <tr><td>hebbian_iterations</td><td>3</td><td>Oja iterations per batch, {@code >= 1}</td></tr>
 *   <tr><td>learning_rate</td><td>0.2</td><td>Oja rate relative to the batch's mean ||x||^2, in (0, 1)</td></tr>
 *   <tr><td>momentum</td><td>0.9</td><td>momentum of the Oja updates, in [0, 1)</td></tr>
 * </table>
 *
 * <p>Where it departs from the authors' code ({@code pkuxmq/HLOP-SNN}): their momentum is an
 * average, {@code v <- m v + (1 - m) dH} with dH clipped to [-10, 10], and their new rows start
 * as random orthogonal vectors. Here dH is divided by the batch's mean {@code ||x||^2} and added to
 * the momentum undamped ({@link OjaSubspace}), so a sustained step is {@code eta / (1 - m)} times
 * dH over that energy: this {@code learning_rate} is not theirs (theirs is about
 * {@code eta / ((1 - m) mean ||x||^2)}); and new rows start from the task's first activity vectors,
 * which lie in the subspace to be learned already.
 *
 * <p>References: M. Xiao, Q. Meng, Z. Zhang, D. He and Z. Lin (2024), Hebbian learning based
 * orthogonal projection for continual learning of spiking neural networks, ICLR. E. Oja (1989),
 * Neural networks, principal components, and subspaces, Int. J. Neural Syst. 1:61-68.
 */
public final class Hlop implements ContinualStrategy, Checkpointable {
    /** Registry name. */
    public static final String NAME = "hlop";
    private static final int VERSION = 1;

    /**
     * Hyperparameters of {@link Hlop}.
     *
     * @param firstTaskNeurons          lateral neurons per layer learned on task 0, {@code >= 1}
     * @param neuronIncrement           lateral neurons per layer added per later task, {@code >= 0}
     * @param hebbianIterations         Oja iterations per batch, {@code >= 1}
     * @param learningRate              Oja rate relative to the batch's mean squared activity norm, in (0, 1)
     * @param momentum                  momentum of the Oja updates, in [0, 1)
     */
    public record Params(int firstTaskNeurons, int neuronIncrement, int hebbianIterations, double learningRate,
            double momentum) {
        /**
         * Validates every hyperparameter.
         *
         * @param firstTaskNeurons  lateral neurons per layer learned on task 0, {@code >= 1}
         * @param neuronIncrement   lateral neurons per layer added per later task, {@code >= 0}
         * @param hebbianIterations Oja iterations per batch, {@code >= 1}
         * @param learningRate      Oja rate relative to the batch's mean squared activity norm, in (0, 1)
         * @param momentum          momentum of the Oja updates, in [0, 1)
         */
        public Params {
            Problems p = new Problems(NAME);
            p.atLeastOne("first_task_neurons", firstTaskNeurons);
            p.inRange(neuronIncrement >= 0, "neuron_increment", "an integer >= 0", neuronIncrement);
            p.atLeastOne("hebbian_iterations", hebbianIterations);
            p.inRange(learningRate > 0 && learningRate < 1, "learning_rate", "a number in (0, 1)", learningRate);
            p.inRange(momentum >= 0 && momentum < 1, "momentum", "a number in [0, 1)", momentum);
            p.throwIfAny();
        }

        /** {@return 40 first-task neurons, 20 per later task, 3 iterations, rate 0.2, momentum 0.9} */
        public static Params defaults() {
            return new Params(40, 20, 3, 0.2, 0.9);
        }
    }

    private final Params params;
    /** Per layer: lateral weights, {@code rows[l]} rows of inputs[l] values. */
    private double[][] h;
    private int[] rows;
    private int[] inputs;
    /** Per layer: orthonormal basis of the frozen rows (rebuilt at beforeTask). */
    private double[][] frozenBasis;
    private int[] frozenRows;
    private boolean[] initialised;
    private OjaSubspace[] oja;
    /** Projects with the trainer's workers; made at beforeTask. */
    private SubspaceProjector projector;
    private ModelView model;
    /** The current task's index, for messages. */
    private int task;

    /**
     * Creates the strategy with no lateral neurons yet.
     *
     * @param params the hyperparameters
     */
    public Hlop(Params params) {
        this.params = Strategies.requireParams(NAME, params);
    }

    @Override
    public boolean needsActivity() {
        return true;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void beforeTask(TaskContext task) {
        model = task.model();
        this.task = task.taskIndex();
        projector = new SubspaceProjector(task.workers());
        int layers = model.layerCount();
        if (h == null) {
            h = new double[layers][0];
            rows = new int[layers];
            inputs = new int[layers];
            for (int l = 0; l < layers; l++) {
                inputs[l] = model.inputs(l);
            }
        }
        StateCodec.requireShape(NAME, "layer count", layers, h.length);
        frozenBasis = new double[layers][];
        frozenRows = new int[layers];
        initialised = new boolean[layers];
        oja = new OjaSubspace[layers];
        int add = task.taskIndex() == 0 ? params.firstTaskNeurons() : params.neuronIncrement();
        for (int l = 0; l < layers; l++) {
            int n = inputs[l];
            StateCodec.requireShape(NAME, "layer " + l + " inputs", model.inputs(l), n);
            frozenRows[l] = rows[l];
            frozenBasis[l] = SubspaceProjector.extend(new double[0], 0, h[l], rows[l], n, rows[l]);
            // A task-specific layer is never projected, so it learns no subspace; elsewhere the
            // neurons stop at the input count (rows left untrained, e.g. zero, count too).
            int grow = model.taskSpecific(l) ? 0 : Math.max(0, Math.min(add, n - rows[l]));
            rows[l] += grow;
            h[l] = Arrays.copyOf(h[l], rows[l] * n);
            oja[l] = new OjaSubspace(n, task.workers());
            oja[l].reset(frozenRows[l], rows[l]);
            initialised[l] = grow == 0;
        }
    }

    @Override
    public void transformUpdate(int layer, float[] update, LayerActivity act) {
        if (model.taskSpecific(layer)) {
            return;
        }
        int n = inputs[layer];
        projector.project(frozenBasis[layer], frozenBasis[layer].length / n, n, update, model.outputs(layer));
        int m = act.ownSamples();
        if (m == 0) {
            return;
        }
        if (!initialised[layer]) {
            initialiseNewRows(layer, act, m);
            initialised[layer] = true;
        }
        oja[layer].train(h[layer], act, m, params.hebbianIterations(), params.learningRate(), params.momentum());
        requireFiniteRows(layer);
    }

    /**
     * Stops at once when the Hebbian learning of the task's rows has left the finite numbers (a
     * momentum near 1 can make it oscillate and grow, see {@link OjaSubspace}): the next task would
     * drop such rows from its basis, and the task would go unprotected without a word.
     */
    private void requireFiniteRows(int layer) {
        int n = inputs[layer];
        double[] w = h[layer];
        for (int k = frozenRows[layer] * n; k < rows[layer] * n; k++) {
            if (!Double.isFinite(w[k])) {
                throw new StrategyDiverged(String.format(Locale.ROOT, "%s, task %d, layer %d: the lateral neurons'"
                        + " Hebbian (Oja) learning diverged (a weight is %s), so the subspace the task would protect"
                        + " is lost; start the run anew with a smaller momentum (now %s) or learning_rate (now %s)"
                        + " in the strategy's params", NAME, task + 1, layer, w[k], params.momentum(),
                        params.learningRate()));
            }
        }
    }

    /**
     * New rows start as the task's first activity vectors (then unit vectors), orthonormalised against the frozen
     * basis.
     */
    private void initialiseNewRows(int layer, LayerActivity act, int m) {
        int n = inputs[layer];
        int lo = frozenRows[layer];
        int want = rows[layer] - lo;
        double[] candidates = new double[(m + n) * n];
        for (int s = 0; s < m; s++) {
            float[] x = act.vector(s);
            for (int i = 0; i < n; i++) {
                candidates[s * n + i] = x[i];
            }
        }
        for (int i = 0; i < n; i++) {
            candidates[(m + i) * n + i] = 1;
        }
        double[] fb = frozenBasis[layer];
        int k = fb.length / n;
        double[] extended = SubspaceProjector.extend(fb, k, candidates, m + n, n, want);
        System.arraycopy(extended, k * n, h[layer], lo * n, want * n);
    }

    /**
     * The lateral weights of a layer.
     *
     * @param layer the layer index
     * @return a copy, {@link #neurons} rows of inputs(layer) values, row-major
     */
    public double[] lateralWeights(int layer) {
        return h[layer].clone();
    }

    /**
     * {@return the number of lateral neurons of the layer}
     *
     * @param layer the layer index
     */
    public int neurons(int layer) {
        return h == null ? 0 : rows[layer];
    }

    /**
     * The orthonormal basis the current task's updates are projected with.
     *
     * @param layer the layer index
     * @return a copy, rows of inputs(layer) values
     */
    public double[] protectedBasis(int layer) {
        return frozenBasis[layer].clone();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StateCodec.writeHeader(out, NAME, VERSION);
        out.writeBoolean(h != null);
        if (h != null) {
            StateCodec.writeInts(out, inputs);
            StateCodec.writeInts(out, rows);
            StateCodec.writeDoubles(out, h);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        StateCodec.readHeader(in, NAME, VERSION);
        if (!in.readBoolean()) {
            h = null;
            rows = null;
            inputs = null;
            return;
        }
        int[] n = StateCodec.readInts(in);
        int[] r = StateCodec.readInts(in);
        double[][] w = StateCodec.readDoubleMatrix(in);
        StateCodec.requireShape(NAME, "rows layer count", n.length, r.length);
        StateCodec.requireShape(NAME, "lateral weights layer count", n.length, w.length);
        for (int l = 0; l < n.length; l++) {
            if (w[l] == null || n[l] <= 0 || r[l] < 0 || w[l].length != r[l] * n[l]) {
                throw new EngramException("strategy state", NAME + ".lateral_weights[" + l + "]",
                        r[l] + " rows of " + n[l] + " values", w[l] == null ? "null" : w[l].length + " values",
                        "the state file is damaged");
            }
            for (double x : w[l]) {
                if (!Double.isFinite(x)) {
                    // Written by a version that let the Hebbian learning diverge without a word.
                    throw new EngramException("strategy state", NAME + ".lateral_weights[" + l + "]",
                            "finite weights", String.valueOf(x), "the run's HLOP learning had diverged before it was "
                                    + "saved; start it anew");
                }
            }
        }
        inputs = n;
        rows = r;
        h = w;
    }
}
