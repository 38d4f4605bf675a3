package org.engram.experiments.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.engram.experiments.data.DataFileException;
import org.engram.experiments.data.Dataset;
import org.engram.simulator.ParameterException;

/**
 * Builds a sequence in which each task holds the samples of a group of classes (Split MNIST and
 * its relatives, e.g. groups {@code [[0,1],[2,3],[4,5],[6,7],[8,9]]}).
 */
public final class ClassSplit {
    private ClassSplit() {
    }

    /**
     * Splits train and test data by class groups.
     *
     * @param train  training data
     * @param test   test data with the same classes
     * @param groups one array of classes per task; non-empty, classes in [0, classes), no class in two groups
     * @return the sequence; task {@code i} holds exactly the samples of {@code groups[i]}, in dataset order
     * @throws ParameterException if a group is empty, a class is out of range or repeated
     */
    public static TaskSequence of(Dataset train, Dataset test, int[][] groups) {
        if (groups.length == 0) {
            throw new ParameterException("split tasks", "groups", "at least one group of classes", "[]");
        }
        boolean[] used = new boolean[train.classes()];
        List<Task> tasks = new ArrayList<>();
        for (int t = 0; t < groups.length; t++) {
            int[] group = groups[t].clone();
            Arrays.sort(group);
            if (group.length == 0) {
                throw new ParameterException("split tasks", "groups[" + t + "]", "at least one class", "[]");
            }
            for (int c : group) {
                if (c < 0 || c >= train.classes()) {
                    throw new ParameterException("split tasks", "groups[" + t + "]",
                            "classes in [0, " + train.classes() + ")", c);
                }
                if (used[c]) {
                    throw new ParameterException("split tasks", "groups[" + t + "]",
                            "each class in at most one group", "class " + c + " again");
                }
                used[c] = true;
            }
            String name = "classes " + join(group);
            requireEveryClass(train, group, t, "training");
            requireEveryClass(test, group, t, "test");
            tasks.add(new Task(t, name, train.onlyClasses(group, train.name() + "/" + name),
                    test.onlyClasses(group, test.name() + "/" + name), group));
        }
        return new TaskSequence("split", "class groups " + Arrays.deepToString(groups), tasks);
    }

    /**
     * Refuses a task with a class the data holds no sample of: its accuracy would be measured on
     * the other classes alone, or on no sample at all (0 of 0 read as 0%), and training would skip
     * it, all without a word.
     */
    private static void requireEveryClass(Dataset whole, int[] group, int task, String split) {
        int[] count = whole.classCounts();
        for (int c : group) {
            if (count[c] == 0) {
                throw new DataFileException(whole.source(), "labels", "samples of every class of task " + (task + 1)
                        + " (classes " + join(group) + ") among the " + split + " samples",
                        "none of class " + c + " in " + whole.size(), "is the data set the one the config was made"
                        + " for? tasks.groups chooses each task's classes (tasks.count and tasks.classes_per_task"
                        + " take them in order from 0)");
            }
        }
    }

    private static String join(int[] group) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < group.length; i++) {
            sb.append(i == 0 ? "" : ",").append(group[i]);
        }
        return sb.toString();
    }
}
