package org.engram.learning.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

class EncoderTest {
    private static int[] counts(EncodedInput e) {
        int[] c = new int[e.inputs()];
        for (int t = 0; t < e.steps(); t++) {
            int previous = -1;
            for (int k = e.spikeStart(t); k < e.spikeEnd(t); k++) {
                int i = e.index()[k];
                assertTrue(i > previous, "inputs ascending within a step");
                previous = i;
                c[i]++;
            }
        }
        return c;
    }

    private static int[][] raster(EncodedInput e) {
        int[][] r = new int[e.steps()][];
        for (int t = 0; t < e.steps(); t++) {
            r[t] = Arrays.copyOfRange(e.index(), e.spikeStart(t), e.spikeEnd(t));
        }
        return r;
    }

    @Test
    void bernoulliSpikeFrequencyMatchesTheValue() {
        int steps = 4001;
        float[] x = {0f, 0.05f, 0.2f, 0.35f, 0.5f, 0.65f, 0.8f, 0.95f, 1f};
        RateEncoder enc = RateEncoder.bernoulli(steps, 0.9);
        EncodedInput out = new EncodedInput(steps, x.length);
        enc.encode(x, Encoder.streamState(1, 0, 0), out);
        assertTrue(out.complete());
        int[] c = counts(out);
        for (int i = 0; i < x.length; i++) {
            double p = 0.9 * x[i];
            // Binomial(T, p): 5 standard deviations, two-sided false-failure probability 6e-7 per input.
            double sigma = Math.sqrt(steps * p * (1 - p));
            assertEquals(steps * p, c[i], 5 * sigma + 1e-9, "input " + i + " (x = " + x[i] + ")");
        }
        assertEquals(0, c[0], "a value of 0 never spikes");
    }

    @Test
    void stepMasksAndSpikeListsAgreeAndMatchTheValue() {
        int steps = 63;
        int samples = 200;
        float[] x = {0.1f, 0.5f, 0.9f, 0f};
        RateEncoder enc = RateEncoder.bernoulli(steps, 1.0);
        EncodedInput out = new EncodedInput(steps, x.length);
        int[] total = new int[x.length];
        for (int s = 0; s < samples; s++) {
            enc.encode(x, Encoder.streamState(5, s, 0), out);
            long[] masks = out.stepMasks().clone();
            int[] c = counts(out);
            for (int i = 0; i < x.length; i++) {
                assertEquals(Long.bitCount(masks[i]), c[i], "lists and masks hold the same spikes");
                assertEquals(0L, masks[i] >>> steps, "no bits beyond the last step");
                total[i] += c[i];
            }
            for (int t = 0; t < steps; t++) {
                for (int k = out.spikeStart(t); k < out.spikeEnd(t); k++) {
                    assertTrue((masks[out.index()[k]] >>> t & 1) == 1, "spike of step " + t + " in its mask");
                }
            }
        }
        for (int i = 0; i < x.length; i++) {
            double n = (double) steps * samples;
            double p = x[i];
            // Binomial(12600, p): 5 standard deviations (false failure 6e-7 per input).
            assertEquals(n * p, total[i], 5 * Math.sqrt(n * p * (1 - p)) + 1e-9, "input " + i);
        }
    }

    /**
     * A Poisson train of rate x * 1000 Hz over 1 ms steps, kept to one spike per step, spikes in a step
     * with the probability of at least one event, 1 - exp(-x). At this rate the counts tell that apart from
     * the first-order p = x * rate * dt: a value of 1 would spike in all 4000 steps rather than about 2528,
     * 48 standard deviations away (0.5: 2000 rather than 1574, 14 standard deviations).
     */
    @Test
    void poissonSpikeProbabilityIsOneMinusExpOfRateTimesStep() {
        int steps = 4000;
        RateEncoder enc = RateEncoder.poisson(steps, 1000, 1.0);
        assertEquals(1 - Math.exp(-1), enc.probability(1.0), 1e-15);
        float[] x = {1f, 0.5f, 0.25f};
        EncodedInput out = new EncodedInput(steps, x.length);
        enc.encode(x, Encoder.streamState(2, 5, 3), out);
        int[] c = counts(out);
        for (int i = 0; i < x.length; i++) {
            double p = 1 - Math.exp(-x[i]);
            // Binomial(4000, p): 5 standard deviations, two-sided false-failure probability 6e-7 per input.
            double sigma = Math.sqrt(steps * p * (1 - p));
            assertEquals(steps * p, c[i], 5 * sigma, "input " + i);
        }
    }

