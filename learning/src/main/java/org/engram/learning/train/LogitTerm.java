package org.engram.learning.train;

import java.util.Arrays;

/**
 * An extra loss term on one sample's readout values (logits), added to its cross-entropy: for
 * example the distillation term of Learning without Forgetting.
 */
public interface LogitTerm {

    /**
     * The term's loss for a sample's logits.
     *
     * @param logits all readout values of the sample
     * @return the loss (nats)
     */
    double loss(float[] logits);

    /**
     * Adds the gradient of {@link #loss} with respect to the logits.
     *
     * @param logits all readout values of the sample
     * @param grad   the sample's loss gradient with respect to the logits; the term is added
     */
    void addLogitGradient(float[] logits, float[] grad);

    /**
     * Marks the logits whose gradient {@link #addLogitGradient} may change: the trainer trains only
     * readout units that a sample's class mask allows or a term marks. The default marks them all.
     *
     * @param reached one flag per logit; set those this term reaches, leave the others
     */
    default void markLogits(boolean[] reached) {
        Arrays.fill(reached, true);
    }
}
