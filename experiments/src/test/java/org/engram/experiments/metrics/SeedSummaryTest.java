package org.engram.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

class SeedSummaryTest {
    @Test
    void twoSeedsUseTheCauchyQuantile() {
        // {1, 3}: mean 2, s = sqrt((1 + 1) / 1) = sqrt(2). Student t with 1 degree of freedom is the
        // Cauchy distribution, quantile tan(pi (p - 1/2)); p = 0.975: tan(0.475 pi) = 12.7062047...
        // half-width = 12.7062 * sqrt(2) / sqrt(2). The inverse CDF is solved to 1e-9 absolute.
        SeedSummary s = SeedSummary.of(new double[] {1, 3});
        assertEquals(2, s.mean(), 1e-15);
        assertEquals(Math.sqrt(2), s.sd(), 1e-15);
        assertEquals(Math.tan(0.475 * Math.PI), s.halfWidth(), 1e-7);
    }

    @Test
    void threeSeedsUseTheClosedFormForTwoDegreesOfFreedom() {
        // {1, 2, 3}: mean 2, s = 1. For 2 degrees of freedom t_p = (2p - 1) / sqrt(2 p (1 - p));
        // p = 0.975: 0.95 / sqrt(0.04875) = 4.30265...; half-width = 4.30265 / sqrt(3) = 2.48414...
        SeedSummary s = SeedSummary.of(new double[] {3, 1, 2});
        double t = 0.95 / Math.sqrt(2 * 0.975 * 0.025);
        assertEquals(1, s.sd(), 1e-15);
        assertEquals(t / Math.sqrt(3), s.halfWidth(), 1e-8);
        assertEquals(2 - t / Math.sqrt(3), s.low(), 1e-8);
        assertEquals(2 + t / Math.sqrt(3), s.high(), 1e-8);
    }

    @Test
    void anotherConfidenceUsesItsOwnQuantile() {
        // {1, 2, 3} at 90%: t_{(1 + 0.9)/2, 2} = t_{0.95, 2} = (2p - 1) / sqrt(2 p (1 - p)) with p = 0.95,
        // 0.9 / sqrt(0.095) = 2.91999 (tables: 2.920); s = 1, half-width 2.91999 / sqrt(3). The inverse CDF is
        // solved to about 1e-9, as in the test above.
        SeedSummary s = SeedSummary.of(new double[] {1, 2, 3}, 0.90);
        double t = 0.9 / Math.sqrt(2 * 0.95 * 0.05);
        assertEquals(t / Math.sqrt(3), s.halfWidth(), 1e-8);
        assertEquals(0.90, s.confidence(), 0);
    }

    @Test
    void fiveSeedsMatchTableValue() {
        // {0.70, 0.72, 0.68, 0.75, 0.65}: mean 3.5 / 5 = 0.70; squared deviations
        // 0 + 0.0004 + 0.0004 + 0.0025 + 0.0025 = 0.0058; s^2 = 0.0058 / 4 = 0.00145, s = 0.0380789.
        // Table: t_{0.975, 4} = 2.776 (4 digits); half-width = 2.776 * 0.0380789 / sqrt(5) = 0.047274.
        // The table's rounding (|2.776 - 2.7764451| = 4.5e-4) moves the half-width by 8e-6 < 2e-5.
        SeedSummary s = SeedSummary.of(new double[] {0.70, 0.72, 0.68, 0.75, 0.65});
        assertEquals(0.70, s.mean(), 1e-12);
        assertEquals(Math.sqrt(0.00145), s.sd(), 1e-12);
        assertEquals(0.047274, s.halfWidth(), 2e-5);
        assertEquals(5, s.n());
    }

    /**
     * The seeds' order does not move the last bit: -0.1111... summed as 3,1,2 and as 1,2,3 had
     * given means one ulp apart, so a run listing its seeds otherwise, or a comparison pooling runs
     * in another order, wrote other numbers.
     */
    @Test
    void theOrderOfTheSeedsMovesNoBit() {
        double[] values = {0.1, 0.2, 0.3, -0.7, 1e-17, 0.30000000000000004};
        double plain = 0;
        for (double v : values) {
            plain += v;
        }
        double reversed = 0;
        for (int i = values.length - 1; i >= 0; i--) {
            reversed += values[i];
        }
        assertTrue(plain != reversed, "values whose sum depends on its order");
        SeedSummary first = SeedSummary.of(values);
        List<double[]> orders = List.of(new double[] {0.30000000000000004, 1e-17, -0.7, 0.3, 0.2,
                0.1}, new double[] {-0.7, 0.3, 0.1, 1e-17, 0.30000000000000004, 0.2});
        for (double[] other : orders) {
            SeedSummary s = SeedSummary.of(other);
            assertEquals(first.mean(), s.mean(), 0.0);
            assertEquals(first.sd(), s.sd(), 0.0);
            assertEquals(first.halfWidth(), s.halfWidth(), 0.0);
        }
    }

    @Test
    void oneSeedHasNoSpreadAndBadInputIsRejected() {
        SeedSummary s = SeedSummary.of(new double[] {0.8});
        assertEquals(0.8, s.mean());
        assertTrue(Double.isNaN(s.sd()));
        assertTrue(Double.isNaN(s.halfWidth()));
        assertThrows(ParameterException.class, () -> SeedSummary.of(new double[0]));
        assertThrows(ParameterException.class, () -> SeedSummary.of(new double[] {1, Double.NaN}));
        assertThrows(ParameterException.class, () -> SeedSummary.of(new double[] {1, 2}, 1.0));
    }

    /**
     * The static mean, as a comparison pools seeds, is summed in ascending order as well: two orders
     * whose plain sums differ in the last bit give one mean, that of the summary, and the array is not
     * sorted in place.
     */
    @Test
    void theStaticMeanIgnoresTheOrderAndLeavesTheValues() {
        double[] values = {0.1, 0.2, 0.3, -0.7, 1e-17, 0.30000000000000004};
        double[] other = {-0.7, 0.3, 0.1, 1e-17, 0.30000000000000004, 0.2};
        double plain = 0;
        for (double v : other) {
            plain += v;
        }
        assertTrue(plain / other.length != SeedSummary.of(values).mean(), "an order whose plain mean differs");
        assertEquals(SeedSummary.of(values).mean(), SeedSummary.mean(other), 0.0);
        assertEquals(SeedSummary.mean(values), SeedSummary.mean(other), 0.0);
        assertEquals(-0.7, other[0], 0.0);
    }

    /**
     * Seeds that differ by 1e-9 (0.7, 0.7 + 1e-9, 0.7 + 2e-9): s = 1e-9, the scale at which paired
     * differences count as the same for every seed. The doubles' spacing near 0.7 is 1.1e-16, so each
     * step of 1e-9 is exact to 2e-7 of itself and s to 1e-15 absolute. Summing squared deviations
     * keeps that; summing v^2 - m^2 (equal in exact arithmetic) would lose it to rounding of v^2 near 0.49.
     */
    @Test
    void nearlyEqualValuesKeepTheirStandardDeviation() {
        SeedSummary s = SeedSummary.of(new double[] {0.7, 0.7 + 1e-9, 0.7 + 2e-9});
        assertEquals(1e-9, s.sd(), 1e-15);
    }

    @Test
    void aConfidenceOfZeroIsRejected() {
        assertThrows(ParameterException.class, () -> SeedSummary.of(new double[] {1, 2}, 0.0));
    }
}
