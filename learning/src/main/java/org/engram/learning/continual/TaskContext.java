package org.engram.learning.continual;

import org.engram.learning.train.Workers;

/**
 * What a strategy may see at a task boundary ({@code beforeTask}, {@code afterTask}).
 */
public interface TaskContext {
    /** {@return the index of the task that starts or ends, from 0} */
    int taskIndex();

    /** {@return the scenario of the task sequence} */
    Scenario scenario();

    /** {@return the experiment seed, from which strategies derive their random streams} */
    long seed();

    /** {@return the trainable weights (live)} */
    ModelView model();

    /** {@return gradients, outputs and activity of the current network} */
    GradientOracle oracle();

    /**
     * The training samples of a task seen so far. Only {@link Joint} reads earlier tasks' data:
     * that access is what makes it joint training rather than continual learning.
     *
     * @param task a task index in {@code [0, taskIndex()]}
     * @return that task's training samples
     */
    SampleSet trainData(int task);

    /** {@return the current task's training samples} */
    default SampleSet trainData() {
        return trainData(taskIndex());
    }

    /**
     * Threads a strategy may spread its own work over during the task (they are the trainer's, idle
     * while hooks run). Results must not depend on how many there are: see {@link Workers}.
     *
     * @return the trainer's workers; the calling thread alone unless the learner says otherwise
     */
    default Workers workers() {
        return Workers.CALLING_THREAD;
    }
}
