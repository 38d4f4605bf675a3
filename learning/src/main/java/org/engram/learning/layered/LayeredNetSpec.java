package org.engram.learning.layered;

import java.util.ArrayList;
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
    /** The most weights of one matrix: it is one Java array. */
    private static final long MAX_WEIGHTS = Integer.MAX_VALUE - 8;

    /**
     * Validates the shape.
     *
     * @param inputs   number of input neurons, {@code >= 1}
     * @param hidden   the hidden layers, input side first, at least one
     * @param readout  the readout layer
     * @param dtMs     the time step (ms), {@code > 0}
     * @param initGain initial weights are uniform in {@code +-initGain / sqrt(fan_in)}, {@code > 0}
     */
    public LayeredNetSpec {
        if (inputs < 1) {
            throw new ParameterException(OWNER, "inputs", "an integer >= 1", inputs);
        }
        if (hidden == null || hidden.isEmpty()) {
            throw new ParameterException(OWNER, "hidden", "at least one hidden layer", hidden);
        }
        for (int l = 0; l < hidden.size(); l++) {
            if (hidden.get(l) == null) {
                throw new ParameterException(OWNER, "hidden[" + l + "]", "a hidden layer", "null");
            }
        }
        hidden = List.copyOf(hidden);
        if (readout == null) {
            throw new ParameterException(OWNER, "readout", "a readout layer", "null");
        }
        ParameterException.requirePositive(OWNER, "dt", dtMs, "ms");
        ParameterException.requirePositive(OWNER, "init_gain", initGain, "dimensionless");
        int[][] shapes = matrixShapes(inputs, hidden, readout);
        for (int m = 0; m < shapes.length; m++) {
            int[] shape = shapes[m];
            if ((long) shape[0] * shape[1] > MAX_WEIGHTS) {
                String at = shape[2] < hidden.size() ? "hidden[" + shape[2] + "]" : "readout";
                // A layer's recurrent matrix follows its feed-forward one, of the same layer.
                boolean recurrent = m > 0 && shapes[m - 1][2] == shape[2];
                String most = recurrent ? (int) Math.sqrt(MAX_WEIGHTS) + " units in a recurrent layer"
                        : MAX_WEIGHTS / shape[0] + " units after " + shape[0];
                throw new ParameterException(OWNER, at, "at most " + MAX_WEIGHTS + " weights in one matrix (one "
                        + "array), i.e. at most " + most, shape[0] + " x " + shape[1]);
            }
        }
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

    /**
     * The weight matrices of a {@link LayeredNet} built from this spec, in its matrix order (each
     * layer's feed-forward matrix, then its recurrent one if it has one; the readout's last).
     *
     * @return per matrix {@code {pre, post, layer}}: presynaptic and postsynaptic neuron counts and
     *         the index of the layer it feeds
     */
    public int[][] matrixShapes() {
        return matrixShapes(inputs, hidden, readout);
    }

    private static int[][] matrixShapes(int inputs, List<HiddenLayer> hidden, ReadoutLayer readout) {
        List<int[]> shapes = new ArrayList<>();
        int pre = inputs;
        for (int l = 0; l < hidden.size(); l++) {
            int size = hidden.get(l).size();
            shapes.add(new int[] {pre, size, l});
            if (hidden.get(l).recurrent()) {
                shapes.add(new int[] {size, size, l});
            }
            pre = size;
        }
        shapes.add(new int[] {pre, readout.classes(), hidden.size()});
        return shapes.toArray(new int[0][]);
    }

    /** {@return hidden layers plus the readout} */
    public int layerCount() {
        return hidden.size() + 1;
    }
}
