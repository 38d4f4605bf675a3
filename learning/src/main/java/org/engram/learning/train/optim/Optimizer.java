package org.engram.learning.train.optim;

/**
 * Turns the gradient of each weight matrix into an update ({@code weights += update}).
 * One instance per trainer; state per matrix is allocated once. Not thread-safe.
 */
public interface Optimizer {

    /** Starts an optimisation step; called once before the matrices' {@link #update} calls. */
    void beginStep();

    /**
     * Computes the update of one matrix.
     *
     * @param matrix the matrix index
     * @param grad   its gradient (after penalties, weight decay and clipping)
     * @param update receives the update, same length
     * @param lr     the learning rate of this step
     */
    void update(int matrix, float[] grad, float[] update, float lr);

    /**
     * Copies the optimiser's state arrays, for saving.
     *
     * @return the state arrays in a fixed order (copies), plus the step count in {@link #steps()}
     */
    float[][] state();

    /**
     * Restores state saved by {@link #state()}.
     *
     * @param state the arrays, as returned by {@code state()}
     * @param steps the step count
     */
    void restore(float[][] state, long steps);

    /** @return the number of steps taken */
    long steps();
}
