package org.engram.learning.continual;

import org.engram.learning.train.LogitTerm;
import org.engram.simulator.ParameterException;

/**
 * A term that pulls some of a sample's readout values (logits) towards stored ones by their mean
 * squared difference, the logit-matching loss of Dark Experience Replay (Buzzega et al. 2020): the
 * trainer adds it to the sample's loss.
 *
 * <p>With logits {@code z}, the units {@code u_0 .. u_(K-1)} and the stored values {@code y}
 * ({@code K = targets.length}):
 * <pre>
 *   L_match = weight * (1/K) sum_j (z_(u_j) - y_j)^2
 *   dL_match / dz_(u_j) = weight * (2/K) (z_(u_j) - y_j)
 * </pre>
 * The mean over the units, not their sum, is what the authors' code takes ({@code F.mse_loss}, the
 * mean over a minibatch's samples and logits), so a weight means what their alpha means.
 *
 * @param targets the stored logits y, finite, length K >= 1 (not copied; do not modify)
 * @param units   the readout units they belong to, one per target, distinct, each {@code >= 0} and a
 *                readout unit of the network it is used with (not copied; do not modify)
 * @param weight  the weight of the term, finite, {@code >= 0}
 */
public record LogitMatch(float[] targets, int[] units, double weight) implements LogitTerm {
    /**
     * Validates the term.
     *
     * @param targets the stored logits y, finite, length K >= 1 (not copied; do not modify)
     * @param units   the readout units they belong to, one per target, distinct, each {@code >= 0} and a
     *                readout unit of the network it is used with (not copied; do not modify)
     * @param weight  the weight of the term, finite, {@code >= 0}
     */
    public LogitMatch {
        if (targets == null || targets.length == 0) {
            throw new ParameterException("logit match", "targets", "at least one stored logit", "none");
        }
        for (int j = 0; j < targets.length; j++) {
            if (!Float.isFinite(targets[j])) {
                throw new ParameterException("logit match", "targets[" + j + "]", "a finite logit", targets[j]);
            }
        }
        DistillationTarget.requireUnits("logit match", units, targets.length, "stored logit");
        ParameterException.requireNonNegative("logit match", "weight", weight, "dimensionless");
        ParameterException.requireFinite("logit match", "weight", weight, "dimensionless");
    }

    /**
     * The term's loss for a sample's logits.
     *
     * @param logits the last layer's logits (all units)
     * @return {@code weight} times the mean squared difference over the units (logit units squared)
     */
    @Override
    public double loss(float[] logits) {
        double sum = 0;
        for (int j = 0; j < targets.length; j++) {
            double d = (double) logits[units[j]] - targets[j];
            sum += d * d;
        }
        return weight * sum / targets.length;
    }

    /**
     * Adds the gradient of {@link #loss} with respect to the logits.
     *
     * @param logits the last layer's logits (all units)
     * @param grad   the gradient of the sample's loss with respect to the logits; the term is added
     */
    @Override
    public void addLogitGradient(float[] logits, float[] grad) {
        double scale = 2 * weight / targets.length;
        for (int j = 0; j < targets.length; j++) {
            grad[units[j]] += (float) (scale * ((double) logits[units[j]] - targets[j]));
        }
    }

    /** Marks the matched units, the only ones this term's gradient reaches; none at weight 0. */
    @Override
    public void markLogits(boolean[] reached) {
        DistillationTarget.markUnits(units, weight, reached);
    }
}
