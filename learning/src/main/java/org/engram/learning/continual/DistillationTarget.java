package org.engram.learning.continual;

import org.engram.learning.train.LogitTerm;
import org.engram.simulator.ParameterException;

/**
 * A knowledge-distillation term for one sample, in the form of Learning without Forgetting (Li
 * and Hoiem 2016, their L_old): the trainer adds it to the sample's loss.
 *
 * <p>With logits {@code z} of the last layer, the head's units {@code u_0 .. u_(K-1)} ({@code K =
 * probabilities.length}), and {@code q = softmax(z[u] / T)} over those units:
 * <pre>
 *   L_distill = weight * sum_j -p_j log q_j
 *   dL_distill / dz_(u_j) = (weight / T) * (q_j - p_j)
 * </pre>
 * {@code weight} is the paper's lambda_o. Hinton et al. (2015) scale the term by {@code T^2} to keep
 * the gradient's size independent of the temperature; a weight of {@code lambda T^2} gives that
 * form. Contract for
 * the trainer: for every sample {@code i} of a batch and every attached term, call
 * {@link #addLogitGradient} with the sample's logits into the array that holds the gradient of
 * that sample's own loss with respect to its logits, before backpropagation; the term is then
 * averaged over the batch exactly like the sample's own loss.
 *
 * @param probabilities the soft targets p, each in [0, 1], summing to 1 within 1e-3, length K >= 1
 *                      (not copied; do not modify)
 * @param units         the output units the targets refer to, one per target, distinct, each
 *                      {@code >= 0} and a readout unit of the network it is used with (not copied;
 *                      do not modify)
 * @param temperature   the softmax temperature T, finite, {@code > 0}
 * @param weight        the weight of the term, finite, {@code >= 0}
 */
public record DistillationTarget(float[] probabilities, int[] units, double temperature, double weight)
        implements LogitTerm {
    /**
     * Validates the term.
     *
     * @param probabilities the soft targets p, each in [0, 1], summing to 1 within 1e-3, length K >= 1
     *                      (not copied; do not modify)
     * @param units         the output units the targets refer to, one per target, distinct, each
     *                      {@code >= 0} and a readout unit of the network it is used with (not copied;
     *                      do not modify)
     * @param temperature   the softmax temperature T, finite, {@code > 0}
     * @param weight        the weight of the term, finite, {@code >= 0}
     */
    public DistillationTarget {
        if (probabilities == null || probabilities.length == 0) {
            throw new ParameterException("distillation", "probabilities", "at least one soft target", "none");
        }
        double sum = 0;
        for (int j = 0; j < probabilities.length; j++) {
            float p = probabilities[j];
            if (!(p >= 0 && p <= 1)) {
                throw new ParameterException("distillation", "probabilities[" + j + "]", "a probability in [0, 1]", p);
            }
            sum += p;
        }
        // Softmax outputs in floats sum to 1 within a few ulps; 1e-3 leaves room and still finds counts or logits.
        if (Math.abs(sum - 1) > 1e-3) {
            throw new ParameterException("distillation", "probabilities", "soft targets that sum to 1",
                    "a sum of " + sum);
        }
        requireUnits("distillation", units, probabilities.length, "soft target");
        ParameterException.requirePositive("distillation", "temperature", temperature, "dimensionless");
        ParameterException.requireFinite("distillation", "temperature", temperature, "dimensionless");
        ParameterException.requireNonNegative("distillation", "weight", weight, "dimensionless");
        ParameterException.requireFinite("distillation", "weight", weight, "dimensionless");
    }

    /**
     * The distillation loss for a sample's logits.
     *
     * @param logits the last layer's logits (all units)
     * @return {@code weight * cross-entropy(p, q)} (nats)
     */
    @Override
    public double loss(float[] logits) {
        int k = probabilities.length;
        double max = maxScaled(logits);
        double norm = 0;
        for (int j = 0; j < k; j++) {
            norm += StrictMath.exp(logits[units[j]] / temperature - max);
        }
        double logNorm = StrictMath.log(norm) + max;
        double ce = 0;
        for (int j = 0; j < k; j++) {
            ce -= probabilities[j] * (logits[units[j]] / temperature - logNorm);
        }
        return weight * ce;
    }

    /**
     * Adds the gradient of {@link #loss} with respect to the logits.
     *
     * @param logits the last layer's logits (all units)
     * @param grad   the gradient of the sample's loss with respect to the logits; the term is added
     */
    @Override
    public void addLogitGradient(float[] logits, float[] grad) {
        int k = probabilities.length;
        double max = maxScaled(logits);
        double norm = 0;
        for (int j = 0; j < k; j++) {
            norm += StrictMath.exp(logits[units[j]] / temperature - max);
        }
        double scale = weight / temperature;
        for (int j = 0; j < k; j++) {
            double q = StrictMath.exp(logits[units[j]] / temperature - max) / norm;
            grad[units[j]] += (float) (scale * (q - probabilities[j]));
        }
    }

    /**
     * Marks the head's units, the only ones this term's gradient reaches; none at weight 0, whose
     * gradient is 0, so that LwF at {@code alpha: 0} leaves old heads to the optimiser as naive
     * training does (Adam's momentum had moved them).
     */
    @Override
    public void markLogits(boolean[] reached) {
        markUnits(units, weight, reached);
    }

    /**
     * Marks a term's units as reached, unless its weight is 0 (its gradient is then 0).
     *
     * @param units   the term's units
     * @param weight  its weight
     * @param reached one flag per logit; those of the units are set
     */
    static void markUnits(int[] units, double weight, boolean[] reached) {
        if (weight == 0) {
            return;
        }
        for (int u : units) {
            reached[u] = true;
        }
    }

    /**
     * Checks the readout units of a term on logits: one per value, each {@code >= 0}, distinct (a unit
     * named twice would get its gradient twice).
     *
     * @param who    the term's kind, for messages
     * @param units  the units
     * @param values the number of values they belong to
     * @param value  what a value is, for messages
     * @throws ParameterException naming {@code units} otherwise
     */
    static void requireUnits(String who, int[] units, int values, String value) {
        if (units == null || units.length != values) {
            throw new ParameterException(who, "units", "one unit per " + value + " (" + values + ")",
                    units == null ? "none" : String.valueOf(units.length));
        }
        for (int i = 0; i < units.length; i++) {
            if (units[i] < 0) {
                throw new ParameterException(who, "units", "indices >= 0", units[i]);
            }
            for (int j = 0; j < i; j++) {
                if (units[j] == units[i]) {
                    throw new ParameterException(who, "units", "distinct units", "unit " + units[i] + " twice");
                }
            }
        }
    }

    private double maxScaled(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < probabilities.length; j++) {
            max = Math.max(max, logits[units[j]] / temperature);
        }
        return max;
    }

    /**
     * The softmax of logits at a temperature, as soft targets for a later {@code DistillationTarget}.
     *
     * @param logits      the last layer's logits (all units)
     * @param units       the head's units
     * @param temperature the temperature T, {@code > 0}
     * @return {@code softmax(z[units] / T)}, one target per unit
     */
    public static float[] softTargets(float[] logits, int[] units, double temperature) {
        int size = units.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < size; j++) {
            max = Math.max(max, logits[units[j]] / temperature);
        }
        double[] e = new double[size];
        double norm = 0;
        for (int j = 0; j < size; j++) {
            e[j] = StrictMath.exp(logits[units[j]] / temperature - max);
            norm += e[j];
        }
        float[] p = new float[size];
        for (int j = 0; j < size; j++) {
            p[j] = (float) (e[j] / norm);
        }
        return p;
    }
}
