package org.engram.simulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The threshold search against closed forms: the relaxation of a neuron without synaptic current
 * (as a delta-synapse neuron between inputs) crosses at {@code tau_m ln((u_inf - u0) / (u_inf - theta))},
 * and the response to one exponential current peaks at a time known in closed form.
 */
class CrossingSearchTest {
    private static final double TAU_M = 10;
    private static final double TAU_S = 2;
    private static final double R = TAU_M / 250;

    /**
     * A search whose synaptic part is one exponential current {@code a exp(-s / tau_s)} and its
     * response from rest, {@code u_syn(s) = R a tau_s / (tau_s - tau_m) (exp(-s / tau_s) - exp(-s / tau_m))},
     * the solution of {@code tau_m u' = R a exp(-s / tau_s) - u}, {@code u(0) = 0}; it counts the
     * values the search asks for.
     */
    private static final class OneCurrent extends CrossingSearch {
        int evaluations;

        OneCurrent(double theta) {
            super(theta, TAU_M, R, TAU_S);
        }

        @Override
        double synapticPotential(double s, double a, double bEx, double aIn, double bIn) {
            return response(a, s);
        }

        @Override
        double synapticCurrent(double s, double a, double bEx, double aIn, double bIn) {
            return a * Math.exp(-s / TAU_S);
        }

        @Override
        double evaluate(int function, double s, double u0, double bias, double aEx, double bEx, double aIn,
                        double bIn) {
            evaluations++;
            return super.evaluate(function, s, u0, bias, aEx, bEx, aIn, bIn);
        }
    }

    private static double response(double a, double s) {
        return R * a * TAU_S / (TAU_S - TAU_M) * (Math.exp(-s / TAU_S) - Math.exp(-s / TAU_M));
    }

