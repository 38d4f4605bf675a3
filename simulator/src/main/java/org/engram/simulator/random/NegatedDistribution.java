package org.engram.simulator.random;

import org.apache.commons.math3.distribution.RealDistribution;
import org.engram.simulator.ParameterException;

/**
 * The distribution of {@code -X} for a distribution of {@code X}: inhibitory weights whose
 * magnitudes follow a distribution of positive values (lognormal, exponential), which an
 * inhibitory projection, whose weights are {@code <= 0}, could not take as it is.
 *
 * <p>Draws come from the base distribution's generator, which {@link #reseedRandomGenerator}
 * reseeds, one draw of it per sample.
 */
public final class NegatedDistribution extends DerivedDistribution {
    private static final long serialVersionUID = 1L;

    /**
     * The distribution of {@code -X}.
     *
     * @param base the distribution of {@code X}
     * @throws ParameterException if it is null
     */
    public NegatedDistribution(RealDistribution base) {
        super("negated distribution", base, "a distribution to negate");
    }

    @Override
    public double sample() {
        return -base.sample();
    }

    @Override
    public double density(double x) {
        return base.density(-x);
    }

    /** {@code P(-X = x) = P(X = -x)}: zero for a continuous base. */
    @Override
    public double probability(double x) {
        return base.probability(-x);
    }

    /**
     * {@code P(-X <= x) = P(X >= -x) = 1 - F(-x) + P(X = -x)}: the last term counts a base's point
     * mass at {@code -x} (a discrete one), which {@code 1 - F(-x)} alone left out.
     */
    @Override
    public double cumulativeProbability(double x) {
        return 1 - base.cumulativeProbability(-x) + base.probability(-x);
    }

    /**
     * The quantile {@code -F_X^-1(1 - p)}, from the base's own inverse rather than a numerical
     * search; exact for a continuous base (those of Engram's configs), not at a discrete one's jumps.
     */
    @Override
    public double inverseCumulativeProbability(double p) {
        return -base.inverseCumulativeProbability(1 - p);
    }

    @Override
    public double getNumericalMean() {
        return -base.getNumericalMean();
    }

    @Override
    public double getNumericalVariance() {
        return base.getNumericalVariance();
    }

    @Override
    public double getSupportLowerBound() {
        return -base.getSupportUpperBound();
    }

    @Override
    public double getSupportUpperBound() {
        return -base.getSupportLowerBound();
    }
}
