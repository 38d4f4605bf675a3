package org.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The range checks every parameter goes through: bounds, NaN and infinity. */
class ParameterExceptionTest {
    @Test
    void positiveMeansFiniteAndAboveZero() {
        assertEquals(0.5, ParameterException.requirePositive("m", "tau", 0.5, "ms"));
        assertEquals(Double.MAX_VALUE, ParameterException.requirePositive("m", "tau", Double.MAX_VALUE, "ms"));
        for (double bad : new double[] {0, -0.0, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> ParameterException.requirePositive("m", "tau", bad, "ms"));
            assertEquals("tau", e.location(), e.getMessage());
            assertTrue(e.getMessage().contains("a finite number > 0 (ms)")
                    && e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
        }
    }

    @Test
    void nonNegativeMeansFiniteAndAtLeastZero() {
        assertEquals(0.0, ParameterException.requireNonNegative("m", "rate", 0, "Hz"));
        for (double bad : new double[] {-1e-300, Double.NaN, Double.POSITIVE_INFINITY}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> ParameterException.requireNonNegative("m", "rate", bad, "Hz"));
            assertTrue(e.getMessage().contains("a finite number >= 0 (Hz)"), e.getMessage());
        }
    }

    @Test
    void finiteMeansNeitherNanNorInfinite() {
        assertEquals(-70.5, ParameterException.requireFinite("m", "v", -70.5, "mV"));
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> ParameterException.requireFinite("m", "v", bad, "mV"));
            assertEquals("m: v: expected a finite number (mV), found " + bad, e.getMessage());
        }
    }
}
