package org.engram.learning.layered;

import java.util.List;
import org.engram.simulator.ParameterException;

/**
 * The shape and neuron parameters of a layered network: inputs, hidden layers, readout.
 *
 * @param inputs   number of input neurons, {@code >= 1}
 * @param hidden   the hidden layers, input side first, at least one
 * @param readout  the readout layer
 * @param dtMs     the time step (ms), {@code > 0}
 * @param initGain initial weights are uniform in {@code +-initGain / sqrt(fan_in)}, {@code > 0}
 */
public record LayeredNetSpec(int inputs, List<HiddenLayer> hidden, ReadoutLayer readout, double dtMs,
                             double initGain) {
    private static final String OWNER = "layered network";

    /** Validates the shape. */
    public LayeredNetSpec {
        if (inputs < 1) {
            throw new ParameterException(OWNER, "inputs", "an integer >= 1", inputs);
        }
        if (hidden == null || hidden.isEmpty()) {
            throw new ParameterException(OWNER, "hidden", "at least one hidden layer", hidden);
        }
        hidden = List.copyOf(hidden);
        if (readout == null) {
            throw new ParameterException(OWNER, "readout", "a readout layer", "null");
        }
        ParameterException.requirePositive(OWNER, "dt", dtMs, "ms");
        ParameterException.requirePositive(OWNER, "init_gain", initGain, "dimensionless");
    }

    /**
     * A spec with dt = 1 ms and initial gain 1.
     *
     * @param inputs  number of inputs
     * @param hidden  hidden layers
     * @param readout readout layer
     * @return the spec
     */
    public static LayeredNetSpec of(int inputs, List<HiddenLayer> hidden, ReadoutLayer readout) {
        return new LayeredNetSpec(inputs, hidden, readout, 1.0, 1.0);
    }

    /** @return hidden layers plus the readout */
    public int layerCount() {
        return hidden.size() + 1;
    }
}
