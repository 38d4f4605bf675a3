package org.engram.experiments.run;

import java.util.Locale;
import org.engram.simulator.EngramException;

/**
 * A BPTT training whose loss left the finite numbers: the weights it leaves are broken, so the
 * accuracies measured on them would be of no network worth reporting, and going on from the
 * checkpoints would only diverge again.
 */
final class TrainingDiverged extends EngramException {
    private static final long serialVersionUID = 1L;

    /**
     * @param strategy     the strategy's label
     * @param seed         the seed
     * @param task         the task, from 0
     * @param epoch        the epoch, from 0
     * @param loss         the epoch's mean loss (NaN or infinite)
     * @param learningRate the configured learning rate
     */
    TrainingDiverged(String strategy, long seed, int task, int epoch, double loss, double learningRate) {
        super(String.format(Locale.ROOT, "%s, seed %d, task %d, epoch %d: the training loss is %s: the training "
                + "diverged, and accuracies of its weights would mean nothing; start the run anew with a smaller "
                + "training.learning_rate (now %s) or a training.clip_norm", strategy, seed, task + 1, epoch + 1, loss,
                learningRate), null);
    }
}
