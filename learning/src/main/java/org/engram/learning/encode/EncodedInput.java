package org.engram.learning.encode;

import java.util.Arrays;
import org.engram.simulator.ParameterException;

/**
 * One encoded sample: either spikes per time step or a static current repeated every step.
 * A reusable buffer, sized once for (steps, inputs), so encoding allocates nothing per sample.
 *
 * <p>Spikes can be read two ways. Step-major: the spikes of step {@code t} are the input indices
 * {@code index()[spikeStart(t) .. spikeEnd(t))}, ascending within a step. Input-major (when
 * {@code steps <= 64}): bit {@code t} of {@code stepMasks()[i]} is set if input {@code i} spiked in
 * step {@code t}. An encoder writes either form (spike lists with {@link #clearSpikes},
 * {@link #spike}, {@link #endStep}; masks with {@link #beginMasks}, {@link #endMasks}) and the other is
 * derived on first use. In current mode {@link #current()} holds one value per input (in threshold
 * units per step) and there are no spikes.
 */
public final class EncodedInput {
    /** The most steps for which input-major step masks exist. */
    public static final int MASK_STEPS = 64;
    /** The largest array the JVM allocates is a little below {@code Integer.MAX_VALUE}. */
    private static final int MAX_SLOTS = Integer.MAX_VALUE - 8;

    private final int steps;
    private final int inputs;
    private final int[] index;
    private final int[] stepStart;
    private final float[] current;
    private final long[] masks;
    private int step;
    private int count;
    private boolean currentMode;
    private boolean listsValid;
    private boolean masksValid;
    /** Encoder scratch: indices of inputs that can spike. */
    final int[] scratchActive;
    /** Encoder scratch: per-input spike threshold on 32 random bits. */
    final long[] scratchThreshold;
    /** Encoder scratch: spikes of the second step of a pair. */
    final int[] scratchPending;
    /** Encoder scratch: one count per step and one more, for sorting inputs by step. */
    final int[] scratchStepCount;

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
        requireFits(steps, inputs);
        this.steps = steps;
        this.inputs = inputs;
        this.index = new int[steps * inputs];
        this.stepStart = new int[steps + 1];
        this.current = new float[inputs];
        this.masks = new long[inputs];
        this.scratchActive = new int[inputs];
        this.scratchThreshold = new long[inputs];
        this.scratchPending = new int[inputs];
        this.scratchStepCount = new int[steps + 1];
        this.listsValid = true;
    }

    /**
     * Checks that a buffer for {@code steps} and {@code inputs} can exist: it holds a spike slot for
     * every input in every step, in one array.
     *
     * @param steps  time steps, {@code >= 1}
     * @param inputs input neurons, {@code >= 1}
     * @throws ParameterException if {@code steps * inputs} exceeds the largest Java array
     */
    public static void requireFits(int steps, int inputs) {
        if ((long) steps * inputs > MAX_SLOTS) {
            throw new ParameterException("encoder", "steps", "at most " + MAX_SLOTS / inputs + " steps for "
                    + inputs + " inputs (a spike slot per input and step, in one array)", steps);
        }
    }

    /** {@return the number of time steps} */
    public int steps() {
        return steps;
    }

    /** {@return the number of inputs} */
    public int inputs() {
        return inputs;
    }

    /** Starts a new spike encoding written as lists: no spikes, spike mode, writing step 0. */
    public void clearSpikes() {
        currentMode = false;
        listsValid = true;
        masksValid = false;
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
     * Starts a new spike encoding written as step masks ({@code steps <= 64}).
     *
     * @return the mask array, all zero, one {@code long} per input; set bit t of element i for a spike
     */
    public long[] beginMasks() {
        if (steps > MASK_STEPS) {
            throw new IllegalStateException("step masks need steps <= " + MASK_STEPS + ", have " + steps);
        }
        Arrays.fill(masks, 0L);
        return masks;
    }

    /** Finishes an encoding written with {@link #beginMasks}. */
    public void endMasks() {
        currentMode = false;
        masksValid = true;
        listsValid = false;
        step = steps;
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
        Arrays.fill(masks, 0L);
        count = 0;
        step = steps;
        listsValid = true;
        masksValid = true;
    }

    /** {@return whether the sample is a static current rather than spikes} */
    public boolean isCurrent() {
        return currentMode;
    }

    /** {@return the current per input (valid in current mode); live, do not modify} */
    public float[] current() {
        return current;
    }

    /**
     * Input-major spikes: bit t of element i is set if input i spiked in step t.
     *
     * @return the masks, one per input; live, do not modify
     * @throws IllegalStateException if there are more than 64 steps
     */
    public long[] stepMasks() {
        if (!masksValid) {
            long[] m = beginMasks();
            for (int t = 0; t < steps; t++) {
                long bit = 1L << t;
                for (int e = stepStart[t]; e < stepStart[t + 1]; e++) {
                    m[index[e]] |= bit;
                }
            }
            masksValid = true;
        }
        return masks;
    }

    private void ensureLists() {
        if (listsValid) {
            return;
        }
        Arrays.fill(stepStart, 0);
        for (int i = 0; i < inputs; i++) {
            for (long m = masks[i]; m != 0; m &= m - 1) {
                stepStart[Long.numberOfTrailingZeros(m) + 1]++;
            }
        }
        for (int t = 0; t < steps; t++) {
            stepStart[t + 1] += stepStart[t];
        }
        for (int i = 0; i < inputs; i++) {
            for (long m = masks[i]; m != 0; m &= m - 1) {
                index[stepStart[Long.numberOfTrailingZeros(m)]++] = i;
            }
        }
        for (int t = steps; t > 0; t--) {
            stepStart[t] = stepStart[t - 1];
        }
        stepStart[0] = 0;
        count = stepStart[steps];
        listsValid = true;
    }

    /** {@return the spike input indices of all steps, concatenated; live, do not modify} */
    public int[] index() {
        ensureLists();
        return index;
    }

    /**
     * {@return the offset of step {@code t}'s first spike in {@link #index()}}
     *
     * @param t the step
     */
    public int spikeStart(int t) {
        ensureLists();
        return stepStart[t];
    }

    /**
     * {@return the offset after step {@code t}'s last spike in {@link #index()}}
     *
     * @param t the step
     */
    public int spikeEnd(int t) {
        ensureLists();
        return stepStart[t + 1];
    }

    /** {@return the total number of spikes} */
    public int spikeCount() {
        if (listsValid) {
            return count;
        }
        // Written as masks, which the forward pass reads as they are: counted from them, without the
        // lists (building those for a count took 5% of the quick start's time).
        int spikes = 0;
        for (int i = 0; i < inputs; i++) {
            spikes += Long.bitCount(masks[i]);
        }
        return spikes;
    }

    /** {@return whether every step has been closed (a complete encoding)} */
    public boolean complete() {
        return step == steps;
    }
}
