package org.engram.learning.continual;

/**
 * A continual-learning strategy: optional hooks that a trainer calls around its loop.
 *
 * <p>Every hook is a no-op by default; a strategy overrides the few it needs (mark them
 * {@code @Override} so a misspelt hook fails to compile). The trainer owns the loop and calls:
 * <pre>
 *   check supports(scenario) for the run's scenario                  before the first epoch
 *   for each task t:
 *     beforeTask(task)
 *     for each batch:
 *       beforeBatch(batch)                          strategies may append samples, attach distillation,
 *                                                   ask batch.oracle() for gradients at these weights,
 *                                                   batch.outputs(i, z) for a sample's logits in this pass,
 *                                                   narrow a sample's classes (batch.narrowClasses)
 *       forward + backward on all batch.size() samples -> grad[l] (mean task loss + distillation,
 *                                                   plus the weighted losses of samples outside the mean)
 *       batch.setLossGradient(copy of grad)         (Batch) task-loss gradient before penalties
 *       for each layer l: addPenaltyGradient(l, weights[l], grad[l])
 *       transformGradient(grad)                     every matrix at once, penalties included
 *       weight decay, clipping; the optimiser turns grad[l] into update[l] (weights[l] += update[l] follows)
 *       for each layer l: transformUpdate(l, update[l], activity[l])
 *       weights[l] += update[l]
 *       afterBatch(batch)
 *     afterTask(task)                               the weights are the task's final weights
 *     (checkpoint: Checkpointable strategies write their state here)
 * </pre>
 * Layers are visited in index order. All per-weight arrays are row-major by input, as
 * {@link ModelView} describes. Hooks are called from one thread. A strategy starts no threads of
 * its own but may spread work over {@link TaskContext#workers()}; it reduces sums in a fixed order
 * whatever the number of workers, so its state depends on its inputs alone.
 */
public interface ContinualStrategy {
    /** {@return the registry name, e.g. {@code "ewc"}} */
    String name();

    /**
     * Whether {@link #transformUpdate} needs the presynaptic activity of the batch; gathering it
     * costs a little, so the trainer does it only when asked.
     *
     * @return {@code true} to receive a non-null {@link LayerActivity}
     */
    default boolean needsActivity() {
        return false;
    }

    /**
     * Whether the strategy works in a scenario; checked before the run starts.
     *
     * @param scenario the run's scenario
     * @return {@link Support#YES} or a {@link Support#no} with the reason
     */
    default Support supports(Scenario scenario) {
        return Support.YES;
    }

    /**
     * Whether the hyperparameters fit a network of this many weight matrices (a strategy with a
     * value per matrix); checked before the run starts.
     *
     * @param weightMatrices the network's weight matrices: one into each hidden layer, one more in
     *                       each recurrent layer, one into the readout
     * @return {@link Support#YES} or a {@link Support#no} with the reason
     */
    default Support fits(int weightMatrices) {
        return Support.YES;
    }

    /**
     * Called before the first batch of a task, with the weights the task starts from.
     *
     * @param task the task view
     */
    default void beforeTask(TaskContext task) {
    }

    /**
     * Called before a batch is trained on; replay and joint training append samples here.
     *
     * @param batch the batch view
     */
    default void beforeBatch(BatchContext batch) {
    }

    /**
     * Adds the gradient of a penalty term to a layer's loss gradient (EWC, SI, MAS, L2).
     *
     * @param layer   the layer index
     * @param weights the layer's current weights (read only)
     * @param grad    the layer's gradient of the mean batch loss (per unit weight); the penalty
     *                gradient is added in place
     */
    default void addPenaltyGradient(int layer, float[] weights, float[] grad) {
    }

    /**
     * Changes the whole gradient, every weight matrix at once, before weight decay, clipping and
     * the optimiser (A-GEM's projection, which needs dot products over all matrices together).
     * Called once per step, after {@link #addPenaltyGradient} for every layer.
     *
     * @param grad per layer, in layer order, the gradient of the mean batch loss plus the penalties
     *             (loss per unit weight), row-major like the weights; changed in place
     */
    default void transformGradient(float[][] grad) {
    }

    /**
     * Changes a layer's update before it is added to the weights (GPM, HLOP, metaplasticity).
     *
     * @param layer  the layer index
     * @param update the weight change the optimiser proposes (weight units); changed in place
     * @param act    the layer's presynaptic activity for this batch's samples
     */
    default void transformUpdate(int layer, float[] update, LayerActivity act) {
    }

    /**
     * Called after the update of a batch was applied (SI's path integral).
     *
     * @param batch the batch view; {@link BatchContext#lossGradient} is valid here
     */
    default void afterBatch(BatchContext batch) {
    }

    /**
     * Called after the last batch of a task, with the task's final weights (consolidate, freeze).
     *
     * @param task the task view
     */
    default void afterTask(TaskContext task) {
    }
}
