package org.engram.simulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExponentialCurrentTest {
    private static final double TAU_M = 10;
    private static final double C_M = 250;

    @Test
    void matchesDirectFormulaForDistinctTimeConstants() {
        for (double tauS : new double[] {0.5, 2, 5, 30}) {
            ExponentialCurrent current = new ExponentialCurrent(TAU_M, tauS, C_M);
            for (double h : new double[] {0.01, 0.1, 1, 10, 100}) {
                double direct = (Math.exp(-h / TAU_M) - Math.exp(-h / tauS)) / (C_M * (1 / tauS - 1 / TAU_M));
                // With these well-separated time constants the difference of exponentials is at least 3e-4 of each
                // term, so the direct form loses at most 4 of 16 digits: 1e-12 relative covers it.
                assertEquals(direct, current.toVoltage(h), 1e-12 * direct, "tau_s = " + tauS + ", h = " + h);
                assertEquals(Math.exp(-h / tauS), current.decay(h), 1e-15);
            }
        }
    }

    @Test
    void agreesWithTaylorSeriesOnBothSidesOfTheSeriesSwitch() {
        double h = 0.1;
        // g h = 0.1 |10 - tau_s| / (10 tau_s) ~ 1e-3 |10 - tau_s|: these gaps put g h at 0.5, 0.99, 1.01, 2 and
        // 100 times the switch point 1e-8.
        for (double gap : new double[] {5e-6, 9.9e-6, 1.01e-5, 2e-5, 1e-3}) {
            for (double tauS : new double[] {TAU_M + gap, TAU_M - gap}) {
                double g = Math.abs(TAU_M - tauS) / (TAU_M * tauS);
                double x = g * h;
                // (1 - exp(-x)) / x = sum_k (-x)^k / (k + 1)!; five terms leave an error below x^5 / 720 < 1e-17.
                double series = 1 - x / 2 + x * x / 6 - x * x * x / 24 + x * x * x * x / 120;
                double reference = Math.exp(-h * Math.min(1 / TAU_M, 1 / tauS)) * h * series / C_M;
                // expm1 and the division are correct to an ulp each, g to two: 1e-14 relative is ~50 ulps.
                assertEquals(reference, new ExponentialCurrent(TAU_M, tauS, C_M).toVoltage(h), 1e-14 * reference,
                        "tau_s = " + tauS);
            }
        }
    }

    /**
     * At {@code g h} exactly {@link ExponentialCurrent#SERIES_LIMIT}, where the choice of form flips, the
     * propagator still follows the Taylor reference: both forms give it there, and the value must come whole
     * from one of them. The time is the one whose product with {@code g} rounds to the switch point.
     */
    @Test
    void agreesWithTaylorSeriesExactlyAtTheSeriesSwitch() {
        for (double tauS : new double[] {TAU_M + 1e-5, TAU_M - 1e-5, TAU_M + 3e-4}) {
            double g = Math.abs(TAU_M - tauS) / (TAU_M * tauS);
            double h = atSwitch(g);
            double x = ExponentialCurrent.SERIES_LIMIT;
            // (1 - exp(-x)) / x to its second term; the third, x^2 / 6, is below 2e-17.
            double reference = Math.exp(-h * Math.min(1 / TAU_M, 1 / tauS)) * h * (1 - x / 2) / C_M;
            assertEquals(reference, new ExponentialCurrent(TAU_M, tauS, C_M).toVoltage(h), 1e-14 * reference,
                    "tau_s = " + tauS);
        }
    }

    /** The time {@code h} near {@code SERIES_LIMIT / g} with {@code g h == SERIES_LIMIT} in doubles. */
    private static double atSwitch(double g) {
        double h = ExponentialCurrent.SERIES_LIMIT / g;
        for (double candidate : new double[] {h, Math.nextUp(h), Math.nextDown(h)}) {
            if (g * candidate == ExponentialCurrent.SERIES_LIMIT) {
                return candidate;
            }
        }
        throw new AssertionError("no time puts g h at the switch for g = " + g);
    }

    @Test
    void singularCaseIsTheLimit() {
        for (double h : new double[] {0.1, 1, 25}) {
            // P21 -> h / C exp(-h / tau) as tau_s -> tau_m.
            double limit = h / C_M * Math.exp(-h / TAU_M);
            assertEquals(limit, new ExponentialCurrent(TAU_M, TAU_M, C_M).toVoltage(h), 1e-15 * limit);
        }
    }
}
