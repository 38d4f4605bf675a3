package org.engram.simulator.network.connect;

import org.engram.simulator.ParameterException;

/**
 * Creates exactly the synapses of a list of (source, target) pairs, optionally each with its own
 * weight and delay. Repeated pairs become several synapses. Draws no random numbers.
 *
 * <p>Without weights and delays every synapse takes them from the projection's {@code Synapses}
 * spec (constant or drawn). Index ranges, and the weight signs and delay steps of the list, are
 * checked when the projection is added to a network builder, which knows the populations' sizes,
 * the projection's receptor and the time grid.
 */
public final class ExplicitList implements Connectivity {
    private final int[] sources;
    private final int[] targets;
    private final double[] weights;
    private final double[] delaysMs;

    /**
     * Copies and checks the lists.
     *
     * @param sources  population-local source indices
     * @param targets  population-local target indices, same length as {@code sources}
     * @param weights  one weight per pair in the target model's unit, or {@code null} to use the spec
     * @param delaysMs one delay per pair in ms, or {@code null} to use the spec; given together with
     *                 {@code weights}
     */
    ExplicitList(int[] sources, int[] targets, double[] weights, double[] delaysMs) {
        if (sources == null || targets == null) {
            throw new ParameterException("explicit", sources == null ? "sources" : "targets",
                    "an array of population-local indices", "null");
        }
        requireLength("targets", targets.length, sources.length);
        if ((weights == null) != (delaysMs == null)) {
            throw new ParameterException("explicit", weights == null ? "weights" : "delays",
                    "weights and delays given together", "only one of them");
        }
        if (weights != null) {
            requireLength("weights", weights.length, sources.length);
            requireLength("delays", delaysMs.length, sources.length);
            for (int i = 0; i < weights.length; i++) {
                ParameterException.requireFinite("explicit", "weights[" + i + "]", weights[i], "weight unit");
                ParameterException.requirePositive("explicit", "delays[" + i + "]", delaysMs[i], "ms");
            }
        }
        this.sources = sources.clone();
        this.targets = targets.clone();
        this.weights = weights == null ? null : weights.clone();
        this.delaysMs = delaysMs == null ? null : delaysMs.clone();
    }

    private static void requireLength(String name, int length, int expected) {
        if (length != expected) {
            throw new ParameterException("explicit", name, "an array of length " + expected
                    + " (one entry per source index)", "length " + length);
        }
    }

    /** Checks every index against the projection's sizes, naming the first out of range as the builder would. */
    @Override
    public void requireFits(ConnectContext context) {
        for (int i = 0; i < sources.length; i++) {
            requireIndex(context, "source", sources[i], context.sourceSize(), i);
            requireIndex(context, "target", targets[i], context.targetSize(), i);
        }
    }

    private void requireIndex(ConnectContext context, String end, int index, int size, int position) {
        if (index < 0 || index >= size) {
            throw new ParameterException("projection '" + context.projectionName() + "'", end, "an index in [0, "
                    + size + ")", index).atEntry(synapseOrigin(position));
        }
    }

    @Override
    public boolean givesWeights() {
        return weights != null;
    }

    @Override
    public boolean givesDelays() {
        return delaysMs != null;
    }

    @Override
    public void generate(ConnectContext context, SynapseSink sink) {
        requireFits(context);
        for (int i = 0; i < sources.length; i++) {
            if (weights == null) {
                sink.add(sources[i], targets[i]);
            } else {
                sink.add(sources[i], targets[i], weights[i], delaysMs[i]);
            }
        }
    }

    @Override
    public String describe() {
        return "explicit(synapses=" + sources.length + ", weights=" + (weights == null ? "spec" : "given") + ")";
    }
}
