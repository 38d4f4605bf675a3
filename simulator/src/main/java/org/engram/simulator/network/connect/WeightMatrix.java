package org.engram.simulator.network.connect;

import org.engram.simulator.ParameterException;

/**
 * Creates one synapse for every non-zero entry of a dense weight matrix, with that weight; row
 * {@code s} holds the weights from source {@code s}, column {@code t} those onto target {@code t}.
 * Delays come from the projection's {@code Synapses} spec. Draws no random numbers.
 *
 * <p>The matrix must have one row per source neuron and one column per target neuron; this is
 * checked when the projection is added to a network builder.
 */
public final class WeightMatrix implements Connectivity {
    private final double[][] weights;
    private final int columns;
    private final int nonZero;

    /**
     * Copies and checks the matrix.
     *
     * @param weights {@code weights[source][target]} in the target model's unit; a rectangle of
     *                finite numbers, zero meaning no synapse
     */
    WeightMatrix(double[][] weights) {
        if (weights == null) {
            throw new ParameterException("matrix", "weights", "a matrix, one row per source", "null");
        }
        this.weights = new double[weights.length][];
        this.columns = weights.length == 0 || weights[0] == null ? 0 : weights[0].length;
        int count = 0;
        for (int s = 0; s < weights.length; s++) {
            if (weights[s] == null) {
                throw new ParameterException("matrix", "weights[" + s + "]", "a row of " + (s == 0 ? "weights"
                        : "length " + columns + " like row 0"), "null");
            }
            if (weights[s].length != columns) {
                throw new ParameterException("matrix", "weights[" + s + "]", "a row of length " + columns
                        + " like row 0", "length " + weights[s].length);
            }
            this.weights[s] = weights[s].clone();
            for (int t = 0; t < columns; t++) {
                ParameterException.requireFinite("matrix", "weights[" + s + "][" + t + "]", weights[s][t],
                        "weight unit");
                if (weights[s][t] != 0) {
                    count++;
                }
            }
        }
        this.nonZero = count;
    }

    @Override
    public void requireFits(ConnectContext context) {
        if (weights.length != context.sourceSize() || columns != context.targetSize()) {
            throw new ParameterException("projection '" + context.projectionName() + "'", "matrix",
                    "a " + context.sourceSize() + " x " + context.targetSize() + " matrix (sources x targets)",
                    weights.length + " x " + columns);
        }
    }

    @Override
    public boolean givesWeights() {
        return true;
    }

    @Override
    public void generate(ConnectContext context, SynapseSink sink) {
        requireFits(context);
        for (int s = 0; s < weights.length; s++) {
            double[] row = weights[s];
            for (int t = 0; t < columns; t++) {
                if (row[t] != 0) {
                    sink.add(s, t, row[t], Double.NaN);
                }
            }
        }
    }

    /** Names the matrix entry, e.g. {@code weights[1][2]}: the user wrote a matrix, not a list. */
    @Override
    public String synapseOrigin(int k) {
        int left = k;
        for (int s = 0; s < weights.length; s++) {
            for (int t = 0; t < columns; t++) {
                if (weights[s][t] != 0 && left-- == 0) {
                    return "weights[" + s + "][" + t + "]";
                }
            }
        }
        return Connectivity.super.synapseOrigin(k);
    }

    @Override
    public String describe() {
        return "matrix(" + weights.length + " x " + columns + ", synapses=" + nonZero + ")";
    }
}
