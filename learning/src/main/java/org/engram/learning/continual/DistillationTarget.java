package org.engram.learning.continual;

import org.engram.learning.train.LogitTerm;

import org.engram.simulator.ParameterException;

/**
 * A knowledge-distillation term for one sample (Hinton et al. 2015; used by LwF, Li and Hoiem
 * 2016): the trainer adds it to the sample's loss.
 *
 * <p>With logits {@code z} of the last layer, the units {@code [firstUnit, firstUnit + K)} with
 * {@code K = probabilities.length}, and {@code q = softmax(z[firstUnit..] / T)}:
 * <pre>
 *   L_distill = weight * T^2 * sum_j -p_j log q_j
 *   dL_distill / dz_(firstUnit + j) = weight * T * (q_j - p_j)
 * </pre>
 * The factor {@code T^2} keeps the gradient's size independent of the temperature. Contract for
 * the trainer: for every sample {@code i} of a batch and every attached term, call
 * {@link #addLogitGradient} with the sample's logits into the array that holds the gradient of
 * that sample's own loss with respect to its logits, before backpropagation; the term is then
 * averaged over the batch exactly like the sample's own loss.
 *
 * @param probabilities the soft targets p, summing to 1, length K >= 1 (not copied; do not modify)
 * @param firstUnit     the first output unit the targets refer to, {@code >= 0}
 * @param temperature   the softmax temperature T, finite, {@code > 0}
 * @param weight        the weight of the term, finite, {@code >= 0}
 */
public record DistillationTarget(float[] probabilities, int firstUnit, double temperature, double weight)
        implements LogitTerm {
    /** Validates the term. */
    public DistillationTarget {
        if (probabilities == null || probabilities.length == 0) {
            throw new ParameterException("distillation", "probabilities", "at least one soft target", "none");
        }
        if (firstUnit < 0) {
            throw new ParameterException("distillation", "first_unit", "an index >= 0", firstUnit);
        }
        ParameterException.requirePositive("distillation", "temperature", temperature, "1");
        ParameterException.requireFinite("distillation", "temperature", temperature, "1");
        ParameterException.requireNonNegative("distillation", "weight", weight, "1");
        ParameterException.requireFinite("distillation", "weight", weight, "1");
    }

    /**
     * The distillation loss for a sample's logits.
     *
     * @param logits the last layer's logits (all units)
     * @return {@code weight * T^2 * cross-entropy(p, q)} (nats)
     */
    @Override
    public double loss(float[] logits) {
        int k = probabilities.length;
        double max = maxScaled(logits);
        double norm = 0;
        for (int j = 0; j < k; j++) {
            norm += StrictMath.exp(logits[firstUnit + j] / temperature - max);
        }
        double logNorm = StrictMath.log(norm) + max;
        double ce = 0;
        for (int j = 0; j < k; j++) {
            ce -= probabilities[j] * (logits[firstUnit + j] / temperature - logNorm);
        }
        return weight * temperature * temperature * ce;
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
            norm += StrictMath.exp(logits[firstUnit + j] / temperature - max);
        }
        double scale = weight * temperature;
        for (int j = 0; j < k; j++) {
            double q = StrictMath.exp(logits[firstUnit + j] / temperature - max) / norm;
            grad[firstUnit + j] += (float) (scale * (q - probabilities[j]));
        }
    }

    private double maxScaled(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < probabilities.length; j++) {
            max = Math.max(max, logits[firstUnit + j] / temperature);
        }
        return max;
    }

    /**
     * The softmax of logits at a temperature, as soft targets for a later {@code DistillationTarget}.
     *
     * @param logits      the last layer's logits (all units)
     * @param firstUnit   the first unit of the head
     * @param size        the number of units of the head
     * @param temperature the temperature T, {@code > 0}
     * @return {@code softmax(z[firstUnit .. firstUnit + size) / T)}
     */
    public static float[] softTargets(float[] logits, int firstUnit, int size, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < size; j++) {
            max = Math.max(max, logits[firstUnit + j] / temperature);
        }
        double[] e = new double[size];
        double norm = 0;
        for (int j = 0; j < size; j++) {
            e[j] = StrictMath.exp(logits[firstUnit + j] / temperature - max);
            norm += e[j];
        }
        float[] p = new float[size];
        for (int j = 0; j < size; j++) {
            p[j] = (float) (e[j] / norm);
        }
        return p;
    }
}
