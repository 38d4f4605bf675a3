package org.engram.learning.encode;

import java.util.Arrays;
import org.engram.simulator.ParameterException;

/**
 * Latency (time-to-first-spike) coding: each input spikes at most once, the larger its value the
 * earlier.
 *
 * <pre>
 *   t_i = round((1 - x_i) * (steps - 1))   if x_i > cutoff,   no spike otherwise
 * </pre>
 * computed exactly from the float sample (in double), a half rounding up; the cutoff is compared
 * as a float, as the samples are (a cutoff of 0.1 silences the sample {@code 0.1f}). A value of 1 spikes in
 * step 0 and a value near 0 near the last step; the cutoff only silences
 * the values at or below it (the times are not stretched to start there). Deterministic: the
 * stream state is not used.
 *
 * <p>This is the linear, normalised latency code of snnTorch ({@code spikegen.latency} with
 * {@code linear=True, normalize=True, clip=True}), not its default RC form
 * {@code t = tau ln(x / (x - threshold))}. Two conventions differ from it. A value equal to the
 * cutoff is silent (snnTorch's threshold silences the values below it), so that a cutoff of 0, which
 * snnTorch does not take, still leaves a value of 0 without a spike. A time half way between two steps
 * goes to the later one (snnTorch rounds with {@code torch.round}, to the even one), so that every step
 * but the first and the last takes a half-open range of times of the same width.
 */
public final class LatencyEncoder implements Encoder {
    private static final String NAME = "latency encoder";
    private final int steps;
    /** As a float, as the samples are: a cutoff of 0.1 silences the sample 0.1f, the float nearest it. */
    private final float cutoff;

    /**
     * Creates the encoder.
     *
     * @param steps  time steps, {@code >= 1}
     * @param cutoff values {@code <= cutoff} never spike, in [0, 1)
     */
    public LatencyEncoder(int steps, double cutoff) {
        if (steps < 1) {
            throw new ParameterException(NAME, "steps", "an integer >= 1", steps);
        }
        if (!(cutoff >= 0 && cutoff < 1)) {
            throw new ParameterException(NAME, "cutoff", "a value in [0, 1)", cutoff);
        }
        this.steps = steps;
        this.cutoff = (float) cutoff;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public String describe() {
        return "latency(cutoff=" + cutoff + ", steps=" + steps + ")";
    }

    /**
     * The spike step of a value.
     *
     * @param x the value in [0, 1]
     * @return the step, or {@code -1} if the value does not spike
     */
    public int spikeStep(float x) {
        if (!(x > cutoff)) {
            return -1;
        }
        // In double, where the float sample is exact: in float, a product just below a half could round
        // up to it (0.05f at 11 steps gave step 10, not 9).
        return (int) Math.round((1.0 - x) * (steps - 1));
    }

    @Override
    public void encode(float[] sample, long streamState, EncodedInput out) {
        SampleCheck.requireUnitInterval(NAME, sample, out.inputs());
        if (steps <= EncodedInput.MASK_STEPS) {
            // One bit per spiking input: O(inputs), where the step lists below cost O(steps * inputs).
            long[] masks = out.beginMasks();
            for (int i = 0; i < sample.length; i++) {
                int t = spikeStep(sample[i]);
                if (t >= 0) {
                    masks[i] = 1L << t;
                }
            }
            out.endMasks();
            return;
        }
        // The inputs sorted by spike step (counting sort, stable: ascending within a step), so the
        // step lists cost O(inputs + steps) rather than a scan of every input at every step.
        int[] stepOf = out.scratchActive;
        int[] start = out.scratchStepCount;
        Arrays.fill(start, 0);
        for (int i = 0; i < sample.length; i++) {
            int t = spikeStep(sample[i]);
            stepOf[i] = t;
            if (t >= 0) {
                start[t + 1]++;
            }
        }
        for (int t = 0; t < steps; t++) {
            start[t + 1] += start[t];
        }
        int[] byStep = out.scratchPending;
        for (int i = 0; i < sample.length; i++) {
            if (stepOf[i] >= 0) {
                byStep[start[stepOf[i]]++] = i;   // start[t] ends as the end of step t
            }
        }
        out.clearSpikes();
        int k = 0;
        for (int t = 0; t < steps; t++) {
            for (; k < start[t]; k++) {
                out.spike(byStep[k]);
            }
            out.endStep();
        }
    }
}
