package org.engram.learning.train.optim;

import org.engram.simulator.ParameterException;

/** Checks that restored optimiser state has the shape of the optimiser's own arrays. */
final class StateShape {
    private StateShape() {
    }

    static void check(String owner, float[][] mine, float[][] given) {
        if (given.length != mine.length) {
            throw new ParameterException(owner, "state arrays", mine.length + " arrays", given.length);
        }
        for (int m = 0; m < mine.length; m++) {
            if (given[m].length != mine[m].length) {
                throw new ParameterException(owner, "state[" + m + "]", mine[m].length + " values", given[m].length);
            }
        }
    }
}
