package org.engram.learning.layered;

import org.engram.simulator.network.connect.ConnectContext;
import org.engram.simulator.network.connect.Connectivity;
import org.engram.simulator.network.connect.SynapseSink;

/**
 * Every source to every target, self-connections included: the CSR rows of the projection are
 * then the rows of a dense input-major {@code [source][target]} matrix.
 */
final class AllToAll implements Connectivity {
    @Override
    public void generate(ConnectContext context, SynapseSink sink) {
        for (int s = 0; s < context.sourceSize(); s++) {
            for (int t = 0; t < context.targetSize(); t++) {
                sink.add(s, t);
            }
        }
    }

    @Override
    public long expectedSynapses(ConnectContext context) {
        return context.pairs(true);
    }

    @Override
    public String describe() {
        return "all_to_all(with self-connections)";
    }
}
