package org.engram.simulator.random;

import java.util.Locale;
import org.apache.commons.math3.distribution.RealDistribution;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;

/**
 * A distribution restricted to {@code [lower, upper]} by drawing again: a draw outside the bounds
 * is discarded and the next one taken, so the samples follow the base distribution conditioned on
 * the interval. The usual way to keep drawn weights of one sign ({@code normal(0.5, 0.2)} from 0
 * up) or drawn delays of at least one step, which the network builder would otherwise refuse at
 * the first draw past them.
 *
 * <p>Draws come from the base distribution's generator, which {@link #reseedRandomGenerator}
 * reseeds: the network builder's streams per neuron stay deterministic, a rejected draw taking the
 * next number of the same stream.
 */
public final class TruncatedDistribution extends DerivedDistribution {
    private static final long serialVersionUID = 1L;
    private static final String OWNER = "truncated distribution";
    /** The least probability the interval may hold: below it, most draws would be thrown away. */
    private static final double MIN_MASS = 1e-3;
    /** Draws per sample before giving up, far beyond what {@code MIN_MASS} needs (1,000 on average). */
    private static final int MAX_DRAWS = 1_000_000;

    /** The least value drawn, or -infinity. */
    private final double lower;
    /** The largest value drawn, or +infinity. */
    private final double upper;
    /** The base distribution's probability in {@code [lower, upper]}. */
    private final double mass;
    /** The base distribution's probability below {@code lower}, its point mass at {@code lower} excluded. */
    private final double massBelow;

    /**
     * The base distribution restricted to {@code [lower, upper]}.
     *
     * @param base  the distribution to restrict
     * @param lower the least value, or {@code -Infinity}
     * @param upper the largest value, or {@code Infinity}
     * @throws ParameterException if a bound is NaN, {@code lower >= upper}, or the base distribution
     *                            puts less than 0.1% of its probability in the interval
     */
    public TruncatedDistribution(RealDistribution base, double lower, double upper) {
        super(OWNER, base, "a distribution to restrict");
        if (Double.isNaN(lower) || Double.isNaN(upper) || !(lower < upper)) {
            throw new ParameterException(OWNER, "min, max", "bounds with min < max", lower + ", " + upper);
        }
        this.lower = lower;
        this.upper = upper;
        // P(X < lower): the interval is closed, so a point mass at lower (a discrete base's) belongs to it.
        this.massBelow = lower == Double.NEGATIVE_INFINITY ? 0
                : base.cumulativeProbability(lower) - base.probability(lower);
        this.mass = (upper == Double.POSITIVE_INFINITY ? 1 : base.cumulativeProbability(upper)) - massBelow;
        if (!(mass >= MIN_MASS)) {
            throw new ParameterException(OWNER, "min, max", "an interval that holds at least " + MIN_MASS
                    + " of the distribution's probability (most draws would be thrown away)",
                    "[" + lower + ", " + upper + "], holding " + String.format(Locale.ROOT, "%.3g", mass));
        }
    }

    /** Draws from the base distribution until a value falls in the interval. */
    @Override
    public double sample() {
        for (int k = 0; k < MAX_DRAWS; k++) {
            double x = base.sample();
            if (x >= lower && x <= upper) {
                return x;
            }
        }
        // Not expected: the interval holds at least MIN_MASS of the probability.
        throw new EngramException(OWNER, "sample", "a draw in [" + lower + ", " + upper + "]",
                "none in " + MAX_DRAWS + " draws", null);
    }

    @Override
    public double density(double x) {
        return x < lower || x > upper ? 0 : base.density(x) / mass;
    }

    @Override
    public double cumulativeProbability(double x) {
        if (x < lower) {
            return 0;
        }
        if (x >= upper) {
            return 1;
        }
        return (base.cumulativeProbability(x) - massBelow) / mass;
    }

    /** @return NaN: the mean of the restricted distribution is not computed */
    @Override
    public double getNumericalMean() {
        return Double.NaN;
    }

    /** @return NaN: the variance of the restricted distribution is not computed */
    @Override
    public double getNumericalVariance() {
        return Double.NaN;
    }

    @Override
    public double getSupportLowerBound() {
        return Math.max(lower, base.getSupportLowerBound());
    }

    @Override
    public double getSupportUpperBound() {
        return Math.min(upper, base.getSupportUpperBound());
    }
}
