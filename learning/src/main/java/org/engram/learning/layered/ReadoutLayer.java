package org.engram.learning.layered;

import org.engram.simulator.ParameterException;

/**
 * The readout layer of a {@link LayeredNetSpec}: one LIF neuron per class, spiking or not
 * depending on the {@link Readout}.
 *
 * @param classes      number of classes (readout neurons), {@code >= 2}
 * @param readout      how logits are read
 * @param tauMs        membrane time constant (ms), {@code > 0}
 * @param threshold    threshold of spiking readouts, {@code > 0}
 * @param reset        reset of spiking readouts
 * @param traceTauMs   time constant of the {@link Readout#EXP_RATE} trace (ms), {@code > 0}
 */
public record ReadoutLayer(int classes, Readout readout, double tauMs, double threshold, ResetMode reset,
                           double traceTauMs) {
    private static final String OWNER = "readout layer";

    /**
     * Validates every parameter.
     *
     * @param classes    number of classes (readout neurons), {@code >= 2}
     * @param readout    how logits are read
     * @param tauMs      membrane time constant (ms), {@code > 0}
     * @param threshold  threshold of spiking readouts, {@code > 0}
     * @param reset      reset of spiking readouts
     * @param traceTauMs time constant of the {@link Readout#EXP_RATE} trace (ms), {@code > 0}
     */
    public ReadoutLayer {
        if (classes < 2) {
            throw new ParameterException(OWNER, "classes", "an integer >= 2", classes);
        }
        if (readout == null || reset == null) {
            throw new ParameterException(OWNER, readout == null ? "readout" : "reset", "a value", "null");
        }
        ParameterException.requirePositive(OWNER, "tau_m", tauMs, "ms");
        ParameterException.requirePositive(OWNER, "threshold", threshold, "dimensionless");
        ParameterException.requirePositive(OWNER, "tau_trace", traceTauMs, "ms");
    }

    /**
     * A readout with threshold 1, reset by subtraction and a 10 ms trace.
     *
     * @param classes number of classes
     * @param readout how logits are read
     * @param tauMs   membrane time constant (ms)
     * @return the readout layer
     */
    public static ReadoutLayer of(int classes, Readout readout, double tauMs) {
        return new ReadoutLayer(classes, readout, tauMs, 1.0, ResetMode.SUBTRACT, 10.0);
    }
}
