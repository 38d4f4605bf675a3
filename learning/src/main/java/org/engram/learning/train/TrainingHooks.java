package org.engram.learning.train;

/**
 * Callbacks the {@link Trainer} makes around each optimisation step, so that continual-learning
 * strategies can add penalties, change updates or alter batches without seeing the trainer.
 * Every method is a no-op by default. Matrices are numbered as in
 * {@link org.engram.learning.layered.LayeredNet} (layer order, feed-forward before recurrent).
 *
 * <p>Order within {@link Trainer#trainBatch}: {@code beforeBatch} -> forward and backward over the
 * batch -> {@code addPenaltyGradient} for each matrix -> {@code transformGradient} -> weight decay,
 * clipping, optimiser ->
 * {@code transformUpdate} for each matrix -> weights += update -> {@code afterBatch}. All calls come
 * from the thread that called {@code trainBatch}.
 */
public interface TrainingHooks {
    /** Hooks that do nothing. */
    TrainingHooks NONE = new TrainingHooks() {
    };

    /**
     * Whether {@link #transformUpdate} needs the presynaptic activity; computing it costs a
     * little, so it is only gathered when asked for.
     *
     * @return {@code true} to receive a {@link LayerActivity}
     */
    default boolean needsActivity() {
        return false;
    }

    /**
     * Called before a batch is processed; may return another batch (e.g. with replayed samples added).
     *
     * @param batch the batch
     * @return the batch to train on
     */
    default Batch beforeBatch(Batch batch) {
        return batch;
    }

    /**
     * Adds a penalty's gradient to the batch gradient of one matrix, before weight decay, clipping
     * and the optimiser.
     *
     * @param matrix  the weight matrix
     * @param weights its current weights, input-major; read only
     * @param grad    the mean gradient of the loss over the batch; add into it
     */
    default void addPenaltyGradient(int matrix, float[] weights, float[] grad) {
    }

    /**
     * Changes the gradient of every matrix at once, after {@link #addPenaltyGradient} of the last
     * matrix and before weight decay, clipping and the optimiser.
     *
     * @param grad per matrix, the mean gradient of the loss over the batch plus penalties; change in place
     */
    default void transformGradient(float[][] grad) {
    }

    /**
     * Changes the update the optimiser computed for one matrix before it is added to the weights.
     *
     * @param matrix   the weight matrix
     * @param update   the update ({@code weights += update}); change in place
     * @param activity the matrix's presynaptic activity per sample, or {@code null} unless
     *                 {@link #needsActivity()} is true
     */
    default void transformUpdate(int matrix, float[] update, LayerActivity activity) {
    }

    /**
     * Called after the weights have changed.
     *
     * @param batch  the batch that was trained on
     * @param result its loss and accuracy
     */
    default void afterBatch(Batch batch, BatchResult result) {
    }
}
