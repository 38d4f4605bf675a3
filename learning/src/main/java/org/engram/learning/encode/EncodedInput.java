package org.engram.learning.encode;

import java.util.Arrays;

/**
 * One encoded sample: either spike lists per time step or a static current repeated every step.
 * A reusable buffer, sized once for (steps, inputs), so encoding allocates nothing per sample.
 *
 * <p>Spikes of step {@code t} are the input indices {@code index()[spikeStart(t) .. spikeEnd(t))},
 * ascending within a step. In current mode {@link #current()} holds one value per input (in
 * threshold units per step) and there are no spikes.
 */
public final class EncodedInput {
    private final int steps;
    private final int inputs;
    private final int[] index;
    private final int[] stepStart;
    private final float[] current;
    private int step;
    private int count;
    private boolean currentMode;
    /** Encoder scratch: indices of inputs that can spike. */
    final int[] scratchActive;
    /** Encoder scratch: per-input spike threshold on 32 random bits. */
    final long[] scratchThreshold;
    /** Encoder scratch: spikes of the second step of a pair. */
    final int[] scratchPending;

    /**
     * Creates an empty buffer.
     *
     * @param steps  time steps, {@code >= 1}
     * @param inputs input neurons, {@code >= 1}
     */
    public EncodedInput(int steps, int inputs) {
        if (steps < 1 || inputs < 1) {
            throw new IllegalArgumentException("steps and inputs must be >= 1, found " + steps + ", " + inputs);
        }
        this.steps = steps;
        this.inputs = inputs;
        this.index = new int[Math.multiplyExact(steps, inputs)];
        this.stepStart = new int[steps + 1];
        this.current = new float[inputs];
        this.scratchActive = new int[inputs];
        this.scratchThreshold = new long[inputs];
        this.scratchPending = new int[inputs];
    }

    /** @return the number of time steps */
    public int steps() {
        return steps;
    }

    /** @return the number of inputs */
    public int inputs() {
        return inputs;
    }

    /** Starts a new spike encoding: no spikes, spike mode, writing step 0. */
    public void clearSpikes() {
        currentMode = false;
        step = 0;
        count = 0;
        stepStart[0] = 0;
    }

    /**
     * Adds a spike of an input to the step being written.
     *
     * @param input the input index, ascending within a step
     */
    public void spike(int input) {
        index[count++] = input;
    }

    /** Closes the step being written; the next spikes belong to the following step. */
    public void endStep() {
        stepStart[++step] = count;
    }

    /**
     * Sets a current encoding: no spikes, and {@code values} repeated every step.
     *
     * @param values one current per input, in threshold units per step; copied
     * @param gain   factor applied to every value
     */
    public void setCurrent(float[] values, float gain) {
        currentMode = true;
        for (int i = 0; i < inputs; i++) {
            current[i] = values[i] * gain;
        }
        Arrays.fill(stepStart, 0);
        count = 0;
        step = steps;
    }

    /** @return whether the sample is a static current rather than spikes */
    public boolean isCurrent() {
        return currentMode;
    }

    /** @return the current per input (valid in current mode); live, do not modify */
    public float[] current() {
        return current;
    }

    /** @return the spike input indices of all steps, concatenated; live, do not modify */
    public int[] index() {
        return index;
    }

    /**
     * @param t the step
     * @return the offset of step {@code t}'s first spike in {@link #index()}
     */
    public int spikeStart(int t) {
        return stepStart[t];
    }

    /**
     * @param t the step
     * @return the offset after step {@code t}'s last spike in {@link #index()}
     */
    public int spikeEnd(int t) {
        return stepStart[t + 1];
    }

    /** @return the total number of spikes */
    public int spikeCount() {
        return count;
    }

    /** @return whether every step has been closed (a complete encoding) */
    public boolean complete() {
        return step == steps;
    }
}