    @Test
    void encodingDependsOnlyOnSampleSeedIndexAndEpoch() {
        RateEncoder enc = RateEncoder.bernoulli(7, 1.0);
        float[] x = {0.3f, 0.9f, 0.5f, 0.1f, 0.7f};
        float[] other = {0.8f, 0.2f, 0.6f, 0.4f, 0.9f};
        EncodedInput a = new EncodedInput(7, 5);
        EncodedInput b = new EncodedInput(7, 5);
        enc.encode(x, Encoder.streamState(9, 4, 2), a);
        enc.encode(other, Encoder.streamState(9, 3, 2), b);
        enc.encode(x, Encoder.streamState(9, 4, 2), b);
        assertTrue(Arrays.deepEquals(raster(a), raster(b)), "same (seed, sample, epoch) gives the same spikes");
        enc.encode(x, Encoder.streamState(9, 4, 3), b);
        assertFalse(Arrays.deepEquals(raster(a), raster(b)), "another epoch draws other spikes");
    }

    @Test
    void rejectsValuesOutsideTheUnitInterval() {
        EncodedInput out = new EncodedInput(4, 3);
        ParameterException e = assertThrows(ParameterException.class,
                () -> RateEncoder.bernoulli(4, 1).encode(new float[] {0.2f, 1.5f, 0f}, 1, out));
        assertTrue(e.getMessage().contains("feature[1]") && e.getMessage().contains("1.5"), e.getMessage());
        assertThrows(ParameterException.class,
                () -> new LatencyEncoder(4, 0).encode(new float[] {0.2f, Float.NaN, 0f}, 1, out));
        assertThrows(ParameterException.class,
                () -> new DirectCurrentEncoder(4, 1).encode(new float[] {0.2f, 0.1f}, 1, out));
        assertThrows(ParameterException.class, () -> RateEncoder.bernoulli(4, 1.2));
    }

    @Test
    void latencyCodesLargerValuesEarlierWithOneSpikeEach() {
        LatencyEncoder enc = new LatencyEncoder(11, 0.1);
        float[] x = {1f, 0.5f, 0.1f, 0.05f, 0.75f};
        EncodedInput out = new EncodedInput(11, x.length);
        enc.encode(x, 0, out);
        int[][] r = raster(out);
        // t = round((1 - x) * 10): 0, 5, none (x <= cutoff), none, round(2.5) = 3 (float 0.25 * 10 = 2.5 rounds up)
        assertArrayEquals(new int[] {0}, r[0]);
        assertArrayEquals(new int[] {4}, r[3]);
        assertArrayEquals(new int[] {1}, r[5]);
        assertEquals(3, out.spikeCount());
    }

    /**
     * The example of snnTorch's {@code spikegen.latency} documentation for its linear, normalised code
     * (threshold 0.01, 5 steps): the values 0.02, 0.5 and 1 spike at times 3.92, 2 and 0, i.e. steps
     * 4, 2 and 0. Its {@code clip} option silences the values below the threshold (0.005 here); a value
     * of 0 is silent even with a cutoff of 0, where the smallest positive float spikes in the last step.
     */
    @Test
    void latencyCodeGivesSnnTorchsDocumentedLinearExample() {
        float[] x = {0.02f, 0.5f, 1f, 0.005f, 0f};
        EncodedInput out = new EncodedInput(5, x.length);
        new LatencyEncoder(5, 0.01).encode(x, 0, out);
        assertTrue(Arrays.deepEquals(new int[][] {{2}, {}, {1}, {}, {0}}, raster(out)),
                Arrays.deepToString(raster(out)));
        LatencyEncoder noCutoff = new LatencyEncoder(5, 0);
        assertEquals(-1, noCutoff.spikeStep(0f), "an empty value sends no spike");
        assertEquals(4, noCutoff.spikeStep(Float.MIN_VALUE));
    }

