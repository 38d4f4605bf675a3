package org.engram.simulator.engine;

import java.util.Arrays;

/**
 * Walker's alias table for sampling a small discrete distribution in constant time from one
 * uniform number: bucket {@code j = floor(u n)} returns {@code j} when the fractional part of
 * {@code u n} is below {@code keep[j]}, else {@code alias[j]}.
 *
 * <p>Built with Vose's (1991) stable construction, deterministically (same table on every run).
 */
final class AliasTable {
    private final double[] keep;
    private final int[] alias;
    private final int n;

    private AliasTable(double[] probabilities) {
        n = probabilities.length;
        keep = new double[n];
        alias = new int[n];
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int smallCount = 0;
        int largeCount = 0;
        for (int k = 0; k < n; k++) {
            scaled[k] = probabilities[k] * n;
            if (scaled[k] < 1) {
                small[smallCount++] = k;
            } else {
                large[largeCount++] = k;
            }
        }
        while (smallCount > 0 && largeCount > 0) {
            int s = small[--smallCount];
            int l = large[--largeCount];
            keep[s] = scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            if (scaled[l] < 1) {
                small[smallCount++] = l;
            } else {
                large[largeCount++] = l;
            }
        }
        // Leftovers are 1 up to rounding: they keep their own outcome.
        while (largeCount > 0) {
            int l = large[--largeCount];
            keep[l] = 1;
            alias[l] = l;
        }
        while (smallCount > 0) {
            int s = small[--smallCount];
            keep[s] = 1;
            alias[s] = s;
        }
    }

    /**
     * The largest mean {@link #poisson} accepts: {@code exp(-700)} is still a normal double, so
     * the first term of the recurrence does not underflow.
     */
    static final double MAX_POISSON_MEAN = 700;
    /** Tail mass below which {@link #poisson} stops: below the resolution of a double near 1. */
    private static final double TAIL_CUT = 1e-16;

    /**
     * The table of the Poisson distribution with a mean, cut past the mode where a bound on the
     * remaining tail mass falls below {@code 1e-16}; the kept terms are renormalised.
     *
     * <p>The bound: past the mode the terms fall at least geometrically, {@code p_(j+1) / p_j =
     * mean / (j + 1)}, so the tail from term {@code k} on is at most {@code p_k / (1 - mean / (k + 1))}.
     * It is computed from the terms alone; a test on {@code 1 - sum} would compare rounding noise of
     * the size of the cut with the cut, and never end for many means.
     *
     * @param mean the mean, in {@code [0, MAX_POISSON_MEAN]}
     * @return the table
     */
    static AliasTable poisson(double mean) {
        if (!(mean >= 0 && mean <= MAX_POISSON_MEAN)) {
            throw new IllegalArgumentException("Poisson mean must be in [0, " + MAX_POISSON_MEAN + "], found " + mean);
        }
        if (mean == 0) {
            return new AliasTable(new double[] {1});
        }
        double[] p = new double[16];
        double term = StrictMath.exp(-mean);
        double sum = 0;
        int k = 0;
        while (k <= mean || term > TAIL_CUT * (1 - mean / (k + 1))) {
            if (k == p.length) {
                p = Arrays.copyOf(p, 2 * k);
            }
            p[k] = term;
            sum += term;
            k++;
            term *= mean / k;
        }
        double[] probabilities = new double[k];
        for (int i = 0; i < k; i++) {
            probabilities[i] = p[i] / sum;
        }
        return new AliasTable(probabilities);
    }

    /**
     * Draws an outcome.
     *
     * @param u a uniform number in [0, 1)
     * @return the outcome, in {@code [0, n)}
     */
    int sample(double u) {
        double x = u * n;
        int j = (int) x;
        return x - j < keep[j] ? j : alias[j];
    }

    /** @return the number of outcomes */
    int size() {
        return n;
    }

    /**
     * The probability of an outcome implied by the table (for tests).
     *
     * @param k an outcome
     * @return its probability
     */
    double probability(int k) {
        double p = keep[k];
        for (int j = 0; j < n; j++) {
            if (alias[j] == k && j != k) {
                p += 1 - keep[j];
            }
        }
        return p / n;
    }
}
