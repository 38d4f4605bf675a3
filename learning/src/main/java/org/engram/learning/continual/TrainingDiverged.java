package org.engram.learning.continual;

import java.util.Locale;
import org.engram.simulator.EngramException;

/**
 * A batch left the training outside the finite numbers: its loss, or a weight. Accuracies of such
 * weights mean nothing (a NaN weight silences the neurons it reaches, so the loss can even stay
 * finite), and going on from a run's checkpoints with the same settings would diverge again.
 */
public final class TrainingDiverged extends EngramException {
    private static final long serialVersionUID = 1L;

    /** Where and what, without the advice. */
    private final String what;
    /** Whether code of one's own may have made it, so that a run may go on once the code is mended. */
    private final boolean ownCode;
    /** The strategy's hook that made it, or null when the training's own numbers left the finite ones. */
    private final String hook;

    private TrainingDiverged(String what, String advice, boolean ownCode, String hook) {
        super(what + "; " + advice, null);
        this.what = what;
        this.ownCode = ownCode;
        this.hook = hook;
    }

    /**
     * A batch whose mean loss is not finite, or past any that training that converges reaches.
     *
     * @param strategy the strategy's name, for the advice
     * @param batch    the batch
     * @param loss     its mean loss
     * @return the exception
     */
    static TrainingDiverged loss(String strategy, Batch batch, double loss) {
        return new TrainingDiverged(String.format(Locale.ROOT, "%s: the training loss is %s: the training diverged,"
                + " and accuracies of its weights would mean nothing", batch.position(), loss), advice(strategy),
                false, null);
    }

    /**
     * A weight that is not finite after a batch.
     *
     * @param strategy the strategy's name, for the advice
     * @param batch    the batch
     * @param matrix   the weight matrix, from 0 (input side first)
     * @param index    the weight's index in the matrix
     * @param value    its value
     * @return the exception
     */
    static TrainingDiverged weight(String strategy, Batch batch, int matrix, int index, float value) {
        return new TrainingDiverged(String.format(Locale.ROOT, "%s: weight %d of matrix %d is %s after the batch: the"
                + " training diverged (the neurons it reaches fall silent), and accuracies of its weights would mean"
                + " nothing", batch.position(), index, matrix, value), advice(strategy), false, null);
    }

    /**
     * A gradient that one of the strategy's gradient hooks ({@code addPenaltyGradient},
     * {@code transformGradient}) left not finite where the loss's own gradient was finite: the hook,
     * not the learning rate, made it.
     *
     * @param hook         the hook's name
     * @param strategy     the strategy's name, for the advice
     * @param who          the strategy's name and class, as messages about its code give them
     * @param where        the batch and matrix, e.g. {@code task 2, epoch 1, batch 3, matrix 0}
     * @param index        the gradient entry's index in the matrix
     * @param value        its value after the hook
     * @param lossGradient its value before the hook, the loss's gradient
     * @return the exception
     */
    static TrainingDiverged gradientHook(String hook, String strategy, String who, String where, int index,
                                         float value, float lossGradient) {
        return new TrainingDiverged(String.format(Locale.ROOT, "%s: %s made entry %d of the gradient %s in"
                + " %s, where the loss's gradient is %s: the training would diverge", where, who, index,
                value, hook, lossGradient), "lower the strength of strategy '" + strategy + "', or, for a strategy of"
                + " your own, mend its " + hook, false, hook);
    }

    private static String advice(String strategy) {
        return "lower the learning rate or the strength of strategy '" + strategy + "', or, for a strategy of your"
                + " own, look for what makes NaN or infinity in its hooks";
    }

    /**
     * The same failure named by the run unit it happened in, with what to change in the run's
     * config in place of the general advice.
     *
     * @param label   the strategy's label in the run
     * @param seed    the seed
     * @param advice  what to do, e.g. which settings to lower
     * @param ownCode whether a strategy of one's own took part, whose code may have made it
     * @return a new exception whose message starts with the label and seed
     */
    public TrainingDiverged in(String label, long seed, String advice, boolean ownCode) {
        return new TrainingDiverged(label + ", seed " + seed + ": " + what, advice, ownCode, hook);
    }

    /** {@return the strategy's hook that made the numbers not finite, or null when the training itself did} */
    public String hook() {
        return hook;
    }

    /** {@return whether a strategy of one's own took part, so that mended code may go on from the checkpoints} */
    public boolean ownCode() {
        return ownCode;
    }
}