    /**
     * The step is rounded from the exact product: 0.05f is 0.0500000007..., so (1 - x) * 10 is
     * 9.4999999925 and rounds to 9; in float the product came out 9.5 and rounded to 10.
     */
    @Test
    void latencyStepsRoundTheExactProduct() {
        LatencyEncoder enc = new LatencyEncoder(11, 0);
        assertEquals(9, enc.spikeStep(0.05f));
        assertEquals(new java.math.BigDecimal(1).subtract(new java.math.BigDecimal(0.05f)).multiply(
                new java.math.BigDecimal(10)).setScale(0, java.math.RoundingMode.HALF_UP).intValue(),
                enc.spikeStep(0.05f));
        assertEquals(3, enc.spikeStep(0.75f), "an exact half rounds up");
    }

    @Test
    void latencyCodeOfMoreThanSixtyFourStepsFollowsTheSameFormula() {
        LatencyEncoder enc = new LatencyEncoder(81, 0.1);
        float[] x = {1f, 0.5f, 0.1f, 0.75f};
        EncodedInput out = new EncodedInput(81, x.length);
        enc.encode(x, 0, out);
        int[][] r = raster(out);
        // t = round((1 - x) * 80): 0, 40, none (x <= cutoff), 20.
        assertArrayEquals(new int[] {0}, r[0]);
        assertArrayEquals(new int[] {3}, r[20]);
        assertArrayEquals(new int[] {1}, r[40]);
        assertEquals(3, out.spikeCount());
    }

    /**
     * Past 64 steps the step lists are built by sorting the inputs by step: the same spikes as the
     * formula gives input by input, ascending within a step, on a sample where many share a step.
     */
    @Test
    void latencyStepListsOfManyStepsEqualTheFormulaInputByInput() {
        int steps = 100;
        LatencyEncoder enc = new LatencyEncoder(steps, 0.05);
        Random random = new Random(4);
        float[] x = new float[300];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(4) == 0 ? 0f : Math.round(random.nextFloat() * 20) / 20f;   // ties and silences
        }
        EncodedInput out = new EncodedInput(steps, x.length);
        enc.encode(x, 0, out);
        int[][] r = raster(out);
        int spikes = 0;
        for (int t = 0; t < steps; t++) {
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                if (x[i] > 0.05f && Math.round((1f - x[i]) * (steps - 1)) == t) {
                    expected.add(i);
                }
            }
            assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), r[t], "step " + t);
            spikes += expected.size();
        }
        assertEquals(spikes, out.spikeCount());
        assertTrue(spikes > 150, "most inputs spike: " + spikes);
    }

    /**
     * A sample written as step masks (at most 64 steps) counts its spikes from them, before and
     * without the step lists: the same count as the lists give once built.
     */
    @Test
    void spikesWrittenAsMasksAreCountedAsTheListsCountThem() {
        RateEncoder enc = RateEncoder.bernoulli(20, 0.9);
        Random random = new Random(5);
        float[] x = new float[784];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        EncodedInput out = new EncodedInput(20, x.length);
        for (long stream = 0; stream < 5; stream++) {
            enc.encode(x, stream, out);
            int counted = out.spikeCount();
            int listed = 0;
            for (int[] step : raster(out)) {
                listed += step.length;
            }
            assertEquals(listed, counted, "stream " + stream);
            assertEquals(listed, out.spikeCount());
            assertTrue(listed > 5_000, "most inputs spike in most steps: " + listed);
        }
    }

    @Test
    void directCurrentRepeatsTheScaledSample() {
        DirectCurrentEncoder enc = new DirectCurrentEncoder(5, 2.5);
        EncodedInput out = new EncodedInput(5, 3);
        enc.encode(new float[] {0.2f, 0f, 1f}, 0, out);
        assertTrue(out.isCurrent());
        assertEquals(0, out.spikeCount());
        assertArrayEquals(new float[] {0.5f, 0f, 2.5f}, out.current());
    }

    /** The spike slots of all steps and inputs live in one array: 2^31 - 9 of them at most. */
    @Test
    void aBufferBeyondTheLargestArrayIsRefusedNamingTheSteps() {
        EncodedInput.requireFits((Integer.MAX_VALUE - 8) / 784, 784);
        ParameterException e = assertThrows(ParameterException.class,
                () -> new EncodedInput((Integer.MAX_VALUE - 8) / 784 + 1, 784));
        assertEquals("steps", e.location());
        assertTrue(e.expected().contains("at most 2739137 steps for 784 inputs"), e.expected());
    }
}
