package org.engram.learning.encode;

import org.engram.simulator.ParameterException;
import org.engram.simulator.random.RandomStreams;

/**
 * Rate coding: in every step, input {@code i} spikes with a probability that grows with its value
 * {@code x_i}, independently of other steps and inputs.
 *
 * <pre>
 *   BERNOULLI:  p_i = gain * x_i                                  (gain in (0, 1])
 *   POISSON:    p_i = 1 - exp(-x_i * maxRateHz * dtMs / 1000)     (at most one spike per step)
 * </pre>
 * Each 64-bit draw of the sample's SplitMix64 stream decides two steps of one input (its high and
 * low 32 bits, compared with {@code p_i * 2^32}); inputs with {@code p_i = 0} draw nothing. With at
 * most 64 steps the draws go input by input (steps 0-1, 2-3, ... of the first active input, then
 * the next) into step masks; with more, step pair by step pair into spike lists. The draws depend
 * only on the sample's values and its stream.
 */
public final class RateEncoder implements Encoder {
    private static final String NAME = "rate encoder";
    private static final double TWO_POW_32 = 4294967296.0;
    private static final long LOW_32 = 0xFFFF_FFFFL;

    /** How a value becomes a spike probability per step. */
    public enum Mode {
        /** {@code p = gain * x}. */
        BERNOULLI,
        /**
         * {@code p = 1 - exp(-x * maxRate * dt)}: a Poisson train of rate {@code x * maxRate}, thinned to one spike per
         * step.
         */
        POISSON
    }

    private final Mode mode;
    private final int steps;
    private final double gain;
    private final double ratePerStep;

    private RateEncoder(Mode mode, int steps, double gain, double ratePerStep) {
        if (steps < 1) {
            throw new ParameterException(NAME, "steps", "an integer >= 1", steps);
        }
        this.mode = mode;
        this.steps = steps;
        this.gain = gain;
        this.ratePerStep = ratePerStep;
    }

    /**
     * Bernoulli rate coding: spike probability {@code gain * x} per step.
     *
     * @param steps time steps, {@code >= 1}
     * @param gain  probability per step of a value of 1, in (0, 1]
     * @return the encoder
     */
    public static RateEncoder bernoulli(int steps, double gain) {
        if (!(gain > 0 && gain <= 1)) {
            throw new ParameterException(NAME, "gain", "a probability in (0, 1]", gain);
        }
        return new RateEncoder(Mode.BERNOULLI, steps, gain, 0);
    }

    /**
     * Poisson rate coding: a Poisson train of rate {@code x * maxRateHz}, kept to at most one spike per
     * step. A step spikes with the probability that the train has an event in it,
     * {@code 1 - exp(-x * maxRateHz * dtMs / 1000)}, close to {@code x * maxRateHz * dtMs / 1000} where
     * that is small (0.1 gives 0.095), so the rate of the spikes is below {@code x * maxRateHz}.
     *
     * @param steps     time steps, {@code >= 1}
     * @param maxRateHz the rate of a value of 1, in Hz, {@code > 0}
     * @param dtMs      the step length in ms, {@code > 0}
     * @return the encoder
     */
    public static RateEncoder poisson(int steps, double maxRateHz, double dtMs) {
        ParameterException.requirePositive(NAME, "max_rate", maxRateHz, "Hz");
        ParameterException.requirePositive(NAME, "dt", dtMs, "ms");
        return new RateEncoder(Mode.POISSON, steps, 1, maxRateHz * dtMs / 1000.0);
    }

    /** {@return the mode} */
    public Mode mode() {
        return mode;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public String describe() {
        return mode == Mode.BERNOULLI ? "rate(bernoulli, gain=" + gain + ", steps=" + steps + ")"
                : "rate(poisson, rate*dt=" + ratePerStep + ", steps=" + steps + ")";
    }

    /**
     * The spike probability per step of a value.
     *
     * @param x the value in [0, 1]
     * @return the probability in [0, 1]
     */
    public double probability(double x) {
        return mode == Mode.BERNOULLI ? gain * x : -StrictMath.expm1(-x * ratePerStep);
    }

    @Override
    public void encode(float[] sample, long streamState, EncodedInput out) {
        SampleCheck.requireUnitInterval(NAME, sample, out.inputs());
        int[] active = out.scratchActive;
        long[] threshold = out.scratchThreshold;
        int[] pending = out.scratchPending;
        int nActive = 0;
        for (int i = 0; i < sample.length; i++) {
            if (sample[i] > 0f) {
                active[nActive] = i;
                threshold[nActive] = (long) (probability(sample[i]) * TWO_POW_32);
                nActive++;
            }
        }
        long state = streamState;
        if (steps <= EncodedInput.MASK_STEPS) {
            long[] masks = out.beginMasks();
            long keep = steps == 64 ? -1L : (1L << steps) - 1;
            for (int k = 0; k < nActive; k++) {
                long thr = threshold[k];
                long mask = 0L;
                for (int t = 0; t < steps; t += 2) {
                    state += RandomStreams.GAMMA;
                    long r = RandomStreams.mix(state);
                    mask |= (((r >>> 32) - thr) >>> 63) << t;
                    mask |= (((r & LOW_32) - thr) >>> 63) << (t + 1);
                }
                masks[active[k]] = mask & keep;
            }
            out.endMasks();
            return;
        }
        out.clearSpikes();
        for (int t = 0; t < steps; t += 2) {
            boolean pair = t + 1 < steps;
            int nPending = 0;
            for (int k = 0; k < nActive; k++) {
                state += RandomStreams.GAMMA;
                long r = RandomStreams.mix(state);
                long thr = threshold[k];
                if ((r >>> 32) < thr) {
                    out.spike(active[k]);
                }
                if ((r & LOW_32) < thr) {
                    pending[nPending++] = active[k];
                }
            }
            out.endStep();
            if (pair) {
                for (int k = 0; k < nPending; k++) {
                    out.spike(pending[k]);
                }
                out.endStep();
            }
        }
    }
}
