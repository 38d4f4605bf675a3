package org.engram.learning.continual;

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
 * @param classes the labels this task uses, ascending
 */
public record TaskData(int index, String name, float[][] trainX, int[] trainY, float[][] testX, int[] testY,
                       int[] classes) {
    /** Checks shapes. */
    public TaskData {
        if (trainX.length != trainY.length) {
            throw new ParameterException("task '" + name + "'", "train labels", "one per sample (" + trainX.length + ")",
                    trainY.length);
        }
        if (testX.length != testY.length) {
            throw new ParameterException("task '" + name + "'", "test labels", "one per sample (" + testX.length + ")",
                    testY.length);
        }
        if (classes.length == 0) {
            throw new ParameterException("task '" + name + "'", "classes", "at least one class", 0);
        }
    }

    /** @return the training samples as a {@link SampleSet} */
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
