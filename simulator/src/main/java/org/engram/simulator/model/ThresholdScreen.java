package org.engram.simulator.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The threshold's pass with the potentials screened a vector at a time: a vector's compare tells whether any of
 * its lanes' neurons is at or above threshold, and only those vectors go through the scalar pass
 * ({@link ThresholdPass#apply}). The scalar pass tests each neuron with a branch, about a cycle a neuron, a
 * quarter of a large CUBA network's step; in the few-line program of {@code simulator/PERFORMANCE.md}
 * ("The threshold screened a vector at a time") the screen costs under half of that. The JIT's own
 * vectorisation cannot do it in Java 17: a compare that leaves a loop is not vectorised.
 *
 * <p>It uses the Vector API, an incubating module ({@code jdk.incubator.vector}) that Java resolves only when
 * asked ({@code --add-modules jdk.incubator.vector}, as {@code ./engram} does), so this class is loaded only
 * where {@link ThresholdPass#VECTOR_API} says the module is there, and the kernels use it only where
 * {@link #COMPILES_TO_VECTORS} too ({@link ThresholdPass#SCREENS}). Which neurons fire, in which order, and every
 * state variable are as the scalar pass leaves them: the screen only compares, as the scalar pass does ({@code
 * v >= vTh}, false for NaN), and passes each vector that holds a crossing on to it.
 */
final class ThresholdScreen {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /**
     * Whether the JIT compiles the screen to vector instructions, as HotSpot does for vectors of 4 doubles or more
     * (AVX2, AVX-512). With 2 (SSE or AVX alone, as some virtual machines offer, and 128-bit NEON) it compiles
     * none of the compares, and each runs as Java code that allocates objects: CUBA at 64,000 neurons for 600 ms
     * took 12 s with the screen against 0.9 s without ({@code -XX:UseAVX=1}).
     */
    static final boolean COMPILES_TO_VECTORS = SPECIES.length() >= 4;

    private ThresholdScreen() {
    }

    /** {@link ThresholdPass#apply}, with the potentials screened a vector at a time; the same arguments. */
    static void apply(IntegrateAndFireState s, int lo, int hi, int step, double vTh, double vReset,
                      int refractorySteps, SpikeSink out) {
        final double[] v = s.v;
        final int lanes = SPECIES.length();
        final int screened = lo + SPECIES.loopBound(hi - lo);
        int i = lo;
        for (; i < screened; i += lanes) {
            if (DoubleVector.fromArray(SPECIES, v, i).compare(VectorOperators.GE, vTh).anyTrue()) {
                ThresholdPass.apply(s, i, i + lanes, step, vTh, vReset, refractorySteps, out);
            }
        }
        ThresholdPass.apply(s, i, hi, step, vTh, vReset, refractorySteps, out);
    }
}
