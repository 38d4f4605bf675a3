package org.engram.simulator.engine;

import java.util.Arrays;
import org.engram.simulator.random.RandomStreams;

/**
 * Inverse-transform sampling of a small discrete distribution from one 64-bit random number, with
 * a guide table (Chen and Asau 1974). The outcome of a uniform number {@code u} is the smallest
 * {@code k} with {@code u < P(X <= k)}. The top bits of the random number pick one of {@code 2^b}
 * equal buckets of [0, 1); a bucket that holds no cumulative probability inside it has one outcome
 * for all its numbers, which the table stores. Only the buckets that do (at most one per outcome,
 * among at least 64 buckets per outcome) compare {@code u} with the cumulative probabilities. So a
 * draw is a shift, a load and a branch that goes the same way almost always.
 */
final class GuideTable {
    /** Buckets per outcome at least: bounds the share of draws that need a comparison by 1/64. */
    private static final int BUCKETS_PER_OUTCOME = 64;

    /** {@code cumulative[k] = P(X <= k)}; the last is 1, so every {@code u < 1} finds an outcome. */
    private final double[] cumulative;
    /**
     * Per bucket: its outcome if it has one ({@code >= 0}), else {@code ~k} for its first candidate;
     * null for a table without a guide, which searches from 0.
     */
    private final int[] guide;
    /** {@code 64 - b}: shifting a random number right by it gives its bucket. */
    private final int shift;

    private GuideTable(double[] probabilities, boolean guided) {
        int n = probabilities.length;
        cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += probabilities[k];
            cumulative[k] = sum;
        }
        cumulative[n - 1] = 1.0;
        if (!guided) {
            guide = null;
            shift = 64;
            return;
        }
        int bits = Math.max(8, 64 - Long.numberOfLeadingZeros((long) BUCKETS_PER_OUTCOME * n - 1));
        shift = 64 - bits;
        guide = new int[1 << bits];
        double width = 1.0 / guide.length;
        int first = 0;
        for (int j = 0; j < guide.length; j++) {
            // The numbers of bucket j are the multiples of 2^-53 in [j w, (j + 1) w).
            first = search(first, j * width);
            int last = search(first, (j + 1) * width - 0x1.0p-53);
            guide[j] = first == last ? first : ~first;
        }
    }

    /** The outcome of {@code u}, searching from {@code k}, which must not lie past it. */
    private int search(int k, double u) {
        while (u >= cumulative[k]) {
            k++;
        }
        return k;
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
    static GuideTable poisson(double mean) {
        return poisson(mean, true);
    }

    /**
     * The table of the Poisson distribution with a mean, with or without its guide. Without it a
     * table holds only the cumulative probabilities (8 bytes per outcome, where the guide adds at
     * least 256) and bisects them, a logarithm of the outcomes' number in comparisons a draw; the
     * outcomes are the same, as the guide only shortens the search.
     *
     * @param mean   the mean, in {@code [0, MAX_POISSON_MEAN]}
     * @param guided whether to build the guide
     * @return the table
     */
    static GuideTable poisson(double mean, boolean guided) {
        if (!(mean >= 0 && mean <= MAX_POISSON_MEAN)) {
            throw new IllegalArgumentException("Poisson mean must be in [0, " + MAX_POISSON_MEAN + "], found " + mean);
        }
        if (mean == 0) {
            return new GuideTable(new double[] {1}, guided);
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
        return new GuideTable(probabilities, guided);
    }

    /**
     * Draws an outcome.
     *
     * @param random 64 uniformly random bits; the uniform number is
     *               {@link RandomStreams#toUnitDouble(long)} of them, whose bucket is their top bits
     * @return the outcome, in {@code [0, size())}
     */
    int sample(long random) {
        if (guide == null) {
            return bisect(RandomStreams.toUnitDouble(random));
        }
        int g = guide[(int) (random >>> shift)];
        if (g >= 0) {
            return g;
        }
        return search(~g, RandomStreams.toUnitDouble(random));
    }

    /** The smallest {@code k} with {@code u < P(X <= k)}, by bisection: what {@link #search} finds from 0. */
    private int bisect(double u) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (u < cumulative[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** @return whether the table has its guide */
    boolean guided() {
        return guide != null;
    }

    /**
     * The outcome of a uniform number by a plain search of the cumulative probabilities (for tests:
     * {@link #sample} must agree with it).
     *
     * @param u a number in [0, 1)
     * @return the smallest {@code k} with {@code u < P(X <= k)}
     */
    int outcomeOf(double u) {
        return search(0, u);
    }

    /** @return the number of outcomes */
    int size() {
        return cumulative.length;
    }

    /**
     * A cumulative probability as the table draws it (for tests).
     *
     * @param k an outcome
     * @return {@code P(X <= k)}
     */
    double cumulative(int k) {
        return cumulative[k];
    }

    /**
     * The probability of an outcome as the table draws it (for tests).
     *
     * @param k an outcome
     * @return its probability
     */
    double probability(int k) {
        return cumulative[k] - (k == 0 ? 0 : cumulative[k - 1]);
    }
}
