package org.engram.learning.continual;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.engram.simulator.ParameterException;

/**
 * One task of a sequence as the learner sees it: training and test samples with their labels,
 * and the classes the task uses (its head in task-incremental learning).
 *
 * @param index   the task's position in the sequence, from 0
 * @param name    a short name for logs and plots, e.g. {@code "classes 0-1"}
 * @param trainX  training samples, values in [0, 1]
 * @param trainY  their labels, as the network's readout sees them
 * @param testX   test samples
 * @param testY   their labels
 * @param classes the labels this task uses, distinct; every label of its samples is one of them
 */
public record TaskData(int index, String name, float[][] trainX, int[] trainY, float[][] testX, int[] testY,
                       int[] classes) {
    /**
     * Checks shapes and labels.
     *
     * @param index   the task's position in the sequence, from 0
     * @param name    a short name for logs and plots, e.g. {@code "classes 0-1"}
     * @param trainX  training samples, values in [0, 1]
     * @param trainY  their labels, as the network's readout sees them
     * @param testX   test samples
     * @param testY   their labels
     * @param classes the labels this task uses, distinct; every label of its samples is one of them
     */
    public TaskData {
        String owner = "task '" + name + "'";
        if (index < 0) {
            throw new ParameterException(owner, "index", "a position in the sequence, >= 0", index);
        }
        ParameterException.requireNonNull(owner, "trainX", trainX, "an array");
        ParameterException.requireNonNull(owner, "trainY", trainY, "an array");
        ParameterException.requireNonNull(owner, "testX", testX, "an array");
        ParameterException.requireNonNull(owner, "testY", testY, "an array");
        ParameterException.requireNonNull(owner, "classes", classes, "an array");
        if (trainX.length != trainY.length) {
            throw new ParameterException("task '" + name + "'", "train labels",
                    "one per sample (" + trainX.length + ")", trainY.length);
        }
        if (testX.length != testY.length) {
            throw new ParameterException("task '" + name + "'", "test labels", "one per sample (" + testX.length + ")",
                    testY.length);
        }
        if (trainX.length == 0) {
            // Strategies that consolidate after a task (EWC, MAS) need its samples: none left the learner stuck.
            throw new ParameterException(owner, "trainX", "at least one training sample", 0);
        }
        if (classes.length == 0) {
            throw new ParameterException("task '" + name + "'", "classes", "at least one class", 0);
        }
        Set<Integer> own = new HashSet<>();
        for (int c : classes) {
            if (c < 0) {
                throw new ParameterException(owner, "classes", "labels >= 0 (readout units)", c);
            }
            if (!own.add(c)) {
                throw new ParameterException(owner, "classes", "distinct labels", "label " + c + " twice in "
                        + Arrays.toString(classes));
            }
        }
        requireOwnLabels(owner, "trainY", trainY, own, classes);
        requireOwnLabels(owner, "testY", testY, own, classes);
    }

    /** A label outside the task's classes would be masked out of the readout and never be right. */
    private static void requireOwnLabels(String owner, String field, int[] labels, Set<Integer> own, int[] classes) {
        for (int i = 0; i < labels.length; i++) {
            if (!own.contains(labels[i])) {
                throw new ParameterException(owner, field + "[" + i + "]", "one of the task's classes "
                        + Arrays.toString(classes), labels[i]);
            }
        }
    }

    /** {@return the training samples as a {@link SampleSet}} */
    public SampleSet trainSet() {
        return new SampleSet() {
            @Override
            public int task() {
                return index;
            }

            @Override
            public int size() {
                return trainX.length;
            }

            @Override
            public float[] input(int sample) {
                return trainX[sample];
            }

            @Override
            public int label(int sample) {
                return trainY[sample];
            }
        };
    }
}
