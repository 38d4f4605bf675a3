package org.engram.simulator.network.connect;

import java.util.ArrayList;
import java.util.List;

/** Records the (source, target) pairs a rule reports, in the order it reports them. */
final class RecordingSink implements SynapseSink {
    final List<int[]> pairs = new ArrayList<>();

    /**
     * Runs a rule as projection 0 of a network.
     *
     * @param n    source neurons
     * @param m    target neurons
     * @param same whether source and target are one population (then {@code n == m})
     * @return the pairs, in the order the rule reported them
     */
    static List<int[]> run(Connectivity rule, int n, int m, boolean same, long seed) {
        RecordingSink r = new RecordingSink();
        rule.generate(new ConnectContext("proj", 0, n, m, same, seed), r);
        return r.pairs;
    }

    @Override
    public void add(int source, int target) {
        pairs.add(new int[] {source, target});
    }

    @Override
    public void add(int source, int target, double weight, double delayMs) {
        add(source, target);
    }
}
