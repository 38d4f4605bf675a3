package org.engram.learning.continual;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.engram.learning.io.Checkpointable;
import org.engram.learning.io.StateCodec;
import org.engram.simulator.EngramException;
import org.engram.simulator.Problems;

/**
 * Synaptic intelligence: each weight's importance is its contribution to the drop of the loss
 * along the training trajectory, accumulated online.
 *
 * <p>Per batch, with {@code g_k} the batch's task-loss gradient (before penalties) and
 * {@code delta_k} the weight change the batch actually applied:
 * <pre>
 *   w_k     += -g_k * delta_k                                  (path integral, afterBatch)
 *   at the end of task t, with Delta_k = theta_k(end of t) - theta_k(start of t):
 *   Omega_k &lt;- max(0, Omega_k + w_k / (Delta_k^2 + xi)),   w_k &lt;- 0,   theta*_k &lt;- theta_k(end of t)
 *   penalty = c sum_k Omega_k (theta_k - theta*_k)^2,   gradient added: 2 c Omega (theta - theta*)
 * </pre>
 * The penalty is the paper's (its eq. 4), so {@code c} means what it means there. The path
 * integral {@code w_k} is negative when a weight moved against its gradient (momentum, Adam, noise
 * of the batches); the paper's eq. 5 sums such terms as they are, but a negative Omega would make
 * the penalty negative, pushing the weight away from theta* without bound. Omega is therefore
 * clipped at 0 after each task, as the authors' code does ({@code ganguli-lab/pathint},
 * {@code tf.nn.relu} of the running sum): the clipped value is what later tasks add to. xi only
 * damps the denominator and does not change the sign.
 *
 * <p>xi is in weight^2, absolute, not relative to the weights' scale. Starting weights are at most
 * {@code 1/sqrt(fan-in)} (0.036 for 784 inputs), and a task of a few optimiser steps moves them far
 * less, so {@code Delta^2} can stay below xi, Omega about {@code w / xi}, small, and the penalty barely acts:
 * on {@code split-fashion-domain-il.yaml} with the bundled subset (10 steps a task), c 0.5 gave
 * naive's accuracy, xi 1e-6 or c 50 kept most of it. Short tasks need a smaller xi or a larger c.
 *
 * <table>
 *   <caption>Hyperparameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>c</td><td>0.1</td><td>penalty strength, {@code >= 0}</td></tr>
 *   <tr><td>xi</td><td>0.001</td><td>damping of the denominator (weight^2), {@code > 0}</td></tr>
 * </table>
 *
 * <p>Reference: F. Zenke, B. Poole and S. Ganguli (2017), Continual learning through synaptic
 * intelligence, ICML.
 */
public final class SynapticIntelligence implements ContinualStrategy, Checkpointable {
    /** Registry name. */
    public static final String NAME = "si";
    private static final int VERSION = 1;

    /**
     * Hyperparameters of {@link SynapticIntelligence}.
     *
     * @param c  penalty strength (dimensionless), {@code >= 0}
     * @param xi damping (weight^2), {@code > 0}
     */
    public record Params(double c, double xi) {
        /**
         * Validates every hyperparameter.
         *
         * @param c  penalty strength (dimensionless), {@code >= 0}
         * @param xi damping (weight^2), {@code > 0}
         */
        public Params {
            Problems p = new Problems(NAME);
            p.nonNegative("c", c, "dimensionless");
            p.positive("xi", xi, "weight^2");
            p.throwIfAny();
        }

        /** {@return c 0.1, xi 0.001} */
        public static Params defaults() {
            return new Params(0.1, 1e-3);
        }
    }

    private final Params params;
    /**
     * Accumulated importance Omega per layer and the weights after the previous task, as the
     * penalty's importance and anchor; null until the first task ends.
     */
    private QuadraticAnchor penalty;
    /** Path integral of the current task. */
    private double[][] path;
    /** Weights at the start of the current task. */
    private float[][] taskStart;
    /** Weights before the current batch's update. */
    private float[][] beforeUpdate;
    private ModelView model;

    /**
     * Creates the strategy with no importance yet.
     *
     * @param params the hyperparameters
     */
    public SynapticIntelligence(Params params) {
        this.params = Strategies.requireParams(NAME, params);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void beforeTask(TaskContext task) {
        model = task.model();
        QuadraticAnchor.checkShape(NAME, penalty, model);
        taskStart = QuadraticAnchor.snapshot(model);
        beforeUpdate = QuadraticAnchor.snapshot(model);
        path = model.newPerWeight();
    }

    @Override
    public void beforeBatch(BatchContext batch) {
        for (int l = 0; l < beforeUpdate.length; l++) {
            System.arraycopy(model.weights(l), 0, beforeUpdate[l], 0, beforeUpdate[l].length);
        }
    }

    @Override
    public void afterBatch(BatchContext batch) {
        for (int l = 0; l < path.length; l++) {
            final float[] w = model.weights(l);
            final float[] before = beforeUpdate[l];
            final float[] g = batch.lossGradient(l);
            final double[] p = path[l];
            for (int k = 0; k < p.length; k++) {
                p[k] -= g[k] * ((double) w[k] - before[k]);
            }
        }
    }

    @Override
    public void addPenaltyGradient(int layer, float[] weights, float[] grad) {
        if (penalty != null) {
            penalty.addGradient(layer, weights, grad, 2 * params.c());
        }
    }

    @Override
    public void afterTask(TaskContext task) {
        float[][] end = QuadraticAnchor.snapshot(model);
        double[][] omega = penalty == null ? null : penalty.importance;
        if (omega == null) {
            omega = new double[end.length][];
            for (int l = 0; l < end.length; l++) {
                omega[l] = new double[end[l].length];
            }
        }
        final double xi = params.xi();
        for (int l = 0; l < end.length; l++) {
            final double[] o = omega[l];
            final double[] p = path[l];
            for (int k = 0; k < o.length; k++) {
                double total = (double) end[l][k] - taskStart[l][k];
                o[k] = Math.max(0, o[k] + p[k] / (total * total + xi));
                p[k] = 0;
            }
        }
        penalty = new QuadraticAnchor(omega, end);
    }

    /**
     * The accumulated importance Omega of a layer.
     *
     * @param layer the layer index
     * @return a copy (loss per weight^2 units), or {@code null} before the first task ends
     */
    public double[] importance(int layer) {
        return penalty == null ? null : penalty.importance[layer].clone();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StateCodec.writeHeader(out, NAME, VERSION);
        out.writeBoolean(penalty != null);
        if (penalty != null) {
            StateCodec.writeDoubles(out, penalty.importance);
            StateCodec.writeFloats(out, penalty.anchor);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        StateCodec.readHeader(in, NAME, VERSION);
        if (in.readBoolean()) {
            double[][] o = StateCodec.readDoubleMatrix(in);
            float[][] a = StateCodec.readFloatMatrix(in);
            QuadraticAnchor.requireSameShape(NAME, o, a);
            for (int l = 0; l < o.length; l++) {
                for (int k = 0; k < o[l].length; k++) {
                    if (Double.isNaN(o[l][k])) {
                        throw new EngramException("strategy state", NAME + ".omega[" + l + "][" + k + "]",
                                "a number", "NaN", "the state file is damaged");
                    }
                    // States saved before Omega was clipped after each task may hold negative values;
                    // clipping them resumes such a run under the rule (a no-op for newer states).
                    o[l][k] = Math.max(0, o[l][k]);
                }
            }
            penalty = new QuadraticAnchor(o, a);
        } else {
            penalty = null;
        }
    }
}
