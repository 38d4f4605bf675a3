package org.engram.simulator.network.connect;

import org.engram.simulator.ParameterException;

/**
 * Gives every target neuron exactly {@code k} incoming synapses from sources drawn uniformly
 * (NEST's {@code fixed_indegree}); {@code k m} synapses in all.
 *
 * <p>Target {@code t} draws its sources from its own stream. With multapses each source is drawn
 * independently, with repetition; without, the {@code k} sources are distinct (a uniform
 * {@code k}-subset) and {@code k} may not exceed the number of available sources. Without
 * autapses, within one population, a target never draws itself.
 *
 * @param k         synapses per target, {@code >= 0}
 * @param autapses  whether a neuron may connect to itself within one population; default {@code true}
 * @param multapses whether a target may receive several synapses from one source; default {@code true}
 */
public record FixedInDegree(int k, boolean autapses, boolean multapses) implements Connectivity {

    /**
     * Validates the degree.
     *
     * @param k         synapses per target, {@code >= 0}
     * @param autapses  whether a neuron may connect to itself
     * @param multapses whether a pair may have several synapses
     */
    public FixedInDegree {
        if (k < 0) {
            throw ParameterException.outOfRange("fixed_in_degree", "k", "an integer >= 0", k);
        }
    }

    /**
     * The same rule with autapses allowed or not.
     *
     * @param allow whether a neuron may connect to itself
     * @return the rule
     */
    public FixedInDegree withAutapses(boolean allow) {
        return new FixedInDegree(k, allow, multapses);
    }

    /**
     * The same rule with multapses allowed or not.
     *
     * @param allow whether a target may receive several synapses from one source
     * @return the rule
     */
    public FixedInDegree withMultapses(boolean allow) {
        return new FixedInDegree(k, autapses, allow);
    }

    @Override
    public void requireFits(ConnectContext context) {
        PartnerDraw.requireDrawable(context, "fixed_in_degree", k, autapses, multapses, true);
    }

    @Override
    public void generate(ConnectContext context, SynapseSink sink) {
        PartnerDraw.connect(context, sink, "fixed_in_degree", k, autapses, multapses, true);
    }

    @Override
    public long expectedSynapses(ConnectContext context) {
        return (long) k * context.targetSize();
    }

    @Override
    public String describe() {
        return "fixed_in_degree(k=" + k + ", autapses=" + autapses + ", multapses=" + multapses + ")";
    }
}
