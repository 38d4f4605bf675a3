package org.engram.learning.continual;

import org.engram.simulator.ParameterException;

/**
 * Synaptic metaplasticity: the larger a weight has grown, the harder it is to shrink, so weights
 * that matter (large |w|) consolidate while small ones stay plastic.
 *
 * <p>In {@code transformUpdate}, every update component that would shrink |w| (its sign opposes the
 * weight's) is scaled by {@code f_meta = 1 - tanh^2(m w)}; updates that grow |w| pass unchanged:
 * <pre>
 *   dW_k &lt;- dW_k * (1 - tanh^2(m W_k))   if dW_k * W_k &lt; 0,      dW_k otherwise
 * </pre>
 * {@code m} ({@code >= 0}, default 1.3; 1/weight units) sets how fast consolidation grows with |w|;
 * {@code m = 0} is plain training. {@code m} is relative to the weights' scale: Laborieux et al.'s
 * 1.3 suits hidden weights that grow to magnitudes near 1, while a network here starts with weights
 * of at most {@code 1/sqrt(fan-in)} (0.036 for 784 inputs), where {@code f_meta >= 0.993} at
 * {@code m = 1.3}: consolidation sets in only as weights grow, and an {@code m} of the order of
 * {@code 1/|w|} makes it act from the start. The weights are read through the {@link ModelView} of the task.
 * The rule has no state besides m.
 *
 * <p>Reference: A. Laborieux, M. Ernoult, T. Hirtzlin and D. Querlioz (2021), Synaptic
 * metaplasticity in binarized neural networks, Nat. Commun. 12:2549 (there applied to the hidden
 * weights of binarised networks).
 */
public final class Metaplasticity implements ContinualStrategy {
    /** Registry name. */
    public static final String NAME = "metaplasticity";

    /**
     * Hyperparameters of {@link Metaplasticity}.
     *
     * @param m the metaplasticity strength (1/weight units), {@code >= 0}
     */
    public record Params(double m) {
        /**
         * Validates the hyperparameter.
         *
         * @param m the metaplasticity strength (1/weight units), {@code >= 0}
         */
        public Params {
            ParameterException.requireNonNegative(NAME, "m", m, "1/weight");
            ParameterException.requireFinite(NAME, "m", m, "1/weight");
        }

        /** {@return m 1.3} */
        public static Params defaults() {
            return new Params(1.3);
        }
    }

    private final Params params;
    private ModelView model;

    /**
     * Creates the strategy.
     *
     * @param params the hyperparameters
     */
    public Metaplasticity(Params params) {
        this.params = Strategies.requireParams(NAME, params);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void beforeTask(TaskContext task) {
        model = task.model();
    }

    @Override
    public void transformUpdate(int layer, float[] update, LayerActivity act) {
        final float[] w = model.weights(layer);
        final double m = params.m();
        for (int k = 0; k < update.length; k++) {
            // In double: the float product of a tiny update and a tiny weight can round to -0 and hide
            // the shrink; a product of two floats never underflows a double.
            if ((double) update[k] * w[k] < 0) {
                update[k] = (float) (update[k] * attenuation(m, w[k]));
            }
        }
    }

    /**
     * The factor that scales an update which would shrink |w|.
     *
     * @param m the metaplasticity strength (1/weight units)
     * @param w the weight
     * @return {@code 1 - tanh^2(m w)}, in (0, 1]
     */
    public static double attenuation(double m, double w) {
        double t = StrictMath.tanh(m * w);
        return 1 - t * t;
    }
}
