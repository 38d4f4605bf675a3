package org.engram.learning.train;

import java.util.Arrays;

/**
 * Which readout units a batch trains: those that some sample's class mask allows or some extra
 * logit term reaches. The loss gradient of every other unit is zero by construction, and the
 * trainer leaves those units' weights and optimiser state exactly as they are for the step: no
 * weight decay, penalty or optimiser momentum moves them. In task-incremental learning this keeps
 * a finished task's head as it was learnt, which Adam's momentum and weight decay would otherwise
 * keep changing while later tasks train. Adam's step count is the trainer's, shared by every
 * unit, as in PyTorch's per-tensor Adam: a unit first trained late has its bias correction near 1
 * at its first step, so that step is up to (1 - beta1) / sqrt(1 - beta2) times the learning rate
 * (3.2 with the defaults) rather than the learning rate a fresh Adam's first step moves by.
 */
final class TrainedUnits {
    private final boolean[] trained;

    /** @param classes the number of readout units */
    TrainedUnits(int classes) {
        trained = new boolean[classes];
    }

    /**
     * @param batch the batch
     * @return one flag per readout unit ({@code true} = trained by this batch), or {@code null} when
     *         the batch trains every unit; the array is reused by the next call
     */
    boolean[] of(Batch batch) {
        Arrays.fill(trained, false);
        for (int b = 0; b < batch.size(); b++) {
            boolean[] mask = batch.mask(b);
            if (mask == null) {
                return null;
            }
            for (int j = 0; j < trained.length; j++) {
                trained[j] |= mask[j];
            }
            LogitTerm[] terms = batch.terms(b);
            if (terms != null) {
                for (LogitTerm term : terms) {
                    term.markLogits(trained);
                }
            }
        }
        for (boolean t : trained) {
            if (!t) {
                return trained;
            }
        }
        return null;
    }
}
