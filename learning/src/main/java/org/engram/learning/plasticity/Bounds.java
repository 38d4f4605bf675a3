package org.engram.learning.plasticity;

import org.engram.simulator.ParameterException;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.Projection;

/** Shared checks of the plasticity rules: a weight range that is valid and keeps the projection's sign. */
final class Bounds {
    private Bounds() {
    }

    /**
     * Fails unless the weight range keeps the projection's sign (a rule must not turn inhibitory
     * synapses excitatory or the reverse; the network builder checks the same of initial weights)
     * and holds every initial weight: the first change would clip one outside to a bound, a jump no
     * spike pair made (5 under bounds [0, 1] became 1). Weights are compared as the floats they are
     * stored as, so one written equal to a bound (0.1) lies within it. The bounds are named in the
     * message as the rule's parameters give them, e.g. {@code [w_min, w_max]} or {@code [-w_max, 0]}.
     */
    static void checkProjection(String owner, Projection projection, PlasticityRules.WeightBounds bounds,
                                String named) {
        PlasticityRule.requireBoundsKeepSign(owner, projection.receptor(), projection.name(), bounds);
        float low = (float) bounds.wMin();
        float high = (float) bounds.wMax();
        float[] weights = projection.weights();
        for (int k = 0; k < weights.length; k++) {
            // Written so that NaN, which no bound holds, fails too.
            if (!(weights[k] >= low && weights[k] <= high)) {
                throw new ParameterException(owner + " on '" + projection.name() + "'", "weights", "weights within "
                        + "the rule's bounds " + named + " = [" + bounds.wMin() + ", " + bounds.wMax() + "]",
                        weights[k] + " (synapse " + k + ")");
            }
        }
    }

    static void checkRange(String owner, double wMin, double wMax) {
        checkRange(owner, new PlasticityRules.WeightBounds(wMin, wMax));
    }

    /** Fails unless both bounds are weights a float holds and the lower is below the upper, each named by its key. */
    static void checkRange(String owner, PlasticityRules.WeightBounds bounds) {
        requireFloat(owner, bounds.minKey(), bounds.wMin());
        requireFloat(owner, bounds.maxKey(), bounds.wMax());
        if (!(bounds.wMin() < bounds.wMax())) {
            throw new ParameterException(owner, bounds.maxKey(), "a weight > " + bounds.minKey() + " = "
                    + bounds.wMin(), bounds.wMax(), null, bounds.minKey());
        }
    }

    /** Fails unless a bound is a weight a {@code float} holds: beyond it a stored weight would overflow. */
    private static void requireFloat(String owner, String parameter, double bound) {
        if (!(Math.abs(bound) <= Float.MAX_VALUE)) {
            throw new ParameterException(owner, parameter, "a finite weight of magnitude <= " + Float.MAX_VALUE
                    + " (weights are stored as float)", bound);
        }
    }

    /**
     * Fails unless an amplitude or rate is finite and {@code >= 0}: an infinite one times a zero
     * trace is NaN, which the weight clip would pass on.
     */
    static void requireAmplitude(String owner, String parameter, double value, String unit) {
        ParameterException.requireNonNegative(owner, parameter, value, unit);
        ParameterException.requireFinite(owner, parameter, value, unit);
    }

    static float clip(double w, double wMin, double wMax) {
        return (float) Math.max(wMin, Math.min(wMax, w));
    }
}
