package org.engram.experiments.run;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.function.IntConsumer;
import org.engram.learning.continual.TaskData;
import org.engram.learning.train.EpochResult;

/**
 * What the run loop needs of one (strategy, seed) unit's learner, whatever learns: train a task
 * epoch by epoch, evaluate every task, report activity and checkpoint between tasks.
 * {@link UnitLearners#learner} builds the one the config asks for.
 */
interface UnitLearner extends AutoCloseable {
    /**
     * The untrained learner's accuracy on every task (the reference of forward transfer).
     *
     * @param on the unit's tasks, or their validation views ({@link Experiment.UnitTasks}): the
     *           samples scored are each task's test samples
     * @return one accuracy per task
     */
    double[] untrainedAccuracy(List<TaskData> on);

    /**
     * The accuracy on every task after the tasks trained so far (a row of the accuracy matrix).
     *
     * @param on the unit's tasks, or their validation views ({@link Experiment.UnitTasks}): the
     *           samples scored are each task's test samples
     * @return one accuracy per task
     */
    double[] accuracy(List<TaskData> on);

    /**
     * Starts a task.
     *
     * @param task the task index
     */
    void startTask(int task);

    /**
     * Trains one epoch of the running task.
     *
     * @param epoch      the epoch within the task, from 0
     * @param afterBatch called with the samples of each batch as it finishes (progress)
     * @return the epoch's samples, mean loss and training accuracy (NaN where the learner has none)
     */
    EpochResult trainEpoch(int epoch, IntConsumer afterBatch);

    /** Ends the running task. */
    void finishTask();

    /** @return evaluation activity so far: samples, spikes, synaptic operations, multiply-accumulates */
    long[] inferenceActivity();

    /** @return the hex SHA-256 of the learned weights */
    String weightsHash();

    /**
     * Writes the state after the last finished task.
     *
     * @param out the stream
     * @throws IOException if writing fails
     */
    void writeState(DataOutput out) throws IOException;

    /**
     * Restores a state written by {@link #writeState} into a fresh learner.
     *
     * @param in the stream
     * @return the number of tasks the state covers
     * @throws IOException if reading fails or the state does not fit
     */
    int readState(DataInput in) throws IOException;

    @Override
    void close();
}
