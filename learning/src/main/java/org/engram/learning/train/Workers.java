package org.engram.learning.train;

/**
 * Runs numbered tasks on a fixed set of threads and returns once all are done. Which worker runs a
 * task is not fixed, so a task may write only its own outputs and its worker's scratch space
 * (indexed by the worker number): then the result is the same for any number of workers.
 */
public interface Workers {
    /** The calling thread alone. */
    Workers CALLING_THREAD = new WorkerPool(1);

    /** One numbered task. */
    @FunctionalInterface
    interface Task {
        /**
         * Runs one task.
         *
         * @param task   the task number, in {@code [0, tasks)}
         * @param worker the number of the worker running it, in {@code [0, count())}
         */
        void run(int task, int worker);
    }

    /** {@return the number of workers, the calling thread included} */
    int count();

    /**
     * Runs tasks {@code 0 .. tasks-1} and returns when all are done. A task's exception stops the
     * others from starting and is rethrown here.
     *
     * @param tasks the number of tasks
     * @param body  the work of one task
     */
    void run(int tasks, Task body);
}
