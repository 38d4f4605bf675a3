package org.engram.learning.continual;

import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.engram.simulator.random.SplitMixRandom;

/**
 * A small class-split task sequence for learner tests: 6 classes of noisy binary prototypes over
 * 40 inputs, split into 3 tasks of 2 classes. Each class lights a random 30% of the inputs;
 * each sample flips 10% of the pixels.
 */
final class SplitPatterns {
    static final int INPUTS = 40;
    static final int CLASSES = 6;
    static final int TASKS = 3;

    private SplitPatterns() {
    }

    static TaskData[] tasks(int trainPerClass, int testPerClass) {
        SplitMixRandom protoRng = RandomStreams.of(77, Purpose.TASK, 0);
        float[][] proto = new float[CLASSES][INPUTS];
        for (int c = 0; c < CLASSES; c++) {
            for (int i = 0; i < INPUTS; i++) {
                proto[c][i] = protoRng.nextDouble() < 0.3 ? 1f : 0f;
            }
        }
        TaskData[] tasks = new TaskData[TASKS];
        for (int t = 0; t < TASKS; t++) {
            int[] classes = {2 * t, 2 * t + 1};
            SplitMixRandom rng = RandomStreams.of(77, Purpose.TASK, 1 + t);
            float[][] trainX = new float[2 * trainPerClass][];
            int[] trainY = new int[trainX.length];
            float[][] testX = new float[2 * testPerClass][];
            int[] testY = new int[testX.length];
            for (int k = 0; k < trainX.length; k++) {
                trainY[k] = classes[k % 2];
                trainX[k] = noisy(proto[trainY[k]], rng);
            }
            for (int k = 0; k < testX.length; k++) {
                testY[k] = classes[k % 2];
                testX[k] = noisy(proto[testY[k]], rng);
            }
            tasks[t] = new TaskData(t, "classes " + classes[0] + "-" + classes[1], trainX, trainY,
                    testX, testY, classes);
        }
        return tasks;
    }

    private static float[] noisy(float[] prototype, SplitMixRandom rng) {
        float[] x = prototype.clone();
        for (int i = 0; i < x.length; i++) {
            if (rng.nextDouble() < 0.1) {
                x[i] = 1f - x[i];
            }
        }
        return x;
    }
}
