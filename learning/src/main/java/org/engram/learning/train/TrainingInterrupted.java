package org.engram.learning.train;

/**
 * An epoch ended early because the thread training was interrupted ({@link Thread#interrupt}, or
 * {@code Future.cancel(true)} of a task that trains). Training stops between two batches, never
 * inside one: the batches before the interrupt were trained whole (weights, optimiser state and
 * step count all moved together), the rest of the epoch not at all, so the trainer, or the
 * continual learner, is as that many batches left it and may be used again, checkpointed or
 * closed. The thread's interrupt status stays set, for the code above to see: clear it
 * ({@link Thread#interrupted()}) before training again, or the next epoch stops before its first
 * batch.
 */
public final class TrainingInterrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The epoch that was interrupted. */
    private final int epoch;
    /** The batches of the epoch trained before the interrupt. */
    private final int batchesDone;
    /** The batches the epoch has. */
    private final int batches;

    /**
     * @param epoch       the epoch that was interrupted
     * @param batchesDone the batches of it trained whole before the interrupt
     * @param batches     the batches the epoch has
     */
    public TrainingInterrupted(int epoch, int batchesDone, int batches) {
        super("training was interrupted: epoch " + epoch + " stopped after " + batchesDone + " of its " + batches
                + " batches, each trained whole (clear the thread's interrupt status before training again)");
        this.epoch = epoch;
        this.batchesDone = batchesDone;
        this.batches = batches;
    }

    /** @return the epoch that was interrupted */
    public int epoch() {
        return epoch;
    }

    /** @return the batches of the epoch trained whole before the interrupt */
    public int batchesDone() {
        return batchesDone;
    }

    /** @return the batches the epoch has */
    public int batches() {
        return batches;
    }
}
