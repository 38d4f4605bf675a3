package org.engram.learning.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rate encoder's spikes are the ones its Javadoc promises, draw for draw: a reference written
 * here from that description and from the published SplitMix64 generator (Steele, Lea and Flood,
 * OOPSLA 2014; the state advances by the golden gamma and each output is the state mixed), not from
 * the encoder's code. The draws are part of what a seed means, so another order, an extra draw or a
 * spike at a draw equal to the threshold would change every result without changing a rate.
 */
class RateEncoderDrawsTest {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double TWO_POW_32 = 4294967296.0;

    /** SplitMix64's output function, as published. */
    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The spike probability of a value as a threshold on 32 uniform bits: spikes are draws below it. */
    private static long threshold(double gain, float x) {
        return (long) Math.floor(gain * x * TWO_POW_32);
    }

    /**
     * The documented draws: each 64-bit output decides two steps of one input (high bits the first,
     * low bits the second); inputs of value 0 draw nothing; up to 64 steps input by input (all pairs
     * of one input, then the next), beyond that step pair by step pair (every input for one pair).
     *
     * @return spiked[t][i]
     */
    private static boolean[][] reference(float[] x, double gain, int steps, long streamState) {
        boolean[][] spiked = new boolean[steps][x.length];
        long state = streamState;
        if (steps <= 64) {
            for (int i = 0; i < x.length; i++) {
                if (x[i] == 0f) {
                    continue;
                }
                for (int t = 0; t < steps; t += 2) {
                    state += GOLDEN_GAMMA;
                    decide(splitMix(state), threshold(gain, x[i]), spiked, t, i);
                }
            }
        } else {
            for (int t = 0; t < steps; t += 2) {
                for (int i = 0; i < x.length; i++) {
                    if (x[i] != 0f) {
                        state += GOLDEN_GAMMA;
                        decide(splitMix(state), threshold(gain, x[i]), spiked, t, i);
                    }
                }
            }
        }
        return spiked;
    }

    private static void decide(long draw, long threshold, boolean[][] spiked, int t, int i) {
        spiked[t][i] = (draw >>> 32) < threshold;
        if (t + 1 < spiked.length) {
            spiked[t + 1][i] = (draw & 0xFFFF_FFFFL) < threshold;
        }
    }

    /** The encoding as spiked[t][i], read from the step lists, with each step's inputs ascending. */
    private static boolean[][] raster(EncodedInput out) {
        boolean[][] spiked = new boolean[out.steps()][out.inputs()];
        for (int t = 0; t < out.steps(); t++) {
            int previous = -1;
            for (int k = out.spikeStart(t); k < out.spikeEnd(t); k++) {
                int i = out.index()[k];
                assertTrue(i > previous, "inputs ascending within step " + t);
                previous = i;
                spiked[t][i] = true;
            }
        }
        return spiked;
    }

    /** Odd and even step counts, on each side of the 64 steps where masks give way to lists. */
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 20, 63, 64, 65, 81})
    void spikesAreTheDocumentedDrawsOfTheSamplesStream(int steps) {
        Random random = new Random(steps);
        float[] x = new float[23];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(3) == 0 ? 0f : random.nextFloat();   // a third silent: they must draw nothing
        }
        x[4] = 1f;
        RateEncoder encoder = RateEncoder.bernoulli(steps, 0.8);
        EncodedInput out = new EncodedInput(steps, x.length);
        for (long stream : new long[] {0L, -7L, Encoder.streamState(3, 11, 2)}) {
            encoder.encode(x, stream, out);
            boolean[][] expected = reference(x, 0.8, steps, stream);
            boolean[][] actual = raster(out);
            for (int t = 0; t < steps; t++) {
                assertArrayEquals(expected[t], actual[t], "step " + t + " of " + steps + ", stream " + stream);
            }
        }
    }

    /**
     * A draw exactly at the threshold p * 2^32 does not spike: of the 2^32 equally likely 32-bit
     * draws, exactly p * 2^32 lie below it, so a spike there would make the probability p + 2^-32.
     * The gain is chosen so that the threshold of the value 0.5 equals the first draw's high or low
     * bits, in the masks (64 steps) and in the lists (65).
     */
    @ParameterizedTest
    @ValueSource(ints = {64, 65})
    void aDrawEqualToTheThresholdDoesNotSpike(int steps) {
        for (boolean high : new boolean[] {true, false}) {
            long stream = 0;
            long bits;
            do {   // a stream whose first draw's chosen half is below 2^31, so that the gain is at most 1
                stream++;
                long draw = splitMix(stream + GOLDEN_GAMMA);
                bits = high ? draw >>> 32 : draw & 0xFFFF_FFFFL;
            } while (bits >= 1L << 31 || bits == 0);
            double gain = bits / TWO_POW_32 * 2;   // exact: a 32-bit integer times a power of two
            assertEquals(bits, threshold(gain, 0.5f), "the threshold lands on the draw");
            EncodedInput out = new EncodedInput(steps, 1);
            RateEncoder.bernoulli(steps, gain).encode(new float[] {0.5f}, stream, out);
            int step = high ? 0 : 1;
            assertEquals(out.spikeStart(step), out.spikeEnd(step), "no spike in step " + step + " of " + steps);
        }
    }
}
