package org.engram.simulator.random;

import org.apache.commons.math3.distribution.AbstractRealDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.engram.simulator.ParameterException;

/**
 * A distribution made from another one, whose generator it draws from: reseeding it reseeds the
 * base, so the network builder's streams per neuron stay deterministic.
 */
abstract class DerivedDistribution extends AbstractRealDistribution {
    private static final long serialVersionUID = 1L;

    /** The distribution this one is made from. */
    final RealDistribution base;

    DerivedDistribution(String owner, RealDistribution base, String expected) {
        super(null);
        this.base = ParameterException.requireNonNull(owner, "base", base, expected);
    }

    @Override
    public final void reseedRandomGenerator(long seed) {
        base.reseedRandomGenerator(seed);
    }

    /** @deprecated as in commons-math3, whose interface still declares it */
    @Deprecated
    @Override
    public final boolean isSupportLowerBoundInclusive() {
        return true;
    }

    /** @deprecated as in commons-math3, whose interface still declares it */
    @Deprecated
    @Override
    public final boolean isSupportUpperBoundInclusive() {
        return true;
    }

    @Override
    public final boolean isSupportConnected() {
        return base.isSupportConnected();
    }
}
