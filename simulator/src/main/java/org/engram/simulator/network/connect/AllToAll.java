package org.engram.simulator.network.connect;

/**
 * Connects every source neuron to every target neuron: {@code n * m} synapses, or
 * {@code n * (n - 1)} within one population without autapses. Draws no random numbers.
 *
 * @param autapses whether a neuron connects to itself when source and target are the same
 *                 population (NEST's {@code allow_autapses}); default {@code true}
 */
public record AllToAll(boolean autapses) implements Connectivity {

    /**
     * The same rule with autapses allowed or not.
     *
     * @param allow whether a neuron may connect to itself
     * @return the rule
     */
    public AllToAll withAutapses(boolean allow) {
        return new AllToAll(allow);
    }

    @Override
    public void generate(ConnectContext context, SynapseSink sink) {
        boolean skipSelf = !autapses && context.samePopulation();
        int n = context.sourceSize();
        int m = context.targetSize();
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < m; t++) {
                if (t != s || !skipSelf) {
                    sink.add(s, t);
                }
            }
        }
    }

    @Override
    public long expectedSynapses(ConnectContext context) {
        return context.pairs(autapses);
    }

    @Override
    public String describe() {
        return "all_to_all(autapses=" + autapses + ")";
    }
}
