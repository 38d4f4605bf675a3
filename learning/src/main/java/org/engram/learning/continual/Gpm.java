package org.engram.learning.continual;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.engram.learning.io.Checkpointable;
import org.engram.learning.io.StateCodec;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Problems;

/**
 * Gradient projection memory: each layer keeps an orthonormal basis M of the input space its
 * earlier tasks used, and every update is projected orthogonal to it, so the update leaves the
 * layer's drive by old inputs' activity unchanged (up to the energy threshold below). The activity
 * is each input's presynaptic trace averaged over time steps: the drive of a single time step,
 * whose spike vector need not lie in the basis's span, and with it an old input's membrane
 * trajectory, can still change.
 *
 * <p>After task t, for each layer: collect the presynaptic activity of N samples of the task spread
 * evenly over its training set as the columns of R (inputs x N). With the existing basis M
 * (columns) and {@code R^ = R - M M^T R}, take the SVD {@code R^ = U S V^T} and keep the smallest k
 * such that
 * <pre>
 *   ||M M^T R||_F^2 + sum_(j &lt; k) s_j^2  &gt;=  eps_l ||R||_F^2,      eps_l = min(1, threshold_l + t * increment)
 *   M &lt;- [M, u_1 .. u_k]   (re-orthonormalised),     update: dW[:, o] &lt;- dW[:, o] - M M^T dW[:, o]
 * </pre>
 * for every output o, in {@code transformUpdate}. The first task uses the same rule with M empty,
 * the paper's eq. 5 (the smallest k that reaches the threshold); the authors' code
 * ({@code update_GPM} in sahagobinda/GPM) keeps one vector fewer there, the number of partial sums
 * below the threshold, and uses this rule (eq. 9) for later tasks.
 * The paper projects the gradient, {@code g - M M^T g}, before a plain SGD step; here the
 * optimiser's update is projected, after the optimiser: the same for plain SGD, and for Adam or
 * momentum, which rescale or mix gradients per weight and would bring back components in the
 * span of M, still orthogonal to it.
 * Directions whose singular value is at the SVD's rounding level carry no energy and are never
 * added, so {@code eps_l = 1} protects exactly the span of the activity (not the inputs that never fire).
 *
 * <table>
 *   <caption>Hyperparameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>thresholds</td><td>[0.97]</td><td>energy threshold per weight matrix (a recurrent layer has two)
 *       in (0, 1]; one value serves all</td></tr>
 *   <tr><td>threshold_increment</td><td>0</td><td>added to each threshold per task, {@code >= 0} (the authors'
 *       code: 0.97 + 0.003 t on 10-split CIFAR-100, a constant 0.965 on 5-datasets)</td></tr>
 *   <tr><td>samples</td><td>300</td><td>activity vectors per layer and task, {@code >= 1}</td></tr>
 * </table>
 *
 * <p>Reference: G. Saha, I. Garg and K. Roy (2021), Gradient projection memory for continual
 * learning, ICLR.
 */
public final class Gpm implements ContinualStrategy, Checkpointable {
    /** Registry name. */
    public static final String NAME = "gpm";
    private static final int VERSION = 1;

    /**
     * Hyperparameters of {@link Gpm}.
     *
     * @param thresholds         energy threshold per weight matrix, each in (0, 1]; a single value serves every matrix
     * @param thresholdIncrement added to every threshold per task index, {@code >= 0}
     * @param samples            activity vectors per layer and task, {@code >= 1}
     */
    public record Params(double[] thresholds, double thresholdIncrement, int samples) {
        /**
         * Validates and copies the hyperparameters.
         *
         * @param thresholds         energy threshold per weight matrix, each in (0, 1]; a single value serves
         *                           every matrix
         * @param thresholdIncrement added to every threshold per task index, {@code >= 0}
         * @param samples            activity vectors per layer and task, {@code >= 1}
         */
        public Params {
            Problems p = new Problems(NAME);
            if (p.require(thresholds != null && thresholds.length > 0, "thresholds", "one or more numbers in (0, 1]",
                    "none")) {
                thresholds = thresholds.clone();
                for (int l = 0; l < thresholds.length; l++) {
                    p.inRange(thresholds[l] > 0 && thresholds[l] <= 1, "thresholds[" + l + "]", "a number in (0, 1]",
                            thresholds[l]);
                }
            }
            p.nonNegative("threshold_increment", thresholdIncrement, "dimensionless");
            p.atLeastOne("samples", samples);
            p.throwIfAny();
        }

        /** {@return a copy of the thresholds} */
        @Override
        public double[] thresholds() {
            return thresholds.clone();
        }

        /** {@return thresholds [0.97], no increment, 300 samples} */
        public static Params defaults() {
            return new Params(new double[] {0.97}, 0, 300);
        }

        double threshold(int layer, int task) {
            double base = thresholds[thresholds.length == 1 ? 0 : layer];
            return Math.min(1.0, base + task * thresholdIncrement);
        }
    }

    private final Params params;
    /** Per layer: the orthonormal basis, rows of length inputs(layer); null until the first beforeTask. */
    private double[][] basis;
    private int[] inputs;
    /** Projects with the trainer's workers; made at beforeTask. */
    private SubspaceProjector projector;
    private ModelView model;

