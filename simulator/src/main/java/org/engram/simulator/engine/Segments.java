package org.engram.simulator.engine;

import java.util.Arrays;

/** Finds the piece in force at a time in the change points of a piecewise-constant input. */
final class Segments {
    private Segments() {
    }

    /**
     * @param changeSteps the steps at which the pieces start, strictly increasing
     * @param step        a step
     * @return the index of the last change at or before the step, -1 before the first
     */
    static int at(int[] changeSteps, int step) {
        int k = Arrays.binarySearch(changeSteps, step);
        return k >= 0 ? k : -k - 2;
    }

    /**
     * @param changeMs the times at which the pieces start, strictly increasing
     * @param timeMs   a time
     * @return the index of the last change at or before the time, -1 before the first
     */
    static int at(double[] changeMs, double timeMs) {
        int k = Arrays.binarySearch(changeMs, timeMs);
        return k >= 0 ? k : -k - 2;
    }
}
