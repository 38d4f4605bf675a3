package org.engram.learning.train;

/**
 * An epoch ended early because the thread training was interrupted ({@link Thread#interrupt}, or
 * {@code Future.cancel(true)} of a task that trains). Training stops between two steps (batches,
 * or the samples of a learner that trains on one at a time), never inside one: the steps before
 * the interrupt were trained whole (weights, optimiser state and step count all moved together),
 * the rest of the epoch not at all, so the trainer, or the learner, is as that many steps left it
 * and may be used again, checkpointed or closed. The thread's interrupt status stays set, for the
 * code above to see: clear it ({@link Thread#interrupted()}) before training again, or the next
 * epoch stops before its first step.
 */
public final class TrainingInterrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The epoch that was interrupted. */
    private final int epoch;
    /** The steps of the epoch trained before the interrupt. */
    private final int done;
    /** The steps the epoch has. */
    private final int total;

    /**
     * An epoch of batches, interrupted.
     *
     * @param epoch the epoch that was interrupted (its number within the task, for a learner of tasks)
     * @param done  the batches of it trained whole before the interrupt
     * @param total the batches the epoch has
     */
    public TrainingInterrupted(int epoch, int done, int total) {
        this(epoch, done, total, "batches");
    }

    /**
     * An epoch interrupted between two of its steps.
     *
     * @param epoch the epoch that was interrupted (its number within the task, for a learner of tasks)
     * @param done  the steps of it trained whole before the interrupt
     * @param total the steps the epoch has
     * @param unit  what a step is, plural, for the message ({@code "batches"}, {@code "samples"})
     */
    public TrainingInterrupted(int epoch, int done, int total, String unit) {
        super("training was interrupted: epoch " + epoch + " stopped after " + done + " of its " + total + " " + unit
                + ", each trained whole (clear the thread's interrupt status before training again)");
        this.epoch = epoch;
        this.done = done;
        this.total = total;
    }

    /** {@return the epoch that was interrupted} */
    public int epoch() {
        return epoch;
    }

    /** {@return the steps (batches, or samples) of the epoch trained whole before the interrupt} */
    public int done() {
        return done;
    }

    /** {@return the steps the epoch has} */
    public int total() {
        return total;
    }
}