    /**
     * Creates the strategy with empty bases.
     *
     * @param params the hyperparameters
     */
    public Gpm(Params params) {
        this.params = Strategies.requireParams(NAME, params);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Support fits(int weightMatrices) {
        if (params.thresholds.length != 1 && params.thresholds.length != weightMatrices) {
            return Support.no("thresholds " + Arrays.toString(params.thresholds) + ": " + params.thresholds.length
                    + " values, where it takes 1 or one per weight matrix (" + weightMatrices + ")");
        }
        return Support.YES;
    }

    @Override
    public void beforeTask(TaskContext task) {
        model = task.model();
        projector = new SubspaceProjector(task.workers());
        int layers = model.layerCount();
        if (!fits(layers).supported()) {
            throw new ParameterException(NAME, "thresholds", "1 or " + layers + " values (one per weight matrix)",
                    Arrays.toString(params.thresholds));
        }
        if (basis == null) {
            basis = new double[layers][0];
            inputs = new int[layers];
            for (int l = 0; l < layers; l++) {
                inputs[l] = model.inputs(l);
            }
        }
        StateCodec.requireShape(NAME, "layer count", layers, basis.length);
        for (int l = 0; l < layers; l++) {
            StateCodec.requireShape(NAME, "layer " + l + " inputs", model.inputs(l), inputs[l]);
        }
    }

    @Override
    public void transformUpdate(int layer, float[] update, LayerActivity act) {
        if (model.taskSpecific(layer)) {
            return;
        }
        int n = inputs[layer];
        projector.project(basis[layer], basis[layer].length / n, n, update, model.outputs(layer));
    }

    @Override
    public void afterTask(TaskContext task) {
        SampleSet data = task.trainData();
        int[] samples = EvenSamples.choose(data.size(), params.samples());
        List<LayerActivity> activities = task.oracle().activities(data, samples);
        for (int l = 0; l < basis.length; l++) {
            // A task's own head is never projected: its basis would cost an SVD a task and go unused.
            if (!task.model().taskSpecific(l)) {
                basis[l] = grow(basis[l], activities.get(l), inputs[l], params.threshold(l, task.taskIndex()));
            }
        }
    }

    /**
     * Extends one layer's basis by the energy criterion.
     *
     * @param old       the current basis rows
     * @param act       the task's activity vectors (columns of R)
     * @param n         the layer's inputs
     * @param threshold the energy threshold in (0, 1]
     * @return the new basis rows
     */
    static double[] grow(double[] old, LayerActivity act, int n, double threshold) {
        int m = act.samples();
        int k = old.length / n;
        double[][] r = new double[n][m];
        double total = 0;
        for (int s = 0; s < m; s++) {
            float[] x = act.vector(s);
            for (int i = 0; i < n; i++) {
                r[i][s] = x[i];
                total += (double) x[i] * x[i];
            }
        }
        if (!(total > 0) || k == n) {
            return old;
        }
        for (int b = 0; b < k; b++) {
            for (int s = 0; s < m; s++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += old[b * n + i] * r[i][s];
                }
                for (int i = 0; i < n; i++) {
                    r[i][s] -= dot * old[b * n + i];
                }
            }
        }
        double residual = 0;
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < m; s++) {
                residual += r[i][s] * r[i][s];
            }
        }
        double accumulated = total - residual;
        double target = threshold * total;
        if (accumulated >= target) {
            return old;
        }
        RealMatrix rHat = new Array2DRowRealMatrix(r, false);
        SingularValueDecomposition svd = new SingularValueDecomposition(rHat);
        double[] sigma = svd.getSingularValues();
        RealMatrix u = svd.getU();
        // A singular value at the SVD's rounding level belongs to a direction the activity does not
        // use (e.g. of inputs that never fire): it adds no energy, and with eps_l = 1, where rounding
        // can leave the sum a hair short of the target, taking such directions would protect the
        // whole input space and freeze the layer.
        double negligible = Math.max(n, m) * Math.ulp(1.0) * Math.sqrt(total);
        int add = 0;
        while (add < sigma.length && accumulated < target && sigma[add] > negligible) {
            accumulated += sigma[add] * sigma[add];
            add++;
        }
        add = Math.min(add, n - k);
        double[] candidates = new double[add * n];
        for (int j = 0; j < add; j++) {
            for (int i = 0; i < n; i++) {
                candidates[j * n + i] = u.getEntry(i, j);
            }
        }
        return SubspaceProjector.extend(old, k, candidates, add, n, add);
    }

    /**
     * The size of a layer's protected subspace.
     *
     * @param layer the layer index
     * @return the number of basis vectors (0 before the first task ends, and always for a task's own head)
     */
    public int basisSize(int layer) {
        return basis == null ? 0 : basis[layer].length / inputs[layer];
    }

    /**
     * A layer's orthonormal basis.
     *
     * @param layer the layer index
     * @return a copy, rows of length inputs(layer), row-major
     */
    public double[] basis(int layer) {
        return basis[layer].clone();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StateCodec.writeHeader(out, NAME, VERSION);
        out.writeBoolean(basis != null);
        if (basis != null) {
            StateCodec.writeInts(out, inputs);
            StateCodec.writeDoubles(out, basis);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        StateCodec.readHeader(in, NAME, VERSION);
        if (!in.readBoolean()) {
            basis = null;
            inputs = null;
            return;
        }
        int[] n = StateCodec.readInts(in);
        double[][] b = StateCodec.readDoubleMatrix(in);
        StateCodec.requireShape(NAME, "basis layer count", n.length, b.length);
        for (int l = 0; l < n.length; l++) {
            if (n[l] <= 0 || b[l] == null || b[l].length % n[l] != 0 || b[l].length / n[l] > n[l]) {
                throw new EngramException("strategy state", NAME + ".basis[" + l + "]",
                        "at most " + n[l] + " rows of " + n[l] + " values",
                        b[l] == null ? "null" : b[l].length + " values",
                        "the state file is damaged");
            }
        }
        inputs = n;
        basis = b;
    }
}
