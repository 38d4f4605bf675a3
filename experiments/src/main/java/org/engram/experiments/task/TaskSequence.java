package org.engram.experiments.task;

import java.util.List;
import org.engram.simulator.Plural;

/**
 * An ordered, immutable list of tasks, built by one of {@link ClassSplit}, {@link PermutedTasks},
 * {@link RotatedTasks} or {@link SyntheticTasks}.
 */
public final class TaskSequence {
    private final String kind;
    private final String description;
    private final List<Task> tasks;

    /**
     * Creates a sequence.
     *
     * @param kind        short kind, e.g. {@code "split"}, {@code "permuted"}
     * @param description how the sequence was built (groups, seed, angles), for provenance
     * @param tasks       the tasks in order; task {@code i} must have index {@code i}
     */
    public TaskSequence(String kind, String description, List<Task> tasks) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a task sequence needs at least one task");
        }
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).index() != i) {
                throw new IllegalArgumentException("task at position " + i + " has index " + tasks.get(i).index());
            }
        }
        this.kind = kind;
        this.description = description;
        this.tasks = List.copyOf(tasks);
    }

    /** {@return short kind, e.g. {@code "split"}} */
    public String kind() {
        return kind;
    }

    /** {@return how the sequence was built, for provenance} */
    public String description() {
        return description;
    }

    /** {@return number of tasks} */
    public int size() {
        return tasks.size();
    }

    /**
     * One task.
     *
     * @param index position, from 0
     * @return the task
     */
    public Task task(int index) {
        return tasks.get(index);
    }

    /** {@return all tasks in order (unmodifiable)} */
    public List<Task> tasks() {
        return tasks;
    }

    /** {@return features per sample (the same in every task)} */
    public int features() {
        return tasks.get(0).train().features();
    }

    /** {@return number of classes of the underlying dataset (labels lie in [0, classes))} */
    public int classes() {
        return tasks.get(0).train().classes();
    }

    @Override
    public String toString() {
        return kind + " sequence of " + Plural.count(tasks.size(), "task") + " (" + description + ")";
    }
}
