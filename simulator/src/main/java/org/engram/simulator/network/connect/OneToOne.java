package org.engram.simulator.network.connect;

import org.engram.simulator.ParameterException;

/**
 * Connects source {@code i} to target {@code i} for every {@code i}; source and target must have
 * the same size. Within one population this makes every neuron an autapse, as the user asked.
 * Draws no random numbers.
 */
public record OneToOne() implements Connectivity {

    @Override
    public void requireFits(ConnectContext context) {
        if (context.sourceSize() != context.targetSize()) {
            throw new ParameterException("projection '" + context.projectionName() + "'", "one_to_one",
                    "source and target of equal size", context.sourceSize() + " sources and " + context.targetSize()
                            + " targets");
        }
    }

    @Override
    public void generate(ConnectContext context, SynapseSink sink) {
        requireFits(context);
        int n = context.sourceSize();
        for (int i = 0; i < n; i++) {
            sink.add(i, i);
        }
    }

    @Override
    public long expectedSynapses(ConnectContext context) {
        return context.sourceSize();
    }

    @Override
    public String describe() {
        return "one_to_one()";
    }
}
