package org.engram.learning.plasticity;

import org.engram.simulator.ParameterException;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.Projection;

/** Shared checks of the plasticity rules: a weight range that is valid and keeps the projection's sign. */
final class Bounds {
    private Bounds() {
    }

    /**
     * Fails unless the weight range keeps the projection's sign: a rule must not turn inhibitory
     * synapses excitatory or the reverse (the network builder checks the same of initial weights).
     */
    static void checkSign(String owner, Projection projection, double wMin, double wMax) {
        if (projection.receptor() == Receptor.INHIBITORY && wMax > 0) {
            throw new ParameterException(owner, "w_max", "a weight <= 0 for the inhibitory projection '"
                    + projection.name() + "'", wMax);
        }
        if (projection.receptor() == Receptor.EXCITATORY && wMin < 0) {
            throw new ParameterException(owner, "w_min", "a weight >= 0 for the excitatory projection '"
                    + projection.name() + "'", wMin);
        }
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
