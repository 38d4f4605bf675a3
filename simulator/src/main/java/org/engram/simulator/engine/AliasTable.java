package org.engram.simulator.engine;

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
     * The table of the Poisson distribution with a mean, cut where the remaining tail mass is
     * below {@code 1e-16}; the cut mass goes to the last outcome kept.
     *
     * @param mean the mean, {@code >= 0}
     * @return the table
     */
    static AliasTable poisson(double mean) {
        if (mean == 0) {
            return new AliasTable(new double[] {1});
        }
        java.util.List<Double> p = new java.util.ArrayList<>();
        double term = StrictMath.exp(-mean);
        double sum = 0;
        int k = 0;
        while (k <= mean || 1 - sum - term > 1e-16) {
            p.add(term);
            sum += term;
            k++;
            term *= mean / k;
        }
        double[] probabilities = new double[p.size()];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = p.get(i) / sum;
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
