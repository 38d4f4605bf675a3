package org.engram.learning.encode;

import org.engram.simulator.ParameterException;

/**
 * Direct-current coding: the sample itself, times a gain, is the input current of every step.
 * Networks multiply it by the weights once per sample, not once per step. Deterministic.
 */
public final class DirectCurrentEncoder implements Encoder {
    private static final String NAME = "direct-current encoder";
    private final int steps;
    private final float gain;

    /**
     * Creates the encoder.
     *
     * @param steps time steps, {@code >= 1}
     * @param gain  current of a value of 1, in threshold units per step, finite
     */
    public DirectCurrentEncoder(int steps, double gain) {
        if (steps < 1) {
            throw new ParameterException(NAME, "steps", "an integer >= 1", steps);
        }
        ParameterException.requireFinite(NAME, "gain", gain, "threshold units per step");
        this.steps = steps;
        this.gain = (float) gain;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public String describe() {
        return "direct_current(gain=" + gain + ", steps=" + steps + ")";
    }

    @Override
    public void encode(float[] sample, long streamState, EncodedInput out) {
        SampleCheck.requireUnitInterval(NAME, sample, out.inputs());
        out.setCurrent(sample, gain);
    }
}
