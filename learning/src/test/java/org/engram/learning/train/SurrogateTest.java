package org.engram.learning.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
     * Hand-worked values of the published forms, at points where they are simple numbers:
     * <pre>
     *   FAST_SIGMOID  1 / (1 + k|z|)^2           SuperSpike (Zenke and Ganguli 2018); snnTorch's fast_sigmoid,
     *                                            slope 25 by default: 1 at the threshold, 1/4 where k|z| = 1
     *   ARCTAN        (k/2) / (1 + (pi k z/2)^2)  Fang et al. 2021; SpikingJelly's and snnTorch's ATan, alpha 2
     *                                            by default: k/2 at the threshold, half that at pi k |z| / 2 = 1
     *   TRIANGLE      k max(0, 1 - k|z|)          Esser et al. 2016: height k, half-width 1/k
     * </pre>
     * 0.3183099 is 1 / pi in float.
     */
    @ParameterizedTest
    @CsvSource({
        "FAST_SIGMOID, 25, 0, 1", "FAST_SIGMOID, 25, 0.04, 0.25", "FAST_SIGMOID, 25, -0.04, 0.25",
        "FAST_SIGMOID, 10, -0.2, 0.1111111",
        "ARCTAN, 2, 0, 1", "ARCTAN, 2, 0.3183099, 0.5", "ARCTAN, 2, -0.3183099, 0.5", "ARCTAN, 4, 0, 2",
        "TRIANGLE, 1, 0, 1", "TRIANGLE, 1, 0.25, 0.75", "TRIANGLE, 1, -0.25, 0.75", "TRIANGLE, 2, 0.25, 1",
        "TRIANGLE, 2, 0.6, 0", "TRIANGLE, 1, -1.5, 0"})
    void derivativesAreThePublishedForms(Surrogate s, float k, float z, double expected) {
        assertEquals(expected, s.derivative(z, k), TOL, s + " at z = " + z + ", k = " + k);
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
