package org.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The range checks every parameter goes through (bounds, NaN and infinity), and an error placed at a list's entry. */
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

    /** An error placed at an entry of a list names the entry before its own hint and keeps its other parts. */
    @Test
    void anErrorAtAnEntryNamesItFirst() {
        ParameterException e = new ParameterException("projection 'p'", "delay", "a whole number of steps", 0.15,
                "round it", "dt");
        assertNull(e.entry());
        ParameterException at = e.atEntry("synapse 3 of the rule's list");
        assertEquals("projection 'p': delay: expected a whole number of steps, found 0.15; at synapse 3 of the"
                + " rule's list; round it", at.getMessage());
        assertEquals("synapse 3 of the rule's list", at.entry());
        assertEquals("dt", at.comparedWith());
        assertEquals(List.of("projection 'p'", "delay", "0.15"), List.of(at.source(), at.location(), at.found()));
        assertEquals("at synapse 0 of the matrix", new ParameterException("m", "w", "a weight", 1)
                .atEntry("synapse 0 of the matrix").hint(), "without a hint of its own, the entry is the hint");
    }
}
