package org.engram.learning.plasticity;

/** How the size of a weight change depends on the weight. */
public enum WeightDependence {
    /** Changes do not depend on the weight (hard bounds only). */
    ADDITIVE,
    /**
     * Multiplicative (soft bounds): potentiation scales with {@code w_max - w}, depression with {@code w - w_min};
     * the weight dependence of Rubin, Lee and Sompolinsky (2001), Guetig et al.'s (2003) rule with {@code mu = 1}.
     * Van Rossum, Bi and Turrigiano (2000) scale only depression with the weight; that mixed form is not offered.
     */
    MULTIPLICATIVE
}
