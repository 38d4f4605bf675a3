package org.engram.experiments.task;

import java.util.Arrays;

import org.engram.experiments.data.Dataset;
import org.engram.learning.continual.TaskData;

/**
 * One task of a sequence: its position, a name, train and test data, and the classes it uses.
 */
public final class Task {
    private final int index;
    private final String name;
    private final Dataset train;
    private final Dataset test;
    private final int[] classes;

    /**
     * Creates a task.
     *
     * @param index   position in the sequence, from 0
     * @param name    short name, e.g. {@code "classes 0,1"} or {@code "rotated 45 deg"}
     * @param train   training data
     * @param test    test data
     * @param classes the classes whose samples the task holds, ascending (copied)
     */
    public Task(int index, String name, Dataset train, Dataset test, int[] classes) {
        this.index = index;
        this.name = name;
        this.train = train;
        this.test = test;
        this.classes = classes.clone();
    }

    /** {@return position in the sequence, from 0} */
    public int index() {
        return index;
    }

    /** {@return short name for tables and plot legends} */
    public String name() {
        return name;
    }

    /** {@return training data} */
    public Dataset train() {
        return train;
    }

    /** {@return test data} */
    public Dataset test() {
        return test;
    }

    /** {@return the classes the task uses, ascending (a copy)} */
    public int[] classes() {
        return classes.clone();
    }

    /**
     * The task as a {@link org.engram.learning.continual.ContinualLearner} takes it, each label the
     * dataset's class, every sample of the train and test data. So {@code engram run} gives a split
     * or synthetic sequence's tasks in task- and class-incremental learning; it maps the labels to
     * one shared head's units in domain-incremental learning, and to a head per task for permuted
     * and rotated tasks outside it.
     *
     * @return the task's data, in new arrays
     */
    public TaskData learnerData() {
        return new TaskData(index, name, train.featureRows(), train.labels(), test.featureRows(), test.labels(),
                classes.clone());
    }

    @Override
    public String toString() {
        return "task " + index + " (" + name + ", classes " + Arrays.toString(classes) + ", " + train.size()
                + " train / " + test.size() + " test)";
    }
}
