package org.engram.learning.plasticity;

/** How the size of a weight change depends on the weight. */
public enum WeightDependence {
    /** Changes do not depend on the weight (hard bounds only). */
    ADDITIVE,
    /** Multiplicative (soft bounds): potentiation scales with {@code w_max - w}, depression with {@code w - w_min}. */
    MULTIPLICATIVE
}
