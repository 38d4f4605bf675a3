package org.engram.learning.layered;

import org.engram.simulator.ParameterException;

/**
 * One hidden layer of a {@link LayeredNetSpec}. Membrane potentials are in units where the
 * threshold is {@code threshold}; inputs add the weights of the spikes that arrive.
 *
 * <pre>
 *   v_t  = beta u_(t-1) + I_t,               beta = exp(-dt / tau_m)
 *   th_t = threshold + adaptation a_(t-1)    (adaptive LIF; LIF: th_t = threshold)
 *   s_t  = H(v_t - th_t)
 *   u_t  = v_t - th_t s_t (SUBTRACT) or v_t (1 - s_t) (ZERO)
 *   a_t  = rho a_(t-1) + s_t,                rho = exp(-dt / tau_adapt)
 * </pre>
 *
 * @param size       neurons, {@code >= 1}
 * @param kind       LIF or adaptive LIF
 * @param tauMs      membrane time constant tau_m (ms), {@code > 0}
 * @param threshold  threshold (dimensionless), {@code > 0}
 * @param reset      reset by subtraction or to zero
 * @param tauAdaptMs adaptation time constant (ms), {@code > 0}; used by adaptive LIF
 * @param adaptation threshold increase per unit of adaptation, {@code >= 0}; used by adaptive LIF
 * @param recurrent  whether the layer has all-to-all recurrent connections (one-step delay)
 */
public record HiddenLayer(int size, NeuronKind kind, double tauMs, double threshold, ResetMode reset,
                          double tauAdaptMs, double adaptation, boolean recurrent) {
    private static final String OWNER = "hidden layer";

    /**
     * Validates every parameter.
     *
     * @param size       neurons, {@code >= 1}
     * @param kind       LIF or adaptive LIF
     * @param tauMs      membrane time constant tau_m (ms), {@code > 0}
     * @param threshold  threshold (dimensionless), {@code > 0}
     * @param reset      reset by subtraction or to zero
     * @param tauAdaptMs adaptation time constant (ms), {@code > 0}; used by adaptive LIF
     * @param adaptation threshold increase per unit of adaptation, {@code >= 0}; used by adaptive LIF
     * @param recurrent  whether the layer has all-to-all recurrent connections (one-step delay)
     */
    public HiddenLayer {
        if (size < 1) {
            throw new ParameterException(OWNER, "size", "an integer >= 1", size);
        }
        if (kind == null || reset == null) {
            throw new ParameterException(OWNER, kind == null ? "kind" : "reset", "a value", "null");
        }
        ParameterException.requirePositive(OWNER, "tau_m", tauMs, "ms");
        ParameterException.requirePositive(OWNER, "threshold", threshold, "dimensionless");
        ParameterException.requirePositive(OWNER, "tau_adapt", tauAdaptMs, "ms");
        ParameterException.requireNonNegative(OWNER, "adaptation", adaptation, "dimensionless");
        if (!Double.isFinite(tauMs) || !Double.isFinite(threshold) || !Double.isFinite(adaptation)) {
            throw new ParameterException(OWNER, "tau_m/threshold/adaptation", "finite numbers",
                    tauMs + "/" + threshold + "/" + adaptation);
        }
    }

    /**
     * A feed-forward LIF layer with reset by subtraction, threshold 1.
     *
     * @param size  neurons
     * @param tauMs membrane time constant (ms)
     * @return the layer
     */
    public static HiddenLayer lif(int size, double tauMs) {
        return new HiddenLayer(size, NeuronKind.LIF, tauMs, 1.0, ResetMode.SUBTRACT, 100.0, 0.0, false);
    }

    /**
     * A feed-forward adaptive-LIF layer with reset by subtraction, threshold 1.
     *
     * @param size       neurons
     * @param tauMs      membrane time constant (ms)
     * @param tauAdaptMs adaptation time constant (ms)
     * @param adaptation threshold increase per unit of adaptation
     * @return the layer
     */
    public static HiddenLayer adaptive(int size, double tauMs, double tauAdaptMs, double adaptation) {
        return new HiddenLayer(size, NeuronKind.ADAPTIVE_LIF, tauMs, 1.0, ResetMode.SUBTRACT, tauAdaptMs,
                adaptation, false);
    }

    /**
     * {@return this layer with recurrence switched}
     *
     * @param isRecurrent whether the layer has recurrent connections
     */
    public HiddenLayer withRecurrent(boolean isRecurrent) {
        return new HiddenLayer(size, kind, tauMs, threshold, reset, tauAdaptMs, adaptation, isRecurrent);
    }

    /**
     * {@return this layer with another reset}
     *
     * @param mode the reset mode
     */
    public HiddenLayer withReset(ResetMode mode) {
        return new HiddenLayer(size, kind, tauMs, threshold, mode, tauAdaptMs, adaptation, recurrent);
    }

    /**
     * {@return this layer with another threshold}
     *
     * @param value the threshold
     */
    public HiddenLayer withThreshold(double value) {
        return new HiddenLayer(size, kind, tauMs, value, reset, tauAdaptMs, adaptation, recurrent);
    }
}
