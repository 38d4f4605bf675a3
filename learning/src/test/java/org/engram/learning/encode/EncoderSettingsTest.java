package org.engram.learning.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The encoders' settings at the ends of their ranges, and how an encoder names itself. */
class EncoderSettingsTest {
    private static void refused(String parameter, String found, Executable making) {
        ParameterException e = assertThrows(ParameterException.class, making);
        assertEquals(parameter, e.location());
        assertEquals(found, e.found());
    }

    /** One step is the least: each encoder takes it and codes into it, none takes zero steps. */
    @Test
    void everyEncoderTakesOneStepAndRefusesNone() {
        float[] x = {1f, 0.4f, 0f};
        EncodedInput out = new EncodedInput(1, 3);
        RateEncoder.bernoulli(1, 1).encode(x, 0, out);
        assertEquals(1L, out.stepMasks()[0], "probability 1 spikes in the only step");
        new LatencyEncoder(1, 0).encode(x, 0, out);
        assertArrayEquals(new long[] {1L, 1L, 0L}, out.stepMasks(), "t = round((1 - x) * 0) = 0 for x > 0");
        new DirectCurrentEncoder(1, 1).encode(x, 0, out);
        assertEquals(1, new DirectCurrentEncoder(1, 1).steps());
        refused("steps", "0", () -> RateEncoder.bernoulli(0, 1));
        refused("steps", "0", () -> RateEncoder.poisson(0, 10, 1));
        refused("steps", "0", () -> new LatencyEncoder(0, 0));
        refused("steps", "0", () -> new DirectCurrentEncoder(0, 1));
    }

    /** A Bernoulli gain is a probability of (0, 1]; a latency cutoff lies in [0, 1). */
    @Test
    void gainAndCutoffRangesAreOpenWhereDocumented() {
        refused("gain", "0.0", () -> RateEncoder.bernoulli(4, 0));
        refused("cutoff", "1.0", () -> new LatencyEncoder(4, 1));
        assertEquals(-1, new LatencyEncoder(4, 0).spikeStep(0f), "a cutoff of 0 silences only 0");
        assertEquals(3, new LatencyEncoder(4, 0).spikeStep(Float.MIN_VALUE));
    }

    /**
     * The Poisson probability per step uses the rate times the step length: 100 Hz for 0.5 ms is
     * 0.05 expected spikes, p = 1 - exp(-0.05 x).
     */
    @Test
    void poissonProbabilityUsesTheStepLength() {
        RateEncoder encoder = RateEncoder.poisson(10, 100, 0.5);
        assertEquals(RateEncoder.Mode.POISSON, encoder.mode());
        assertEquals(1 - Math.exp(-0.05), encoder.probability(1), 1e-15);
        assertEquals(1 - Math.exp(-0.025), encoder.probability(0.5), 1e-15);
        assertEquals(RateEncoder.Mode.BERNOULLI, RateEncoder.bernoulli(10, 0.5).mode());
    }

    /** Summaries and messages name the encoder with its settings and steps. */
    @Test
    void descriptionsNameTheSettings() {
        assertEquals("rate(bernoulli, gain=0.5, steps=10)", RateEncoder.bernoulli(10, 0.5).describe());
        assertEquals("rate(poisson, rate*dt=0.25, steps=8)", RateEncoder.poisson(8, 500, 0.5).describe());
        assertEquals("latency(cutoff=0.25, steps=12)", new LatencyEncoder(12, 0.25).describe());
        assertEquals("direct_current(gain=2.5, steps=3)", new DirectCurrentEncoder(3, 2.5).describe());
        assertEquals(8, RateEncoder.poisson(8, 500, 0.5).steps());
        assertEquals(12, new LatencyEncoder(12, 0.25).steps());
    }

    /** The check a trainer makes before training names who asks and the feature that is out of range. */
    @Test
    void aSampleIsCheckedAsEncodersCheckIt() {
        Encoder.requireSample("trainer", new float[] {0f, 1f}, 2);
        ParameterException e = assertThrows(ParameterException.class,
                () -> Encoder.requireSample("trainer", new float[] {0f, -0.5f}, 2));
        assertEquals("feature[1]", e.location());
        assertEquals("-0.5", e.found());
        ParameterException length = assertThrows(ParameterException.class,
                () -> Encoder.requireSample("trainer", new float[] {0f}, 2));
        assertEquals("sample length", length.location());
    }
}
