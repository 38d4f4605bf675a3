package org.engram.simulator.network.connect;

import org.engram.simulator.ParameterException;

/**
 * Gives every source neuron exactly {@code k} outgoing synapses to targets drawn uniformly
 * (NEST's {@code fixed_outdegree}); {@code k n} synapses in all.
 *
 * <p>Source {@code s} draws its targets from its own stream. With multapses each target is drawn
 * independently, with repetition; without, the {@code k} targets are distinct and {@code k} may
 * not exceed the number of available targets. Without autapses, within one population, a source
 * never draws itself.
 *
 * @param k         synapses per source, {@code >= 0}
 * @param autapses  whether a neuron may connect to itself within one population; default {@code true}
 * @param multapses whether a source may make several synapses onto one target; default {@code true}
 */
public record FixedOutDegree(int k, boolean autapses, boolean multapses) implements Connectivity {

    /**
     * Validates the degree.
     *
     * @param k         synapses per source, {@code >= 0}
     * @param autapses  whether a neuron may connect to itself
     * @param multapses whether a pair may have several synapses
     */
    public FixedOutDegree {
        if (k < 0) {
            throw ParameterException.outOfRange("fixed_out_degree", "k", "an integer >= 0", k);
        }
    }

    /**
     * The same rule with autapses allowed or not.
     *
     * @param allow whether a neuron may connect to itself
     * @return the rule
     */
    public FixedOutDegree withAutapses(boolean allow) {
        return new FixedOutDegree(k, allow, multapses);
    }

    /**
     * The same rule with multapses allowed or not.
     *
     * @param allow whether a source may make several synapses onto one target
     * @return the rule
     */
    public FixedOutDegree withMultapses(boolean allow) {
        return new FixedOutDegree(k, autapses, allow);
    }

    @Override
    public void requireFits(ConnectContext context) {
        PartnerDraw.requireDrawable(context, "fixed_out_degree", k, autapses, multapses, false);
    }

    @Override
    public void generate(ConnectContext context, SynapseSink sink) {
        PartnerDraw.connect(context, sink, "fixed_out_degree", k, autapses, multapses, false);
    }

    @Override
    public long expectedSynapses(ConnectContext context) {
        return (long) k * context.sourceSize();
    }

    @Override
    public String describe() {
        return "fixed_out_degree(k=" + k + ", autapses=" + autapses + ", multapses=" + multapses + ")";
    }
}
