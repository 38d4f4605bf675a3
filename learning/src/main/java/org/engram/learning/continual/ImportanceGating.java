package org.engram.learning.continual;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.engram.learning.io.Checkpointable;
import org.engram.learning.io.StateCodec;
import org.engram.learning.plasticity.SynapseGate;
import org.engram.simulator.ParameterException;

/**
 * Importance-gated plasticity: each synapse learns more slowly the more it changed during earlier
 * tasks, for local rules (STDP) as well as for trainers.
 *
 * <p>A synapse's importance I is the sum of |dw| over all its weight changes during earlier tasks.
 * During a task its learning rate is multiplied by
 * <pre>
 *   g = 1 / (1 + c * I)
 * </pre>
 * with I frozen at the task's start, while the changes of the current task are accumulated for the
 * next. Two ways to use it:
 * <ul>
 *   <li>A plasticity rule calls {@link #learningRateFactor(int, int)} before it changes synapse s of
 *   projection l (with {@code l} the layer index and s the index into {@code model.weights(l)}, for a
 *   CSR projection the CSR synapse index), scales its change by it, and reports the change it applied
 *   with {@link #recordChange}. Calls for different synapses may come from different threads.</li>
 *   <li>In a trainer, {@code transformUpdate} scales the update by g, and {@code afterBatch} records
 *   |update| as applied: in a chain, after the members that follow (GPM, HLOP) have changed it.</li>
 * </ul>
 * Both are valid from the task's {@code beforeTask} on, which sizes the arrays from
 * {@code model.weights(l).length}. {@code c} ({@code >= 0}, default 10; 1/weight units) sets the
 * strength. This is Engram's own rule, in the family of importance-weighted learning rates of SI and
 * MAS (Zenke et al. 2017; Aljundi et al. 2018) applied as a gate instead of a penalty.
 */
public final class ImportanceGating implements ContinualStrategy, Checkpointable {
    /** Registry name. */
    public static final String NAME = "importance_gating";
    private static final int VERSION = 1;

    /**
     * Hyperparameters of {@link ImportanceGating}.
     *
     * @param c the gating strength (1/weight units), {@code >= 0}
     */
    public record Params(double c) {
        /**
         * Validates the hyperparameter.
         *
         * @param c the gating strength (1/weight units), {@code >= 0}
         */
        public Params {
            ParameterException.requireNonNegative(NAME, "c", c, "1/weight");
            ParameterException.requireFinite(NAME, "c", c, "1/weight");
        }

        /** {@return c 10} */
        public static Params defaults() {
            return new Params(10);
        }
    }

    private final Params params;
    /** Accumulated |dw| of earlier tasks, per layer. */
    private double[][] importance;
    /** Accumulated |dw| of the current task, per layer. */
    private double[][] current;
    /** 1 / (1 + c I), per layer. */
    private float[][] factor;
    /**
     * The current batch's update arrays, per layer, read once applied: later members of a chain
     * may still change them after {@link #transformUpdate}.
     */
    private float[][] pending;

    /**
     * Creates the strategy with zero importance.
     *
     * @param params the hyperparameters
     */
    public ImportanceGating(Params params) {
        this.params = Strategies.requireParams(NAME, params);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void beforeTask(TaskContext task) {
        startTask(task.model());
    }

    /**
     * Freezes the importance of the finished tasks into the learning-rate factors of the task that
     * starts; what {@link #beforeTask} does, for learners without a {@link TaskContext} (plasticity
     * rules of an unsupervised network).
     *
     * @param model the weights of the network that learns
     */
    public void startTask(ModelView model) {
        int layers = model.layerCount();
        if (importance == null) {
            importance = new double[layers][];
            for (int l = 0; l < layers; l++) {
                importance[l] = new double[model.weights(l).length];
            }
        }
        StateCodec.requireShape(NAME, "layer count", layers, importance.length);
        current = new double[layers][];
        factor = new float[layers][];
        pending = new float[layers][];
        final double c = params.c();
        for (int l = 0; l < layers; l++) {
            StateCodec.requireShape(NAME, "layer " + l + " synapse count", model.weights(l).length,
                    importance[l].length);
            current[l] = new double[importance[l].length];
            factor[l] = new float[importance[l].length];
            for (int s = 0; s < factor[l].length; s++) {
                factor[l][s] = (float) (1 / (1 + c * importance[l][s]));
            }
        }
    }

    /**
     * The factor a plasticity rule multiplies a synapse's learning rate by during the current task.
     *
     * @param layer   the layer or projection index
     * @param synapse the synapse index in the layer's weight array
     * @return {@code 1 / (1 + c I)}, in (0, 1]
     */
    public float learningRateFactor(int layer, int synapse) {
        return factor[layer][synapse];
    }

    /**
     * Records a weight change a plasticity rule applied, for the importance of later tasks.
     *
     * @param layer   the layer or projection index
     * @param synapse the synapse index in the layer's weight array
     * @param dw      the applied change (weight units)
     */
    public void recordChange(int layer, int synapse, double dw) {
        current[layer][synapse] += Math.abs(dw);
    }

    @Override
    public void transformUpdate(int layer, float[] update, LayerActivity act) {
        final float[] g = factor[layer];
        for (int k = 0; k < update.length; k++) {
            update[k] *= g[k];
        }
        pending[layer] = update;
    }

    @Override
    public void afterBatch(BatchContext batch) {
        recordApplied();
    }

    /** Adds the applied updates of the batch to the current task's changes. */
    private void recordApplied() {
        for (int l = 0; l < pending.length; l++) {
            final float[] update = pending[l];
            if (update != null) {
                final double[] acc = current[l];
                for (int k = 0; k < update.length; k++) {
                    acc[k] += Math.abs(update[k]);
                }
                pending[l] = null;
            }
        }
    }

    @Override
    public void afterTask(TaskContext task) {
        finishTask();
    }

    /**
     * Adds the changes of the task that ends to the importance; what {@link #afterTask} does. The changes
     * are added once: a second call before the next {@link #startTask} adds nothing.
     */
    public void finishTask() {
        for (int l = 0; l < importance.length; l++) {
            final double[] imp = importance[l];
            final double[] cur = current[l];
            for (int s = 0; s < imp.length; s++) {
                imp[s] += cur[s];
                cur[s] = 0;
            }
        }
    }

    /**
     * The importance gathered in finished tasks.
     *
     * @param layer the layer index
     * @return a copy of the accumulated |dw| (weight units)
     */
    public double[] importance(int layer) {
        return importance[layer].clone();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StateCodec.writeHeader(out, NAME, VERSION);
        out.writeBoolean(importance != null);
        if (importance != null) {
            StateCodec.writeDoubles(out, importance);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        StateCodec.readHeader(in, NAME, VERSION);
        if (!in.readBoolean()) {
            importance = null;
            return;
        }
        double[][] read = StateCodec.readDoubleMatrix(in);
        for (int l = 0; l < read.length; l++) {
            StateCodec.requirePresent(NAME, "importance[" + l + "]", read[l]);
        }
        importance = read;
    }

    /**
     * The gate a plasticity rule on one projection uses: {@link #learningRateFactor} and
     * {@link #recordChange} of that layer. Valid from {@link #startTask} on.
     *
     * @param layer the layer or projection index
     * @return the gate
     */
    public SynapseGate gate(int layer) {
        return new SynapseGate() {
            @Override
            public float learningRateFactor(int synapse) {
                return ImportanceGating.this.learningRateFactor(layer, synapse);
            }

            @Override
            public void recordChange(int synapse, double dw) {
                ImportanceGating.this.recordChange(layer, synapse, dw);
            }
        };
    }
}
