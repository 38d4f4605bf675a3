package org.engram.learning.unsupervised;

import org.engram.simulator.random.SplitMixRandom;

/**
 * A synthetic 3-class task: each class has a prototype of 30 "on" pixels (drawn at random from
 * 100); a sample keeps each on pixel with probability 0.9 at intensity U(0.7, 1) and gives every
 * other pixel intensity U(0, 0.2).
 */
final class PrototypeTask {
    static final int PIXELS = 100;
    static final int CLASSES = 3;
    static final int ON = 30;

    final boolean[][] prototypes = new boolean[CLASSES][PIXELS];
    final float[][] x;
    final int[] y;

    /**
     * @param samples number of samples, classes in turn 0, 1, 2, 0, ...
     * @param seed    seed of prototypes (fixed per task) and noise
     */
    PrototypeTask(int samples, long seed) {
        SplitMixRandom shape = new SplitMixRandom(2015);
        for (int c = 0; c < CLASSES; c++) {
            int chosen = 0;
            while (chosen < ON) {
                int i = shape.nextInt(PIXELS);
                if (!prototypes[c][i]) {
                    prototypes[c][i] = true;
                    chosen++;
                }
            }
        }
        SplitMixRandom noise = new SplitMixRandom(seed);
        x = new float[samples][PIXELS];
        y = new int[samples];
        for (int s = 0; s < samples; s++) {
            int c = s % CLASSES;
            y[s] = c;
            for (int i = 0; i < PIXELS; i++) {
                boolean on = prototypes[c][i] && noise.nextDouble() < 0.9;
                x[s][i] = (float) (on ? 0.7 + 0.3 * noise.nextDouble() : 0.2 * noise.nextDouble());
            }
        }
    }
}
