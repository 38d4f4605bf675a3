package org.engram.learning.train.optim;

/**
 * Turns the gradient of each weight matrix into an update ({@code weights += update}).
 * One instance per trainer; state per matrix is allocated once. Within one step, disjoint ranges
 * of a matrix may be updated from different threads at once; every weight's update depends only
 * on its own gradient and state, so the result does not depend on how a matrix is cut.
 */
public interface Optimizer {

    /** Starts an optimisation step; called once before the matrices' {@link #update} calls. */
    void beginStep();

    /**
     * Computes the update of the weights {@code [from, to)} of one matrix.
     *
     * @param matrix the matrix index
     * @param grad   its gradient (after penalties, weight decay and clipping)
     * @param update receives the update, same length
     * @param lr     the learning rate of this step
     * @param from   first weight, inclusive
     * @param to     last weight, exclusive
     */
    void update(int matrix, float[] grad, float[] update, float lr, int from, int to);

    /**
     * Computes the update of a whole matrix.
     *
     * @param matrix the matrix index
     * @param grad   its gradient
     * @param update receives the update, same length
     * @param lr     the learning rate of this step
     */
    default void update(int matrix, float[] grad, float[] update, float lr) {
        update(matrix, grad, update, lr, 0, grad.length);
    }

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

    /** {@return the number of steps taken} */
    long steps();
}
