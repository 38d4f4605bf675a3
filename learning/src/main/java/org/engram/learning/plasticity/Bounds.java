package org.engram.learning.plasticity;

import org.engram.simulator.ParameterException;
import org.engram.simulator.network.Projection;

/** Shared checks of the plasticity rules: a plastic projection and a valid weight range. */
final class Bounds {
    private Bounds() {
    }

    static float[] plasticWeights(String owner, Projection projection) {
        if (!projection.plastic() || projection.weights() == null) {
            throw new ParameterException(owner, "projection", "a plastic projection (Synapses.asPlastic())",
                    projection.name());
        }
        return projection.weights();
    }

    static void checkRange(String owner, double wMin, double wMax) {
        ParameterException.requireFinite(owner, "w_min", wMin, "weight unit");
        ParameterException.requireFinite(owner, "w_max", wMax, "weight unit");
        if (!(wMin < wMax)) {
            throw new ParameterException(owner, "w_max", "a weight > w_min = " + wMin, wMax);
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