    /** The first root of {@code response(a, s) - theta} in {@code [lo, hi]} by bisection down to adjacent doubles. */
    private static double bisect(double a, double theta, double lo, double hi) {
        while (Math.nextUp(lo) < hi) {
            double mid = 0.5 * (lo + hi);
            if (response(a, mid) >= theta) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    @Test
    void relaxationCrossesAtTheClosedFormTime() {
        double bias = 600;   // u_inf = R bias = 24 mV
        double theta = 15;
        for (double u0 : new double[] {-10, 0, 14}) {
            OneCurrent search = new OneCurrent(theta);
            double expected = TAU_M * Math.log((24 - u0) / (24 - theta));
            double crossing = search.firstCrossing(0, 20, u0, bias, 0, 0, 0, 0);
            // The search stops within 1e-13 ms; the closed form is good to a few ulps of its ~10 ms.
            assertEquals(expected, crossing, 2e-13, "u0 = " + u0);
            assertTrue(search.potential(crossing, u0, bias, 0, 0, 0, 0) >= theta, "at or above threshold");
            // Illinois converges superlinearly: bisection alone would take log2(20 / 1e-13) = 48 halvings
            // to narrow [0, 20] to the tolerance; these roots take about 10 values.
            assertTrue(search.evaluations <= 20, search.evaluations + " values for u0 = " + u0);
        }
    }

    @Test
    void relaxationBelowThresholdHasNoCrossing() {
        // u_inf = 24 mV, threshold 25 mV: never reached, however long the interval.
        assertEquals(Double.NaN, new OneCurrent(25).firstCrossing(0, 1000, 0, 600, 0, 0, 0, 0));
    }

    /**
     * The threshold is set to the potential that the search computes at the interval's end, so the
     * crossing lies exactly there: at or above threshold counts, in each part of the search.
     */
    @Test
    void crossingExactlyAtTheEndOfTheIntervalIsFound() {
        double bias = 600;
        double end = 7.5;
        double theta = new OneCurrent(0).potential(end, 0, bias, 0, 0, 0, 0);
        assertEquals(TAU_M * Math.log(24 / (24 - theta)), end, 1e-12, "the closed form agrees");
        OneCurrent search = new OneCurrent(theta);
        assertEquals(end, search.firstCrossing(0, end, 0, bias, 0, 0, 0, 0), 1e-13);
        assertEquals(end, search.settledCrossing(2, end, 0, bias, 0, 0, 0, 0), 1e-13);
        assertFalse(search.staysBelow(0, R * bias, end), "the relaxation toward R I reaches threshold at the end");
    }

    @Test
    void settledTailCrossesAtTheClosedFormTime() {
        double theta = 15;
        OneCurrent search = new OneCurrent(theta);
        double expected = TAU_M * Math.log(24 / (24 - theta));
        assertEquals(expected, search.settledCrossing(5, 20, 0, 600, 0, 0, 0, 0), 2e-13);
        assertEquals(Double.NaN, search.settledCrossing(5, 9, 0, 600, 0, 0, 0, 0), "below threshold at the end");
        assertEquals(Double.NaN, search.settledCrossing(9, 9, 0, 600, 0, 0, 0, 0), "an empty tail");
    }

    /**
     * One current of 1000 pA from rest: {@code u} peaks at {@code t* = tau_s tau_m / (tau_m - tau_s)
     * ln(tau_m / tau_s) = 2.5 ln 5 ms}, about 5.35 mV, and falls back to rest; a threshold 1e-10 of the
     * peak below it is crossed shortly before the peak, one above it never.
     */
    @Test
    void grazingMaximumIsCrossedOnlyFromBelow() {
        double a = 1000;
        double peakTime = TAU_S * TAU_M / (TAU_M - TAU_S) * Math.log(TAU_M / TAU_S);
        double peak = response(a, peakTime);
        double theta = peak * (1 - 1e-10);
        OneCurrent search = new OneCurrent(theta);
        double crossing = search.firstCrossing(0, 30, 0, 0, a, 0, 0, 0);
        // u'' at the peak is -u_max / (tau_s tau_m) (u' = 0 there), so the crossing lies about
        // sqrt(2e-10 tau_s tau_m) = 6e-5 ms before it; a rounding of u by 1e-15 mV moves the root by
        // 1e-15 / (u'' 6e-5) = 6e-11 ms at most, the search's tolerance is 1e-13 ms.
        double expected = bisect(a, theta, 0, peakTime);
        assertEquals(expected, crossing, 1e-10);
        assertTrue(peakTime - crossing > 1e-5, "before the peak: " + (peakTime - crossing));
        assertEquals(Double.NaN, new OneCurrent(peak * (1 + 1e-10)).firstCrossing(0, 30, 0, 0, a, 0, 0, 0));
        // Two roots, the peak's in [0, 30] and the crossing's before it: bisection would take
        // log2(30 / 1e-13) = 48 halvings for each; the search takes about half as many values in all.
        assertTrue(search.evaluations <= 2 * 48, search.evaluations + " values");
    }

    /**
     * A maximum that touches the threshold exactly, as the search computes the potential at the peak
     * it locates, is a crossing: at or above threshold fires. Around the peak {@code u} is flat to
     * rounding (1e-15 mV) over sqrt(2e-15 tau_s tau_m / u_max) = 9e-8 ms, so the crossing is found
     * within 1e-6 ms of the closed-form peak time.
     */
    @Test
    void maximumExactlyAtThresholdIsACrossing() {
        double a = 1000;
        OneCurrent probe = new OneCurrent(0);
        double located = probe.root(CrossingSearch.SLOPE, 0, 30, 0, 0, a, 0, 0, 0);
        double theta = probe.potential(located, 0, 0, a, 0, 0, 0);
        double peakTime = TAU_S * TAU_M / (TAU_M - TAU_S) * Math.log(TAU_M / TAU_S);
        assertEquals(peakTime, new OneCurrent(theta).firstCrossing(0, 30, 0, 0, a, 0, 0, 0), 1e-6);
    }

    @Test
    void slopeIsTheDerivativeOfThePotential() {
        OneCurrent search = new OneCurrent(15);
        double h = 1e-5;
        for (double s : new double[] {0.5, 3, 12}) {
            double central = (search.potential(s + h, -5, 300, 800, 0, 0, 0)
                    - search.potential(s - h, -5, 300, 800, 0, 0, 0)) / (2 * h);
            // Truncation h^2 u''' / 6 is below 1e-10 mV/ms; rounding of u (1e-15 mV) / h gives 1e-10.
            assertEquals(central, search.slope(s, -5, 300, 800, 0, 0, 0), 1e-8, "s = " + s);
        }
    }

    /**
     * From {@code u0 = 5} mV under a drive of 20 mV the relaxation reaches a threshold of 10 mV at
     * {@code tau_m ln(15 / 10)}: the bound excludes a crossing before that time and no later.
     */
    @Test
    void staysBelowUntilTheRelaxationTowardTheDriveReachesThreshold() {
        OneCurrent search = new OneCurrent(10);
        double reach = TAU_M * Math.log(15.0 / 10.0);
        assertTrue(search.staysBelow(5, 20, reach * (1 - 1e-9)));
        assertFalse(search.staysBelow(5, 20, reach * (1 + 1e-9)));
        assertTrue(search.staysBelow(5, 4, 1e6), "a drive below the start");
    }
}
