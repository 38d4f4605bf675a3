package org.engram.learning.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The surrogates against their published forms, worked by hand at points where they are simple
 * numbers, and the area under each (the height of the step it stands in for, or the fast sigmoid's
 * 2 / k). {@code smoothIsAnAntiderivativeOfTheSurrogate} in {@link BpttGradientTest} ties
 * {@link Surrogate#smooth} to {@link Surrogate#derivative}; this test ties the pair to the papers.
 */
class SurrogateTest {
    /** Float evaluation of a handful of operations: a few ulps of values near 1. */
    private static final double TOL = 1e-6;

    /**
     * SuperSpike (Zenke and Ganguli 2018; snnTorch's {@code fast_sigmoid}, slope 25 by default):
     * {@code 1 / (1 + k|z|)^2}, 1 at the threshold and 1/4 where {@code k|z| = 1}, on both sides.
     */
    @Test
    void fastSigmoidIsSuperSpikesDerivative() {
        Surrogate s = Surrogate.FAST_SIGMOID;
        assertEquals(1.0, s.derivative(0f, 25f), TOL);
        assertEquals(0.25, s.derivative(0.04f, 25f), TOL);
        assertEquals(0.25, s.derivative(-0.04f, 25f), TOL);
        assertEquals(1.0 / 9, s.derivative(-0.2f, 10f), TOL);
    }

    /**
     * Fang et al. 2021 (SpikingJelly's and snnTorch's {@code ATan}, alpha 2 by default):
     * {@code (alpha / 2) / (1 + (pi alpha z / 2)^2)}, alpha / 2 at the threshold and half that
     * where {@code pi alpha |z| / 2 = 1}.
     */
    @Test
    void arctanIsFangsDerivative() {
        Surrogate s = Surrogate.ARCTAN;
        assertEquals(1.0, s.derivative(0f, 2f), TOL);
        assertEquals(0.5, s.derivative((float) (1 / Math.PI), 2f), TOL);
        assertEquals(0.5, s.derivative((float) (-1 / Math.PI), 2f), TOL);
        assertEquals(2.0, s.derivative(0f, 4f), TOL);
    }

    /** Esser et al. 2016: {@code k max(0, 1 - k|z|)}, a triangle of height k and half-width 1 / k. */
    @Test
    void triangleIsAPiecewiseLinearPeak() {
        Surrogate s = Surrogate.TRIANGLE;
        assertEquals(1.0, s.derivative(0f, 1f), TOL);
        assertEquals(0.75, s.derivative(0.25f, 1f), TOL);
        assertEquals(0.75, s.derivative(-0.25f, 1f), TOL);
        assertEquals(1.0, s.derivative(0.25f, 2f), TOL);
        assertEquals(0.0, s.derivative(0.6f, 2f), 0.0);
        assertEquals(0.0, s.derivative(-1.5f, 1f), 0.0);
    }

    /**
     * The area under the arctan and the triangle is 1, the height of the step: their antiderivatives
     * rise from 0 to 1. The fast sigmoid is not normalised (as in SuperSpike): its antiderivative
     * {@code z / (1 + k|z|)} rises by 2 / k. Far from the threshold (|z| = 1e4 / k) the two tails
     * left out add up to 4 / (pi^2 k |z|) ~ 4e-5 for the arctan and 2 / (k^2 |z|) = 2e-4 / k for the
     * fast sigmoid.
     */
    @Test
    void areasUnderTheSurrogatesAreTheStepHeightOrTwoOverTheSlope() {
        for (float k : new float[] {0.5f, 2f, 25f}) {
            float far = 1e4f / k;
            assertEquals(1.0, Surrogate.ARCTAN.smooth(far, k) - Surrogate.ARCTAN.smooth(-far, k), 5e-5, "arctan");
            assertEquals(1.0, Surrogate.TRIANGLE.smooth(1 / k, k) - Surrogate.TRIANGLE.smooth(-1 / k, k), TOL,
                    "triangle");
            assertEquals(1.0, Surrogate.TRIANGLE.smooth(far, k), 0.0, "triangle clamped above");
            assertEquals(0.0, Surrogate.TRIANGLE.smooth(-far, k), 0.0, "triangle clamped below");
            double rise = Surrogate.FAST_SIGMOID.smooth(far, k) - Surrogate.FAST_SIGMOID.smooth(-far, k);
            assertEquals(2 / k, rise, 3e-4 / k, "fast sigmoid");
        }
    }
}
