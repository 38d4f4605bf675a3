package org.engram.experiments.metrics;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;
import org.engram.simulator.ParameterException;

/**
 * Mean, sample standard deviation and Student-t confidence interval of one metric over seeds.
 *
 * <p>With {@code n} values, mean {@code m} and sample standard deviation
 * {@code s = sqrt(sum (x - m)^2 / (n - 1))}, the interval is
 * {@code m +- t_{(1+c)/2, n-1} s / sqrt(n)} for confidence level {@code c}. With one value the
 * standard deviation and interval are {@code NaN}.
 *
 * @param n          number of seeds
 * @param mean       mean of the values
 * @param sd         sample standard deviation (NaN if {@code n = 1})
 * @param halfWidth  half-width of the confidence interval (NaN if {@code n = 1})
 * @param confidence the confidence level, e.g. 0.95
 */
public record SeedSummary(int n, double mean, double sd, double halfWidth, double confidence) {
    /** The usual confidence level. */
    public static final double CONFIDENCE_95 = 0.95;

    /**
     * Summarises values at 95% confidence.
     *
     * @param values one value per seed, at least one, all finite
     * @return the summary
     */
    public static SeedSummary of(double[] values) {
        return of(values, CONFIDENCE_95);
    }

    /**
     * Summarises values at a given confidence.
     *
     * @param values     one value per seed, at least one, all finite
     * @param confidence confidence level in (0, 1)
     * @return the summary
     */
    public static SeedSummary of(double[] values, double confidence) {
        int n = values.length;
        if (n == 0) {
            throw new ParameterException("seed summary", "values", "at least one value", "none");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new ParameterException("seed summary", "confidence", "a level in (0, 1)", confidence);
        }
        for (int i = 0; i < n; i++) {
            ParameterException.requireFinite("seed summary", "values[" + i + "]", values[i], "metric units");
        }
        double[] ascending = values.clone();
        Arrays.sort(ascending);
        double mean = meanOfAscending(ascending);
        if (n == 1) {
            return new SeedSummary(1, mean, Double.NaN, Double.NaN, confidence);
        }
        double ss = 0;
        for (double v : ascending) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability((1 + confidence) / 2);
        return new SeedSummary(n, mean, sd, t * sd / Math.sqrt(n), confidence);
    }

    /**
     * The mean of one value per seed as every mean over seeds is taken: summed in ascending order,
     * so the same whatever order the seeds were listed or pooled in (a floating-point sum depends
     * on its order, in the last bit), then divided by the count (runs that all score 1 give exactly 1).
     *
     * @param values one value per seed, at least one; not changed
     * @return the mean
     */
    public static double mean(double[] values) {
        double[] ascending = values.clone();
        Arrays.sort(ascending);
        return meanOfAscending(ascending);
    }

    private static double meanOfAscending(double[] ascending) {
        double sum = 0;
        for (double v : ascending) {
            sum += v;
        }
        return sum / ascending.length;
    }

    /** {@return lower end of the confidence interval} */
    public double low() {
        return mean - halfWidth;
    }

    /** {@return upper end of the confidence interval} */
    public double high() {
        return mean + halfWidth;
    }
}
