package org.engram.learning.continual;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.engram.learning.io.Checkpointable;
import org.engram.learning.io.StateCodec;
import org.engram.simulator.Problems;

/**
 * Memory-aware synapses: importance is how strongly a weight moves the network's outputs, measured
 * without labels.
 *
 * <p>After task t, over N samples of the task spread evenly over its training set:
 * <pre>
 *   Omega_new,k = (1/N) sum_n | d ||z(x_n)||_2^2 / d theta_k |     (z: output logits)
 *   Omega &lt;- Omega + Omega_new,   theta* &lt;- theta after task t
 *   penalty = lambda sum_k Omega_k (theta_k - theta*_k)^2,  gradient added: 2 lambda Omega (theta - theta*)
 * </pre>
 * The penalty is the paper's (its eq. 3), so {@code lambda} means what it means there.
 *
 * <table>
 *   <caption>Hyperparameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>lambda</td><td>1</td><td>penalty strength, {@code >= 0}</td></tr>
 *   <tr><td>samples</td><td>200</td><td>samples per importance estimate, {@code >= 1}</td></tr>
 * </table>
 *
 * <p>Reference: R. Aljundi et al. (2018), Memory aware synapses: learning what (not) to forget, ECCV.
 */
public final class Mas implements ContinualStrategy, Checkpointable {
    /** Registry name. */
    public static final String NAME = "mas";
    private static final int VERSION = 1;

    /**
     * Hyperparameters of {@link Mas}.
     *
     * @param lambda  penalty strength (1/importance units), {@code >= 0}
     * @param samples samples per importance estimate, {@code >= 1}
     */
    public record Params(double lambda, int samples) {
        /**
         * Validates every hyperparameter.
         *
         * @param lambda  penalty strength (1/importance units), {@code >= 0}
         * @param samples samples per importance estimate, {@code >= 1}
         */
        public Params {
            Problems p = new Problems(NAME);
            p.nonNegative("lambda", lambda, "dimensionless");
            p.atLeastOne("samples", samples);
            p.throwIfAny();
        }

        /** {@return lambda 1, 200 samples} */
        public static Params defaults() {
            return new Params(1, 200);
        }
    }

    private final Params params;
    private QuadraticAnchor anchor;

    /**
     * Creates the strategy with no importance yet.
     *
     * @param params the hyperparameters
     */
    public Mas(Params params) {
        this.params = Strategies.requireParams(NAME, params);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void beforeTask(TaskContext task) {
        QuadraticAnchor.checkShape(NAME, anchor, task.model());
    }

    @Override
    public void addPenaltyGradient(int layer, float[] weights, float[] grad) {
        if (anchor != null) {
            anchor.addGradient(layer, weights, grad, 2 * params.lambda());
        }
    }

    @Override
    public void afterTask(TaskContext task) {
        ModelView model = task.model();
        SampleSet data = task.trainData();
        double[][] omega = model.newPerWeight();
        task.oracle().gradients(GradientOracle.Objective.OUTPUT_SQUARED_NORM, GradientOracle.Reduction.MEAN_ABS,
                data, EvenSamples.choose(data.size(), params.samples()), omega);
        if (anchor != null) {
            for (int l = 0; l < omega.length; l++) {
                double[] o = omega[l];
                double[] old = anchor.importance[l];
                for (int k = 0; k < o.length; k++) {
                    o[k] += old[k];
                }
            }
        }
        anchor = new QuadraticAnchor(omega, QuadraticAnchor.snapshot(model));
    }

    /**
     * The accumulated importance of a layer.
     *
     * @param layer the layer index
     * @return a copy (output-norm gradient units), or {@code null} before the first task ends
     */
    public double[] importance(int layer) {
        return anchor == null ? null : anchor.importance[layer].clone();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StateCodec.writeHeader(out, NAME, VERSION);
        QuadraticAnchor.writeOptional(out, anchor);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        StateCodec.readHeader(in, NAME, VERSION);
        anchor = QuadraticAnchor.readOptional(in, NAME);
    }
}
