package org.engram.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MetricFormatTest {
    /** The mean of 0.3, -0.1 and -0.2 in double is -9.3e-18 (it cancels to 0 in exact arithmetic). */
    @Test
    void aValueThatRoundsToZeroIsWrittenWithoutSign() {
        double cancelled = (0.3 + -0.1 + -0.2) / 3;
        assertEquals(-1, Math.signum(cancelled), "the case is a negative value, not zero");
        assertEquals("0.0", MetricFormat.format("%.1f", 100 * cancelled));
        assertEquals("0.0", MetricFormat.format("%.1f", -0.0));
        assertEquals("0.0 pp", MetricFormat.format("%+.1f pp", -0.0));
        assertEquals("0.0 pp", MetricFormat.format("%+.1f pp", 0.04));
        assertEquals("+0.1 pp", MetricFormat.format("%+.1f pp", 0.05));
        assertEquals("0.0%", MetricFormat.format("%.1f%%", -0.04));
        assertEquals("0", MetricFormat.format("%.0f", -0.3));
        assertEquals("0.00000", MetricFormat.format("%.6g", -0.0));
    }

    @Test
    void aNegativeValueThatShowsKeepsItsSign() {
        assertEquals("-0.1", MetricFormat.format("%.1f", -0.06));
        assertEquals("-12.3 pp", MetricFormat.format("%+.1f pp", -12.34));
        assertEquals("-1.00000e-18", MetricFormat.format("%.6g", -1e-18));
        assertEquals("0.1", MetricFormat.format("%.1f", 0.05));
    }

    @Test
    void onlyNegativeZeroIsReplacedInNumbers() {
        assertEquals(0x0L, Double.doubleToRawLongBits(MetricFormat.withoutNegativeZero(-0.0)));
        assertEquals(-1e-18, MetricFormat.withoutNegativeZero(-1e-18), 0);
        assertEquals(Double.NaN, MetricFormat.withoutNegativeZero(Double.NaN));
    }

    /** Durations and steps as a config would write them: neither rounded nor with a trailing .0. */
    @Test
    void asWrittenGivesTheShortestPlainDecimal() {
        assertEquals("10.25", MetricFormat.asWritten(10.25));
        assertEquals("1000", MetricFormat.asWritten(1000.0));
        assertEquals("0.4", MetricFormat.asWritten(0.4));
        assertEquals("0.0001", MetricFormat.asWritten(1e-4));
    }
}
