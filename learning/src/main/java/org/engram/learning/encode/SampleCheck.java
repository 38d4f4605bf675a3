package org.engram.learning.encode;

import org.engram.simulator.ParameterException;

/** The range check shared by encoders: every value in [0, 1], NaN rejected. */
final class SampleCheck {
    private SampleCheck() {
    }

    static void requireUnitInterval(String owner, float[] sample, int inputs) {
        if (sample.length != inputs) {
            throw new ParameterException(owner, "sample length", "a vector of " + inputs + " values", sample.length);
        }
        for (int i = 0; i < sample.length; i++) {
            float x = sample[i];
            if (!(x >= 0f && x <= 1f)) {
                throw new ParameterException(owner, "feature[" + i + "]", "a value in [0, 1]", x);
            }
        }
    }
}
