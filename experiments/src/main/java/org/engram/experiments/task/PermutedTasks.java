package org.engram.experiments.task;

import java.util.ArrayList;
import java.util.List;

import org.engram.experiments.data.Dataset;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Plural;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;

/**
 * Builds a sequence in which every task shows all classes with its own fixed pixel permutation
 * (Permuted MNIST, Goodfellow et al. 2013; Kirkpatrick et al. 2017).
 *
 * <p>The permutation of task {@code t} is a Fisher-Yates shuffle drawn from
 * {@code RandomStreams.of(seed, Purpose.TASK, t)}, so it depends only on the seed and the task
 * index. Permuted datasets are views that share the pixel array of the original.
 */
public final class PermutedTasks {
    private PermutedTasks() {
    }

    /**
     * Builds the sequence.
     *
     * @param train            training data
     * @param test             test data
     * @param tasks            number of tasks, {@code > 0}
     * @param seed             experiment seed
     * @param firstUnpermuted  if true, task 0 shows the original images
     * @return the sequence
     */
    public static TaskSequence of(Dataset train, Dataset test, int tasks, long seed, boolean firstUnpermuted) {
        if (tasks <= 0) {
            throw new ParameterException("permuted tasks", "tasks", "a count > 0", tasks);
        }
        int[] all = new int[train.classes()];
        for (int c = 0; c < all.length; c++) {
            all[c] = c;
        }
        List<Task> list = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            if (t == 0 && firstUnpermuted) {
                list.add(new Task(0, "original", train, test, all));
                continue;
            }
            int[] p = permutation(train.features(), seed, t);
            String name = "permutation " + t;
            String how = "pixels permuted (seed " + seed + ", task " + t + ")";
            list.add(new Task(t, name, train.permuted(p, train.name() + "/" + name, how),
                    test.permuted(p, test.name() + "/" + name, how), all));
        }
        return new TaskSequence("permuted", Plural.count(tasks, "task") + ", seed " + seed
                + (firstUnpermuted ? ", task 0 unpermuted" : ""), list);
    }

    /**
     * The permutation of one task.
     *
     * @param n         number of features
     * @param seed      experiment seed
     * @param taskIndex task index, from 0
     * @return a permutation of [0, n): feature {@code i} of the task is original feature {@code p[i]}
     */
    public static int[] permutation(int n, long seed, int taskIndex) {
        return RandomStreams.of(seed, Purpose.TASK, taskIndex).permutation(n);
    }
}
